import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export type DatabaseMode = 'embedded' | 'external';

/** Configuration read once from the environment and validated at boot. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databaseMode: DatabaseMode;
  /** JWT_SECRET; absent only on the embedded default, where keys.ts keeps a generated key in DATA_DIR. */
  jwtSecret?: string;
  /** AUDIT_KEY, the HMAC key of the audit chain; absent only on the embedded default, likewise. */
  auditKey?: string;
  jwtTtlSeconds: number;
  publicBaseUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Failed logins: refused per (username, address) at maxAttempts and per address at 5×; per username only delayed (auth/login-throttle.ts). */
  loginRateLimit: { maxAttempts: number; windowSeconds: number; baseDelayMs: number };
  uploadMaxBytes: number;
  dbPoolSize: number;
  /** Whether this process turns outbox rows into filing documents (a dedicated worker may do it instead). */
  filingWorker: boolean;
  /**
   * 污染土壤转运 (土壤法 art. 41): report N working days ahead; accepted receipt difference; whether both
   * bureaus acknowledge before the first batch leaves (`both`) or reporting in advance suffices (`none`).
   */
  transport: { leadWorkingDays: number; receiptTolerancePct: number; acknowledgeBeforeDispatch: 'both' | 'none' };
  /** Deadlines opened on state entry (README, Deadlines). */
  deadlines: { monitoringIntervalMonths: number; annualReportDue: string };
  /** The job queue (pg-boss on the same database) that marks deadlines due and overdue. */
  jobs: { enabled: boolean; pollingIntervalMs: number; sweepIntervalSeconds: number };
  /** DECISION_STEPS_FILE: which body decides each step, when not reference/decision-steps.json (a deployment's own). */
  decisionStepsFile?: string;
  /** TIANDITU_KEY: the bureau's 天地图 key (32 hex characters); absent, the map stays offline with no basemap. */
  tiandituKey?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intIn(env: Env, key: string, dflt: number, min: number, max: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${key} must be an integer between ${min} and ${max} (got "${raw}")`);
    return dflt;
  }
  return n;
}

function oneOf<T extends string>(env: Env, key: string, values: readonly T[], dflt: T, problems: string[]): T {
  const raw = env[key];
  if (raw === undefined || raw === '') return dflt;
  if (!values.includes(raw as T)) {
    problems.push(`${key} must be one of ${values.join(', ')} (got "${raw}")`);
    return dflt;
  }
  return raw as T;
}

function numberIn(env: Env, key: string, dflt: number, min: number, max: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    problems.push(`${key} must be a number between ${min} and ${max} (got "${raw}")`);
    return dflt;
  }
  return n;
}

function bool(env: Env, key: string, dflt: boolean, problems: string[]): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return dflt;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${key} must be true or false (got "${raw}")`);
  return dflt;
}

function monthDay(env: Env, key: string, dflt: string, problems: string[]): string {
  const raw = env[key];
  if (raw === undefined || raw === '') return dflt;
  const m = /^(\d{2})-(\d{2})$/.exec(raw);
  const valid = m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= new Date(Date.UTC(2001, Number(m[1]), 0)).getUTCDate();
  if (!valid) {
    problems.push(`${key} must be a month and day MM-DD, e.g. 12-31 (got "${raw}")`);
    return dflt;
  }
  return raw;
}

function databaseUrl(env: Env, problems: string[]): string | undefined {
  const raw = env.DATABASE_URL;
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
      problems.push(`DATABASE_URL must be a postgres:// or postgresql:// URL (got protocol "${u.protocol}")`);
    }
  } catch {
    problems.push('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
  }
  return raw;
}

/**
 * A key from the environment (at least 32 characters). Without one, a real
 * server (DATABASE_URL) or production mode refuses to start: a key written in
 * the source would let anyone who reads it forge tokens or audit rows. On the
 * embedded default keys.ts generates one and keeps it in DATA_DIR.
 */
