import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RegisterRow } from './register-entries';
import { subtreePattern } from '../organisations/jurisdiction-subtree';

/**
 * The plot's deciding reports, as workflows/plot-lifecycle/v2/evidence.ts decidingReportIds
 * counts them (only reviewed evidence decides, DESIGN §3 rev. 2): v2's approved reports and the
 * one under review; for a plot still on v1 (no list of approved reports), its last submitted one.
 */
const DECIDING_REPORTS = `SELECT jsonb_array_elements_text(p.snapshot->'context'->'approvedReportIds')
       WHERE jsonb_typeof(p.snapshot->'context'->'approvedReportIds') = 'array'
      UNION ALL SELECT p.snapshot->'context'->>'currentReportId'
       WHERE jsonb_typeof(p.snapshot->'context'->'approvedReportIds') IS DISTINCT FROM 'array' OR p.state LIKE '%underReview'`;

const REGISTER_COLUMNS = `p.id, p.code, p.name, p.address, p.jurisdiction_code AS jurisdiction, j.name AS "jurisdictionName",
  p.area_m2::float8 AS "areaM2", p.planned_land_class AS "plannedLandClass", o.name AS "holderOrganisationName", p.state,
  p.snapshot->'context' AS context,
  (SELECT r.conclusion->'pollutants' FROM reports r WHERE r.plot_id = p.id AND r.kind = 'risk_assessment'
      AND r.id::text IN (${DECIDING_REPORTS})
    ORDER BY r.created_at DESC LIMIT 1) AS "assessedPollutants",
  (SELECT max(a.at) FROM audit_log a WHERE a.entity_type = 'plot' AND a.entity_id = p.id AND a.to_state LIKE 'listed.%'
    AND (a.from_state IS NULL OR a.from_state NOT LIKE 'listed.%')) AS "listedAt"`;
/** On the register: a listed sub-state (the stage column serves the plots_stage_idx index). */
const LISTED = `p.stage = 'listed' AND p.state LIKE 'listed.%'`;
const REGISTER_FROM = `plots p JOIN jurisdictions j ON j.code = p.jurisdiction_code JOIN organisations o ON o.id = p.holder_organisation_id`;

/**
 * The register query (名录): read only, over plots with their jurisdiction and
 * holder, the latest risk assessment's pollutants (reports) and the day each
 * entered the register (audit_log). Those tables are written by their own
 * repositories; this one only reads them.
 */
@Injectable()
export class RegistersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** How many plots are on the register per jurisdiction, of one jurisdiction or (null) of all, by jurisdiction code. */
  listedCounts(jurisdiction: string | null): Promise<Array<{ code: string; n: number }>> {
    return this.ds.query(
      `SELECT p.jurisdiction_code AS code, count(*)::int AS n FROM plots p
        WHERE ${LISTED} AND ($1::varchar IS NULL OR p.jurisdiction_code = $1)
        GROUP BY p.jurisdiction_code ORDER BY p.jurisdiction_code`,
      [jurisdiction],
    );
  }

  /** Every listed plot of the jurisdictions given (null: of all) and, with `within`, of that jurisdiction's subtree, by plot code. */
  listed(jurisdictions: string[] | null, within: string | null = null): Promise<RegisterRow[]> {
    return this.ds.query(
      `SELECT ${REGISTER_COLUMNS} FROM ${REGISTER_FROM}
        WHERE ${LISTED} AND ($1::varchar[] IS NULL OR p.jurisdiction_code = ANY ($1))
          AND ($2::text IS NULL OR p.jurisdiction_code LIKE $2)
        ORDER BY p.code`,
      [jurisdictions, within === null ? null : subtreePattern(within)],
    );
  }
}
