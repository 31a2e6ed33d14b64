import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';
import { isUnsafeMethod, readCookie, SessionCookies } from './session-cookies';

const config = { jwtTtlSeconds: 3600 } as AppConfig;
const cookies = (secret: string) => new SessionCookies(config, { jwtSecret: secret, auditKey: 'a' });
const request = (headers: Record<string, string>) => ({ headers }) as unknown as Request;

describe('session cookies (OWASP CSRF prevention cheat sheet, signed double-submit cookie)', () => {
  it('RFC 6265 5.4: one cookie is read from a Cookie header of several, quoted or not; a missing or undecodable one is absent', () => {
    expect(readCookie('a=1; session=abc.def; csrf=x', 'session')).toBe('abc.def');
    expect(readCookie('session="q"', 'session')).toBe('q');
    expect(readCookie('xsession=1; session2=2', 'session')).toBeUndefined();
    expect(readCookie('session=%E0%A4%A', 'session')).toBeUndefined();
    expect(readCookie(undefined, 'session')).toBeUndefined();
  });

  it('the CSRF value is an HMAC of the session under the server key: another session or another server key gives another value', () => {
    const a = cookies('k1');
    expect(a.csrfFor('token-1')).toBe(a.csrfFor('token-1'));
    expect(a.csrfFor('token-1')).not.toBe(a.csrfFor('token-2'));
    expect(cookies('k2').csrfFor('token-1')).not.toBe(a.csrfFor('token-1'));
  });

  it('X-CSRF-Token must equal the session’s value; absent, empty or another value is refused', () => {
    const a = cookies('k1');
    expect(a.csrfMatches(request({ 'x-csrf-token': a.csrfFor('t') }), 't')).toBe(true);
    expect(a.csrfMatches(request({}), 't')).toBe(false);
    expect(a.csrfMatches(request({ 'x-csrf-token': '' }), 't')).toBe(false);
    expect(a.csrfMatches(request({ 'x-csrf-token': a.csrfFor('u') }), 't')).toBe(false);
  });

  it('RFC 9110 9.2.1: GET, HEAD and OPTIONS are safe; every other method needs the CSRF value', () => {
    expect(['GET', 'head', 'OPTIONS'].map(isUnsafeMethod)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isUnsafeMethod)).toEqual([true, true, true, true]);
  });
});
