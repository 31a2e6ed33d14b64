import type { LandClass, ScreeningVerdict as GbVerdict } from '../../workflows';
import type { AnalyteItem, ScreeningItem, ScreeningStandard } from './gb36600';
import type { NoStandardAnalytes } from './no-standard';
import type { SampleMedium } from './sample-row';

/**
 * A value the deciding bureau set for one pollutant of one plot that the standard gives no value
 * (from a risk assessment or a local standard), with its source; kept in the plot's context.
 */
export interface SiteValue {
  cas: string;
  name: string;
  medium: SampleMedium;
  value: number;
  unit: string;
  source: string;
}

/** What screening needs besides the standard: the background values, the pollutants without a value and the plot's own values. */
export interface ScreeningOptions {
  background?: Map<string, number>;
  noStandard?: NoStandardAnalytes;
  siteValues?: readonly SiteValue[];
}

/** The flag of a pollutant without a standard value, as a person reads it. */
export const NO_STANDARD_LABEL = '无标准值';

export interface ScreenedValue {
  cas: string;
  /** mg/kg; null when not detected. */
  value: number | null;
  detected: boolean;
}

/**
 * `no_data` is not a GB 36600 outcome: it marks a plot with no screened samples,
 * so that an empty data set can never read as "below screening" and clear a plot.
 */
export type ScreeningVerdict = 'no_data' | GbVerdict;

export interface AnalyteScreening {
  cas: string;
  name: string;
  /** Number of results. */
  n: number;
  nDetected: number;
  /** Highest detected value, mg/kg; null when nothing was detected. */
  max: number | null;
  /** 筛选值; for a pollutant without a standard value, the plot's own value or null. */
  screeningValue: number | null;
  /** 管制值; null for a pollutant without a standard value. */
  interventionValue: number | null;
  /** Counted exceedances: results above the value, less those exempted by the background value. */
  nAboveScreening: number;
  nAboveIntervention: number;
  /** max / screeningValue, rounded to 3 decimals; null when nothing was detected. */
  factor: number | null;
  /** Present for items with the background exception when the jurisdiction has a value. */
  backgroundValue?: number;
  /** True when at least one result above the screening value was exempted as not above background. */
  backgroundExempt?: boolean;
  /** Present (true) for a pollutant the standard gives no value: listed as 无标准值. */
  noStandardValue?: true;
  /** 无标准值 and, where the plot has one, the value it was screened against with its source. */
  note?: string;
  /** The plot's own value the results were screened against, with its source. */
  siteValue?: { value: number; unit: string; source: string };
}

export interface ScreeningResult {
  landClass: LandClass;
  verdict: ScreeningVerdict;
  analytes: AnalyteScreening[];
}

export class UnknownAnalyteError extends Error {
  constructor(readonly cas: string) {
    super(`未知的检测项目 CAS 号：${cas}（不在 GB 36600 筛选值表中）`);
    this.name = 'UnknownAnalyteError';
  }
}

/** The values one item's results are judged against, for one land class and one jurisdiction. */
export interface ItemLimits {
  item: AnalyteItem;
  /** null: no value to judge against (a pollutant without a standard value and without a site value). */
  screeningValue: number | null;
  interventionValue: number | null;
  /** The jurisdiction's background value, for an item with the background exception; else undefined. */
  background?: number;
  /** For a pollutant without a standard value. */
  noStandard?: { siteValue?: SiteValue };
}

/**
 * What one item's results add up to. Tallies of parts add up to the tally of
 * the whole, so the database may count groups of results and the sum is the
 * same as one pass over them.
 */
export interface ItemTally {
  /** Number of results. */
  n: number;
  nDetected: number;
  /** Highest detected value, mg/kg; null when nothing was detected. */
  max: number | null;
  nAboveScreening: number;
  nAboveIntervention: number;
  /** Results above the screening value but not above the background value. */
  nExempt: number;
}

/** One group of results as the database counts it: by the CAS number stored with each sample. */
export type CasTally = ItemTally & { cas: string };

