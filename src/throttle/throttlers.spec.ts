import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { isLogin, isPublic, isReportForm, throttleKey, throttlersFor } from './throttlers';

const req = (method: string, routePath: string | undefined, path = routePath ?? '/') => ({ method, route: routePath ? { path: routePath } : undefined, path }) as unknown as Request;
const ctx = (r: Request) => ({ getType: () => 'http', switchToHttp: () => ({ getRequest: () => r }) }) as unknown as ExecutionContext;

describe('rate limits: which requests each throttler counts (issue 23, README Operations)', () => {
  it('issue 23: login counts POST /auth/login only; public every /public/* route; the 12369 form POST /public/reports besides', () => {
    expect(isLogin(req('POST', '/auth/login'))).toBe(true);
    expect(isLogin(req('GET', '/auth/login'))).toBe(false);
    expect(isPublic(req('GET', '/public/register'))).toBe(true);
    expect(isPublic(req('GET', '/public/verify/:sha256'))).toBe(true);
    expect(isPublic(req('GET', '/public-reports'))).toBe(false);
    expect(isPublic(req('GET', '/plots'))).toBe(false);
    expect(isReportForm(req('POST', '/public/reports'))).toBe(true);
    expect(isReportForm(req('GET', '/public/reports/:receiptCode'))).toBe(false);
  });

  it('issue 23: the route pattern decides, not the URL as typed (Express matches case-insensitively)', () => {
    expect(isPublic(req('GET', '/public/register', '/PUBLIC/register/'))).toBe(true);
    // No route matched (a 404): the path itself, lower-cased.
    expect(isPublic(req('GET', undefined, '/Public/nothing'))).toBe(true);
  });

  it('issue 23: each throttler skips what it does not count, with the configured limit and window', () => {
    const throttlers = throttlersFor({ rateLimits: { windowSeconds: 60, login: 30, public: 300, reportForm: 10 } });
    const skips = (name: string, r: Request) => throttlers.find((t) => t.name === name)!.skipIf!(ctx(r));
    expect(throttlers.map((t) => [t.name, t.limit, t.ttl])).toEqual([['login', 30, 60000], ['public', 300, 60000], ['report-form', 10, 60000]]);
    expect(skips('login', req('POST', '/auth/login'))).toBe(false);
    expect(skips('login', req('GET', '/public/register'))).toBe(true);
    expect(skips('public', req('POST', '/public/reports'))).toBe(false);
    expect(skips('report-form', req('POST', '/public/reports'))).toBe(false);
    expect(skips('report-form', req('GET', '/public/register'))).toBe(true);
    expect(throttlers.every((t) => t.skipIf!(ctx(req('POST', '/plots/:id/events'))))).toBe(true);
  });

  it('issue 23: one counter per throttler and address across all the routes it covers', () => {
    const a = ctx(req('GET', '/public/register'));
    const b = ctx(req('GET', '/public/notices'));
    expect(throttleKey(a, '203.0.113.1', 'public')).toBe(throttleKey(b, '203.0.113.1', 'public'));
    expect(throttleKey(a, '203.0.113.1', 'public')).not.toBe(throttleKey(a, '203.0.113.2', 'public'));
    expect(throttleKey(a, '203.0.113.1', 'public')).not.toBe(throttleKey(a, '203.0.113.1', 'login'));
  });
});
