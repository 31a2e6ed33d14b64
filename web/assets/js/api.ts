// The API client: the session is an HttpOnly cookie the browser sends from every tab (the script never sees the
// token); unsafe methods echo the csrf cookie in X-CSRF-Token. JSON in and out, errors as ApiError.

const CSRF_COOKIE = 'csrf';
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

function cookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export const session = {
  /** The double-submit value of the signed-in session; null when this browser holds no session. */
  get csrf(): string | null {
    return cookie(CSRF_COOKIE);
  },
  /** Whether a session may be open (the csrf cookie lives as long as the session cookie). */
  get present(): boolean {
    return Boolean(cookie(CSRF_COOKIE));
  },
};

/** The headers a request needs beyond its own: the CSRF value on unsafe methods. */
export function sessionHeaders(method: string, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { ...extra };
  const csrf = session.csrf;
  if (csrf && !SAFE_METHODS.includes(method.toUpperCase())) out['X-CSRF-Token'] = csrf;
  return out;
}

/** A 401: the session ended (logged out in another tab, expired, revoked); main.js decides what the page does. */
export function sessionEnded(): void {
  window.dispatchEvent(new CustomEvent('session-expired'));
}

/** One bad field of a refusal (a sample file's row and column too): src/common/errors' `errors` entries. */
export interface ApiFieldError {
  field?: string;
  message?: string;
  line?: number;
  column?: number | string | null;
}

/** The body of a refusal, as the API's exception filter writes it (docs/architecture.md, Errors and refusals). */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  errors?: ApiFieldError[];
  guard?: string;
  reason?: string;
  state?: string;
  allowedEvents?: string[];
  [more: string]: unknown;
}

/** An answer other than 2xx, with the server's body. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  readonly code: string | undefined;
  readonly errors: ApiFieldError[];

  constructor(status: number, body?: ApiErrorBody | null) {
    super(body?.message || (status ? '请求未能完成，请稍后重试' : '无法连接服务器，请检查网络后重试'));
    this.status = status;
    this.body = body ?? {};
    this.code = this.body.code;
    this.errors = Array.isArray(this.body.errors) ? this.body.errors : [];
  }

  /** The route or module does not exist (yet), or the thing is not visible: show "暂无". */
  get missing(): boolean {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

function headers(method: string, extra: Record<string, string> = {}): Record<string, string> {
  return sessionHeaders(method, { Accept: 'application/json', ...extra });
}

async function send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { method, cache: 'no-store', credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, { message: '无法连接服务器，请检查网络后重试' });
  }
  if (res.status === 401) sessionEnded();
  return res;
}

async function parse(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, (body as ApiErrorBody | null) ?? { message: '请求未能完成，请稍后重试' });
  return body;
}

/** GET/POST/… with a JSON body; resolves to the parsed answer. */
export async function api<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const sent = headers(method, extraHeaders);
  const init: RequestInit = { headers: sent };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    sent['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return (await parse(await send(method, path, init))) as T;
}

export const get = <T = unknown>(path: string): Promise<T> => api<T>('GET', path);

/** The answer of optional(): the data, or that the route does not exist (yet). */
export type Optional<T> = { data: T; available: true } | { data: null; available: false; error: ApiError };

/** GET of something that may not exist yet (a module still being built): null on 404. */
export async function optional<T = unknown>(path: string): Promise<Optional<T>> {
  try {
    return { data: await get<T>(path), available: true };
  } catch (e) {
    if (e instanceof ApiError && e.missing) return { data: null, available: false, error: e };
    throw e;
  }
}

/** A query string from an object, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** A protected file's bytes (GET through the session); errors as ApiError. */
export async function fileBlob(path: string, accept = 'application/octet-stream, */*'): Promise<Blob> {
  const res = await send('GET', path, { headers: headers('GET', { Accept: accept }) });
  if (!res.ok) await parse(res);
  return res.blob();
}

/** Downloads a protected file (through the session) and hands it to the browser as a file save. */
export async function download(path: string, fallbackName: string): Promise<{ name: string; size: number; sha256: string | null }> {
  const res = await send('GET', path, { headers: headers('GET', { Accept: 'application/pdf, application/octet-stream, */*' }) });
  if (!res.ok) await parse(res);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, size: blob.size, sha256: res.headers.get('x-content-sha256') };
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through to the plain name */
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** A key that makes a retried submission of the same form count once (Idempotency-Key). */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