export function itemLimits(item: ScreeningItem, landClass: LandClass, background?: Map<string, number>): ItemLimits {
  return {
    item,
    screeningValue: item.screening[landClass],
    interventionValue: item.intervention[landClass],
    background: backgroundFor(item, background),
  };
}

/**
 * An exceedance of `limit` is a result strictly above it: GB 36600 §3 defines
 * the screening value as the content "等于或者低于该值的，对人体健康的风险可以忽略；
 * 超过该值的，对人体健康可能存在风险", and §5 speaks of results "超过筛选值" /
 * "超过管制值"; a result equal to the value is not an exceedance.
 * For items with the background exception (arsenic in Table 1), a result that
 * exceeds but is "等于或者低于土壤环境背景值" is not counted, for the intervention
 * value too (note to Tables 1 and 2: 不纳入污染地块管理); without a background
 * value for the jurisdiction, no exemption is made.
 * The database counts with the same test (ScreeningRepository.tallies).
 */
export function countsAsExceedance(value: number, limit: number | null, background: number | undefined): boolean {
  return limit !== null && value > limit && (background === undefined || value > background);
}

/**
 * The limits of a result's item: a GB 36600 item of the land class, or a pollutant without a
 * standard value (judged against the plot's own value when it has one); undefined when unknown.
 */
export function limitsFor(cas: string, landClass: LandClass, standard: ScreeningStandard, opts: ScreeningOptions): ItemLimits | undefined {
  const item = standard.byCas(cas);
  if (item) return itemLimits(item, landClass, opts.background);
  const free = opts.noStandard?.byCas(cas, 'soil');
  return free && noStandardLimits(free, 'soil', opts.siteValues);
}

/** The limits of a pollutant without a standard value: the plot's own value for the medium, if set. */
export function noStandardLimits(item: AnalyteItem, medium: SampleMedium, siteValues: readonly SiteValue[] = []): ItemLimits {
  const siteValue = siteValues.find((v) => v.medium === medium && (v.cas === item.cas || v.name === item.nameZh));
  return { item, screeningValue: siteValue?.value ?? null, interventionValue: null, noStandard: siteValue ? { siteValue } : {} };
}

/**
 * Screens results against GB 36600-2018 for one land class, in one pass over
 * them (a file of any size: no call receives the results as arguments).
 * Not-detected results never exceed.
 */
export function screenSamples(
  rows: readonly ScreenedValue[],
  landClass: LandClass,
  standard: ScreeningStandard,
  opts: ScreeningOptions = {},
): ScreeningResult {
  return screenByItem(rows, landClass, standard, opts, (tally, row, limits) => addResult(tally, row, limits));
}

/** The screening result from tallies counted elsewhere (the database) with the limits of `limitTable`. */
export function screeningOf(
  tallies: readonly CasTally[],
  landClass: LandClass,
  standard: ScreeningStandard,
  opts: ScreeningOptions = {},
): ScreeningResult {
  return screenByItem(tallies, landClass, standard, opts, (tally, t) => addTally(tally, t));
}

/** Groups results or tallies by GB 36600 item with the item's limits for the land class, then builds the result. */
function screenByItem<T extends { cas: string }>(
  entries: readonly T[],
  landClass: LandClass,
  standard: ScreeningStandard,
  opts: ScreeningOptions,
  add: (tally: ItemTally, entry: T, limits: ItemLimits) => void,
): ScreeningResult {
  assertLandClass(landClass);
  const byItem = groupByItem(entries, (cas) => limitsFor(cas, landClass, standard, opts), add);
  return resultOf(landClass, byItem, standard);
}

/** Results or tallies grouped by the item their CAS number belongs to, each group with its limits. */
export function groupByItem<T extends { cas: string }>(
  entries: readonly T[],
  limitsOf: (cas: string) => ItemLimits | undefined,
  add: (tally: ItemTally, entry: T, limits: ItemLimits) => void,
): Map<string, { limits: ItemLimits; tally: ItemTally }> {
  const byItem = new Map<string, { limits: ItemLimits; tally: ItemTally }>();
  for (const e of entries) {
    let entry = byItem.get(e.cas);
    if (!entry || entry.limits.item.cas !== e.cas) {
      const limits = limitsOf(e.cas);
      if (!limits) throw new UnknownAnalyteError(e.cas);
      entry = byItem.get(limits.item.cas);
      if (!entry) byItem.set(limits.item.cas, (entry = { limits, tally: emptyTally() }));
    }
    add(entry.tally, e, entry.limits);
  }
  return byItem;
}

