import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What the throttler reads back of one hit (its ThrottlerStorageRecord; times in seconds). */
export interface HitRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** Ended windows and blocks are swept at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

/**
 * @nestjs/throttler's counters in PostgreSQL (`throttler_hits`), so that every replica counts against one limit.
 * A fixed window per key: the first hit opens it for `ttl`; the hit past `limit` blocks the key for `blockDuration`,
 * during which hits are refused without being counted; the first hit after the window or the block opens a new one.
 * One upsert decides all of it, so concurrent hits from several processes are counted exactly.
 */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  private lastPrune = 0;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** `ttl` and `blockDuration` in milliseconds, as the throttler gives them; the record's times in seconds. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<HitRecord> {
    const [row]: { hits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }[] = await this.ds.query(
      `INSERT INTO throttler_hits AS t (key, hits, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2), CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4) END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.blocked_until > now() THEN t.hits
                     WHEN t.window_ends_at <= now() OR t.blocked_until IS NOT NULL THEN 1
                     ELSE t.hits + 1 END,
         window_ends_at = CASE WHEN t.blocked_until > now() THEN t.window_ends_at
                     WHEN t.window_ends_at <= now() OR t.blocked_until IS NOT NULL THEN now() + make_interval(secs => $2)
                     ELSE t.window_ends_at END,
         blocked_until = CASE WHEN t.blocked_until > now() THEN t.blocked_until
                     WHEN t.window_ends_at > now() AND t.blocked_until IS NULL AND t.hits + 1 > $3 THEN now() + make_interval(secs => $4)
                     END
       RETURNING hits,
         GREATEST(CEIL(EXTRACT(EPOCH FROM window_ends_at - now())), 0)::int AS "timeToExpire",
         COALESCE(blocked_until > now(), false) AS "isBlocked",
         GREATEST(COALESCE(CEIL(EXTRACT(EPOCH FROM blocked_until - now())), 0), 0)::int AS "timeToBlockExpire"`,
      [key, ttl / 1000, limit, blockDuration / 1000],
    );
    await this.pruneNowAndThen();
    return { totalHits: row.hits, timeToExpire: row.timeToExpire, isBlocked: row.isBlocked, timeToBlockExpire: row.timeToBlockExpire };
  }

  /** Every address leaves a row per throttler: remove those whose window and block have ended. */
  private async pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.ds
      .query(`DELETE FROM throttler_hits WHERE GREATEST(window_ends_at, COALESCE(blocked_until, window_ends_at)) < now()`)
      // A failed sweep costs nothing but rows; the next one takes them.
      .catch(() => undefined);
  }
}
