// The parts of a key unit's page: facts, the duties by year, demolitions and violations, closure, the timeline.
import { h, type Child } from '../dom.js';
import { date, dateTime, number, roleLabel } from '../format.js';
import { empty, table } from '../widgets.js';
import { CLOSURE_REASONS, DEMOLITION_STATUS, DUTY_DEADLINE_KINDS, DUTY_LABELS, EVENT_LABELS, VERDICT_WORDS, keyUnitBadge } from './labels.js';

const DUTIES = ['toxicDischarge', 'hiddenDangerInspection', 'selfMonitoring', 'bureauMonitoring'] as const;
type DutyName = (typeof DUTIES)[number];

/** One duty of one year in GET /key-units/:id's dutiesByYear (DutyYearView of src/key-units/key-unit-view.ts). */
export interface DutyFilingView {
  filed: boolean;
  filedOn: string | null;
  screeningVerdict: string | null;
}

/** An open or done deadline of the unit (DutyDeadlineView of src/key-units/key-unit-view.ts). */
export interface DutyDeadline {
  kind: string;
  label: string;
  dueDate: string;
  status: string;
  overdue: boolean;
}

/** A demolition plan of the unit (Demolition of workflows/key-unit/v1/context.ts, as the view sends it). */
export interface DemolitionView {
  status?: string;
  filedOn?: string;
  plannedStart?: string;
  startedOn?: string | null;
  completedOn?: string | null;
  leadTime?: { workingDaysUntilStart?: number; requiredWorkingDays?: number } | null;
}

/** A demolition found without a filed plan (Violation of workflows/key-unit/v1/context.ts). */
export interface ViolationView {
  observedOn: string;
  note?: string;
}

/**
 * GET /key-units/:id: the KeyUnitView of src/key-units/key-unit-view.ts, the fields the page's parts read; optional
 * but the name and state, as pages/key-unit.ts types only what it reads itself.
 */
export interface KeyUnit {
  id?: string;
  name: string;
  creditCode?: string;
  industryName?: string;
  organisationName?: string;
  address?: string;
  jurisdictionName?: string;
  siteAreaM2?: number | null;
  siteBoundary?: unknown;
  listedOn?: string;
  state: string;
  stateLabel?: string;
  version?: number;
  sitePlotId?: string | null;
  allowedEvents?: string[];
  dutiesByYear?: Record<string, Partial<Record<DutyName, DutyFilingView>>>;
  deadlines?: DutyDeadline[];
  demolitions?: DemolitionView[];
  violations?: ViolationView[];
  closure?: { on: string; reason: string; reasonLabel?: string; note?: string | null } | null;
  removal?: { on: string; reason: string } | null;
  updatedAt?: string;
}

/** GET /key-units/:id/reports: one report of the unit. */
export interface KeyUnitReport {
  kindLabel?: string;
  fileName?: string;
  sampleCount?: number;
  screening?: { verdict?: string } | null;
  createdAt?: string;
  uploadedAt?: string;
}

/** GET /key-units/:id/history: one recorded event of the unit. */
export interface KeyUnitHistoryItem {
  seq: number;
  at: string;
  type: string;
  typeLabel?: string;
  from?: string | null;
  to?: string | null;
  toLabel?: string;
  actor?: string;
  role?: string;
  roleLabel?: string;
  organisation?: string;
  payload?: Record<string, string | number | null | undefined>;
}

function fact(label: string, value: Child) {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value ?? '—'));
}

export function unitFacts(u: KeyUnit): HTMLElement {
  return h('dl', { class: 'facts' },
    fact('单位名称', u.name),
    fact('统一社会信用代码', u.creditCode),
    fact('重点行业', u.industryName),
    fact('企业账户', u.organisationName),
    fact('地址', u.address),
    fact('行政区', u.jurisdictionName),
    fact('生产经营用地面积', u.siteAreaM2 ? `${number(u.siteAreaM2, 2)} 平方米` : '—'),
    fact('场地边界', u.siteBoundary ? '已登记' : '未登记'),
    fact('列入名录日期', date(u.listedOn)),
    fact('状态', keyUnitBadge(u.state, u.stateLabel)),
    u.removal ? fact('移出名录', `${date(u.removal.on)}；理由：${u.removal.reason}`) : null,
    fact('最近更新', dateTime(u.updatedAt)));
}

