import type { EntityManager } from 'typeorm';
import { seedDemoKeyUnits } from '../src/demo/demo-key-units';
import { FilingService } from '../src/documents/filing.service';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot, send } from './factories/plots';

/** The tamperer has the database's superuser (triggers and foreign keys off), not AUDIT_KEY: as in audit-tamper.e2e. */
async function asTamperer(t: TestApp, work: (em: EntityManager) => Promise<unknown>) {
  await t.ds.transaction(async (em) => {
    await em.query(`SET LOCAL session_replication_role = replica`);
    await work(em);
  });
}

async function plotWithHistory(t: TestApp) {
  const plot = await registerPlot(t);
  await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
  await send(t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-30' });
  await t.app.get(FilingService).drain();
  return plot as { id: string };
}

/**
 * 审计链核验 of one plot or one key unit (issue 22 point 9): GET /audit/verify?plotId=… or ?keyUnitId=… recomputes that
 * entity's chain only, for a caller who may see it, and answers the rows checked, the verdict, the first broken row
 * and the time taken.
 */
describeEachDatabase('audit chain check of one plot or one key unit', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  const verify = async (user: string, query: Record<string, string>) =>
    t.http.get('/audit/verify').query(query).set(await t.as(user));

  it('hardening #5 审计链防篡改: a tampered row of plot A is named when A is checked; plot B still verifies; the whole check fails', async () => {
    const a = await plotWithHistory(t);
    const b = await plotWithHistory(t);
    let res = await verify('eeb', { plotId: a.id });
    expect(res.status).toBe(200);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE plot_id = $1`, [a.id]);
    expect(res.body).toMatchObject({ valid: true, scope: 'plot', plotId: a.id, checked: n, chains: 1 });
    expect(typeof res.body.elapsedMs).toBe('number');

    // The notice's due date rewritten in place, the hash left as it was.
    await asTamperer(t, (em) => em.query(`UPDATE audit_log SET payload = jsonb_set(payload, '{dueDate}', '"2027-06-30"') WHERE entity_id = $1 AND seq = 3`, [a.id]));
    res = await verify('eeb', { plotId: a.id });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.firstBroken).toMatchObject({ plotId: a.id, entityType: 'plot', entityId: a.id, seq: 3 });
    expect(res.body.firstBroken.reason).toMatch(/哈希不符/);
    expect(res.body.checked).toBe(2);

    res = await verify('land', { plotId: b.id });
    expect(res.body).toMatchObject({ valid: true, scope: 'plot', plotId: b.id, checked: 3 });
    // The administrator's whole check still finds A.
    const all = (await t.http.get('/audit/verify').set(await t.as('admin')).expect(200)).body;
    expect(all.valid).toBe(false);
    expect(all.firstBroken).toMatchObject({ plotId: a.id, seq: 3 });
    await asTamperer(t, (em) => em.query(`UPDATE audit_log SET payload = jsonb_set(payload, '{dueDate}', '"2026-12-30"') WHERE entity_id = $1 AND seq = 3`, [a.id]));
    expect((await verify('eeb', { plotId: a.id })).body.valid).toBe(true);
  });

  it('hardening #5: a plot whose last row was deleted is named by the check of that plot (the head kept on the plot)', async () => {
    const a = await plotWithHistory(t);
    await asTamperer(t, (em) => em.query(`DELETE FROM audit_log WHERE entity_id = $1 AND seq = 3`, [a.id]));
    const res = await verify('eeb', { plotId: a.id });
    expect(res.body.valid).toBe(false);
    expect(res.body.firstBroken).toMatchObject({ plotId: a.id, seq: 3 });
    expect(res.body.firstBroken.reason).toMatch(/末尾/);
  });

  it('土壤污染重点监管单位 audit chain: one key unit is checked on its own, and a tampered row of it is named', async () => {
    const id = (await seedDemoKeyUnits(t.app, t.demo.users, t.demo.organisations))!;
    let res = await verify('eeb', { keyUnitId: id });
    expect(res.status).toBe(200);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'key_unit' AND entity_id = $1`, [id]);
    expect(n).toBeGreaterThan(1);
    expect(res.body).toMatchObject({ valid: true, scope: 'key_unit', keyUnitId: id, checked: n, chains: 1 });
    await asTamperer(t, (em) => em.query(`UPDATE audit_log SET at = at - interval '1 day' WHERE entity_type = 'key_unit' AND entity_id = $1 AND seq = 2`, [id]));
    res = await verify('eeb', { keyUnitId: id });
    expect(res.body.valid).toBe(false);
    expect(res.body.firstBroken).toMatchObject({ entityType: 'key_unit', entityId: id, seq: 2 });
  });

  it('访问控制 (scope before reading): a bureau of another district gets 404 for a plot it cannot see; a holder 403; bad ids 400, in Chinese', async () => {
    const a = await plotWithHistory(t);
    const other = await verify('eeb-xy', { plotId: a.id });
    expect(other.status).toBe(404);
    expect(other.body.message).toMatch(/无权查看/);
    expect((await verify('holder', { plotId: a.id })).status).toBe(403);
    const bad = await verify('eeb', { plotId: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('地块编号格式不正确');
    const both = await verify('eeb', { plotId: a.id, keyUnitId: a.id });
    expect(both.status).toBe(400);
    expect(both.body.message).toContain('一次只能核验一个');
    expect((await verify('eeb', { plotId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });
});
