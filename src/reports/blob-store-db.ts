import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import type { BlobStore } from './blob-store';
import { BlobsRepository } from './blobs.repository';
import type { StagedFile } from './upload-staging';

/** Bytes per row of blob_chunks: large enough for few rows, small enough that a page of them is a small buffer. */
export const BLOB_CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query while a file is read out (1 MiB). */
const CHUNKS_PER_PAGE = 4;

const SHA256 = /^[0-9a-f]{64}$/;

export class BlobDigestMismatchError extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`blob content hashes to ${actual}, not ${expected}`);
    this.name = 'BlobDigestMismatchError';
  }
}

/**
 * Files in PostgreSQL (migration BlobStore): one row per file in `blobs`, its bytes in
 * 256 KiB rows of `blob_chunks`, streamed in chunk by chunk and out page by page, never
 * a whole file in memory. Given the transaction of the row that refers to a file, the
 * file is written in it: both commit or neither. Without one, it takes its own.
 */
export class DbBlobStore implements BlobStore {
  readonly kind = 'db' as const;

  constructor(
    private readonly ds: DataSource,
    private readonly blobs = new BlobsRepository(),
  ) {}

  put(content: Buffer, em?: EntityManager) {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const chunks = function* () {
      for (let at = 0; at < content.length; at += BLOB_CHUNK_BYTES) yield content.subarray(at, at + BLOB_CHUNK_BYTES);
    };
    return this.within(em, (m) => this.write(m, sha256, content.length, chunks()));
  }

  /** The staged file stays where it is: the caller removes it (discardStaged), so a retried transaction can read it again. */
  adopt(file: StagedFile, em?: EntityManager) {
    if (!SHA256.test(file.sha256)) throw new Error(`not a SHA-256 digest: ${file.sha256}`);
    return this.within(em, (m) => this.write(m, file.sha256, file.size, createReadStream(file.path, { highWaterMark: BLOB_CHUNK_BYTES })));
  }

  async has(sha256: string, em?: EntityManager) {
    if (!SHA256.test(sha256)) return false;
    return this.blobs.exists(em ?? this.ds.manager, sha256);
  }

  /** Pages through the chunks on `em` (a transaction the caller keeps open while reading) or on the pool. */
  async open(sha256: string, em?: EntityManager): Promise<Readable | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const m = em ?? this.ds.manager;
    const stored = await this.blobs.chunkCount(m, sha256);
    if (stored === undefined) return undefined;
    const total = stored;
    const blobs = this.blobs;
    async function* pages() {
      for (let from = 0; from < total; from += CHUNKS_PER_PAGE) {
        const page = await blobs.chunks(m, sha256, from, from + CHUNKS_PER_PAGE);
        for (const [i, row] of page.entries()) {
          if (row.seq !== from + i) throw new Error(`blob ${sha256} is missing chunk ${from + i}`);
          yield row.bytes;
        }
        if (page.length !== Math.min(CHUNKS_PER_PAGE, total - from)) throw new Error(`blob ${sha256} is missing chunks after ${from + page.length - 1}`);
      }
    }
    return Readable.from(pages(), { objectMode: false, highWaterMark: BLOB_CHUNK_BYTES });
  }

  private within<T>(em: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return em ? work(em) : this.ds.transaction(work);
  }

  /**
   * Claims the digest (a concurrent writer of the same content waits on the key, then finds it taken)
   * and writes the chunks as they come, hashing them; content that does not hash to the digest throws,
   * which rolls the transaction back.
   */
  private async write(em: EntityManager, sha256: string, size: number, chunks: Iterable<Buffer> | AsyncIterable<Buffer>) {
    const count = Math.ceil(size / BLOB_CHUNK_BYTES);
    if (!(await this.blobs.claim(em, sha256, size, count))) {
      if (chunks instanceof Readable) chunks.destroy();
      return { sha256, size };
    }
    const hash = createHash('sha256');
    let seq = 0;
    let written = 0;
    for await (const chunk of evenChunks(chunks)) {
      hash.update(chunk);
      written += chunk.length;
      await this.blobs.addChunk(em, sha256, seq++, chunk);
    }
    const actual = hash.digest('hex');
    if (actual !== sha256 || written !== size || seq !== count) throw new BlobDigestMismatchError(sha256, actual);
    return { sha256, size };
  }
}

/** Chunks of exactly BLOB_CHUNK_BYTES but the last, whatever sizes the source yields. */
async function* evenChunks(source: Iterable<Buffer> | AsyncIterable<Buffer>) {
  let held: Buffer[] = [];
  let heldBytes = 0;
  for await (const piece of source) {
    let rest = piece;
    while (heldBytes + rest.length >= BLOB_CHUNK_BYTES) {
      const take = BLOB_CHUNK_BYTES - heldBytes;
      yield held.length ? Buffer.concat([...held, rest.subarray(0, take)]) : rest.subarray(0, take);
      rest = rest.subarray(take);
      held = [];
      heldBytes = 0;
    }
    if (rest.length) {
      held.push(rest);
      heldBytes += rest.length;
    }
  }
  if (heldBytes) yield Buffer.concat(held);
}
