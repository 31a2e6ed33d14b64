import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FINDING_DECISION_FILES } from '../credit/credit.repository';
import { DOCUMENT_FILES } from '../documents/documents.repository';
import { PUBLIC_REPORT_PHOTO_FILES } from '../public-reports/public-reports.repository';
import type { BlobStore } from '../reports/blob-store';
import { REPORT_FILES } from '../reports/reports.repository';

/** A column that names a stored file by its SHA-256, with the key its rows are paged by (the primary key). */
export interface FileColumn {
  table: string;
  digest: string;
  key: readonly string[];
}

/** Every such column, each declared beside the repository that owns its table. */
const FILE_COLUMNS: readonly FileColumn[] = [REPORT_FILES, DOCUMENT_FILES, FINDING_DECISION_FILES, PUBLIC_REPORT_PHOTO_FILES];

const PAGE = 500;

export interface FileRef {
  table: string;
  sha256: string;
}

/**
 * The files the database refers to, table by table, paged by primary key (an index scan per page,
 * whatever the number of rows). A digest referred to twice comes twice: the callers are idempotent.
 */
export async function* referencedFiles(ds: DataSource): AsyncGenerator<FileRef> {
  for (const c of FILE_COLUMNS) {
    const keys = c.key.join(', ');
    let after: unknown[] | undefined;
    for (;;) {
      const where = after ? `WHERE (${keys}) > (${c.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      const rows: Array<Record<string, unknown>> = await ds.query(
        `SELECT ${keys}, ${c.digest} AS sha256 FROM ${c.table} ${where} ORDER BY ${keys} LIMIT ${PAGE}`,
        after ?? [],
      );
      for (const r of rows) yield { table: c.table, sha256: String(r.sha256).trim() };
      if (rows.length < PAGE) break;
      after = c.key.map((k) => rows[rows.length - 1][k]);
    }
  }
}

export type StoredState = 'ok' | 'missing' | 'corrupt';

/** Reads a stored file through and compares its SHA-256 with the name it is stored under. */
export async function verifyStored(store: BlobStore, sha256: string): Promise<StoredState> {
  const stream = await store.open(sha256);
  if (!stream) return 'missing';
  const hash = createHash('sha256');
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } catch {
    return 'corrupt';
  }
  return hash.digest('hex') === sha256 ? 'ok' : 'corrupt';
}

export interface FileCheck {
  checked: number;
  missing: FileRef[];
  corrupt: FileRef[];
}

/** Every referenced file present in `store` with the content its digest names (the restore test's check). */
export async function checkReferencedFiles(ds: DataSource, store: BlobStore): Promise<FileCheck> {
  const out: FileCheck = { checked: 0, missing: [], corrupt: [] };
  for await (const ref of referencedFiles(ds)) {
    out.checked++;
    const state = await verifyStored(store, ref.sha256);
    if (state !== 'ok') out[state].push(ref);
  }
  return out;
}
