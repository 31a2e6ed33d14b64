import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadScreeningTable } from './gb36600';
import { parseSampleCsv, SampleCsvResult } from './sample-csv';

const standard = loadScreeningTable();
const fixture = (name: string) => join(__dirname, 'fixtures', name);
const HEADER = 'sample_id,x,y,depth_m,analyte,value,unit,detection_limit';

function errorsOf(result: SampleCsvResult) {
  if (result.ok) throw new Error(`expected errors, got ${result.rows.length} rows`);
  return result.errors;
}

function rowsOf(result: SampleCsvResult) {
  if (!result.ok) throw new Error(`expected rows, got ${JSON.stringify(result.errors)}`);
  return result.rows;
}

describe('parseSampleCsv: good files', () => {
  it('reads every row of a good file from a stream, resolving names, aliases and CAS numbers', async () => {
    const rows = rowsOf(await parseSampleCsv(createReadStream(fixture('ok/basic.csv')), standard));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({
      sampleId: 'S1',
      x: 113.2901,
      y: 34.8132,
      depthM: 0.2,
      cas: '7440-38-2',
      analyteName: '砷',
      medium: 'soil',
      value: 15.3,
      detected: true,
      unit: 'mg/kg',
      detectionLimit: 0.01,
      line: 2,
    });
    expect(rows.map((r) => r.analyteName)).toEqual([
      '砷',
      '镉',
      '铬(六价)',
      '铬(六价)',
      '铅',
      '1,1-二氯乙烷',
      '苯并[a]芘',
      '间二甲苯+对二甲苯',
      '汞',
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows[8]).toMatchObject({ sampleId: 'S2', x: 113.2915, value: 0.052 });
  });

  it('counts ND, <DL, <0.1 and values below the detection limit as not detected', async () => {
    const rows = rowsOf(await parseSampleCsv(readFileSync(fixture('ok/basic.csv')), standard));
    const notDetected = rows.filter((r) => !r.detected).map((r) => [r.line, r.value]);
    expect(notDetected).toEqual([
      [4, null],
      [5, null],
      [6, null],
      [8, null],
      [9, null],
    ]);
  });

  it('reads the columns in any order (DESIGN §6.1: columns are found by their header)', async () => {
    const rows = rowsOf(await parseSampleCsv(readFileSync(fixture('ok/columns-any-order.csv')), standard));
    expect(rows).toEqual([expect.objectContaining({ sampleId: 'S1', x: 113.29, y: 34.81, analyteName: '砷', value: 15.3, line: 2 })]);
  });

  it('tolerates a BOM, CRLF line ends and a last line without a line end', async () => {
    const rows = rowsOf(await parseSampleCsv(readFileSync(fixture('ok/bom-crlf.csv')), standard));
    expect(rows.map((r) => [r.line, r.sampleId, r.cas])).toEqual([
      [2, 'S1', '7440-38-2'],
      [3, 'S1', '7440-43-9'],
      [4, 'S1', '18540-29-9'],
    ]);
  });

  it('ignores blank lines and all-empty rows at the end', async () => {
    const rows = rowsOf(await parseSampleCsv(readFileSync(fixture('ok/trailing-blank-lines.csv')), standard));
    expect(rows).toHaveLength(2);
  });

  it('gives the first physical line of a record whose quoted field spans lines', async () => {
    const text = `${HEADER}\n"S\n1",113.29,34.81,0.2,砷,1,mg/kg,0.01\nS2,113.29,34.81,0.2,砷,x,mg/kg,0.01\n`;
    const errors = errorsOf(await parseSampleCsv(text, standard));
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'sample_id'],
      [4, 'value'],
    ]);
  });

  it('reads quoted and unquoted lines mixed in one file as the same rows, on the same lines', async () => {
    const plain = [
      'S1,113.29,34.81,0.2,砷,15.3,mg/kg,0.01',
      'S1,113.29,34.81,0.2,镉,ND,mg/kg,0.01',
      'S2,113.29,34.81,0.5,铅,<0.1,mg/kg,0.01',
      'S2,113.29,34.81,0.5,1,1-二氯乙烷,0.2,mg/kg,0.01',
    ];
    const mixed = [
      plain[0],
      '"S1","113.29","34.81","0.2","镉","ND","mg/kg","0.01"',
      'S2,113.29,34.81,0.5,"铅",<0.1,mg/kg,0.01',
      'S2,113.29,34.81,0.5,"1,1-二氯乙烷",0.2,mg/kg,0.01',
    ];
    const rows = rowsOf(await parseSampleCsv([HEADER, ...mixed].join('\n'), standard));
    // The unquoted comma in plain[3] makes it a 9-column line: compare the first three.
    const expected = rowsOf(await parseSampleCsv([HEADER, ...plain.slice(0, 3)].join('\n'), standard));
    expect(rows.slice(0, 3)).toEqual(expected);
    expect(rows[3]).toMatchObject({ line: 5, analyteName: '1,1-二氯乙烷', value: 0.2 });
  });

  it('lists errors on their physical lines after a quoted field that spans lines, LF or CRLF', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [
        HEADER,
        `"S${eol}1",113.29,34.81,0.2,砷,1,mg/kg,0.01`,
        'S2,113.29,34.81,0.2,砷,x,mg/kg,0.01',
        '"S3",113.29,34.81,0.2,"镉",1,"mg/kg",0.01',
        'S4,113.29,34.81,0.2,铅,1,kg,0.01',
      ].join(eol);
      const errors = errorsOf(await parseSampleCsv(text, standard));
      expect(errors.map((e) => [e.line, e.column])).toEqual([
        [2, 'sample_id'],
        [4, 'value'],
        [6, 'unit'],
      ]);
    }
  });

  it('reports progress every 1000 rows and at the end', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `S${i},113.29,34.81,0.2,砷,1,mg/kg,0.01`);
    const seen: number[] = [];
    const result = await parseSampleCsv([HEADER, ...lines].join('\n'), standard, { onProgress: (n) => seen.push(n) });
    expect(rowsOf(result)).toHaveLength(2500);
    expect(seen).toEqual([1000, 2000, 2500]);
  });
});

