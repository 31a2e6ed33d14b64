import { fullLifecycle, runUntil, startJourney, type Journey } from './factories/lifecycle';
import { send } from './factories/plots';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * Optimistic concurrency in a joint review (会同, 土壤法第五十九条; issue 22 point 6): a request made on a view that is
 * older only by other bureaus' steps in the same state is judged on the plot as it is now; a step of the caller's own
 * bureau or a change of state since the view is still a 409.
 */
describeEachDatabase('joint review: a view behind only by other bureaus is judged on the plot as it is now', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  const post = async (as: string, plotId: string, body: Record<string, unknown>) =>
    t.http.post(`/plots/${plotId}/events`).set(await t.as(as)).send(body);

  /** A plot whose preliminary investigation report passed its panel and waits for both bureaus' decisions. */
  async function awaitingDecisions(): Promise<{ j: Journey; version: number }> {
    const j = await startJourney(t);
    await runUntil(t, j, fullLifecycle(t), 'APPROVE');
    const plot = (await t.http.get(`/plots/${j.plotId}`).set(await t.as('land'))).body;
    expect(plot.state).toBe('investigation.preliminary.underReview');
    return { j, version: plot.version };
  }

  it('土壤法第五十九条 会同: land approves on the view it opened before eeb approved, and the plot moves on', async () => {
    const { j, version } = await awaitingDecisions();
    const eeb = await send(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意', expectedVersion: version });
    expect(eeb.state).toBe('investigation.preliminary.underReview');
    expect(eeb.version).toBe(version + 1);
    const land = await post('land', j.plotId, { type: 'APPROVE', opinion: '同意，开展详细调查', expectedVersion: version });
    expect(land.status).toBe(200);
    expect(land.body.state).toBe('investigation.detailed.drafting');
    // Both opinions are in the chain, each once.
    const rows: Array<{ event_type: string; role: string }> = await t.ds.query(
      `SELECT event_type, role FROM audit_log WHERE entity_id = $1 AND event_type = 'APPROVE' ORDER BY seq`, [j.plotId]);
    expect(rows.map((r) => r.role)).toEqual(['eeb', 'land']);
  });

  it('会同: a step of the caller’s own bureau since its view is a conflict (409), naming the plot’s version', async () => {
    const { j, version } = await awaitingDecisions();
    await send(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意', expectedVersion: version });
    const again = await post('eeb', j.plotId, { type: 'RETURN', reason: '补充地下水监测', expectedVersion: version });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'VERSION_CONFLICT', state: 'investigation.preliminary.underReview', version: version + 1 });
  });

  it('会同: when the other bureau returned the report (the state changed), the stale approval is a conflict (409)', async () => {
    const { j, version } = await awaitingDecisions();
    await send(t, 'eeb', j.plotId, { type: 'RETURN', reason: '报告内容不完整，请补充', expectedVersion: version });
    const land = await post('land', j.plotId, { type: 'APPROVE', opinion: '同意', expectedVersion: version });
    expect(land.status).toBe(409);
    expect(land.body).toMatchObject({ code: 'VERSION_CONFLICT', state: 'investigation.preliminary.drafting' });
    const rows = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND role = 'land' AND event_type = 'APPROVE'`, [j.plotId]);
    expect(rows[0].n).toBe(0);
  });
});
