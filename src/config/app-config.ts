import { resolve } from 'node:path';
import { validateEnvironment, type Environment } from './environment.schema';

export type DatabaseMode = 'embedded' | 'external';

/** Configuration read once from the environment and validated at boot (environment.schema.ts); ConfigModule serves it. */
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
  /** LOG_FORMAT: `auto` — readable lines on a terminal outside production, JSON lines otherwise (common/logging.ts). */
  logFormat: 'auto' | 'json' | 'pretty';
  /** Failed logins: refused per (username, address) at maxAttempts and per address at 5×; per username only delayed (auth/login-throttle.ts). */
  loginRateLimit: { maxAttempts: number; windowSeconds: number; baseDelayMs: number };
  /** Requests per client address and window (@nestjs/throttler, store in PostgreSQL): login, /public/*, the 12369 form. */
  rateLimits: { windowSeconds: number; login: number; public: number; reportForm: number };
  /** /health/ready fails when DATA_DIR has less free space than this. */
  healthMinFreeBytes: number;
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
  /** FILE_STORE: report files and PDFs in PostgreSQL (`db`, the default with DATABASE_URL) or under DATA_DIR/blobs (`dir`). */
  fileStore: 'db' | 'dir';
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

/**
 * A key from the environment. Without one, a real server (DATABASE_URL) or production mode refuses to start: a key
 * written in the source would let anyone who reads it forge tokens or audit rows. On the embedded default keys.ts
 * generates one and keeps it in DATA_DIR. (Its length is the schema's rule.)
 */
function requiredSecret(env: Environment, key: 'JWT_SECRET' | 'AUDIT_KEY', what: string, problems: string[]): void {
  if (env[key]) return;
  if (env.DATABASE_URL) problems.push(`${key} is required when DATABASE_URL is set (${what}; at least 32 random characters, e.g. openssl rand -hex 32)`);
  else if (env.NODE_ENV === 'production') problems.push(`${key} is required when NODE_ENV=production (${what}; at least 32 random characters)`);
}

const num = (raw: string | undefined, dflt: number) => (raw === undefined ? dflt : Number(raw));

/** The environment validated by its schema (environment.schema.ts), with the defaults, as the app reads it. */
export function loadConfig(raw: Env = process.env): AppConfig {
  const { env, problems } = validateEnvironment(raw);
  requiredSecret(env, 'JWT_SECRET', 'the signing key of access tokens', problems);
  requiredSecret(env, 'AUDIT_KEY', 'the key of the audit chain', problems);
  if (problems.length) throw new ConfigError(problems);
  const port = num(env.PORT, 3000);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = resolve(process.cwd(), env.DATA_DIR ?? './data');
  return {
    nodeEnv: (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'],
    port,
    host,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    databaseMode: env.DATABASE_URL ? 'external' : 'embedded',
    jwtSecret: env.JWT_SECRET,
    auditKey: env.AUDIT_KEY,
    jwtTtlSeconds: num(env.JWT_TTL_SECONDS, 8 * 3600),
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, ''),
    logLevel: (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'],
    logFormat: (env.LOG_FORMAT ?? 'auto') as AppConfig['logFormat'],
    loginRateLimit: {
      maxAttempts: num(env.LOGIN_MAX_ATTEMPTS, 10),
      windowSeconds: num(env.LOGIN_WINDOW_SECONDS, 300),
      baseDelayMs: num(env.LOGIN_DELAY_MS, 250),
    },
    rateLimits: {
      windowSeconds: num(env.RATE_LIMIT_WINDOW_SECONDS, 60),
      login: num(env.RATE_LIMIT_LOGIN, 30),
      public: num(env.RATE_LIMIT_PUBLIC, 300),
      reportForm: num(env.RATE_LIMIT_REPORT_FORM, 10),
    },
    fileStore: (env.FILE_STORE ?? (env.DATABASE_URL ? 'db' : 'dir')) as AppConfig['fileStore'],
    healthMinFreeBytes: num(env.HEALTH_MIN_FREE_MB, 256) * 1024 * 1024,
    uploadMaxBytes: num(env.UPLOAD_MAX_BYTES, 50 * 1024 * 1024),
    dbPoolSize: num(env.DB_POOL_SIZE, 10),
    filingWorker: (env.FILING_WORKER ?? 'on') === 'on',
    transport: {
      leadWorkingDays: num(env.TRANSPORT_LEAD_WORKING_DAYS, 5),
      receiptTolerancePct: num(env.TRANSPORT_RECEIPT_TOLERANCE_PCT, 5),
      acknowledgeBeforeDispatch: (env.TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH ?? 'both') as 'both' | 'none',
    },
    deadlines: {
      monitoringIntervalMonths: num(env.MONITORING_REPORT_INTERVAL_MONTHS, 12),
      annualReportDue: env.ANNUAL_PROGRESS_REPORT_DUE ?? '12-31',
    },
    jobs: {
      enabled: env.JOBS_ENABLED === undefined ? true : ['true', '1'].includes(env.JOBS_ENABLED),
      pollingIntervalMs: num(env.JOB_POLLING_INTERVAL_MS, 2000),
      sweepIntervalSeconds: num(env.DEADLINE_SWEEP_INTERVAL_SECONDS, 300),
    },
    decisionStepsFile: env.DECISION_STEPS_FILE === undefined ? undefined : resolve(env.DECISION_STEPS_FILE),
    tiandituKey: env.TIANDITU_KEY,
  };
}

/** DATABASE_URL alone, validated (the TypeORM CLI needs no keys). */
export function loadDatabaseUrl(raw: Env = process.env): string | undefined {
  const { env, problems } = validateEnvironment({ DATABASE_URL: raw.DATABASE_URL });
  if (problems.length) throw new ConfigError(problems);
  return env.DATABASE_URL;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
