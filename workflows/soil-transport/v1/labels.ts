import type { TransportEventType } from './events';
import type { soilTransportGuards } from './guards';

/** Chinese labels of the soil-transport states, by dotted path. */
export const TRANSPORT_STATE_LABELS: Readonly<Record<string, string>> = {
  draft: '编制转运计划',
  filed: '已报告 · 待两地确认',
  acknowledged: '已确认 · 待发运',
  inTransit: '运输中',
  discrepancy: '数量不符 · 待核查',
  closed: '转运完成',
  cancelled: '已取消',
};

export const TRANSPORT_EVENT_LABELS: Readonly<Record<TransportEventType, string>> = {
  SUBMIT: '报送转运计划',
  ACKNOWLEDGE: '确认转运报告',
  OBJECT: '提出异议',
  DISPATCH: '发运',
  RECORD_RECEIPT: '登记接收',
  RESOLVE: '核查结论',
  CANCEL: '取消转运',
};

/** Chinese label of a dotted state path; the path itself if unknown. */
export function stateLabel(path: string): string {
  return TRANSPORT_STATE_LABELS[path] ?? path;
}

/** Chinese label of an event type; the type itself if unknown. */
export function eventLabel(type: string): string {
  return (TRANSPORT_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? type;
}

/** Why each guard refuses, in Chinese, for 422 answers and the UI. */
export const TRANSPORT_GUARD_REASONS: Readonly<Record<keyof typeof soilTransportGuards, string>> = {
  transportPlanComplete: '转运计划缺少运输时间、方式、线路、数量、去向或最终处置措施',
  plotInRemediationWorks: '地块不在修复施工阶段',
  leadTimeOfWorkingDaysMet: '未按规定提前足够的工作日报告',
  sidesNotYetAcknowledged: '该方已确认过本次转运报告',
  completesAcknowledgement: '尚待另一方生态环境部门确认',
  reasonGiven: '未说明理由',
  plannedStartReached: '未到报告的转运开始日期',
  receivedWithinTolerance: '接收量与发运量差异超过允许范围',
  explanationGiven: '未说明核查结论',
};

/** Chinese reason of a guard by name; the name itself if unknown. */
export function guardReason(name: string): string {
  return (TRANSPORT_GUARD_REASONS as Readonly<Record<string, string>>)[name] ?? name;
}
