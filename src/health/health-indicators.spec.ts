import { HealthIndicatorService } from '@nestjs/terminus';
import type { AppConfig } from '../config/app-config';
import type { DatabaseHealth } from '../database/database-health';
import type { DeadlineJobs, JobQueueState } from '../deadlines/deadline-jobs';
import { ReadinessIndicators } from './health-indicators';

function readiness(state: JobQueueState, schemaVersion: number | null = 24) {
  const database = { jobQueueSchemaVersion: async () => schemaVersion ?? undefined } as unknown as DatabaseHealth;
  const jobs = { state: () => state } as unknown as DeadlineJobs;
  const config = { jobs: { enabled: state.kind !== 'disabled' } } as unknown as AppConfig;
  return new ReadinessIndicators(new HealthIndicatorService(), database, jobs, config);
}

describe('readiness of the job queue (README Operations: /health/ready), which starts after the app answers', () => {
  it('issue 24 (cold start): while the queue starts, readiness reports it down, so that a load balancer waits', async () => {
    await expect(readiness({ kind: 'starting' }).jobQueue()).resolves.toEqual({ jobQueue: { status: 'down', enabled: true, message: 'the job queue is starting' } });
  });

  it('issue 24 (cold start): after a failed start, being tried again, readiness reports it down with the reason', async () => {
    const r = await readiness({ kind: 'retrying', error: 'connection refused' }).jobQueue();
    expect(r.jobQueue).toMatchObject({ status: 'down', message: 'the job queue did not start: connection refused' });
  });

  it('issue 23 (health): a running queue is up with its schema version, and down when its schema is gone', async () => {
    await expect(readiness({ kind: 'running' }).jobQueue()).resolves.toEqual({ jobQueue: { status: 'up', enabled: true, schemaVersion: 24 } });
    await expect(readiness({ kind: 'running' }, null).jobQueue()).resolves.toMatchObject({ jobQueue: { status: 'down' } });
  });

  it('issue 23 (health): a process without the queue (JOBS_ENABLED=false) does not wait for it', async () => {
    await expect(readiness({ kind: 'disabled' }).jobQueue()).resolves.toEqual({ jobQueue: { status: 'up', enabled: false } });
  });
});
