import { LandClass, ScreeningItem, ScreeningStandard } from './gb36600';

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
export type ScreeningVerdict = 'no_data' | 'below_screening' | 'above_screening' | 'above_intervention';

export interface AnalyteScreening {
  cas: string;
  name: string;
  /** Number of results. */
  n: number;
  nDetected: number;
  /** Highest detected value, mg/kg; null when nothing was detected. */
  max: number | null;
  screeningValue: number;
  interventionValue: number;
  /** Counted exceedances: results above the value, less those exempted by the background value. */
  nAboveScreening: number;
  nAboveIntervention: number;
  /** max / screeningValue, rounded to 3 decimals; null when nothing was detected. */
  factor: number | null;
  /** Present for items with the background exception when the jurisdiction has a value. */
  backgroundValue?: number;
  /** True when at least one result above the screening value was exempted as not above background. */
  backgroundExempt?: boolean;
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

/**
 * Screens results against GB 36600-2018 for one land class.
 *
 * An exceedance is a result strictly above the value: GB 36600 §3 defines the
 * screening value as the content "等于或者低于该值的，对人体健康的风险可以忽略；
 * 超过该值的，对人体健康可能存在风险", and §5 speaks of results "超过筛选值" /
 * "超过管制值"; a result equal to the value is not an exceedance.
 * Not-detected results never exceed.
 * For items with the background exception (arsenic in Table 1), a result that
 * exceeds but is "等于或者低于土壤环境背景值" is not counted, for the intervention
 * value too (note to Tables 1 and 2: 不纳入污染地块管理); without a background
 * value for the jurisdiction, no exemption is made.
 */
export function screenSamples(
  rows: readonly ScreenedValue[],
  landClass: LandClass,
  standard: ScreeningStandard,
  opts: { background?: Map<string, number> } = {},
): ScreeningResult {
  if (landClass !== 1 && landClass !== 2) throw new RangeError(`用地类别必须是 1 或 2，实际为 ${String(landClass)}`);
  const groups = groupByItem(rows, standard);
  const analytes = [...groups.values()].map(({ item, values }) =>
    screenItem(item, values, landClass, backgroundFor(item, opts.background)),
  );
  analytes.sort(byFactorDesc(standard));
  return { landClass, verdict: verdictOf(rows.length, analytes), analytes };
}

function groupByItem(rows: readonly ScreenedValue[], standard: ScreeningStandard) {
  const groups = new Map<string, { item: ScreeningItem; values: ScreenedValue[] }>();
  for (const row of rows) {
    const item = standard.byCas(row.cas);
    if (!item) throw new UnknownAnalyteError(row.cas);
    const group = groups.get(item.cas) ?? { item, values: [] };
    group.values.push(row);
    groups.set(item.cas, group);
  }
  return groups;
}

function backgroundFor(item: ScreeningItem, background?: Map<string, number>): number | undefined {
  if (!item.backgroundException || !background) return undefined;
  for (const cas of [item.cas, ...item.casNumbers]) {
    const value = background.get(cas);
    if (value !== undefined) return value;
  }
  return undefined;
}

function screenItem(
  item: ScreeningItem,
  values: ScreenedValue[],
  landClass: LandClass,
  background: number | undefined,
): AnalyteScreening {
  const screeningValue = item.screening[landClass];
  const interventionValue = item.intervention[landClass];
  const detected = values.filter((v) => v.detected && v.value !== null).map((v) => v.value as number);
  const counted = (limit: number) => (v: number) => v > limit && (background === undefined || v > background);
  const max = detected.length > 0 ? Math.max(...detected) : null;
  const result: AnalyteScreening = {
    cas: item.cas,
    name: item.nameZh,
    n: values.length,
    nDetected: detected.length,
    max,
    screeningValue,
    interventionValue,
    nAboveScreening: detected.filter(counted(screeningValue)).length,
    nAboveIntervention: detected.filter(counted(interventionValue)).length,
    factor: max === null ? null : round3(max / screeningValue),
  };
  if (background !== undefined) {
    result.backgroundValue = background;
    result.backgroundExempt = detected.some((v) => v > screeningValue && v <= background);
  }
  return result;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function byFactorDesc(standard: ScreeningStandard) {
  const order = new Map(standard.items.map((item, i) => [item.cas, i]));
  return (a: AnalyteScreening, b: AnalyteScreening): number => {
    const fa = a.factor ?? -1;
    const fb = b.factor ?? -1;
    return fb - fa || (order.get(a.cas) ?? 0) - (order.get(b.cas) ?? 0);
  };
}

function verdictOf(rowCount: number, analytes: AnalyteScreening[]): ScreeningVerdict {
  if (rowCount === 0) return 'no_data';
  if (analytes.some((a) => a.nAboveIntervention > 0)) return 'above_intervention';
  if (analytes.some((a) => a.nAboveScreening > 0)) return 'above_screening';
  return 'below_screening';
}
