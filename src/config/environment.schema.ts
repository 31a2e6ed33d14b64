import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsIn, IsOptional, Matches, MinLength, ValidateBy, validateSync, type ValidationArguments, type ValidationOptions } from 'class-validator';

// Operators read these messages in a terminal: English, each naming its variable and the value it got.
const got = (a: ValidationArguments) => `(got "${String(a.value)}")`;

function IntIn(min: number, max: number, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'intIn',
      validator: {
        validate: (v) => typeof v === 'string' && Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max,
        defaultMessage: (a) => `${a!.property} must be an integer between ${min} and ${max} ${got(a!)}`,
      },
    },
    options,
  );
}

function NumberIn(min: number, max: number) {
  return ValidateBy({
    name: 'numberIn',
    validator: {
      validate: (v) => typeof v === 'string' && Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max,
      defaultMessage: (a) => `${a!.property} must be a number between ${min} and ${max} ${got(a!)}`,
    },
  });
}

function OneOf(values: readonly string[], what = `one of ${values.join(', ')}`) {
  return IsIn(values as string[], { message: (a) => `${a.property} must be ${what} ${got(a)}` });
}

function MonthDay() {
  return ValidateBy({
    name: 'monthDay',
    validator: {
      validate: (v) => {
        const m = typeof v === 'string' ? /^(\d{2})-(\d{2})$/.exec(v) : null;
        const month = Number(m?.[1]);
        return Boolean(m) && month >= 1 && month <= 12 && Number(m![2]) >= 1 && Number(m![2]) <= new Date(Date.UTC(2001, month, 0)).getUTCDate();
      },
      defaultMessage: (a) => `${a!.property} must be a month and day MM-DD, e.g. 12-31 ${got(a!)}`,
    },
  });
}

function PostgresUrl() {
  return ValidateBy({
    name: 'postgresUrl',
    validator: {
      validate: (v) => {
        try {
          return ['postgres:', 'postgresql:'].includes(new URL(String(v)).protocol);
        } catch {
          return false;
        }
      },
      defaultMessage: (a) => {
        try {
          return `DATABASE_URL must be a postgres:// or postgresql:// URL (got protocol "${new URL(String(a!.value)).protocol}")`;
        } catch {
          return 'DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)';
        }
      },
    },
  });
}

function ExistingFile() {
  return ValidateBy({
    name: 'existingFile',
    validator: {
      validate: (v) => typeof v === 'string' && existsSync(resolve(v)),
      defaultMessage: (a) => `${a!.property} names a file that does not exist ${got(a!)}`,
    },
  });
}

const secretMessage = (a: ValidationArguments) => `${a.property} must be at least 32 characters long`;

/**
 * The environment the app reads, as a class-validator schema. Every value is the string the environment holds
 * (absent or empty: the default of app-config.ts); each class-validator message names its variable.
 */
export class Environment {
  @IsOptional() @OneOf(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @IntIn(0, 65535) PORT?: string;
  @IsOptional() HOST?: string;
  @IsOptional() DATA_DIR?: string;
  @IsOptional() @PostgresUrl() DATABASE_URL?: string;
  @IsOptional() @MinLength(32, { message: secretMessage }) JWT_SECRET?: string;
  @IsOptional() @MinLength(32, { message: secretMessage }) AUDIT_KEY?: string;
  @IsOptional() @IntIn(60, 30 * 24 * 3600) JWT_TTL_SECONDS?: string;
  @IsOptional() PUBLIC_BASE_URL?: string;
  @IsOptional() @OneOf(['debug', 'info', 'warn', 'error', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @OneOf(['auto', 'json', 'pretty']) LOG_FORMAT?: string;
  @IsOptional() @IntIn(1, 10000) LOGIN_MAX_ATTEMPTS?: string;
  @IsOptional() @IntIn(1, 86400) LOGIN_WINDOW_SECONDS?: string;
  @IsOptional() @IntIn(0, 5000) LOGIN_DELAY_MS?: string;
  @IsOptional() @IntIn(1, 86400) RATE_LIMIT_WINDOW_SECONDS?: string;
  @IsOptional() @IntIn(1, 1_000_000) RATE_LIMIT_LOGIN?: string;
  @IsOptional() @IntIn(1, 1_000_000) RATE_LIMIT_PUBLIC?: string;
  @IsOptional() @IntIn(1, 1_000_000) RATE_LIMIT_REPORT_FORM?: string;
  @IsOptional() @OneOf(['db', 'dir']) FILE_STORE?: string;
  @IsOptional() @IntIn(0, 1_000_000) HEALTH_MIN_FREE_MB?: string;
  @IsOptional() @IntIn(1024, 2 * 1024 * 1024 * 1024) UPLOAD_MAX_BYTES?: string;
  @IsOptional() @IntIn(1, 200) DB_POOL_SIZE?: string;
  @IsOptional() @OneOf(['on', 'off']) FILING_WORKER?: string;
  @IsOptional() @IntIn(0, 60) TRANSPORT_LEAD_WORKING_DAYS?: string;
  @IsOptional() @NumberIn(0, 100) TRANSPORT_RECEIPT_TOLERANCE_PCT?: string;
  @IsOptional() @OneOf(['both', 'none']) TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH?: string;
  @IsOptional() @IntIn(1, 60) MONITORING_REPORT_INTERVAL_MONTHS?: string;
  @IsOptional() @MonthDay() ANNUAL_PROGRESS_REPORT_DUE?: string;
  @IsOptional() @OneOf(['true', '1', 'false', '0'], 'true or false') JOBS_ENABLED?: string;
  @IsOptional() @IntIn(500, 600000) JOB_POLLING_INTERVAL_MS?: string;
  @IsOptional() @IntIn(1, 86400) DEADLINE_SWEEP_INTERVAL_SECONDS?: string;
  @IsOptional() @ExistingFile() DECISION_STEPS_FILE?: string;
  @IsOptional()
  @Matches(/^[0-9a-f]{32}$/i, { message: 'TIANDITU_KEY must be 32 hexadecimal characters (the key the 天地图 console issues)' })
  TIANDITU_KEY?: string;
}

/** The variables the schema declares (class-validator's metadata: decorated properties without initialisers). */
const DECLARED = new Set(
  getMetadataStorage()
    .getTargetValidationMetadatas(Environment, '', true, false)
    .map((m) => m.propertyName),
);

/**
 * The declared variables of `env` (an empty value counts as absent), validated against the schema, with the problems,
 * each naming its variable. Rules across variables (a key required with DATABASE_URL) are app-config.ts's.
 */
export function validateEnvironment(env: Record<string, string | undefined>): { env: Environment; problems: string[] } {
  const plain: Record<string, string> = {};
  for (const key of DECLARED) if (env[key] !== undefined && env[key] !== '') plain[key] = env[key]!;
  const instance = plainToInstance(Environment, plain);
  const problems = validateSync(instance, { forbidUnknownValues: false }).flatMap((e) => Object.values(e.constraints ?? {}));
  return { env: instance, problems };
}
