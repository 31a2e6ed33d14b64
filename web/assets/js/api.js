// The API client: bearer token from sessionStorage, JSON in and out, errors as ApiError.

const TOKEN_KEY = 'plots.accessToken';

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** An answer other than 2xx, with the server's body: {statusCode, code, message, errors?, guard?, reason?, state?, allowedEvents?}. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || (status ? '请求未能完成，请稍后重试' : '无法连接服务器，请检查网络后重试'));
    this.status = status;
    this.body = body ?? {};
    this.code = this.body.code;
    this.errors = Array.isArray(this.body.errors) ? this.body.errors : [];
  }

  /** The route or module does not exist (yet), or the thing is not visible: show "暂无". */
  get missing() {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

function headers(extra = {}) {
  const out = { Accept: 'application/json', ...extra };
  if (session.token) out.Authorization = `Bearer ${session.token}`;
  return out;
}

async function send(method, path, init = {}) {
  let res;
  try {
    res = await fetch(path, { method, cache: 'no-store', ...init });
  } catch {
    throw new ApiError(0, { message: '无法连接服务器，请检查网络后重试' });
  }
  if (res.status === 401 && session.token) {
    session.token = null;
    window.dispatchEvent(new CustomEvent('session-expired'));
  }
  return res;
}

async function parse(res) {
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, body ?? { message: '请求未能完成，请稍后重试' });
  return body;
}

/** GET/POST/… with a JSON body; resolves to the parsed answer. */
export async function api(method, path, body, extraHeaders = {}) {
  const init = { headers: headers(extraHeaders) };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return parse(await send(method, path, init));
}

export const get = (path) => api('GET', path);

/** GET of something that may not exist yet (a module still being built): null on 404. */
export async function optional(path) {
  try {
    return { data: await get(path), available: true };
  } catch (e) {
    if (e instanceof ApiError && e.missing) return { data: null, available: false, error: e };
    throw e;
  }
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Downloads a protected file (bearer token) and hands it to the browser as a file save. */
export async function download(path, fallbackName) {
  const res = await send('GET', path, { headers: headers({ Accept: 'application/pdf, application/octet-stream, */*' }) });
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

function fileNameOf(disposition) {
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
export function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
