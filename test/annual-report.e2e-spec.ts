import { todayInChina } from '../src/calendar/calendar-date';
import { stageKeyOf } from '../src/annual-progress/annual-figures';
import { plotStateLabel } from '../workflows';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, startJourney, type Journey, expertReview } from './factories/lifecycle';
import { CLEAN, registerPlot, send, upload } from './factories/plots';
import { openTransport, receiptReport, sendTransport, transportPlan } from './factories/transports';

// The audit log's timestamps are real: the report is for the year the test runs in.
const YEAR = Number(todayInChina().slice(0, 4));
const day = (mmdd: string) => `${YEAR}-${mmdd}`;

describeEachDatabase('annual progress report (D14) figures', (target) => {
  let t: TestApp;
  const clock = new FakeClock(day('01-15'));
  let late: string;

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    // Overdue since 02-01: an investigation notice nobody acted on.
    late = (await registerPlot(t)).id;
    await send(t, 'eeb', late, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: day('02-01') });
    // Listed, released, with one transport closed on the way.
    clock.at(day('07-01'));
    const released: Journey = await startJourney(t);
    const steps = fullLifecycle(t);
    const works = steps.findIndex((s) => s.event === 'START_WORKS');
    for (const step of steps.slice(0, works + 1)) await step.run(t, released);
    const batch = await openTransport(t, released.plotId);
    await sendTransport(t, 'holder', batch.id, transportPlan(day('07-13')));
    await sendTransport(t, 'eeb', batch.id, { type: 'ACKNOWLEDGE' });
    await sendTransport(t, 'eeb-xy', batch.id, { type: 'ACKNOWLEDGE' });
    clock.at(day('07-13'));
    await sendTransport(t, 'holder', batch.id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 120 });
    await sendTransport(t, 'holder', batch.id, { type: 'RECORD_RECEIPT', quantityT: 118.5, receiptReportId: await receiptReport(t, released.plotId, 118.5) });
    for (const step of steps.slice(works + 1)) await step.run(t, released);
    // Listed and still on the register.
    const listed = await startJourney(t);
    for (const step of steps.slice(0, steps.findIndex((s) => s.event === 'SET_PRIORITY') + 1)) await step.run(t, listed);
    // Cleared without listing.
    const c = await registerPlot(t, { plannedLandClass: 2, plannedUse: '工业用地' });
    await send(t, 'holder', c.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', c.id, { type: 'START_INVESTIGATION' });
    const rep = await upload(t, 'consultant', c.id, 'preliminary_investigation', {}, CLEAN);
    await send(t, 'consultant', c.id, { type: 'SUBMIT_REPORT', reportId: rep.id });
    for (const step of expertReview('eeb')) await step.run(t, { plotId: c.id, reports: {} });
    await send(t, 'eeb', c.id, { type: 'APPROVE', opinion: '同意' });
    await send(t, 'land', c.id, { type: 'APPROVE', opinion: '同意' });
  });
  afterAll(() => t?.close());

  it('the figures equal the database’s: stages at year end, register movements, transports and quantities, overdue items', async () => {
    const res = await t.http.get('/reports/annual').query({ year: YEAR, jurisdiction: '410106' }).set(await t.as('land')).expect(200);
    const d = res.body.details;
    expect(d).toMatchObject({ year: YEAR, jurisdiction: { code: '410106', name: '郑州市上街区' } });

    const states: Array<{ state: string }> = await t.ds.query(`SELECT state FROM plots WHERE jurisdiction_code = '410106'`);
    const expected = new Map<string, number>();
    for (const { state } of states) expected.set(plotStateLabel(stageKeyOf(state)), (expected.get(plotStateLabel(stageKeyOf(state))) ?? 0) + 1);
    const reported = new Map(d.countsByStage.filter((s: { count: number }) => s.count > 0).map((s: { label: string; count: number }) => [s.label, s.count]));
    expect(reported).toEqual(expected);
    expect(d.countsByStage.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(states.length);

    const codes = (sql: string) => t.ds.query(sql).then((rows: Array<{ code: string }>) => rows.map((r) => r.code).sort());
    expect(d.entered.map((m: { plotCode: string }) => m.plotCode).sort()).toEqual(
      await codes(`SELECT DISTINCT p.code FROM audit_log a JOIN plots p ON p.id = a.entity_id
                    WHERE a.entity_type = 'plot' AND a.to_state LIKE 'listed.%' AND a.from_state NOT LIKE 'listed.%'`),
    );
    expect(d.entered).toHaveLength(2);
    expect(d.left.map((m: { plotCode: string }) => m.plotCode)).toEqual(await codes(`SELECT code FROM plots WHERE state = 'released'`));
    expect(d.left[0].note).toBe('移出名录，准予第一类用地');

    const [tonnes] = await t.ds.query(
      `SELECT count(*)::int AS n, sum((snapshot->'context'->'receipt'->>'quantityT')::float8) AS received
         FROM transports WHERE state = 'closed' AND origin_jurisdiction = '410106'`,
    );
    expect(d.transports).toHaveLength(tonnes.n);
    expect(d.transports.reduce((s: number, l: { quantityT: number }) => s + l.quantityT, 0)).toBeCloseTo(tonnes.received);
    expect(d.transports[0]).toMatchObject({ quantityT: 118.5, state: '转运完成', destination: '荥阳市某水泥窑协同处置厂（荥阳市）' });

    const overdue = await t.ds.query(
      `SELECT p.code, to_char(d.due_date, 'YYYY-MM-DD') AS due FROM deadlines d JOIN plots p ON p.id = d.plot_id
        WHERE p.jurisdiction_code = '410106' AND d.due_date < $1::date
          AND (d.closed_at IS NULL OR (d.closed_at AT TIME ZONE 'UTC' + interval '8 hours')::date > d.due_date)`,
      [day('12-31')],
    );
    expect(d.overdue.map((o: { plotCode: string; dueDate: string }) => [o.plotCode, o.dueDate])).toEqual(overdue.map((o: { code: string; due: string }) => [o.code, o.due]));
    const [{ code: lateCode }] = await t.ds.query(`SELECT code FROM plots WHERE id = $1`, [late]);
    expect(d.overdue.find((o: { plotCode: string }) => o.plotCode === lateCode)).toMatchObject({
      dueDate: day('02-01'),
      daysOverdue: (Date.parse(day('12-31')) - Date.parse(day('02-01'))) / 86_400_000,
    });
  });

  it('POST /reports/annual (eeb of the jurisdiction) issues the D14 and closes the year’s annual-report deadlines', async () => {
    await t.http.post('/reports/annual').set(await t.as('land')).send({ year: YEAR, jurisdiction: '410106' }).expect(403);
    await t.http.post('/reports/annual').set(await t.as('eeb-xy')).send({ year: YEAR, jurisdiction: '410106' }).expect(403);
    await t.http.get('/reports/annual').query({ year: YEAR, jurisdiction: '410106' }).set(await t.as('holder')).expect(403);
    const res = await t.http.post('/reports/annual').set(await t.as('eeb')).send({ year: YEAR, jurisdiction: '410106' });
    expect(res.status).toBe(201);
    expect(res.body.document).toMatchObject({ kind: 'D14', number: expect.any(String) });
    const [doc] = await t.ds.query(`SELECT kind, record->'details'->'year' AS year FROM documents WHERE id = $1`, [res.body.document.id]);
    expect(doc).toEqual({ kind: 'D14', year: YEAR });
    const open = await t.ds.query(
      `SELECT count(*)::int AS n FROM deadlines d JOIN plots p ON p.id = d.plot_id
        WHERE p.jurisdiction_code = '410106' AND d.kind = 'annual_progress_report' AND d.status <> 'done'
          AND extract(year FROM d.due_date) = $1`,
      [YEAR],
    );
    expect(open[0].n).toBe(0);
    expect(res.body.closedDeadlines).toBeGreaterThanOrEqual(1);
  });
});
