import type { Principal } from '../auth/principal';
import { inSubtree } from '../organisations/jurisdiction-subtree';

/**
 * Which key units a caller may see (issue 18): the environment and natural-resources bureaus of the unit's
 * jurisdiction or above it, the 工业和信息化 bureau of its district (it receives the demolition filings), the unit's
 * own users (role holder of the unit's organisation), and admin. Returns a SQL condition on the unit alias and the
 * parameters it appends.
 */
export function keyUnitVisibility(p: Principal, alias: string, params: unknown[]): string {
  switch (p.role) {
    case 'admin':
      return 'TRUE';
    case 'holder':
      params.push(p.organisationId);
      return `${alias}.organisation_id = $${params.length}`;
    case 'eeb':
    case 'land':
      return inSubtree(`${alias}.jurisdiction_code`, p.jurisdictionCode, params);
    case 'miit':
      if (!p.jurisdictionCode) return 'FALSE';
      params.push(p.jurisdictionCode);
      return `${alias}.jurisdiction_code = $${params.length}`;
    default:
      return 'FALSE';
  }
}
