import { DEMO_PASSWORD } from '../../src/demo/demo-directory';

/** One response as the client saw it; `error` when no HTTP response arrived (reset, refused, aborted). */
export interface Reply {
  status: number;
  body: any;
  error?: string;
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw body sent as is (JSON.stringify is skipped). */
  raw?: string | Buffer | FormData;
  /** Bound on one request: a request that hangs longer fails the test that waits for it. */
  timeoutMs?: number;
}

/**
 * A JSON client over Node's fetch (undici: keep-alive connections, reused
 * between requests) against one or more listening app processes.
 */
export class Api {
  private readonly tokens = new Map<string, string>();
  private next = 0;

  constructor(public bases: string[]) {}

  /** The base URLs in turn: requests alternate between processes. */
  base(): string {
    const b = this.bases[this.next % this.bases.length];
    this.next++;
    return b;
  }

  async call(method: string, path: string, body?: unknown, opts: CallOptions = {}, base = this.base()): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | Buffer | FormData | undefined = opts.raw;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    try {
      const res = await fetch(base + path, {
        method,
        headers,
        body: payload as RequestInit["body"],
        signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json')) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = { unparsable: text.slice(0, 200) };
        }
      }
      return { status: res.status, body: parsed };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      return { status: 0, body: undefined, error: `${err.name}: ${err.cause?.code ?? err.cause?.message ?? err.message}` };
    }
  }

  async token(username: string, base = this.bases[0]): Promise<string> {
    if (!this.tokens.has(username)) {
      const res = await this.call('POST', '/auth/login', { username, password: DEMO_PASSWORD }, {}, base);
      if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      this.tokens.set(username, res.body.accessToken);
    }
    return this.tokens.get(username)!;
  }

  async as(username: string, method: string, path: string, body?: unknown, opts: CallOptions = {}, base?: string): Promise<Reply> {
    return this.call(method, path, body, { ...opts, token: await this.token(username) }, base);
  }

  /** Expects a status; returns the body. */
  async expect(status: number, username: string, method: string, path: string, body?: unknown): Promise<any> {
    const res = await this.as(username, method, path, body);
    if (res.status !== status) {
      throw new Error(`${username} ${method} ${path} ${JSON.stringify(body)}: expected ${status}, got ${res.status} ${res.error ?? JSON.stringify(res.body)}`);
    }
    return res.body;
  }
}

let plotCounter = 0;

/** A plot registration body in the demo district (上街区 410106), held by the demo holder. */
export function plotBody(holderOrganisationId: string, tag = 'R') {
  plotCounter++;
  return {
    code: `${tag}-${process.pid}-${Date.now().toString(36)}-${plotCounter}`,
    name: `可靠性测试地块 ${plotCounter}`,
    address: '郑州市上街区测试路 9 号',
    jurisdiction: '410106',
    areaM2: 8000,
    formerIndustry: '铝冶炼',
    currentUse: '工业用地（停产）',
    plannedUse: '住宅',
    holderOrganisationId,
  };
}

/** The demo organisation ids a test needs, read through the API (works against any process). */
export async function demoOrganisations(api: Api): Promise<Record<'holder' | 'consultant' | 'consultant2', string>> {
  const me = async (u: string) => (await api.expect(200, u, 'GET', '/me')).organisationId as string;
  return { holder: await me('holder'), consultant: await me('consultant'), consultant2: await me('consultant2') };
}

/** A due date unique for (lane, n): every notice changes the plot's context, so none is refused as "changes nothing". */
export function dueDate(lane: number, n: number): string {
  return new Date(Date.UTC(2027, 0, 1) + (lane * 2000 + (n % 2000)) * 86_400_000).toISOString().slice(0, 10);
}
