import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface AttemptCounter {
  key: string;
  failures: number;
  /** Seconds until the counter's window ends. */
  retryAfterSeconds: number;
}

/**
 * Owns the SQL of `login_attempts`: failed logins counted per key within a
 * window, in the database so that the counts hold across every app process.
 */
@Injectable()
export class LoginAttemptsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The counters of these keys whose window has not ended. */
  countersOf(keys: readonly string[], windowSeconds: number): Promise<AttemptCounter[]> {
    return this.ds.query(
      `SELECT key, failures, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2) - now())))::int AS "retryAfterSeconds"
         FROM login_attempts WHERE key = ANY($1) AND window_start > now() - make_interval(secs => $2)`,
      [keys, windowSeconds],
    );
  }

  /**
   * Counts one failure on each key, starting a new window where the old one
   * has ended. One statement, the keys in the order given: callers that always
   * give the same order never deadlock.
   */
  async countFailure(keys: readonly string[], windowSeconds: number): Promise<void> {
    const rows = keys.map((_, i) => `($${i + 2}, now(), 1)`).join(', ');
    await this.ds.query(
      `INSERT INTO login_attempts (key, window_start, failures) VALUES ${rows}
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_attempts.window_start <= now() - make_interval(secs => $1) THEN 1 ELSE login_attempts.failures + 1 END,
         window_start = CASE WHEN login_attempts.window_start <= now() - make_interval(secs => $1) THEN now() ELSE login_attempts.window_start END`,
      [windowSeconds, ...keys],
    );
  }

  async clear(key: string): Promise<void> {
    await this.ds.query(`DELETE FROM login_attempts WHERE key = $1`, [key]);
  }

  /** Removes the counters whose window has ended. */
  async pruneEnded(windowSeconds: number): Promise<void> {
    await this.ds.query(`DELETE FROM login_attempts WHERE window_start <= now() - make_interval(secs => $1)`, [windowSeconds]);
  }
}
