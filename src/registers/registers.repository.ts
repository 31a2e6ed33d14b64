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
/** A plot's report or decision in its public period. */
export interface PublicPeriodRow {
  kind: 'effectEvaluation' | 'removalPublicity';
  plotCode: string;
  plotName: string;
  jurisdictionName: string;
  since: string | null;
  until: string | null;
  place: string | null;
}

/** A plot of the 疑似污染地块名单. */
export interface SuspectedRow {
  code: string;
  name: string;
  address: string;
  jurisdictionName: string;
  state: string;
  holderOrganisationName: string;
  areaM2: number;
  createdAt: string;
}

/** A plot on the aftercare watch list. */
export interface AftercareRow {
  id: string;
  code: string;
  name: string;
  state: string;
  jurisdictionName: string;
  holderOrganisationName: string;
  open: number;
  overdue: number;
  nextDueDate: string;
}

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

  /** How many plots are on the register per jurisdiction of a subtree (null: of all), by jurisdiction code. */
  listedCountsWithin(within: string | null): Promise<Array<{ code: string; n: number }>> {
    return this.ds.query(
      `SELECT p.jurisdiction_code AS code, count(*)::int AS n FROM plots p
        WHERE ${LISTED} AND ($1::text IS NULL OR p.jurisdiction_code LIKE $1)
        GROUP BY p.jurisdiction_code ORDER BY p.jurisdiction_code`,
      [within === null ? null : subtreePattern(within)],
    );
  }

  /**
   * 疑似污染地块名单 (42号令): the plots of a subtree (null: all) still suspected or under investigation, after the
   * plot code `after`, by code; the stage condition uses plots_stage_idx, the code order the unique index on code.
   */
  suspectedAfter(within: string | null, after: string, limit: number): Promise<SuspectedRow[]> {
    return this.ds.query(
      `SELECT p.code, p.name, p.address, j.name AS "jurisdictionName", p.state, o.name AS "holderOrganisationName",
              p.area_m2::float8 AS "areaM2", p.created_at AS "createdAt"
         FROM ${REGISTER_FROM}
        WHERE p.stage IN ('suspected', 'investigation') AND p.code > $2
          AND ($1::text IS NULL OR p.jurisdiction_code LIKE $1)
        ORDER BY p.code LIMIT $3`,
      [within === null ? null : subtreePattern(within), after, limit],
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
  /**
   * 后期管理 (土壤法第四十二条): the plots with aftercare obligations still open, of a jurisdiction's subtree (null: all),
   * with how many are open and overdue and the next due date; read from the open `aftercare` deadlines (one per
   * obligation), so it is served by deadlines_aftercare_open_idx however many plots there are.
   */
  aftercare(within: string | null, limit: number): Promise<AftercareRow[]> {
    return this.ds.query(
      `SELECT p.id, p.code, p.name, p.state, j.name AS "jurisdictionName", o.name AS "holderOrganisationName",
              count(*)::int AS open, count(*) FILTER (WHERE d.status = 'overdue')::int AS overdue,
              to_char(min(d.due_date), 'YYYY-MM-DD') AS "nextDueDate"
         FROM deadlines d JOIN plots p ON p.id = d.plot_id
         JOIN jurisdictions j ON j.code = p.jurisdiction_code JOIN organisations o ON o.id = p.holder_organisation_id
        WHERE d.kind = 'aftercare' AND d.status <> 'done' AND d.transport_id IS NULL
          AND ($1::text IS NULL OR p.jurisdiction_code LIKE $1)
        GROUP BY p.id, j.name, o.name
        ORDER BY count(*) FILTER (WHERE d.status = 'overdue') DESC, min(d.due_date), p.code
        LIMIT $2`,
      [within === null ? null : subtreePattern(within), limit],
    );
  }

  /**
   * What is in a public period now (42号令; DESIGN §1.1): the effect-evaluation reports their holders disclosed, of
   * plots still on the register, and the removal decisions in their publicity (公示). The effect evaluation's end is
   * computed by the caller from the configured months; the publicity's end is stored in the snapshot.
   */
  inPublicPeriod(): Promise<PublicPeriodRow[]> {
    return this.ds.query(
      `SELECT 'effectEvaluation' AS kind, p.code AS "plotCode", p.name AS "plotName", j.name AS "jurisdictionName",
              p.snapshot->'context'->'disclosures'->'effectEvaluation'->>'publishedOn' AS since,
              NULL::text AS until,
              p.snapshot->'context'->'disclosures'->'effectEvaluation'->>'place' AS place
         FROM plots p JOIN jurisdictions j ON j.code = p.jurisdiction_code
        WHERE p.state IN ('listed.awaitingRemoval', 'listed.removalReview', 'listed.removalPublicity')
          AND p.snapshot->'context'->'disclosures' ? 'effectEvaluation'
       UNION ALL
       SELECT 'removalPublicity', p.code, p.name, j.name, NULL, p.snapshot->'context'->>'publicityEndsOn', NULL
         FROM plots p JOIN jurisdictions j ON j.code = p.jurisdiction_code
        WHERE p.state = 'listed.removalPublicity'
        ORDER BY 2, 1`,
    );
  }
}
