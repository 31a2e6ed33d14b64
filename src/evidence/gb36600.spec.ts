import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ScreeningStandard,
  TABLE_COLUMNS,
  backgroundForPlot,
  isValidCas,
  loadBackgroundValues,
  loadScreeningTable,
  normaliseAnalyteName,
  parseBackgroundValues,
  parseScreeningTable,
} from './gb36600';
import { ReferenceDataError, findProjectRoot } from '../reference/reference-files';

const HEADER = TABLE_COLUMNS.join('\t');
const tsv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('loadScreeningTable (GB 36600-2018 Table 1 as configuration)', () => {
  const standard = loadScreeningTable();

  it('loads the 45 basic items of Table 1 and the 40 other items of Table 2 from reference/', () => {
    expect(standard.items).toHaveLength(85);
    expect(standard.items.filter((i) => i.basic)).toHaveLength(45);
    expect(standard.byCas('7440-38-2')).toMatchObject({
      nameZh: '砷',
      screening: { 1: 20, 2: 60 },
      intervention: { 1: 120, 2: 140 },
      backgroundException: true,
    });
  });

  it('finds items by CAS, by name and by common aliases, folding full-width forms and spaces', () => {
    const cr6 = standard.byCas('18540-29-9');
    for (const name of ['铬(六价)', '铬（六价）', ' 铬 ( 六价 ) ', '六价铬', 'Cr(VI)', '18540-29-9']) {
      expect(standard.find(name)).toBe(cr6);
    }
    expect(standard.find('苯并（a）芘')?.cas).toBe('50-32-8');
    expect(standard.find('三氯甲烷')?.nameZh).toBe('氯仿');
    expect(standard.find('屈')?.nameZh).toBe('䓛');
    expect(standard.find('砒霜')).toBeUndefined();
  });

  it('keys m- and p-xylene, screened as a sum, under one item reachable by either CAS number', () => {
    const item = standard.find('108-38-3');
    expect(item).toBe(standard.find('106-42-3'));
    expect(item).toBe(standard.find('间,对-二甲苯'));
    expect(item?.cas).toBe('108-38-3;106-42-3');
  });

  it('lets a jurisdiction add local items in a further file with the same columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb36600-'));
    const extra = join(dir, 'local.tsv');
    writeFileSync(extra, tsv('46\t锑\t7440-36-0\t20\t180\t40\t360\tno\texample'));
    const table1 = join(findProjectRoot(), 'reference', 'gb36600-2018-table1.tsv');
    const extended = loadScreeningTable({ table1, extra: [extra] });
    expect(extended.items).toHaveLength(46);
    expect(extended.find('锑')?.screening[2]).toBe(180);
    expect(extended.find('锑')?.basic).toBe(false);
  });

  it('refuses an extra file repeating a Table 1 CAS number, naming file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb36600-'));
    const extra = join(dir, 'dup.tsv');
    writeFileSync(extra, tsv('46\t砷（重复）\t7440-38-2\t20\t60\t120\t140\tyes\tx'));
    const table1 = join(findProjectRoot(), 'reference', 'gb36600-2018-table1.tsv');
    expect(() => loadScreeningTable({ table1, extra: [extra] })).toThrow('dup.tsv 第 2 行 cas：CAS 号 7440-38-2 重复');
  });
});

describe('parseScreeningTable: bad data is refused with file, line and column', () => {
  const cases: Array<[string, string, string]> = [
    ['a value that is not a number', '1\t砷\t7440-38-2\t20\tabc\t120\t140\tyes\tA', 't.tsv 第 2 行 screening_class2：必须是大于 0 的数值'],
    ['a negative value', '1\t砷\t7440-38-2\t-20\t60\t120\t140\tyes\tA', '第 2 行 screening_class1'],
    ['an intervention value below the screening value', '1\t砷\t7440-38-2\t20\t60\t10\t140\tyes\tA', '管制值不得小于筛选值'],
    ['a CAS number with a wrong check digit', '1\t砷\t7440-38-3\t20\t60\t120\t140\tyes\tA', 'cas：“7440-38-3”不是有效的 CAS 号'],
    ['a bad background flag', '1\t砷\t7440-38-2\t20\t60\t120\t140\tmaybe\tA', 'background_exception：必须是 yes 或 no'],
    ['a missing column', '1\t砷\t7440-38-2\t20\t60\t120\t140\tyes', '第 2 行：应有 9 列，实际为 8 列'],
    ['an empty name', '1\t\t7440-38-2\t20\t60\t120\t140\tyes\tA', 'name_zh：名称不能为空'],
  ];
  it.each(cases)('%s', (_title, row, message) => {
    expect(() => parseScreeningTable(tsv(row), 't.tsv')).toThrow(message);
  });

  it('refuses a wrong header on line 1', () => {
    expect(() => parseScreeningTable('no\tname\n', 't.tsv')).toThrow(ReferenceDataError);
    expect(() => parseScreeningTable('no\tname\n', 't.tsv')).toThrow('t.tsv 第 1 行：表头应为');
  });

  it('refuses two names that differ only in width or spacing', () => {
    const text = tsv('1\t铬(六价)\t18540-29-9\t3\t5.7\t30\t78\tno\tA', '2\t铬（六价）\t7440-38-2\t20\t60\t120\t140\tyes\tA');
    expect(() => new ScreeningStandard(parseScreeningTable(text, 't.tsv'))).toThrow('t.tsv 第 3 行 name_zh');
  });
});

