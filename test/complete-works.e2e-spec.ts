import { fullLifecycle, runUntil, startJourney } from './factories/lifecycle';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

/** 修复完工 (土壤法第四十一条; issue 22 point 1): the holder states the day the works ended; it is kept in the audit row. */
describeEachDatabase('修复完工 carries its completion date', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('土壤法第四十一条 修复完工: a completion date that is no YYYY-MM-DD is a 400 naming the field, a valid one is kept in the audit row', async () => {
    const j = await startJourney(t);
    await runUntil(t, j, fullLifecycle(t), 'COMPLETE_WORKS');
    const post = async (body: Record<string, unknown>) => t.http.post(`/plots/${j.plotId}/events`).set(await t.as('holder')).send(body);
    const bad = await post({ type: 'COMPLETE_WORKS', completedOn: '昨天' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('completedOn');
    const ok = await post({ type: 'COMPLETE_WORKS', completedOn: '2026-12-01' });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('listed.effectEvaluation.drafting');
    const [row] = await t.ds.query(`SELECT payload FROM audit_log WHERE entity_id = $1 AND event_type = 'COMPLETE_WORKS'`, [j.plotId]);
    expect(row.payload).toEqual({ completedOn: '2026-12-01' });
  });
});
