import ExcelJS from 'exceljs';
import type { Test } from 'supertest';
import { LISTED_COLUMNS, SUSPECTED_COLUMNS, jurisdictionGroups } from '../src/registers/register-export';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, runUntil, startJourney, type Journey } from './factories/lifecycle';
import { registerPlot } from './factories/plots';

/** A response body as bytes (supertest parses only text types by itself). */
function binary(req: Test): Test {
  return req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

async function rowsOf(bytes: Buffer): Promise<{ sheet: string; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).text)));
  return { sheet: ws.name, rows };
}

describeEachDatabase('register exports to Excel for the bureaus (issue 22 point 9; 土壤法第五十八条 名录, 42号令 疑似污染地块名单)', (target) => {
  let t: TestApp;
  let listed: Journey;
  let suspectedCode: string;

  beforeAll(async () => {
    t = await startTestApp(target);
    listed = await startJourney(t);
    await runUntil(t, listed, fullLifecycle(t), 'SET_PRIORITY');
    suspectedCode = (await registerPlot(t)).code;
  });
  afterAll(() => t?.close());

  it('风险管控和修复名录 as xlsx: the columns of the published register, every listed plot of the bureau, read back', async () => {
    const res = await binary(t.http.get('/registers/listed/export').set(await t.as('eeb'))).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('风险管控和修复名录.xlsx'));
    const { sheet, rows } = await rowsOf(res.body as Buffer);
    expect(sheet).toBe('风险管控和修复名录');
    expect(rows[0]).toEqual(LISTED_COLUMNS.map((c) => c.header));
    const published = (await t.http.get('/public/register').query({ pageSize: 100 }).expect(200)).body.items as Array<Record<string, unknown>>;
    const listedRegister = (await t.http.get('/registers/listed').set(await t.as('eeb')).expect(200)).body;
    expect(rows.length - 1).toBe(listedRegister.total);
    const plot = listedRegister.items.find((i: { plotId: string }) => i.plotId === listed.plotId);
    const row = rows.find((r) => r[0] === plot.code)!;
    const pub = published.find((p) => p.code === plot.code)!;
    expect(row).toEqual([
      pub.code, pub.name, pub.jurisdictionName, pub.stateLabel, (pub.pollutants as string[]).join('、'),
      pub.rank ? `第 ${String(pub.rank)} 位` : '—', (pub.negativeList as string[]).join('、'), String(pub.listedAt).slice(0, 10),
    ]);
    expect(row[6]).toContain('住宅');
  });

  it('疑似污染地块名单 as xlsx: the plots still suspected or under investigation, not the listed ones', async () => {
    const res = await binary(t.http.get('/registers/suspected/export').set(await t.as('land'))).expect(200);
    const { sheet, rows } = await rowsOf(res.body as Buffer);
    expect(sheet).toBe('疑似污染地块名单');
    expect(rows[0]).toEqual(SUSPECTED_COLUMNS);
    const row = rows.find((r) => r[0] === suspectedCode)!;
    expect(row).toBeDefined();
    expect(row[4]).toBe('疑似污染地块');
    expect(row[7]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const listedCode = (await t.http.get(`/plots/${listed.plotId}`).set(await t.as('eeb')).expect(200)).body.code;
    expect(rows.some((r) => r[0] === listedCode)).toBe(false);
  });

  it('a bureau exports its own jurisdiction only; the holder may not export (DESIGN §1.1 scope)', async () => {
    const other = await rowsOf((await binary(t.http.get('/registers/listed/export').set(await t.as('eeb-xy'))).expect(200)).body as Buffer);
    expect(other.rows).toHaveLength(1);
    const suspectedOther = await rowsOf((await binary(t.http.get('/registers/suspected/export').set(await t.as('eeb-xy'))).expect(200)).body as Buffer);
    expect(suspectedOther.rows.some((r) => r[0] === suspectedCode)).toBe(false);
    await t.http.get('/registers/listed/export').set(await t.as('holder')).expect(403);
    await t.http.get('/registers/suspected/export').set(await t.as('consultant')).expect(403);
    await t.http.get('/registers/suspected/export').expect(401);
  });

  it('jurisdictions are read in groups of about 2,000 plots, never split (ranks are per jurisdiction)', () => {
    const groups = jurisdictionGroups([{ code: 'a', n: 1500 }, { code: 'b', n: 400 }, { code: 'c', n: 300 }, { code: 'd', n: 5000 }, { code: 'e', n: 1 }]);
    expect(groups).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });
});
