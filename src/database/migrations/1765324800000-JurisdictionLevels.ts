import { MigrationInterface, QueryRunner } from 'typeorm';

/** The significant prefix of a 行政区划代码 column (src/common/jurisdiction.ts, jurisdictionPrefix): 41, 4101, 410106. */
const prefix = (c: string) =>
  `(CASE WHEN length(${c}) > 6 THEN ${c} WHEN ${c} LIKE '__0000' THEN left(${c}, 2) WHEN ${c} LIKE '____00' THEN left(${c}, 4) ELSE ${c} END)`;

/** The level of government of a code column (src/common/jurisdiction.ts, levelOf): 410000 province, 410100 city, 410106 district. */
const level = (c: string) =>
  `(CASE WHEN length(${c}) = 6 AND ${c} LIKE '__0000' THEN 'province' WHEN length(${c}) = 6 AND ${c} LIKE '____00' THEN 'city' ELSE 'district' END)`;

/**
 * Levels of government (docs/architecture.md, Roles): jurisdictions form a tree by code
 * (410000 河南省 → 410100 郑州市 → 410106 上街区), and a bureau sees the plots of its subtree.
 * - `jurisdictions.level` and `organisations.level` are stored generated columns: derived from the
 *   code, so they fill the existing rows and can never disagree with it. An organisation has a level
 *   only as a bureau (生态环境, 自然资源).
 * - `jurisdictions.parent_code`: the nearest jurisdiction above, which must be an ancestor by code;
 *   the existing rows get the nearest ancestor already present.
 * - Organisations and users of the kind and role `expert` (评审专家).
 * - A subtree is `jurisdiction_code LIKE '4101%'`: a text_pattern_ops index serves the prefix in
 *   every collation (a default b-tree serves LIKE only in the C collation), on PGlite and PostgreSQL 15.
 */
export class JurisdictionLevels1765324800000 implements MigrationInterface {
  name = 'JurisdictionLevels1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jurisdictions ADD COLUMN level varchar(16) GENERATED ALWAYS AS (${level('code')}) STORED`);
    await q.query(`ALTER TABLE jurisdictions ADD COLUMN parent_code varchar(12) REFERENCES jurisdictions(code)`);
    await q.query(
      `UPDATE jurisdictions j SET parent_code = (
         SELECT a.code FROM jurisdictions a WHERE a.code <> j.code AND j.code LIKE ${prefix('a.code')} || '%'
          ORDER BY length(${prefix('a.code')}) DESC LIMIT 1)`,
    );
    await q.query(
      `ALTER TABLE jurisdictions ADD CONSTRAINT jurisdictions_parent_is_ancestor
         CHECK (parent_code IS NULL OR (parent_code <> code AND code LIKE ${prefix('parent_code')} || '%'))`,
    );
    await q.query(`CREATE INDEX jurisdictions_parent_idx ON jurisdictions (parent_code)`);

    await q.query(
      `ALTER TABLE organisations ADD COLUMN level varchar(16)
         GENERATED ALWAYS AS (CASE WHEN kind IN ('eeb','land') AND jurisdiction_code IS NOT NULL THEN ${level('jurisdiction_code')} END) STORED`,
    );
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_level_check CHECK (level IN ('province','city','district'))`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check`);
    await q.query(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN ('eeb','land','holder','consultant','expert','admin'))`,
    );
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('eeb','land','holder','consultant','expert','admin'))`);

    await q.query(`CREATE INDEX plots_jurisdiction_subtree_idx ON plots (jurisdiction_code text_pattern_ops)`);
    await q.query(`CREATE INDEX notifications_jurisdiction_subtree_idx ON notifications (jurisdiction_code text_pattern_ops, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_jurisdiction_subtree_idx`);
    await q.query(`DROP INDEX plots_jurisdiction_subtree_idx`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('eeb','land','holder','consultant','admin'))`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN ('eeb','land','holder','consultant','admin'))`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_level_check`);
    await q.query(`ALTER TABLE organisations DROP COLUMN level`);
    await q.query(`DROP INDEX jurisdictions_parent_idx`);
    await q.query(`ALTER TABLE jurisdictions DROP CONSTRAINT jurisdictions_parent_is_ancestor`);
    await q.query(`ALTER TABLE jurisdictions DROP COLUMN parent_code`);
    await q.query(`ALTER TABLE jurisdictions DROP COLUMN level`);
  }
}
