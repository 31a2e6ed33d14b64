import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import { DATABASE_TARGET, type DatabaseTarget } from '../database/data-source-options';
import { loadScreeningTable } from '../evidence/gb36600';
import type { SampleRow } from '../evidence/sample-csv';
import type { ReportKind } from '../../workflows';
import type { FileColumn } from '../database/file-references';

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

export interface ReportGuardFacts {
  id: string;
  kind: ReportKind;
  plotId: string;
  authorOrganisationId: string;
  hasScreenedSamples: boolean;
  /** a revised report names the report it revises (专家评审“修改后通过”) */
  revisesReportId: string | null;
  /** GB 36600 Table 1 items a sampled preliminary investigation has no soil result for (Chinese names, in the table's order) */
  missingRequiredItems: string[];
  /** the report's stated reason for not testing every required item (conclusion.missingItemsReason) */
  missingItemsReason: string | null;
}

// The 45 basic items of GB 36600-2018 Table 1: keys (an item's CAS field) and Chinese names, in the table's order.
const BASIC_ITEMS = loadScreeningTable().items.filter((i) => i.basic);
const BASIC_KEYS = BASIC_ITEMS.map((i) => i.cas);
const BASIC_NAMES = BASIC_ITEMS.map((i) => i.nameZh);

const COLUMNS = `r.id, r.plot_id AS "plotId", r.kind, r.author_organisation_id AS "authorOrganisationId",
  o.name AS "authorOrganisationName", r.uploaded_by AS "uploadedBy", r.file_sha256 AS "fileSha256",
  r.file_size::int AS "fileSize", r.file_name AS "fileName", r.pages, r.conclusion, r.sample_count AS "sampleCount",
  r.screening, r.created_at AS "createdAt"`;

const SAMPLE_COLUMNS = 'report_id, plot_id, unit_id, line, sample_id, x, y, depth_m, cas, analyte, value, detected, unit, detection_limit, medium';

/** Whose samples: a plot's (its id) or a key unit's. */
export type SampleOwner = string | { unitId: string };
type OwnerIds = { plotId: string | null; unitId: string | null };

// Rows per INSERT … SELECT FROM unnest(…) statement: one round trip per batch, not per row.
const SAMPLE_BATCH = 5000;
// Rows per chunk written to COPY: large enough to cost few writes, small enough to report progress.
const COPY_CHUNK = 2000;

/** The stored file of a report (the blob store's name for it), for the tools that list every file the database names. */
export const REPORT_FILES: FileColumn = { table: 'reports', digest: 'file_sha256', key: ['id'] };

