// The plot's timeline from the audit log: who, in which role and organisation, when, what, and why.
import { h, type Child } from '../dom.js';
import {
  AFTERCARE_KIND_LABELS, dateTime, DISCLOSED_WORK_LABELS, LAND_CLASS_LABELS, labelOf, PANEL_CONCLUSION_LABELS, REOPEN_REASON_LABELS, REPORT_KIND_LABELS,
  RESPONSIBLE_STATUS_LABELS, roleLabel, WORK_LABELS, ZONE_MEDIUM_LABELS,
} from '../format.js';
import { empty } from '../widgets.js';
import type { ReportRef } from './parties.js';

/**
 * The payload of an audited event (the event as sent, a free record on the server): the fields the timeline reads,
 * each optional since each event type carries its own.
 */
export interface AuditPayload {
  dueDate?: string;
  completedOn?: string;
  work?: string;
  orgId?: string;
  reportId?: string;
  rank?: number;
  negativeList?: string[];
  noticeBoard?: { project: string; contractorOrganisationId: string; startDate: string; endDate: string } | null;
  code?: string;
  name?: string;
  plannedUse?: string;
  plannedLandClass?: number;
  plannedStart?: string;
  quantityT?: number;
  manifestNo?: string;
  experts?: { name: string }[];
  conclusion?: string;
  summary?: string;
  expertIndex?: number;
  documentNumber?: string;
  decisionDate?: string;
  outcome?: string;
  publishedOn?: string;
  place?: string;
  note?: string;
  decidedOn?: string;
  organiserOrganisationId?: string;
  formerHolderResponsible?: boolean;
  contractNumber?: string;
  transferredOn?: string;
  transfereeOrganisationId?: string;
  agreedResponsibleOrganisationId?: string | null;
  status?: string;
  organisationId?: string;
  kind?: string;
  description?: string;
  dueOn?: string;
  restriction?: string | null;
  index?: number;
  noticeNumber?: string;
  signsPostedOn?: string;
  monitoring?: { medium: string; intervalMonths: number }[];
  medium?: string;
  reason?: string;
  opinion?: string;
  explanation?: string;
}

/** One entry of GET /plots/:id/history (src/plots/plot-history.service.ts `history`). */
export interface HistoryItem {
  seq: number;
  entity: string;
  type: string;
  typeLabel?: string;
  actor?: string | null;
  role?: string | null;
  roleLabel?: string;
  organisation?: string | null;
  from?: string | null;
  to?: string | null;
  toLabel?: string;
  at: string;
  payload?: AuditPayload | null;
  hash?: string | null;
}

/** Names the timeline shows for the ids in payloads: organisations and the plot's reports. */
export interface TimelineNames {
  orgs: ReadonlyMap<string, string>;
  reports: ReadonlyMap<string, ReportRef>;
}

/** The facts of an event's payload worth reading, besides its reason or opinion. */
function facts(item: HistoryItem, names: TimelineNames): string[] {
  const p: AuditPayload = item.payload ?? {};
  const out: string[] = [];
  if (p.dueDate) out.push(`调查完成期限：${p.dueDate}`);
  if (p.completedOn) out.push(`完工日期：${p.completedOn}`);
  if (p.work && p.orgId) out.push(`委托${names.orgs.get(p.orgId) ?? '第三方机构'}承担${labelOf(WORK_LABELS, p.work) ?? p.work}`);
  if (p.reportId) {
    const r = names.reports.get(p.reportId);
    out.push(r ? `报告：${labelOf(REPORT_KIND_LABELS, r.kind) ?? r.kind}（${r.fileName}）` : `报告 ${String(p.reportId).slice(0, 8)}`);
  }
  if (p.rank !== undefined) out.push(`优先控制次序：第 ${p.rank} 位`);
  if (Array.isArray(p.negativeList) && p.negativeList.length) out.push(`开发负面清单：${p.negativeList.join('、')}`);
  if (p.noticeBoard) {
    const b = p.noticeBoard;
    out.push(`施工公告牌：${b.project}；施工单位：${names.orgs.get(b.contractorOrganisationId) ?? '已登记机构'}；${b.startDate} 至 ${b.endDate}`);
  }
  if (item.type === 'REGISTER') {
    out.push(`${p.code ?? ''} ${p.name ?? ''}；规划用途：${p.plannedUse ?? '—'}（${labelOf(LAND_CLASS_LABELS, p.plannedLandClass) ?? '第一类用地'}）`);
  }
  if (p.plannedStart) out.push(`计划开始：${p.plannedStart}`);
  if (p.quantityT !== undefined) out.push(`数量：${p.quantityT} 吨`);
  if (p.manifestNo) out.push(`联单号：${p.manifestNo}`);
  if (Array.isArray(p.experts)) out.push(`专家组：${p.experts.map((e) => e.name).join('、')}`);
  if (p.conclusion && labelOf(PANEL_CONCLUSION_LABELS, p.conclusion)) out.push(`专家组结论：${labelOf(PANEL_CONCLUSION_LABELS, p.conclusion)}${p.summary ? `；${p.summary}` : ''}`);
  if (p.expertIndex !== undefined) out.push(`第 ${Number(p.expertIndex) + 1} 名专家的意见`);
  if (item.type === 'RECORD_DECISION') out.push(`决定文号：${p.documentNumber}；日期：${p.decisionDate ?? '—'}；结论：${p.outcome === 'approved' ? '通过' : '退回、不予通过'}`);
  out.push(...partTwoFacts(item.type, p, (id) => (id === undefined || id === null ? undefined : names.orgs.get(id)) ?? '已登记单位'));
  if (p.publishedOn) out.push(`${labelOf(DISCLOSED_WORK_LABELS, p.work) ?? '报告'}自 ${p.publishedOn} 起在“${p.place ?? ''}”公开`);
  if (p.note) out.push(`说明：${p.note}`);
  if (item.type === 'MIGRATE_VERSION') out.push('由原流程迁移至现行流程');
  return out;
}

