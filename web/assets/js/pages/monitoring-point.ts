// One monitoring point: its facts, a chart per analyte with its screening and intervention lines, its campaigns, its warnings.
import { get } from '../api.js';
import { h, type Child } from '../dom.js';
import { date, number } from '../format.js';
import { seriesChart, type Series } from '../monitoring/series-chart.js';
import { errorBox, section, table } from '../widgets.js';
import { warningsTable, type PointView, type WarningSummary } from './monitoring.js';
import type { PageContext } from '../page.js';

/** One result of a point's history (src/monitoring/monitoring.repository.ts ResultRow, with the campaign's name). */
interface HistoryResult {
  campaignName: string;
  sampledOn: string;
  analyte: string;
  value: number;
  detected: boolean;
  ph: number | null;
  screeningValue: number | null;
  interventionValue: number | null;
  factor: number | null;
}

/** GET /monitoring/points/:id (src/monitoring/points.service.ts one): the point, its results by analyte and its warnings. */
interface PointDetail extends PointView {
  history: { cas: string; analyte: string; unit: string; results: HistoryResult[] }[];
  warnings: WarningSummary[];
}

function facts(p: PointDetail): HTMLElement {
  const row = (k: string, v: Child) => h('div', { class: 'fact' }, h('dt', {}, k), h('dd', {}, v));
  return h('dl', { class: 'facts' },
    row('点位编码', p.code), row('类型', p.kindLabel), row('用地', [p.landLabel, p.cropLabel ? `（${p.cropLabel}）` : '', p.landClass ? `（第${p.landClass === 1 ? '一' : '二'}类用地）` : '']),
    row('监测介质', p.mediaLabels.join('、')), row('位置', `东经 ${number(p.lon, 4)}°，北纬 ${number(p.lat, 4)}°`), row('监测频次', p.frequencyLabel),
    row('责任单位', p.responsibleOrganisationName), row('所在行政区', p.jurisdictionName),
    row('下次监测日期', [date(p.nextDueOn), p.overdue ? h('span', { class: 'overdue-text' }, ' 已逾期') : '']),
    p.plotId ? row('关联地块', h('a', { href: `/app/plots/${p.plotId}` }, '查看地块')) : null,
    p.unitId ? row('关联重点监管单位', h('a', { href: `/app/key-units/${p.unitId}` }, '查看单位')) : null);
}

function campaigns(history: PointDetail['history']): HTMLElement {
  const rows = history.flatMap((a) => a.results.map((r) => ({ ...r, unit: a.unit })));
  rows.sort((a, b) => b.sampledOn.localeCompare(a.sampledOn) || a.analyte.localeCompare(b.analyte));
  return table([
    { label: '监测批次', cell: (r) => r.campaignName },
    { label: '采样日期', cell: (r) => date(r.sampledOn) },
    { label: '检测项目', cell: (r) => r.analyte },
    { label: '结果', cell: (r) => (r.detected ? `${number(r.value, 3)} ${r.unit}` : '未检出'), className: 'num' },
    { label: 'pH', cell: (r) => (r.ph === null ? '—' : number(r.ph, 1)), className: 'num' },
    { label: '筛选值', cell: (r) => (r.screeningValue === null ? '无标准值' : number(r.screeningValue, 3)), className: 'num' },
    { label: '管制值', cell: (r) => (r.interventionValue === null ? '—' : number(r.interventionValue, 3)), className: 'num' },
    { label: '倍数', cell: (r) => (r.factor === null ? '—' : h('span', { class: r.factor > 1 ? 'overdue-text' : '' }, number(r.factor, 2))), className: 'num' },
  ], rows, { caption: '历次监测结果', emptyText: '尚无监测结果。' });
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  try {
    const p = await get<PointDetail>(`/monitoring/points/${ctx.params.id}`);
    if (!ctx.isCurrent()) return;
    ctx.setTitle(`监测点位 ${p.code}`);
    root.append(h('p', {}, h('a', { href: '/app/monitoring' }, '← 监测网络')), h('h1', { tabindex: '-1' }, `${p.code} ${p.name}`), section('点位信息', facts(p)));
    const charts: HTMLElement[] = [];
    for (const a of p.history) {
      const series = await get<Series>(`/monitoring/points/${p.id}/series?cas=${encodeURIComponent(a.cas)}`);
      if (!ctx.isCurrent()) return;
      if (series.points.length) charts.push(seriesChart(series));
    }
    root.append(section('监测趋势', charts.length ? h('div', { class: 'series-charts' }, charts) : h('p', { class: 'empty' }, '尚无监测结果。')));
    root.append(section('监测预警', warningsTable(p.warnings)));
    root.append(section('历次监测', campaigns(p.history)));
  } catch (e) {
    root.append(errorBox(e));
  }
}
