import type { DataSource } from 'typeorm';
import type { BlobStore } from '../reports/blob-store';
import { discardStaged, type UploadStaging } from '../reports/upload-staging';
import { referencedFiles, verifyStored, type FileRef } from '../database/file-references';

export interface MoveReport {
  /** Distinct files the database refers to. */
  files: number;
  copied: number;
  /** Already in the target store with the right content (a run resumed or repeated). */
  present: number;
  /** Referred to, but in neither store: the row survives, its file is lost. */
  missing: FileRef[];
  /** In the source store with content that does not hash to its name. */
  corrupt: FileRef[];
}

/**
 * Copies every file the database refers to from one store to the other, verifying each digest
 * on the way in (the staging area hashes it) and reading it back from the target. Each file is
 * complete in the target or absent, so a run cut off and started again carries on where it stopped;
 * the source is left as it is (switch FILE_STORE, then remove the old store at leisure).
 */
export async function moveFiles(
  ds: DataSource,
  from: BlobStore,
  to: BlobStore,
  staging: UploadStaging,
  progress?: (r: MoveReport) => void,
): Promise<MoveReport> {
  const report: MoveReport = { files: 0, copied: 0, present: 0, missing: [], corrupt: [] };
  const seen = new Set<string>();
  for await (const ref of referencedFiles(ds)) {
    if (seen.has(ref.sha256)) continue;
    // Only to count each file once, in bounded memory: a repeat after a clear is counted as present.
    if (seen.size > 100_000) seen.clear();
    seen.add(ref.sha256);
    report.files++;
    await moveOne(ref, from, to, staging, report);
    if (report.files % 100 === 0) progress?.(report);
  }
  progress?.(report);
  return report;
}

async function moveOne(ref: FileRef, from: BlobStore, to: BlobStore, staging: UploadStaging, report: MoveReport) {
  if ((await to.has(ref.sha256)) && (await verifyStored(to, ref.sha256)) === 'ok') {
    report.present++;
    return;
  }
  const source = await from.open(ref.sha256);
  if (!source) {
    report.missing.push(ref);
    return;
  }
  const staged = await staging.write(source).catch(() => undefined);
  try {
    if (!staged || staged.sha256 !== ref.sha256) {
      report.corrupt.push(ref);
      return;
    }
    await to.adopt(staged);
    if ((await verifyStored(to, ref.sha256)) !== 'ok') throw new Error(`file ${ref.sha256} does not read back whole from the target store`);
    report.copied++;
  } finally {
    await discardStaged(staged);
  }
}
