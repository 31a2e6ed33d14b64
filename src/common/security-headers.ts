import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { consoleRouteFor } from '../web/console-routes';

type Directives = Record<string, string[]>;

/** Shared by every policy: no plugins, no <base>, never framed by another page. */
const LOCKED: Directives = {
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * The Content-Security-Policy of each kind of response, in one place.
 * - api: JSON, report files and filing PDFs; nothing in them may load or run anything.
 * - console: the web console (web/, served at /app/): scripts, styles, images and requests
 *   from this origin only, no inline script or style.
 * - docs: swagger-ui at /api/docs, whose page carries inline <style> blocks and whose
 *   components set style attributes and draw icons from data: URLs; its scripts are files.
 */
export const CSP_DIRECTIVES: Record<'api' | 'console' | 'docs', Directives> = {
  api: { defaultSrc: ["'none'"], formAction: ["'none'"], ...LOCKED },
  console: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    // The reviewer's preview of a report (issue 22 point 4): the console fetches the PDF with the bearer token and
    // shows it from a blob: URL it made itself; no other page may be framed, and the console is never framed.
    frameSrc: ["'self'", 'blob:'],
    ...LOCKED,
  },
  docs: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    ...LOCKED,
  },
};

export const API_DOCS_PATH = '/api/docs';

/** Which policy a request gets: the console's pages and files, the API docs page and its files, or the API. */
export function policyFor(req: Request): keyof typeof CSP_DIRECTIVES {
  const consoleKind = consoleRouteFor(req)?.kind;
  if (consoleKind === 'page' || consoleKind === 'asset') return 'console';
  if (req.path === API_DOCS_PATH || req.path.startsWith(`${API_DOCS_PATH}/`)) return 'docs';
  return 'api';
}

/**
 * Security headers on every response (helmet): nosniff, no framing (X-Frame-Options and
 * frame-ancestors), no referrer, a CSP chosen by policyFor. HSTS is left to the proxy that
 * terminates TLS: the app itself listens on plain HTTP, often on loopback.
 */
export function securityHeaders(opts: { consoleImageHosts?: string[] } = {}) {
  const common = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // A configured basemap (TIANDITU_KEY) is the one outside host the console may draw images from.
  const hosts = opts.consoleImageHosts ?? [];
  const policies = hosts.length ? { ...CSP_DIRECTIVES, console: { ...CSP_DIRECTIVES.console, imgSrc: ["'self'", ...hosts] } } : CSP_DIRECTIVES;
  const csp = Object.fromEntries(
    Object.entries(policies).map(([kind, directives]) => [kind, helmet.contentSecurityPolicy({ useDefaults: false, directives })]),
  ) as Record<keyof typeof CSP_DIRECTIVES, ReturnType<typeof helmet.contentSecurityPolicy>>;
  return (req: Request, res: Response, next: NextFunction) => {
    common(req, res, (err?: unknown) => (err ? next(err) : csp[policyFor(req)](req, res, next)));
  };
}