describe('parseSampleCsv: bad files', () => {
  it('names every bad row with its line and column, and returns no rows', async () => {
    const errors = errorsOf(await parseSampleCsv(readFileSync(fixture('bad/rows.csv')), standard));
    expect(errors.map((e) => [e.line, e.column ?? null])).toEqual([
      [3, 'sample_id'],
      [4, 'x'],
      [5, 'x'],
      [5, 'y'],
      [6, 'depth_m'],
      [7, 'analyte'],
      [8, 'value'],
      [9, 'unit'],
      [10, 'detection_limit'],
      [11, null],
      [12, 'analyte'],
      [13, 'x'],
      [13, 'y'],
    ]);
    const byLine = (line: number) => errors.find((e) => e.line === line)!.message;
    expect(byLine(8)).toBe('第 8 行 value：必须是不小于 0 的数值，或未检出标记（ND、未检出、<DL、<0.01），实际为“-1”');
    expect(byLine(9)).toContain('“mg/L”是地下水的单位，未填介质列时各行均为土壤');
    expect(byLine(5)).toContain('x 与 y 可能填反了');
    expect(byLine(7)).toContain('“金”不是 GB 36600 中的检测项目');
    expect(byLine(11)).toBe('第 11 行：应有 8 列，实际为 7 列');
    expect(byLine(12)).toContain('与第 2 行重复');
    expect(byLine(13)).toContain('投影坐标');
  });

  it('refuses an empty file and a header-only file with "no sample rows"', async () => {
    const empty = errorsOf(await parseSampleCsv(readFileSync(fixture('bad/empty.csv')), standard));
    expect(empty).toEqual([{ line: 1, message: expect.stringContaining('no sample rows') }]);
    const headerOnly = errorsOf(await parseSampleCsv(readFileSync(fixture('bad/header-only.csv')), standard));
    expect(headerOnly).toEqual([{ line: 2, message: expect.stringContaining('no sample rows') }]);
  });

  it('refuses a wrong header on line 1, naming the missing columns in Chinese and English and the unknown ones', async () => {
    const errors = errorsOf(await parseSampleCsv(readFileSync(fixture('bad/header-missing-columns.csv')), standard));
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(1);
    expect(errors[0].message).toContain('缺少列 采样深度（depth_m）、单位（unit）、检出限（detection_limit）');
    expect(errors[0].message).toContain('无法识别的列 “depth”');
  });

  it('turns an unclosed quote into a line error instead of throwing', async () => {
    const errors = errorsOf(await parseSampleCsv(readFileSync(fixture('bad/unclosed-quote.csv')), standard));
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining('引号没有闭合') }]);
  });

  it('names the line where an unclosed quote opens, also after blank lines', async () => {
    const text = `${HEADER}\nS1,113.29,34.81,0.2,砷,1,mg/kg,0.01\n\n\nS2,113.29,34.81,0.2,"砷,1,mg/kg,0.01\nS3\n`;
    const errors = errorsOf(await parseSampleCsv(text, standard));
    expect(errors).toEqual([{ line: 5, message: expect.stringContaining('引号没有闭合') }]);
  });

  it('explains a GBK-encoded file instead of reporting an unknown analyte', async () => {
    const errors = errorsOf(await parseSampleCsv(readFileSync(fixture('bad/gbk-encoded.csv')), standard));
    expect(errors).toEqual([{ line: 2, column: 'analyte', message: expect.stringContaining('UTF-8') }]);
  });

  it('refuses m- and p-xylene as two rows: GB 36600 screens their sum', async () => {
    const errors = errorsOf(await parseSampleCsv(readFileSync(fixture('bad/xylene-reported-separately.csv')), standard));
    expect(errors).toEqual([{ line: 3, column: 'analyte', message: expect.stringContaining('与第 2 行重复') }]);
  });

  it('refuses a quote in the middle of a field with the line and column', async () => {
    const errors = errorsOf(await parseSampleCsv(`${HEADER}\nS1,113.29,34.81,0.2,砷,1"2,mg/kg,0.01\n`, standard));
    expect(errors).toEqual([{ line: 2, column: 'value', message: expect.stringContaining('引号使用不正确') }]);
  });
});

