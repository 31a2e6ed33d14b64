// Part 2 of the law on the plot page: who answers for the plot (the view's `parties`), the earlier rounds of a plot
// reopened, its aftercare obligations and its control zone — each in words, from the plot's context.
import { h, type Child } from '../dom.js';
import {
  AFTERCARE_KIND_LABELS, CONTROL_BASIS_LABELS, date, FORMER_HOLDER_HOW_LABELS, LAND_CLASS_LABELS, labelOf, REOPEN_REASON_LABELS, REPORT_KIND_LABELS,
  RESPONSIBLE_STATUS_LABELS, stageLabel, today, ZONE_MEDIUM_LABELS,
} from '../format.js';
import { table } from '../widgets.js';
import type { AftercareObligation, ControlZone, Plot, PlotParty, Reopening } from './types.js';

/** What the panels read of a report of the plot (GET /plots/:id/reports). */
export interface ReportRef {
  kind: string;
  fileName: string;
}

type Zone = NonNullable<ControlZone['monitoring']>[number];

function fact(label: string, value: Child, wide = false): HTMLElement {
  return h('div', { class: ['fact', wide && 'wide'] }, h('dt', {}, label), h('dd', {}, value ?? '—'));
}

const nameOf = (party: PlotParty | null | undefined, fallback = '—'): string => party?.name ?? fallback;
/** A date that never breaks inside (2026-12-01). */
const day = (value: unknown): HTMLElement => h('span', { class: 'date-text' }, date(value));

function formerHolder(f: PlotParty): HTMLElement {
  const paper = f.how === 'transferred' ? '转让合同编号' : '收回决定文号';
  return h('li', {}, h('strong', {}, f.name ?? '—'), `：${labelOf(FORMER_HOLDER_HOW_LABELS, f.how) ?? ''}，`, day(f.until), `；${paper} ${f.documentNumber}`);
}

function responsibleText(r: PlotParty | null | undefined): Child {
  if (!r) return '尚未认定';
  const paper = [`（${r.documentNumber}，`, day(r.decidedOn), '）'];
  if (r.status === 'identified') return h('span', {}, `${r.name ?? '—'}，${RESPONSIBLE_STATUS_LABELS.identified}`, paper);
  return h('span', {}, labelOf(RESPONSIBLE_STATUS_LABELS, r.status) ?? '—', paper);
}

/** 权利人与责任主体 (土壤法第四十五条至第四十八条、第六十八条): the holder, former holders, responsible party, duty bearers. */
export function partiesPanel(plot: Plot): HTMLElement | null {
  const p = plot.parties;
  if (!p) return null;
  const former = p.formerHolders ?? [];
  return h('dl', { class: 'facts', 'data-testid': 'parties' },
    fact('现土地使用权人', plot.holderOrganisationName),
    fact('土壤污染责任人', responsibleText(p.responsible)),
    fact('承担调查义务的单位', nameOf(p.investigationDuty, plot.holderOrganisationName)),
    fact('承担风险管控和修复义务的单位', nameOf(p.controlDuty, plot.holderOrganisationName)),
    fact('风险管控和修复义务的依据', labelOf(CONTROL_BASIS_LABELS, p.controlBasis) ?? '土地使用权人'),
    fact('原土地使用权人', former.length ? h('ul', { class: 'plain-list', 'data-testid': 'former-holders' }, former.map(formerHolder)) : '无', true));
}

/** 重新启动调查 (终身责任制, 土壤法第五十九条第二款): every earlier round stays visible. */
export function reopeningsPanel(plot: Plot, reports: ReadonlyMap<string, ReportRef>): HTMLElement | null {
  const list = (plot.context?.reopenings ?? []).map((r, i) => ({ ...r, round: i + 2 }));
  if (!list.length) return null;
  const evidence = (id: string | null | undefined): string => {
    const r = id ? reports.get(id) : null;
    return r ? `${labelOf(REPORT_KIND_LABELS, r.kind) ?? '报告'} · ${r.fileName}` : id ? '本地块的监测报告' : '—';
  };
  return h('div', { 'data-testid': 'reopenings' }, table<Reopening & { round: number }>([
    { label: '轮次', cell: (r) => `第 ${r.round} 轮调查` },
    { label: '启动日期', cell: (r) => date(r.on) },
    { label: '原因', cell: (r) => labelOf(REOPEN_REASON_LABELS, r.reason) ?? '—' },
    { label: '启动前', cell: (r) => `${stageLabel(r.from)}${r.permittedLandClass ? `，准予${LAND_CLASS_LABELS[r.permittedLandClass]}` : ''}` },
    { label: '依据', cell: (r) => (r.reason === 'useChange' ? `规划用途变更为 ${r.plannedUse ?? '—'}` : evidence(r.evidenceReportId)) },
    { label: '理由', cell: (r) => h('span', { class: 'break' }, r.note) },
  ], list, { caption: '重新启动调查' }));
}

function aftercareStatus(o: AftercareObligation): Child {
  if (o.fulfilledOn) return h('span', {}, '已履行（', day(o.fulfilledOn), `）${o.note ? `：${o.note}` : ''}`);
  return o.dueOn < today() ? h('span', { class: 'overdue-text' }, '未履行（已逾期）') : '未履行';
}

/** 后期管理 (土壤法第四十二条第三款): the obligations, their deadlines and whether each is fulfilled. */
export function aftercarePanel(plot: Plot): HTMLElement | null {
  const list = plot.context?.aftercare ?? [];
  if (!list.length) return null;
  return h('div', { 'data-testid': 'aftercare' }, table<AftercareObligation>([
    { label: '内容', cell: (o) => h('span', { class: 'break' }, o.description) },
    { label: '类型', cell: (o) => labelOf(AFTERCARE_KIND_LABELS, o.kind) ?? '—' },
    { label: '履行期限', cell: (o) => date(o.dueOn) },
    { label: '使用限制', cell: (o) => o.restriction ?? '—' },
    { label: '履行情况', cell: aftercareStatus },
  ], list, { caption: '后期管理' }));
}

/** 管控区域 (土壤法第六十三条第一项): the notice, the signs and each medium's next monitoring. */
export function controlZonePanel(plot: Plot): HTMLElement | null {
  const zone = plot.context?.controlZone;
  if (!zone) return null;
  return h('div', { 'data-testid': 'control-zone' },
    h('dl', { class: 'facts compact' }, fact('管控区域公告文号', zone.noticeNumber), fact('设立标识日期', date(zone.signsPostedOn))),
    table<Zone>([
      { label: '环境要素', cell: (m) => labelOf(ZONE_MEDIUM_LABELS, m.medium) ?? '—' },
      { label: '监测周期', cell: (m) => `每 ${m.intervalMonths} 个月` },
      { label: '下次监测期限', cell: (m) => h('span', { class: m.nextDueOn < today() ? 'overdue-text' : '' }, day(m.nextDueOn), m.nextDueOn < today() ? '（已逾期）' : '') },
      { label: '最近报告', cell: (m) => (m.lastReportId ? '已报送' : '尚未报送') },
    ], zone.monitoring ?? [], { caption: '管控区域环境监测' }));
}
