import { todayInChina } from '../src/calendar/calendar-date';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot, send } from './factories/plots';

/**
 * The k-th of 170 due dates within the notice's six months (42号令 第十二条), from the day after tomorrow: two rounds
 * in a row never share one, so each round's winner changes the plot.
 */
function noticeDate(k: number): string {
  return dayAfter(todayInChina(), 2 + (k % 170));
}

function dayAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

describeEachDatabase('transition engine guarantees', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  const post = async (as: string, plotId: string, body: Record<string, unknown>, key?: string) => {
    let req = t.http.post(`/plots/${plotId}/events`).set(await t.as(as));
    if (key) req = req.set('Idempotency-Key', key);
    return req.send(body);
  };

  it('races: N parallel conflicting events (N = 2…20, 100 rounds) — exactly one wins, the rest get 409 with the state and allowed events; the audit sequence stays gap-free', async () => {
    const plot = await registerPlot(t);
    const auth = await t.as('eeb');
    let version = plot.version;
    for (let round = 0; round < 100; round++) {
      const n = 2 + (round % 19);
      const responses = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          t.http
            .post(`/plots/${plot.id}/events`)
            .set(auth)
            .send({ type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: noticeDate(round * 20 + i), expectedVersion: version }),
        ),
      );
      const ok = responses.filter((r) => r.status === 200);
      const conflicts = responses.filter((r) => r.status === 409);
      expect(ok).toHaveLength(1);
      expect(conflicts).toHaveLength(n - 1);
      for (const c of conflicts) {
        expect(c.body).toMatchObject({ code: 'VERSION_CONFLICT', state: 'suspected', allowedEvents: expect.arrayContaining(['ISSUE_INVESTIGATION_NOTICE']) });
      }
      version = ok[0].body.version;
    }
    const rows: Array<{ seq: number }> = await t.ds.query(`SELECT seq FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [plot.id]);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    expect(version).toBe(101);
  });

  it('two different events racing on one plot: one wins, the other is refused with 409', async () => {
    for (let round = 0; round < 10; round++) {
      const plot = await registerPlot(t);
      await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
      const [a, b] = await Promise.all([
        post('holder', plot.id, { type: 'START_INVESTIGATION' }),
        post('holder', plot.id, { type: 'START_INVESTIGATION' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body).toMatchObject({ code: 'EVENT_NOT_ALLOWED', state: 'investigation.preliminary.drafting' });
    }
  });

  it('expectedVersion must match the stored version (409 otherwise)', async () => {
    const plot = await registerPlot(t);
    const res = await post('eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31', expectedVersion: plot.version + 5 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'VERSION_CONFLICT', state: 'suspected', version: plot.version });
    const ok = await post('eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31', expectedVersion: plot.version });
    expect(ok.status).toBe(200);
  });

  it('an Idempotency-Key replays the first response for the same caller, with no second write', async () => {
    const plot = await registerPlot(t);
    const body = { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-20' };
    const first = await post('eeb', plot.id, body, 'notice-1');
    expect(first.status).toBe(200);
    const again = await post('eeb', plot.id, body, 'notice-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const parallel = await Promise.all([1, 2, 3].map(() => post('eeb', plot.id, { ...body, dueDate: '2026-12-21' }, 'notice-2')));
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(parallel.map((r) => r.body.version)).size).toBe(1);
    const rows = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [plot.id]);
    expect(rows[0].n).toBe(3);
    const reused = await post('eeb', plot.id, { ...body, dueDate: '2026-12-25' }, 'notice-1');
    expect(reused.status).toBe(409);
    expect(reused.body.message).toMatch(/Idempotency-Key/);
    const bad = await post('eeb', plot.id, body, 'bad key with spaces');
    expect(bad.status).toBe(400);
  });

  it('an event that changes nothing is refused, not silently accepted', async () => {
    const plot = await registerPlot(t);
    await send(t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
    const res = await post('eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EVENT_NOT_ALLOWED');
  });

  it('a guard refusal is a 422 naming the guard and the reason', async () => {
    const plot = await registerPlot(t);
    const res = await post('holder', plot.id, { type: 'START_INVESTIGATION' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ guard: 'investigationConsultantAssigned', reason: expect.stringContaining('委托') });
    const notConsultant = await post('holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.holder2, work: 'investigation' });
    expect(notConsultant.status).toBe(422);
    expect(notConsultant.body.guard).toBe('organisationIsConsultant');
  });

  it('bad event bodies are 400s naming the field; client-supplied guard data is refused', async () => {
    const plot = await registerPlot(t);
    let res = await post('eeb', plot.id, { type: 'NO_SUCH_EVENT' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('type');
    res = await post('eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '31/12/2026' });
    expect(res.body.errors[0].field).toBe('dueDate');
    res = await post('holder', plot.id, { type: 'COMPLETE_WORKS', openTransports: 0 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('openTransports');
    res = await post('eeb', plot.id, { type: 'APPROVE', opinion: 'x', screeningVerdict: 'below_screening' });
    expect(res.body.errors[0].field).toBe('screeningVerdict');
  });

  it('the audit log is append-only in the database, and a tampered row is detected by /audit/verify', async () => {
    const plot = await registerPlot(t);
    await send(t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-30' });
    await expect(t.ds.query(`UPDATE audit_log SET payload = '{}' WHERE entity_id = $1`, [plot.id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_log WHERE entity_id = $1`, [plot.id])).rejects.toThrow(/append-only/);
    expect((await t.http.get('/audit/verify').set(await t.as('admin')).expect(200)).body.valid).toBe(true);
    await t.ds.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    try {
      await t.ds.query(`UPDATE audit_log SET payload = '{"dueDate":"2027-01-31"}' WHERE entity_id = $1 AND seq = 2`, [plot.id]);
    } finally {
      await t.ds.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    }
    const res = await t.http.get('/audit/verify').set(await t.as('eeb')).expect(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.firstBroken).toMatchObject({ plotId: plot.id, seq: 2 });
    await t.http.get('/audit/verify').set(await t.as('holder')).expect(403);
  });

  it('GET /workflows/:name gives the definition with Chinese labels, the policy per event and a Mermaid diagram drawn from the machine', async () => {
    const res = await t.http.get('/workflows/plot-lifecycle').expect(200);
    expect(res.body).toMatchObject({ name: 'plot-lifecycle', version: 2 });
    const paths = res.body.states.map((s: { path: string }) => s.path);
    expect(paths).toEqual(expect.arrayContaining(['suspected', 'investigation.preliminary.underReview', 'listed.remediation.inProgress', 'released', 'cleared']));
    expect(res.body.states.find((s: { path: string }) => s.path === 'suspected').label).toBe('疑似污染地块');
    expect(res.body.events.find((e: { type: string }) => e.type === 'SET_PRIORITY').policy.roles).toEqual(['land']);
    expect(res.body.mermaid).toMatch(/^stateDiagram-v2/m);
    expect(res.body.mermaid).toContain('listed_removalReview');
    expect(res.body.mermaid).toContain('listed_removalPublicity');
    await t.http.get('/workflows/no-such-machine').expect(404);
  });
});
