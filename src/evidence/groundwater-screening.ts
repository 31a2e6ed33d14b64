import type { GroundwaterItem, GroundwaterStandard } from './groundwater';
import type { NoStandardAnalytes } from './no-standard';
import {
  addResult,
  addTally,
  byFactorDesc,
  countsAsExceedance,
  factorOf,
  groupByItem,
  noStandardFields,
  noStandardLimits,
  pushLimits,
  type CasTally,
  type ItemLimits,
  type ItemTally,
  type LimitTable,
  type ScreenedValue,
  type SiteValue,
} from './screening';

/**
 * GB/T 14848-2017 §6.2: a result is of the best class whose limit it does not exceed. Against
 * the class III and class IV limits: within class III, above class III (class IV), or above
 * class IV (class V). `no_data` when the plot has no groundwater results.
 */
export type GroundwaterVerdict = 'no_data' | 'within_class3' | 'above_class3' | 'above_class4';

export const GROUNDWATER_VERDICT_LABELS: Record<GroundwaterVerdict, string> = {
  no_data: '尚无地下水检测数据',
  within_class3: '不劣于Ⅲ类',
  above_class3: '超过Ⅲ类限值（Ⅳ类）',
  above_class4: '超过Ⅳ类限值（Ⅴ类）',
};

export interface GroundwaterAnalyte {
  cas: string;
  name: string;
  n: number;
  nDetected: number;
  /** Highest detected value, mg/L; null when nothing was detected. */
  max: number | null;
  unit: 'mg/L';
  /** Ⅲ类限值, mg/L; for a pollutant without a value, the plot's own value or null. */
  class3Limit: number | null;
  /** Ⅳ类限值, mg/L; null for a pollutant without a value. */
  class4Limit: number | null;
  nAboveClass3: number;
  nAboveClass4: number;
  /** max / class3Limit, rounded to 3 decimals. */
  factor: number | null;
  noStandardValue?: true;
  note?: string;
  siteValue?: { value: number; unit: string; source: string };
}

export interface GroundwaterScreening {
  standard: 'GB/T 14848-2017';
  verdict: GroundwaterVerdict;
  verdictLabel: string;
  analytes: GroundwaterAnalyte[];
}

export interface GroundwaterOptions {
  noStandard?: NoStandardAnalytes;
  siteValues?: readonly SiteValue[];
}

function limitsFor(cas: string, standard: GroundwaterStandard, opts: GroundwaterOptions): ItemLimits | undefined {
  const item = standard.find(cas);
  if (item && item.cas === cas) return gwLimits(item);
  if (item && item.casNumbers.includes(cas)) return gwLimits(item);
  const free = opts.noStandard?.byCas(cas, 'groundwater');
  return free && noStandardLimits(free, 'groundwater', opts.siteValues);
}

function gwLimits(item: GroundwaterItem): ItemLimits {
  return { item, screeningValue: item.class3, interventionValue: item.class4 };
}

/** Screens groundwater results (mg/L) in hand against GB/T 14848-2017, in one pass. */
export function screenGroundwater(rows: readonly ScreenedValue[], standard: GroundwaterStandard, opts: GroundwaterOptions = {}): GroundwaterScreening {
  return resultOf(groupByItem(rows, (cas) => limitsFor(cas, standard, opts), (t, r, l) => addResult(t, r, l)), standard);
}

/** The same from tallies counted by the database against `groundwaterLimitTable`. */
export function groundwaterScreeningOf(tallies: readonly CasTally[], standard: GroundwaterStandard, opts: GroundwaterOptions = {}): GroundwaterScreening {
  return resultOf(groupByItem(tallies, (cas) => limitsFor(cas, standard, opts), (t, e) => addTally(t, e)), standard);
}

/** Class III limits as the "screening" column and class IV as the "intervention" column, for SQL. */
export function groundwaterLimitTable(standard: GroundwaterStandard, opts: GroundwaterOptions = {}): LimitTable {
  const table: LimitTable = { cas: [], screening: [], intervention: [], background: [] };
  for (const item of standard.items) pushLimits(table, gwLimits(item));
  for (const v of opts.siteValues ?? []) {
    const item = v.medium === 'groundwater' ? opts.noStandard?.find(v.cas, 'groundwater') ?? opts.noStandard?.find(v.name, 'groundwater') : undefined;
    if (item) pushLimits(table, noStandardLimits(item, 'groundwater', opts.siteValues));
  }
  return table;
}

function resultOf(byItem: Map<string, { limits: ItemLimits; tally: ItemTally }>, standard: GroundwaterStandard): GroundwaterScreening {
  const analytes: GroundwaterAnalyte[] = [];
  for (const { limits: l, tally: t } of byItem.values()) {
    const a: GroundwaterAnalyte = {
      cas: l.item.cas,
      name: l.item.nameZh,
      n: t.n,
      nDetected: t.nDetected,
      max: t.max,
      unit: 'mg/L',
      class3Limit: l.screeningValue,
      class4Limit: l.interventionValue,
      nAboveClass3: t.nAboveScreening,
      nAboveClass4: t.nAboveIntervention,
      factor: factorOf(t.max, l.screeningValue),
    };
    if (l.noStandard) Object.assign(a, noStandardFields(l.noStandard.siteValue));
    analytes.push(a);
  }
  // At most one entry per index of the standard: a short sort.
  analytes.sort(byFactorDesc(standard));
  const verdict = verdictOf(analytes);
  return { standard: 'GB/T 14848-2017', verdict, verdictLabel: GROUNDWATER_VERDICT_LABELS[verdict], analytes };
}

function verdictOf(analytes: GroundwaterAnalyte[]): GroundwaterVerdict {
  if (!analytes.some((a) => a.n > 0)) return 'no_data';
  if (analytes.some((a) => a.nAboveClass4 > 0)) return 'above_class4';
  if (analytes.some((a) => a.nAboveClass3 > 0)) return 'above_class3';
  return 'within_class3';
}

/** Whether one groundwater result exceeds a class limit (GB/T 14848-2017 §6.2: a limit is ≤). */
export function aboveLimit(value: number, limit: number | null): boolean {
  return countsAsExceedance(value, limit, undefined);
}
