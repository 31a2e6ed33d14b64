import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { ListPlotsQuery } from './dto/list-plots.query';
import { deadlineViews, openDeadlinesJson, type DeadlineView } from '../deadlines/deadlines.repository';
import type { DeadlineKind } from '../deadlines/deadline-rules';
import { plotVisibility } from './plot-access';
import { inSubtree } from '../organisations/jurisdiction-subtree';
import { namedStatement } from '../database/named-statement';
import type { LandClass } from '../../workflows';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { bboxOf } from '../map/plot-geometry';

export interface PlotRow {
  id: string;
  code: string;
  name: string;
  address: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  areaM2: number;
  boundary: unknown;
  formerIndustry: string;
  currentUse: string;
  plannedUse: string;
  plannedLandClass: LandClass;
  holderOrganisationId: string;
  holderOrganisationName: string;
  machineName: string;
  machineVersion: number;
  state: string;
  snapshot: unknown;
  version: number;
  auditSeq: number;
  auditHash: string | null;
  createdAt: string;
  updatedAt: string;
  /** Present when read `withView`. */
  commissions?: Commission[];
  deadlines?: DeadlineView[];
  /** The key unit whose closure registered the plot, or null (issue 18). */
  sourceUnit?: { id: string; name: string; creditCode: string } | null;
  /** The enabled bureaus of the plot's district, city and province: every body a decision step can name. */
  bureaus?: Array<{ kind: 'eeb' | 'land'; jurisdictionCode: string; name: string }>;
}

/** A plot as registered, with the first snapshot of its statechart. */
export type NewPlot = Pick<
  PlotRow,
  | 'id' | 'code' | 'name' | 'address' | 'jurisdictionCode' | 'areaM2' | 'boundary' | 'formerIndustry' | 'currentUse'
  | 'plannedUse' | 'plannedLandClass' | 'holderOrganisationId' | 'machineName' | 'machineVersion' | 'state' | 'snapshot'
> & { createdBy: string };

/** How an organisation other than the current holder answers for a plot (migration PlotPartiesAftercare). */
export type PlotPartyRelation = 'formerHolder' | 'responsible' | 'dutyBearer';

export interface Commission {
  work: 'investigation' | 'riskAssessment' | 'effectEvaluation';
  organisationId: string;
  organisationName: string;
  assignedAt: string;
}

