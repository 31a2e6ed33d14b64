import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One key's counter after a hit (times in seconds). */
export interface HitRow {
  hits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Owns the SQL of `throttler_hits`: a fixed window per key, in PostgreSQL so that every replica counts against one
 * limit. The first hit opens the window for its length; the hit past the limit blocks the key for the block's length,
 * during which hits are refused without being counted; the first hit after the window or the block opens a new one.
 * One upsert decides all of it, so concurrent hits from several processes are counted exactly.
 */
@Injectable()
export class ThrottlerHitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Counts one hit on `key`; the window and the block in seconds. */
  async hit(key: string, windowSeconds: number, limit: number, blockSeconds: number): Promise<HitRow> {
    const [row]: HitRow[] = await this.ds.query(
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
      [key, windowSeconds, limit, blockSeconds],
    );
    return row;
  }

  /** Removes the keys whose window and block have both ended. */
  async removeEnded(): Promise<void> {
    await this.ds.query(`DELETE FROM throttler_hits WHERE GREATEST(window_ends_at, COALESCE(blocked_until, window_ends_at)) < now()`);
  }
}
