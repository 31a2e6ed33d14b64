import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 一张图 (issue 19): a jurisdiction's boundary as an administrator uploads it (CGCS2000 lon/lat), with its source and
 * whether it is approximate. A plot registered with a boundary wholly outside its jurisdiction's is refused.
 */
export class JurisdictionBoundaries1765930100000 implements MigrationInterface {
  name = 'JurisdictionBoundaries1765930100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdiction_boundaries (
        code varchar(12) PRIMARY KEY REFERENCES jurisdictions(code),
        boundary jsonb NOT NULL,
        approximate boolean NOT NULL,
        source varchar(500) NOT NULL,
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE jurisdiction_boundaries`);
  }
}
