import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { WorkflowRow } from '../engine/workflow-entity';
import { inSubtree } from '../organisations/jurisdiction-subtree';
import type { Crop, Medium, PointKind, PointLand } from './monitoring-reference';

export interface PointRow {
  id: string;
  code: string;
  name: string;
  kind: PointKind;
  media: Medium[];
  lon: number;
  lat: number;
  land: PointLand;
  crop: Crop | null;
  landClass: 1 | 2 | null;
  plotId: string | null;
  unitId: string | null;
  frequencyYears: number;
  responsibleOrganisationId: string;
  responsibleOrganisationName: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  nextDueOn: string;
  createdAt: string;
}

export type NewPoint = Omit<PointRow, 'responsibleOrganisationName' | 'jurisdictionName' | 'createdAt'> & { createdBy: string };

export interface NewResult {
  campaignId: string;
  pointId: string;
  sampledOn: string;
  medium: string;
  cas: string;
  analyte: string;
  value: number | null;
  unit: string;
  detected: boolean;
  detectionLimit: number | null;
  ph: number | null;
  screeningValue: number | null;
  interventionValue: number | null;
  factor: number | null;
}

export interface CampaignRow {
  id: string;
  name: string;
  year: number;
  jurisdictionCode: string;
  results: number;
  createdAt: string;
  uploadedBy: string;
  documentId: string | null;
  documentNumber: string | null;
}

export interface ResultRow extends NewResult {
  id: string;
  campaignName: string;
  campaignYear: number;
}

export interface WarningRow extends WorkflowRow {
  pointId: string;
  pointCode: string;
  pointName: string;
  cas: string;
  analyte: string;
  factor: number | null;
  resultId: string | null;
  rule: string;
  jurisdictionCode: string;
  createdAt: string;
  updatedAt: string;
}

const POINT_COLUMNS = `m.id, m.code, m.name, m.kind, m.media, m.lon, m.lat, m.land, m.crop, m.land_class AS "landClass",
  m.plot_id AS "plotId", m.unit_id AS "unitId", m.frequency_years AS "frequencyYears",
  m.responsible_organisation_id AS "responsibleOrganisationId", o.name AS "responsibleOrganisationName",
  m.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName", to_char(m.next_due_on, 'YYYY-MM-DD') AS "nextDueOn",
  m.created_at AS "createdAt"`;
const POINT_FROM = `monitoring_points m JOIN organisations o ON o.id = m.responsible_organisation_id JOIN jurisdictions j ON j.code = m.jurisdiction_code`;

