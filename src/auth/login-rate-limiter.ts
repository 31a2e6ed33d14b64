import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors';
import { throttleVerdict, type AttemptCount, type AttemptKind } from './login-throttle';

/** Expired counters are swept at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Counts failed logins in the database, so the limits hold across every app process,
 * and applies the rules of login-throttle.ts: refusals per (username, address) and per
 * address, only delays per username.
 */
@Injectable()
export class LoginRateLimiter {
  private lastPrune = 0;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(username: string, address: string): Record<AttemptKind, string> {
    const user = username.toLowerCase().slice(0, 64);
    const addr = address.slice(0, 100);
    return { pair: `pair:${user}|${addr}`, addr: `addr:${addr}`, user: `user:${user}` };
  }

  /** Refuses (429) when this username from this address, or this address, failed too often; else waits as the throttle says. */
  async throttle(username: string, address: string): Promise<void> {
    const keys = this.keys(username, address);
    const kindOf = new Map(Object.entries(keys).map(([kind, key]) => [key, kind as AttemptKind]));
    const rows: Array<{ key: string; failures: number; retry: number }> = await this.ds.query(
      `SELECT key, failures, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2) - now())))::int AS retry
         FROM login_attempts WHERE key = ANY($1) AND window_start > now() - make_interval(secs => $2)`,
      [Object.values(keys), this.config.loginRateLimit.windowSeconds],
    );
    const counts: AttemptCount[] = rows.map((r) => ({ kind: kindOf.get(r.key)!, failures: r.failures, retryAfterSeconds: r.retry }));
    const { maxAttempts, baseDelayMs } = this.config.loginRateLimit;
    const verdict = throttleVerdict(counts, maxAttempts, baseDelayMs);
    if (verdict.refuseForSeconds !== undefined) {
      throw new TooManyRequestsError(`登录失败次数过多，请 ${verdict.refuseForSeconds} 秒后再试`, verdict.refuseForSeconds);
    }
    if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const { pair, addr, user } = this.keys(username, address);
    // One statement for the three counters, always in the same key order, so concurrent failures never deadlock.
    await this.ds.query(
      `INSERT INTO login_attempts (key, window_start, failures) VALUES ($1, now(), 1), ($2, now(), 1), ($3, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_attempts.window_start <= now() - make_interval(secs => $4) THEN 1 ELSE login_attempts.failures + 1 END,
         window_start = CASE WHEN login_attempts.window_start <= now() - make_interval(secs => $4) THEN now() ELSE login_attempts.window_start END`,
      [pair, addr, user, this.config.loginRateLimit.windowSeconds],
    );
    await this.pruneNowAndThen();
  }

  /** A good login clears its own (username, address) counter; the username's and the address's run out with their window. */
  async recordSuccess(username: string, address: string): Promise<void> {
    await this.ds.query(`DELETE FROM login_attempts WHERE key = $1`, [this.keys(username, address).pair]);
  }

  /** Every tried username leaves rows behind: sweep those whose window has ended. */
  private async pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.ds.query(`DELETE FROM login_attempts WHERE window_start <= now() - make_interval(secs => $1)`, [
      this.config.loginRateLimit.windowSeconds,
    ]);
  }
}
