import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { transportVisibility } from '../transports/transport-access';

export interface DocumentRow {
  id: string;
  plotId: string | null;
  transportId: string | null;
  kind: string;
  variant: string | null;
  title: string;
  number: string;
  digest: string;
  pdfSha256: string;
  pdfSize: number;
  published: boolean;
  issuedAt: string;
  issuer: string;
  jurisdictionCode: string | null;
  plotCode: string | null;
  plotName: string | null;
  record: Record<string, unknown>;
}

const COLUMNS = `d.id, d.plot_id AS "plotId", d.transport_id AS "transportId", d.kind, d.variant, d.title, d.number,
  d.digest, d.pdf_sha256 AS "pdfSha256", d.pdf_size AS "pdfSize", d.published, d.issued_at AS "issuedAt",
  o.name AS issuer, d.jurisdiction_code AS "jurisdictionCode", p.code AS "plotCode", p.name AS "plotName"`;
const FROM = `documents d JOIN organisations o ON o.id = d.issuer_org_id LEFT JOIN plots p ON p.id = d.plot_id`;

@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  forPlot(plotId: string): Promise<DocumentRow[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.plot_id = $1 ORDER BY d.issued_at, d.audit_id, d.kind, d.seq`, [plotId]);
  }

  /** The documents of a soil transport, for a caller who may see that transport. */
  forTransport(me: Principal, transportId: string): Promise<DocumentRow[]> {
    const params: unknown[] = [transportId];
    const visible = transportVisibility(me, 't', params);
    return this.ds.query(
      `SELECT ${COLUMNS} FROM ${FROM} JOIN transports t ON t.id = d.transport_id
        WHERE d.transport_id = $1 AND ${visible} ORDER BY d.issued_at, d.audit_id, d.kind, d.seq`,
      params,
    );
  }

  /** Whether the caller may see the transport (the destination bureau of a live batch, among others). */
  async transportVisible(me: Principal, transportId: string): Promise<boolean> {
    const params: unknown[] = [transportId];
    const visible = transportVisibility(me, 't', params);
    const rows = await this.ds.query(`SELECT 1 FROM transports t WHERE t.id = $1 AND ${visible}`, params);
    return rows.length > 0;
  }

  /** The D14 of a jurisdiction and year, if one was issued (the report year is in the record's details). */
  async annualReportOf(em: EntityManager, jurisdictionCode: string, year: number): Promise<DocumentRow | undefined> {
    const rows = await em.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE d.kind = 'D14' AND d.jurisdiction_code = $1 AND (d.record->'details'->>'year')::int = $2 LIMIT 1`,
      [jurisdictionCode, year],
    );
    return rows[0];
  }

  async find(id: string, withRecord = false): Promise<DocumentRow | undefined> {
    const rows = await this.ds.query(`SELECT ${COLUMNS}${withRecord ? ', d.record' : ''} FROM ${FROM} WHERE d.id = $1`, [id]);
    return rows[0];
  }

  /** By the printed digest of the record or by the SHA-256 of the PDF file. */
  async findByHash(sha256: string): Promise<DocumentRow | undefined> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.digest = $1 OR d.pdf_sha256 = $1 LIMIT 1`, [sha256]);
    return rows[0];
  }
}
