import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { GeoJsonPolygon } from '../evidence/geojson';
import type { BBox } from '../map/plot-geometry';
import { inSubtree } from '../organisations/jurisdiction-subtree';
import type { ListSource, ProposalReason, ProposalSource } from './proposal-reference';

export type ProposalStatus = 'proposed' | 'confirmed' | 'dismissed';

export interface NewList {
  id: string;
  source: ListSource;
  jurisdictionCode: string;
  quarter: string | null;
  late: boolean;
  fileName: string;
  sha256: string;
  rowCount: number;
  uploadedBy: string;
  organisationId: string;
}

export interface NewProposal {
  id: string;
  line: number;
  reason: ProposalReason;
  name: string;
  creditCode: string | null;
  parcelCode: string | null;
  address: string;
  areaM2: number | null;
  intendedUse: string | null;
  keyUnit: string | null;
  boundary: GeoJsonPolygon | null;
  bbox: BBox | null;
  matchedPlotId: string | null;
}

/** A proposal a 12369 case makes (PROPOSE_SUSPECTED_PLOT), in the case's transaction. */
export interface CaseProposal {
  id: string;
  publicReportId: string;
  jurisdictionCode: string;
  name: string;
  address: string;
  note: string;
}

export interface ProposalRow extends Omit<NewProposal, 'bbox'> {
  /** null for a proposal of a 12369 case */
  listId: string | null;
  publicReportId: string | null;
  note: string | null;
  source: ProposalSource;
  quarter: string | null;
  jurisdictionCode: string;
  status: ProposalStatus;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  plotId: string | null;
  matchedPlotCode: string | null;
  matchedPlotName: string | null;
  createdAt: string;
}

export interface ListRow extends NewList {
  uploadedByName: string;
  organisationName: string;
  createdAt: string;
}

const COLUMNS = `p.id, p.list_id AS "listId", p.public_report_id AS "publicReportId", p.note, p.line,
  coalesce(l.source, 'public_report') AS source, l.quarter, p.jurisdiction_code AS "jurisdictionCode", p.reason,
  p.name, p.credit_code AS "creditCode", p.parcel_code AS "parcelCode", p.address, p.area_m2 AS "areaM2",
  p.intended_use AS "intendedUse", p.key_unit AS "keyUnit", p.boundary, p.status, u.display_name AS "decidedByName",
  p.decided_at AS "decidedAt", p.decision_reason AS "decisionReason", p.plot_id AS "plotId",
  p.matched_plot_id AS "matchedPlotId", m.code AS "matchedPlotCode", m.name AS "matchedPlotName", p.created_at AS "createdAt"`;
const FROM = `plot_proposals p LEFT JOIN proposal_lists l ON l.id = p.list_id
  LEFT JOIN users u ON u.id = p.decided_by LEFT JOIN plots m ON m.id = p.matched_plot_id`;

/**
 * Which proposals a caller sees: the 生态环境 bureaus those of their jurisdiction's subtree, the bureau that handed
 * in a list its own list's rows, the administrator all. A SQL condition on `p` (plot_proposals) and `l` (its list).
 */
export function proposalVisibility(me: Principal, params: unknown[]): string {
  if (me.role === 'admin') return 'TRUE';
  if (me.role === 'eeb') return inSubtree('p.jurisdiction_code', me.jurisdictionCode, params);
  if (me.role === 'land' || me.role === 'miit') {
    params.push(me.organisationId);
    return `l.organisation_id = $${params.length}`;
  }
  return 'FALSE';
}

function listVisibility(me: Principal, params: unknown[]): string {
  if (me.role === 'admin') return 'TRUE';
  if (me.role === 'eeb') return inSubtree('l.jurisdiction_code', me.jurisdictionCode, params);
  if (me.role === 'land' || me.role === 'miit') {
    params.push(me.organisationId);
    return `l.organisation_id = $${params.length}`;
  }
  return 'FALSE';
}

