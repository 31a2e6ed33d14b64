import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report files and filing PDFs in PostgreSQL (issue 23), when FILE_STORE=db (the default with DATABASE_URL):
 * a blob by its SHA-256 in `blobs`, its bytes in 256 KiB chunks in `blob_chunks`, written in the transaction of
 * the row that refers to it, so that replicas share the files, a pg_dump holds them and a crash never parts a
 * row from its file. The embedded default keeps the content-addressed directory; the tables then stay empty.
 */
export class BlobStore1766534400000 implements MigrationInterface {
  name = 'BlobStore1766534400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE blobs (
      digest char(64) PRIMARY KEY CHECK (digest ~ '^[0-9a-f]{64}$'),
      size bigint NOT NULL CHECK (size >= 0),
      chunks integer NOT NULL CHECK (chunks >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE blob_chunks (
      digest char(64) NOT NULL REFERENCES blobs(digest) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 0),
      bytes bytea NOT NULL,
      PRIMARY KEY (digest, seq)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE blob_chunks');
    await q.query('DROP TABLE blobs');
  }
}
