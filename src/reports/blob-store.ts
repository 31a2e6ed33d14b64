import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { StagedFile } from './upload-staging';

/**
 * Content-addressed storage of files by their SHA-256; object storage can take its place.
 * `em`: the transaction of the row that refers to the file. The PostgreSQL store (blob-store-db.ts)
 * writes the file in it, so that both commit or neither; the directory store has no transaction and ignores it.
 */
export interface BlobStore {
  /** Which store this is, for the command that moves files between them and for the settings page. */
  readonly kind: 'db' | 'dir';
  put(content: Buffer, em?: EntityManager): Promise<{ sha256: string; size: number }>;
  /** Takes a staged file (its hash computed while it was written): moves it into place, or drops it when that content is stored already. */
  adopt(file: StagedFile, em?: EntityManager): Promise<{ sha256: string; size: number }>;
  open(sha256: string, em?: EntityManager): Promise<Readable | undefined>;
  has(sha256: string, em?: EntityManager): Promise<boolean>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

const SHA256 = /^[0-9a-f]{64}$/;

/** Files under DATA_DIR/blobs/ab/cd/<sha256>, written to a temporary name then renamed into place. */
export class FileBlobStore implements BlobStore {
  readonly kind = 'dir' as const;

  constructor(private readonly root: string) {}

  private pathOf(sha256: string) {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Buffer) {
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (!(await this.has(sha256))) {
      const target = this.pathOf(sha256);
      await mkdir(join(target, '..'), { recursive: true });
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, content, { flush: true });
      await rename(tmp, target);
    }
    return { sha256, size: content.length };
  }

  async adopt(file: StagedFile) {
    if (!SHA256.test(file.sha256)) throw new Error(`not a SHA-256 digest: ${file.sha256}`);
    const result = { sha256: file.sha256, size: file.size };
    if (await this.has(file.sha256)) {
      await rm(file.path, { force: true });
      return result;
    }
    const target = this.pathOf(file.sha256);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(file.path, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      await this.copyInto(file.path, target);
    }
    return result;
  }

  // The staging area on another file system: copy to a temporary name beside the target, flush, then rename.
  private async copyInto(source: string, target: string) {
    const tmp = `${target}.${randomUUID()}.tmp`;
    try {
      await copyFile(source, tmp);
      const handle = await open(tmp, 'r+');
      await handle.sync().finally(() => handle.close());
      await rename(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
    await rm(source, { force: true });
  }

  async has(sha256: string) {
    if (!SHA256.test(sha256)) return false;
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async open(sha256: string) {
    return (await this.has(sha256)) ? createReadStream(this.pathOf(sha256)) : undefined;
  }
}
