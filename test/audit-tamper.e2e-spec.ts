import type { EntityManager, QueryRunner } from 'typeorm';
import { AppClock, CLOCK } from '../src/clock/clock';
import { fromDayNumber, todayInChina, toDayNumber } from '../src/calendar/calendar-date';
import { FilingService } from '../src/documents/filing.service';
import { AuditHasher, KEYED_SCHEME, LEGACY_SCHEME, legacyChainHash } from '../src/engine/audit-hash';
import { AuditSeal } from '../src/engine/audit-seal';
import { AuditRepository, type AuditRow } from '../src/engine/audit.repository';
import { AuditKeyedChain1765238400000 } from '../src/database/migrations/1765238400000-AuditKeyedChain';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot, send } from './factories/plots';
import { openTransport, plotInRemediationWorks } from './factories/transports';

/**
 * The tamperer has the database's superuser: the append-only triggers and
 * the foreign keys are off for their statements (session_replication_role).
 * What they cannot have is AUDIT_KEY.
 */
async function asTamperer(t: TestApp, work: (em: EntityManager) => Promise<unknown>) {
  await t.ds.transaction(async (em) => {
    await em.query(`SET LOCAL session_replication_role = replica`);
    await work(em);
  });
}

type Link = (prevHash: string | null, row: AuditRow) => string;

/** Rewrites one row's payload and re-hashes the chain from it with `link`, moving the head too: a careful tamperer. */
async function rewriteAndRehash(t: TestApp, plotId: string, seq: number, payload: Record<string, unknown>, link: Link, scheme: string) {
  const rows = await t.app.get(AuditRepository).history('plot', plotId);
  await asTamperer(t, async (em) => {
    let prevHash = rows[seq - 2]?.hash ?? null;
    for (const row of rows.slice(seq - 1)) {
      const rewritten = row.seq === seq ? { ...row, payload } : row;
      const hash = link(prevHash, rewritten);
      await em.query(`UPDATE audit_log SET payload = $2, prev_hash = $3, hash = $4, hash_scheme = $5 WHERE id = $1`,
        [row.id, JSON.stringify(rewritten.payload), prevHash, hash, scheme]);
      prevHash = hash;
    }
    await em.query(`UPDATE plots SET audit_hash = $2 WHERE id = $1`, [plotId, prevHash]);
  });
}

async function verifyAs(t: TestApp, username = 'admin') {
  return (await t.http.get('/audit/verify').set(await t.as(username)).expect(200)).body;
}

