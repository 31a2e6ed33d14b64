import { basename } from 'node:path';
import type { LandClass } from '../../workflows';
import { ReferenceDataError, parseDecimal, parseTsv, readTextFile, referencePath } from '../reference/reference-files';

export interface ScreeningItem {
  no: string;
  nameZh: string;
  /** The CAS field as written in the table; the key of the item (several joined by ';' for a sum). */
  cas: string;
  casNumbers: string[];
  /** 筛选值, mg/kg */
  screening: Record<LandClass, number>;
  /** 管制值, mg/kg */
  intervention: Record<LandClass, number>;
  /** A result not above the local background value is not managed as contamination. */
  backgroundException: boolean;
  sources: string;
  origin?: { file: string; line: number };
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

export const BACKGROUND_COLUMNS = ['jurisdiction', 'cas', 'name_zh', 'value_mg_kg', 'source'] as const;

// Names that laboratories commonly print instead of the standard's own wording.
const ALIASES: Record<string, string> = {
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
 * Loads GB 36600-2018 Table 1 and, optionally, further files with the same columns
 * (Table 2 items, local items). Defaults to reference/gb36600-2018-table1.tsv.
 */
export function loadScreeningTable(paths?: { table1: string; extra?: string[] }): ScreeningStandard {
  const files = [paths?.table1 ?? referencePath('gb36600-2018-table1.tsv'), ...(paths?.extra ?? [])];
  return new ScreeningStandard(files.flatMap((f) => parseScreeningTable(readTextFile(f), f)));
}

/** Parses the text of one standard table; `file` only names it in errors. */
export function parseScreeningTable(text: string, file: string): ScreeningItem[] {
  const label = basename(file);
  return parseTsv(text, TABLE_COLUMNS, label).map(({ line, cells }) => toItem(cells, label, line));
}

function toItem(c: Record<string, string>, file: string, line: number): ScreeningItem {
  const fail = (column: string, detail: string) => new ReferenceDataError(file, line, column, detail);
  if (c.no === '') throw fail('no', '序号不能为空');
  if (c.name_zh === '') throw fail('name_zh', '名称不能为空');
  const casNumbers = c.cas.split(';').map((s) => s.trim());
  const badCas = casNumbers.find((s) => !isValidCas(s));
  if (badCas !== undefined) throw fail('cas', `“${badCas}”不是有效的 CAS 号`);
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
    cas: casNumbers.join(';'),
    casNumbers,
    screening,
    intervention,
    backgroundException: c.background_exception === 'yes',
    sources: c.sources,
    origin: { file, line },
  };
}

/** Background values by jurisdiction code (行政区划代码) and CAS number, in mg/kg. */
export type BackgroundValues = Map<string, Map<string, number>>;

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
    const byCas = out.get(cells.jurisdiction) ?? new Map<string, number>();
    if (byCas.has(cells.cas)) throw fail('cas', `行政区 ${cells.jurisdiction} 的 ${cells.cas} 重复`);
    out.set(cells.jurisdiction, byCas.set(cells.cas, value));
  }
  return out;
}
