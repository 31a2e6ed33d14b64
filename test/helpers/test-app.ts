import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import { createApp, migrate } from '../../src/bootstrap';
import { AppClock, CLOCK, type Clock } from '../../src/clock/clock';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { DeadlineJobs } from '../../src/deadlines/deadline-jobs';
import { DEMO_PASSWORD } from '../../src/demo/demo-directory';
import { seedDemoDirectory, type SeedResult } from '../../src/demo/seed-demo';
import { DirectoryRepository } from '../../src/organisations/directory.repository';
import { resetDatabase, type DbTarget } from './databases';

export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789abcdef';

/**
 * The demo users' passwords are hashed here at 1/32 of the product's scrypt cost (N = 2^10 instead of 2^15; a hash
 * names its cost, and verifying follows it). Twenty full-cost hashes at every app start, and one at every login, were
 * several seconds of each suite; the product's own seed (npm start, the process tests) keeps the full cost.
 */
const TEST_SCRYPT_COST = 1 << 10;
const hashForTests = (password: string) => hashPassword(password, TEST_SCRYPT_COST);

export interface TestApp {
  app: INestApplication;
  ds: DataSource;
  http: TestAgent;
  config: AppConfig;
  demo: SeedResult;
  /** A bearer token for a demo user (cached per user). */
  token(username: string): Promise<string>;
  /** Authorization header for a demo user. */
  as(username: string): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The app's time source (a fake clock); several apps may share one. */
  clock?: Clock;
  /** false: join the database as it is (a second app process on the same database). */
  resetDatabase?: boolean;
}

/** A fresh database with the demo directory and an initialised app (no listening socket: supertest drives it). */
export async function startTestApp(target: DbTarget, env: Record<string, string> = {}, opts: TestAppOptions = {}): Promise<TestApp> {
  if (opts.resetDatabase !== false) await resetDatabase(target.url);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'plots-data-')),
    JWT_SECRET: 'test-secret-0123456789abcdef0123456789abcdef',
    // One audit key for every app of a test: apps sharing a database verify each other's chains.
    AUDIT_KEY: TEST_AUDIT_KEY,
    LOGIN_MAX_ATTEMPTS: '1000',
    // Many requests from one address; test/ops-throttle.e2e-spec.ts sets its own limits.
    RATE_LIMIT_LOGIN: '1000000',
    RATE_LIMIT_PUBLIC: '1000000',
    RATE_LIMIT_REPORT_FORM: '1000000',
    ...env,
  });
  const app = await createApp(config, { url: target.url, embedded: target.name === 'embedded' });
  if (opts.clock) app.get<AppClock>(CLOCK).use(opts.clock);
  await migrate(app);
  await app.init();
  // The job queue starts in the background (DeadlineJobs); a test starts once it runs, as a load balancer waits for /health/ready.
  await app.get(DeadlineJobs).started();
  const ds = app.get<DataSource>(getDataSourceToken());
  const demo = await seedDemoDirectory(app.get(DirectoryRepository), { hash: hashForTests });
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokens.has(username)) {
      const res = await http.post('/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, res.body.accessToken);
    }
    return tokens.get(username)!;
  };
  return {
    app,
    ds,
    http,
    config,
    demo,
    token,
    as: async (username) => ({ Authorization: `Bearer ${await token(username)}` }),
    close: () => app.close(),
  };
}
