import { basename } from 'node:path';
import { ALIASES, casNumbersOf, normaliseAnalyteName, type AnalyteItem } from './gb36600';
import { ReferenceDataError, parseDecimal, parseTsv, readTextFile, referencePath } from '../reference/reference-files';

/** One index of GB/T 14848-2017 with its class III and class IV limits, in mg/L. */
export interface GroundwaterItem extends AnalyteItem {
  /** Ⅲ类限值 (≤), mg/L: the human-health basis, drinking-water sources. */
  class3: number;
  /** Ⅳ类限值 (≤), mg/L: agricultural and industrial use; above it the water is class V. */
  class4: number;
  /** The unit the standard prints the limit in (the file converts it to mg/L). */
  unitInStandard: string;
  /** 表1 常规指标 or 表2 非常规指标, with the group. */
  standardTable: string;
}

export const GROUNDWATER_COLUMNS = ['no', 'name_zh', 'cas', 'class3_mg_l', 'class4_mg_l', 'unit_in_standard', 'standard_table', 'sources'] as const;

/** A table of items looked up by CAS number or name (with aliases), each key once. */
export class AnalyteIndex<T extends AnalyteItem> {
  private readonly byKey = new Map<string, T>();

  constructor(readonly items: readonly T[], aliases: Record<string, string> = {}) {
    for (const item of items) {
      for (const key of new Set([item.cas, ...item.casNumbers, normaliseAnalyteName(item.nameZh)])) this.add(key, item);
    }
    for (const [alias, target] of Object.entries(aliases)) {
      const item = this.byKey.get(normaliseAnalyteName(target));
      const key = normaliseAnalyteName(alias);
      if (item && !this.byKey.has(key)) this.byKey.set(key, item);
    }
  }

  find(nameOrCas: string): T | undefined {
    return this.byKey.get(nameOrCas.trim()) ?? this.byKey.get(normaliseAnalyteName(nameOrCas));
  }

  private add(key: string, item: T): void {
    const other = this.byKey.get(key);
    if (other && other !== item) {
      const detail = `“${key}”重复（已用于“${other.nameZh}”）`;
      if (item.origin) throw new ReferenceDataError(item.origin.file, item.origin.line, 'cas', detail);
      throw new Error(detail);
    }
    this.byKey.set(key, item);
  }
}

export type GroundwaterStandard = AnalyteIndex<GroundwaterItem>;

/** Loads the GB/T 14848-2017 limits; defaults to reference/gbt14848-2017-groundwater.tsv. */
export function loadGroundwaterTable(path: string = referencePath('gbt14848-2017-groundwater.tsv')): GroundwaterStandard {
  return new AnalyteIndex(parseGroundwaterTable(readTextFile(path), path), ALIASES);
}

export function parseGroundwaterTable(text: string, file: string): GroundwaterItem[] {
  const label = basename(file);
  return parseTsv(text, GROUNDWATER_COLUMNS, label).map(({ line, cells: c }) => {
    const fail = (column: string, detail: string) => new ReferenceDataError(label, line, column, detail);
    if (c.name_zh === '') throw fail('name_zh', '名称不能为空');
    const casNumbers = casNumbersOf(c.cas, fail);
    const value = (column: string): number => {
      const n = parseDecimal(c[column]);
      if (n === undefined || n <= 0) throw fail(column, `必须是大于 0 的数值，实际为“${c[column]}”`);
      return n;
    };
    const class3 = value('class3_mg_l');
    const class4 = value('class4_mg_l');
    if (class4 < class3) throw fail('class4_mg_l', 'Ⅳ类限值不得小于Ⅲ类限值');
    if (c.sources === '') throw fail('sources', '必须注明数据来源');
    return {
      no: c.no,
      nameZh: c.name_zh,
      cas: casNumbers.length ? casNumbers.join(';') : c.name_zh,
      casNumbers,
      class3,
      class4,
      unitInStandard: c.unit_in_standard,
      standardTable: c.standard_table,
      sources: c.sources,
      origin: { file: label, line },
    };
  });
}
