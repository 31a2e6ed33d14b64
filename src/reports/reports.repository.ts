import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SampleRow } from '../evidence/sample-csv';
import type { ReportKind } from './dto/conclusions.dto';

export interface ReportRow {
  id: string;
  plotId: string;
  kind: ReportKind;
  authorOrganisationId: string;
  authorOrganisationName: string;
  uploadedBy: string;
  fileSha256: string;
  fileSize: number;
  fileName: string;
  pages: number;
  conclusion: Record<string, unknown>;
  sampleCount: number;
  screening: unknown;
  createdAt: string;
}

const COLUMNS = `r.id, r.plot_id AS "plotId", r.kind, r.author_organisation_id AS "authorOrganisationId",
  o.name AS "authorOrganisationName", r.uploaded_by AS "uploadedBy", r.file_sha256 AS "fileSha256",
  r.file_size::int AS "fileSize", r.file_name AS "fileName", r.pages, r.conclusion, r.sample_count AS "sampleCount",
  r.screening, r.created_at AS "createdAt"`;

// Rows per INSERT … SELECT FROM unnest(…) statement: one round trip per batch, not per row.
const SAMPLE_BATCH = 5000;

@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async insert(
    em: EntityManager,
    r: Omit<ReportRow, 'id' | 'createdAt' | 'authorOrganisationName'>,
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO reports (plot_id, kind, author_organisation_id, uploaded_by, file_sha256, file_size, file_name, pages,
         conclusion, sample_count, screening)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
      [r.plotId, r.kind, r.authorOrganisationId, r.uploadedBy, r.fileSha256, r.fileSize, r.fileName, r.pages,
        JSON.stringify(r.conclusion), r.sampleCount, r.screening === null ? null : JSON.stringify(r.screening)],
    );
    return row.id;
  }

  async insertSamples(em: EntityManager, reportId: string, plotId: string, rows: SampleRow[], onBatch?: (stored: number) => void): Promise<void> {
    for (let i = 0; i < rows.length; i += SAMPLE_BATCH) {
      const batch = rows.slice(i, i + SAMPLE_BATCH);
      const col = <K extends keyof SampleRow>(k: K) => batch.map((r) => r[k]);
      await em.query(
        `INSERT INTO samples (report_id, plot_id, line, sample_id, x, y, depth_m, cas, analyte, value, detected, unit, detection_limit)
         SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::text[],
           $9::text[], $10::float8[], $11::bool[], $12::text[], $13::float8[])`,
        [reportId, plotId, col('line'), col('sampleId'), col('x'), col('y'), col('depthM'), col('cas'), col('analyteName'),
          col('value'), col('detected'), col('unit'), col('detectionLimit')],
      );
      onBatch?.(i + batch.length);
    }
  }

  async find(id: string, em: EntityManager = this.ds.manager): Promise<ReportRow | undefined> {
    const rows = await em.query(`SELECT ${COLUMNS} FROM reports r JOIN organisations o ON o.id = r.author_organisation_id WHERE r.id = $1`, [id]);
    return rows[0];
  }

  listForPlot(plotId: string): Promise<ReportRow[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM reports r JOIN organisations o ON o.id = r.author_organisation_id
        WHERE r.plot_id = $1 ORDER BY r.created_at, r.id`,
      [plotId],
    );
  }
}