function secret(env: Env, key: string, what: string, nodeEnv: AppConfig['nodeEnv'], external: boolean, problems: string[]): string | undefined {
  const raw = env[key];
  if (raw && raw.length < 32) problems.push(`${key} must be at least 32 characters long`);
  if (!raw && external) problems.push(`${key} is required when DATABASE_URL is set (${what}; at least 32 random characters, e.g. openssl rand -hex 32)`);
  else if (!raw && nodeEnv === 'production') problems.push(`${key} is required when NODE_ENV=production (${what}; at least 32 random characters)`);
  return raw || undefined;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development', problems);
  const port = intIn(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST || '127.0.0.1';
  const dataDirRaw = env.DATA_DIR || './data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(process.cwd(), dataDirRaw);
  const url = databaseUrl(env, problems);
  const publicBaseUrl = (env.PUBLIC_BASE_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, '');
  const config: AppConfig = {
    nodeEnv,
    port,
    host,
    dataDir,
    databaseUrl: url,
    databaseMode: url ? 'external' : 'embedded',
    jwtSecret: secret(env, 'JWT_SECRET', 'the signing key of access tokens', nodeEnv, Boolean(url), problems),
    auditKey: secret(env, 'AUDIT_KEY', 'the key of the audit chain', nodeEnv, Boolean(url), problems),
    jwtTtlSeconds: intIn(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600, problems),
    publicBaseUrl,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info', problems),
    loginRateLimit: {
      maxAttempts: intIn(env, 'LOGIN_MAX_ATTEMPTS', 10, 1, 10000, problems),
      windowSeconds: intIn(env, 'LOGIN_WINDOW_SECONDS', 300, 1, 86400, problems),
      baseDelayMs: intIn(env, 'LOGIN_DELAY_MS', 250, 0, 5000, problems),
    },
    uploadMaxBytes: intIn(env, 'UPLOAD_MAX_BYTES', 50 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024, problems),
    dbPoolSize: intIn(env, 'DB_POOL_SIZE', 10, 1, 200, problems),
    filingWorker: oneOf(env, 'FILING_WORKER', ['on', 'off'] as const, 'on', problems) === 'on',
    transport: {
      leadWorkingDays: intIn(env, 'TRANSPORT_LEAD_WORKING_DAYS', 5, 0, 60, problems),
      receiptTolerancePct: numberIn(env, 'TRANSPORT_RECEIPT_TOLERANCE_PCT', 5, 0, 100, problems),
      acknowledgeBeforeDispatch: oneOf(env, 'TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH', ['both', 'none'] as const, 'both', problems),
    },
    deadlines: {
      monitoringIntervalMonths: intIn(env, 'MONITORING_REPORT_INTERVAL_MONTHS', 12, 1, 60, problems),
      annualReportDue: monthDay(env, 'ANNUAL_PROGRESS_REPORT_DUE', '12-31', problems),
    },
    jobs: {
      enabled: bool(env, 'JOBS_ENABLED', true, problems),
      pollingIntervalMs: intIn(env, 'JOB_POLLING_INTERVAL_MS', 2000, 500, 600000, problems),
      sweepIntervalSeconds: intIn(env, 'DEADLINE_SWEEP_INTERVAL_SECONDS', 300, 1, 86400, problems),
    },
    decisionStepsFile: existingFile(env, 'DECISION_STEPS_FILE', problems),
    tiandituKey: tiandituKey(env, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function existingFile(env: Env, key: string, problems: string[]): string | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const path = resolve(raw);
  if (!existsSync(path)) problems.push(`${key} names a file that does not exist (got "${raw}")`);
  return path;
}

function tiandituKey(env: Env, problems: string[]): string | undefined {
  const raw = env.TIANDITU_KEY;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[0-9a-f]{32}$/i.test(raw)) problems.push('TIANDITU_KEY must be 32 hexadecimal characters (the key the 天地图 console issues)');
  return raw;
}

/** DATABASE_URL alone, validated (the TypeORM CLI needs no keys). */
export function loadDatabaseUrl(env: Env = process.env): string | undefined {
  const problems: string[] = [];
  const url = databaseUrl(env, problems);
  if (problems.length) throw new ConfigError(problems);
  return url;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
