import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LoginAttemptsRepository } from '../auth/login-attempts.repository';
import { TooManyRequestsError } from '../common/errors';
import { PUBLIC_REPORTS } from './public-report-reference';

/**
 * The public form's quota per client address, counted as the login limiter counts failures (login_attempts, one
 * counter per key and window, in the database so that it holds across processes). The address is kept hashed.
 */
@Injectable()
export class PublicReportThrottle {
  constructor(private readonly attempts: LoginAttemptsRepository) {}

  private key(address: string) {
    return `public-report:${createHash('sha256').update(address.slice(0, 100)).digest('hex').slice(0, 32)}`;
  }

  /** Refuses (429) an address that has sent its quota in the window. */
  async admit(address: string): Promise<void> {
    const { maxReports, windowSeconds } = PUBLIC_REPORTS.throttle;
    const [counter] = await this.attempts.countersOf([this.key(address)], windowSeconds);
    if (counter && counter.failures >= maxReports) {
      const minutes = Math.max(1, Math.ceil(counter.retryAfterSeconds / 60));
      throw new TooManyRequestsError(`同一网络的举报提交过于频繁，请 ${minutes} 分钟后再试；紧急情况请拨打 12369`, counter.retryAfterSeconds);
    }
  }

  /** Counts one accepted report of the address. */
  async count(address: string): Promise<void> {
    await this.attempts.countFailure([this.key(address)], PUBLIC_REPORTS.throttle.windowSeconds);
  }
}
