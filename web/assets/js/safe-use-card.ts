// 污染地块安全利用率 on the bureau's start page (GET /indicators/safe-use): the rate, the plan's target and, for a
// city or province bureau, a small bar per district or city, drawn as inline SVG.
import { get, query } from './api.js';
import { fill, h, s } from './dom.js';
import type { Me } from './page.js';
import { errorBox, loading } from './widgets.js';

/** A jurisdiction's figures as GET /indicators/safe-use answers them (src/indicators/safe-use.ts). */
interface SafeUseFigures {
  code: string;
  name: string;
  rate: number | null;
  rateText: string;
  numerator: number;
  denominator: number;
  notDeveloped: number;
}

interface SafeUseAnswer extends Omit<SafeUseFigures, 'code' | 'name'> {
  jurisdiction: { code: string; name: string };
  target: { minRate: number; source: string } | null;
  meetsTarget: boolean | null;
  basis: string;
  children: SafeUseFigures[];
}

const BAR_W = 220;
const ROW_H = 22;

export function safeUseCard(me: Me, year = new Date().getFullYear()): HTMLElement | null {
  if (!['eeb', 'land'].includes(me.role) || !me.jurisdictionCode) return null;
  const body = h('div', { class: 'safe-use-body' }, loading());
  const card = h('section', { class: 'card safe-use-card', 'aria-labelledby': 'safe-use-title' },
    h('h2', { id: 'safe-use-title' }, `污染地块安全利用率（${year}年）`), body);
  get(`/indicators/safe-use${query({ year, jurisdiction: me.jurisdictionCode, pageSize: 1 })}`)
    .then((answer: unknown) => {
      const data = answer as SafeUseAnswer;
      fill(body, summary(data), data.children.length ? bars(data) : null, note(data));
    })
    .catch((e: unknown) => fill(body, errorBox(e)));
  return card;
}

function summary(d: SafeUseAnswer): HTMLElement {
  const target = d.target ? `目标：不低于 ${Math.round(d.target.minRate * 100)}%（${d.target.source}）` : '本年度无目标值';
  const verdict = d.meetsTarget === null ? '' : d.meetsTarget ? '已达到目标' : '未达到目标';
  return h('div', { class: 'safe-use-summary' },
    h('p', { class: 'safe-use-rate' }, h('strong', { dataset: { rate: d.rateText } }, d.denominator ? d.rateText : '暂无'),
      verdict ? h('span', { class: d.meetsTarget ? 'safe-use-ok' : 'overdue-text' }, ` ${verdict}`) : null),
    h('p', { class: 'muted small' }, `${d.jurisdiction.name}：开发利用的地块 ${d.denominator} 块，其中安全利用 ${d.numerator} 块；未开发利用 ${d.notDeveloped} 块不计入。`),
    h('p', { class: 'muted small' }, target));
}

/** One bar per child jurisdiction, the target as a dashed line. */
function bars(d: SafeUseAnswer): HTMLElement {
  const labelW = 110;
  const width = labelW + BAR_W + 70;
  const height = d.children.length * ROW_H + 8;
  const x = (rate: number | null) => labelW + Math.round((rate ?? 0) * BAR_W);
  const svg = s('svg', { class: 'safe-use-bars', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `各下级行政区划的安全利用率：${d.children.map((c) => `${c.name} ${c.denominator ? c.rateText : '无'}`).join('，')}` },
  d.children.map((c, i) => {
    const y = 4 + i * ROW_H;
    const below = Boolean(d.target && c.rate !== null && c.rate < d.target.minRate);
    return s('g', { class: 'safe-use-row', dataset: { code: c.code } },
      s('text', { x: 0, y: y + 14, 'font-size': 12 }, c.name),
      s('rect', { x: labelW, y: y + 3, width: BAR_W, height: 14, fill: '#e3f0ea' }),
      s('rect', { class: 'safe-use-bar', x: labelW, y: y + 3, width: x(c.rate) - labelW, height: 14, fill: below ? '#b3261e' : '#1f5f4a' }),
      s('text', { x: labelW + BAR_W + 6, y: y + 14, 'font-size': 12 }, c.denominator ? c.rateText : '无'));
  }),
  d.target ? s('line', { x1: x(d.target.minRate), x2: x(d.target.minRate), y1: 0, y2: height, stroke: '#8a5300', 'stroke-dasharray': '3 2' }) : null);
  return h('figure', { class: 'safe-use-figure' }, svg, h('figcaption', { class: 'muted small' }, '各下级行政区划（虚线为目标值，红色为未达到目标）'));
}

function note(d: SafeUseAnswer): HTMLElement {
  return h('p', { class: 'muted small' }, `口径：${d.basis}；开发利用开始时调查评估程序已完成且用途符合允许的用地类别的，计为安全利用。`);
}
