import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Api, demoOrganisations } from './http-client';
import {
  auditOutboxViolations,
  filingNumberViolations,
  missingFromAudit,
  noticeRetryViolations,
  outboxTally,
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

/** Successes after which the app is killed, and after which the clients stop. */
const KILL_AT = [250, 600];
const STOP_AT = 850;

(realPostgresUrl() ? describe : describe.skip)('crash: SIGKILL of the app process amid transitions and filings, then restart [postgres, child process]', () => {
  let db: ScratchDatabase;
  let sql: Client;
  let app: AppProcess;
  let api: Api;
  let dataDir: string;
  let work: Workload;
  const kills: Array<{ pendingOutbox: number; cutOff: number }> = [];

  beforeAll(async () => {
    db = await createScratchDatabase('rel_crash');
    await seedDemo(db.url);
    // One report and PDF store across restarts, as one deployment's volume.
    dataDir = mkdtempSync(join(tmpdir(), 'plots-crash-'));
    const start = () => startAppProcess({ databaseUrl: db.appUrl('plots-crash'), dataDir });
    app = await start();
    api = new Api([app.base]);
    const orgs = await demoOrganisations(api);
    for (const u of ['eeb', 'holder', 'admin']) await api.token(u);
    sql = new Client({ connectionString: db.url });
    await sql.connect();

    let gate: Promise<void> = Promise.resolve();
    let openGate = () => {};
    const killed: Array<(connectionErrorsBefore: number) => void> = [];
    const killSignals = KILL_AT.map(() => new Promise<number>((resolve) => killed.push(resolve)));
    let nextKill = 0;
    work = new Workload(api, orgs, {
      workers: 12,
      noticesPerPlot: 4,
      tag: 'CRASH',
      onSuccess: (n) => {
        if (nextKill < KILL_AT.length && n >= KILL_AT[nextKill]) {
          // Clients wait (and then retry) until the restarted process is healthy.
          gate = new Promise((resolve) => (openGate = resolve));
          const before = work.connectionErrors;
          void app.kill();
          killed[nextKill++](before);
        }
        if (n >= STOP_AT) work.stop();
      },
    });
    const running = work.run(() => gate);
    for (const signal of killSignals) {
      const before = await signal;
      await app.exited;
      const { pending } = await outboxTally(sql);
      app = await start();
      kills.push({ pendingOutbox: pending, cutOff: work.connectionErrors - before });
      api.bases = [app.base];
      openGate();
    }
    await running;
    await waitForDrainedOutbox(sql);
    const { rows } = await sql.query(`SELECT max(attempts)::int AS "maxAttempts", count(*)::int AS rows FROM outbox`);
    report('crash', { kills, successes: work.successes, connectionErrors: work.connectionErrors, plots: work.plots.length, outbox: rows[0] });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await killAll();
    await sql?.end();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('each kill cut requests off mid-flight and left filings undone', () => {
    expect(kills).toHaveLength(KILL_AT.length);
    for (const k of kills) {
      expect(k.cutOff).toBeGreaterThan(0);
      expect(k.pendingOutbox).toBeGreaterThan(0);
    }
  });

  it('every answer was a success or a dropped connection (retried with its Idempotency-Key)', () => {
    expect(work.unexpected).toEqual([]);
    expect(work.successes).toBeGreaterThanOrEqual(STOP_AT);
  });

  it("every plot's state equals the to_state of its last audit row; every chain is 1..n; every 200 the clients saw is in the audit log", async () => {
    expect(await plotChainViolations(sql)).toEqual([]);
    expect(await missingFromAudit(sql, work.observed)).toEqual([]);
  });

  it('a request in flight at the kill committed fully or not at all: its retry never wrote a second row, and its audit row has its outbox row', async () => {
    const { wrong, doubled } = await noticeRetryViolations(sql, work.plots, work.noticeDueDates);
    expect(wrong).toEqual([]);
    expect(doubled).toEqual([]);
    expect(await auditOutboxViolations(sql, WORKLOAD_FILINGS_PER_EVENT)).toEqual([]);
  });

  it('the deadline an investigation notice opens was written with it: one open notice deadline per plot still awaiting its investigation, from its last notice', async () => {
    const { rows } = await sql.query(
      `SELECT p.id, p.state, last.id AS "lastNotice",
              array_agg(d.audit_id::text) FILTER (WHERE d.status <> 'done') AS "openFrom"
         FROM plots p
         JOIN LATERAL (SELECT id FROM audit_log WHERE entity_id = p.id AND event_type = 'ISSUE_INVESTIGATION_NOTICE'
                        ORDER BY seq DESC LIMIT 1) last ON true
         LEFT JOIN deadlines d ON d.plot_id = p.id AND d.kind = 'investigation_notice'
        WHERE p.id = ANY($1::uuid[]) GROUP BY p.id, p.state, last.id`,
      [work.plots],
    );
    const wrong = rows.filter((r) =>
      r.state === 'suspected' ? JSON.stringify(r.openFrom) !== JSON.stringify([String(r.lastNotice)]) : r.openFrom !== null,
    );
    expect(wrong).toEqual([]);
  });

  it('every outbox row was processed exactly once into one document; filing numbers are gap-free and none is doubled', async () => {
    expect(await outboxViolations(sql)).toEqual([]);
    expect(await filingNumberViolations(sql)).toEqual([]);
    const { rows } = await sql.query(`SELECT count(*)::int AS n, count(DISTINCT number)::int AS numbers FROM documents`);
    expect(rows[0].numbers).toBe(rows[0].n);
  });

  it("every document's PDF is in the store with the SHA-256 recorded for it", async () => {
    // DATABASE_URL set: the PDFs are in PostgreSQL (FILE_STORE=db), hashed here by the database itself.
    const { rows } = await sql.query(
      `SELECT d.number, d.pdf_sha256 AS sha, encode(sha256(string_agg(c.bytes, ''::bytea ORDER BY c.seq)), 'hex') AS stored
         FROM documents d LEFT JOIN blob_chunks c ON c.digest = d.pdf_sha256 GROUP BY d.id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.stored !== r.sha)).toEqual([]);
  });

  it('GET /audit/verify finds every chain valid after the crashes', async () => {
    const res = await api.as('admin', 'GET', '/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true });
    expect(res.body.checked).toBeGreaterThanOrEqual(work.observed.length);
  });
});
