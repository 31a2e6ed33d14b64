import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request counters of @nestjs/throttler (issue 23): login, /public/* and the 12369 form, per client address and
 * window, shared by every app process (src/throttle/pg-throttler-storage.ts). UNLOGGED: counters may be lost in a
 * crash or a failover without harm, and need no WAL.
 */
export class ThrottlerStore1766620800000 implements MigrationInterface {
  name = 'ThrottlerStore1766620800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE throttler_hits (
      key varchar(128) PRIMARY KEY,
      hits integer NOT NULL,
      window_ends_at timestamptz NOT NULL,
      blocked_until timestamptz
    )`);
    await q.query(`CREATE INDEX throttler_hits_expiry ON throttler_hits (GREATEST(window_ends_at, COALESCE(blocked_until, window_ends_at)))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE throttler_hits`);
  }
}
