import ExcelJS from 'exceljs';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadScreeningTable } from './gb36600';
import { parseSampleFile, sampleFileFormat } from './sample-file';
import type { SampleCsvResult } from './sample-import';
import { parseSampleXlsx } from './sample-xlsx';

const standard = loadScreeningTable();
const dir = mkdtempSync(join(tmpdir(), 'sample-xlsx-'));
const HEADER = ['检测项目', '样品编号', '经度', '纬度', '采样深度', '检测值', '单位', '检出限'];
const ANALYTES = ['砷', '镉', '铬(六价)', '铜', '铅', '汞', '镍', '四氯化碳', '氯仿', '苯'];

/** Writes rows with exceljs's streaming writer, as a laboratory's export would be. */
async function writeXlsx(name: string, rows: Iterable<Array<string | number>>, useSharedStrings = true): Promise<string> {
  const path = join(dir, name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
  const sheet = wb.addWorksheet('检测结果');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await wb.commit();
  return path;
}

function* labRows(n: number): Generator<Array<string | number>> {
  yield HEADER;
  for (let i = 0; i < n; i++) {
    const s = Math.floor(i / ANALYTES.length);
    yield [ANALYTES[i % ANALYTES.length], `S${s}`, 113.2 + (s % 1000) / 10000, 34.8 + (s % 997) / 10000, (s % 20) / 2, ((i * 7919) % 5000) / 100, 'mg/kg', 0.01];
  }
}

function rowsOf(result: SampleCsvResult) {
  if (!result.ok) throw new Error(`expected rows, got ${JSON.stringify(result.errors.slice(0, 5))}`);
  return result.rows;
}

describe('.xlsx sample files (HJ 25.1 EDD; DESIGN §3): read from the first sheet, errors by sheet row and column letter', () => {
  it('reads a sheet with shared strings and one with inline strings to the same rows', async () => {
    const rows = [HEADER, ['砷', 'S1', 113.29, 34.81, 0.2, 15.3, 'mg/kg', 0.01], ['镉', 'S1', 113.29, 34.81, 0.2, 'ND', 'mg/kg', 0.01]];
    const shared = rowsOf(await parseSampleXlsx(await writeXlsx('shared.xlsx', rows, true), standard));
    const inline = rowsOf(await parseSampleXlsx(await writeXlsx('inline.xlsx', rows, false), standard));
    expect(inline).toEqual(shared);
    expect(shared.map((r) => [r.line, r.analyteName, r.value])).toEqual([[2, '砷', 15.3], [3, '镉', null]]);
  });

  it('names a bad cell by the sheet row number, the column letter and its header', async () => {
    const path = await writeXlsx('bad.xlsx', [
      ['说明：上街区某地块'],
      [],
      HEADER,
      ['砷', 'S1', 113.29, 34.81, 0.2, 'x', 'mg/kg', 0.01],
      ['金', 'S2', 113.29, 34.81, 0.2, 1, 'mg/kg', 0.01],
    ]);
    const result = await parseSampleXlsx(path, standard);
    // The first non-empty row is the header: a title row above it is no header.
    expect(result.ok).toBe(false);
    const errors = (result as { errors: Array<{ line: number; message: string }> }).errors;
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining('表头错误') }]);
    const good = await writeXlsx('bad2.xlsx', [HEADER, ['砷', 'S1', 113.29, 34.81, 0.2, 'x', 'mg/kg', 0.01], ['金', 'S2', 113.29, 34.81, 0.2, 1, 'mg/kg', 0.01]]);
    expect(await parseSampleXlsx(good, standard)).toEqual({
      ok: false,
      errors: [
        { line: 2, column: 'F', header: '检测值', message: expect.stringMatching(/^第 2 行 F 列（检测值）：必须是不小于 0 的数值/) },
        { line: 3, column: 'A', header: '检测项目', message: expect.stringContaining('“金”不是 GB 36600 中的检测项目') },
      ],
    });
  });

  it('refuses a cell with content in a column without a header, by its letter', async () => {
    const path = await writeXlsx('no-header.xlsx', [HEADER, ['砷', 'S1', 113.29, 34.81, 0.2, 1, 'mg/kg', 0.01, '', '备注']]);
    expect(await parseSampleXlsx(path, standard)).toEqual({
      ok: false,
      errors: [{ line: 2, column: 'J', message: expect.stringContaining('第 2 行 J 列：此列有内容但没有表头') }],
    });
  });

  it('tells an .xlsx from a CSV by content (PK\\x03\\x04), not by name', async () => {
    const csv = join(dir, 'looks-like.xlsx');
    writeFileSync(csv, 'sample_id,x,y,depth_m,analyte,value,unit,detection_limit\nS1,113.29,34.81,0.2,砷,1,mg/kg,0.01\n');
    expect(await sampleFileFormat(csv)).toBe('csv');
    expect(await sampleFileFormat(await writeXlsx('named.csv', [HEADER]))).toBe('xlsx');
    expect(rowsOf(await parseSampleFile(csv, standard))).toHaveLength(1);
  });

  it('answers a broken zip with a line-1 error instead of throwing', async () => {
    const path = join(dir, 'broken.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]));
    expect(await parseSampleXlsx(path, standard)).toEqual({ ok: false, errors: [{ line: 1, message: expect.stringContaining('无法按 Excel 工作簿（.xlsx）读取') }] });
  });

  it('refuses a sheet whose text runs longer than maxTextLength before it is parsed (a zip bomb inflates a few KiB to one huge cell)', async () => {
    const path = await writeXlsx('huge-cell.xlsx', [HEADER, ['砷', 'S'.repeat(200_000), 113.29, 34.81, 0.2, 1, 'mg/kg', 0.01]], false);
    expect(statSync(path).size).toBeLessThan(20_000);
    expect(await parseSampleXlsx(path, standard)).toEqual({
      ok: false,
      errors: [{ line: 1, message: expect.stringContaining('工作表中有一段文字超过 65536 字节的上限') }],
    });
  });

  it('refuses a row with a cell far to the right (XFD) instead of making the row that wide', async () => {
    const rows: Array<Array<string | number>> = [HEADER, ['砷', 'S1', 113.29, 34.81, 0.2, 1, 'mg/kg', 0.01]];
    const wide: Array<string | number> = ['镉', 'S1', 113.29, 34.81, 0.2, 1, 'mg/kg', 0.01];
    wide[16383] = 'x';
    rows.push(wide);
    const result = await parseSampleXlsx(await writeXlsx('wide.xlsx', rows), standard);
    expect(result).toEqual({ ok: false, errors: [{ line: 3, message: expect.stringContaining('超过第 256 列') }] });
  });

  it('stops at maxRows with an error rather than reading a sheet without end', async () => {
    const result = await parseSampleXlsx(await writeXlsx('many.xlsx', labRows(50)), standard, { maxRows: 20 });
    expect(result).toEqual({ ok: false, errors: [{ line: 22, message: expect.stringContaining('超过 20 行的上限') }] });
  });
});

