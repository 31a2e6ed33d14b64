import type { Principal } from '../auth/principal';
import type { ProposalReference } from './proposal-reference';
import type { ListRow, ProposalRow, ProposalStatus } from './proposals.repository';
import { landListDueDate, quarterLabel } from './quarter';

export const STATUS_LABELS: Record<ProposalStatus, string> = { proposed: '待确认', confirmed: '已确认为疑似污染地块', dismissed: '已排除' };
export const SOURCE_LABELS = { miit_closures: '工业和信息化部门关闭、搬迁、破产企业清单', land_quarterly: '自然资源部门季度收回、供应地块清单', public_report: '12369 公众举报' } as const;

// Only the bureaus that see plots are told which plot a row matched; the 工信 bureau learns that there is one.
const SEES_PLOTS = new Set(['eeb', 'land', 'admin']);

export function toProposalResponse(ref: ProposalReference, me: Principal, r: ProposalRow) {
  const named = SEES_PLOTS.has(me.role);
  return {
    id: r.id,
    listId: r.listId,
    publicReportId: r.publicReportId,
    note: r.note,
    line: r.line,
    source: r.source,
    sourceLabel: SOURCE_LABELS[r.source],
    quarter: r.quarter,
    jurisdictionCode: r.jurisdictionCode,
    reason: r.reason,
    reasonLabel: ref.reasons[r.reason].label,
    basis: ref.reasons[r.reason].basis,
    name: r.name,
    creditCode: r.creditCode,
    parcelCode: r.parcelCode,
    address: r.address,
    areaM2: r.areaM2 === null ? null : Number(r.areaM2),
    intendedUse: r.intendedUse,
    keyUnit: r.keyUnit,
    boundary: r.boundary,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    decisionReason: r.decisionReason,
    plotId: r.plotId,
    matchedPlot: r.matchedPlotId
      ? named
        ? { id: r.matchedPlotId, code: r.matchedPlotCode, name: r.matchedPlotName }
        : { id: null, code: null, name: null }
      : null,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

export function toListResponse(ref: ProposalReference, l: ListRow | (Omit<ListRow, 'createdAt' | 'uploadedByName' | 'organisationName'> & { createdAt?: string })) {
  const due = l.quarter ? landListDueDate(l.quarter, ref.landListDueDay.day) : null;
  return {
    id: l.id,
    source: l.source,
    sourceLabel: SOURCE_LABELS[l.source],
    jurisdictionCode: l.jurisdictionCode,
    quarter: l.quarter,
    quarterLabel: l.quarter ? quarterLabel(l.quarter) : null,
    dueDate: due,
    late: l.late,
    lateNote: l.late ? `晚于报送期限（${due}）提交，已接收并标注逾期；期限依据：${ref.landListDueDay.basis}` : null,
    fileName: l.fileName,
    sha256: l.sha256,
    rowCount: l.rowCount,
    uploadedByName: 'uploadedByName' in l ? l.uploadedByName : undefined,
    organisationName: 'organisationName' in l ? l.organisationName : undefined,
    createdAt: l.createdAt ? new Date(l.createdAt).toISOString() : undefined,
  };
}