const WARNING_COLUMNS = `w.id, NULL::uuid AS "plotId", w.point_id AS "pointId", m.code AS "pointCode", m.name AS "pointName", w.cas, w.analyte,
  w.factor, w.result_id::text AS "resultId", w.rule, w.jurisdiction_code AS "jurisdictionCode", w.machine_name AS "machineName",
  w.machine_version AS "machineVersion", w.state, w.snapshot, w.version, w.audit_seq AS "auditSeq", w.audit_hash AS "auditHash",
  w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;

/**
 * Who sees the network: the environment and natural-resources bureaus of the point's jurisdiction or above, the
 * point's responsible organisation, and admin. A SQL condition on alias `m`.
 */
export function pointVisibility(p: Principal, params: unknown[]): string {
  if (p.role === 'admin') return 'TRUE';
  if (p.role === 'eeb' || p.role === 'land') return inSubtree('m.jurisdiction_code', p.jurisdictionCode, params);
  params.push(p.organisationId);
  return `m.responsible_organisation_id = $${params.length}`;
}

export interface PointFilter {
  kind?: string;
  overdue?: boolean;
  bbox?: [number, number, number, number];
  today: string;
  page: number;
  pageSize: number;
}

/** Owns the SQL of monitoring_points, monitoring_campaigns, monitoring_results and monitoring_warnings. */
@Injectable()
export class MonitoringRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insertPoints(em: EntityManager, points: NewPoint[]): Promise<void> {
    for (const p of points) {
      await em.query(
        `INSERT INTO monitoring_points (id, code, name, kind, media, lon, lat, land, crop, land_class, plot_id, unit_id, frequency_years,
           responsible_organisation_id, jurisdiction_code, next_due_on, created_by)
         VALUES ($1,$2,$3,$4,$5::text[],$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
        [p.id, p.code, p.name, p.kind, p.media, p.lon, p.lat, p.land, p.crop, p.landClass, p.plotId, p.unitId, p.frequencyYears,
          p.responsibleOrganisationId, p.jurisdictionCode, p.nextDueOn, p.createdBy],
      );
    }
  }

  /** Codes of `codes` already used in the jurisdiction. */
  async existingCodes(em: EntityManager, jurisdiction: string, codes: string[]): Promise<Set<string>> {
    const rows: Array<{ code: string }> = await em.query(
      `SELECT code FROM monitoring_points WHERE jurisdiction_code = $1 AND code = ANY($2::text[])`, [jurisdiction, codes]);
    return new Set(rows.map((r) => r.code));
  }

  async findVisible(p: Principal, id: string, em: EntityManager = this.ds.manager): Promise<PointRow | undefined> {
    const params: unknown[] = [id];
    const visible = pointVisibility(p, params);
    const [row] = await em.query(`SELECT ${POINT_COLUMNS} FROM ${POINT_FROM} WHERE m.id = $1 AND ${visible}`, params);
    return row;
  }

  /** The points of one jurisdiction by code, locked: a campaign advances their due dates. */
  async byCodes(em: EntityManager, jurisdiction: string, codes: string[]): Promise<PointRow[]> {
    return em.query(
      `SELECT ${POINT_COLUMNS} FROM ${POINT_FROM} WHERE m.jurisdiction_code = $1 AND m.code = ANY($2::text[]) ORDER BY m.code FOR UPDATE OF m`,
      [jurisdiction, codes],
    );
  }

  async page(p: Principal, f: PointFilter): Promise<{ items: PointRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [pointVisibility(p, params)];
    if (f.kind) where.push(`m.kind = $${params.push(f.kind)}`);
    if (f.overdue) where.push(`m.next_due_on < $${params.push(f.today)}::date`);
    if (f.bbox) {
      const [w, s, e, n] = f.bbox;
      where.push(`m.lon BETWEEN $${params.push(w)} AND $${params.push(e)} AND m.lat BETWEEN $${params.push(s)} AND $${params.push(n)}`);
    }
    const condition = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM monitoring_points m WHERE ${condition}`, params);
    const items = await this.ds.query(
      `SELECT ${POINT_COLUMNS} FROM ${POINT_FROM} WHERE ${condition} ORDER BY m.jurisdiction_code, m.code, m.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items, total };
  }

  async setNextDue(em: EntityManager, pointId: string, nextDueOn: string): Promise<void> {
    await em.query(`UPDATE monitoring_points SET next_due_on = GREATEST(next_due_on, $2::date) WHERE id = $1`, [pointId, nextDueOn]);
  }

  /** Overdue points an organisation is responsible for, or of a district bureau's jurisdiction: the to-do. */
  async overdueFor(p: Principal, today: string, limit: number): Promise<PointRow[]> {
    const params: unknown[] = [today];
    const who = p.role === 'eeb' ? `m.jurisdiction_code = $${params.push(p.jurisdictionCode)}` : `m.responsible_organisation_id = $${params.push(p.organisationId)}`;
    return this.ds.query(
      `SELECT ${POINT_COLUMNS} FROM ${POINT_FROM} WHERE ${who} AND m.next_due_on < $1::date ORDER BY m.next_due_on, m.id LIMIT $${params.length + 1}`,
      [...params, limit],
    );
  }

  async insertCampaign(em: EntityManager, c: { id: string; jurisdiction: string; year: number; name: string; sha256: string | null; pages: number | null; fileName: string | null; count: number; uploadedBy: string }) {
    await em.query(
      `INSERT INTO monitoring_campaigns (id, jurisdiction_code, year, name, report_sha256, report_pages, report_name, results_count, uploaded_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [c.id, c.jurisdiction, c.year, c.name, c.sha256, c.pages, c.fileName, c.count, c.uploadedBy],
    );
  }

  /** The D19 the campaign issued (issue 20: the campaign's report is a filing document). */
  async setCampaignDocument(em: EntityManager, campaignId: string, documentId: string): Promise<void> {
    await em.query(`UPDATE monitoring_campaigns SET document_id = $2 WHERE id = $1`, [campaignId, documentId]);
  }

  /** The campaigns of the caller's subtree, newest first, paged, with the number of the D19 each issued. */
  async campaigns(p: Principal, f: { page: number; pageSize: number }): Promise<{ items: CampaignRow[]; total: number }> {
    const params: unknown[] = [];
    const condition = p.role === 'admin' ? 'TRUE' : inSubtree('c.jurisdiction_code', p.jurisdictionCode, params);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM monitoring_campaigns c WHERE ${condition}`, params);
    const items = await this.ds.query(
      `SELECT c.id, c.name, c.year, c.jurisdiction_code AS "jurisdictionCode", c.results_count AS results, c.created_at AS "createdAt",
              u.display_name AS "uploadedBy", c.document_id AS "documentId", d.number AS "documentNumber"
         FROM monitoring_campaigns c JOIN users u ON u.id = c.uploaded_by LEFT JOIN documents d ON d.id = c.document_id
        WHERE ${condition} ORDER BY c.created_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items, total };
  }

  /** Inserts results and answers their ids in order; one statement per 1000 rows. */
  async insertResults(em: EntityManager, rows: NewResult[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const cols = ['campaignId', 'pointId', 'sampledOn', 'medium', 'cas', 'analyte', 'value', 'unit', 'detected', 'detectionLimit', 'ph', 'screeningValue', 'interventionValue', 'factor'] as const;
      const params: unknown[] = [];
      const values = chunk.map((r) => `(${cols.map((c) => `$${params.push(r[c])}`).join(',')})`);
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO monitoring_results (campaign_id, point_id, sampled_on, medium, cas, analyte, value, unit, detected, detection_limit, ph,
           screening_value, intervention_value, factor) VALUES ${values.join(',')} RETURNING id::text`,
        params,
      );
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  /**
   * The latest detected results of one point and analyte, newest first, one per campaign: the rising-trend and
   * lasting-exceedance rules read them (served by monitoring_results_history_idx).
   */
  async latestOf(em: EntityManager, pointId: string, cas: string, limit: number): Promise<Array<{ value: number; factor: number | null; sampledOn: string }>> {
    return em.query(
      `SELECT value, factor, to_char(sampled_on, 'YYYY-MM-DD') AS "sampledOn" FROM monitoring_results
        WHERE point_id = $1 AND cas = $2 AND detected ORDER BY sampled_on DESC, id DESC LIMIT $3`,
      [pointId, cas, limit],
    );
  }

  /** A point's series of one analyte, oldest first, capped (a point is sampled once a year at most: 200 is decades). */
  async series(pointId: string, cas: string | null, limit: number): Promise<ResultRow[]> {
    const params: unknown[] = [pointId];
    const byCas = cas ? `AND r.cas = $${params.push(cas)}` : '';
    return this.ds.query(
      `SELECT * FROM (
         SELECT r.id::text, r.campaign_id AS "campaignId", c.name AS "campaignName", c.year AS "campaignYear", r.point_id AS "pointId",
                to_char(r.sampled_on, 'YYYY-MM-DD') AS "sampledOn", r.medium, r.cas, r.analyte, r.value, r.unit, r.detected,
                r.detection_limit AS "detectionLimit", r.ph::float8 AS ph, r.screening_value AS "screeningValue",
                r.intervention_value AS "interventionValue", r.factor
           FROM monitoring_results r JOIN monitoring_campaigns c ON c.id = r.campaign_id
          WHERE r.point_id = $1 ${byCas} ORDER BY r.sampled_on DESC, r.id DESC LIMIT $${params.length + 1}) s
        ORDER BY s.cas, s."sampledOn", s.id::bigint`,
      [...params, limit],
    );
  }

  async insertWarning(em: EntityManager, w: { id: string; pointId: string; cas: string; analyte: string; factor: number | null; resultId: string | null; rule: string; jurisdiction: string; machineName: string; machineVersion: number; state: string; snapshot: unknown; createdBy: string }) {
    await em.query(
      `INSERT INTO monitoring_warnings (id, point_id, cas, analyte, factor, result_id, rule, jurisdiction_code, machine_name, machine_version, state, snapshot, created_by)
       VALUES ($1,$2,$3,$4,$5,$6::bigint,$7,$8,$9,$10,$11,$12,$13)`,
      [w.id, w.pointId, w.cas, w.analyte, w.factor, w.resultId, w.rule, w.jurisdiction, w.machineName, w.machineVersion, w.state, JSON.stringify(w.snapshot), w.createdBy],
    );
  }

  /** An open warning of the point and analyte already: a further exceedance raises no second one while it is open. */
  async openWarningOf(em: EntityManager, pointId: string, cas: string): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM monitoring_warnings WHERE point_id = $1 AND cas = $2 AND state <> 'closed' LIMIT 1`, [pointId, cas]);
    return rows.length > 0;
  }

  async findWarning(p: Principal, id: string, opts: { em?: EntityManager; lock?: boolean } = {}): Promise<WarningRow | undefined> {
    const params: unknown[] = [id];
    const visible = pointVisibility(p, params);
    const lock = opts.lock ? 'FOR UPDATE OF w' : '';
    const [row] = await (opts.em ?? this.ds.manager).query(
      `SELECT ${WARNING_COLUMNS} FROM monitoring_warnings w JOIN monitoring_points m ON m.id = w.point_id WHERE w.id = $1 AND ${visible} ${lock}`,
      params,
    );
    return row;
  }

  /**
   * Open warnings of the caller's subtree (or all states), newest first, paged. A bureau's scope is a condition on the
   * warning alone: its count and its page's ids come from monitoring_warnings_open_idx without the points (an
   * index-only walk, the offset included), and only the page's rows are joined; a unit's or consultant's scope is the
   * points they answer for.
   */
  async warnings(p: Principal, f: { open: boolean; pointId?: string; page: number; pageSize: number }): Promise<{ items: WarningRow[]; total: number }> {
    const params: unknown[] = [];
    const onWarning = p.role === 'admin' || p.role === 'eeb' || p.role === 'land';
    const where = [p.role === 'admin' ? 'TRUE' : onWarning ? inSubtree('w.jurisdiction_code', p.jurisdictionCode, params) : pointVisibility(p, params)];
    if (f.open) where.push(`w.state <> 'closed'`);
    if (f.pointId) where.push(`w.point_id = $${params.push(f.pointId)}`);
    const condition = where.join(' AND ');
    const from = onWarning ? 'monitoring_warnings w' : `monitoring_warnings w JOIN monitoring_points m ON m.id = w.point_id`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${condition}`, params);
    const items = await this.ds.query(
      `SELECT ${WARNING_COLUMNS} FROM (SELECT w.id FROM ${from} WHERE ${condition} ORDER BY w.created_at DESC, w.id
                                        LIMIT $${params.length + 1} OFFSET $${params.length + 2}) page
         JOIN monitoring_warnings w ON w.id = page.id JOIN monitoring_points m ON m.id = w.point_id
        ORDER BY w.created_at DESC, w.id`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items, total };
  }

  async organisationKind(em: EntityManager, id: string): Promise<string | undefined> {
    const [row] = await em.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return row?.kind;
  }

  async plotJurisdiction(em: EntityManager, id: string): Promise<string | undefined> {
    const [row] = await em.query(`SELECT jurisdiction_code AS j FROM plots WHERE id = $1`, [id]);
    return row?.j;
  }

  async unitJurisdiction(em: EntityManager, id: string): Promise<string | undefined> {
    const [row] = await em.query(`SELECT jurisdiction_code AS j FROM key_units WHERE id = $1`, [id]);
    return row?.j;
  }

  /** A jurisdiction's (and its subtree's) network and warnings of one year, for D14 (overdue: due before `asOf`, the year's end). */
  async yearFigures(year: number, code: string, asOf: string) {
    const params: unknown[] = [];
    const inJ = (col: string) => inSubtree(col, code, params);
    const [row] = await this.ds.query(
      `SELECT (SELECT count(*) FROM monitoring_points m WHERE ${inJ('m.jurisdiction_code')})::int AS points,
              (SELECT count(*) FROM monitoring_points m WHERE ${inJ('m.jurisdiction_code')} AND m.next_due_on < $${params.push(asOf)}::date)::int AS "overduePoints",
              (SELECT count(*) FROM monitoring_campaigns c WHERE ${inJ('c.jurisdiction_code')} AND c.year = $${params.push(year)})::int AS campaigns,
              (SELECT coalesce(sum(results_count), 0) FROM monitoring_campaigns c WHERE ${inJ('c.jurisdiction_code')} AND c.year = $${params.push(year)})::int AS results,
              count(*) FILTER (WHERE w.created_at >= make_date($${params.push(year)}, 1, 1) AND w.created_at < make_date($${params.push(year + 1)}, 1, 1))::int AS "warningsRaised",
              count(*) FILTER (WHERE w.state <> 'closed')::int AS "warningsOpen",
              count(*) FILTER (WHERE w.state = 'closed' AND w.updated_at >= make_date($${params.push(year)}, 1, 1) AND w.updated_at < make_date($${params.push(year + 1)}, 1, 1))::int AS "warningsClosed"
         FROM monitoring_warnings w WHERE ${inJ('w.jurisdiction_code')}`,
      params,
    );
    return row as { points: number; overduePoints: number; campaigns: number; results: number; warningsRaised: number; warningsOpen: number; warningsClosed: number };
  }

  /** 一张图 / OGC: one page of the caller's points in the window by offset, with whether a warning is open at each. */
  async mapPage(p: Principal, bbox: [number, number, number, number] | undefined, limit: number, offset: number): Promise<{
    rows: Array<PointRow & { openWarning: boolean }>;
    matched: number;
  }> {
    const params: unknown[] = [];
    const where = [pointVisibility(p, params)];
    if (bbox) {
      const [w, s, e, n] = bbox;
      where.push(`m.lon BETWEEN $${params.push(w)} AND $${params.push(e)} AND m.lat BETWEEN $${params.push(s)} AND $${params.push(n)}`);
    }
    const condition = where.join(' AND ');
    const [{ matched }] = await this.ds.query(`SELECT count(*)::int AS matched FROM monitoring_points m WHERE ${condition}`, params);
    const rows = await this.ds.query(
      `SELECT ${POINT_COLUMNS}, EXISTS (SELECT 1 FROM monitoring_warnings w WHERE w.point_id = m.id AND w.state <> 'closed') AS "openWarning"
         FROM ${POINT_FROM} WHERE ${condition} ORDER BY m.jurisdiction_code, m.code, m.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows, matched };
  }
}
