import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { throttleVerdict, type AttemptCount, type AttemptKind, type ThrottleVerdict } from './login-throttle';

/** Expired counters are swept at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Counts failed logins (login-attempts.repository.ts) and applies the rules of
 * login-throttle.ts: refusals per (username, address) and per address, only
 * delays per username.
 */
@Injectable()
export class LoginRateLimiter {
  private lastPrune = 0;

  constructor(
    private readonly attempts: LoginAttemptsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(username: string, address: string): Record<AttemptKind, string> {
    const user = username.toLowerCase().slice(0, 64);
    const addr = address.slice(0, 100);
    return { pair: `pair:${user}|${addr}`, addr: `addr:${addr}`, user: `user:${user}` };
  }

  /** What the throttle says of a login of this username from this address now. */
  async verdict(username: string, address: string): Promise<ThrottleVerdict> {
    const keys = this.keys(username, address);
    const kindOf = new Map(Object.entries(keys).map(([kind, key]) => [key, kind as AttemptKind]));
    const { maxAttempts, windowSeconds, baseDelayMs } = this.config.loginRateLimit;
    const counters = await this.attempts.countersOf(Object.values(keys), windowSeconds);
    const counts: AttemptCount[] = counters.map((c) => ({ kind: kindOf.get(c.key)!, failures: c.failures, retryAfterSeconds: c.retryAfterSeconds }));
    return throttleVerdict(counts, maxAttempts, baseDelayMs);
  }

  /** Refuses (429) when this username from this address, or this address, failed too often; else waits as the throttle says. */
  async throttle(username: string, address: string): Promise<void> {
    const verdict = await this.verdict(username, address);
    if (verdict.refuseForSeconds !== undefined) {
      throw new TooManyRequestsError(`登录失败次数过多，请 ${verdict.refuseForSeconds} 秒后再试`, verdict.refuseForSeconds);
    }
    if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const { pair, addr, user } = this.keys(username, address);
    // The three counters always in this order, so concurrent failures never deadlock.
    await this.attempts.countFailure([pair, addr, user], this.config.loginRateLimit.windowSeconds);
    await this.pruneNowAndThen();
  }

  /** A good login clears its own (username, address) counter; the username's and the address's run out with their window. */
  async recordSuccess(username: string, address: string): Promise<void> {
    await this.attempts.clear(this.keys(username, address).pair);
  }

  /** Every tried username leaves rows behind: sweep those whose window has ended. */
  private async pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.attempts.pruneEnded(this.config.loginRateLimit.windowSeconds);
  }
}
