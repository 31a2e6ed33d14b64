/**
 * Which requests the web console answers, decided from method, path and what
 * the client accepts. Everything else falls through to the API untouched.
 *
 * - `/` (a browser) → redirect to `/app/`
 * - `/app/assets/*` → a static file (404 when missing, never the page)
 * - `/app`, `/app/*` → the console page (client-side routes)
 * - `/verify/:sha256` → the console page (public document verification)
 * - `/public/verify/:sha256`, `/public/register` → the console page only when the
 *   client prefers HTML (a phone that scanned a document's QR code); JSON clients
 *   reach the API as before.
 */
export type ConsoleRoute =
  | { kind: 'redirect'; location: string }
  | { kind: 'asset'; file: string }
  | { kind: 'page' };

export const CONSOLE_PREFIX = '/app';
const ASSETS = `${CONSOLE_PREFIX}/assets/`;
const HTML_FOR_BROWSERS = [/^\/public\/verify\/[^/]+$/, /^\/public\/register$/];

export function consoleRoute(method: string, path: string, prefersHtml: boolean): ConsoleRoute | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (path === '/') return prefersHtml ? { kind: 'redirect', location: `${CONSOLE_PREFIX}/` } : undefined;
  if (path === CONSOLE_PREFIX) return { kind: 'redirect', location: `${CONSOLE_PREFIX}/` };
  if (path.startsWith(ASSETS)) return { kind: 'asset', file: path.slice(ASSETS.length) };
  if (path.startsWith(`${CONSOLE_PREFIX}/`)) return { kind: 'page' };
  if (path === '/verify' || /^\/verify\/[^/]+$/.test(path)) return { kind: 'page' };
  if (prefersHtml && HTML_FOR_BROWSERS.some((re) => re.test(path))) return { kind: 'page' };
  return undefined;
}

/** The console's route for an Express request: as consoleRoute, with whether the client prefers HTML. */
export function consoleRouteFor(req: { method: string; path: string; accepts(types: string[]): string | false }): ConsoleRoute | undefined {
  const prefersHtml = req.accepts(['application/json', 'text/html']) === 'text/html';
  return consoleRoute(req.method, req.path, prefersHtml);
}
