import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { WorkflowRow } from '../engine/workflow-entity';
import { inSubtree } from '../organisations/jurisdiction-subtree';
import type { FileColumn } from '../database/file-references';

export interface PublicReportRow extends WorkflowRow {
  receiptCode: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  description: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  seenOn: string;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: string;
  photoCount: number;
}

export interface NewPublicReport {
  id: string;
  receiptCode: string;
  jurisdictionCode: string;
  description: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  seenOn: string;
  contactName: string | null;
  contactPhone: string | null;
  machineName: string;
  machineVersion: number;
  state: string;
  snapshot: unknown;
}

export interface PhotoRow {
  seq: number;
  sha256: string;
  size: number;
  mediaType: string;
}

const COLUMNS = `r.id, NULL::uuid AS "plotId", r.receipt_code AS "receiptCode", r.jurisdiction_code AS "jurisdictionCode",
  j.name AS "jurisdictionName", r.description, r.lon, r.lat, r.address, to_char(r.seen_on, 'YYYY-MM-DD') AS "seenOn",
  r.contact_name AS "contactName", r.contact_phone AS "contactPhone", r.machine_name AS "machineName",
  r.machine_version AS "machineVersion", r.snapshot, r.version, r.state, r.audit_seq AS "auditSeq", r.audit_hash AS "auditHash",
  r.created_at AS "createdAt", (SELECT count(*)::int FROM public_report_photos ph WHERE ph.report_id = r.id) AS "photoCount"`;
const FROM = `public_reports r JOIN jurisdictions j ON j.code = r.jurisdiction_code`;

/** A bureau sees the reports of its jurisdiction and below; nobody else sees a report by id. */
function visibility(p: Principal, params: unknown[]): string {
  return p.role === 'eeb' ? inSubtree('r.jurisdiction_code', p.jurisdictionCode, params) : 'FALSE';
}

/** Owns the SQL of public_reports and public_report_photos. */
/** The photos of a public report, for the tools that list every file the database names. */
export const PUBLIC_REPORT_PHOTO_FILES: FileColumn = { table: 'public_report_photos', digest: 'sha256', key: ['report_id', 'seq'] };

@Injectable()
export class PublicReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, r: NewPublicReport): Promise<void> {
    await em.query(
      `INSERT INTO public_reports (id, receipt_code, jurisdiction_code, description, lon, lat, address, seen_on, contact_name,
         contact_phone, machine_name, machine_version, state, snapshot)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [r.id, r.receiptCode, r.jurisdictionCode, r.description, r.lon, r.lat, r.address, r.seenOn, r.contactName, r.contactPhone,
        r.machineName, r.machineVersion, r.state, JSON.stringify(r.snapshot)],
    );
  }

  async insertPhotos(em: EntityManager, reportId: string, photos: PhotoRow[]): Promise<void> {
    for (const p of photos) {
      await em.query(`INSERT INTO public_report_photos (report_id, seq, sha256, size, media_type) VALUES ($1,$2,$3,$4,$5)`, [reportId, p.seq, p.sha256, p.size, p.mediaType]);
    }
  }

  async findVisible(p: Principal, id: string, opts: { em?: EntityManager; lock?: boolean } = {}): Promise<PublicReportRow | undefined> {
    const params: unknown[] = [id];
    const visible = visibility(p, params);
    const lock = opts.lock ? 'FOR UPDATE OF r' : '';
    const rows = await (opts.em ?? this.ds.manager).query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1 AND ${visible} ${lock}`, params);
    return rows[0];
  }

  async findById(em: EntityManager, id: string): Promise<PublicReportRow | undefined> {
    const rows = await em.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`, [id]);
    return rows[0];
  }

  /** The report a receipt code names (the public status page). */
  async findByReceipt(code: string): Promise<PublicReportRow | undefined> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.receipt_code = $1`, [code]);
    return rows[0];
  }

  /** One page of the bureau's cases, newest first, with their count. */
  async list(p: Principal, f: { state?: string; page: number; pageSize: number }): Promise<{ items: PublicReportRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [visibility(p, params)];
    if (f.state) where.push(`r.state = $${params.push(f.state)}`);
    const condition = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM public_reports r WHERE ${condition}`, params);
    const items = await this.ds.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${condition} ORDER BY r.created_at DESC, r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items, total };
  }

  /** Open cases of a district bureau's jurisdiction (its to-do), oldest first, capped. */
  openOf(jurisdictionCode: string, limit = 50): Promise<Array<{ id: string; state: string; receivedOn: string; description: string }>> {
    return this.ds.query(
      `SELECT id, state, snapshot->'context'->>'receivedOn' AS "receivedOn", left(description, 60) AS description FROM public_reports
        WHERE jurisdiction_code = $1 AND state <> 'closed' ORDER BY created_at, id LIMIT $2`,
      [jurisdictionCode, limit],
    );
  }

  /** The located cases of a district in a box, newest first, capped (public_reports_map_idx); no reporter's field. */
  located(jurisdictionCode: string, bbox: [number, number, number, number], limit: number) {
    return this.ds.query(
      `SELECT id, state, lon, lat, left(description, 60) AS description, to_char(seen_on, 'YYYY-MM-DD') AS "seenOn",
              snapshot->'context'->>'receivedOn' AS "receivedOn"
         FROM public_reports
        WHERE jurisdiction_code = $1 AND lon IS NOT NULL AND lon BETWEEN $2 AND $4 AND lat BETWEEN $3 AND $5
        ORDER BY created_at DESC, id LIMIT $6`,
      [jurisdictionCode, ...bbox, limit],
    ) as Promise<Array<{ id: string; state: string; lon: number; lat: number; description: string; seenOn: string; receivedOn: string }>>;
  }

  photos(reportId: string): Promise<PhotoRow[]> {
    return this.ds.query(`SELECT seq, sha256, size, media_type AS "mediaType" FROM public_report_photos WHERE report_id = $1 ORDER BY seq`, [reportId]);
  }

  /** The districts a report can be addressed to (the public form's choice). */
  districts(): Promise<Array<{ code: string; name: string }>> {
    return this.ds.query(`SELECT code, name FROM jurisdictions WHERE level = 'district' ORDER BY code LIMIT 1000`);
  }

  async districtExists(em: EntityManager, code: string): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM jurisdictions WHERE code = $1 AND level = 'district'`, [code]);
    return row !== undefined;
  }

  /** Whether a plot or key unit of that id lies in the jurisdiction (LINK). */
  async linkTargetIn(em: EntityManager, jurisdiction: string, plotId: unknown, unitId: unknown): Promise<boolean> {
    const uuid = (v: unknown) => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);
    if (uuid(plotId)) return (await em.query(`SELECT 1 FROM plots WHERE id = $1 AND jurisdiction_code = $2`, [plotId, jurisdiction])).length > 0;
    if (uuid(unitId)) return (await em.query(`SELECT 1 FROM key_units WHERE id = $1 AND jurisdiction_code = $2`, [unitId, jurisdiction])).length > 0;
    return false;
  }

  async setLink(em: EntityManager, id: string, plotId: string | null, unitId: string | null): Promise<void> {
    await em.query(`UPDATE public_reports SET plot_id = $2, unit_id = $3 WHERE id = $1`, [id, plotId, unitId]);
  }
}
