import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Content-addressed storage of files by their SHA-256; object storage can take its place. */
export interface BlobStore {
  put(content: Buffer): Promise<{ sha256: string; size: number }>;
  open(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

const SHA256 = /^[0-9a-f]{64}$/;

/** Files under DATA_DIR/blobs/ab/cd/<sha256>, written to a temporary name then renamed into place. */
export class FileBlobStore implements BlobStore {
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
