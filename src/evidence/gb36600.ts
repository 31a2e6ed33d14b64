import { basename } from 'node:path';
import type { LandClass } from '../../workflows';
import { ReferenceDataError, parseDecimal, parseTsv, readTextFile, referencePath } from '../reference/reference-files';

/** What every analyte a sample may name has: GB 36600 and GB/T 14848 items, and pollutants without a standard value. */
export interface AnalyteItem {
  no: string;
  nameZh: string;
  /**
   * The key of the item: its CAS field as written in the table (several joined by ';' for a sum),
   * or its name where the standard gives no CAS number (石油烃(C10-C40), 多氯联苯(总量) …).
   */
  cas: string;
  casNumbers: string[];
  sources: string;
  origin?: { file: string; line: number };
}

export interface ScreeningItem extends AnalyteItem {
  /** 筛选值, mg/kg */
  screening: Record<LandClass, number>;
  /** 管制值, mg/kg */
  intervention: Record<LandClass, number>;
  /** A result not above the local background value is not managed as contamination. */
  backgroundException: boolean;
  /** An item of Table 1 (基本项目): required in the sampled stage of a preliminary investigation. */
  basic: boolean;
}

export const TABLE_COLUMNS = [
  'no',
  'name_zh',
  'cas',
  'screening_class1',
  'screening_class2',
  'intervention_class1',
  'intervention_class2',
  'background_exception',
  'sources',
] as const;

export const BACKGROUND_COLUMNS = ['jurisdiction', 'soil_type', 'cas', 'name_zh', 'value_mg_kg', 'source'] as const;

/** The CAS cell of an item for which the standard gives none (a sum or a class of substances). */
export const NO_CAS = new Set(['—', '-', '－', '']);

// Names that laboratories commonly print instead of the standard's own wording.
export const ALIASES: Record<string, string> = {
  六价铬: '铬(六价)',
  '铬(vi)': '铬(六价)',
  'cr(vi)': '铬(六价)',
  'cr6+': '铬(六价)',
  三氯甲烷: '氯仿',
  一氯甲烷: '氯甲烷',
  '顺式-1,2-二氯乙烯': '顺-1,2-二氯乙烯',
  '反式-1,2-二氯乙烯': '反-1,2-二氯乙烯',
  邻二氯苯: '1,2-二氯苯',
  对二氯苯: '1,4-二氯苯',
  '间,对-二甲苯': '间二甲苯+对二甲苯',
  '间/对-二甲苯': '间二甲苯+对二甲苯',
  '间,对二甲苯': '间二甲苯+对二甲苯',
  间对二甲苯: '间二甲苯+对二甲苯',
  '2-氯苯酚': '2-氯酚',
  // 䓛 (chrysene) is a rare character; many reports print 屈.
  屈: '䓛',
  '茚并(1,2,3-c,d)芘': '茚并[1,2,3-cd]芘',
  // Table 2
  石油烃: '石油烃(C10-C40)',
  '石油烃(c10~c40)': '石油烃(C10-C40)',
  '可萃取性石油烃(c10-c40)': '石油烃(C10-C40)',
  tph: '石油烃(C10-C40)',
  多氯联苯: '多氯联苯(总量)',
  pcbs: '多氯联苯(总量)',
  多溴联苯: '多溴联苯(总量)',
  二噁英类: '二噁英类(总毒性当量)',
  二噁英: '二噁英类(总毒性当量)',
  'pcb126': "3,3',4,4',5-五氯联苯(PCB 126)",
  'pcb169': "3,3',4,4',5,5'-六氯联苯(PCB 169)",
  林丹: 'γ-六六六',
  莠去津: '阿特拉津',
  'dehp': '邻苯二甲酸二(2-乙基己基)酯',
  三溴甲烷: '溴仿',
  一氯二溴甲烷: '二溴氯甲烷',
};

/** Folds full-width forms, brackets, dashes, spaces and letter case so that spellings of one name compare equal. */
export function normaliseAnalyteName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[[【〔]/gu, '(')
    .replace(/[\]】〕]/gu, ')')
    .replace(/[‐‑‒–—−]/gu, '-')
    .toLowerCase();
}

