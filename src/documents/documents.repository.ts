import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
  plotCode: string | null;
  plotName: string | null;
  record: Record<string, unknown>;
}

const COLUMNS = `d.id, d.plot_id AS "plotId", d.transport_id AS "transportId", d.kind, d.variant, d.title, d.number,
  d.digest, d.pdf_sha256 AS "pdfSha256", d.pdf_size AS "pdfSize", d.published, d.issued_at AS "issuedAt",
  o.name AS issuer, p.code AS "plotCode", p.name AS "plotName"`;
const FROM = `documents d JOIN organisations o ON o.id = d.issuer_org_id LEFT JOIN plots p ON p.id = d.plot_id`;

@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  forPlot(plotId: string): Promise<DocumentRow[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.plot_id = $1 ORDER BY d.issued_at, d.audit_id, d.kind, d.seq`, [plotId]);
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
