import { get, query } from '../api.js';
import { jurisdictions } from '../directory.js';
import { add, fill, h, uid } from '../dom.js';
import { dateTime, number, STAGES } from '../format.js';
import { navigate } from '../main.js';
import { errorBox, loading, pager, stageBadge, table } from '../widgets.js';

const PAGE_SIZE = 20;

export async function render(root, ctx) {
  ctx.setTitle('地块');
  const q = ctx.query;
  const filters = {
    q: q.get('q') ?? '',
    stage: q.get('stage') ?? '',
    jurisdiction: q.get('jurisdiction') ?? '',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
  const districts = await jurisdictions().catch(() => []);
  const ids = { q: uid('q'), stage: uid('stage'), j: uid('j') };
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
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
      h('a', { class: 'btn', href: '/app/plots' }, '清除')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    navigate(`/app/plots${query({ q: String(data.get('q')).trim(), stage: data.get('stage'), jurisdiction: data.get('jurisdiction') })}`);
  });
  const results = h('div', { 'aria-live': 'polite' }, loading());
  const canRegister = ctx.me.role === 'eeb' || ctx.me.role === 'holder';
  add(root, 
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '地块'),
      canRegister ? h('a', { class: 'btn btn-primary', href: '/app/plots/new' }, '登记地块') : null),
    h('section', { class: 'card' }, form, results));

  let data;
  try {
    data = await get(`/plots${query({ q: filters.q, stage: filters.stage, jurisdiction: filters.jurisdiction, page: filters.page, pageSize: PAGE_SIZE })}`);
  } catch (e) {
    fill(results, errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const pageHref = (page) => `/app/plots${query({ q: filters.q, stage: filters.stage, jurisdiction: filters.jurisdiction, page })}`;
  fill(results,
    h('p', { class: 'summary', role: 'status' }, `共 ${data.total} 块地块`, data.total && data.page <= pages ? `，第 ${data.page} / ${pages} 页` : ''),
    table([
      { label: '编码', cell: (p) => h('a', { href: `/app/plots/${p.id}`, class: 'strong-link' }, p.code), className: 'nowrap' },
      { label: '名称', cell: (p) => p.name },
      { label: '行政区', cell: (p) => p.jurisdictionName ?? p.jurisdiction },
      { label: '阶段', cell: (p) => stageBadge(p.state, p.stateLabel) },
      { label: '土地使用权人', cell: (p) => p.holderOrganisationName },
      { label: '面积（㎡）', cell: (p) => number(p.areaM2, 0), className: 'num' },
      { label: '更新时间', cell: (p) => dateTime(p.updatedAt) },
    ], data.items, { caption: '地块列表', emptyText: data.page > pages ? `第 ${data.page} 页没有地块，共 ${pages} 页。` : '没有符合条件的地块。' }),
    pager(data.page, pages, pageHref));
}