/** Limits by CAS number, as columns for SQL; background null where no exemption applies. */
export interface LimitTable {
  cas: string[];
  screening: Array<number | null>;
  intervention: Array<number | null>;
  background: Array<number | null>;
}

/**
 * The limits for every CAS number the standard knows (an item's key and each number of a sum),
 * and for the pollutants without a standard value that the plot has its own value for.
 */
export function limitTable(standard: ScreeningStandard, landClass: LandClass, opts: ScreeningOptions | Map<string, number> = {}): LimitTable {
  assertLandClass(landClass);
  const o: ScreeningOptions = opts instanceof Map ? { background: opts } : opts;
  const table: LimitTable = { cas: [], screening: [], intervention: [], background: [] };
  for (const item of standard.items) pushLimits(table, itemLimits(item, landClass, o.background));
  for (const v of o.siteValues ?? []) {
    const item = v.medium === 'soil' ? o.noStandard?.find(v.cas, 'soil') ?? o.noStandard?.find(v.name, 'soil') : undefined;
    if (item) pushLimits(table, noStandardLimits(item, 'soil', o.siteValues));
  }
  return table;
}

/** Adds one item's limits under its key and each of its CAS numbers. */
export function pushLimits(table: LimitTable, limits: ItemLimits): void {
  for (const cas of new Set([limits.item.cas, ...limits.item.casNumbers])) {
    table.cas.push(cas);
    table.screening.push(limits.screeningValue);
    table.intervention.push(limits.interventionValue);
    table.background.push(limits.background ?? null);
  }
}

/** What an item's highest detected result decides alone: enough for the registers (README, Registers). */
export interface AnalyteExceedance {
  cas: string;
  name: string;
  max: number | null;
  factor: number | null;
  aboveScreening: boolean;
  aboveIntervention: boolean;
}

/**
 * Per item, whether any result counts as above the screening and intervention
 * values, from the highest detected results alone: some result counts exactly
 * when the highest does, since a result counts when it is above the value and
 * above the background value. Ordered as the screening orders its analytes.
 */
export function exceedancesOf(
  maxima: ReadonlyArray<{ cas: string; max: number | null }>,
  landClass: LandClass,
  standard: ScreeningStandard,
  opts: ScreeningOptions = {},
): AnalyteExceedance[] {
  assertLandClass(landClass);
  const byItem = new Map<string, { l: ItemLimits; max: number | null }>();
  for (const m of maxima) {
    const l = limitsFor(m.cas, landClass, standard, opts);
    if (!l) throw new UnknownAnalyteError(m.cas);
    const seen = byItem.get(l.item.cas);
    byItem.set(l.item.cas, { l, max: higher(seen?.max ?? null, m.max) });
  }
  const out: AnalyteExceedance[] = [];
  for (const { l, max } of byItem.values()) {
    out.push({
      cas: l.item.cas,
      name: l.item.nameZh,
      max,
      factor: factorOf(max, l.screeningValue),
      aboveScreening: max !== null && countsAsExceedance(max, l.screeningValue, l.background),
      aboveIntervention: max !== null && countsAsExceedance(max, l.interventionValue, l.background),
    });
  }
  return out.sort(byFactorDesc(standard));
}

function assertLandClass(landClass: LandClass): void {
  if (landClass !== 1 && landClass !== 2) throw new RangeError(`用地类别必须是 1 或 2，实际为 ${String(landClass)}`);
}

