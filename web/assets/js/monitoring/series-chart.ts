// A point's time series for one analyte, drawn as inline SVG by the app: the results as a line with dots (hollow when
// not detected, at the detection limit), the screening value as a dashed step line and the intervention value as a
// dotted one (a farmland point's limits follow each result's pH band, GB 15618-2018 表1、表3).
import { h, s } from '../dom.js';

const W = 560;
const H = 220;
const PAD = { left: 56, right: 96, top: 14, bottom: 36 };

/** One result of a point's series (GET /monitoring/points/:id, src/monitoring/points.service.ts series). */
export interface SeriesPoint {
  sampledOn: string;
  value: number;
  detected: boolean;
  detectionLimit: number | null;
  screeningValue: number | null;
  interventionValue: number | null;
}

/** One analyte's time series at a point. */
export interface Series {
  analyte: string;
  cas?: string;
  unit: string;
  points: SeriesPoint[];
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v) ?? 10 * p;
}

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : Number(v.toPrecision(4)).toString());

function stepPath(xs: number[], values: (number | null)[], x0: number, x1: number, y: (v: number) => number): string {
  const pts: string[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    const left = i === 0 ? x0 : (xs[i - 1] + xs[i]) / 2;
    const right = i === values.length - 1 ? x1 : (xs[i] + xs[i + 1]) / 2;
    pts.push(`${pts.length ? 'L' : 'M'}${left.toFixed(1)},${y(v).toFixed(1)}`, `L${right.toFixed(1)},${y(v).toFixed(1)}`);
  });
  return pts.join(' ');
}

/** series: { analyte, unit, points: [{ sampledOn, value, detected, detectionLimit, screeningValue, interventionValue }] } */
export function seriesChart(series: Series): HTMLElement {
  const pts = series.points;
  const shown = pts.map((p) => (p.detected ? p.value : p.detectionLimit ?? 0));
  const top = niceMax(Math.max(...shown, ...pts.map((p) => p.screeningValue ?? 0), ...pts.map((p) => p.interventionValue ?? 0)) * 1.1);
  const x0 = PAD.left;
  const x1 = W - PAD.right;
  const xs = pts.map((_, i) => (pts.length === 1 ? (x0 + x1) / 2 : x0 + 12 + (i * (x1 - x0 - 24)) / (pts.length - 1)));
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const last: Partial<SeriesPoint> = pts[pts.length - 1] ?? {};
  const label = `${series.analyte}（${series.unit}）：${pts.map((p, i) => `${p.sampledOn} ${p.detected ? fmt(shown[i]) : '未检出'}`).join('，')}；筛选值 ${fmt(last.screeningValue)}${last.interventionValue != null ? `，管制值 ${fmt(last.interventionValue)}` : ''}`;
  const svg = s('svg', { class: 'series-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label },
    ticks.map((t) => s('g', {},
      s('line', { x1: x0, x2: x1, y1: y(t), y2: y(t), stroke: '#e5e7eb' }),
      s('text', { x: x0 - 6, y: y(t) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#555' }, fmt(t)))),
    s('line', { x1: x0, x2: x1, y1: y(0), y2: y(0), stroke: '#999' }),
    pts.map((p, i) => s('text', { x: xs[i], y: H - PAD.bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#555' }, p.sampledOn)),
    s('path', { class: 'screening-line', d: stepPath(xs, pts.map((p) => p.screeningValue), x0, x1, y), fill: 'none', stroke: '#b45309', 'stroke-width': 1.5, 'stroke-dasharray': '6 3' }),
    s('path', { class: 'intervention-line', d: stepPath(xs, pts.map((p) => p.interventionValue), x0, x1, y), fill: 'none', stroke: '#b3261e', 'stroke-width': 1.5, 'stroke-dasharray': '2 3' }),
    last.screeningValue != null ? s('text', { x: x1 + 6, y: y(last.screeningValue) + 4, 'font-size': 11, fill: '#b45309' }, `筛选值 ${fmt(last.screeningValue)}`) : null,
    last.interventionValue != null ? s('text', { x: x1 + 6, y: y(last.interventionValue) + 4, 'font-size': 11, fill: '#b3261e' }, `管制值 ${fmt(last.interventionValue)}`) : null,
    s('polyline', { class: 'result-line', points: xs.map((x, i) => `${x.toFixed(1)},${y(shown[i]).toFixed(1)}`).join(' '), fill: 'none', stroke: '#1f5f4a', 'stroke-width': 2 }),
    pts.map((p, i) => {
      const above = p.detected && p.screeningValue != null && p.value > p.screeningValue;
      return s('circle', { class: above ? 'result-dot above' : 'result-dot', cx: xs[i], cy: y(shown[i]), r: 4.5,
        fill: p.detected ? (above ? '#b3261e' : '#1f5f4a') : '#fff', stroke: above ? '#b3261e' : '#1f5f4a', 'stroke-width': 1.5 },
      s('title', {}, `${p.sampledOn}：${p.detected ? `${fmt(p.value)} ${series.unit}` : `未检出（检出限 ${fmt(p.detectionLimit)}）`}${above ? '，超过筛选值' : ''}`));
    }));
  return h('figure', { class: 'series-figure', dataset: { cas: series.cas } }, svg,
    h('figcaption', { class: 'muted small' }, `${series.analyte}（${series.unit}）历次监测结果；橙色虚线为风险筛选值，红色点线为风险管制值，红点为超过筛选值的结果，空心点为未检出。`));
}
