import { ConfigError, loadConfig } from './app-config';

describe('configuration', () => {
  it('defaults to the embedded database on port 3000 when DATABASE_URL is absent', () => {
    const c = loadConfig({});
    expect(c.databaseMode).toBe('embedded');
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/data$/);
  });

  it('uses an external PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', JWT_SECRET: 'j'.repeat(32), AUDIT_KEY: 'a'.repeat(32) });
    expect(c.databaseMode).toBe('external');
  });

  it('refuses to start in production mode without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/LOG_LEVEL/);
      expect(problems).toMatch(/JWT_SECRET must be at least 32/);
    }
  });

  it('hardening #10: with DATABASE_URL and no JWT_SECRET or AUDIT_KEY the configuration is refused, naming each (no key written in the source signs for a real server)', () => {
    try {
      loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/JWT_SECRET is required when DATABASE_URL is set/);
      expect(problems).toMatch(/AUDIT_KEY is required when DATABASE_URL is set/);
    }
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', JWT_SECRET: 'j'.repeat(32), AUDIT_KEY: 'a'.repeat(32) });
    expect(c).toMatchObject({ jwtSecret: 'j'.repeat(32), auditKey: 'a'.repeat(32) });
    expect(() => loadConfig({ AUDIT_KEY: 'short' })).toThrow(/AUDIT_KEY must be at least 32/);
  });

  it('hardening #10: on the embedded default no key comes from the configuration: keys.ts generates them in DATA_DIR', () => {
    const c = loadConfig({});
    expect(c.jwtSecret).toBeUndefined();
    expect(c.auditKey).toBeUndefined();
  });

  it('issue 19 (一张图, optional 天地图 basemap): TIANDITU_KEY is 32 hex characters or absent; anything else refuses to start', () => {
    expect(loadConfig({}).tiandituKey).toBeUndefined();
    expect(loadConfig({ TIANDITU_KEY: '0123456789abcdef0123456789ABCDEF' }).tiandituKey).toBe('0123456789abcdef0123456789ABCDEF');
    for (const bad of ['0123456789abcdef', 'g123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef0']) {
      expect(() => loadConfig({ TIANDITU_KEY: bad })).toThrow(/TIANDITU_KEY must be 32 hexadecimal/);
    }
  });

  it('issue 23 (configuration on a class-validator schema): the rate limits, the readiness minimum and the log format have defaults, and each bad value is named', () => {
    const c = loadConfig({});
    expect(c.rateLimits).toEqual({ windowSeconds: 60, login: 30, public: 300, reportForm: 10 });
    expect(c.healthMinFreeBytes).toBe(256 * 1024 * 1024);
    expect(c.logFormat).toBe('auto');
    expect(loadConfig({ RATE_LIMIT_LOGIN: '5', HEALTH_MIN_FREE_MB: '0', LOG_FORMAT: 'json' })).toMatchObject({ rateLimits: { login: 5 }, healthMinFreeBytes: 0, logFormat: 'json' });
    try {
      loadConfig({ RATE_LIMIT_LOGIN: '0', RATE_LIMIT_PUBLIC: 'many', HEALTH_MIN_FREE_MB: '-1', LOG_FORMAT: 'xml', JOBS_ENABLED: 'yes', ANNUAL_PROGRESS_REPORT_DUE: '02-30' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(6);
      expect(problems).toEqual(
        expect.arrayContaining([
          'RATE_LIMIT_LOGIN must be an integer between 1 and 1000000 (got "0")',
          'RATE_LIMIT_PUBLIC must be an integer between 1 and 1000000 (got "many")',
          'HEALTH_MIN_FREE_MB must be an integer between 0 and 1000000 (got "-1")',
          'LOG_FORMAT must be one of auto, json, pretty (got "xml")',
          'JOBS_ENABLED must be true or false (got "yes")',
          'ANNUAL_PROGRESS_REPORT_DUE must be a month and day MM-DD, e.g. 12-31 (got "02-30")',
        ]),
      );
    }
  });

  it('issue 23: an empty value counts as absent (the default), and variables the schema does not declare are ignored', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '', SOMETHING_ELSE: 'x' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });
});
