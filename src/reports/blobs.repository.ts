import type { EntityManager } from 'typeorm';

/**
 * Owns the SQL of `blobs` (one row per stored file: its digest, size and number of chunks) and `blob_chunks` (its
 * bytes, one row per chunk in order). Every statement runs on the manager it is given: the blob store decides the
 * transaction, so a file is written in the same one as the row that names it.
 */
export class BlobsRepository {
  async exists(m: EntityManager, sha256: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT 1 FROM blobs WHERE digest = $1', [sha256]);
    return rows.length > 0;
  }

  /** The number of chunks a stored file has, or undefined when no file has that digest. */
  async chunkCount(m: EntityManager, sha256: string): Promise<number | undefined> {
    const rows: Array<{ chunks: number }> = await m.query('SELECT chunks FROM blobs WHERE digest = $1', [sha256]);
    return rows.length ? Number(rows[0].chunks) : undefined;
  }

  /** Chunks `from` (inclusive) to `to` (exclusive) in order: fewer when some are missing. */
  chunks(m: EntityManager, sha256: string, from: number, to: number): Promise<Array<{ seq: number; bytes: Buffer }>> {
    return m.query('SELECT seq, bytes FROM blob_chunks WHERE digest = $1 AND seq >= $2 AND seq < $3 ORDER BY seq', [sha256, from, to]);
  }

  /**
   * Claims the digest for a new file; false when it is stored already. A concurrent writer of the same content
   * waits on the key until this transaction ends, then finds it taken.
   */
  async claim(m: EntityManager, sha256: string, size: number, chunks: number): Promise<boolean> {
    const claimed: unknown[] = await m.query(
      'INSERT INTO blobs (digest, size, chunks) VALUES ($1, $2, $3) ON CONFLICT (digest) DO NOTHING RETURNING digest',
      [sha256, size, chunks],
    );
    return claimed.length > 0;
  }

  async addChunk(m: EntityManager, sha256: string, seq: number, bytes: Buffer): Promise<void> {
    await m.query('INSERT INTO blob_chunks (digest, seq, bytes) VALUES ($1, $2, $3)', [sha256, seq, bytes]);
  }
}