/** CAS registry number with a valid check digit, e.g. 7440-38-2. */
export function isValidCas(cas: string): boolean {
  const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas);
  if (!m) return false;
  const digits = (m[1] + m[2]).split('').reverse();
  const sum = digits.reduce((acc, d, i) => acc + Number(d) * (i + 1), 0);
  return sum % 10 === Number(m[3]);
}

export class ScreeningStandard {
  private readonly casIndex = new Map<string, ScreeningItem>();
  private readonly nameIndex = new Map<string, ScreeningItem>();

  constructor(readonly items: readonly ScreeningItem[]) {
    for (const item of items) this.index(item);
    for (const [alias, target] of Object.entries(ALIASES)) {
      const item = this.nameIndex.get(normaliseAnalyteName(target));
      const key = normaliseAnalyteName(alias);
      if (item && !this.nameIndex.has(key)) this.nameIndex.set(key, item);
    }
  }

  byCas(cas: string): ScreeningItem | undefined {
    return this.casIndex.get(cas.trim());
  }

  byName(name: string): ScreeningItem | undefined {
    return this.nameIndex.get(normaliseAnalyteName(name));
  }

  /** Looks an analyte up by CAS number first, then by Chinese name or alias. */
  find(nameOrCas: string): ScreeningItem | undefined {
    return this.byCas(nameOrCas) ?? this.byName(nameOrCas);
  }

  private index(item: ScreeningItem): void {
    for (const cas of new Set([item.cas, ...item.casNumbers])) {
      const other = this.casIndex.get(cas);
      if (other) this.duplicate(item, 'cas', `CAS 号 ${cas} 重复（已用于“${other.nameZh}”）`);
      this.casIndex.set(cas, item);
    }
    const key = normaliseAnalyteName(item.nameZh);
    const other = this.nameIndex.get(key);
    if (other) this.duplicate(item, 'name_zh', `名称“${item.nameZh}”与“${other.nameZh}”重复`);
    this.nameIndex.set(key, item);
  }

  private duplicate(item: ScreeningItem, column: string, detail: string): never {
    if (item.origin) throw new ReferenceDataError(item.origin.file, item.origin.line, column, detail);
    throw new Error(`${column}：${detail}`);
  }
}

/**
 * Loads GB 36600-2018 Table 1 and further files with the same columns (Table 2, local items).
 * Defaults to reference/gb36600-2018-table1.tsv and reference/gb36600-2018-table2.tsv.
 */
export function loadScreeningTable(paths?: { table1: string; extra?: string[] }): ScreeningStandard {
  const extra = paths ? (paths.extra ?? []) : [referencePath('gb36600-2018-table2.tsv')];
  const table1 = paths?.table1 ?? referencePath('gb36600-2018-table1.tsv');
  return new ScreeningStandard([
    ...parseScreeningTable(readTextFile(table1), table1, { basic: true }),
    ...extra.flatMap((f) => parseScreeningTable(readTextFile(f), f)),
  ]);
}

/** Parses the text of one standard table; `file` only names it in errors; `basic` marks Table 1. */
export function parseScreeningTable(text: string, file: string, opts: { basic?: boolean } = {}): ScreeningItem[] {
  const label = basename(file);
  return parseTsv(text, TABLE_COLUMNS, label).map(({ line, cells }) => toItem(cells, label, line, opts.basic === true));
}

function toItem(c: Record<string, string>, file: string, line: number, basic: boolean): ScreeningItem {
  const fail = (column: string, detail: string) => new ReferenceDataError(file, line, column, detail);
  if (c.no === '') throw fail('no', '序号不能为空');
  if (c.name_zh === '') throw fail('name_zh', '名称不能为空');
  const casNumbers = casNumbersOf(c.cas, fail);
  const value = (column: string): number => {
    const n = parseDecimal(c[column]);
    if (n === undefined || n <= 0) throw fail(column, `必须是大于 0 的数值，实际为“${c[column]}”`);
    return n;
  };
  const screening = { 1: value('screening_class1'), 2: value('screening_class2') };
  const intervention = { 1: value('intervention_class1'), 2: value('intervention_class2') };
  for (const k of [1, 2] as const) {
    if (intervention[k] < screening[k]) throw fail(`intervention_class${k}`, '管制值不得小于筛选值');
  }
  if (c.background_exception !== 'yes' && c.background_exception !== 'no') {
    throw fail('background_exception', `必须是 yes 或 no，实际为“${c.background_exception}”`);
  }
  return {
    no: c.no,
    nameZh: c.name_zh,
    cas: casNumbers.length ? casNumbers.join(';') : c.name_zh,
    casNumbers,
    screening,
    intervention,
    backgroundException: c.background_exception === 'yes',
    basic,
    sources: c.sources,
    origin: { file, line },
  };
}

