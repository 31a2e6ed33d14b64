import type { GuardReason, StartRefusals } from '../../types';
import type { WarningEventType } from './events';
import type { warningGuards, warningStartGuards } from './guards';

type GuardName = keyof typeof warningGuards | keyof typeof warningStartGuards;

export const WARNING_STATE_LABELS: Readonly<Record<string, string>> = {
  raised: '已预警 · 待核实',
  verifying: '核实中',
  handling: '处置中',
  closed: '已关闭',
};

export const WARNING_EVENT_LABELS: Readonly<Record<WarningEventType, string>> = {
  VERIFY_START: '开始核实',
  CONFIRM: '确认超标',
  DISMISS: '核实为误报',
  RECORD_MEASURES: '登记处置措施',
  PROPOSE_INVESTIGATION: '建议开展土壤污染状况调查',
  PROPOSE_HIDDEN_DANGER_INSPECTION: '建议开展土壤污染隐患排查',
  CLOSE: '关闭预警',
};

export const WARNING_START_EVENT_LABELS: Readonly<Record<string, string>> = { RAISE: '发出预警' };

export const WARNING_RULE_LABELS: Readonly<Record<string, string>> = {
  aboveScreening: '超过风险筛选值',
  risingTrend: '连续三次监测呈上升趋势',
};

export function stateLabel(path: string): string {
  return WARNING_STATE_LABELS[path] ?? path;
}

export function eventLabel(type: string): string {
  return (WARNING_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? WARNING_START_EVENT_LABELS[type] ?? type;
}

const n = (x: unknown) => (typeof x === 'number' ? String(x) : '—');

export const WARNING_GUARD_REASONS: Readonly<Record<GuardName, GuardReason>> = {
  noteGiven: '请写明核实或处置的情况（至少两个字）',
  reasonGiven: '请写明理由（至少两个字）',
  measuresRecorded: '确认超标的预警须先登记处置措施，方可关闭',
  lastingExceedance: (_e, c) =>
    `只有连续 ${n(c.lastingCampaigns)} 次监测超过风险筛选值的持续超标，才建议开展调查或隐患排查；该点位连续超标 ${n(c.consecutiveExceedances)} 次（上政文〔2017〕147号 三（一）4）`,
  watchesPlot: '该监测点位未关联地块，不能建议开展土壤污染状况调查',
  watchesUnit: '该监测点位未关联重点监管单位，不能建议开展隐患排查',
  investigationNotYetProposed: '该预警已建议开展土壤污染状况调查',
  inspectionNotYetProposed: '该预警已建议开展土壤污染隐患排查',
  ruleHolds: '监测结果未超过风险筛选值，也未连续三次上升，不发出预警',
};

export const WARNING_START_REFUSALS: StartRefusals = {
  eeb: '只有监测点位所在区（县）的生态环境部门可以发出预警',
  otherRoles: '只有监测点位所在区（县）的生态环境部门可以发出预警',
};

export function guardReason(guard: { name: string; negated?: boolean }, event: Record<string, unknown> = {}, context: Record<string, unknown> = {}): string {
  const reason = guard.negated ? undefined : WARNING_GUARD_REASONS[guard.name as GuardName];
  if (reason === undefined) return '不符合办理条件';
  return typeof reason === 'string' ? reason : reason(event, context);
}
