import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../config/app-config';

// The route's own pattern, not the URL: Express matches paths case-insensitively and with a trailing slash.
function routeOf(req: Request): string {
  return String((req.route as { path?: string } | undefined)?.path ?? req.path).toLowerCase();
}

export const isLogin = (req: Request) => req.method === 'POST' && routeOf(req) === '/auth/login';
export const isPublic = (req: Request) => routeOf(req).startsWith('/public/');
/** 12369 公众举报: the public form (public-reports.controller.ts). */
export const isReportForm = (req: Request) => req.method === 'POST' && routeOf(req) === '/public/reports';

const unless = (applies: (req: Request) => boolean) => (ctx: ExecutionContext) =>
  ctx.getType() !== 'http' || !applies(ctx.switchToHttp().getRequest<Request>());

/**
 * Requests per client address and window (RATE_LIMIT_*): login attempts of any outcome, the public endpoints
 * together, and the 12369 form on its own besides. The login limiter (auth/login-rate-limiter.ts) counts failures
 * apart from these; the form's quota of accepted reports is public-reports/public-report-throttle.ts's.
 */
export function throttlersFor(config: Pick<AppConfig, 'rateLimits'>): ThrottlerOptions[] {
  const ttl = config.rateLimits.windowSeconds * 1000;
  return [
    { name: 'login', ttl, limit: config.rateLimits.login, skipIf: unless(isLogin) },
    { name: 'public', ttl, limit: config.rateLimits.public, skipIf: unless(isPublic) },
    { name: 'report-form', ttl, limit: config.rateLimits.reportForm, skipIf: unless(isReportForm) },
  ];
}

/** One counter per throttler and address across all the routes it covers (the library's default is per handler). */
export function throttleKey(_ctx: ExecutionContext, tracker: string, throttlerName: string): string {
  return createHash('sha256').update(`${throttlerName}|${tracker}`).digest('hex');
}