/** The CAS numbers of a CAS cell: none for “—”, several separated by ';'; each with a valid check digit. */
export function casNumbersOf(cell: string, fail: (column: string, detail: string) => Error): string[] {
  if (NO_CAS.has(cell.trim())) return [];
  const casNumbers = cell.split(';').map((s) => s.trim());
  const badCas = casNumbers.find((s) => !isValidCas(s));
  if (badCas !== undefined) throw fail('cas', `“${badCas}”不是有效的 CAS 号`);
  return casNumbers;
}

/** One published background value: where it applies (a jurisdiction and all below it; a soil type or all), and its source. */
export interface BackgroundValue {
  jurisdiction: string;
  soilType: string | null;
  cas: string;
  value: number;
  source: string;
}

/** Background values by jurisdiction code (行政区划代码), then by CAS number. */
export type BackgroundValues = Map<string, BackgroundValue[]>;

/** Loads local soil background values; defaults to reference/background-values.tsv. */
export function loadBackgroundValues(path: string = referencePath('background-values.tsv')): BackgroundValues {
  return parseBackgroundValues(readTextFile(path), path);
}

export function parseBackgroundValues(text: string, file: string): BackgroundValues {
  const label = basename(file);
  const out: BackgroundValues = new Map();
  for (const { line, cells } of parseTsv(text, BACKGROUND_COLUMNS, label)) {
    const fail = (column: string, detail: string) => new ReferenceDataError(label, line, column, detail);
    if (!/^\d{6}$/.test(cells.jurisdiction)) throw fail('jurisdiction', '必须是 6 位行政区划代码');
    if (!isValidCas(cells.cas)) throw fail('cas', `“${cells.cas}”不是有效的 CAS 号`);
    const value = parseDecimal(cells.value_mg_kg);
    if (value === undefined || value <= 0) throw fail('value_mg_kg', '必须是大于 0 的数值');
    if (cells.source === '') throw fail('source', '必须注明数据来源');
    const soilType = cells.soil_type === '' ? null : cells.soil_type;
    const list = out.get(cells.jurisdiction) ?? [];
    if (list.some((b) => b.cas === cells.cas && b.soilType === soilType)) {
      throw fail('cas', `行政区 ${cells.jurisdiction}${soilType ? `（${soilType}）` : ''}的 ${cells.cas} 重复`);
    }
    list.push({ jurisdiction: cells.jurisdiction, soilType, cas: cells.cas, value, source: cells.source });
    out.set(cells.jurisdiction, list);
  }
  return out;
}

/**
 * The background values that apply to a plot, by CAS number: those of its jurisdiction or, where it
 * has none for an item, of the nearest jurisdiction above it (区 → 市 → 省, by the code's prefix);
 * a value for the plot's soil type before one for every soil type. Undefined when none applies.
 */
export function backgroundForPlot(
  values: BackgroundValues,
  plot: { jurisdiction: string; soilType?: string | null },
): Map<string, BackgroundValue> | undefined {
  const code = plot.jurisdiction.slice(0, 6);
  const chain = [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  const soils = plot.soilType ? [plot.soilType, null] : [null];
  const out = new Map<string, BackgroundValue>();
  for (const j of new Set(chain)) {
    for (const soil of soils) {
      for (const b of values.get(j) ?? []) if (b.soilType === soil && !out.has(b.cas)) out.set(b.cas, b);
    }
  }
  return out.size ? out : undefined;
}
