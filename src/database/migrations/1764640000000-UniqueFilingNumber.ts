import { MigrationInterface, QueryRunner } from 'typeorm';

/** A printed filing number names exactly one document. */
export class UniqueFilingNumber1764640000000 implements MigrationInterface {
  name = 'UniqueFilingNumber1764640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_printed_number_unique UNIQUE (number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_printed_number_unique`);
  }
}