/** 收回、转让、责任人、重新启动、后期管理、管控区域 (part 2 of the law), in words. */
function partTwoFacts(type: string, p: AuditPayload, org: (id: string | null | undefined) => string): string[] {
  switch (type) {
    case 'TAKE_BACK':
      return [`收回决定文号：${p.documentNumber}；日期：${p.decidedOn}；组织调查的单位：${org(p.organiserOrganisationId)}`,
        p.formerHolderResponsible ? '原土地使用权人为土壤污染责任人，由地方人民政府组织实施风险管控和修复' : '原土地使用权人未认定为土壤污染责任人'];
    case 'TRANSFER':
      return [`转让合同编号：${p.contractNumber}；日期：${p.transferredOn}；受让人：${org(p.transfereeOrganisationId)}${p.agreedResponsibleOrganisationId ? `；合同约定的责任人：${org(p.agreedResponsibleOrganisationId)}` : ''}`];
    case 'RECORD_RESPONSIBLE_PARTY':
      return [`认定结果：${labelOf(RESPONSIBLE_STATUS_LABELS, p.status) ?? '—'}${p.status === 'identified' ? `（${org(p.organisationId)}）` : ''}；文号：${p.documentNumber}；日期：${p.decidedOn}`];
    case 'REOPEN':
      return [p.reason === 'useChange' ? `规划用途变更为：${p.plannedUse ?? '—'}` : '依据：本地块的监测报告超过筛选值'];
    case 'ADD_AFTERCARE':
      return [`${labelOf(AFTERCARE_KIND_LABELS, p.kind) ?? '后期管理'}：${p.description}；期限：${p.dueOn}${p.restriction ? `；使用限制：${p.restriction}` : ''}`];
    case 'FULFIL_AFTERCARE':
      return [`第 ${Number(p.index) + 1} 项后期管理要求`];
    case 'PLACE_UNDER_CONTROL_ZONE':
      return [`公告文号：${p.noticeNumber}；设立标识：${p.signsPostedOn}；监测：${(p.monitoring ?? []).map((m) => `${labelOf(ZONE_MEDIUM_LABELS, m.medium) ?? ''}每 ${m.intervalMonths} 个月`).join('、')}`];
    case 'RECORD_ZONE_MONITORING':
      return [`环境要素：${labelOf(ZONE_MEDIUM_LABELS, p.medium) ?? '—'}`];
    default:
      return [];
  }
}

/** The reason or opinion of an event; REOPEN's reason is a choice, said in words. */
function why(p: AuditPayload | null | undefined, type: string): string | null {
  if (type === 'REOPEN') return labelOf(REOPEN_REASON_LABELS, p?.reason) ?? null;
  return p?.reason ?? p?.opinion ?? p?.explanation ?? null;
}

/** Entries shown before the fold: the latest; the earlier ones open on demand (a long-lived plot has dozens). */
const SHOWN = 5;

export function timeline(items: readonly HistoryItem[], names: TimelineNames): Child {
  if (!items.length) return empty('暂无记录。');
  if (items.length <= SHOWN) return entries(items, names);
  return [
    h('details', { class: 'folded', 'data-testid': 'timeline-folded' },
      h('summary', {}, `较早的 ${items.length - SHOWN} 条办理记录`), entries(items.slice(0, -SHOWN), names)),
    entries(items.slice(-SHOWN), names),
  ];
}

function entries(items: readonly HistoryItem[], names: TimelineNames): HTMLElement {
  return h('ol', { class: 'timeline' }, items.map((item) => {
    const reason = why(item.payload, item.type);
    return h('li', { class: 'tl-item', dataset: { event: item.type } },
      h('div', { class: 'tl-when' }, h('time', { datetime: item.at }, dateTime(item.at))),
      h('div', { class: 'tl-body' },
        h('p', { class: 'tl-what' },
          h('strong', {}, item.typeLabel ?? item.type),
          item.entity === 'transport' ? h('span', { class: 'chip' }, '转运') : null,
          item.to && item.to !== item.from ? h('span', { class: 'tl-to' }, ' → ', item.toLabel ?? item.to) : null),
        h('p', { class: 'tl-who' }, `${item.actor ?? '—'} · ${item.roleLabel ?? roleLabel(item.role)} · ${item.organisation ?? ''}`),
        reason ? h('p', { class: 'tl-why' }, h('span', { class: 'muted' }, item.payload?.opinion ? '意见：' : item.type === 'REOPEN' ? '原因：' : '理由：'), reason) : null,
        facts(item, names).map((f) => h('p', { class: 'tl-fact' }, f)),
        h('p', { class: 'tl-hash muted small' }, `#${item.seq}`, item.hash ? ` · ${String(item.hash).slice(0, 16)}…` : '')));
  }));
}
