import type { Principal } from '../auth/principal';
import { inSubtree } from '../organisations/jurisdiction-subtree';

/**
 * Which plots a caller may see (docs/architecture.md, Roles): admin all; a bureau the plots of
 * its jurisdiction's subtree (a province's or a city's bureau those of the districts below it,
 * DESIGN §1.1); a holder its own organisation's and those it answers for otherwise (a former holder, the responsible
 * party); a consultant those its
 * organisation is commissioned on; an expert (评审专家) the plots of the review panels it sits on.
 * A destination bureau of a soil transport sees that transport (transport-access.ts), never the
 * plot it comes from. Returns a SQL condition on the plot alias and the parameters it appends.
 */
export function plotVisibility(p: Principal, alias: string, params: unknown[]): string {
  switch (p.role) {
    case 'admin':
      return 'TRUE';
    case 'eeb':
    case 'land':
      return inSubtree(`${alias}.jurisdiction_code`, p.jurisdictionCode, params);
    case 'holder':
      // The holder, and an organisation that answers for the plot otherwise: a former holder (收回、转让), the
      // responsible party, or one carrying a duty for the government or by contract (plot_parties).
      // The parties' plots are read once (an InitPlan over the plot_parties key), so that both halves use an index.
      params.push(p.organisationId);
      return `(${alias}.holder_organisation_id = $${params.length}
        OR ${alias}.id = ANY (ARRAY(SELECT pp.plot_id FROM plot_parties pp WHERE pp.organisation_id = $${params.length})))`;
    case 'consultant':
      params.push(p.organisationId);
      return `EXISTS (SELECT 1 FROM plot_commissions c WHERE c.plot_id = ${alias}.id AND c.organisation_id = $${params.length})`;
    case 'expert':
      params.push(p.userId);
      return `EXISTS (SELECT 1 FROM plot_panel_members m WHERE m.plot_id = ${alias}.id AND m.user_id = $${params.length})`;
    default:
      return 'FALSE';
  }
}
