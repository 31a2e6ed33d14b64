import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors';

/**
 * Counts failed logins per username and per client address in the database,
 * so the limit holds across every app process.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(username: string, address: string) {
    return [`user:${username.toLowerCase().slice(0, 100)}`, `addr:${address.slice(0, 100)}`];
  }

  private limitFor(key: string) {
    // An address may serve many people (a bureau's NAT); allow it more attempts.
    return key.startsWith('addr:') ? this.config.loginRateLimit.maxAttempts * 5 : this.config.loginRateLimit.maxAttempts;
  }

  async assertAllowed(username: string, address: string): Promise<void> {
    const window = this.config.loginRateLimit.windowSeconds;
    const rows: Array<{ key: string; failures: number; retry: number }> = await this.ds.query(
      `SELECT key, failures, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2) - now())))::int AS retry
         FROM login_attempts WHERE key = ANY($1) AND window_start > now() - make_interval(secs => $2)`,
      [this.keys(username, address), window],
    );
    const blocked = rows.find((r) => r.failures >= this.limitFor(r.key));
    if (blocked) {
      throw new TooManyRequestsError(`登录失败次数过多，请 ${Math.max(1, blocked.retry)} 秒后再试`, Math.max(1, blocked.retry));
    }
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const window = this.config.loginRateLimit.windowSeconds;
    for (const key of this.keys(username, address)) {
      await this.ds.query(
        `INSERT INTO login_attempts (key, window_start, failures) VALUES ($1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_attempts.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE login_attempts.failures + 1 END,
           window_start = CASE WHEN login_attempts.window_start <= now() - make_interval(secs => $2) THEN now() ELSE login_attempts.window_start END`,
        [key, window],
      );
    }
  }

  async recordSuccess(username: string): Promise<void> {
    await this.ds.query(`DELETE FROM login_attempts WHERE key = $1`, [this.keys(username, '')[0]]);
  }
}
