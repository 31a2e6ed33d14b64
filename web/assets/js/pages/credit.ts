// 上政文〔2017〕147号 三（六）3: the public credit records of third-party firms — the ranking by first-pass rate.
import { get, query } from '../api.js';
import { add, fill, h } from '../dom.js';
import { itemsOf } from '../format.js';
import type { PageContext } from '../page.js';
import { errorBox, loading, pager, section, table } from '../widgets.js';

/** One firm of GET /credit/firms (FirmView of src/credit/credit-view.ts), the parts the ranking shows. */
interface RankedFirm {
  id: string;
  rank: number;
  name: string;
  creditCode: string | null;
  figures: { firstPassRate: number | null; submitted: number; returnCount?: number | null };
  banInForce: { ban: { endsOn: string } } | null;
  findings: unknown[];
}

const PAGE_SIZE = 50;

export const rate = (r: number | null | undefined): string => (r === null || r === undefined ? '尚无评审结论' : `${(r * 100).toFixed(1)}%`);

async function rankingBody(page: number) {
  const res = (await get(`/credit/firms${query({ page, pageSize: PAGE_SIZE })}`)) as { total?: number; items: RankedFirm[] };
  const pages = Math.max(1, Math.ceil((res.total ?? 0) / PAGE_SIZE));
  return [
    h('p', { class: 'summary', role: 'status' }, `共 ${res.total ?? 0} 家第三方机构`),
    table<RankedFirm>([
      { label: '排名', cell: (f) => String(f.rank) },
      { label: '机构', cell: (f) => h('a', { href: `/app/credit/${f.id}`, class: 'strong-link' }, f.name) },
      { label: '统一社会信用代码', cell: (f) => f.creditCode ?? '未登记' },
      { label: '一次通过率', cell: (f) => rate(f.figures.firstPassRate) },
      { label: '提交评审报告', cell: (f) => String(f.figures.submitted) },
      { label: '退回次数', cell: (f) => String(f.figures.returnCount ?? '—') },
      { label: '失信认定', cell: (f) => (f.banInForce ? h('strong', { class: 'danger' }, `禁止从业至 ${f.banInForce.ban.endsOn}`) : String(f.findings.length)) },
    ], itemsOf<RankedFirm>(res), { caption: '第三方机构诚信档案（按一次通过率排名）', emptyText: '暂无第三方机构。' }),
    pager(page, pages, (p) => `/app/credit${query({ page: p })}`),
    h('p', {}, h('a', { href: '/credit/export.csv', download: '' }, '下载诚信档案（CSV，按统一社会信用代码）'), ' · ',
      h('a', { href: '/credit/export.json' }, 'JSON')),
  ];
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('第三方机构诚信档案');
  const body = h('div', {}, loading());
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '第三方机构诚信档案')),
    h('p', { class: 'muted' }, '从事土壤污染状况调查、风险评估、效果评估的第三方机构的报告评审记录和失信认定，依据上政文〔2017〕147号 三（六）3 向社会公开。一次通过：报告提交评审后未经退回即获通过。'),
    section('排名', body));
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const content = await rankingBody(page).catch(errorBox);
  if (!ctx.isCurrent()) return;
  fill(body, content);
}
