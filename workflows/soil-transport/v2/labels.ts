import type { GuardReason, StartRefusals } from '../../types';
import * as v1 from '../v1/labels';
import type { transportStartGuards } from '../v1/guards';
import type { TransportEventTypeV2 } from './events';
import type { soilTransportGuardsV2 } from './guards';

type TransportGuardNameV2 = keyof typeof soilTransportGuardsV2 | keyof typeof transportStartGuards;

/** Chinese labels of the soil-transport v2 states, by dotted path. */
export const TRANSPORT_STATE_LABELS: Readonly<Record<string, string>> = {
  ...v1.TRANSPORT_STATE_LABELS,
  filed: '已报告 · 待两地确认',
  acknowledged: '已确认 · 待发运',
  inTransit: '分批转运中',
  discrepancy: '数量不符 · 待核查',
  closed: '转运完成',
};

export const TRANSPORT_EVENT_LABELS: Readonly<Record<TransportEventTypeV2, string>> = {
  ...v1.TRANSPORT_EVENT_LABELS,
  DISPATCH: '发运一批',
  RECORD_RECEIPT: '登记本批接收',
  COMPLETE: '转运计划完成',
};

// The start keeps v1's words: a transport is registered as a 转运批次 (SJ-2026-001-1) across the product.
export const TRANSPORT_START_EVENT_LABELS = v1.TRANSPORT_START_EVENT_LABELS;

export function stateLabel(path: string): string {
  return TRANSPORT_STATE_LABELS[path] ?? path;
}

export function eventLabel(type: string): string {
  return (TRANSPORT_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? TRANSPORT_START_EVENT_LABELS[type] ?? type;
}

const t = (n: unknown): string => (typeof n === 'number' && Number.isFinite(n) ? `${Math.round(n * 1000) / 1000}` : '—');
const ctx = (c: Record<string, unknown>) =>
  c as { details?: { quantityT?: number } | null; totals?: { dispatchedT?: number }; batches?: { batchNo: number; status: string }[] };
const which = (e: Record<string, unknown>) => (typeof e.batchNo === 'number' ? `第 ${e.batchNo} 批` : '');

/** Why each guard refuses, in Chinese: the reason of the engine's 422 answers and of the console. */
export const TRANSPORT_GUARD_REASONS: Readonly<Record<TransportGuardNameV2, GuardReason>> = {
  ...v1.TRANSPORT_GUARD_REASONS,
  hazardousReceiverLicensed:
    '转运的污染土壤属于危险废物的，须填写接收单位的危险废物经营许可证编号（土壤法第四十一条；《危险废物转移管理办法》）',
  dispatchBeforeAcknowledgementAllowed: '按本系统设置，须待所在地和接收地生态环境部门均确认转运报告后方可发运',
  plannedStartReached: '未到转运计划报告的开始日期，不能发运（土壤法第四十一条：提前报告）',
  hazardousManifestGiven:
    '属于危险废物的污染土壤，每批发运都须填写危险废物转移联单编号（《中华人民共和国固体废物污染环境防治法》第八十二条；《危险废物转移管理办法》）',
  batchNoUnused: (e) => `${which(e) || '该批次'}已发运过，请填写新的批次号或留空由系统编号`,
  withinReportedQuantity: (e, c) => {
    const { details, totals } = ctx(c);
    const after = (totals?.dispatchedT ?? 0) + (typeof e.quantityT === 'number' ? e.quantityT : 0);
    return `本批发运 ${t(e.quantityT)} 吨后累计发运 ${t(after)} 吨，超过转运计划报告的 ${t(details?.quantityT)} 吨（已发运 ${t(totals?.dispatchedT ?? 0)} 吨）；超出部分须另行报告转运计划（土壤法第四十一条）`;
  },
  batchAwaitingReceipt: (e) =>
    which(e) ? `${which(e)}不是本计划在途的批次，不能登记接收` : '本计划没有在途的批次，不能登记接收',
  receivedWithinTolerance: '本批接收量与发运量之差超过允许误差',
  settlesWholePlan: '尚有批次未接收或未核对，或转运计划的数量尚未全部发运',
  batchInDiscrepancy: (e) => (which(e) ? `${which(e)}没有待核查的数量差异` : '本计划没有待核查的数量差异'),
  resolvesLastDiscrepancy: '尚有其他批次的数量差异待核查',
  allBatchesReconciled: '每一批发运的污染土壤都须登记接收并核对无误（数量差异经接收地生态环境部门核查）后，方可确认转运计划完成（土壤法第四十一条）',
};

export const TRANSPORT_START_REFUSALS: StartRefusals = v1.TRANSPORT_START_REFUSALS;

/** The Chinese reason of a refusing guard, for the refused event in its context. */
export function guardReason(
  guard: { name: string; negated?: boolean },
  event: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
): string {
  const reason = guard.negated ? undefined : TRANSPORT_GUARD_REASONS[guard.name as TransportGuardNameV2];
  if (reason === undefined) return '不符合办理条件';
  return typeof reason === 'string' ? reason : reason(event, context);
}
