import type { LandClass } from '../../workflows';
import { ReferenceDataError, readTextFile, referencePath } from '../reference/reference-files';

/**
 * 污染地块安全利用率 (上政文〔2017〕147号 二; definition and sources in reference/safe-use-indicator.json).
 * A pure calculation over plots' facts: the caller reads each plot's state and permitted land class as
 * they were when its development began (from the audit trail) and passes them in.
 */
export interface SafeUsePlot {
  id: string;
  /** The day the plot entered the procedure (listed as suspected), YYYY-MM-DD. */
  enteredOn: string;
  /** plot-lifecycle state when the development began (top level or dotted path); the current one if never developed. */
  state: string;
  plannedLandClass: LandClass;
  /** The class the evidence permits, as it stood when the development began; null when none was recorded. */
  permittedLandClass: LandClass | null;
  /** The use the plot was developed for (开发利用), a GB 50137 use name; null or absent when not developed. */
  developedFor?: string | null;
  /** The day the development began (land supply or construction), YYYY-MM-DD. */
  developedOn?: string | null;
}

export interface SafeUseTarget {
  year: number;
  minRate: number;
  source: string;
}

export interface SafeUseDefinition {
  targets: SafeUseTarget[];
  concludedStates: string[];
  inProcedureStates: string[];
  legalBasis: { definition: string; beforeConclusion: string; whileListed: string; landClass: string; safe: string };
}

export interface CountedPlot {
  id: string;
  safe: boolean;
  /** Chinese, for the dashboard and D14. */
  reason: string;
  basis: string;
}

export interface SafeUseResult {
  year: number;
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when no plot counts. */
  rate: number | null;
  /** The plan's target in force for the year (the latest whose year is not after it), or null. */
  target: SafeUseTarget | null;
  meetsTarget: boolean | null;
  counted: CountedPlot[];
  basis: string;
}

export interface SafeUseOptions {
  year: number;
  /** The land class of a use name (e.g. landClassOfPlannedUse of src/plots/dto/planned-use). */
  landClassOf: (use: string) => LandClass;
  definition: SafeUseDefinition;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLASS_LABEL: Record<LandClass, string> = { 1: '第一类用地', 2: '第二类用地' };

export function computeSafeUse(plots: readonly SafeUsePlot[], options: SafeUseOptions): SafeUseResult {
  const { year, definition } = options;
  if (!Number.isInteger(year)) throw new RangeError(`年份应为整数：${year}`);
  const yearEnd = `${year}-12-31`;
  const counted = plots
    .filter((p) => dateOf(p.id, 'enteredOn', p.enteredOn) <= yearEnd)
    .filter((p) => p.developedFor && p.developedOn && dateOf(p.id, 'developedOn', p.developedOn) <= yearEnd)
    .map((p) => judge(p, options));
  const numerator = counted.filter((c) => c.safe).length;
  const denominator = counted.length;
  const rate = denominator === 0 ? null : numerator / denominator;
  const target = [...definition.targets].filter((t) => t.year <= year).sort((a, b) => b.year - a.year)[0] ?? null;
  return {
    year,
    numerator,
    denominator,
    rate,
    target,
    meetsTarget: rate === null || target === null ? null : rate >= target.minRate,
    counted,
    basis: definition.legalBasis.definition,
  };
}

function judge(plot: SafeUsePlot, { landClassOf, definition }: SafeUseOptions): CountedPlot {
  const top = plot.state.split('.')[0];
  const basis = definition.legalBasis;
  const use = plot.developedFor as string;
  if (definition.inProcedureStates.includes(top)) {
    return top === 'listed'
      ? unsafe(plot, `列入风险管控和修复名录期间即开发利用为“${use}”`, basis.whileListed)
      : unsafe(plot, `调查评估程序未完成即开发利用为“${use}”`, basis.beforeConclusion);
  }
  if (!definition.concludedStates.includes(top)) {
    throw new RangeError(`地块 ${plot.id} 的状态“${plot.state}”不在安全利用率的定义之内`);
  }
  const permitted = plot.permittedLandClass ?? plot.plannedLandClass;
  const developed = landClassOf(use);
  // A first-class permission covers both classes; a second-class one only the second.
  if (developed < permitted) {
    return unsafe(plot, `开发利用为“${use}”（${CLASS_LABEL[developed]}），超出调查评估结论允许的${CLASS_LABEL[permitted]}`, basis.landClass);
  }
  return { id: plot.id, safe: true, reason: `程序完成后开发利用为“${use}”（${CLASS_LABEL[developed]}），符合允许的${CLASS_LABEL[permitted]}`, basis: basis.safe };
}

function unsafe(plot: SafeUsePlot, reason: string, basis: string): CountedPlot {
  return { id: plot.id, safe: false, reason, basis };
}

function dateOf(id: string, field: string, value: string): string {
  if (!DATE.test(value)) throw new RangeError(`地块 ${id} 的 ${field} 应为 YYYY-MM-DD：${value}`);
  return value;
}

const FILE = 'safe-use-indicator.json';

/** Reads reference/safe-use-indicator.json, refusing a file without its targets, states or bases. */
export function loadSafeUseDefinition(path = referencePath(FILE)): SafeUseDefinition {
  let data: Partial<SafeUseDefinition>;
  try {
    data = JSON.parse(readTextFile(path)) as Partial<SafeUseDefinition>;
  } catch (e) {
    if (e instanceof ReferenceDataError) throw e;
    throw new ReferenceDataError(path, undefined, undefined, `不是有效的 JSON（${(e as Error).message}）`);
  }
  const targets = data.targets;
  if (!Array.isArray(targets) || !targets.every((t) => Number.isInteger(t?.year) && t.minRate > 0 && t.minRate <= 1 && typeof t.source === 'string')) {
    throw new ReferenceDataError(path, undefined, 'targets', '每个目标应有年份、0 到 1 之间的比率和来源');
  }
  for (const key of ['concludedStates', 'inProcedureStates'] as const) {
    if (!Array.isArray(data[key]) || !(data[key] as unknown[]).every((s) => typeof s === 'string')) {
      throw new ReferenceDataError(path, undefined, key, '应为状态名称的列表');
    }
  }
  const lb = data.legalBasis;
  if (!lb || !(['definition', 'beforeConclusion', 'whileListed', 'landClass', 'safe'] as const).every((k) => typeof lb[k] === 'string')) {
    throw new ReferenceDataError(path, undefined, 'legalBasis', '缺少依据');
  }
  return { targets, concludedStates: data.concludedStates!, inProcedureStates: data.inProcedureStates!, legalBasis: lb };
}
