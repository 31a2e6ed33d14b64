import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findPgBin } from '../setup/real-postgres';
import { Api, demoOrganisations, type Reply } from './http-client';
import {
  auditOutboxViolations,
  filingNumberViolations,
  missingFromAudit,
  noticeRetryViolations,
  outboxViolations,
  plotChainViolations,
  waitForDrainedOutbox,
} from './invariants';
import { killAll, seedDemo, startAppProcess, type AppProcess } from './process-app';
import { startMovableAddress, startReplicatedPair, type MovableAddress, type ReplicatedPair } from './replicated-postgres';
import { Workload, WORKLOAD_FILINGS_PER_EVENT } from './workload';

// A bound against a hang (it includes building dist/ once), not a performance assertion.
const HOOK_TIMEOUT = 900_000;

/** Successes after which the primary is killed, and after which the clients stop. */
const KILL_AT = 150;
const STOP_AT = 400;

const PG_BIN = findPgBin();

(PG_BIN ? describe : describe.skip)('failover: SIGKILL of the PostgreSQL primary under two app processes, the synchronous standby promoted [postgres, child processes]', () => {
  let pair: ReplicatedPair;
  let address: MovableAddress;
  let sql: Client;
  let a: AppProcess;
  let b: AppProcess;
  let work: Workload;
  let dataDir: string;
  const replies503: Reply[] = [];
  const figures = { killedAt: 0, promotedAt: 0, firstSuccessAfter: 0, successesAtKill: 0, promoteMs: 0 };

  beforeAll(async () => {
    pair = await startReplicatedPair(PG_BIN!);
    address = await startMovableAddress(pair.primaryPort);
    const url = `postgres://postgres@127.0.0.1:${address.port}/postgres`;
    // Seeded straight on the primary: spawnSync blocks this process, and with it the forwarder.
    await seedDemo(`postgres://postgres@127.0.0.1:${pair.primaryPort}/postgres`);
    dataDir = mkdtempSync(join(tmpdir(), 'plots-failover-'));
    // DATABASE_URL set: report files and PDFs go to PostgreSQL by default (FILE_STORE=db), so the standby has them too.
    [a, b] = await Promise.all([
      startAppProcess({ databaseUrl: `${url}?application_name=plots-a`, dataDir }),
      startAppProcess({ databaseUrl: `${url}?application_name=plots-b`, dataDir }),
    ]);
    const api = new Api([a.base, b.base]);
    const orgs = await demoOrganisations(api);
    for (const u of ['eeb', 'holder', 'admin']) await api.token(u);

    let killed = () => {};
    const kill = new Promise<void>((resolve) => (killed = resolve));
    work = new Workload(api, orgs, {
      workers: 10,
      noticesPerPlot: 3,
      tag: 'FAILOVER',
      retryOn: (r) => {
        if (r.status !== 503) return false;
        if (replies503.length < 5) replies503.push(r);
        return true;
      },
      onSuccess: (n) => {
        if (n === KILL_AT) killed();
        if (figures.killedAt && !figures.firstSuccessAfter && figures.promotedAt) figures.firstSuccessAfter = Date.now();
        if (n >= STOP_AT) work.stop();
      },
    });
    const running = work.run(() => Promise.resolve());
    await kill;
    figures.successesAtKill = work.successes;
    figures.killedAt = Date.now();
    pair.killPrimary();
    // What an operator's failover (or its automation) does: promote the synchronous standby, move the address.
    const promoting = Date.now();
    pair.promoteStandby();
    figures.promoteMs = Date.now() - promoting;
    address.moveTo(pair.standbyPort);
    figures.promotedAt = Date.now();
    await running;
    sql = new Client({ connectionString: `postgres://postgres@127.0.0.1:${pair.standbyPort}/postgres` });
    await sql.connect();
    await waitForDrainedOutbox(sql, 120_000);
    const switchMs = figures.firstSuccessAfter - figures.killedAt;
    process.stdout.write(
      `[failover] switch ${switchMs} ms (promote ${figures.promoteMs} ms), 503 answers ${work.retryable}, ` +
        `dropped connections ${work.connectionErrors}, successes ${work.successes}, plots ${work.plots.length}\n`,
    );
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await killAll();
    await sql?.end();
    await address?.close();
    pair?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('both app processes survived the switch and served again from the promoted standby', async () => {
    expect(a.alive() && b.alive()).toBe(true);
    expect(work.successes).toBeGreaterThanOrEqual(STOP_AT);
    expect(work.successes - figures.successesAtKill).toBeGreaterThan(STOP_AT - KILL_AT - 10);
    expect(figures.firstSuccessAfter).toBeGreaterThan(0);
    const { rows } = await sql.query('SELECT pg_is_in_recovery() AS standby');
    expect(rows[0].standby).toBe(false);
  });

  it('requests during the switch were answered 503 with a Chinese message, never 500 (HttpExceptionFilter: connection errors → 503)', () => {
    expect(work.unexpected).toEqual([]);
    expect(work.retryable).toBeGreaterThan(0);
    for (const r of replies503) {
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(JSON.stringify(r.body)).not.toMatch(/ECONNREFUSED|terminat|stack/i);
    }
  });

  it('no acknowledged transition was lost (synchronous_standby_names): every 200 is in the audit log at its version, every chain is 1..n', async () => {
    expect(await missingFromAudit(sql, work.observed)).toEqual([]);
    expect(await plotChainViolations(sql)).toEqual([]);
  });

  it('none doubled: a notice retried with its Idempotency-Key across the switch is in the audit log once; every audit row has its outbox row', async () => {
    const { wrong, doubled } = await noticeRetryViolations(sql, work.plots, work.noticeDueDates);
    expect(wrong).toEqual([]);
    expect(doubled).toEqual([]);
    expect(await auditOutboxViolations(sql, WORKLOAD_FILINGS_PER_EVENT)).toEqual([]);
  });

  it('every outbox row became exactly one document, filing numbers gap-free and none doubled, each PDF in PostgreSQL beside its row', async () => {
    expect(await outboxViolations(sql)).toEqual([]);
    expect(await filingNumberViolations(sql)).toEqual([]);
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.digest = d.pdf_sha256))::int AS "withoutPdf" FROM documents d`,
    );
    expect(rows[0].n).toBeGreaterThan(KILL_AT / 2);
    expect(rows[0].withoutPdf).toBe(0);
  });
});