/**
 * Each unfiled year of a duty is matched to its deadline: a deadline due in year D is for year D (due by the year's
 * end) or D − 1 (due in the following year); the earliest open year takes it.
 */
function deadlinesByCell(u: KeyUnit): Map<string, DutyDeadline> {
  const out = new Map<string, DutyDeadline>();
  const byYear = u.dutiesByYear ?? {};
  const years = Object.keys(u.dutiesByYear ?? {}).sort();
  for (const duty of DUTIES) {
    const kind = DUTY_DEADLINE_KINDS[duty];
    const open = (u.deadlines ?? []).filter((d) => d.kind === kind && d.status !== 'done').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    for (const d of open) {
      const dueYear = Number(d.dueDate.slice(0, 4));
      const year = years.find((y) => (Number(y) === dueYear - 1 || Number(y) === dueYear) && !byYear[y]?.[duty]?.filed && !out.has(`${duty}:${y}`));
      if (year) out.set(`${duty}:${year}`, d);
    }
  }
  return out;
}

function dutyCell(filing: DutyFilingView | undefined, deadline: DutyDeadline | undefined): HTMLElement {
  if (filing?.filed) {
    const verdict = filing.screeningVerdict ? VERDICT_WORDS[filing.screeningVerdict] : null;
    return h('span', { class: 'duty-filed' }, h('span', { class: 'duty-mark', 'aria-hidden': 'true' }, '✓ '), `已报送 ${date(filing.filedOn)}`,
      verdict ? h('span', { class: ['duty-verdict', filing.screeningVerdict !== 'below_screening' && 'overdue-text'] }, `；${verdict}`) : null);
  }
  if (deadline?.overdue) return h('span', { class: 'overdue-text' }, `逾期（${date(deadline.dueDate)} 到期）`);
  if (deadline) return h('span', { class: 'duty-open' }, `待报送（${date(deadline.dueDate)} 前）`);
  return h('span', { class: 'muted' }, '—');
}

export function dutiesTable(u: KeyUnit): Child[] {
  const byCell = deadlinesByCell(u);
  const byYear = u.dutiesByYear ?? {};
  const rows = Object.keys(byYear).sort().reverse().map((year) => ({ year, duties: byYear[year] ?? {} }));
  return [
    table<(typeof rows)[number]>([
      { label: '年度', cell: (r) => `${r.year} 年`, className: 'nowrap' },
      ...DUTIES.map((duty) => ({ label: DUTY_LABELS[duty], cell: (r: (typeof rows)[number]) => dutyCell(r.duties[duty], byCell.get(`${duty}:${r.year}`)) })),
    ], rows, { caption: '年度义务', emptyText: '暂无年度义务。', rowClass: (r) => (DUTIES.some((d) => byCell.get(`${d}:${r.year}`)?.overdue) ? 'row-overdue' : '') }),
    h('p', { class: 'muted small' }, '“—”表示该年度无到期要求（隐患排查按周期开展）。周边土壤监测由生态环境部门开展（土壤法第二十一条第五款）。'),
  ];
}

export function demolitionsTable(u: KeyUnit): Child[] {
  const plans = u.demolitions ?? [];
  const violations = u.violations ?? [];
  return [
    table<DemolitionView>([
      { label: '报备日期', cell: (d) => date(d.filedOn) },
      { label: '计划开工', cell: (d) => date(d.plannedStart) },
      { label: '提前工作日', cell: (d) => (d.leadTime ? `${d.leadTime.workingDaysUntilStart} 个（须至少 ${d.leadTime.requiredWorkingDays} 个）` : '—') },
      { label: '状态', cell: (d) => DEMOLITION_STATUS[d.status ?? ''] ?? '—' },
      { label: '开工日期', cell: (d) => (d.startedOn ? date(d.startedOn) : '—') },
      { label: '完成日期', cell: (d) => (d.completedOn ? date(d.completedOn) : '—') },
    ], plans, { caption: '拆除活动土壤污染防治工作方案', emptyText: '尚未报备拆除方案。' }),
    violations.length
      ? table<ViolationView>([
        { label: '发现日期', cell: (v) => date(v.observedOn) },
        { label: '违法行为', cell: () => h('span', { class: 'overdue-text' }, '未备案工作方案即拆除') },
        { label: '现场情况', cell: (v) => v.note },
      ], violations, { caption: '违法记录' })
      : h('p', { class: 'muted' }, '无未备案拆除记录。'),
  ];
}

