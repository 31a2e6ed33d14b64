import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { statfs } from 'node:fs/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DatabaseHealth } from '../database/database-health';
import { DeadlineJobs } from '../deadlines/deadline-jobs';

/** The readiness checks terminus has no indicator for: the job queue and the free space of DATA_DIR. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealth,
    private readonly jobs: DeadlineJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** pg-boss keeps its queue in the schema `pgboss` of the same database (deadlines/deadline-jobs.ts). */
  async jobQueue() {
    const check = this.indicators.check('jobQueue');
    if (!this.config.jobs.enabled) return check.up({ enabled: false });
    // The queue starts after the app answers (DeadlineJobs): not ready until it runs.
    const state = this.jobs.state();
    if (state.kind === 'starting') return check.down({ enabled: true, message: 'the job queue is starting' });
    if (state.kind === 'retrying') return check.down({ enabled: true, message: `the job queue did not start: ${state.error}` });
    try {
      const version = await this.database.jobQueueSchemaVersion();
      return version !== undefined ? check.up({ enabled: true, schemaVersion: version }) : check.down({ enabled: true, message: 'pg-boss has not created its schema yet' });
    } catch (e) {
      return check.down({ enabled: true, message: (e as Error).message });
    }
  }

  /** Free space where reports, PDFs and the embedded database live, against HEALTH_MIN_FREE_MB. */
  async storage() {
    const check = this.indicators.check('storage');
    const minFreeBytes = this.config.healthMinFreeBytes;
    try {
      const fs = await statfs(this.config.dataDir);
      const freeBytes = Number(fs.bavail) * Number(fs.bsize);
      return freeBytes >= minFreeBytes ? check.up({ freeBytes, minFreeBytes }) : check.down({ freeBytes, minFreeBytes });
    } catch (e) {
      return check.down({ minFreeBytes, message: (e as Error).message });
    }
  }
}