/** A plot with three audit rows (REGISTER, ASSIGN_CONSULTANT, ISSUE_INVESTIGATION_NOTICE) and its documents filed. */
async function plotWithHistory(t: TestApp, overrides: Record<string, unknown> = {}) {
  const plot = await registerPlot(t, overrides);
  await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
  await send(t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-30' });
  await t.app.get(FilingService).drain();
  return plot as { id: string };
}

describeEachDatabase('audit chain tamper evidence', (target) => {
  let t: TestApp;
  // Each test tampers with its own database.
  beforeEach(async () => {
    t = await startTestApp(target);
  });
  afterEach(() => t?.close());

  it('hardening #5: an untampered database verifies valid — plots and transports, every row keyed, every chain ending at its head', async () => {
    const journey = await plotInRemediationWorks(t);
    await openTransport(t, journey.plotId);
    await plotWithHistory(t);
    const res = await verifyAs(t);
    expect(res).toMatchObject({ valid: true, scope: 'all' });
    const [{ rows, chains, legacy }] = await t.ds.query(
      `SELECT count(*)::int AS rows, count(DISTINCT entity_id)::int AS chains,
              count(*) FILTER (WHERE hash_scheme <> $1)::int AS legacy FROM audit_log`, [KEYED_SCHEME]);
    expect(res.checked).toBe(rows);
    expect(res.chains).toBe(chains);
    expect(legacy).toBe(0);
  });

  it('hardening #5: deleting the last row of a chain is detected — the chain ends before the head kept on its plot', async () => {
    const plot = await plotWithHistory(t);
    await asTamperer(t, (em) => em.query(`DELETE FROM audit_log WHERE entity_id = $1 AND seq = 3`, [plot.id]));
    const res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.firstBroken).toMatchObject({ plotId: plot.id, entityType: 'plot', seq: 3 });
    expect(res.firstBroken.reason).toMatch(/末尾/);
  });

  it('hardening #5: deleting the whole chain of a plot is detected — every plot has its chain', async () => {
    const plot = await plotWithHistory(t);
    await asTamperer(t, async (em) => {
      await em.query(`DELETE FROM audit_log WHERE plot_id = $1`, [plot.id]);
      // a thorough tamperer also resets the head
      await em.query(`UPDATE plots SET audit_seq = 0, audit_hash = NULL WHERE id = $1`, [plot.id]);
    });
    const res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.firstBroken).toMatchObject({ plotId: plot.id, seq: 1 });
    expect(res.firstBroken.reason).toMatch(/没有任何审计记录/);
  });

  it('hardening #5: a row rewritten and its chain re-hashed with plain SHA-256 is detected, whether marked as an old-scheme row or as a keyed one', async () => {
    const plot = await plotWithHistory(t);
    const forged = { dueDate: '2027-06-30' };
    await rewriteAndRehash(t, plot.id, 3, forged, legacyChainHash, LEGACY_SCHEME);
    let res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.firstBroken).toMatchObject({ plotId: plot.id, seq: 3 });
    expect(res.firstBroken.reason).toMatch(/未加密钥/);

    await rewriteAndRehash(t, plot.id, 3, forged, legacyChainHash, KEYED_SCHEME);
    res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.firstBroken).toMatchObject({ plotId: plot.id, seq: 3 });
    expect(res.firstBroken.reason).toMatch(/哈希不符/);
  });

  it('hardening #5: a row rewritten and its chain re-hashed with HMAC under a wrong key is detected', async () => {
    const plot = await plotWithHistory(t);
    const wrong = new AuditHasher({ jwtSecret: 'unused', auditKey: 'a-guessed-key-0123456789abcdef0123456789' });
    await rewriteAndRehash(t, plot.id, 2, { orgId: t.demo.organisations.consultant2, work: 'investigation' },
      (prev, row) => wrong.chainHash(KEYED_SCHEME, prev, row), KEYED_SCHEME);
    const res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.firstBroken).toMatchObject({ plotId: plot.id, seq: 2 });
  });

  it('hardening #5: rows hashed with plain SHA-256 before the upgrade still verify, and new rows after them are keyed; re-hashing an old row afterwards is caught by the upgrade seal', async () => {
    const continued = await plotWithHistory(t);
    const untouched = await plotWithHistory(t);
    // The database as it was before the upgrade: every row plainly hashed, no scheme column.
    const migration = new AuditKeyedChain1765238400000();
    await withRunner(t, (runner) => migration.down(runner));
    for (const plotId of [continued.id, untouched.id]) await legacyRehash(t, plotId);
    // Documents of that time printed no chain head.
    await asTamperer(t, (em) => em.query(`UPDATE documents SET record = record - 'auditHead'`));
    await withRunner(t, (runner) => migration.up(runner));
    await t.app.get(AuditSeal).ensureSealed();
    expect(await verifyAs(t)).toMatchObject({ valid: true });

    await send(t, 'eeb', continued.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2027-01-15' });
    const schemes = await t.ds.query(`SELECT seq, hash_scheme AS scheme FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [continued.id]);
    expect(schemes.map((r: { scheme: string }) => r.scheme)).toEqual([LEGACY_SCHEME, LEGACY_SCHEME, LEGACY_SCHEME, KEYED_SCHEME]);
    expect(await verifyAs(t)).toMatchObject({ valid: true });

    // An old row of a chain nobody has touched since: its plain re-hash fits every link, but not the seal.
    await rewriteAndRehash(t, untouched.id, 3, { dueDate: '2027-06-30' }, legacyChainHash, LEGACY_SCHEME);
    const res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.sealBroken?.reason).toMatch(/封存/);
  });

  it('hardening #5: the daily digest of all chain heads is stored once and published; a later rewrite contradicts it (and the head printed on the documents)', async () => {
    const plot = await plotWithHistory(t);
    // The day the plot was registered (not the test's start: the two may lie either side of midnight).
    const [first] = await t.ds.query(`SELECT at FROM audit_log WHERE entity_id = $1 AND seq = 1`, [plot.id]);
    const today = todayInChina(new Date(first.at));
    const tomorrow = fromDayNumber(toDayNumber(today) + 1);
    const clock = new FakeClock(today);
    t.app.get<AppClock>(CLOCK).use(clock);
    // Today is not over: the first digest is yesterday's, over no chain yet; today's follows from it tomorrow.
    expect((await t.http.get('/public/audit-digest').expect(200)).body.items).toMatchObject([{ chains: 0 }]);
    await t.http.get(`/public/audit-digest?date=${today}`).expect(404);
    clock.at(tomorrow);
    const list = (await t.http.get('/public/audit-digest').expect(200)).body;
    expect(list.items).toHaveLength(2);
    const published = (await t.http.get(`/public/audit-digest?date=${today}`).expect(200)).body;
    expect(published).toMatchObject({ date: today, chains: 1, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(list.items[0]).toEqual(published);
    await t.http.get('/public/audit-digest?date=2026-02-30').expect(400);
    await t.http.get(`/public/audit-digest?date=${tomorrow}`).expect(404);
    await expect(t.ds.query(`UPDATE audit_digests SET chains = 0`)).rejects.toThrow(/append-only/);
    expect(await verifyAs(t)).toMatchObject({ valid: true, digestsChecked: 2 });

    // The careful tamperer: the last row deleted and the head moved back, so the chain itself is consistent.
    const [second] = await t.ds.query(`SELECT hash FROM audit_log WHERE entity_id = $1 AND seq = 2`, [plot.id]);
    await asTamperer(t, async (em) => {
      await em.query(`DELETE FROM audit_log WHERE entity_id = $1 AND seq = 3`, [plot.id]);
      await em.query(`UPDATE plots SET audit_seq = 2, audit_hash = $2 WHERE id = $1`, [plot.id, second.hash]);
    });
    let res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.firstBroken?.reason).toMatch(/备案文件/);
    // ... who also removes the document of that step: the published digest still says otherwise.
    await asTamperer(t, (em) => em.query(`DELETE FROM documents WHERE plot_id = $1 AND kind = 'D2'`, [plot.id]));
    res = await verifyAs(t);
    expect(res.valid).toBe(false);
    expect(res.firstBroken).toBeUndefined();
    expect(res.digestBroken).toMatchObject({ date: today });
  });

  it('hardening #12: /audit/verify covers the caller\'s jurisdiction only — another district\'s bureau does not see this district\'s chains; holders and consultants are refused', async () => {
    const plot = await plotWithHistory(t);
    await asTamperer(t, (em) => em.query(`DELETE FROM audit_log WHERE entity_id = $1 AND seq = 3`, [plot.id]));
    expect(await verifyAs(t, 'eeb')).toMatchObject({ valid: false, scope: 'jurisdiction', jurisdiction: '410106', firstBroken: { plotId: plot.id } });
    expect(await verifyAs(t, 'land')).toMatchObject({ valid: false, scope: 'jurisdiction' });
    const other = await verifyAs(t, 'eeb-xy');
    expect(other).toMatchObject({ valid: true, scope: 'jurisdiction', jurisdiction: '410182', checked: 0, chains: 0 });
    expect(await verifyAs(t, 'admin')).toMatchObject({ valid: false, scope: 'all' });
    for (const username of ['holder', 'consultant']) await t.http.get('/audit/verify').set(await t.as(username)).expect(403);
  });
});

// The embedded database has one connection: a runner is released before anything else runs.
async function withRunner(t: TestApp, work: (runner: QueryRunner) => Promise<void>) {
  const runner = t.ds.createQueryRunner();
  try {
    await work(runner);
  } finally {
    await runner.release();
  }
}

/** Before the upgrade there is no scheme column: re-hash every row of the plot's chain plainly. */
async function legacyRehash(t: TestApp, plotId: string) {
  const rows: AuditRow[] = (await t.ds.query(
    `SELECT id, entity_type AS "entityType", entity_id AS "entityId", plot_id AS "plotId", seq, event_type AS "eventType", payload,
            actor_user_id AS "actorUserId", actor_name AS "actorName", role, organisation_id AS "organisationId",
            organisation_name AS "organisationName", from_state AS "fromState", to_state AS "toState",
            machine_name AS "machineName", machine_version AS "machineVersion", at
       FROM audit_log WHERE entity_type = 'plot' AND entity_id = $1 ORDER BY seq`, [plotId],
  )).map((r: AuditRow & { at: Date }) => ({ ...r, at: new Date(r.at).toISOString() }));
  await asTamperer(t, async (em) => {
    let prevHash: string | null = null;
    for (const row of rows) {
      const hash = legacyChainHash(prevHash, row);
      await em.query(`UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1`, [row.id, prevHash, hash]);
      prevHash = hash;
    }
    await em.query(`UPDATE plots SET audit_hash = $2 WHERE id = $1`, [plotId, prevHash]);
  });
}
