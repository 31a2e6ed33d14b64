import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The head of each audit chain (last sequence number and hash) kept on the
 * plot or transport row, like a branch pointing at its last commit. The row is
 * locked for every transition anyway, so the next audit row is hashed without
 * reading the log; /audit/verify still recomputes every chain from the log.
 */
export class AuditChainHead1764806400000 implements MigrationInterface {
  name = 'AuditChainHead1764806400000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, type] of [['plots', 'plot'], ['transports', 'transport']]) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN audit_seq integer NOT NULL DEFAULT 0, ADD COLUMN audit_hash char(64)`);
      await q.query(
        `UPDATE ${table} t SET audit_seq = a.seq, audit_hash = a.hash
           FROM (SELECT DISTINCT ON (entity_id) entity_id, seq, hash FROM audit_log WHERE entity_type = '${type}'
                  ORDER BY entity_id, seq DESC) a
          WHERE a.entity_id = t.id`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['plots', 'transports']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN audit_seq, DROP COLUMN audit_hash`);
    }
  }
}
