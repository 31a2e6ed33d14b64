import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { killAll, startAppProcess, type AppProcess } from './reliability/process-app';

// `node dist/src/main.js` as `npm start` runs it, on the embedded database in a fresh data directory.
const EMBEDDED = { JWT_SECRET: '', AUDIT_KEY: '', DECISION_STEPS_FILE: '', LOG_LEVEL: 'info' };
// The first start creates and seeds the data directory; the second opens it (the seed takes long on two busy cores).
const dataDir = mkdtempSync(join(tmpdir(), 'ops-logging-'));
const START = { dataDir, readyTimeoutMs: 400_000 };

/** The process's output once it holds `what` (the banner follows the first healthy /health by a moment). */
async function outputWith(app: AppProcess, what: RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (!what.test(app.output())) {
    if (Date.now() > until) throw new Error(`no ${what} in the output:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return app.output();
}

/** One GET on `agent`'s connection: the status, the Keep-Alive header and whether an idle socket was reused. */
function getOn(agent: Agent, url: string): Promise<{ status: number; keepAlive: string | undefined; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, keepAlive: res.headers['keep-alive']?.toString(), reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

/** One GET with these headers: the Content-Encoding and the bytes as they came (not decoded). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding']?.toString(), body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

afterAll(() => killAll());

describe('issue 23 (logging with pino): `npm start` in a terminal shows a short, readable first screen [embedded, child process]', () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startAppProcess({ ...START, databaseUrl: '', env: { ...EMBEDDED, NODE_ENV: 'development', LOG_FORMAT: 'pretty' } });
  }, 420_000);
  afterAll(() => app?.stop());

  it('issue 23 (logging, README Two commands): fewer than 25 lines come before the URL, none of them a module or route mapping, and the banner names the API docs and the demo logins', async () => {
    const out = await outputWith(app, /is running at http:\/\/127\.0\.0\.1:\d+\/\n[\s\S]*Demo logins/);
    const lines = out.split('\n');
    const at = lines.findIndex((l) => /is running at http/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(25);
    expect(out).not.toMatch(/Mapped \{|RouterExplorer|RoutesResolver|InstanceLoader|dependencies initialized/);
    const banner = lines.slice(at, at + 6).join('\n');
    expect(banner).toMatch(/API docs: +http:\/\/127\.0\.0\.1:\d+\/api\/docs/);
    expect(banner).toMatch(/Demo logins \(password demo1234\): eeb, /);
    // Readable lines, not JSON objects.
    expect(lines.slice(0, at).filter((l) => l.trim().startsWith('{"'))).toEqual([]);
  });

  it('issue 22 (slow links, main.ts keepConnectionsOpen): an idle keep-alive connection is kept past Node\'s 5 s default, and the server says it keeps it 65 s', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await getOn(agent, `${app.base}/health`);
      expect(first.status).toBe(200);
      expect(first.keepAlive).toBe('timeout=65');
      expect(first.reused).toBe(false);
      // Node would have closed the idle socket after 5 s; a client that sends on it then has its request cut off.
      await new Promise((r) => setTimeout(r, 6_000));
      const second = await getOn(agent, `${app.base}/health`);
      expect(second.status).toBe(200);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('issue 22 (slow links): a JSON answer above 1 KiB comes compressed to a client that accepts brotli or gzip, the same JSON once decoded; a small one and a client that accepts none get it as it is', async () => {
    const raw = await rawGet(`${app.base}/workflows/plot-lifecycle`, {});
    expect(raw.encoding).toBeUndefined();
    const plain = raw.body.toString('utf8');
    expect(JSON.parse(plain)).toMatchObject({ name: 'plot-lifecycle' });
    const br = await rawGet(`${app.base}/workflows/plot-lifecycle`, { 'accept-encoding': 'br' });
    expect(br.encoding).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString('utf8')).toBe(plain);
    // The definition is mostly repeated keys and labels: compressed to well under a quarter (88 KB → about 9 KB).
    expect(br.body.length).toBeLessThan(plain.length / 4);
    const gzip = await rawGet(`${app.base}/workflows/plot-lifecycle`, { 'accept-encoding': 'gzip' });
    expect(gzip.encoding).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString('utf8')).toBe(plain);
    const small = await rawGet(`${app.base}/health`, { 'accept-encoding': 'br, gzip' });
    expect(small.encoding).toBeUndefined();
  });

  it('issue 23 (logging): a request is one readable line with its method, path and status', async () => {
    // Ready once the job queue, started just after the app answers, runs: asked again until then, as a load balancer does.
    for (let i = 0; i < 100 && (await fetch(`${app.base}/health/ready`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await outputWith(app, /GET \/health\/ready 200 \d+ ms/)).toMatch(/INFO.*GET \/health\/ready 200 \d+ ms/);
  });
});

describe('issue 23 (logging with pino): in production the output is JSON lines with reqId and no secret [embedded, child process]', () => {
  let app: AppProcess;
  beforeAll(async () => {
    // Production mode takes its keys from the environment: those the first start generated in the directory.
    const key = (name: string) => readFileSync(join(dataDir, 'keys', name), 'utf8').trim();
    app = await startAppProcess({ ...START, databaseUrl: '', env: { ...EMBEDDED, NODE_ENV: 'production', JWT_SECRET: key('jwt-secret'), AUDIT_KEY: key('audit-key') } });
  }, 420_000);
  afterAll(() => app?.stop());

  const records = () =>
    app
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, any>);

  it('issue 23 (logging): every line is a JSON object, the start takes fewer than 25 of them, and the last names the URL', async () => {
    await outputWith(app, /"msg":"listening at http/);
    const lines = records();
    const at = lines.findIndex((r) => /^listening at http/.test(r.msg));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(25);
    expect(lines[at]).toMatchObject({ level: 'info', apiDocs: expect.stringMatching(/\/api\/docs$/) });
    expect(lines.every((r) => typeof r.time === 'string' && typeof r.level === 'string')).toBe(true);
  });

  it('issue 24 (cold start): a JSON start logs one line of how long each of its phases took, in milliseconds, adding up to about its whole', async () => {
    await outputWith(app, /"msg":"start-up phases \(ms\)"/);
    const phases = records().filter((r) => r.msg === 'start-up phases (ms)');
    expect(phases).toHaveLength(1);
    const { total, ...steps } = phases[0].startMs as Record<string, number>;
    expect(Object.keys(steps)).toEqual(['process', 'modules', 'database', 'app', 'migrations', 'demo', 'listen']);
    expect(Object.values(steps).every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
    const sum = Object.values(steps).reduce((a, b) => a + b, 0);
    expect(Math.abs(total - sum)).toBeLessThanOrEqual(Object.keys(steps).length);
  });

  it('issue 23 (logging, secrets redacted): a request line carries the caller\'s X-Request-Id as reqId and never the Authorization header\'s value', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.never-logged-signature';
    const res = await fetch(`${app.base}/plots`, { headers: { Authorization: `Bearer ${token}`, 'X-Request-Id': 'ops-log-1', Cookie: 'session=cookie-never-logged' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('ops-log-1');
    await outputWith(app, /"reqId":"ops-log-1"/);
    const line = records().find((r) => r.reqId === 'ops-log-1' && r.res)!;
    expect(line).toMatchObject({ req: { method: 'GET', url: '/plots', headers: { authorization: '[redacted]', cookie: '[redacted]' } }, res: { statusCode: 401 } });
    expect(app.output()).not.toContain('never-logged');
  });

  it('issue 23 (logging): without X-Request-Id a request gets a new id, answered in the header and logged as reqId; a login\'s password and token are never logged', async () => {
    const res = await fetch(`${app.base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'eeb', password: 'demo1234' }) });
    expect(res.status).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await outputWith(app, new RegExp(`"reqId":"${id}"`));
    expect(records().find((r) => r.reqId === id && r.res)).toMatchObject({ req: { method: 'POST', url: '/auth/login' }, res: { statusCode: 200 } });
    const signedIn = await fetch(`${app.base}/plots`, { headers: { Authorization: `Bearer ${accessToken}`, 'X-Request-Id': 'ops-log-2' } });
    expect(signedIn.status).toBe(200);
    await outputWith(app, /"reqId":"ops-log-2"/);
    expect(records().find((r) => r.reqId === 'ops-log-2' && r.res)?.userId).toEqual(expect.any(String));
    const failed = await fetch(`${app.base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'ops-log-3' }, body: JSON.stringify({ username: 'eeb', password: 'wrong-password-never-logged' }) });
    expect(failed.status).toBe(401);
    await outputWith(app, /"reqId":"ops-log-3"/);
    expect(app.output()).not.toContain(accessToken);
    expect(app.output()).not.toContain('wrong-password-never-logged');
  });
});
