import { DeadlineSweep } from '../src/deadlines/deadline-sweep';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, startJourney, type Journey, type Step } from './factories/lifecycle';
import { registerPlot, send, upload } from './factories/plots';

const sweep = (t: TestApp) => t.app.get(DeadlineSweep).run();

async function deadlinesOf(t: TestApp, plotId: string) {
  return t.ds.query(
    `SELECT kind, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status, closed_reason AS "closedReason"
       FROM deadlines WHERE plot_id = $1 ORDER BY opened_at, due_date`,
    [plotId],
  );
}

async function notificationsOf(t: TestApp, plotId: string) {
  return t.ds.query(`SELECT n.status, n.message FROM notifications n WHERE n.plot_id = $1 ORDER BY n.id`, [plotId]);
}

async function runSteps(t: TestApp, j: Journey, steps: Step[]) {
  for (const step of steps) await step.run(t, j);
}

describeEachDatabase('deadlines (README, Deadlines)', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-03-01');
  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
  });
  afterAll(() => t?.close());

  it('an investigation notice opens its due date, a new notice replaces it, the job marks it due then overdue once each, starting the investigation closes it', async () => {
    clock.at('2026-03-01');
    const plot = await registerPlot(t);
    let view = await send(t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-03-10' });
    expect(view.deadlines).toEqual([expect.objectContaining({ kind: 'investigation_notice', dueDate: '2026-03-10', status: 'open', overdue: false })]);
    view = await send(t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-03-20' });
    expect(view.deadlines.map((d: { dueDate: string }) => d.dueDate)).toEqual(['2026-03-20']);

    clock.at('2026-03-19');
    await sweep(t);
    expect(await notificationsOf(t, plot.id)).toEqual([]);
    clock.at('2026-03-20');
    expect((await sweep(t)).changed).toBeGreaterThanOrEqual(1);
    await sweep(t);
    clock.at('2026-03-23');
    await sweep(t);
    await sweep(t);
    expect(await deadlinesOf(t, plot.id)).toEqual([
      { kind: 'investigation_notice', dueDate: '2026-03-10', status: 'done', closedReason: 'superseded' },
      { kind: 'investigation_notice', dueDate: '2026-03-20', status: 'overdue', closedReason: null },
    ]);
    const notes = await notificationsOf(t, plot.id);
    expect(notes.map((n: { status: string }) => n.status)).toEqual(['due', 'overdue']);
    expect(notes[1].message).toContain('已逾期（期限 2026-03-20）');
    const forHolder = await t.http.get('/me/notifications').set(await t.as('holder')).expect(200);
    expect(forHolder.body.items.filter((n: { plotId: string }) => n.plotId === plot.id)).toHaveLength(2);
    const forEeb = await t.http.get('/me/notifications').set(await t.as('eeb')).expect(200);
    expect(forEeb.body.items.filter((n: { plotId: string }) => n.plotId === plot.id)).toHaveLength(2);
    const forOther = await t.http.get('/me/notifications').set(await t.as('holder2')).expect(200);
    expect(forOther.body.items.filter((n: { plotId: string }) => n.plotId === plot.id)).toHaveLength(0);
    expect((await t.http.get(`/plots/${plot.id}`).set(await t.as('eeb'))).body.deadlines[0]).toMatchObject({ status: 'overdue', overdue: true });

    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    view = await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
    expect(view.deadlines).toEqual([]);
    expect((await deadlinesOf(t, plot.id))[1]).toMatchObject({ status: 'done', closedReason: 'satisfied' });
  });

  it('the register: listing opens the 12-31 annual progress report; risk control a monitoring report due in 12 months, rolled by each report', async () => {
    clock.at('2026-03-31');
    const j = await startJourney(t);
    const steps = fullLifecycle(t);
    const priority = steps.findIndex((s) => s.event === 'SET_PRIORITY');
    await runSteps(t, j, steps.slice(0, priority + 1));
    const all = await deadlinesOf(t, j.plotId);
    expect(all.filter((d: { kind: string }) => d.kind !== 'review')).toEqual([
      expect.objectContaining({ kind: 'investigation_notice', status: 'done', closedReason: 'satisfied' }),
      { kind: 'annual_progress_report', dueDate: '2026-12-31', status: 'open', closedReason: null },
    ]);
    // Each of the three reviews (preliminary, detailed, risk assessment) had its time limit, 20 working days from
    // 2026-03-31 (reference/decision-steps.json), closed when it was decided.
    const review = { kind: 'review', dueDate: '2026-04-29', status: 'done', closedReason: 'left_state' };
    expect(all.filter((d: { kind: string }) => d.kind === 'review')).toEqual([review, review, review]);
    const plan = await upload(t, 'holder', j.plotId, 'control_plan', { targets: '阻隔' });
    let view = await send(t, 'holder', j.plotId, { type: 'FILE_CONTROL_PLAN', reportId: plan.id });
    expect(view.state).toBe('listed.riskControl');
    expect(view.deadlines.map((d: { kind: string; dueDate: string }) => [d.kind, d.dueDate])).toEqual([
      ['annual_progress_report', '2026-12-31'],
      ['monitoring_report', '2027-03-31'],
    ]);
    clock.at('2026-09-01');
    const monitoring = await upload(t, 'holder', j.plotId, 'monitoring', { period: '2026 年上半年' });
    view = await send(t, 'holder', j.plotId, { type: 'SUBMIT_MONITORING_REPORT', reportId: monitoring.id });
    expect(view.deadlines.find((d: { kind: string }) => d.kind === 'monitoring_report').dueDate).toBe('2027-09-01');

    // A new year: the job opens the next annual report for every listed plot, and the old one is overdue.
    clock.at('2027-01-02');
    await sweep(t);
    const annual = (await deadlinesOf(t, j.plotId)).filter((d: { kind: string }) => d.kind === 'annual_progress_report');
    expect(annual).toEqual([
      { kind: 'annual_progress_report', dueDate: '2026-12-31', status: 'overdue', closedReason: null },
      { kind: 'annual_progress_report', dueDate: '2027-12-31', status: 'open', closedReason: null },
    ]);
    const notes = await t.ds.query(
      `SELECT n.holder_organisation_id AS holder, n.jurisdiction_code AS jurisdiction FROM notifications n
         JOIN deadlines d ON d.id = n.deadline_id WHERE d.plot_id = $1 AND d.kind = 'annual_progress_report'`,
      [j.plotId],
    );
    expect(notes).toEqual([{ holder: null, jurisdiction: '410106' }]);
    view = await send(t, 'holder', j.plotId, { type: 'REQUEST_EFFECT_EVALUATION' });
    expect(view.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['annual_progress_report', 'annual_progress_report']);
    const rolled = (await deadlinesOf(t, j.plotId)).filter((d: { kind: string }) => d.kind === 'monitoring_report');
    expect(rolled.map((d: { status: string; closedReason: string }) => [d.status, d.closedReason])).toEqual([
      ['done', 'satisfied'],
      ['done', 'left_state'],
    ]);
  });
});

