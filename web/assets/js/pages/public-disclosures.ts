// 公示 (no login): what is in its public period now and until when — effect-evaluation reports the holder made public
// (42号令: at least two months before removal is applied for) and removal decisions in their publicity period.
import { optional } from '../api.js';
import { add, fill, h } from '../dom.js';
import { date, daysBetween, itemsOf } from '../format.js';
import type { PageContext } from '../page.js';
import { empty, errorBox, loading, section, table } from '../widgets.js';

/** One item of GET /public/disclosures: what is in its public period, and until when. */
interface Disclosure {
  kind: 'effectEvaluation' | 'removalPublicity';
  label?: string;
  plotCode?: string;
  plotName?: string;
  jurisdictionName?: string;
  place?: string;
  since: string;
  until?: string | null;
}

const KIND_LABELS: Record<Disclosure['kind'], string> = {
  effectEvaluation: '效果评估报告公开',
  removalPublicity: '移出名录决定公示',
};

function remaining(today: string | undefined, until: string): HTMLElement | string {
  const days = daysBetween(today, until);
  if (days === null) return '—';
  if (days < 0) return h('span', { class: 'muted' }, '已期满');
  if (days === 0) return h('strong', { class: 'remaining soon' }, '今日期满');
  return h('span', { class: ['remaining', days <= 3 && 'soon'] }, `剩余 ${days} 天`);
}

async function body() {
  const res = await optional('/public/disclosures');
  if (!res.available) return empty('公示尚未开通，暂无。');
  const data = res.data as { today?: string; items: Disclosure[] } | null;
  const today = data?.today;
  const items = itemsOf<Disclosure>(data);
  return [
    h('p', { class: 'summary', role: 'status' }, `截至 ${date(today)}，正在公示 ${items.length} 项。`),
    table<Disclosure>([
      { label: '地块', cell: (d) => h('span', {}, h('strong', {}, d.plotCode ?? '—'), ' ', d.plotName ?? '') },
      { label: '行政区', cell: (d) => d.jurisdictionName ?? '—' },
      { label: '公示内容', cell: (d) => h('span', { class: ['chip', `disclosure-${d.kind}`] }, d.label ?? KIND_LABELS[d.kind] ?? '公示') },
      { label: '公开场所', cell: (d) => d.place ?? '—' },
      { label: '起始日期', cell: (d) => date(d.since) },
      { label: '截止日期', cell: (d) => (d.until ? date(d.until) : '—') },
      { label: '剩余', cell: (d) => (d.until ? remaining(today, d.until) : '—'), className: 'nowrap' },
    ], items, { caption: '正在公示的事项', emptyText: '目前没有正在公示的事项。' }),
  ];
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('公示');
  const list = h('div', {}, loading());
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '污染地块信息公示')),
    h('p', { class: 'muted' },
      '依据《污染地块土壤环境管理办法（试行）》公开：效果评估报告向社会公开的时间不少于两个月，期满后方可申请移出名录；',
      '移出名录的决定在公示期满后生效。对公示内容有异议的，请在截止日期前向地块所在地生态环境部门反映。'),
    section('正在公示', list),
    h('p', {}, h('a', { href: '/app/public/register' }, '查看建设用地土壤污染风险管控和修复名录')));
  const content = await body().catch(errorBox);
  if (!ctx.isCurrent()) return;
  fill(list, content);
}
