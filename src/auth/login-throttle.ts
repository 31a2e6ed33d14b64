/**
 * The login throttle's rules, apart from the database (GB/T 22239-2019 8.1.4.1 b: 限制非法登录次数).
 * Failed logins are counted in three ways within a window:
 *  - per (username, address): a person mistyping, or one attacker at one account — delayed from half
 *    the limit on, refused (429) at the limit;
 *  - per address: one attacker trying many accounts — five times the limit, since a bureau's
 *    users may share an address behind NAT; delayed from half of that, refused at it;
 *  - per username, from every address: only delayed, never refused, so that nobody can lock an
 *    owner out of their account by failing on purpose from elsewhere.
 */
export type AttemptKind = 'pair' | 'addr' | 'user';

export interface AttemptCount {
  kind: AttemptKind;
  failures: number;
  /** Seconds until the counter's window ends. */
  retryAfterSeconds: number;
}

export interface ThrottleVerdict {
  /** Refuse without checking the password, for this many seconds. */
  refuseForSeconds?: number;
  /** Otherwise answer after this delay. */
  delayMs: number;
}

/**
 * The first delay is LOGIN_DELAY_MS (250 ms by default), doubled with each further failure up to
 * 16 times it for an attacker's own counters and 8 times it (2 s by default) for the username,
 * which its owner shares.
 */
const MAX_DELAY_FACTOR: Record<AttemptKind, number> = { pair: 16, addr: 16, user: 8 };

export function limitsFor(maxAttempts: number): Record<AttemptKind, { delayFrom: number; refuseAt?: number }> {
  return {
    pair: { delayFrom: Math.ceil(maxAttempts / 2), refuseAt: maxAttempts },
    addr: { delayFrom: Math.ceil((maxAttempts * 5) / 2), refuseAt: maxAttempts * 5 },
    user: { delayFrom: maxAttempts },
  };
}

export function throttleVerdict(counts: readonly AttemptCount[], maxAttempts: number, baseDelayMs: number): ThrottleVerdict {
  const limits = limitsFor(maxAttempts);
  let refuseForSeconds: number | undefined;
  let delayMs = 0;
  for (const c of counts) {
    const { delayFrom, refuseAt } = limits[c.kind];
    if (refuseAt !== undefined && c.failures >= refuseAt) {
      refuseForSeconds = Math.max(refuseForSeconds ?? 1, c.retryAfterSeconds, 1);
    } else if (c.failures >= delayFrom) {
      const factor = Math.min(2 ** Math.min(c.failures - delayFrom, 10), MAX_DELAY_FACTOR[c.kind]);
      delayMs = Math.max(delayMs, baseDelayMs * factor);
    }
  }
  return refuseForSeconds === undefined ? { delayMs } : { refuseForSeconds, delayMs: 0 };
}
