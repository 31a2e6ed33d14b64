import ExcelJS from 'exceljs';
import { binaryBody } from './helpers/binary-body';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot, send } from './factories/plots';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describeEachDatabase('the plot list: deadline column, overdue filter, figures by stage, Excel export (issue 22 point 5)', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-03-02');
  let late: string;
  let onTime: string;

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    late = (await registerPlot(t)).id;
    await send(t, 'eeb', late, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-03-10' });
    onTime = (await registerPlot(t)).id;
    await send(t, 'eeb', onTime, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-04-30' });
    await registerPlot(t);
    clock.at('2026-03-21');
  });
  afterAll(() => t?.close());

  it('each plot shows its nearest open duty with days left or overdue, read as of today; the overdue filter keeps the late ones', async () => {
    const all = (await t.http.get('/plots?pageSize=100').set(await t.as('eeb')).expect(200)).body;
    const byId = new Map(all.items.map((p: { id: string }) => [p.id, p]));
    expect((byId.get(late) as { nearestDeadline: unknown }).nearestDeadline).toEqual({
      kind: 'investigation_notice', label: '按调查通知书开展土壤污染状况调查', dueDate: '2026-03-10', daysLeft: -11, overdue: true,
      daysUnit: 'calendarDays', daysText: '已逾期 11 日',
    });
    expect((byId.get(onTime) as { nearestDeadline: { daysLeft: number; overdue: boolean } }).nearestDeadline).toMatchObject({ daysLeft: 40, overdue: false });
    const overdue = (await t.http.get('/plots?overdue=true&pageSize=100').set(await t.as('eeb')).expect(200)).body;
    expect(overdue.items.map((p: { id: string }) => p.id)).toEqual([late]);
    expect(overdue.total).toBe(1);
    await t.http.get('/plots?overdue=maybe').set(await t.as('eeb')).expect(400);
  });

  it('figures by stage count the plots the caller sees (docs/architecture.md, Roles)', async () => {
    const eeb = (await t.http.get('/plot-list/stages').set(await t.as('eeb')).expect(200)).body;
    expect(eeb.items.find((s: { stage: string }) => s.stage === 'suspected')).toEqual({ stage: 'suspected', label: '疑似污染地块', count: 3 });
    expect(eeb.total).toBe(3);
    expect((await t.http.get('/plot-list/stages?overdue=true').set(await t.as('eeb')).expect(200)).body.total).toBe(1);
    expect((await t.http.get('/plot-list/stages').set(await t.as('eeb-xy')).expect(200)).body.total).toBe(0);
  });

  it('bureaus export the filtered list to Excel, read back row by row; others may not', async () => {
    const res = await t.http.get('/plot-list/export?overdue=true').set(await t.as('eeb')).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('地块清单')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('地块编码');
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    const plot = (await t.http.get(`/plots/${late}`).set(await t.as('eeb')).expect(200)).body;
    expect(row.getCell(1).value).toBe(plot.code);
    expect(row.getCell(5).value).toBe('疑似污染地块');
    expect(row.getCell(9).value).toBe('按调查通知书开展土壤污染状况调查');
    expect(row.getCell(10).value).toBe('2026-03-10');
    expect(row.getCell(11).value).toBe(-11);
    expect(row.getCell(12).value).toBe('已逾期 11 日');
    const whole = await t.http.get('/plot-list/export').set(await t.as('eeb')).buffer(true).parse(binaryBody).expect(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(whole.body as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('地块清单')!.rowCount).toBe(4);
    await t.http.get('/plot-list/export').set(await t.as('holder')).expect(403);
    await t.http.get('/plot-list/export?stage=nowhere').set(await t.as('eeb')).expect(400);
  });
});
