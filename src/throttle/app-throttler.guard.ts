import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import { TooManyRequestsError } from '../common/errors';
import { isReportForm } from './throttlers';

/** The throttler's refusal as the app's own 429: a Chinese message and Retry-After (common/http-exception.filter.ts). */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    const req = context.switchToHttp().getRequest<Request>();
    const hint = isReportForm(req) ? '；紧急情况请拨打 12369' : '';
    throw new TooManyRequestsError(`请求过于频繁，请 ${seconds} 秒后再试${hint}`, seconds);
  }
}
