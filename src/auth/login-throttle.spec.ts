import { throttleVerdict, type AttemptCount } from './login-throttle';

const N = 10;
const at = (kind: AttemptCount['kind'], failures: number, retryAfterSeconds = 120): AttemptCount => ({ kind, failures, retryAfterSeconds });

describe('login throttle (GB/T 22239-2019 8.1.4.1 b: 限制非法登录次数)', () => {
  it('hardening #11: a username failing from every address is only ever delayed, never refused, so nobody can lock its owner out', () => {
    for (const failures of [N, N + 1, 10 * N, 1_000_000]) {
      const v = throttleVerdict([at('user', failures)], N, 250);
      expect(v.refuseForSeconds).toBeUndefined();
      expect(v.delayMs).toBeGreaterThan(0);
      expect(v.delayMs).toBeLessThanOrEqual(2000);
    }
    expect(throttleVerdict([at('user', N - 1)], N, 250)).toEqual({ delayMs: 0 });
  });

  it('hardening #11: one address failing at one username is delayed from half the limit, more with each failure, and refused at the limit with Retry-After', () => {
    expect(throttleVerdict([at('pair', N / 2 - 1)], N, 250)).toEqual({ delayMs: 0 });
    const delays = [N / 2, N / 2 + 1, N / 2 + 2].map((f) => throttleVerdict([at('pair', f)], N, 250).delayMs);
    expect(delays[0]).toBeGreaterThan(0);
    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(delays[2]).toBeGreaterThan(delays[1]);
    expect(throttleVerdict([at('pair', N, 97)], N, 250)).toEqual({ refuseForSeconds: 97, delayMs: 0 });
  });

  it('hardening #11: one address trying many usernames is refused at five times the limit', () => {
    expect(throttleVerdict([at('addr', 5 * N - 1)], N, 250).refuseForSeconds).toBeUndefined();
    expect(throttleVerdict([at('addr', 5 * N, 30)], N, 250).refuseForSeconds).toBe(30);
  });

  it('LOGIN_DELAY_MS scales every delay; 0 turns delays off but never the refusals', () => {
    expect(throttleVerdict([at('user', N + 20)], N, 10).delayMs).toBe(80);
    expect(throttleVerdict([at('pair', N - 1)], N, 0)).toEqual({ delayMs: 0 });
    expect(throttleVerdict([at('pair', N, 5)], N, 0).refuseForSeconds).toBe(5);
  });

  it('takes the longest delay and the latest end of window among the counters; never less than one second to wait', () => {
    expect(throttleVerdict([at('user', N + 2), at('pair', N / 2)], N, 250).delayMs).toBe(1000);
    expect(throttleVerdict([at('pair', N, 10), at('addr', 5 * N, 40)], N, 250).refuseForSeconds).toBe(40);
    expect(throttleVerdict([at('pair', N, 0)], N, 250).refuseForSeconds).toBe(1);
  });
});