describe('a 200k-row .xlsx with a Chinese header imports with bounded memory (issue 17)', () => {
  const N = 200_000;
  let xlsxPath: string;
  let csvPath: string;
  beforeAll(async () => {
    xlsxPath = await writeXlsx('200k.xlsx', labRows(N));
    const lines: string[] = [];
    for (const r of labRows(N)) lines.push(r.join(','));
    csvPath = join(dir, '200k.csv');
    writeFileSync(csvPath, lines.join('\n'));
  }, 120_000);

  // Live heap, not garbage: a collection before each sample (V8's gc, exposed for this test only).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const liveHeap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };

  /** Peak live heap growth over the parse, sampled every 20,000 rows, and where in the file the first rows were checked. */
  async function measure(path: string) {
    const base = liveHeap();
    let peak = 0;
    let firstFraction: number | undefined;
    const result = await parseSampleFile(path, standard, {
      onProgress: (rows, fraction) => {
        firstFraction ??= fraction;
        if (rows % 20_000 === 0) peak = Math.max(peak, liveHeap() - base);
      },
    });
    return { rows: rowsOf(result).length, peak, firstFraction: firstFraction! };
  }

  // The xlsx is parsed once for both tests (each parse of 200k rows takes tens of seconds on a busy machine).
  let xlsxMeasured: ReturnType<typeof measure> | undefined;
  const measureXlsx = () => (xlsxMeasured ??= measure(xlsxPath));

  it('rows are validated while the sheet streams: the first 1000 are checked before half of the file is read (not after a copy of the whole sheet)', async () => {
    const xlsx = await measureXlsx();
    expect(xlsx.rows).toBe(N);
    // The shared strings come first (a few per cent of the file); a reader that copied the sheet out first would say 1.
    expect(xlsx.firstFraction).toBeLessThan(0.5);
  }, 120_000);

  it('its heap grows no more than the same rows as CSV do, plus a generous 64 MiB', async () => {
    const xlsx = await measureXlsx();
    const csv = await measure(csvPath);
    // The file itself (several MiB compressed, ~10× that as XML) is never held: only the rows kept.
    process.stdout.write(`200k rows: xlsx ${statSync(xlsxPath).size} B, heap +${(xlsx.peak / 2 ** 20).toFixed(0)} MiB; csv heap +${(csv.peak / 2 ** 20).toFixed(0)} MiB\n`);
    expect(xlsx.peak).toBeLessThan(csv.peak + 64 * 2 ** 20);
  }, 120_000);
});
