import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper evidence for the audit chain (hardening #5):
 * - `hash_scheme` per row: rows written so far were hashed with plain SHA-256
 *   ('sha256'), which anyone with database access can recompute; the app now
 *   writes 'hmac-sha256:v1', keyed with AUDIT_KEY, kept outside the database.
 * - `audit_seal`: the rows that may carry the old scheme are those up to the
 *   highest id at this upgrade. The app seals that ceiling, and the heads of
 *   the chains as they stood, with its key on its first start after this
 *   migration; a row above the ceiling in the old scheme is a downgrade.
 * - `audit_digests`: one keyed digest over every chain head per day (China
 *   Standard Time), stored once and published, so that a later rewrite of the
 *   log contradicts what was published. The BRIN index serves the day's rows.
 */
export class AuditKeyedChain1765238400000 implements MigrationInterface {
  name = 'AuditKeyedChain1765238400000';

  async up(q: QueryRunner): Promise<void> {
    // A constant default fills the old rows without rewriting them (no UPDATE, so the append-only trigger stays quiet).
    await q.query(`ALTER TABLE audit_log ADD COLUMN hash_scheme varchar(32) NOT NULL DEFAULT 'sha256'`);
    await q.query(`CREATE INDEX audit_log_at_brin_idx ON audit_log USING brin (at)`);
    await q.query(`
      CREATE TABLE audit_seal (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        legacy_max_id bigint NOT NULL,
        seal char(64),
        sealed_at timestamptz
      )`);
    await q.query(`INSERT INTO audit_seal (legacy_max_id) SELECT coalesce(max(id), 0) FROM audit_log`);
    await q.query(`
      CREATE FUNCTION audit_seal_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.seal IS NULL THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'table % is sealed', TG_TABLE_NAME USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`CREATE TRIGGER audit_seal_once BEFORE UPDATE OR DELETE ON audit_seal FOR EACH ROW EXECUTE FUNCTION audit_seal_once()`);
    await q.query(`CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
    await q.query(`
      CREATE TABLE audit_digests (
        day date PRIMARY KEY,
        chains integer NOT NULL,
        state char(64) NOT NULL,
        digest char(64) NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER audit_digests_append_only BEFORE UPDATE OR DELETE ON audit_digests FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await q.query(`CREATE TRIGGER audit_digests_no_truncate BEFORE TRUNCATE ON audit_digests FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_digests`);
    await q.query(`DROP TABLE audit_seal`);
    await q.query(`DROP FUNCTION audit_seal_once()`);
    await q.query(`DROP INDEX audit_log_at_brin_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN hash_scheme`);
  }
}
