import { loadScreeningTable } from './gb36600';
import { parseSampleCsv, type SampleCsvResult } from './sample-csv';
import type { AnalyteFinder } from './sample-row';
import { parseMedium, parseUnit, toCanonical } from './sample-units';

const table = loadScreeningTable();
// Soil from GB 36600; groundwater as the GB/T 14848 lookup will answer for arsenic (the lookup itself is in gb36600.ts).
const analytes: AnalyteFinder = {
  find: (name, medium) => (medium === 'soil' ? table.find(name) : name === '砷' ? table.find(name) : undefined),
};
const HEADER = '样品编号,经度,纬度,采样深度,检测项目,检测值,单位,检出限,介质';
const line = (value: string, unit: string, limit: string, medium = '土壤', analyte = '砷') => `S1,113.29,34.81,0.2,${analyte},${value},${unit},${limit},${medium}`;

function rowsOf(result: SampleCsvResult) {
  if (!result.ok) throw new Error(`expected rows, got ${JSON.stringify(result.errors)}`);
  return result.rows;
}
function errorsOf(result: SampleCsvResult) {
  if (result.ok) throw new Error(`expected errors, got ${result.rows.length} rows`);
  return result.errors;
}

describe('units: results are kept in the standards\' units, mg/kg (GB 36600 §5) and mg/L (GB/T 14848)', () => {
  it('reads mg/kg, μg/kg, ug/kg, µg/kg (micro sign), mg/L, μg/L and ug/L in any letter case', () => {
    expect(['mg/kg', 'MG/KG', 'μg/kg', 'ug/kg', 'µg/kg', 'Ug/Kg'].map((u) => parseUnit(u)?.canonical)).toEqual(Array(6).fill('mg/kg'));
    expect(['mg/L', 'mg/l', 'μg/L', 'ug/L', 'µg/l'].map((u) => parseUnit(u)?.canonical)).toEqual(Array(5).fill('mg/L'));
    expect([parseUnit('g/kg'), parseUnit('ppm'), parseUnit('')]).toEqual([undefined, undefined, undefined]);
  });

  it('converts μg/kg to mg/kg by dividing by 1000, exactly as a decimal: 15 μg/kg is 0.015 mg/kg, 300 μg/kg 0.3', () => {
    const ug = parseUnit('μg/kg')!;
    expect([toCanonical(15, ug), toCanonical(300, ug), toCanonical(0.7, ug)]).toEqual([0.015, 0.3, 0.0007]);
  });

  it('stores a μg/kg soil row and a μg/L groundwater row in mg/kg and mg/L, detection limit too', async () => {
    const text = [HEADER, line('15300', 'μg/kg', '10'), line('20', 'ug/L', '0.3', '地下水')].join('\n');
    const [soil, water] = rowsOf(await parseSampleCsv(text, analytes));
    expect(soil).toMatchObject({ medium: 'soil', value: 15.3, unit: 'mg/kg', detectionLimit: 0.01, detected: true });
    expect(water).toMatchObject({ medium: 'groundwater', value: 0.02, unit: 'mg/L', detectionLimit: 0.0003, detected: true });
  });

  it('refuses a soil unit on a groundwater row and a groundwater unit on a soil row, naming the line and column', async () => {
    const text = [HEADER, line('20', 'μg/kg', '0.3', '地下水'), line('15', 'mg/L', '0.01')].join('\n');
    const errors = errorsOf(await parseSampleCsv(text, analytes));
    expect(errors).toEqual([
      { line: 2, column: '单位', message: '第 2 行 单位：“μg/kg”是土壤的单位，本行介质为地下水（地下水用 mg/L、μg/L（ug/L））' },
      { line: 3, column: '单位', message: expect.stringContaining('“mg/L”是地下水的单位，本行介质为土壤') },
    ]);
  });

  it('reads 介质 as 土壤/soil or 地下水/groundwater, blank as soil, and refuses anything else on its column', async () => {
    expect(['土壤', 'soil', 'Soil', '', '地下水', 'GROUNDWATER'].map(parseMedium)).toEqual(['soil', 'soil', 'soil', 'soil', 'groundwater', 'groundwater']);
    const errors = errorsOf(await parseSampleCsv([HEADER, line('1', 'mg/kg', '0.01', '岩石')].join('\n'), analytes));
    expect(errors).toEqual([{ line: 2, column: '介质', message: expect.stringContaining('必须是“土壤”或“地下水”') }]);
  });

  it('a groundwater row names an item the groundwater standard does not have as "not a groundwater item" (GB/T 14848)', async () => {
    const errors = errorsOf(await parseSampleCsv([HEADER, line('1', 'mg/L', '0.01', '地下水', '苯并[a]芘')].join('\n'), analytes));
    expect(errors).toEqual([{ line: 2, column: '检测项目', message: expect.stringContaining('不是地下水的检测项目') }]);
  });
});

describe('values below detection (HJ 25.1 EDD): ND, 未检出, <DL and <0.01 are not detected', () => {
  it.each(['ND', 'nd', 'N.D.', '未检出', '<DL', '<LOD', '<0.01', '＜0.01', '< 0.5'])('“%s” is stored as not detected, value null', async (marker) => {
    const [row] = rowsOf(await parseSampleCsv([HEADER, line(marker, 'mg/kg', '0.01')].join('\n'), analytes));
    expect(row).toMatchObject({ detected: false, value: null });
  });

  it('a value below its detection limit is not detected; one at the limit is (compared in the same unit)', async () => {
    const text = [HEADER, line('5', 'μg/kg', '10'), line('10', 'μg/kg', '10', '土壤', '镉')].join('\n');
    const rows = rowsOf(await parseSampleCsv(text, analytes));
    expect(rows.map((r) => [r.detected, r.value])).toEqual([[false, null], [true, 0.01]]);
  });

  it('refuses "<" without a number, a negative value and words, naming the 检测值 column', async () => {
    const text = [HEADER, line('<', 'mg/kg', '0.01'), line('-1', 'mg/kg', '0.01', '土壤', '镉'), line('高', 'mg/kg', '0.01', '土壤', '铅')].join('\n');
    const errors = errorsOf(await parseSampleCsv(text, analytes));
    expect(errors.map((e) => [e.line, e.column])).toEqual([[2, '检测值'], [3, '检测值'], [4, '检测值']]);
  });
});
