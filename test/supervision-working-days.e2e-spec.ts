import ExcelJS from 'exceljs';
import { loadCalendarYears, WorkingDayCalendar } from '../src/calendar/working-days';
import { binaryBody } from './helpers/binary-body';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, runUntil, startJourney } from './factories/lifecycle';
import { registerPlot, send } from './factories/plots';

type Duty = { plotId: string; kind: string; dueDate: string; daysLeft: number; overdue: boolean; daysUnit: string; workingDaysLeft?: number; daysText: string };

/**
 * The supervisor's view tells a review's time left in working days (its time is set in working days,
 * reference/decision-steps.json reviewWorkingDays) and a holder's notice in calendar days, across 国庆节 2026 of the
 * shipped calendar; the list stays sorted by due date and overdue is the due date passed.
 */
describeEachDatabase('supervision: days left in working days where the deadline is in working days', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-09-14');
  const calendar = new WorkingDayCalendar(loadCalendarYears());
  let reviewPlot: string;
  let noticePlot: string;

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    const j = await startJourney(t);
    await runUntil(t, j, fullLifecycle(t), 'APPROVE');
    reviewPlot = j.plotId;
    noticePlot = (await registerPlot(t)).id;
    await send(t, 'eeb', noticePlot, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-10-20' });
  });
  afterAll(() => t?.close());

  const duties = async (): Promise<Duty[]> => (await t.http.get('/supervision/duties?pageSize=100').set(await t.as('eeb')).expect(200)).body.items;

  it('国庆节 2026 (reference/cn-workdays-2026.tsv): the review reads 剩余 N 个工作日 counted with holidays and 调休; the notice 剩余 N 日; sorted by due date', async () => {
    clock.at('2026-09-28');
    const items = await duties();
    const review = items.find((d) => d.plotId === reviewPlot && d.kind === 'review')!;
    expect(review).toBeDefined();
    const working = calendar.workingDaysBetween('2026-09-28', review.dueDate);
    const calendarDays = (Date.parse(review.dueDate) - Date.parse('2026-09-28')) / 86_400_000;
    // The review's 20 working days run across the National Day week: fewer working days than calendar days are left.
    expect(working).toBeLessThan(calendarDays);
    expect(review).toMatchObject({ daysLeft: calendarDays, overdue: false, daysUnit: 'workingDays', workingDaysLeft: working, daysText: `剩余 ${working} 个工作日` });
    const notice = items.find((d) => d.plotId === noticePlot && d.kind === 'investigation_notice')!;
    expect(notice).toMatchObject({ daysLeft: 22, daysUnit: 'calendarDays', daysText: '剩余 22 日' });
    const dates = items.map((d) => d.dueDate);
    expect(dates).toEqual([...dates].sort());
  });

  it('the plot list and its Excel export tell the review’s time left in working days too, the notice’s in calendar days (reference/decision-steps.json reviewWorkingDays)', async () => {
    clock.at('2026-09-28');
    const review = (await duties()).find((d) => d.plotId === reviewPlot && d.kind === 'review')!;
    const working = calendar.workingDaysBetween('2026-09-28', review.dueDate);
    const list = (await t.http.get('/plots?pageSize=100').set(await t.as('eeb')).expect(200)).body.items as Array<{ id: string; nearestDeadline: Duty | null }>;
    const listed = list.find((p) => p.id === reviewPlot)!.nearestDeadline!;
    expect(listed).toMatchObject({ kind: 'review', dueDate: review.dueDate, daysUnit: 'workingDays', workingDaysLeft: working, daysText: `剩余 ${working} 个工作日` });
    expect(list.find((p) => p.id === noticePlot)!.nearestDeadline).toMatchObject({ daysUnit: 'calendarDays', daysText: '剩余 22 日' });
    const res = await t.http.get('/plot-list/export').set(await t.as('eeb')).buffer(true).parse(binaryBody).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('地块清单')!;
    const code = (await t.http.get(`/plots/${reviewPlot}`).set(await t.as('eeb')).expect(200)).body.code;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r) => rows.push(r));
    const row = rows.find((r) => r.getCell(1).value === code)!;
    expect(row.getCell(12).value).toBe(`剩余 ${working} 个工作日`);
  });

  it('past the review’s due date it is overdue (the date passed) and says the working days gone by', async () => {
    const review = (await duties()).find((d) => d.plotId === reviewPlot && d.kind === 'review')!;
    const later = calendar.addWorkingDays(review.dueDate, 3);
    clock.at(later);
    const now = (await duties()).find((d) => d.plotId === reviewPlot && d.kind === 'review')!;
    expect(now).toMatchObject({ overdue: true, workingDaysLeft: -3, daysText: '已逾期 3 个工作日' });
    expect(now.daysLeft).toBeLessThan(0);
    const overdueOnly = (await t.http.get('/supervision/duties?overdue=true').set(await t.as('eeb')).expect(200)).body.items as Duty[];
    expect(overdueOnly.some((d) => d.plotId === reviewPlot && d.kind === 'review')).toBe(true);
  });
});
