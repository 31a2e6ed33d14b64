import type { Principal } from '../auth/principal';
import { inSubtree, subtreePattern } from '../organisations/jurisdiction-subtree';

/**
 * Which transports a caller may see (docs/architecture.md, Roles): the holder organisation, the
 * bureaus whose subtree holds the origin jurisdiction (所在地, as they see its plot), the
 * environment bureaus whose subtree holds the destination jurisdiction (接收地) while the
 * transport is not cancelled, and admin. Sending events stays with the bureaus of the two
 * jurisdictions themselves (src/engine/scope.ts). Returns a SQL condition on the transport alias
 * and the parameters it appends.
 */
export function transportVisibility(p: Principal, alias: string, params: unknown[]): string {
  switch (p.role) {
    case 'admin':
      return 'TRUE';
    case 'holder':
      // Its holder, and those who answer for its plot otherwise (plot_parties: a former holder after 收回 or 转让
      // still reads the transports it filed, and is refused on them, as on the plot).
      params.push(p.organisationId);
      return `(${alias}.holder_organisation_id = $${params.length}
        OR ${alias}.plot_id = ANY (ARRAY(SELECT pp.plot_id FROM plot_parties pp WHERE pp.organisation_id = $${params.length})))`;
    case 'eeb': {
      if (!p.jurisdictionCode) return 'FALSE';
      params.push(subtreePattern(p.jurisdictionCode));
      const n = params.length;
      // A cancelled batch sends nothing to the destination, so it grants the destination nothing.
      return `(${alias}.origin_jurisdiction LIKE $${n}
        OR (${alias}.destination_jurisdiction LIKE $${n} AND ${alias}.state <> 'cancelled'))`;
    }
    case 'land':
      return inSubtree(`${alias}.origin_jurisdiction`, p.jurisdictionCode, params);
    default:
      return 'FALSE';
  }
}
