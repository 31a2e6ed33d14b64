import { download, get, query } from '../api.js';
import { jurisdictions } from '../directory.js';
import { add, fill, h, uid } from '../dom.js';
import { date, dateTime, number, STAGES } from '../format.js';
import { navigate } from '../main.js';
import type { SignedInContext } from '../page.js';
import { errorBox, loading, pager, stageBadge, table } from '../widgets.js';

/** One row of GET /plots (the plot list of src/plots, with its nearest open duty read as of today). */
interface PlotRow {
  id: string;
  code: string;
  name: string;
  jurisdiction: string;
  jurisdictionName?: string;
  state: string;
  stateLabel?: string;
  holderOrganisationName?: string;
  areaM2?: number | null;
  updatedAt: string;
  nearestDeadline?: { label: string; dueDate: string; daysLeft?: number | null; overdue?: boolean; daysText?: string } | null;
}

interface PlotPage {
  items: PlotRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /plot-list/stages: how many plots each stage holds. */
interface StageCounts {
  total: number;
  items: { stage: string; label: string; count: number }[];
}

const PAGE_SIZE = 20;

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('地块');
  const q = ctx.query;
  const filters = {
    q: q.get('q') ?? '',
    stage: q.get('stage') ?? '',
    jurisdiction: q.get('jurisdiction') ?? '',
    overdue: q.get('overdue') === 'true',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
  const districts = await jurisdictions().catch(() => []);
  const ids = { q: uid('q'), stage: uid('stage'), j: uid('j'), overdue: uid('overdue') };
  const listQuery = (extra = {}) => query({ q: filters.q, stage: filters.stage, jurisdiction: filters.jurisdiction, overdue: filters.overdue ? 'true' : '', ...extra });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选地块' },
    h('div', { class: 'field' }, h('label', { for: ids.q }, '搜索'),
      h('input', { id: ids.q, name: 'q', type: 'search', value: filters.q, placeholder: '编码、名称或地址', maxlength: 100 })),
    h('div', { class: 'field' }, h('label', { for: ids.stage }, '阶段'),
      h('select', { id: ids.stage, name: 'stage' }, h('option', { value: '' }, '全部阶段'),
        STAGES.map((s) => h('option', { value: s.value, selected: s.value === filters.stage }, s.label)))),
    h('div', { class: 'field' }, h('label', { for: ids.j }, '行政区'),
      districts.length
        ? h('select', { id: ids.j, name: 'jurisdiction' }, h('option', { value: '' }, '全部行政区'),
          districts.map((d) => h('option', { value: d.code, selected: d.code === filters.jurisdiction }, `${d.name}（${d.code}）`)))
        : h('input', { id: ids.j, name: 'jurisdiction', value: filters.jurisdiction, inputmode: 'numeric', placeholder: '行政区划代码' })),
    h('div', { class: 'field' }, h('label', { for: ids.overdue }, h('input', { id: ids.overdue, name: 'overdue', type: 'checkbox', checked: filters.overdue }), ' 只看有逾期期限的')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('a', { class: 'btn', href: '/app/plots' }, '清除')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    navigate(`/app/plots${query({ q: String(data.get('q') ?? '').trim(), stage: String(data.get('stage') ?? ''), jurisdiction: String(data.get('jurisdiction') ?? ''), overdue: data.get('overdue') ? 'true' : '' })}`);
  });
  const results = h('div', { 'aria-live': 'polite' }, loading());
  const canRegister = ctx.me.role === 'eeb' || ctx.me.role === 'holder';
  const canExport = ['eeb', 'land', 'admin'].includes(ctx.me.role);
  const exportStatus = h('span', { class: 'muted small', role: 'status' });
  const exportButton = canExport ? h('button', { type: 'button', class: 'btn', 'data-testid': 'export', on: { click: async () => {
    exportStatus.textContent = '正在导出……';
    try {
      await download(`/plot-list/export${query({ stage: filters.stage, jurisdiction: filters.jurisdiction, overdue: filters.overdue ? 'true' : '' })}`, '地块清单.xlsx');
      exportStatus.textContent = '已导出';
    } catch (e) {
      exportStatus.textContent = `导出失败：${e instanceof Error ? e.message : ''}`;
    }
  } } }, '导出 Excel（xlsx）') : null;
  const stats = h('div', { class: 'chips', 'aria-label': '各阶段地块数量', 'data-testid': 'stage-stats' });
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '地块'),
      canRegister ? h('a', { class: 'btn btn-primary', href: '/app/plots/new' }, '登记地块') : null),
    h('section', { class: 'card' }, stats, form, canExport ? h('div', { class: 'actions' }, exportButton, exportStatus) : null, results));
  void get<StageCounts>(`/plot-list/stages${query({ jurisdiction: filters.jurisdiction, overdue: filters.overdue ? 'true' : '' })}`).then((st) => {
    if (!ctx.isCurrent()) return;
    fill(stats, h('span', { class: 'chip' }, `共 ${st.total} 块`), st.items.map((i) => h('a', {
      class: ['chip', i.stage === filters.stage ? 'chip-current' : ''],
      href: `/app/plots${query({ stage: i.stage, jurisdiction: filters.jurisdiction, overdue: filters.overdue ? 'true' : '' })}`,
    }, `${i.label} ${i.count}`)));
  }, () => null);

  let data: PlotPage;
  try {
    data = await get<PlotPage>(`/plots${listQuery({ page: filters.page, pageSize: PAGE_SIZE })}`);
  } catch (e) {
    fill(results, errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const pageHref = (page: number) => `/app/plots${listQuery({ page })}`;
  fill(results,
    h('p', { class: 'summary', role: 'status' }, `共 ${data.total} 块地块`, data.total && data.page <= pages ? `，第 ${data.page} / ${pages} 页` : ''),
    table<PlotRow>([
      { label: '编码', cell: (p) => h('a', { href: `/app/plots/${p.id}`, class: 'strong-link' }, p.code), className: 'nowrap' },
      { label: '名称', cell: (p) => p.name },
      { label: '行政区', cell: (p) => p.jurisdictionName ?? p.jurisdiction },
      { label: '阶段', cell: (p) => stageBadge(p.state, p.stateLabel) },
      { label: '土地使用权人', cell: (p) => p.holderOrganisationName },
      { label: '最近期限', cell: deadlineCell },
      { label: '面积（㎡）', cell: (p) => number(p.areaM2, 0), className: 'num' },
      { label: '更新时间', cell: (p) => dateTime(p.updatedAt) },
    ], data.items, { rowClass: (p) => (p.nearestDeadline?.overdue ? 'row-overdue' : ''), caption: '地块列表', emptyText: data.page > pages ? `第 ${data.page} 页没有地块，共 ${pages} 页。` : '没有符合条件的地块。' }),
    pager(data.page, pages, pageHref));
}

/** The plot's nearest open duty: what, when, and days left or overdue (read as of today by the server). */
function deadlineCell(p: PlotRow): HTMLElement | string {
  const d = p.nearestDeadline;
  if (!d) return '—';
  // The server tells the time left (a review's in working days); the calendar days are the fallback.
  const days = d.daysText ?? (d.daysLeft === null || d.daysLeft === undefined ? ''
    : d.daysLeft < 0 ? `已逾期 ${-d.daysLeft} 日` : d.daysLeft === 0 ? '今日到期' : `剩余 ${d.daysLeft} 日`);
  return h('span', { class: d.overdue ? 'overdue-text' : '' }, `${d.label} ${date(d.dueDate)}`, days ? h('span', { class: 'chip' }, days) : null);
}
