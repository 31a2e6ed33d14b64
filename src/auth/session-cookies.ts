import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KEYS, type Keys } from '../config/keys';

/** The console's session: the access token in an HttpOnly cookie, so every tab of the browser shares one login. */
export const SESSION_COOKIE = 'session';
/** The double-submit value the console's script reads and echoes in X-CSRF-Token (OWASP CSRF cheat sheet). */
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Session and CSRF cookies. The CSRF value is an HMAC of the session's token under a key of the server's,
 * so a sibling subdomain that can plant cookies cannot forge a pair (OWASP: signed double-submit cookie).
 */
@Injectable()
export class SessionCookies {
  private readonly csrfKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KEYS) keys: Keys,
  ) {
    // A key of its own, derived from the signing key, so a CSRF value never doubles as anything signed with it.
    this.csrfKey = createHmac('sha256', keys.jwtSecret).update('csrf-double-submit').digest();
  }

  csrfFor(token: string): string {
    return createHmac('sha256', this.csrfKey).update(token).digest('base64url');
  }

  /** The session token the request's Cookie header carries, if any. */
  tokenOf(req: Request): string | undefined {
    const value = readCookie(req.headers.cookie, SESSION_COOKIE);
    return value && /^[A-Za-z0-9._~+/-]+=*$/.test(value) ? value : undefined;
  }

  /** Whether the request's X-CSRF-Token header is the value bound to this session. */
  csrfMatches(req: Request, token: string): boolean {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sent) return false;
    const a = Buffer.from(sent);
    const b = Buffer.from(this.csrfFor(token));
    return a.length === b.length && timingSafeEqual(a, b);
  }

  set(req: Request, res: Response, token: string): void {
    const maxAge = this.config.jwtTtlSeconds * 1000;
    res.cookie(SESSION_COOKIE, token, { ...this.base(req), httpOnly: true, maxAge });
    // Readable by the console's script (that is the point of a double-submit value); useless without the session.
    res.cookie(CSRF_COOKIE, this.csrfFor(token), { ...this.base(req), httpOnly: false, maxAge });
  }

  clear(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, { ...this.base(req), httpOnly: true });
    res.clearCookie(CSRF_COOKIE, { ...this.base(req), httpOnly: false });
  }

  // SameSite=Strict: a request started by another site carries no session (RFC 6265bis 5.4.7).
  // Secure when the request came over https (req.secure follows the app's 'trust proxy' setting).
  private base(req: Request): CookieOptions {
    return { path: '/', sameSite: 'strict', secure: req.secure };
  }
}

/** One cookie's value from a Cookie header (RFC 6265 5.4: "name=value" pairs separated by "; "). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
