import type { AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors';
import type { AttemptCounter, LoginAttemptsRepository } from './login-attempts.repository';
import { LoginRateLimiter } from './login-rate-limiter';

const N = 10;
const WINDOW = 300;

/** login_attempts in memory, on a clock the test moves: windows start and end as the table's do. */
class InMemoryLoginAttempts implements Pick<LoginAttemptsRepository, keyof LoginAttemptsRepository> {
  nowMs = Date.UTC(2026, 2, 1, 2, 0, 0);
  readonly rows = new Map<string, { windowStart: number; failures: number }>();

  private ended(windowStart: number, windowSeconds: number) {
    return windowStart <= this.nowMs - windowSeconds * 1000;
  }

  async countersOf(keys: readonly string[], windowSeconds: number): Promise<AttemptCounter[]> {
    return keys.flatMap((key) => {
      const row = this.rows.get(key);
      if (!row || this.ended(row.windowStart, windowSeconds)) return [];
      const retryAfterSeconds = Math.ceil((row.windowStart + windowSeconds * 1000 - this.nowMs) / 1000);
      return [{ key, failures: row.failures, retryAfterSeconds }];
    });
  }

  async countFailure(keys: readonly string[], windowSeconds: number): Promise<void> {
    for (const key of keys) {
      const row = this.rows.get(key);
      if (!row || this.ended(row.windowStart, windowSeconds)) this.rows.set(key, { windowStart: this.nowMs, failures: 1 });
      else row.failures += 1;
    }
  }

  async clear(key: string): Promise<void> {
    this.rows.delete(key);
  }

  async pruneEnded(windowSeconds: number): Promise<void> {
    for (const [key, row] of this.rows) if (this.ended(row.windowStart, windowSeconds)) this.rows.delete(key);
  }
}

function setup(baseDelayMs = 250) {
  const attempts = new InMemoryLoginAttempts();
  const config = { loginRateLimit: { maxAttempts: N, windowSeconds: WINDOW, baseDelayMs } } as AppConfig;
  return { attempts, limiter: new LoginRateLimiter(attempts as unknown as LoginAttemptsRepository, config) };
}

async function fail(limiter: LoginRateLimiter, username: string, address: string, times: number) {
  for (let i = 0; i < times; i++) await limiter.recordFailure(username, address);
}

describe('login rate limiter (README LOGIN_MAX_ATTEMPTS; GB/T 22239-2019 8.1.4.1 b: 限制非法登录次数)', () => {
  it('hardening #11: one username failing from one address is refused at LOGIN_MAX_ATTEMPTS with the seconds left in the window; from another address it is not', async () => {
    const { attempts, limiter } = setup();
    await fail(limiter, 'eeb', '10.0.0.1', N);
    attempts.nowMs += 100_000;
    const refusal = await limiter.throttle('eeb', '10.0.0.1').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect((refusal as TooManyRequestsError).retryAfterSeconds).toBe(WINDOW - 100);
    expect((refusal as TooManyRequestsError).message).toBe(`登录失败次数过多，请 ${WINDOW - 100} 秒后再试`);
    expect((await limiter.verdict('eeb', '10.0.0.2')).refuseForSeconds).toBeUndefined();
  });

  it('hardening #11: a username failing from a hundred addresses is only delayed, never refused, so nobody can lock its owner out', async () => {
    const { limiter } = setup();
    for (let i = 0; i < 100; i++) await fail(limiter, 'eeb', `10.0.1.${i}`, 1);
    const verdict = await limiter.verdict('eeb', '192.168.1.5');
    expect(verdict.refuseForSeconds).toBeUndefined();
    expect(verdict.delayMs).toBe(2000);
  });

  it('hardening #11: one address trying many usernames is refused at five times the limit, for every username', async () => {
    const { limiter } = setup();
    for (let i = 0; i < 5 * N - 1; i++) await fail(limiter, `user${i}`, '10.0.0.9', 1);
    expect((await limiter.verdict('someone', '10.0.0.9')).refuseForSeconds).toBeUndefined();
    await fail(limiter, 'user-last', '10.0.0.9', 1);
    expect((await limiter.verdict('someone', '10.0.0.9')).refuseForSeconds).toBe(WINDOW);
  });

  it('usernames count case-insensitively: EEB and eeb share their counters', async () => {
    const { limiter } = setup();
    await fail(limiter, 'EEB', '10.0.0.1', N);
    await expect(limiter.throttle('eeb', '10.0.0.1')).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it('a good login clears its own (username, address) counter; the username counter runs out with its window', async () => {
    const { limiter } = setup();
    await fail(limiter, 'eeb', '10.0.0.1', N - 1);
    await fail(limiter, 'eeb', '10.0.0.2', 2);
    await limiter.recordSuccess('eeb', '10.0.0.1');
    await fail(limiter, 'eeb', '10.0.0.1', 1);
    expect((await limiter.verdict('eeb', '10.0.0.1')).refuseForSeconds).toBeUndefined();
    // The username itself has failed N + 2 times from everywhere: four times the first delay, still no refusal.
    expect((await limiter.verdict('eeb', '10.0.0.3')).delayMs).toBe(1000);
  });

  it('LOGIN_WINDOW_SECONDS: once the window has ended the counters start again', async () => {
    const { attempts, limiter } = setup();
    await fail(limiter, 'eeb', '10.0.0.1', N);
    attempts.nowMs += WINDOW * 1000;
    expect(await limiter.verdict('eeb', '10.0.0.1')).toEqual({ delayMs: 0 });
    await fail(limiter, 'eeb', '10.0.0.1', 1);
    expect(attempts.rows.get('pair:eeb|10.0.0.1')?.failures).toBe(1);
  });

  it('LOGIN_DELAY_MS=0 turns the delays off but never the refusals', async () => {
    const { limiter } = setup(0);
    await fail(limiter, 'eeb', '10.0.0.1', N - 1);
    expect(await limiter.verdict('eeb', '10.0.0.1')).toEqual({ delayMs: 0 });
    await fail(limiter, 'eeb', '10.0.0.1', 1);
    await expect(limiter.throttle('eeb', '10.0.0.1')).rejects.toBeInstanceOf(TooManyRequestsError);
  });
});