/** Owner of proposal_lists and plot_proposals. */
@Injectable()
export class ProposalsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get outside(): EntityManager {
    return this.ds.manager;
  }

  async insertList(em: EntityManager, l: NewList): Promise<void> {
    await em.query(
      `INSERT INTO proposal_lists (id, source, jurisdiction_code, quarter, late, file_name, sha256, row_count, uploaded_by, organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [l.id, l.source, l.jurisdictionCode, l.quarter, l.late, l.fileName, l.sha256, l.rowCount, l.uploadedBy, l.organisationId],
    );
  }

  /** All rows of a list in one statement (one parameter: the rows as JSON), whatever their number. */
  async insertProposals(em: EntityManager, listId: string, jurisdictionCode: string, rows: NewProposal[]): Promise<void> {
    const json = rows.map((r) => ({
      id: r.id, line: r.line, reason: r.reason, name: r.name, credit_code: r.creditCode, parcel_code: r.parcelCode,
      address: r.address, area_m2: r.areaM2, intended_use: r.intendedUse, key_unit: r.keyUnit, boundary: r.boundary,
      min_lon: r.bbox?.[0] ?? null, min_lat: r.bbox?.[1] ?? null, max_lon: r.bbox?.[2] ?? null, max_lat: r.bbox?.[3] ?? null,
      matched_plot_id: r.matchedPlotId,
    }));
    await em.query(
      `INSERT INTO plot_proposals (id, list_id, line, jurisdiction_code, reason, name, credit_code, parcel_code, address, area_m2,
         intended_use, key_unit, boundary, bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat, matched_plot_id)
       SELECT r.id, $1, r.line, $2, r.reason, r.name, r.credit_code, r.parcel_code, r.address, r.area_m2, r.intended_use, r.key_unit,
         r.boundary, r.min_lon, r.min_lat, r.max_lon, r.max_lat, r.matched_plot_id
         FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, line int, reason text, name text, credit_code text, parcel_code text,
           address text, area_m2 float8, intended_use text, key_unit text, boundary jsonb, min_lon float8, min_lat float8,
           max_lon float8, max_lat float8, matched_plot_id uuid)`,
      [listId, jurisdictionCode, JSON.stringify(json)],
    );
  }

  async insertFromCase(em: EntityManager, c: CaseProposal): Promise<void> {
    await em.query(
      `INSERT INTO plot_proposals (id, public_report_id, line, jurisdiction_code, reason, name, address, note)
       VALUES ($1, $2, 1, $3, 'publicReport', $4, $5, $6)`,
      [c.id, c.publicReportId, c.jurisdictionCode, c.name, c.address, c.note],
    );
  }

  async findVisible(me: Principal, id: string, opts: { em?: EntityManager; lock?: boolean } = {}): Promise<ProposalRow | undefined> {
    const params: unknown[] = [id];
    const visible = proposalVisibility(me, params);
    const lock = opts.lock ? 'FOR UPDATE OF p' : '';
    const rows = await (opts.em ?? this.ds.manager).query(`SELECT ${COLUMNS} FROM ${FROM} WHERE p.id = $1 AND ${visible} ${lock}`, params);
    return rows[0];
  }

  async list(me: Principal, q: { status?: ProposalStatus; listId?: string; page: number; pageSize: number }) {
    const params: unknown[] = [];
    const where = [proposalVisibility(me, params)];
    if (q.status) where.push(`p.status = $${params.push(q.status)}`);
    if (q.listId) where.push(`p.list_id = $${params.push(q.listId)}`);
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM plot_proposals p LEFT JOIN proposal_lists l ON l.id = p.list_id WHERE ${where.join(' AND ')}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const items: ProposalRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')}
        ORDER BY p.created_at DESC, p.list_id, p.line LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items, total: n as number };
  }

  async lists(me: Principal, page: number, pageSize: number) {
    const params: unknown[] = [];
    const visible = listVisibility(me, params);
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM proposal_lists l WHERE ${visible}`, params);
    params.push(pageSize, (page - 1) * pageSize);
    const items: ListRow[] = await this.ds.query(
      `SELECT l.id, l.source, l.jurisdiction_code AS "jurisdictionCode", l.quarter, l.late, l.file_name AS "fileName", l.sha256,
              l.row_count AS "rowCount", l.uploaded_by AS "uploadedBy", u.display_name AS "uploadedByName",
              l.organisation_id AS "organisationId", o.name AS "organisationName", l.created_at AS "createdAt"
         FROM proposal_lists l JOIN users u ON u.id = l.uploaded_by JOIN organisations o ON o.id = l.organisation_id
        WHERE ${visible} ORDER BY l.created_at DESC, l.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items, total: n as number };
  }

  /** The decision, written before the plot is registered in the same transaction (confirm) or alone (dismiss). */
  async decide(em: EntityManager, id: string, d: { status: 'confirmed' | 'dismissed'; by: string; reason: string | null }): Promise<void> {
    await em.query(
      `UPDATE plot_proposals SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1 AND status = 'proposed'`,
      [id, d.status, d.by, d.reason],
    );
  }

  async attachPlot(em: EntityManager, id: string, plotId: string): Promise<void> {
    await em.query(`UPDATE plot_proposals SET plot_id = $2 WHERE id = $1`, [id, plotId]);
  }

  /** Open proposals of the caller's subtree whose bounding box meets `bbox`, for the exact test in the application. */
  async openMeeting(em: EntityManager, bbox: BBox, me: Principal, limit: number): Promise<ProposalRow[]> {
    const params: unknown[] = [...bbox];
    const within = me.role === 'admin' ? 'TRUE' : inSubtree('p.jurisdiction_code', me.jurisdictionCode, params);
    params.push(limit);
    return em.query(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE p.status = 'proposed' AND p.bbox_min_lon IS NOT NULL
          AND p.bbox_min_lon <= $3 AND p.bbox_max_lon >= $1 AND p.bbox_min_lat <= $4 AND p.bbox_max_lat >= $2 AND ${within}
        ORDER BY p.created_at DESC LIMIT $${params.length}`,
      params,
    );
  }

  async openByParcel(em: EntityManager, parcelCode: string, me: Principal, limit: number): Promise<ProposalRow[]> {
    const params: unknown[] = [parcelCode];
    const within = me.role === 'admin' ? 'TRUE' : inSubtree('p.jurisdiction_code', me.jurisdictionCode, params);
    params.push(limit);
    return em.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE p.status = 'proposed' AND p.parcel_code = $1 AND ${within}
        ORDER BY p.created_at DESC LIMIT $${params.length}`,
      params,
    );
  }
}
