import { Client } from 'pg';
import { Api, demoOrganisations, dueDate, plotBody, type Reply } from './http-client';
import {
  auditOutboxViolations,
  filingNumberViolations,
  missingFromAudit,
  outboxViolations,
  plotChainViolations,
  report,
  waitForDrainedOutbox,
} from './invariants';
import {
  createScratchDatabase,
  killAll,
  realPostgresUrl,
  seedDemo,
  startAppProcess,
  type AppProcess,
  type ScratchDatabase,
} from './process-app';
import { Workload, WORKLOAD_FILINGS_PER_EVENT } from './workload';

// A bound against a hang (it includes building dist/ once), not a performance assertion.
const HOOK_TIMEOUT = 900_000;

const APP_NAME = 'plots-faults';
/** Terminate the app's connections each time this many more requests have succeeded, this many times. */
const FAULT_EVERY = 15;
const FAULTS = 30;

/** A clean failure: 503 with the JSON error body naming the cause (src/common/http-exception.filter.ts). */
const cleanFailure = (r: Reply) => r.status === 503 && r.body?.code === 'DATABASE_UNAVAILABLE' && typeof r.body.message === 'string';

(realPostgresUrl() ? describe : describe.skip)('database faults: the app’s connections terminated (pg_terminate_backend) during transitions [postgres, child process]', () => {
  let db: ScratchDatabase;
  let sql: Client;
  let app: AppProcess;
  let api: Api;
  let work: Workload;
  let terminated = 0;
  let faults = 0;

  const terminate = async () => {
    const { rows } = await sql.query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
      [APP_NAME],
    );
    terminated += rows.filter((r) => r.done).length;
    faults++;
  };

  beforeAll(async () => {
    db = await createScratchDatabase('rel_faults');
    await seedDemo(db.url);
    app = await startAppProcess({ databaseUrl: db.appUrl(APP_NAME) });
    api = new Api([app.base]);
    const orgs = await demoOrganisations(api);
    for (const u of ['eeb', 'holder', 'admin']) await api.token(u);
    sql = new Client({ connectionString: db.url });
    await sql.connect();

    let killing = Promise.resolve();
    work = new Workload(api, orgs, {
      workers: 8,
      noticesPerPlot: 4,
      tag: 'FAULT',
      retryOn: cleanFailure,
      onSuccess: (n) => {
        if (n % FAULT_EVERY !== 0) return;
        if (faults >= FAULTS) return work.stop();
        killing = killing.then(terminate);
      },
    });
    await work.run(() => Promise.resolve());
    await killing;
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await killAll();
    await sql?.end();
    await db?.drop();
  });

  it('the faults hit requests in flight, which failed cleanly (503 with a JSON body), never with a 500, a hang or a dropped connection', () => {
    expect(faults).toBe(FAULTS);
    expect(terminated).toBeGreaterThan(FAULTS);
    expect(work.retryable).toBeGreaterThan(0);
    expect(work.unexpected).toEqual([]);
    expect(work.connectionErrors).toBe(0);
  });

  it('the process survived and recovers without a restart: health is ok and new transitions succeed at the first attempt', async () => {
    expect(app.alive()).toBe(true);
    // Idle connections too: a request that meets one as it dies may fail (cleanly); the pool replaces them.
    await terminate();
    let health = await api.call('GET', '/health');
    for (let i = 0; i < 20 && health.status !== 200; i++) {
      expect(health.status).toBe(503);
      health = await api.call('GET', '/health');
    }
    expect(health.status).toBe(200);
    const plot = await api.expect(201, 'eeb', 'POST', '/plots', plotBody((await demoOrganisations(api)).holder, 'AFTER'));
    for (let i = 0; i < 10; i++) {
      const res = await api.as('eeb', 'POST', `/plots/${plot.id}/events`, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: dueDate(99, i) });
      expect(res.status).toBe(200);
    }
    expect(app.alive()).toBe(true);
  });

  it('no half-written record: every chain is 1..n and ends in the plot state, every audit row has its outbox row, every 200 is in the log', async () => {
    expect(await plotChainViolations(sql)).toEqual([]);
    expect(await auditOutboxViolations(sql, WORKLOAD_FILINGS_PER_EVENT)).toEqual([]);
    expect(await missingFromAudit(sql, work.observed)).toEqual([]);
  });

  it('a retried notice (same Idempotency-Key) is in the audit log exactly once', async () => {
    const { rows } = await sql.query(
      `SELECT payload->>'dueDate' AS "dueDate", count(*)::int AS n FROM audit_log
        WHERE event_type = 'ISSUE_INVESTIGATION_NOTICE' AND entity_id = ANY($1::uuid[]) GROUP BY 1`,
      [work.plots],
    );
    const logged = new Map(rows.map((r) => [r.dueDate, r.n]));
    expect(work.noticeDueDates.filter((d) => d.answered && logged.get(d.dueDate) !== 1)).toEqual([]);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  });

  it('the filing worker recovers too: the outbox drains, each row into exactly one document, numbered gap-free, no row charged with a failed attempt', async () => {
    await waitForDrainedOutbox(sql);
    const { rows } = await sql.query(`SELECT max(attempts)::int AS "maxAttempts", count(*) FILTER (WHERE attempts > 1)::int AS retried FROM outbox`);
    report('db-faults', { faults, terminated, successes: work.successes, cleanFailures: work.retryable, outbox: rows[0] });
    expect(await outboxViolations(sql)).toEqual([]);
    expect(await filingNumberViolations(sql)).toEqual([]);
    // A lost connection is not counted against the row (ten failed attempts give a row up): each was processed at its first counted attempt.
    expect(rows[0].maxAttempts).toBe(1);
  });

  it('GET /audit/verify finds every chain valid', async () => {
    const res = await api.as('admin', 'GET', '/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
  });
});
