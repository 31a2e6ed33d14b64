import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `('eeb','land','holder','consultant','expert','admin')`;
const KINDS_AFTER = `('eeb','land','miit','holder','consultant','expert','admin')`;

/**
 * 工业和信息化 bureaus (issue 18): an organisation kind and a user role `miit` of their own. They hand in the lists of
 * closed and relocated enterprises and receive the filings of key units' demolition plans (土壤法第二十二条第二款);
 * they see no plot. Their level of government stays null: `organisations.level` is derived for the bureaus that
 * decide on plots (eeb, land) only.
 */
export class IndustryBureauRole1765843200000 implements MigrationInterface {
  name = 'IndustryBureauRole1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN ${KINDS_AFTER})`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ${KINDS_AFTER})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ${KINDS_BEFORE})`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN ${KINDS_BEFORE})`);
  }
}
