// The plot page's small map: the plot's registered boundary (GET /plots/:id → boundary) in the colour of its stage, and
// its sample locations (GET /plots/:id/samples/points) coloured by whether a result exceeds the screening value.
import { get } from '../api.js';
import { h } from '../dom.js';
import { stageOf } from '../format.js';
import { createMap, leaflet, plotPolygon, type Geometry } from '../map/plot-map.js';

/** What the small map reads of GET /plots/:id (src/plots/plot-view.ts). */
interface BoundaryPlot {
  id: string;
  code: string;
  name: string;
  state: string;
  boundary?: Geometry | null;
}

/** One sample location's properties (src/samples/sample-points.service.ts points). */
interface SampleProperties {
  sampleIds: string[];
  samples: number;
  maxRatio: number | null;
  worstAnalyte: string | null;
  exceedance: string;
  exceedanceLabel: string;
}

/** GET /plots/:id/samples/points: the plot's sample locations as GeoJSON points, worst first. */
interface SamplePoints {
  features: { geometry: { coordinates: [number, number] }; properties: SampleProperties }[];
  numberMatched: number;
  numberReturned: number;
  truncated?: boolean;
}

const SAMPLE_LEGEND = [
  ['exceeds', '超过筛选值'],
  ['below', '未超过筛选值'],
  ['notDetected', '均未检出'],
  ['noStandard', '无筛选值'],
];

/** A map of the plot's boundary and sample points, drawn once the section is on the page; a sentence when it has no boundary. */
export function boundaryMap(plot: BoundaryPlot): HTMLElement | (HTMLElement | null)[] {
  if (!plot.boundary) return h('p', { class: 'empty' }, '登记时未标注地块边界。');
  const canvas = h('div', { class: 'map-canvas map-small', 'data-testid': 'plot-map', 'aria-label': `${plot.code} 地块边界图` });
  const note = h('div');
  const samples = h('div', { class: 'map-samples-note' });
  leaflet().then(async (L) => {
    if (!canvas.isConnected) return;
    const map = createMap(L, canvas, { zoom: 15 });
    const outline = plotPolygon(L, plot.boundary, stageOf(plot.state));
    if (!outline) {
      note.replaceChildren(h('p', { class: 'empty' }, '地块边界无法显示。'));
      return;
    }
    outline.addTo(map).bindTooltip(h('span', {}, `${plot.code} ${plot.name}`));
    outline.getElement()?.setAttribute('aria-label', `${plot.code} ${plot.name}`);
    const bounds = outline.getBounds();
    try {
      const points = await get<SamplePoints>(`/plots/${plot.id}/samples/points`);
      for (const f of points.features) {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        const marker = L.circleMarker([lat, lon], { radius: 6, weight: 2, fillOpacity: 0.9, className: `map-sample map-sample-${p.exceedance}` }).addTo(map);
        marker.bindTooltip(h('span', {}, sampleText(p)));
        marker.getElement()?.setAttribute('data-exceedance', p.exceedance);
        marker.getElement()?.setAttribute('aria-label', sampleText(p));
        bounds.extend([lat, lon]);
      }
      canvas.dataset.points = String(points.features.length);
      samples.replaceChildren(points.features.length ? sampleLegend(points) : h('p', { class: 'muted small' }, '尚无带坐标的样品数据。'));
    } catch (e) {
      samples.replaceChildren(h('p', { class: 'notice notice-error' }, `采样点未能加载：${e instanceof Error ? e.message : String(e)}`));
    }
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18, animate: false });
    canvas.dataset.state = 'ready';
  }).catch((e: unknown) => note.replaceChildren(h('p', { class: 'notice notice-error' }, e instanceof Error ? e.message : String(e))));
  return [canvas, note, samples,
    h('p', { class: 'muted small' }, '图中为登记的地块边界（2000国家大地坐标系）。', h('a', { href: '/app/map' }, '在一张图中查看周边地块'))];
}

function sampleText(p: SampleProperties): string {
  const ids = p.sampleIds.join('、') + (p.samples > p.sampleIds.length ? ` 等 ${p.samples} 个样品` : '');
  const worst = p.worstAnalyte && p.maxRatio !== null ? `，最高为${p.worstAnalyte}（筛选值的 ${p.maxRatio} 倍）` : '';
  return `采样点 ${ids}：${p.exceedanceLabel}${worst}`;
}

function sampleLegend(points: SamplePoints): HTMLElement {
  const shown = new Set(points.features.map((f) => f.properties.exceedance));
  return h('div', { class: 'map-samples-legend' },
    h('p', { class: 'small' }, `采样点 ${points.numberReturned} 个`, points.truncated ? `（共 ${points.numberMatched} 个，图中为超标最严重的 ${points.numberReturned} 个）` : '', '：'),
    h('ul', { class: 'map-legend-list map-samples-list' }, SAMPLE_LEGEND.filter(([k]) => shown.has(k)).map(([k, label]) =>
      h('li', {}, h('span', { class: `map-dot map-sample-${k}`, 'aria-hidden': 'true' }), label))));
}
