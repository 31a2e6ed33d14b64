import type { Principal } from '../auth/principal';

/**
 * Which transports a caller may see (docs/architecture.md, Roles): the holder organisation, the
 * bureaus of the origin jurisdiction (所在地), the environment bureau of the
 * destination jurisdiction (接收地) while the transport is not cancelled, and
 * admin. Returns a SQL condition on the transport alias and the parameters it appends.
 */
export function transportVisibility(p: Principal, alias: string, params: unknown[]): string {
  switch (p.role) {
    case 'admin':
      return 'TRUE';
    case 'holder':
      params.push(p.organisationId);
      return `${alias}.holder_organisation_id = $${params.length}`;
    case 'eeb':
      params.push(p.jurisdictionCode);
      // A cancelled batch sends nothing to the destination, so it grants the destination nothing.
      return `(${alias}.origin_jurisdiction = $${params.length}
        OR (${alias}.destination_jurisdiction = $${params.length} AND ${alias}.state <> 'cancelled'))`;
    case 'land':
      params.push(p.jurisdictionCode);
      return `${alias}.origin_jurisdiction = $${params.length}`;
    default:
      return 'FALSE';
  }
}
