import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Test } from 'supertest';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { registerPlot, send } from './factories/plots';

/** An .xlsx written with exceljs's streaming writer, as a laboratory's software would export it. */
async function xlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = wb.addWorksheet('检测结果');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** A response body as bytes (supertest parses only text types by itself). */
function binary(req: Test): Test {
  return req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

const CHINESE_HEADER = ['检测项目', '样品编号', '介质', '经度', '纬度', '采样深度', '检测值', '单位', '检出限'];

describeEachDatabase('laboratory sample files: .xlsx with Chinese headers, and the template (HJ 25.1 EDD; DESIGN §3, §6.1)', (target) => {
  let t: TestApp;
  let plotId: string;
  beforeAll(async () => {
    t = await startTestApp(target);
    plotId = (await registerPlot(t)).id;
    await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
  });
  afterAll(() => t?.close());

  const post = async (samples: Buffer, name: string) =>
    t.http
      .post(`/plots/${plotId}/reports`)
      .set(await t.as('consultant'))
      .field('kind', 'preliminary_investigation')
      .field('conclusion', '{}')
      .attach('file', await makePdf('lab files'), { filename: 'r.pdf', contentType: 'application/pdf' })
      // The name and the announced type say nothing: the content decides.
      .attach('samples', samples, { filename: name, contentType: 'application/octet-stream' });
  const count = async (table: 'reports' | 'samples') =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE plot_id = $1`, [plotId]))[0].n as number;

  it('an .xlsx with Chinese headers in its own column order is imported, μg/kg converted to mg/kg and ND, 未检出, <0.01 not detected (GB 36600 §5: results in mg/kg)', async () => {
    const file = await xlsx([
      CHINESE_HEADER,
      ['砷', 'S1', '土壤', 113.2901, 34.8132, 0.2, 15300, 'μg/kg', 10],
      ['镉', 'S1', '土壤', 113.2901, 34.8132, 0.2, 'ND', 'mg/kg', 0.01],
      ['铅', 'S1', '', 113.2901, 34.8132, 0.2, '未检出', 'mg/kg', 0.1],
      ['汞', 'S1', '土壤', 113.2901, 34.8132, 0.2, '<0.01', 'mg/kg', 0.01],
    ]);
    const res = await post(file, 'samples.dat');
    expect(res.status).toBe(201);
    expect(res.body.sampleCount).toBe(4);
    const stored = await t.ds.query(`SELECT line, analyte, value::float8 AS value, detected, unit, detection_limit::float8 AS dl FROM samples WHERE report_id = $1 ORDER BY line`, [res.body.id]);
    expect(stored).toEqual([
      { line: 2, analyte: '砷', value: 15.3, detected: true, unit: 'mg/kg', dl: 0.01 },
      { line: 3, analyte: '镉', value: null, detected: false, unit: 'mg/kg', dl: 0.01 },
      { line: 4, analyte: '铅', value: null, detected: false, unit: 'mg/kg', dl: 0.1 },
      { line: 5, analyte: '汞', value: null, detected: false, unit: 'mg/kg', dl: 0.01 },
    ]);
    expect(res.body.screening.analytes.find((a: { name: string }) => a.name === '砷')).toMatchObject({ max: 15.3 });
  });

  it('a bad .xlsx is answered 400 with every bad row by sheet row, column letter and header, and nothing of it is stored (DESIGN §3)', async () => {
    const [reports, samples] = [await count('reports'), await count('samples')];
    const file = await xlsx([
      CHINESE_HEADER,
      ['砷', 'S1', '土壤', 113.29, 34.81, 0.2, 12, 'mg/kg', 0.01],
      ['不存在的物质', 'S2', '土壤', 113.29, 34.81, 0.2, 12, 'mg/kg', 0.01],
      ['铅', 'S3', '土壤', 113.29, 34.81, 0.2, -4, 'mg/kg', 0.01],
      ['镉', 'S4', '地下水', 113.29, 34.81, 0.2, 1, 'mg/kg', 0.01],
      ['汞', 'S5', '土壤', 'abc', 34.81, 0.2, 1, 'mg/kg', 0.01],
      ['铜', 'S6', '岩石', 113.29, 34.81, 0.2, 5, 'mg/kg', 0.01],
    ]);
    const res = await post(file, 'bad.xlsx');
    expect(res.status).toBe(400);
    const where = res.body.errors.map((e: { line: number; column?: string; header?: string }) => [e.line, e.column, e.header]);
    expect(where).toEqual([
      [3, 'A', '检测项目'],
      [4, 'G', '检测值'],
      [5, 'H', '单位'],
      [6, 'D', '经度'],
      [7, 'C', '介质'],
    ]);
    expect(res.body.errors[0].message).toMatch(/^第 3 行 A 列（检测项目）：/);
    expect(res.body.errors[2].message).toContain('“mg/kg”是土壤的单位，本行介质为地下水');
    expect([await count('reports'), await count('samples')]).toEqual([reports, samples]);
  });

  it('a file that starts like a zip but is no workbook is a 400 naming the sample file, not a 500', async () => {
    const res = await post(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]), 'broken.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'samples', line: 1, message: expect.stringContaining('.xlsx') })]);
  });

  it('any signed-in user downloads the template as .xlsx: Chinese headers, a soil and a groundwater example, an ASCII file name', async () => {
    await t.http.get('/samples/template.xlsx').expect(401);
    const res = await binary(t.http.get('/samples/template.xlsx').set(await t.as('land'))).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sample-template\.xlsx"; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['样品编号', '经度', '纬度', '采样深度', '检测项目', '检测值', '单位', '检出限', '介质']);
    expect([sheet.getRow(2).getCell(9).value, sheet.getRow(3).getCell(9).value]).toEqual(['土壤', '地下水']);
    expect([sheet.getRow(2).getCell(7).value, sheet.getRow(3).getCell(7).value]).toEqual(['mg/kg', 'mg/L']);
  });

  it('the template as .csv: UTF-8 with a BOM, the same Chinese header and two example rows', async () => {
    const res = await t.http.get('/samples/template.csv').set(await t.as('holder')).buffer(true).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sample-template\.csv"/);
    const text = Buffer.from(res.text, 'utf8').toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('样品编号,经度,纬度,采样深度,检测项目,检测值,单位,检出限,介质');
    expect(lines).toHaveLength(3);
    expect(text.charCodeAt(0)).toBe(0xfeff);
  });

  it('the template as downloaded is what the upload reads: its soil row and its groundwater row import (GB 36600, GB/T 14848)', async () => {
    const template = (await binary(t.http.get('/samples/template.xlsx').set(await t.as('consultant'))).expect(200)).body as Buffer;
    const res = await post(template, 'template.xlsx');
    expect(res.status).toBe(201);
    const stored = await t.ds.query(`SELECT medium, unit, value::float8 AS value FROM samples WHERE report_id = $1 ORDER BY line`, [res.body.id]);
    expect(stored).toEqual([
      { medium: 'soil', unit: 'mg/kg', value: 15.3 },
      { medium: 'groundwater', unit: 'mg/L', value: 0.002 },
    ]);
  });

  it('a groundwater result in μg/L is stored in mg/L: 20 μg/L arsenic is 0.02 mg/L (GB/T 14848-2017 Table 1 in mg/L)', async () => {
    const file = await xlsx([CHINESE_HEADER, ['砷', 'GW1', '地下水', 113.29, 34.81, 6, 20, 'μg/L', 0.3]]);
    const res = await post(file, 'gw.xlsx');
    expect(res.status).toBe(201);
    const [row] = await t.ds.query(`SELECT medium, unit, value::float8 AS value, detection_limit::float8 AS dl FROM samples WHERE report_id = $1`, [res.body.id]);
    expect(row).toEqual({ medium: 'groundwater', unit: 'mg/L', value: 0.02, dl: 0.0003 });
  });
});
