import type { WarningContext } from './context';
import type { WarningEvent } from './events';

export interface WarningGuardArgs {
  context: WarningContext;
  event: WarningEvent;
}

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim().length >= 2;

/** 上政文〔2017〕147号 三（一）4: 核实 and 处置 are written down — every step states what was found or done. */
export function noteGiven({ event }: WarningGuardArgs): boolean {
  return 'note' in event && filled(event.note);
}

/** A warning dismissed as a false alarm, or closed, says why (the system's own rule: no silent closure). */
export function reasonGiven({ event }: WarningGuardArgs): boolean {
  return 'reason' in event && filled(event.reason);
}

/** 处置 before 关闭: a confirmed exceedance is closed only after at least one measure is recorded. */
export function measuresRecorded({ context }: WarningGuardArgs): boolean {
  return context.measures.length > 0;
}

/**
 * 上政文〔2017〕147号 三（一）4 and 三（四）2: a lasting exceedance (the configured number of campaigns in a row above
 * the screening value) beside what the point watches leads to an investigation or inspection; a single one does not.
 */
export function lastingExceedance({ context }: WarningGuardArgs): boolean {
  return context.rule === 'aboveScreening' && context.consecutiveExceedances >= context.lastingCampaigns;
}

/** 土壤法第五十二条 (调查 of land whose monitoring shows a risk): the point watches a plot. */
export function watchesPlot({ context }: WarningGuardArgs): boolean {
  return context.plotId !== null;
}

/** 土壤法第二十一条第二款第二项 (隐患排查 of a key unit): the point watches a key supervised unit. */
export function watchesUnit({ context }: WarningGuardArgs): boolean {
  return context.unitId !== null;
}

/** One proposal of each kind per warning (the system's own rule). */
export function investigationNotYetProposed({ context }: WarningGuardArgs): boolean {
  return !context.proposals.some((p) => p.kind === 'investigation');
}

export function inspectionNotYetProposed({ context }: WarningGuardArgs): boolean {
  return !context.proposals.some((p) => p.kind === 'hiddenDangerInspection');
}

export const warningGuards = {
  noteGiven,
  reasonGiven,
  measuresRecorded,
  lastingExceedance,
  watchesPlot,
  watchesUnit,
  investigationNotYetProposed,
  inspectionNotYetProposed,
};

/** What raising a warning is judged on: the result is above its screening value, or the trend rises. */
export interface WarningStartFacts {
  rule: string;
  factor: number | null;
  risingValues: number[];
}

export const warningStartGuards = {
  /** reference/monitoring.json warningRules: aboveScreening — value ÷ screening value > 1. */
  ruleHolds: (f: WarningStartFacts): boolean =>
    f.rule === 'aboveScreening'
      ? f.factor !== null && f.factor > 1
      : f.rule === 'risingTrend' && f.risingValues.length >= 3 && f.risingValues.every((v, i) => i === 0 || v > f.risingValues[i - 1]),
};
