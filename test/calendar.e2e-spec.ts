import { CalendarService } from '../src/calendar/calendar.service';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

const HEADER = 'date\tkind\tname';

describeEachDatabase('working-day calendar administration (PUT /admin/calendar/:year)', (target) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp(target);
    b = await startTestApp(target, {}, { resetDatabase: false });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('ships 2026 from reference/, lists the years and shows one year', async () => {
    const list = await a.http.get('/admin/calendar').set(await a.as('admin')).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ year: 2026, holidays: 33, workdays: 6, source: expect.stringContaining('reference/cn-workdays-2026.tsv') })]);
    const year = await a.http.get('/admin/calendar/2026').set(await a.as('admin')).expect(200);
    expect(year.body.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' });
    await a.http.get('/admin/calendar/2027').set(await a.as('admin')).expect(404);
    await a.http.get('/admin/calendar').set(await a.as('eeb')).expect(403);
  });

  it('documents the new endpoints in the OpenAPI description', async () => {
    const doc = await a.http.get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/admin/calendar/{year}', '/plots/{id}/transports', '/transports/{id}/events', '/me/tasks', '/me/notifications',
        '/registers/listed', '/registers/priority', '/land-use-check', '/public/register', '/public/notices', '/reports/annual',
      ]),
    );
  });

  it('refuses a bad file with every bad line numbered, and stores nothing', async () => {
    const tsv = [HEADER, '2027-01-01\tholiday\t元旦', '2027-02-30\tholiday\t春节', '2027-02-08\tworkday\t春节调休上班', '2026-12-31\tholiday\t元旦'].join('\n');
    const res = await a.http.put('/admin/calendar/2027').set(await a.as('admin')).send({ tsv }).expect(400);
    expect(res.body.errors).toEqual([
      { field: 'tsv', line: 3, column: 'date', message: '第 3 行 date：“2027-02-30”不是 YYYY-MM-DD 格式的实际日期' },
      { field: 'tsv', line: 4, column: 'kind', message: '第 4 行 kind：调休上班日必须是周六或周日，2027-02-08 是周一' },
      { field: 'tsv', line: 5, column: 'date', message: '第 5 行 date：2026-12-31 不属于 2027 年' },
    ]);
    await a.http.get('/admin/calendar/2027').set(await a.as('admin')).expect(404);
    await a.http.put('/admin/calendar/2027').set(await a.as('land')).send({ tsv: HEADER }).expect(403);
    await a.http.put('/admin/calendar/abc').set(await a.as('admin')).send({ tsv: HEADER }).expect(404);
  });

  it('an entered year is counted at once by every app process', async () => {
    const before = await b.app.get(CalendarService).calendar();
    expect(before.hasYear(2027)).toBe(false);
    const tsv = [HEADER, '2027-01-01\tholiday\t元旦'].join('\n');
    const res = await a.http.put('/admin/calendar/2027').set(await a.as('admin')).send({ tsv, source: '测试' }).expect(200);
    expect(res.body).toMatchObject({ year: 2027, source: '测试', updatedBy: '系统管理员', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    const after = await b.app.get(CalendarService).calendar();
    expect(after.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    const replaced = [HEADER, '2027-01-01\tholiday\t元旦', '2027-01-04\tholiday\t测试假日'].join('\n');
    await a.http.put('/admin/calendar/2027').set(await a.as('admin')).send({ tsv: replaced }).expect(200);
    expect((await b.app.get(CalendarService).calendar()).addWorkingDays('2026-12-31', 1)).toBe('2027-01-05');
  });
});