describeEachDatabase('the deadline job with two app processes on one database', (target) => {
  const clock = new FakeClock('2026-05-01');
  const env = { JOB_POLLING_INTERVAL_MS: '500', DEADLINE_SWEEP_INTERVAL_SECONDS: '1' };
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp(target, env, { clock });
    b = await startTestApp(target, env, { clock, resetDatabase: false });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function waitFor(check: () => Promise<boolean>, what: string) {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('pg-boss runs the sweep: a deadline becomes due, then overdue, with exactly one notification each', async () => {
    const plot = await registerPlot(a);
    await send(a, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-05-08' });
    const statusIs = (status: string) => async () => (await deadlinesOf(a, plot.id))[0].status === status;
    clock.at('2026-05-08');
    await waitFor(statusIs('due'), 'the deadline to be due');
    clock.at('2026-05-11');
    await waitFor(statusIs('overdue'), 'the deadline to be overdue');
    // Let both processes sweep a few more times.
    const [{ n: before }] = await a.ds.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deadline-sweep' AND state = 'completed'`);
    await waitFor(async () => {
      const [{ n }] = await a.ds.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deadline-sweep' AND state = 'completed'`);
      return n >= before + 2;
    }, 'two more sweep jobs');
    expect((await notificationsOf(a, plot.id)).map((n: { status: string }) => n.status)).toEqual(['due', 'overdue']);
  });

  it('two processes sweeping at the same moment record each deadline once', async () => {
    clock.at('2026-05-11');
    const plots: string[] = [];
    for (let i = 0; i < 12; i++) {
      const plot = await registerPlot(i % 2 ? a : b);
      await send(a, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-05-20' });
      plots.push(plot.id);
    }
    clock.at('2026-05-25');
    const runs = await Promise.all([sweep(a), sweep(b), sweep(a), sweep(b), sweep(a), sweep(b)]);
    const rows = await a.ds.query(
      `SELECT plot_id, status, count(*)::int AS n FROM notifications WHERE plot_id = ANY($1) GROUP BY plot_id, status`,
      [plots],
    );
    expect(rows).toHaveLength(plots.length);
    expect(rows.every((r: { status: string; n: number }) => r.status === 'overdue' && r.n === 1)).toBe(true);
    // Whatever the job queue did in between, the direct runs together notified at most each deadline once.
    expect(runs.reduce((sum, r) => sum + r.notified, 0)).toBeLessThanOrEqual(plots.length);
  });
});
