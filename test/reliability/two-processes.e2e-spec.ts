import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Api, demoOrganisations } from './http-client';
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
import { raceRounds, RACE_FILINGS_PER_EVENT, type RaceOutcome } from './race-rounds';

// A bound against a hang (it includes building dist/ once), not a performance assertion.
const HOOK_TIMEOUT = 900_000;

const SEED = Number(process.env.RACE_SEED ?? Date.now() % 1_000_000);
const ROUNDS = Number(process.env.TWO_PROCESS_ROUNDS ?? 500);

// The deadline job with two processes ("a deadline fires once") is covered by test/deadlines.e2e-spec.ts
// (two app instances on one database, sweeping at the same moment, with a fake clock a child process cannot share).
(realPostgresUrl() ? describe : describe.skip)('two app processes on one PostgreSQL: races and filings split across both [postgres, child processes]', () => {
  let db: ScratchDatabase;
  let sql: Client;
  let a: AppProcess;
  let b: AppProcess;
  let api: Api;
  let dataDir: string;
  let outcome: RaceOutcome;

  beforeAll(async () => {
    db = await createScratchDatabase('rel_two');
    await seedDemo(db.url);
    // Replicas share the report and PDF store (one volume or object store), as in a real deployment.
    dataDir = mkdtempSync(join(tmpdir(), 'plots-two-'));
    // Both start at once: migrations run under an advisory lock, both run the filing worker and the job queue.
    [a, b] = await Promise.all([
      startAppProcess({ databaseUrl: db.appUrl('plots-a'), dataDir }),
      startAppProcess({ databaseUrl: db.appUrl('plots-b'), dataDir }),
    ]);
    api = new Api([a.base, b.base]);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    outcome = await raceRounds(api, await demoOrganisations(api), {
      rounds: ROUNDS, lanes: 8, roundsPerPlot: 10, minConcurrent: 2, maxConcurrent: 50, seed: SEED,
    });
    await waitForDrainedOutbox(sql);
    report('two-processes', { rounds: outcome.rounds, requests: outcome.requests, plots: outcome.plots.length, noticeWins: outcome.noticeWins });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await killAll();
    await sql?.end();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`${ROUNDS} rounds of 2–50 concurrent conflicting events, alternating between the processes: one winner per organisation in each round, every loser a well-formed 409 (seed ${SEED})`, () => {
    expect(outcome.failures).toEqual([]);
    expect(a.alive() && b.alive()).toBe(true);
  });

  it('every 200 is in the audit log at its version; every chain is 1..n and ends in the plot state', async () => {
    expect(await missingFromAudit(sql, outcome.observed)).toEqual([]);
    expect(await plotChainViolations(sql)).toEqual([]);
    expect(await auditOutboxViolations(sql, RACE_FILINGS_PER_EVENT)).toEqual([]);
  });

  it('with both filing workers draining one outbox (SKIP LOCKED), every row became exactly one document, numbered gap-free', async () => {
    expect(await outboxViolations(sql)).toEqual([]);
    expect(await filingNumberViolations(sql)).toEqual([]);
    const { rows } = await sql.query(
      `SELECT kind, count(*)::int AS n FROM documents WHERE plot_id = ANY($1::uuid[]) GROUP BY kind ORDER BY kind`,
      [outcome.plots],
    );
    expect(rows).toEqual([
      { kind: 'D1', n: outcome.plots.length },
      { kind: 'D2', n: outcome.noticeWins },
    ]);
  });

  it('either process serves any document, whichever rendered it, and both verify the audit chain as valid', async () => {
    const { rows } = await sql.query(`SELECT id, pdf_sha256 AS sha FROM documents ORDER BY random() LIMIT 20`);
    for (const base of [a.base, b.base]) {
      const token = await api.token('eeb', base);
      for (const doc of rows) {
        const res = await fetch(`${base}/documents/${doc.id}/pdf`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(doc.sha);
      }
      const verify = await api.call('GET', '/audit/verify', undefined, { token: await api.token('admin', base) }, base);
      expect(verify.status).toBe(200);
      expect(verify.body.valid).toBe(true);
    }
  });
});