@Injectable()
export class ReportsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DATABASE_TARGET) private readonly target: DatabaseTarget,
  ) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** A report of a plot, or (unitId, plotId null) of a key unit (migration KeyUnits: exactly one of the two). */
  async insert(
    em: EntityManager,
    r: Omit<ReportRow, 'id' | 'createdAt' | 'authorOrganisationName' | 'plotId' | 'kind'> & { plotId: string | null; unitId?: string | null; kind: string },
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO reports (plot_id, kind, author_organisation_id, uploaded_by, file_sha256, file_size, file_name, pages,
         conclusion, sample_count, screening, unit_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
      [r.plotId, r.kind, r.authorOrganisationId, r.uploadedBy, r.fileSha256, r.fileSize, r.fileName, r.pages,
        JSON.stringify(r.conclusion), r.sampleCount, r.screening === null ? null : JSON.stringify(r.screening), r.unitId ?? null],
    );
    return row.id;
  }

  /**
   * What a key unit's guards read of a named report (KeyUnitReportFacts): its kind, its unit, the media its samples
   * cover and their screening verdict (GB 36600 soil), or null when there is none.
   */
  async unitReportFacts(id: string, em: EntityManager): Promise<{ id: string; kind: string; unitId: string | null; media: string[]; screeningVerdict: string | null } | null> {
    const [r] = await em.query(
      `SELECT r.id, r.kind, r.unit_id AS "unitId", r.screening->>'verdict' AS "screeningVerdict",
              ARRAY(SELECT DISTINCT s.medium FROM samples s WHERE s.report_id = r.id ORDER BY s.medium) AS media
         FROM reports r WHERE r.id = $1`,
      [id],
    );
    return r ?? null;
  }

  listForUnit(unitId: string): Promise<ReportRow[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM reports r JOIN organisations o ON o.id = r.author_organisation_id
        WHERE r.unit_id = $1 ORDER BY r.created_at, r.id LIMIT 1000`,
      [unitId],
    );
  }

  /**
   * Stores a report's samples on the transaction's connection, so a failure rolls them back
   * with the report. COPY where the server takes it; the embedded server's socket cannot
   * carry COPY FROM STDIN (PGlite drops the connection), so it gets batched inserts.
   */
  insertSamples(em: EntityManager, reportId: string, owner: SampleOwner, rows: SampleRow[], onBatch?: (stored: number) => void): Promise<void> {
    const o = typeof owner === 'string' ? { plotId: owner, unitId: null } : { plotId: null, unitId: owner.unitId };
    return this.target.embedded
      ? this.insertSampleBatches(em, reportId, o, rows, onBatch)
      : this.copySamples(em, reportId, o, rows, onBatch);
  }

  private async copySamples(em: EntityManager, reportId: string, o: OwnerIds, rows: SampleRow[], onBatch?: (stored: number) => void) {
    if (!em.queryRunner) throw new Error('insertSamples must run inside a transaction');
    const client: PoolClient = await em.queryRunner.connect();
    const copy = client.query(copyFrom(`COPY samples (${SAMPLE_COLUMNS}) FROM STDIN`));
    const prefix = `${reportId}\t${o.plotId ?? '\\N'}\t${o.unitId ?? '\\N'}\t`;
    async function* chunks() {
      for (let i = 0; i < rows.length; i += COPY_CHUNK) {
        const end = Math.min(i + COPY_CHUNK, rows.length);
        let text = '';
        for (let k = i; k < end; k++) text += prefix + copyLine(rows[k]);
        yield text;
        onBatch?.(end);
      }
    }
    await pipeline(Readable.from(chunks(), { objectMode: false }), copy);
  }

  private async insertSampleBatches(em: EntityManager, reportId: string, o: OwnerIds, rows: SampleRow[], onBatch?: (stored: number) => void) {
    for (let i = 0; i < rows.length; i += SAMPLE_BATCH) {
      const batch = rows.slice(i, i + SAMPLE_BATCH);
      const col = <K extends keyof SampleRow>(k: K) => batch.map((r) => r[k]);
      await em.query(
        `INSERT INTO samples (${SAMPLE_COLUMNS})
         SELECT $1, $2::uuid, $15::uuid, * FROM unnest($3::int[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::text[],
           $9::text[], $10::float8[], $11::bool[], $12::text[], $13::float8[], $14::text[])`,
        [reportId, o.plotId, col('line'), col('sampleId'), col('x'), col('y'), col('depthM'), col('cas'), col('analyteName'),
          col('value'), col('detected'), col('unit'), col('detectionLimit'), col('medium'), o.unitId],
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

  /**
   * What the workflow guards read of a named report (kind, plot, author, screened samples, the
   * required items its samples miss and the reason it gives), or null when there is none. The
   * required items are those of a sampled preliminary investigation, found in its summaries.
   */
  async guardFacts(id: string, em: EntityManager): Promise<ReportGuardFacts | null> {
    const [r] = await em.query(
      `SELECT r.id, r.kind, r.plot_id AS "plotId", r.author_organisation_id AS "authorOrganisationId",
              (r.sample_count > 0 AND r.screening IS NOT NULL) AS "hasScreenedSamples",
              r.conclusion->>'revisesReportId' AS "revisesReportId",
              nullif(btrim(r.conclusion->>'missingItemsReason'), '') AS "missingItemsReason",
              CASE WHEN r.kind = 'preliminary_investigation' AND r.sample_count > 0 THEN
                ARRAY(SELECT b.name FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS b (cas, name, ord)
                       WHERE NOT EXISTS (SELECT 1 FROM sample_summaries m
                                          WHERE m.report_id = r.id AND m.medium = 'soil'
                                            AND (m.cas = b.cas OR m.cas = ANY (string_to_array(b.cas, ';'))))
                       ORDER BY b.ord)
              ELSE ARRAY[]::text[] END AS "missingRequiredItems"
         FROM reports r WHERE r.id = $1`,
      [id, BASIC_KEYS, BASIC_NAMES],
    );
    return r ?? null;
  }

  /**
   * The remediation targets (conclusion.targets) of the plot's latest risk assessment among the
   * reports named, or among all its risk assessments when `reportIds` is null.
   */
  async targetsOf(plotId: string, reportIds: string[] | null, em: EntityManager = this.ds.manager): Promise<unknown[]> {
    if (reportIds !== null && !reportIds.length) return [];
    const rows: Array<{ targets: unknown }> = await em.query(
      `SELECT r.conclusion->'targets' AS targets FROM reports r
        WHERE r.plot_id = $1 AND ($2::uuid[] IS NULL OR r.id = ANY ($2::uuid[])) AND r.kind = 'risk_assessment'
          AND jsonb_typeof(r.conclusion->'targets') = 'array'
        ORDER BY r.created_at DESC, r.id LIMIT 1`,
      [plotId, reportIds],
    );
    return Array.isArray(rows[0]?.targets) ? rows[0].targets : [];
  }

  /** The structured conclusion of a report, or undefined when there is none. */
  async conclusionOf(id: string, em: EntityManager): Promise<Record<string, unknown> | undefined> {
    const [r] = await em.query(`SELECT conclusion FROM reports WHERE id = $1`, [id]);
    return r?.conclusion;
  }
}

/** One row in COPY's text format (tab-separated, \N for null; numbers print exactly as they parse back). */
function copyLine(r: SampleRow): string {
  return `${r.line}\t${copyText(r.sampleId)}\t${r.x}\t${r.y}\t${r.depthM}\t${copyText(r.cas)}\t${copyText(r.analyteName)}\t${
    r.value ?? '\\N'}\t${r.detected ? 't' : 'f'}\t${copyText(r.unit)}\t${r.detectionLimit}\t${r.medium}\n`;
}

const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyText(s: string): string {
  return s.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]);
}
