import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FileColumn } from '../database/file-references';

export interface DocumentRow {
  id: string;
  plotId: string | null;
  /** a key unit's filing (D18) */
  unitId?: string | null;
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
  o.name AS issuer, d.jurisdiction_code AS "jurisdictionCode", p.code AS "plotCode", p.name AS "plotName", d.unit_id AS "unitId"`;
const FROM = `documents d JOIN organisations o ON o.id = d.issuer_org_id LEFT JOIN plots p ON p.id = d.plot_id`;

/** A filing as stored: its record, with the numbers and hashes taken when it was issued. */
export interface NewDocument {
  id: string;
  plotId: string | null;
  /** a key unit's filing (D18) */
  unitId?: string | null;
  transportId: string | null;
  outboxId: string | null;
  auditId: string | null;
  kind: string;
  variant: string | null;
  title: string;
  issuerOrgId: string;
  jurisdictionCode: string | null;
  year: number;
  seq: number;
  number: string;
  record: unknown;
  digest: string;
  pdfSha256: string;
  pdfSize: number;
  published: boolean;
  issuedAt: string;
}

/** A published document as the public notices list it. */
export interface PublishedDocumentRow {
  number: string;
  kind: string;
  variant: string | null;
  title: string;
  plotCode: string | null;
  plotName: string | null;
  issuedAt: string;
  digest: string;
  issuer: string;
}

/** The PDF of a filing record, for the tools that list every file the database names. */
export const DOCUMENT_FILES: FileColumn = { table: 'documents', digest: 'pdf_sha256', key: ['id'] };

/** Owns documents (the filing records) and filing_counters (their numbers per issuing body, kind and year). */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  forPlot(plotId: string): Promise<DocumentRow[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.plot_id = $1 ORDER BY d.issued_at, d.audit_id, d.kind, d.seq`, [plotId]);
  }

  /** The documents of a soil transport (the service has checked that the caller may see it). */
  /** A key unit's filings (D18), oldest first. */
  forUnit(unitId: string): Promise<DocumentRow[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.unit_id = $1 ORDER BY d.issued_at, d.seq LIMIT 500`, [unitId]);
  }

  forTransport(transportId: string): Promise<DocumentRow[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.transport_id = $1 ORDER BY d.issued_at, d.audit_id, d.kind, d.seq`, [transportId]);
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

  /**
   * The next number of (issuing body, kind, year), inside the filing's
   * transaction: the counter row stays locked until commit, and a rollback
   * gives the number back, so the sequence is gap-free and unique.
   */
  async nextNumber(em: EntityManager, issuerOrgId: string, kind: string, year: number): Promise<number> {
    const [row] = await em.query(
      `INSERT INTO filing_counters (issuer_org_id, kind, year, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (issuer_org_id, kind, year) DO UPDATE SET last_number = filing_counters.last_number + 1
       RETURNING last_number`,
      [issuerOrgId, kind, year],
    );
    return row.last_number;
  }

  async insert(em: EntityManager, d: NewDocument): Promise<void> {
    await em.query(
      `INSERT INTO documents (id, plot_id, transport_id, outbox_id, audit_id, kind, variant, title, issuer_org_id, jurisdiction_code,
         year, seq, number, record, digest, pdf_sha256, pdf_size, published, issued_at, unit_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)`,
      [d.id, d.plotId, d.transportId, d.outboxId, d.auditId, d.kind, d.variant, d.title, d.issuerOrgId, d.jurisdictionCode,
        d.year, d.seq, d.number, JSON.stringify(d.record), d.digest, d.pdfSha256, d.pdfSize, d.published, d.issuedAt, d.unitId ?? null],
    );
  }

  /** The number of the last document of a kind (and variant) issued for a plot, optionally before an instant. */
  async lastNumberOf(em: EntityManager, plotId: string, kind: string, only: { variant?: string; before?: string } = {}): Promise<string | undefined> {
    const [d] = await em.query(
      `SELECT number FROM documents WHERE plot_id = $1 AND kind = $2 AND ($3::text IS NULL OR variant = $3) AND ($4::timestamptz IS NULL OR issued_at < $4)
        ORDER BY issued_at DESC, seq DESC LIMIT 1`,
      [plotId, kind, only.variant ?? null, only.before ?? null],
    );
    return d?.number;
  }

  /** Serialises the issuing of a jurisdiction's D14 for a year until the transaction ends. */
  async lockAnnualReport(em: EntityManager, jurisdictionCode: string, year: number): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`D14:${jurisdictionCode}:${year}`]);
  }

  /** The documents published by nature (名录公告, 施工公告牌, 移出名录决定 …), newest first. */
  published(limit: number): Promise<PublishedDocumentRow[]> {
    return this.ds.query(
      `SELECT d.number, d.kind, d.variant, d.title, p.code AS "plotCode", p.name AS "plotName", d.issued_at AS "issuedAt",
              d.digest, o.name AS issuer
         FROM documents d LEFT JOIN plots p ON p.id = d.plot_id JOIN organisations o ON o.id = d.issuer_org_id
        WHERE d.published ORDER BY d.issued_at DESC, d.number LIMIT $1`,
      [limit],
    );
  }
}
