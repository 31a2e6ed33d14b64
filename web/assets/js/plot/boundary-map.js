// The plot page's small map: the plot's registered boundary (GET /plots/:id → boundary) in the colour of its stage.
import { h } from '../dom.js';
import { stageOf } from '../format.js';
import { createMap, leaflet, plotPolygon } from '../map/plot-map.js';

/** A map of the plot's boundary, drawn once the section is on the page; a sentence when it has none. */
export function boundaryMap(plot) {
  if (!plot.boundary) return h('p', { class: 'empty' }, '登记时未标注地块边界。');
  const canvas = h('div', { class: 'map-canvas map-small', 'data-testid': 'plot-map', 'aria-label': `${plot.code} 地块边界图` });
  const note = h('div');
  leaflet().then((L) => {
    if (!canvas.isConnected) return;
    const map = createMap(L, canvas, { zoom: 15 });
    const outline = plotPolygon(L, plot.boundary, stageOf(plot.state));
    if (!outline) {
      note.replaceChildren(h('p', { class: 'empty' }, '地块边界无法显示。'));
      return;
    }
    outline.addTo(map).bindTooltip(h('span', {}, `${plot.code} ${plot.name}`));
    outline.getElement()?.setAttribute('aria-label', `${plot.code} ${plot.name}`);
    map.fitBounds(outline.getBounds(), { padding: [24, 24], maxZoom: 18, animate: false });
    canvas.dataset.state = 'ready';
  }).catch((e) => note.replaceChildren(h('p', { class: 'notice notice-error' }, e.message)));
  return [canvas, note,
    h('p', { class: 'muted small' }, '图中为登记的地块边界（2000国家大地坐标系）。', h('a', { href: '/app/map' }, '在一张图中查看周边地块'))];
}
