import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { findPgBin, freePort, startThrowawayCluster } from '../../test/setup/real-postgres';

/**
 * A PostgreSQL for a benchmark: BENCH_DATABASE_URL, or a throw-away cluster,
 * durable (fsync on) unless a read-only benchmark asks otherwise to load faster.
 */
export async function benchDatabase(opts: { durable: boolean } = { durable: true }): Promise<{ url: string; stop(): void }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop() {} };
  const bin = findPgBin();
  if (!bin) throw new Error('no PostgreSQL: install Debian postgresql or set BENCH_DATABASE_URL');
  const cluster = await startThrowawayCluster(bin, opts);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    cluster.stop();
  };
  // A bench that fails before its own clean-up (its app never became ready, say) must not leave the cluster running.
  process.once('exit', stop);
  return { url: cluster.url, stop };
}

export async function resetSchema(url: string) {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE');
  await c.end();
}

/** The keys every benchmark process shares: the app, the demo seed and in-process imports (DATABASE_URL needs them). */
export const BENCH_KEYS = {
  JWT_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
  AUDIT_KEY: 'bench-audit-key-0123456789abcdef0123456789abcdef',
};

export interface RunningApp {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node dist/src/main.js` in its own process and waits for /health. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, 'dist/src/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_LOGIN: '1000000', RATE_LIMIT_PUBLIC: '1000000', ...BENCH_KEYS, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the app exited with code ${code} before it was healthy`))));
  // Ready, not only alive: the job queue starts just after the app answers, and a bench's loading must not race it.
  try {
    await Promise.race([waitHealthy(base, 120_000).then(() => waitReady(base, 120_000)), exited]);
  } catch (e) {
    // Not left running after the bench has given up on it (it holds the bench's output open).
    child.kill('SIGKILL');
    throw e;
  }
  return {
    base,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Until /health/ready answers 200 (the database, the job queue and the disk): a bench measures a ready app. */
async function waitReady(base: string, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while ((await fetch(`${base}/health/ready`).then((r) => r.status, () => 0)) !== 200) {
    if (performance.now() > until) {
      const body = await fetch(`${base}/health/ready`).then((r) => r.text(), (e: Error) => e.message);
      throw new Error(`the app was not ready within ${timeoutMs / 1000} s: ${body}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function waitHealthy(base: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return performance.now() - started;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${base} not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

export { freePort };

/** CPU seconds (user + system) a process has used, from /proc; undefined where /proc is not there. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used by the PostgreSQL server processes on this machine (a local cluster): with `postmaster`, only that
 * cluster's (the postmaster and its children), so that other clusters on a shared machine are not counted.
 */
export function postgresCpuSeconds(postmaster?: number): number | undefined {
  let total = 0;
  let seen = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) continue;
      if (postmaster !== undefined && Number(entry) !== postmaster && parentOf(Number(entry)) !== postmaster) continue;
    } catch {
      continue;
    }
    total += processCpuSeconds(Number(entry)) ?? 0;
    seen = true;
  }
  return seen ? total : undefined;
}

function parentOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
}
