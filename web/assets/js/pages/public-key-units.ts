// 上政文〔2017〕147号 三（二）1: the published list of key supervised units and their monitoring results, without login.
import { get, query } from '../api.js';
import { add, fill, h } from '../dom.js';
import { date, itemsOf } from '../format.js';
import type { PageContext } from '../page.js';
import { errorBox, loading, pager, section, table } from '../widgets.js';

/** One unit of GET /public/key-units (PublicKeyUnit of src/key-units/key-unit-view.ts). */
interface PublicKeyUnit {
  name: string;
  creditCode: string;
  industry: string;
  address: string;
  jurisdiction: string;
  state: string;
  listedOn: string;
  resultsByYear?: { year: number; filed: string[]; selfMonitoringResult: string | null }[];
}

const PAGE_SIZE = 50;

function results(u: PublicKeyUnit): HTMLElement | string {
  const years = [...(u.resultsByYear ?? [])].sort((a, b) => b.year - a.year);
  if (!years.length) return '—';
  return h('ul', { class: 'plain-list' }, years.map((y) => h('li', {},
    h('strong', {}, `${y.year} 年：`),
    y.selfMonitoringResult ? `自行监测${y.selfMonitoringResult}` : '尚无自行监测结果',
    y.filed.length ? h('span', { class: 'muted' }, `（已报送：${y.filed.join('、')}）`) : null)));
}

async function listBody(page: number) {
  const res = (await get(`/public/key-units${query({ page, pageSize: PAGE_SIZE })}`)) as { total?: number; items: PublicKeyUnit[] };
  const total = res.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return [
    h('p', { class: 'summary', role: 'status' }, `名录共 ${total} 家单位`, total && page <= pages ? `，第 ${page} / ${pages} 页` : ''),
    table<PublicKeyUnit>([
      { label: '单位名称', cell: (u) => h('strong', {}, u.name) },
      { label: '统一社会信用代码', cell: (u) => h('span', { class: 'nowrap' }, u.creditCode) },
      { label: '行业', cell: (u) => u.industry },
      { label: '地址', cell: (u) => u.address },
      { label: '行政区', cell: (u) => u.jurisdiction },
      { label: '状态', cell: (u) => u.state },
      { label: '列入日期', cell: (u) => date(u.listedOn) },
      { label: '监测结果', cell: results },
    ], itemsOf<PublicKeyUnit>(res), { caption: '土壤污染重点监管单位名录', emptyText: page > pages ? `第 ${page} 页没有单位，共 ${pages} 页。` : '名录中暂无单位。' }),
    pager(page, pages, (p) => `/app/public/key-units${query({ page: p })}`),
  ];
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('重点监管单位名录公示');
  const body = h('div', {}, loading());
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '土壤污染重点监管单位名录（公示）')),
    h('p', { class: 'muted' }, '依据《中华人民共和国土壤污染防治法》第二十一条公开。重点监管单位按年度开展土壤和地下水自行监测，结果按第二类用地筛选值（GB 36600-2018）判定。'),
    section('名录', body));
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const content = await listBody(page).catch(errorBox);
  if (!ctx.isCurrent()) return;
  fill(body, content);
}