function backgroundFor(item: ScreeningItem, background?: Map<string, number>): number | undefined {
  if (!item.backgroundException || !background) return undefined;
  for (const cas of [item.cas, ...item.casNumbers]) {
    const value = background.get(cas);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** max / value rounded to 3 decimals; null when nothing was detected or there is no value. */
export function factorOf(max: number | null, value: number | null): number | null {
  return max === null || value === null ? null : round3(max / value);
}

export function emptyTally(): ItemTally {
  return { n: 0, nDetected: 0, max: null, nAboveScreening: 0, nAboveIntervention: 0, nExempt: 0 };
}

export function higher(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null || a >= b ? a : b;
}

export function addResult(t: ItemTally, row: ScreenedValue, l: ItemLimits): void {
  t.n++;
  if (!row.detected || row.value === null) return;
  const v = row.value;
  t.nDetected++;
  t.max = higher(t.max, v);
  if (countsAsExceedance(v, l.screeningValue, l.background)) t.nAboveScreening++;
  if (countsAsExceedance(v, l.interventionValue, l.background)) t.nAboveIntervention++;
  if (l.background !== undefined && l.screeningValue !== null && v > l.screeningValue && v <= l.background) t.nExempt++;
}

export function addTally(into: ItemTally, t: ItemTally): void {
  into.n += t.n;
  into.nDetected += t.nDetected;
  into.max = higher(into.max, t.max);
  into.nAboveScreening += t.nAboveScreening;
  into.nAboveIntervention += t.nAboveIntervention;
  into.nExempt += t.nExempt;
}

function resultOf(landClass: LandClass, byItem: Map<string, { limits: ItemLimits; tally: ItemTally }>, standard: ScreeningStandard): ScreeningResult {
  const analytes: AnalyteScreening[] = [];
  let rowCount = 0;
  for (const { limits, tally } of byItem.values()) {
    rowCount += tally.n;
    analytes.push(analyteOf(limits, tally));
  }
  // At most one entry per item of the standard: a short sort.
  analytes.sort(byFactorDesc(standard));
  return { landClass, verdict: verdictOf(rowCount, analytes), analytes };
}

function analyteOf(l: ItemLimits, t: ItemTally): AnalyteScreening {
  const result: AnalyteScreening = {
    cas: l.item.cas,
    name: l.item.nameZh,
    n: t.n,
    nDetected: t.nDetected,
    max: t.max,
    screeningValue: l.screeningValue,
    interventionValue: l.interventionValue,
    nAboveScreening: t.nAboveScreening,
    nAboveIntervention: t.nAboveIntervention,
    factor: factorOf(t.max, l.screeningValue),
  };
  if (l.background !== undefined) {
    result.backgroundValue = l.background;
    result.backgroundExempt = t.nExempt > 0;
  }
  if (l.noStandard) Object.assign(result, noStandardFields(l.noStandard.siteValue));
  return result;
}

/** How a pollutant without a standard value is shown: 无标准值, and the plot's own value with its source when set. */
export function noStandardFields(siteValue: SiteValue | undefined): Pick<AnalyteScreening, 'noStandardValue' | 'note' | 'siteValue'> {
  if (!siteValue) return { noStandardValue: true, note: NO_STANDARD_LABEL };
  const { value, unit, source } = siteValue;
  return { noStandardValue: true, note: `${NO_STANDARD_LABEL}；按地块确定的值 ${value} ${unit} 筛选（${source}）`, siteValue: { value, unit, source } };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function byFactorDesc(standard: { items: readonly AnalyteItem[] }) {
  const order = new Map(standard.items.map((item, i) => [item.cas, i]));
  return (a: { cas: string; factor: number | null }, b: { cas: string; factor: number | null }): number => {
    const fa = a.factor ?? -1;
    const fb = b.factor ?? -1;
    return fb - fa || (order.get(a.cas) ?? order.size) - (order.get(b.cas) ?? order.size) || a.cas.localeCompare(b.cas);
  };
}

function verdictOf(rowCount: number, analytes: AnalyteScreening[]): ScreeningVerdict {
  if (rowCount === 0) return 'no_data';
  if (analytes.some((a) => a.nAboveIntervention > 0)) return 'above_intervention';
  if (analytes.some((a) => a.nAboveScreening > 0)) return 'above_screening';
  return 'below_screening';
}