describe('GB 36600-2018 Table 2 (其他项目) with provenance', () => {
  const standard = loadScreeningTable();

  it.each([
    ['石油烃(C10-C40)', 826, 4500, 5000, 9000],
    ['石油烃（C10-C40）', 826, 4500, 5000, 9000],
    ['钴', 20, 70, 190, 350],
    ['钒', 165, 752, 330, 1500],
    ['锑', 20, 180, 40, 360],
    ['铍', 15, 29, 98, 290],
    ['氰化物', 22, 135, 44, 270],
    ['多氯联苯(总量)', 0.14, 0.38, 1.4, 3.8],
    ['二噁英类(总毒性当量)', 0.00001, 0.00004, 0.0001, 0.0004],
  ] as const)('GB 36600-2018 表2: %s has screening %d / %d and intervention %d / %d mg/kg', (name, s1, s2, i1, i2) => {
    expect(standard.find(name)).toMatchObject({ screening: { 1: s1, 2: s2 }, intervention: { 1: i1, 2: i2 }, basic: false });
  });

  it('GB 36600-2018 表2 note a: cobalt and vanadium carry the background exception; an item without a CAS number is known by its name', () => {
    expect(standard.find('7440-48-4')?.backgroundException).toBe(true);
    expect(standard.find('钒')?.backgroundException).toBe(true);
    expect(standard.find('石油烃')).toMatchObject({ cas: '石油烃(C10-C40)', casNumbers: [] });
    expect(standard.byCas('石油烃(C10-C40)')?.nameZh).toBe('石油烃(C10-C40)');
  });
});

describe('background values', () => {
  it('ships no unverified background value: the example value for 410106 is gone (README, background-values.tsv)', () => {
    expect(loadBackgroundValues().size).toBe(0);
  });

  const head = 'jurisdiction\tsoil_type\tcas\tname_zh\tvalue_mg_kg\tsource\n';

  it('refuses a bad jurisdiction code, value or duplicate', () => {
    expect(() => parseBackgroundValues(`${head}4101\t\t7440-38-2\t砷\t11\tx\n`, 'b.tsv')).toThrow('b.tsv 第 2 行 jurisdiction');
    expect(() => parseBackgroundValues(`${head}410106\t\t7440-38-2\t砷\t0\tx\n`, 'b.tsv')).toThrow('value_mg_kg');
    expect(() => parseBackgroundValues(`${head}410106\t\t7440-38-2\t砷\t11\t\n`, 'b.tsv')).toThrow('必须注明数据来源');
    const dup = `${head}410106\t\t7440-38-2\t砷\t11\tx\n410106\t\t7440-38-2\t砷\t12\tx\n`;
    expect(() => parseBackgroundValues(dup, 'b.tsv')).toThrow('b.tsv 第 3 行 cas');
  });

  it('GB 36600-2018 note a: a plot takes the value of its own jurisdiction, else of the nearest one above it, and its soil type before all soils', () => {
    const values = parseBackgroundValues(
      `${head}410000\t\t7440-38-2\t砷\t18\t省\n410000\t\t7440-48-4\t钴\t14\t省\n410106\t\t7440-38-2\t砷\t25\t区\n410106\t潮土\t7440-38-2\t砷\t30\t区潮土\n`,
      'b.tsv',
    );
    const plain = backgroundForPlot(values, { jurisdiction: '410106' });
    expect(plain?.get('7440-38-2')).toMatchObject({ value: 25, source: '区' });
    expect(plain?.get('7440-48-4')).toMatchObject({ value: 14, source: '省' });
    expect(backgroundForPlot(values, { jurisdiction: '410106', soilType: '潮土' })?.get('7440-38-2')?.value).toBe(30);
    expect(backgroundForPlot(values, { jurisdiction: '410182' })?.get('7440-38-2')?.value).toBe(18);
    expect(backgroundForPlot(values, { jurisdiction: '420100' })).toBeUndefined();
  });
});

describe('helpers', () => {
  it('checks CAS check digits', () => {
    expect(isValidCas('7440-38-2')).toBe(true);
    expect(isValidCas('50-32-8')).toBe(true);
    expect(isValidCas('50-32-9')).toBe(false);
    expect(isValidCas('5032-8')).toBe(false);
  });

  it('normalises names', () => {
    expect(normaliseAnalyteName('苯并［ａ］芘')).toBe(normaliseAnalyteName('苯并[a]芘'));
    expect(normaliseAnalyteName('1，1－二氯乙烷')).toBe('1,1-二氯乙烷');
  });

  it('finds the project root by its package.json, from src/ under jest and from dist/src/ after a build', () => {
    const root = join(__dirname, '..', '..');
    expect(findProjectRoot()).toBe(root);
    expect(findProjectRoot(join(root, 'dist', 'src', 'evidence'))).toBe(root);
  });
});
