import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { WorkflowRow } from '../engine/workflow-entity';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { bboxOf } from '../map/plot-geometry';
import { inSubtree } from '../organisations/jurisdiction-subtree';
import { keyUnitVisibility } from './key-unit-access';

export interface KeyUnitRow extends WorkflowRow {
  creditCode: string;
  name: string;
  industry: string;
  organisationId: string;
  organisationName: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  address: string;
  siteAreaM2: number | null;
  siteBoundary: GeoJsonPolygon | null;
  listedOn: string;
  /** the plot its site became after its closure */
  sitePlotId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewKeyUnit {
  id: string;
  creditCode: string;
  name: string;
  industry: string;
  organisationId: string;
  jurisdictionCode: string;
  address: string;
  siteAreaM2: number | null;
  siteBoundary: GeoJsonPolygon | null;
  listedOn: string;
  machineName: string;
  machineVersion: number;
  state: string;
  snapshot: unknown;
  createdBy: string;
}

export interface KeyUnitFilter {
  state?: string;
  industry?: string;
  jurisdiction?: string;
  page: number;
  pageSize: number;
}

// A unit's audit rows belong to no plot: plotId is null for the engine, the site's plot is sitePlotId.
const COLUMNS = `k.id, NULL::uuid AS "plotId", k.credit_code AS "creditCode", k.name, k.industry,
  k.organisation_id AS "organisationId", o.name AS "organisationName", k.jurisdiction_code AS "jurisdictionCode",
  j.name AS "jurisdictionName", k.address, k.site_area_m2::float8 AS "siteAreaM2", k.site_boundary AS "siteBoundary",
  to_char(k.listed_on, 'YYYY-MM-DD') AS "listedOn", k.plot_id AS "sitePlotId", k.machine_name AS "machineName",
  k.machine_version AS "machineVersion", k.state, k.snapshot, k.version, k.audit_seq AS "auditSeq", k.audit_hash AS "auditHash",
  k.created_at AS "createdAt", k.updated_at AS "updatedAt"`;
const FROM = `key_units k JOIN organisations o ON o.id = k.organisation_id JOIN jurisdictions j ON j.code = k.jurisdiction_code`;

/** Owns the SQL of key_units (土壤污染重点监管单位). */
@Injectable()
export class KeyUnitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async findVisible(p: Principal, id: string, opts: { em?: EntityManager; lock?: boolean } = {}): Promise<KeyUnitRow | undefined> {
    const params: unknown[] = [id];
    const visible = keyUnitVisibility(p, 'k', params);
    const lock = opts.lock ? 'FOR UPDATE OF k' : '';
    const rows = await (opts.em ?? this.ds.manager).query(`SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1 AND ${visible} ${lock}`, params);
    return rows[0];
  }

