import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { longNoticeSteps } from './long-notice';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../setup/real-postgres';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const SEED = join(ROOT, 'dist', 'src', 'cli', 'seed-demo.cli.js');
const SOURCES = ['src', 'workflows', 'templates', 'reference', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789abcdef';

/** One build step that tests run at most once per change of its sources. */
interface Build {
  name: string;
  /** Run in the repository root. */
  command: string[];
  /** A file the build writes; absent → build. */
  output: string;
  stamp: string;
  lock: string;
  sources: string[];
}

const NEST_BUILD: Build = {
  name: 'nest build',
  command: [join(ROOT, 'node_modules', '.bin', 'nest'), 'build'],
  output: MAIN,
  stamp: join(ROOT, 'dist', '.reliability-build-stamp'),
  lock: join(ROOT, 'dist', '.reliability-build-lock'),
  sources: SOURCES,
};

/** The second half of `npm run bench:build`: bench/ and what it imports, into dist/bench/. */
const BENCH_BUILD: Build = {
  name: 'tsc -p bench/tsconfig.json',
  command: [join(ROOT, 'node_modules', '.bin', 'tsc'), '-p', 'bench/tsconfig.json'],
  output: join(ROOT, 'dist', 'bench', 'bench', 'lib', 'harness.js'),
  stamp: join(ROOT, 'dist', '.bench-build-stamp'),
  lock: join(ROOT, 'dist', '.bench-build-lock'),
  sources: [...SOURCES, 'bench', join('test', 'setup', 'real-postgres.ts')],
};

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(build: Build): boolean {
  if (!existsSync(build.output) || !existsSync(build.stamp)) return false;
  const built = statSync(build.stamp).mtimeMs;
  return build.sources.every((s) => newestMtime(join(ROOT, s)) <= built);
}

async function buildOnce(build: Build): Promise<void> {
  if (isFresh(build)) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(build.lock);
      break;
    } catch {
      // Another worker is building; a lock older than 10 minutes is stale.
      const lock = statSync(build.lock, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 600_000) rmSync(build.lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (isFresh(build)) return;
    const started = Date.now();
    const [file, ...args] = build.command;
    const r = spawnSync(file, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${build.name} failed:\n${r.stdout}\n${r.stderr}`);
    writeFileSync(build.stamp, '');
    const t = new Date(started); // sources changed during the build count as newer than it
    utimesSync(build.stamp, t, t);
  } finally {
    rmSync(build.lock, { recursive: true, force: true });
  }
}

/**
 * `npm test` type-checks but does not emit: the process tests need
 * dist/src/main.js, so build it once (`nest build`) unless dist is newer than
 * every source file. A lock directory keeps parallel jest workers from building twice.
 */
export function ensureBuilt(): Promise<void> {
  return buildOnce(NEST_BUILD);
}

/** `npm run bench:build` once: `nest build`, then bench/tsconfig.json into dist/bench/. */
export async function ensureBenchBuilt(): Promise<void> {
  await ensureBuilt();
  await buildOnce(BENCH_BUILD);
}

/** A database of its own on the run's real PostgreSQL, dropped by `drop()`. */
export interface ScratchDatabase {
  url: string;
  name: string;
  /** `url` with an application_name, so the app's connections can be told apart in pg_stat_activity. */
  appUrl(applicationName: string): string;
  drop(): Promise<void>;
}

export function realPostgresUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL;
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const server = realPostgresUrl();
  if (!server) throw new Error('no real PostgreSQL (TEST_POSTGRES_URL) for the process tests');
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  await withClient(server, (c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    name,
    appUrl(applicationName: string) {
      const a = new URL(url);
      a.searchParams.set('application_name', applicationName);
      return a.toString();
    },
    drop: () => withClient(server, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function childEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'UTC',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    AUDIT_KEY: TEST_AUDIT_KEY,
    LOG_LEVEL: 'warn',
    LOGIN_MAX_ATTEMPTS: '1000',
    RATE_LIMIT_LOGIN: '1000000',
    RATE_LIMIT_PUBLIC: '1000000',
    RATE_LIMIT_REPORT_FORM: '1000000',
    DECISION_STEPS_FILE: longNoticeSteps(),
    ...extra,
  };
  return env;
}

/** Migrates and adds the demo directory and plots (`npm run seed:demo` without the build). */
export async function seedDemo(databaseUrl: string): Promise<void> {
  await ensureBuilt();
  const r = spawnSync(process.execPath, [SEED], { cwd: ROOT, env: childEnv(databaseUrl, {}), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`seed-demo failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

const running = new Set<ChildProcess>();
// Last resort when a test file dies without reaching afterAll.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface AppProcess {
  readonly port: number;
  readonly base: string;
  readonly pid: number;
  /** Resolves with the exit code or signal when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 64 KiB of stdout + stderr, for failure messages. */
  output(): string;
  alive(): boolean;
  /** SIGKILL: no shutdown hooks, no flushing. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  databaseUrl: string;
  env?: Record<string, string>;
  port?: number;
  /** Shared by processes that stand for one deployment (the report and PDF store); a temporary one otherwise. */
  dataDir?: string;
  /** How long to wait for a healthy /health; a bound against a hang, not a performance assertion. */
  readyTimeoutMs?: number;
}

/** Starts `node dist/src/main.js` on a free loopback port and waits for GET /health to answer 200. */
export async function startAppProcess(opts: StartOptions): Promise<AppProcess> {
  await ensureBuilt();
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'plots-proc-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: childEnv(opts.databaseUrl, { PORT: String(port), DATA_DIR: dataDir, ...opts.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  // RELIABILITY_APP_LOG=/path keeps every line the processes print (for debugging a failure).
  const logFile = process.env.RELIABILITY_APP_LOG;
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-65536);
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  const base = `http://127.0.0.1:${port}`;
  const proc: AppProcess = {
    port,
    base,
    pid: child.pid!,
    exited,
    output: () => out,
    alive: () => !done,
    async kill() {
      if (!done) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitHealthy(proc, opts.readyTimeoutMs ?? 90_000);
  } catch (e) {
    await proc.kill();
    throw e;
  }
  return proc;
}

export async function waitHealthy(proc: AppProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!proc.alive()) throw new Error(`app process exited before it was healthy:\n${proc.output()}`);
    try {
      const res = await fetch(`${proc.base}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      await res.arrayBuffer();
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`app process not healthy after ${timeoutMs} ms:\n${proc.output()}`);
}

/** Kills every process still running (afterAll, whatever the outcome of the tests). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
