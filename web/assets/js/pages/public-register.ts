import { optional, query } from '../api.js';
import { add, fill, h } from '../dom.js';
import { date, itemsOf } from '../format.js';
import type { PageContext } from '../page.js';
import { empty, errorBox, loading, pager, section, stageBadge, table } from '../widgets.js';

/** One listed plot of GET /public/register. */
interface RegisterEntry {
  code: string;
  name: string;
  jurisdictionName?: string;
  jurisdiction?: string;
  state?: string;
  stateLabel?: string;
  stageLabel?: string;
  pollutants?: string[];
  rank?: number | null;
  negativeList?: string[];
  listedAt?: string | null;
}

/** One notice of GET /public/notices. */
interface PublicNotice {
  number: string;
  title?: string;
  kind: string;
  plotCode?: string;
  plotName?: string;
  issuer?: string;
  issuedAt: string;
  digest?: string;
}

const PAGE_SIZE = 100;

async function registerBody(page: number) {
  const res = await optional(`/public/register${query({ page, pageSize: PAGE_SIZE })}`);
  if (!res.available) return empty('名录公示尚未开通，暂无。');
  const { total = 0 } = (res.data ?? {}) as { total?: number };
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return [
    h('p', { class: 'summary', role: 'status' }, `名录共 ${total} 块地块`, total && page <= pages ? `，第 ${page} / ${pages} 页` : ''),
    table<RegisterEntry>([
    { label: '编码', cell: (p) => p.code, className: 'nowrap' },
    { label: '名称', cell: (p) => p.name },
    { label: '行政区', cell: (p) => p.jurisdictionName ?? p.jurisdiction ?? '—' },
    { label: '阶段', cell: (p) => stageBadge(p.state ?? 'listed', p.stateLabel ?? p.stageLabel) },
    { label: '主要污染物', cell: (p) => (p.pollutants ?? []).join('、') || '—' },
    { label: '优先次序', cell: (p) => (p.rank ? `第 ${p.rank} 位` : '—') },
    { label: '开发利用负面清单', cell: (p) => (p.negativeList ?? []).join('、') || '—' },
    { label: '纳入日期', cell: (p) => (p.listedAt ? date(p.listedAt) : '—') },
  ], itemsOf<RegisterEntry>(res.data), { caption: '名录', emptyText: page > pages ? `第 ${page} 页没有地块，共 ${pages} 页。` : '名录中暂无地块。' }),
    pager(page, pages, (p) => `/app/public/register${query({ page: p })}`),
  ];
}

async function noticesBody() {
  const res = await optional('/public/notices');
  if (!res.available) return empty('暂无公告。');
  return table<PublicNotice>([
    { label: '文号', cell: (n) => n.number },
    { label: '公告', cell: (n) => n.title ?? n.kind },
    { label: '地块', cell: (n) => (n.plotCode ? `${n.plotCode} ${n.plotName ?? ''}` : '—') },
    { label: '发布单位', cell: (n) => n.issuer ?? '—' },
    { label: '日期', cell: (n) => date(n.issuedAt) },
    { label: '核验', cell: (n) => (n.digest ? h('a', { href: `/verify/${n.digest}` }, '核验') : '—') },
  ], itemsOf<PublicNotice>(res.data), { caption: '公告', emptyText: '暂无公告。' });
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('名录公示');
  const register = h('div', {}, loading());
  const notices = h('div', {}, loading());
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '建设用地土壤污染风险管控和修复名录（公示）')),
    h('p', { class: 'muted' }, '依据《中华人民共和国土壤污染防治法》公开。列入名录的地块不得作为住宅、公共管理与公共服务用地。'),
    section('名录', register),
    section('公告', notices));
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const [a, b] = await Promise.all([registerBody(page).catch(errorBox), noticesBody().catch(errorBox)]);
  if (!ctx.isCurrent()) return;
  fill(register, a);
  fill(notices, b);
}
