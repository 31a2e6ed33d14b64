// 疑似污染地块线索: the lists the 工信 and 自然资源 bureaus hand in, and the district 生态环境 bureau's decisions on them.
import { api, download, get, query } from '../api.js';
import { organisations, type DirectoryOrganisation } from '../directory.js';
import { add, fill, h, type Child } from '../dom.js';
import { makeForm, showFormSuccess } from '../forms.js';
import { date, dateTime, itemsOf, LAND_USES, number } from '../format.js';
import { navigate, refresh } from '../main.js';
import type { Me, SignedInContext } from '../page.js';
import { empty, errorBox, loading, pager, section, table } from '../widgets.js';

/** One list handed in, as GET /proposal-lists lists it (toListResponse of src/proposals/proposal-view.ts). */
interface ProposalList {
  sourceLabel: string;
  quarterLabel?: string | null;
  rowCount: number;
  organisationName?: string;
  uploadedByName?: string;
  createdAt?: string;
  dueDate?: string | null;
  late?: boolean;
  fileName: string;
}

/** POST /proposal-lists: the list received (toListResponse with the rows matching registered plots). */
interface ListReceived {
  fileName?: string;
  rowCount?: number;
  matched?: number;
  lateNote?: string | null;
}

/** One proposal of GET /proposals (toProposalResponse of src/proposals/proposal-view.ts). */
interface Proposal {
  id: string;
  status: string;
  statusLabel: string;
  sourceLabel: string;
  quarter?: string | null;
  publicReportId?: string | null;
  name: string;
  creditCode?: string | null;
  reasonLabel: string;
  note?: string | null;
  address?: string | null;
  areaM2?: number | null;
  parcelCode?: string | null;
  intendedUse?: string | null;
  boundary?: unknown;
  basis?: string;
  plotId?: string | null;
  decisionReason?: string | null;
  matchedPlot?: { id?: string | null; code?: string; name?: string } | null;
}

/** GET /proposals: a page of proposals. */
interface ProposalPage {
  items?: Proposal[];
  total?: number;
}

/** POST /proposals/:id/confirm: the plot registered from the proposal and the proposal after. */
interface Confirmed {
  plot?: { id: string } | null;
  proposal?: { plotId?: string | null } | null;
}

const PAGE_SIZE = 20;
const STATUS_CHOICES = [
  { value: 'proposed', label: '待确认' },
  { value: 'confirmed', label: '已确认' },
  { value: 'dismissed', label: '已排除' },
  { value: '', label: '全部' },
];

/** The quarter now, as the land bureau's list names it (2026Q4). */
function currentQuarter(): string {
  const now = new Date();
  return `${now.getFullYear()}Q${Math.floor(now.getMonth() / 3) + 1}`;
}

