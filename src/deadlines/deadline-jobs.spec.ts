import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { DeadlineJobs } from './deadline-jobs';
import type { DeadlineSweep } from './deadline-sweep';

// pg-boss stood in for by a queue whose start fails as often as a test says, then succeeds.
const boss = { failures: 0, starts: 0, working: 0, stops: 0 };
jest.mock('pg-boss', () => ({
  __esModule: true,
  default: class {
    on() {}
    async start() {
      boss.starts++;
      if (boss.failures > 0) {
        boss.failures--;
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      }
    }
    async getQueue() {
      return { name: 'deadline-sweep' };
    }
    async work() {
      boss.working++;
    }
    async stop() {
      boss.stops++;
    }
    async send() {
      return 'job';
    }
  },
}));
jest.mock('../database/pg-boss-executor', () => ({ typeormExecutor: () => ({ drain: async () => undefined }) }));

const config = { jobs: { enabled: true, pollingIntervalMs: 1000, sweepIntervalSeconds: 60 } } as AppConfig;

function jobs(): DeadlineJobs {
  return new DeadlineJobs({} as DataSource, config, { run: async () => ({}) } as unknown as DeadlineSweep);
}

describe('DeadlineJobs: the job queue starts after the app answers and is tried again when its start fails', () => {
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    Object.assign(boss, { failures: 0, starts: 0, working: 0, stops: 0 });
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('reports starting, then running once pg-boss has started and works the sweep queue', async () => {
    const j = jobs();
    expect(j.state()).toEqual({ kind: 'disabled' });
    j.onApplicationBootstrap();
    expect(j.state()).toEqual({ kind: 'starting' });
    await j.started();
    expect(j.state()).toEqual({ kind: 'running' });
    expect(boss.working).toBe(1);
    await j.onModuleDestroy();
    expect(boss.stops).toBe(1);
  });

  it('a failed start is reported with its error and tried again after 5 s, until the queue runs', async () => {
    boss.failures = 2;
    const j = jobs();
    j.onApplicationBootstrap();
    await j.started();
    expect(j.state()).toEqual({ kind: 'retrying', error: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(boss.starts).toBe(1);
    jest.advanceTimersByTime(4_999);
    expect(boss.starts).toBe(1);
    jest.advanceTimersByTime(1);
    await j.started();
    expect(boss.starts).toBe(2);
    expect(j.state().kind).toBe('retrying');
    jest.advanceTimersByTime(5_000);
    await j.started();
    expect(boss.starts).toBe(3);
    expect(j.state()).toEqual({ kind: 'running' });
    expect(boss.working).toBe(1);
    await j.onModuleDestroy();
  });

  it('a process stopped while it waits to try again does not start the queue afterwards', async () => {
    boss.failures = 1;
    const j = jobs();
    j.onApplicationBootstrap();
    await j.started();
    await j.onModuleDestroy();
    jest.advanceTimersByTime(60_000);
    await j.started();
    expect(boss.starts).toBe(1);
    expect(boss.working).toBe(0);
    expect(boss.stops).toBe(0); // nothing had started to stop
  });

  it('does nothing when the job queue is disabled for this process (JOBS_ENABLED=false)', async () => {
    const j = new DeadlineJobs({} as DataSource, { jobs: { ...config.jobs, enabled: false } } as AppConfig, {} as DeadlineSweep);
    j.onApplicationBootstrap();
    await j.started();
    expect(j.state()).toEqual({ kind: 'disabled' });
    expect(boss.starts).toBe(0);
  });
});