describe('parseSampleCsv: limits', () => {
  it('caps the list at maxErrors and says how many more there were', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `S${i},113.29,34.81,0.2,砷,bad,mg/kg,0.01`);
    const errors = errorsOf(await parseSampleCsv([HEADER, ...lines].join('\n'), standard, { maxErrors: 10 }));
    expect(errors).toHaveLength(11);
    expect(errors[10].message).toContain('另有 20 处错误未列出');
  });

  it('stops at a line longer than maxLineLength with an error for that line, without reading it whole', async () => {
    let produced = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    // An endless line: the import must stop on its own, long before the source would run dry.
    const endless = new Readable({
      read() {
        produced += chunk.length;
        this.push(produced > 64 * 1024 * 1024 ? null : chunk);
      },
    });
    const header = Readable.from([Buffer.from(`${HEADER}\nS1,113.29,34.81,0.2,砷,1,mg/kg,0.01\n`)]);
    const input = Readable.from(
      (async function* () {
        yield* header;
        yield* endless;
      })(),
    );
    const errors = errorsOf(await parseSampleCsv(input, standard, { maxLineLength: 1024 }));
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining('超过 1024 字节') }]);
    expect(produced).toBeLessThan(4 * 1024 * 1024);
  });

  it('accepts the same long line below the limit', async () => {
    const id = 'S'.repeat(60);
    const rows = rowsOf(await parseSampleCsv(`${HEADER}\n${id},113.29,34.81,0.2,砷,1,mg/kg,0.01\n`, standard, { maxLineLength: 200 }));
    expect(rows[0].sampleId).toBe(id);
  });

  it('passes on a read error of the source stream rather than reporting it as bad data', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(parseSampleCsv(failing, standard)).rejects.toThrow('disk gone');
  });
});