function uploadForm(me: Me): HTMLFormElement {
  const land = me.role === 'land';
  const what = land ? '本季度拟收回、拟供应或拟变更用途的地块清单' : '关闭、搬迁、破产的企业清单';
  return makeForm({
    dataset: { testid: 'upload-list' },
    intro: `上报${what}（CSV 或 Excel，表头可为中文）。每一行都会被检查，有一行不合格则整份清单不予接收，并逐行说明原因；合格的每一行成为一条疑似污染地块线索，由区生态环境部门确认或排除。`,
    fields: [
      land ? { name: 'quarter', label: '季度', required: true, value: currentQuarter(), pattern: /^20\d{2}Q[1-4]$/, patternMessage: '写为“年份Q季度”，如 2026Q4', hint: '每季度最后一个月 25 日前报送；逾期报送的清单仍予接收，并标注逾期。' } : null,
      { name: 'file', label: '清单文件', type: 'file', required: true, accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.csv', '.xlsx'] },
    ],
    submitLabel: '上报清单',
    confirm: () => ({ title: '确认上报清单', lines: [`上报后，清单中的每一行将作为疑似污染地块线索，交区生态环境部门确认或排除。清单一经接收不能撤回。`] }),
    onSubmit: async (v, form) => {
      const data = new FormData();
      const file = v.file as File;
      if (land) data.append('quarter', String(v.quarter));
      data.append('file', file, file.name);
      const res = await api<ListReceived>('POST', '/proposal-lists', data);
      showFormSuccess(form, `已接收清单“${res.fileName ?? file.name}”，共 ${res.rowCount ?? 0} 行${res.matched ? `，其中 ${res.matched} 行与已登记地块重合` : ''}。`, res.lateNote ?? '');
      setTimeout(() => void refresh(), 800);
    },
  });
}

function templateLink(me: Me): HTMLElement {
  const name = me.role === 'land' ? '季度收回供应地块清单模板.xlsx' : '关闭搬迁破产企业清单模板.xlsx';
  return h('p', {}, h('button', { type: 'button', class: 'btn btn-small', on: { click: () => void download('/proposal-lists/template.xlsx', name) } }, '下载清单模板'));
}

async function listsBody(): Promise<HTMLElement> {
  const res = await get(`/proposal-lists${query({ page: 1, pageSize: 20 })}`);
  return table<ProposalList>([
    { label: '清单', cell: (l) => l.sourceLabel },
    { label: '季度', cell: (l) => l.quarterLabel ?? '—' },
    { label: '行数', cell: (l) => number(l.rowCount, 0), className: 'num' },
    { label: '报送', cell: (l) => [l.organisationName ?? '', l.uploadedByName ? h('div', { class: 'muted' }, l.uploadedByName) : null] },
    { label: '报送时间', cell: (l) => (l.createdAt ? dateTime(l.createdAt) : '—') },
    { label: '期限', cell: (l) => (l.dueDate ? [date(l.dueDate), l.late ? h('span', { class: 'overdue-text' }, ' 逾期报送') : ''] : '—') },
    { label: '文件', cell: (l) => l.fileName },
  ], itemsOf(res), { caption: '已上报的清单', emptyText: '尚未上报清单。' });
}

function confirmForm(p: Proposal, holders: readonly DirectoryOrganisation[]): HTMLFormElement {
  return makeForm({
    dataset: { testid: 'confirm-proposal' },
    intro: '补全地块信息后登记为疑似污染地块。登记后地块进入土壤污染状况调查，系统出具登记表（D1）。',
    fields: [
      { name: 'code', label: '地块编码', required: true, value: p.parcelCode ?? '', maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, patternMessage: '1–64 位字母、数字、点、下划线或连字符' },
      { name: 'name', label: '地块名称', required: true, value: p.name ?? '', maxLength: 200 },
      { name: 'areaM2', label: '占地面积（平方米）', type: 'number', required: true, value: p.areaM2 ?? '', min: 1, max: 1e9, step: 'any' },
      { name: 'address', label: '地址', value: p.address ?? '', maxLength: 300, wide: true },
      { name: 'formerIndustry', label: '原行业', required: true, maxLength: 200 },
      { name: 'currentUse', label: '现状用途', required: true, maxLength: 100, value: '工业用地（停产）' },
      { name: 'plannedUse', label: '规划用途', required: true, maxLength: 100, value: p.intendedUse ?? '', list: LAND_USES },
      {
        name: 'holderOrganisationId', label: '土地使用权人', type: 'select', required: true, placeholder: '请选择',
        options: holders.map((o) => ({ value: o.id, label: o.name })),
      },
    ],
    submitLabel: '确认为疑似污染地块',
    confirm: (v) => ({
      title: '确认登记疑似污染地块',
      lines: [`确认后：“${v.name}”登记为疑似污染地块（编码 ${v.code}），进入土壤污染状况调查阶段，签发 D1 登记表。`, `依据：${p.basis ?? ''}`],
    }),
    onSubmit: async (v) => {
      const body: Record<string, unknown> = {
        code: v.code, name: v.name, areaM2: v.areaM2, formerIndustry: v.formerIndustry, currentUse: v.currentUse,
        plannedUse: v.plannedUse, holderOrganisationId: v.holderOrganisationId,
      };
      if (v.address) body.address = v.address;
      if (p.boundary) body.boundary = p.boundary;
      const res = await api<Confirmed>('POST', `/proposals/${p.id}/confirm`, body);
      const plotId = res.plot?.id ?? res.proposal?.plotId;
      if (plotId) navigate(`/app/plots/${plotId}?registered=1`);
      else void refresh();
    },
  });
}

function dismissForm(p: Proposal): HTMLFormElement {
  return makeForm({
    dataset: { testid: 'dismiss-proposal' },
    fields: [{ name: 'reason', label: '排除理由', type: 'textarea', required: true, rows: 2, maxLength: 500, wide: true, validate: (v) => (String(v).trim().length < 4 ? '请写明排除理由（至少 4 个字）' : null) }],
    submitLabel: '排除该线索',
    confirm: (v) => ({ title: '确认排除', lines: [`排除后，“${p.name}”不再作为疑似污染地块线索；排除理由将记录在案：${v.reason}`], tone: 'danger' }),
    onSubmit: async (v) => {
      await api('POST', `/proposals/${p.id}/dismiss`, { reason: String(v.reason).trim() });
      void refresh();
    },
  });
}

function decisionCell(p: Proposal, me: Me, holders: readonly DirectoryOrganisation[]): Child {
  if (p.status === 'confirmed') return p.plotId ? h('a', { href: `/app/plots/${p.plotId}` }, '已登记，查看地块') : p.statusLabel;
  if (p.status === 'dismissed') return [p.statusLabel, p.decisionReason ? `：${p.decisionReason}` : ''];
  if (me.role !== 'eeb' || me.level !== 'district') return p.statusLabel;
  const panel = h('div', { class: 'decision-panel', hidden: true });
  const open = (which: 'confirm' | 'dismiss') => {
    panel.hidden = false;
    fill(panel, which === 'confirm' ? confirmForm(p, holders) : dismissForm(p));
    panel.querySelector<HTMLElement>('input, select, textarea')?.focus();
  };
  return h('div', {},
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-primary btn-small', on: { click: () => open('confirm') } }, '确认为疑似地块…'),
      h('button', { type: 'button', class: 'btn btn-small', on: { click: () => open('dismiss') } }, '排除…')),
    panel);
}

