import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { typeormExecutor, type DrainableDb } from '../database/pg-boss-executor';
import { DeadlineSweep } from './deadline-sweep';

export const DEADLINE_SWEEP_QUEUE = 'deadline-sweep';

/** Where the job queue is: not used by this process, starting, running, or waiting to try again after a failed start. */
export type JobQueueState = { kind: 'disabled' } | { kind: 'starting' } | { kind: 'running' } | { kind: 'retrying'; error: string };

/** How long a failed start of the queue waits before it tries again. */
const RETRY_START_MS = 5_000;

/**
 * The job queue on the same PostgreSQL (pg-boss, schema `pgboss`, created by
 * pg-boss itself at start). Every process enqueues the deadline sweep every
 * `sweepIntervalSeconds`, throttled to one job per interval across processes,
 * and works the queue; the sweep itself is safe to run twice at once.
 */
@Injectable()
export class DeadlineJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeadlineJobs');
  private boss?: PgBoss;
  private db?: DrainableDb;
  private timer?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private starting?: Promise<void>;
  private stopped = false;
  private current: JobQueueState = { kind: 'disabled' };

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweep: DeadlineSweep,
  ) {}

  /**
   * Starts the queue without holding up the app's start: pg-boss's own start (its schema, the queue, the worker) took
   * ~0.3 s of a two-second start (bench:cold-start), and no request waits on it. /health/ready reports the queue down
   * until it runs (ReadinessIndicators.jobQueue); a failed start is logged and tried again.
   */
  onApplicationBootstrap(): void {
    if (!this.config.jobs.enabled) return;
    this.current = { kind: 'starting' };
    this.starting = this.start();
  }

  /** The queue's state, for readiness. */
  state(): JobQueueState {
    return this.current;
  }

  /** Resolves when the queue runs, or when its first start failed (then it is being tried again): for tests and tools. */
  async started(): Promise<void> {
    await this.starting;
  }

  private async start(): Promise<void> {
    try {
      this.db ??= typeormExecutor(this.ds);
      const boss = new PgBoss({ db: this.db, schedule: false, migrate: true });
      boss.on('error', (e) => this.logger.warn(`job queue: ${e.message}`));
      await boss.start();
      this.boss = boss;
      await this.ensureQueue(boss);
      await boss.work(
        DEADLINE_SWEEP_QUEUE,
        { pollingIntervalSeconds: this.config.jobs.pollingIntervalMs / 1000, batchSize: 1 },
        () => this.runSweep(),
      );
      if (this.stopped) return;
      const seconds = this.config.jobs.sweepIntervalSeconds;
      this.timer = setInterval(() => void this.enqueue(), seconds * 1000);
      this.timer.unref();
      this.current = { kind: 'running' };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.current = { kind: 'retrying', error };
      this.logger.error(`the job queue did not start (tried again in ${RETRY_START_MS / 1000} s): ${error}`);
      if (this.stopped) return;
      await this.boss?.stop({ graceful: false, close: false }).catch(() => undefined);
      this.boss = undefined;
      this.retry = setTimeout(() => {
        this.starting = this.start();
      }, RETRY_START_MS);
      this.retry.unref();
    }
  }

  /**
   * Creates the sweep's queue once across processes. pg-boss's create_queue attaches a partition to its job table;
   * two processes starting at once on a fresh database can deadlock there (PostgreSQL then aborts one of them with
   * 40P01). The loser waits a moment and looks again: by then the winner has created the queue.
   */
  private async ensureQueue(boss: PgBoss, attempts = 6): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (await boss.getQueue(DEADLINE_SWEEP_QUEUE)) return;
      try {
        await boss.createQueue(DEADLINE_SWEEP_QUEUE, { name: DEADLINE_SWEEP_QUEUE, retryLimit: 3, retryDelay: 5 });
        return;
      } catch (e) {
        const code = (e as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (e as { code?: string }).code;
        if (attempt >= attempts || !['40P01', '40001', '23505', '42P07'].includes(code ?? '')) throw e;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 100)));
      }
    }
  }

  /** One sweep job per interval, whichever process asks first. */
  async enqueue(): Promise<string | null> {
    if (!this.boss) return null;
    const seconds = this.config.jobs.sweepIntervalSeconds;
    try {
      return await this.boss.send(DEADLINE_SWEEP_QUEUE, {}, { singletonKey: 'sweep', singletonSeconds: seconds, expireInSeconds: 600 });
    } catch (e) {
      this.logger.warn(`could not enqueue the deadline sweep: ${(e as Error).message}`);
      return null;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    // A start under way is let finish first, so that what it started is stopped below.
    await this.starting;
    if (this.timer) clearInterval(this.timer);
    // A sweep under way is let finish (on a busy machine it can take longer than a few seconds), and so is the
    // statement that marks its job done, which pg-boss sends without waiting for it: the pool closes after this, and
    // a statement cut off by that would surface as an unhandled rejection.
    await this.boss?.stop({ graceful: true, wait: true, timeout: 30_000, close: false });
    await this.db?.drain();
    this.boss = undefined;
  }

  private async runSweep() {
    try {
      return await this.sweep.run();
    } catch (e) {
      // Before the migrations have run (tests start the app first) there is nothing to sweep yet.
      if ((e as { driverError?: { code?: string } }).driverError?.code === '42P01') return { skipped: 'schema not ready' };
      throw e;
    }
  }
}
