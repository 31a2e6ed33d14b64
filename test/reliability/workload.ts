import { randomUUID } from 'node:crypto';
import { Api, dueDate, plotBody, type Reply } from './http-client';
import type { Observed } from './invariants';
import type { Orgs } from './race-rounds';

/** One step of a client's script; retried with the same Idempotency-Key until it gets a definite answer. */
interface Step {
  type: string;
  as: 'eeb' | 'holder';
  body: Record<string, unknown>;
  key: string;
}

export interface WorkloadOptions {
  workers: number;
  /** Notices per plot before the consultant is assigned and the investigation started. */
  noticesPerPlot: number;
  tag: string;
  /** Answers that mean "the outcome is unknown, retry" besides a dropped connection. */
  retryOn?: (reply: Reply) => boolean;
  /** Called after every definite success (e.g. to kill the app at the n-th one). */
  onSuccess?: (successes: number) => void;
}

/**
 * Clients that drive plots through registration (D1), investigation notices
 * (D2 each), consultant assignment and the start of the investigation, the
 * way a careful client does: every event carries an Idempotency-Key, and a
 * request whose outcome is unknown (connection dropped, 503) is retried with
 * the same key once the service answers again.
 */
export class Workload {
  readonly observed: Observed[] = [];
  /** Due dates of every notice sent: each must be in the audit log at most once, and once if it was answered 200. */
  readonly noticeDueDates: Array<{ plotId: string; dueDate: string; answered: boolean }> = [];
  readonly plots: string[] = [];
  /** Answers that are neither a success nor a retryable failure. */
  readonly unexpected: string[] = [];
  /** Requests that got no HTTP answer at all. */
  connectionErrors = 0;
  retryable = 0;
  successes = 0;
  private stopping = false;

  constructor(
    private readonly api: Api,
    private readonly orgs: Orgs,
    private readonly opts: WorkloadOptions,
  ) {}

  stop() {
    this.stopping = true;
  }

  /** Runs until stop(); `ready` is awaited before every attempt (the service is up). */
  run(ready: () => Promise<void>): Promise<void> {
    return Promise.all(Array.from({ length: this.opts.workers }, (_, i) => this.worker(i, ready))).then(() => undefined);
  }

  private retryable_(r: Reply) {
    return r.status === 0 || (this.opts.retryOn?.(r) ?? false);
  }

  private success() {
    this.successes++;
    this.opts.onSuccess?.(this.successes);
  }

  private async worker(no: number, ready: () => Promise<void>) {
    let notices = 0;
    while (!this.stopping) {
      const plotId = await this.register(no, ready);
      if (!plotId) return;
      const script: Step[] = [];
      for (let i = 0; i < this.opts.noticesPerPlot; i++) {
        script.push({ type: 'ISSUE_INVESTIGATION_NOTICE', as: 'eeb', body: { dueDate: dueDate(no, notices++) }, key: randomUUID() });
      }
      script.push({ type: 'ASSIGN_CONSULTANT', as: 'holder', body: { orgId: this.orgs.consultant, work: 'investigation' }, key: randomUUID() });
      script.push({ type: 'START_INVESTIGATION', as: 'holder', body: {}, key: randomUUID() });
      for (const step of script) {
        if (this.stopping) return;
        if (!(await this.event(plotId, step, ready))) break;
      }
    }
  }

  /** Registers a plot; a retry after an unknown outcome may find it registered already (409 on its unique code). */
  private async register(no: number, ready: () => Promise<void>): Promise<string | undefined> {
    const body = plotBody(this.orgs.holder, `${this.opts.tag}${no}`);
    for (let attempt = 0; attempt < 1000; attempt++) {
      await ready();
      const r = await this.api.as('eeb', 'POST', '/plots', body);
      if (r.status === 201) {
        this.plots.push(r.body.id);
        this.observed.push({ plotId: r.body.id, version: r.body.version, type: 'REGISTER' });
        this.success();
        return r.body.id;
      }
      if (attempt > 0 && r.status === 409 && r.body?.code === 'DUPLICATE') {
        const found = await this.api.as('eeb', 'GET', `/plots?q=${encodeURIComponent(body.code)}`);
        const plot = found.body?.items?.find((p: { code: string }) => p.code === body.code);
        if (!plot) throw new Error(`plot ${body.code} refused as duplicate but not found`);
        this.plots.push(plot.id);
        return plot.id;
      }
      if (this.retryable_(r)) {
        await this.count(r, attempt);
        continue;
      }
      this.unexpected.push(`register: ${r.status} ${JSON.stringify(r.body)}`);
      return undefined;
    }
    throw new Error('register: no definite answer after 1000 attempts');
  }

  private async event(plotId: string, step: Step, ready: () => Promise<void>): Promise<boolean> {
    const notice = step.type === 'ISSUE_INVESTIGATION_NOTICE' ? { plotId, dueDate: String(step.body.dueDate), answered: false } : undefined;
    if (notice) this.noticeDueDates.push(notice);
    for (let attempt = 0; attempt < 1000; attempt++) {
      await ready();
      const r = await this.api.as(step.as, 'POST', `/plots/${plotId}/events`, { type: step.type, ...step.body }, {
        headers: { 'Idempotency-Key': step.key },
      });
      if (r.status === 200) {
        this.observed.push({ plotId, version: r.body.version, type: step.type });
        if (notice) notice.answered = true;
        this.success();
        return true;
      }
      if (this.retryable_(r)) {
        await this.count(r, attempt);
        continue;
      }
      this.unexpected.push(`${step.type} on ${plotId}: ${r.status} ${JSON.stringify(r.body)}`);
      return false;
    }
    throw new Error(`${step.type}: no definite answer after 1000 attempts`);
  }

  /** Counts the failed attempt and backs off a little before the retry. */
  private async count(r: Reply, attempt: number) {
    if (r.status === 0) this.connectionErrors++;
    else this.retryable++;
    await new Promise((resolve) => setTimeout(resolve, Math.min(attempt + 1, 10) * 20));
  }
}

/** Audit rows of the workload's events carry this many filing (outbox) rows. */
export const WORKLOAD_FILINGS_PER_EVENT = { REGISTER: 1, ISSUE_INVESTIGATION_NOTICE: 1, ASSIGN_CONSULTANT: 0, START_INVESTIGATION: 0 };