const COLUMNS = `p.id, p.code, p.name, p.address, p.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName",
  p.area_m2::float8 AS "areaM2", p.boundary, p.former_industry AS "formerIndustry", p.current_use AS "currentUse",
  p.planned_use AS "plannedUse", p.planned_land_class AS "plannedLandClass",
  p.holder_organisation_id AS "holderOrganisationId", o.name AS "holderOrganisationName",
  p.machine_name AS "machineName", p.machine_version AS "machineVersion", p.state, p.snapshot, p.version,
  p.audit_seq AS "auditSeq", p.audit_hash AS "auditHash",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
/** Code, name and address joined by U+001F: the expression of plots_search_trgm_idx (migration PlotSearchIndex). */
const SEARCH_TEXT = `(p.code::text || E'\\x1f' || p.name::text || E'\\x1f' || p.address::text)`;
const COMMISSIONS_JSON = `(SELECT coalesce(jsonb_agg(jsonb_build_object('work', c.work, 'organisationId', c.organisation_id,
    'organisationName', co.name, 'assignedAt', c.assigned_at) ORDER BY c.work), '[]')
    FROM plot_commissions c JOIN organisations co ON co.id = c.organisation_id WHERE c.plot_id = p.id)`;
/** The key unit whose closure registered the plot, over key_units_plot_idx. */
const SOURCE_UNIT_JSON = `(SELECT jsonb_build_object('id', k.id, 'name', k.name, 'creditCode', k.credit_code)
    FROM key_units k WHERE k.plot_id = p.id LIMIT 1)`;
/**
 * The enabled 生态环境 and 自然资源 bureaus of the plot's district, city and province, in the order the directory lists
 * them: a decision step's deciding body is always one of these (decision-config). The three codes are ancestorAt's
 * (src/common/jurisdiction.ts) written in SQL, so that the reload stays one statement; test/levels.e2e-spec.ts holds
 * the two to the same answer as DirectoryRepository.bureausIn for a district and a county-level city.
 */
const BUREAUS_JSON = `(SELECT coalesce(jsonb_agg(jsonb_build_object('kind', b.kind, 'jurisdictionCode', b.jurisdiction_code,
    'name', b.name) ORDER BY b.created_at, b.id), '[]')
    FROM organisations b WHERE b.kind IN ('eeb', 'land') AND NOT b.disabled
     AND b.jurisdiction_code IN (substr(p.jurisdiction_code, 1, 6), substr(p.jurisdiction_code, 1, 4) || '00',
                                 substr(p.jurisdiction_code, 1, 2) || '0000'))`;
/** The plot's open deadline due first (the list's deadline column), over deadlines_plot_idx. */
const NEAREST_DEADLINE = `(SELECT jsonb_build_object('kind', d.kind, 'dueDate', to_char(d.due_date, 'YYYY-MM-DD'))
    FROM deadlines d WHERE d.plot_id = p.id AND d.status <> 'done' ORDER BY d.due_date, d.kind LIMIT 1)`;
export interface NearestDeadline { kind: DeadlineKind; dueDate: string }
const FROM = `plots p JOIN jurisdictions j ON j.code = p.jurisdiction_code JOIN organisations o ON o.id = p.holder_organisation_id`;

/** Owns the SQL of the plot registry. */
@Injectable()
export class PlotsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A plot the caller may see, optionally locked FOR UPDATE inside the
   * caller's transaction, or read with its commissions and open deadlines.
   */
  async findVisible(p: Principal, id: string, opts: { em?: EntityManager; lock?: boolean; withView?: boolean } = {}): Promise<PlotRow | undefined> {
    const params: unknown[] = [id];
    const visible = plotVisibility(p, 'p', params);
    const lock = opts.lock ? 'FOR UPDATE OF p' : '';
    // Everything the plot's view shows besides the row, in the same statement (issue 24: one round trip, not four).
    const extra = opts.withView
      ? `, ${COMMISSIONS_JSON} AS commissions, ${openDeadlinesJson('p.id')} AS deadlines, ${SOURCE_UNIT_JSON} AS "sourceUnit", ${BUREAUS_JSON} AS bureaus`
      : '';
    const em = opts.em ?? this.ds.manager;
    const rows = await em.query(namedStatement(em, `SELECT ${COLUMNS}${extra} FROM ${FROM} WHERE p.id = $1 AND ${visible} ${lock}`), params);
    const row = rows[0];
    if (row && opts.withView) {
      row.commissions = row.commissions.map((c: Commission) => ({ ...c, assignedAt: new Date(c.assignedAt).toISOString() }));
      row.deadlines = deadlineViews(row.deadlines);
    }
    return row;
  }

  async findById(id: string, em: EntityManager = this.ds.manager): Promise<PlotRow | undefined> {
    const rows = await em.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE p.id = $1`, [id]);
    return rows[0];
  }

  async list(p: Principal, q: ListPlotsQuery, today?: string): Promise<{ items: Array<PlotRow & { nearestDeadline: NearestDeadline | null }>; total: number }> {
    const params: unknown[] = [];
    const where = [plotVisibility(p, 'p', params)];
    // 逾期 read from the due dates as of today (issue 22).
    if (q.overdue && today) where.push(`EXISTS (SELECT 1 FROM deadlines d WHERE d.plot_id = p.id AND d.status <> 'done' AND d.due_date < $${params.push(today)}::date)`);
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`${SEARCH_TEXT} ILIKE $${params.length}`);
    }
    if (q.state) {
      params.push(q.state);
      where.push(`p.state = $${params.length}`);
    }
    if (q.stage) {
      params.push(q.stage);
      where.push(`p.stage = $${params.length}`);
    }
    if (q.jurisdiction) {
      params.push(q.jurisdiction);
      where.push(`p.jurisdiction_code = $${params.length}`);
    }
    const condition = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM plots p WHERE ${condition}`, params);
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const items = await this.ds.query(
      `SELECT ${COLUMNS}, ${NEAREST_DEADLINE} AS "nearestDeadline" FROM ${FROM} WHERE ${condition}
        ORDER BY p.updated_at DESC, p.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items, total };
  }

  async commissions(plotId: string, em: EntityManager = this.ds.manager): Promise<Commission[]> {
    return em.query(
      `SELECT c.work, c.organisation_id AS "organisationId", o.name AS "organisationName", c.assigned_at AS "assignedAt"
         FROM plot_commissions c JOIN organisations o ON o.id = c.organisation_id WHERE c.plot_id = $1 ORDER BY c.work`,
      [plotId],
    );
  }

  /** Writes a registered plot; its first audit row then moves the chain head kept on the row. */
  async insert(em: EntityManager, p: NewPlot): Promise<void> {
    // The boundary's bounding box serves the map's viewport and the overlap check (migration PlotBoundingBoxes).
    const bbox = p.boundary ? bboxOf(p.boundary as GeoJsonPolygon) : [null, null, null, null];
    await em.query(
      `INSERT INTO plots (id, code, name, address, jurisdiction_code, area_m2, boundary, former_industry, current_use,
         planned_use, planned_land_class, holder_organisation_id, machine_name, machine_version, state, snapshot, created_by,
         bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)`,
      [p.id, p.code, p.name, p.address, p.jurisdictionCode, p.areaM2, p.boundary ? JSON.stringify(p.boundary) : null,
        p.formerIndustry, p.currentUse, p.plannedUse, p.plannedLandClass, p.holderOrganisationId,
        p.machineName, p.machineVersion, p.state, JSON.stringify(p.snapshot), p.createdBy, ...bbox],
    );
  }

  /**
   * The plots whose boundary's bounding box meets `bbox`, with their boundaries, whoever may see them (a
   * registration's overlap check: 一张图, no two plots on the same land); the caller tests the polygons exactly.
   */
  async boundariesMeeting(em: EntityManager, bbox: [number, number, number, number], p: Principal): Promise<Array<{
    id: string; code: string; name: string; boundary: GeoJsonPolygon; visible: boolean;
  }>> {
    const params: unknown[] = [...bbox];
    const visible = plotVisibility(p, 'p', params);
    return em.query(
      `SELECT p.id, p.code, p.name, p.boundary, (${visible}) AS visible FROM plots p
        WHERE p.bbox_min_lon <= $3 AND p.bbox_max_lon >= $1 AND p.bbox_min_lat <= $4 AND p.bbox_max_lat >= $2
        ORDER BY p.code`,
      params,
    );
  }

  /** One work's commission; a later assignment of the same work replaces the earlier one. */
  async saveCommission(em: EntityManager, c: { plotId: string; work: string; organisationId: string; assignedBy: string }): Promise<void> {
    await em.query(
      `INSERT INTO plot_commissions (plot_id, work, organisation_id, assigned_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (plot_id, work) DO UPDATE SET organisation_id = EXCLUDED.organisation_id,
         assigned_by = EXCLUDED.assigned_by, assigned_at = now()`,
      [c.plotId, c.work, c.organisationId, c.assignedBy],
    );
  }

  /** The expert users of a review panel (FORM_PANEL), so that each sees the plot; written in the event's transaction. */
  async savePanelMembers(em: EntityManager, plotId: string, userIds: string[], auditId: string): Promise<void> {
    if (userIds.length === 0) return;
    await em.query(
      `INSERT INTO plot_panel_members (plot_id, user_id, audit_id) SELECT $1, u, $3 FROM unnest($2::uuid[]) AS u
       ON CONFLICT (user_id, plot_id) DO NOTHING`,
      [plotId, userIds, auditId],
    );
  }

  /** The organisations an event named as answering for the plot, in the event's transaction. */
  async saveParties(em: EntityManager, plotId: string, parties: Array<{ organisationId: string; relation: PlotPartyRelation }>, auditId: string): Promise<void> {
    await em.query(
      `INSERT INTO plot_parties (plot_id, organisation_id, relation, audit_id)
       SELECT $1, p."organisationId", p.relation, $3 FROM jsonb_to_recordset($2::jsonb) AS p("organisationId" uuid, relation text)
       ON CONFLICT (organisation_id, plot_id, relation) DO NOTHING`,
      [plotId, JSON.stringify(parties), auditId],
    );
  }

  /** Organisation names by id (a plot's parties: a handful of ids). */
  async organisationNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await em.query(`SELECT id, name FROM organisations WHERE id = ANY ($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The holder of the land-use right after 收回 or 转让 (the statechart's context says the same). */
  async setHolder(em: EntityManager, plotId: string, organisationId: string): Promise<void> {
    await em.query(`UPDATE plots SET holder_organisation_id = $2 WHERE id = $1`, [plotId, organisationId]);
  }

  /** A reopening for a change of use (土壤法第五十九条第二款): the new planned use and its land class. */
  async setPlannedUse(em: EntityManager, plotId: string, plannedUse: string, landClass: LandClass): Promise<void> {
    await em.query(`UPDATE plots SET planned_use = $2, planned_land_class = $3 WHERE id = $1`, [plotId, plannedUse, landClass]);
  }

  /** A plot's state, whoever reads it (the guards of its transports). */
  async stateOf(id: string, em: EntityManager): Promise<string | undefined> {
    const [row] = await em.query(`SELECT state FROM plots WHERE id = $1`, [id]);
    return row?.state;
  }

  /**
   * 待办 candidates (GET /me/tasks): the plots the caller may see that are in
   * one of `states`, or that the caller supervises with a deadline of the plot
   * itself due or overdue; most recently changed first.
   */
  async taskCandidateIds(p: Principal, states: readonly string[], limit: number, em: EntityManager = this.ds.manager, today?: string): Promise<string[]> {
    const params: unknown[] = [states];
    const visible = plotVisibility(p, 'p', params);
    const supervised = supervisedBy(p, params);
    // Due or overdue as of today when given (read from the due date, issue 22), else as the sweep marked it.
    const due = today ? `d.status <> 'done' AND d.due_date <= $${params.push(today)}::date` : `d.status IN ('due', 'overdue')`;
    params.push(limit);
    const rows: Array<{ id: string }> = await em.query(
      `SELECT p.id FROM plots p
        WHERE ${visible} AND (p.state = ANY($1) OR (${supervised} AND EXISTS (
          SELECT 1 FROM deadlines d WHERE d.plot_id = p.id AND d.transport_id IS NULL AND ${due})))
        ORDER BY p.updated_at DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** The id of the plot of this code (地块编码), whoever asks: the command-line import names a plot by its code. */
  async idByCode(code: string): Promise<string | undefined> {
    const [row] = await this.ds.query(`SELECT id FROM plots WHERE code = $1`, [code]);
    return row?.id;
  }
}

/** Plots whose deadlines the caller answers for: its bureau's jurisdiction's subtree, or its own organisation as holder. */
function supervisedBy(p: Principal, params: unknown[]): string {
  if (p.role === 'eeb' || p.role === 'land') return inSubtree('p.jurisdiction_code', p.jurisdictionCode, params);
  if (p.role === 'holder') {
    params.push(p.organisationId);
    return `p.holder_organisation_id = $${params.length}`;
  }
  return 'FALSE';
}