  /** A unit whoever asks (the filing pipeline, after the step that files it). */
  async findById(id: string, em: EntityManager = this.ds.manager): Promise<KeyUnitRow | undefined> {
    const rows = await em.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1`, [id]);
    return rows[0];
  }

  /**
   * One page of the caller's visible units, by name; the count comes with it. The page's ids are walked in name order
   * from key_units_list_idx alone (its columns cover every filter), then only those rows are read: a province's ten
   * thousand units are neither read nor sorted for one page (bench:queries).
   */
  async list(p: Principal, f: KeyUnitFilter): Promise<{ items: KeyUnitRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [keyUnitVisibility(p, 'k', params)];
    if (f.state) where.push(`k.state = $${params.push(f.state)}`);
    if (f.industry) where.push(`k.industry = $${params.push(f.industry)}`);
    if (f.jurisdiction) where.push(inSubtree('k.jurisdiction_code', f.jurisdiction, params));
    const condition = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM key_units k WHERE ${condition}`, params);
    const items = await this.ds.query(
      `SELECT ${COLUMNS} FROM (SELECT k.id FROM key_units k WHERE ${condition} ORDER BY k.name, k.id
                                LIMIT $${params.length + 1} OFFSET $${params.length + 2}) page
         JOIN key_units k ON k.id = page.id JOIN organisations o ON o.id = k.organisation_id JOIN jurisdictions j ON j.code = k.jurisdiction_code
        ORDER BY k.name, k.id`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items, total };
  }

  /** The published list (上政文〔2017〕147号 三（二）1): every unit not removed, one page, by jurisdiction and name. */
  async publicPage(page: number, pageSize: number): Promise<{ items: KeyUnitRow[]; total: number }> {
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM key_units k WHERE k.state <> 'removed'`);
    const items = await this.ds.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE k.state <> 'removed' ORDER BY k.jurisdiction_code, k.name, k.id LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    );
    return { items, total };
  }

  async insert(em: EntityManager, u: NewKeyUnit): Promise<void> {
    const bbox = u.siteBoundary ? bboxOf(u.siteBoundary) : [null, null, null, null];
    await em.query(
      `INSERT INTO key_units (id, credit_code, name, industry, organisation_id, jurisdiction_code, address, site_area_m2,
         site_boundary, listed_on, machine_name, machine_version, state, snapshot, created_by,
         bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)`,
      [u.id, u.creditCode, u.name, u.industry, u.organisationId, u.jurisdictionCode, u.address, u.siteAreaM2,
        u.siteBoundary ? JSON.stringify(u.siteBoundary) : null, u.listedOn, u.machineName, u.machineVersion, u.state,
        JSON.stringify(u.snapshot), u.createdBy, ...bbox],
    );
  }

  /** The plot the unit's site became (its CLOSE), in the closing transaction. */
  async setSitePlot(em: EntityManager, id: string, plotId: string): Promise<void> {
    await em.query(`UPDATE key_units SET plot_id = $2 WHERE id = $1`, [id, plotId]);
  }

  /** The unit a plot's site came from, if any. */
  async sourceOfPlot(plotId: string, em: EntityManager = this.ds.manager): Promise<{ id: string; name: string; creditCode: string } | undefined> {
    const [row] = await em.query(`SELECT id, name, credit_code AS "creditCode" FROM key_units WHERE plot_id = $1`, [plotId]);
    return row;
  }

  /**
   * Demolitions seen without a filed plan (拆除活动未备案) that no plan filed on or after the day they were seen has
   * cured, for the units matching `visible` (a condition on alias k). A district has a few hundred units at most: its
   * units are read by the (jurisdiction, state) index and their violations from the snapshot.
   */
  async uncuredViolations(em: EntityManager, visible: string, params: unknown[], limit: number) {
    const n = params.length;
    return em.query(
      `SELECT k.id AS "unitId", k.name, k.credit_code AS "creditCode", k.state, v->>'observedOn' AS "observedOn", v->>'note' AS note
         FROM key_units k CROSS JOIN LATERAL jsonb_array_elements(k.snapshot->'context'->'violations') v
        WHERE ${visible} AND k.state <> 'removed'
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(k.snapshot->'context'->'demolitions') d
                           WHERE d->>'filedOn' >= v->>'observedOn')
        ORDER BY v->>'observedOn', k.id LIMIT $${n + 1}`,
      [...params, limit],
    ) as Promise<Array<{ unitId: string; name: string; creditCode: string; state: string; observedOn: string; note: string }>>;
  }

  /** Units with a site boundary whose bounding box meets `bbox` (lon/lat), among those the caller sees: the land-supply check. */
  async sitesMeeting(em: EntityManager, bbox: [number, number, number, number], p: Principal, limit = 50): Promise<Array<{
    id: string; name: string; creditCode: string; state: string; sitePlotId: string | null; siteBoundary: GeoJsonPolygon;
  }>> {
    const params: unknown[] = [...bbox];
    const visible = keyUnitVisibility(p, 'k', params);
    return em.query(
      `SELECT k.id, k.name, k.credit_code AS "creditCode", k.state, k.plot_id AS "sitePlotId", k.site_boundary AS "siteBoundary"
         FROM key_units k
        WHERE k.bbox_min_lon <= $3 AND k.bbox_max_lon >= $1 AND k.bbox_min_lat <= $4 AND k.bbox_max_lat >= $2 AND ${visible}
        ORDER BY k.name, k.id LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /**
   * 一张图: one page of the units with a site polygon whose box meets `bbox` (key_units_bbox_idx), by name, with the
   * count of the whole selection; `public` reads the published list (every unit not removed), a caller its own view.
   */
  async mapPage(viewer: Principal | 'public', bbox: [number, number, number, number] | undefined, limit: number, offset: number): Promise<{
    rows: Array<{ id: string; creditCode: string; name: string; industry: string; state: string; address: string; jurisdictionName: string;
      listedOn: string; siteBoundary: GeoJsonPolygon; bbox: [number, number, number, number] }>;
    matched: number;
  }> {
    const params: unknown[] = [];
    const where = ['k.bbox_min_lon IS NOT NULL', viewer === 'public' ? `k.state <> 'removed'` : keyUnitVisibility(viewer, 'k', params)];
    if (bbox) {
      const [w, s, e, n] = bbox.map((v) => `$${params.push(v)}`);
      where.push(`k.bbox_min_lon <= ${e} AND k.bbox_max_lon >= ${w} AND k.bbox_min_lat <= ${n} AND k.bbox_max_lat >= ${s}`);
    }
    const condition = where.join(' AND ');
    const [{ matched }] = await this.ds.query(`SELECT count(*)::int AS matched FROM key_units k WHERE ${condition}`, params);
    const rows = await this.ds.query(
      `SELECT k.id, k.credit_code AS "creditCode", k.name, k.industry, k.state, k.address, j.name AS "jurisdictionName",
              to_char(k.listed_on, 'YYYY-MM-DD') AS "listedOn", k.site_boundary AS "siteBoundary",
              ARRAY[k.bbox_min_lon, k.bbox_min_lat, k.bbox_max_lon, k.bbox_max_lat]::float8[] AS bbox
         FROM key_units k JOIN jurisdictions j ON j.code = k.jurisdiction_code
        WHERE ${condition} ORDER BY k.name, k.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows, matched };
  }
}
