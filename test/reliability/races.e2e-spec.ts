import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { FilingService } from '../../src/documents/filing.service';
import { longNoticeSteps } from './long-notice';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { Api, demoOrganisations } from './http-client';
import {
  auditOutboxViolations,
  filingNumberViolations,
  missingFromAudit,
  outboxTally,
  outboxViolations,
  plotChainViolations,
  report,
} from './invariants';
import { raceRounds, RACE_FILINGS_PER_EVENT, type RaceOutcome } from './race-rounds';
import { realPostgresUrl } from './process-app';

const pgUrl = realPostgresUrl();
const SEED = Number(process.env.RACE_SEED ?? Date.now() % 1_000_000);
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 1000);
// A bound against a hang, not a performance assertion (the suite takes about two minutes on 2 cores).
const HOOK_TIMEOUT = 900_000;

// Row locks are the point here: the embedded database serialises every transaction, so only a real server can lose a race.
(pgUrl ? describe : describe.skip)('races over HTTP: 1,000 rounds of 2–50 concurrent conflicting events [postgres]', () => {
  let t: TestApp;
  let api: Api;
  let db: Client;
  let outcome: RaceOutcome;

  beforeAll(async () => {
    t = await startTestApp({ name: 'postgres', url: pgUrl! }, { DECISION_STEPS_FILE: longNoticeSteps() });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    api = new Api([`http://127.0.0.1:${port}`]);
    db = new Client({ connectionString: pgUrl });
    await db.connect();
    outcome = await raceRounds(api, await demoOrganisations(api), {
      rounds: ROUNDS, lanes: 8, roundsPerPlot: 10, minConcurrent: 2, maxConcurrent: 50, seed: SEED,
    });
    await t.app.get(FilingService).drain();
    report('races', { rounds: outcome.rounds, requests: outcome.requests, plots: outcome.plots.length, noticeWins: outcome.noticeWins });
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it(`every round has exactly one winner per organisation (会同: a view behind only by another organisation's step in the same state still stands); every loser is a 409 with the state, the allowed events and a winner's version (seed ${SEED})`, () => {
    expect(outcome.failures).toEqual([]);
    expect(outcome.rounds).toBe(ROUNDS);
  });

  it('every 200 the clients saw is in the audit log at the version it reported; every plot chain is 1..n and ends in the plot state', async () => {
    expect(await missingFromAudit(db, outcome.observed)).toEqual([]);
    expect(await plotChainViolations(db)).toEqual([]);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1::uuid[])`, [outcome.plots])).rows;
    expect(n).toBe(outcome.observed.length);
  });

  it('after draining the outbox every filing row became exactly one document, numbered gap-free per issuer, kind and year', async () => {
    expect(await auditOutboxViolations(db, RACE_FILINGS_PER_EVENT)).toEqual([]);
    expect(await outboxViolations(db)).toEqual([]);
    expect(await filingNumberViolations(db)).toEqual([]);
    const { rows } = await db.query(
      `SELECT kind, count(*)::int AS n FROM documents WHERE plot_id = ANY($1::uuid[]) GROUP BY kind ORDER BY kind`,
      [outcome.plots],
    );
    expect(rows).toEqual([
      { kind: 'D1', n: outcome.plots.length },
      { kind: 'D2', n: outcome.noticeWins },
    ]);
    expect((await outboxTally(db)).pending).toBe(0);
  });

  it('GET /audit/verify recomputes every chain and finds it valid', async () => {
    const res = await api.as('admin', 'GET', '/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, checked: expect.any(Number) });
    expect(res.body.checked).toBeGreaterThanOrEqual(outcome.observed.length);
  });
});
