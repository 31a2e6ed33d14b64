import type { TransportEventType } from './events';
import type { GuardReason, StartRefusals } from '../../types';
import { stateLabel as plotStateLabel } from '../../plot-lifecycle/v1/labels';
import type { soilTransportGuards, transportStartGuards } from './guards';

type TransportGuardName = keyof typeof soilTransportGuards | keyof typeof transportStartGuards;

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

/** The start's event (soilTransportStart.event), which the first audit row records: not an event of the machine. */
export const TRANSPORT_START_EVENT_LABELS: Readonly<Record<string, string>> = {
  OPEN: '新建转运批次',
};

/** Chinese label of an event type, the start's included; the type itself if unknown. */
export function eventLabel(type: string): string {
  return (TRANSPORT_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? TRANSPORT_START_EVENT_LABELS[type] ?? type;
}

/** Why each guard refuses, in Chinese: the reason of the engine's 422 answers and of the console. */
export const TRANSPORT_GUARD_REASONS: Readonly<Record<TransportGuardName, GuardReason>> = {
  transportPlanComplete: '转运计划的每一项（时间、方式、路线、承运人、车辆、数量、去向、最终处置）都须填写（土壤法第四十一条）',
  plotInRemediationWorks: '只有处于修复施工中的地块可以报告污染土壤转运',
  leadTimeOfWorkingDaysMet: (e) => {
    const lt = e.leadTime as { workingDaysUntilStart?: number; requiredWorkingDays?: number } | undefined;
    return `转运须提前 ${lt?.requiredWorkingDays ?? '规定的'} 个工作日报告，计划开始日期距今仅 ${lt?.workingDaysUntilStart ?? '不足'} 个工作日（法定节假日不计，调休上班日计入）`;
  },
  sidesNotYetAcknowledged: '贵局已确认过此转运报告',
  completesAcknowledgement: '尚待另一方生态环境部门确认',
  reasonGiven: '须说明理由',
  plannedStartReached: '未到计划开始日期，不能启运',
  receivedWithinTolerance: '接收量与启运量之差超过允许误差',
  explanationGiven: '须说明差异的原因',
  plotInRemediation: (e) =>
    `地块处于“${plotStateLabel(String(e.plotState))}”，只有治理与修复阶段的地块可以外运污染土壤（土壤法第四十一条）`,
};

/** Why opening a batch is refused to a caller: only the plot's own holder may. */
export const TRANSPORT_START_REFUSALS: StartRefusals = {
  holder: '只有本地块的土地使用权人可以新建转运批次',
  otherRoles: '只有本地块的土地使用权人可以新建转运批次',
};

/** The Chinese reason of a refusing guard, for the refused event in its context. */
export function guardReason(
  guard: { name: string; negated?: boolean },
  event: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
): string {
  const reason = guard.negated ? undefined : TRANSPORT_GUARD_REASONS[guard.name as TransportGuardName];
  if (reason === undefined) return '不符合办理条件';
  return typeof reason === 'string' ? reason : reason(event, context);
}