async function proposalsBody(me: Me, status: string | undefined, page: number): Promise<Child[]> {
  const [res, holders] = await Promise.all([
    get<ProposalPage>(`/proposals${query({ status, page, pageSize: PAGE_SIZE })}`),
    me.role === 'eeb' ? organisations('holder').catch((): DirectoryOrganisation[] => []) : [],
  ]);
  const total = res.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return [
    h('p', { class: 'summary', role: 'status' }, `共 ${total} 条线索`),
    table<Proposal>([
      { label: '来源', cell: (p) => [p.sourceLabel, p.quarter ? `（${p.quarter}）` : '', p.publicReportId ? h('div', {}, h('a', { href: `/app/public-reports/${p.publicReportId}` }, '查看举报')) : null] },
      { label: '名称', cell: (p) => [h('strong', {}, p.name), p.creditCode ? h('div', { class: 'muted' }, p.creditCode) : null] },
      { label: '原因', cell: (p) => [p.reasonLabel, p.note ? h('div', { class: 'muted' }, p.note) : null] },
      { label: '地址', cell: (p) => p.address ?? '—' },
      { label: '面积（㎡）', cell: (p) => (p.areaM2 ? number(p.areaM2, 0) : '—'), className: 'num' },
      { label: '已有地块', cell: (p) => (p.matchedPlot ? (p.matchedPlot.id ? h('a', { href: `/app/plots/${p.matchedPlot.id}` }, `${p.matchedPlot.code} ${p.matchedPlot.name}`) : '与已登记地块重合') : '—') },
      { label: '处理', cell: (p) => decisionCell(p, me, holders) },
    ], itemsOf(res), { caption: '疑似污染地块线索', emptyText: '没有这一状态的线索。' }),
    pager(page, pages, (n) => `/app/proposals${query({ status, page: n })}`),
  ];
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('疑似地块线索');
  const me = ctx.me;
  add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '疑似污染地块线索')));
  if (!['eeb', 'land', 'miit', 'admin'].includes(me.role)) {
    add(root, h('div', { class: 'notice notice-info' }, '疑似污染地块线索由工业和信息化、自然资源部门报送，生态环境部门确认。'));
    return;
  }
  const status = ctx.query.get('status') ?? 'proposed';
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const uploads = me.role === 'miit' || me.role === 'land';
  const filter = h('nav', { class: 'chips filter-chips', 'aria-label': '按状态筛选' },
    STATUS_CHOICES.map((c) => h('a', { href: `/app/proposals${query({ status: c.value || 'all' })}`, class: ['chip', (status === c.value || (status === 'all' && !c.value)) && 'chip-current'], 'aria-current': status === c.value || (status === 'all' && !c.value) ? 'true' : undefined }, c.label)));
  const lists = h('div', {}, loading());
  const body = h('div', {}, loading());
  add(root,
    uploads ? section('上报清单', templateLink(me), uploadForm(me)) : null,
    section('已上报的清单', lists),
    section('线索', filter, body));
  const [a, b] = await Promise.all([
    listsBody().catch(errorBox),
    proposalsBody(me, status === 'all' ? undefined : status, page).catch(errorBox),
  ]);
  if (!ctx.isCurrent()) return;
  fill(lists, a ?? empty());
  fill(body, b);
}