export function closurePanel(u: KeyUnit): Child {
  if (!u.closure) return empty('本单位仍在生产经营。');
  const c = u.closure;
  return [
    h('p', {}, `${date(c.on)} ${c.reasonLabel ?? CLOSURE_REASONS.find((r) => r.value === c.reason)?.label ?? ''}`, c.note ? `；说明：${c.note}` : ''),
    u.sitePlotId
      ? h('p', { class: 'notice notice-info' }, '场地已登记为疑似污染地块，进入土壤污染状况调查。',
        h('a', { href: `/app/plots/${u.sitePlotId}`, class: 'strong-link', 'data-testid': 'site-plot-link' }, '查看场地地块'))
      : h('p', { class: 'muted' }, '场地尚未登记为地块。'),
  ];
}

export function deadlinesList(u: KeyUnit): HTMLElement {
  const open = (u.deadlines ?? []).filter((d) => d.status !== 'done').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  if (!open.length) return empty('没有未办结的期限。');
  return h('ul', { class: 'plain-list' }, open.map((d) => h('li', { class: d.overdue ? 'overdue-text' : '' },
    `${d.label} ${date(d.dueDate)} 到期`, d.overdue ? '（已逾期）' : '')));
}

export function reportsTable(items: readonly KeyUnitReport[]): HTMLElement {
  return table<KeyUnitReport>([
    { label: '报告', cell: (r) => r.kindLabel ?? '报告' },
    { label: '文件', cell: (r) => r.fileName ?? '—' },
    { label: '样品数', cell: (r) => number(r.sampleCount ?? 0, 0), className: 'num' },
    { label: '筛查', cell: (r) => VERDICT_WORDS[r.screening?.verdict ?? ''] ?? '—' },
    { label: '上传时间', cell: (r) => dateTime(r.createdAt ?? r.uploadedAt) },
  ], items, { caption: '已上传的报告', emptyText: '尚未上传报告。' });
}

function eventFacts(item: KeyUnitHistoryItem): string[] {
  const p = item.payload ?? {};
  const out: string[] = [];
  if (item.type === 'FILE_DUTY_REPORT') out.push(`${p.year} 年度${DUTY_LABELS[String(p.duty)] ?? '年度报告'}`);
  if (item.type === 'RECORD_BUREAU_MONITORING') out.push(`${p.year} 年度周边土壤监测`);
  if (p.plannedStart) out.push(`计划开工：${p.plannedStart}`);
  if (p.completedOn) out.push(`完成日期：${p.completedOn}`);
  if (p.observedOn) out.push(`发现日期：${p.observedOn}；现场情况：${p.note ?? ''}`);
  if (item.type === 'CLOSE') out.push(`${CLOSURE_REASONS.find((r) => r.value === p.reason)?.label ?? ''}，日期：${p.on}${p.note ? `；说明：${p.note}` : ''}`);
  if (item.type === 'REMOVE') out.push(`移出日期：${p.on}；理由：${p.reason}`);
  if (item.type === 'LIST') out.push(`列入日期：${p.listedOn ?? '—'}${p.reason ? `；理由：${p.reason}` : ''}`);
  return out;
}

export function unitTimeline(entries: readonly unknown[]): HTMLElement {
  const items = entries as readonly KeyUnitHistoryItem[];
  if (!items.length) return empty('暂无记录。');
  return h('ol', { class: 'timeline' }, [...items].reverse().map((item) => h('li', { class: 'tl-item' },
    h('div', { class: 'tl-when' }, h('time', { datetime: item.at }, dateTime(item.at))),
    h('div', { class: 'tl-body' },
      h('p', { class: 'tl-what' }, h('strong', {}, item.typeLabel ?? EVENT_LABELS[item.type] ?? '办理'),
        item.to && item.to !== item.from ? h('span', { class: 'tl-to' }, ' → ', item.toLabel ?? '') : null),
      h('p', { class: 'tl-who' }, `${item.actor ?? '—'} · ${item.roleLabel ?? roleLabel(item.role)} · ${item.organisation ?? ''}`),
      eventFacts(item).map((f) => h('p', { class: 'tl-fact' }, f)),
      h('p', { class: 'tl-hash muted small' }, `#${item.seq}`)))));
}
