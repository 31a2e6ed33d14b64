// The public map (no login): only plots on the published register (GET /public/map/plots), as 名录公示 lists them.
import { get } from '../api.js';
import { add, fill, h } from '../dom.js';
import { createMap, jurisdictionsLayer, leaflet, legend, plotsLayer, type LeafletNs, type PlotFeature, type PlotProperties, type PlotsLayer } from '../map/plot-map.js';
import type { PageContext } from '../page.js';
import { basemap, unitsToggle } from '../map/layers.js';
import { followViewport } from '../map/viewport.js';
import { errorBox } from '../widgets.js';

/** What a click on a published plot shows: its code, name, stage and district, and the way to the register. */
function popup(f: PlotFeature): HTMLElement {
  const p: PlotProperties = f.properties ?? {};
  return h('div', { class: 'map-tip', 'data-testid': 'map-popup' },
    h('strong', {}, `${p.code ?? ''} ${p.name ?? ''}`),
    h('div', {}, p.stateLabel ?? ''),
    p.zoneLabel ? h('div', {}, `分区：${p.zoneLabel}`) : null,
    p.jurisdictionName ? h('div', { class: 'muted' }, p.jurisdictionName) : null,
    h('a', { href: '/app/public/register' }, '查看名录公示'));
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('公开地图');
  const status = h('p', { class: 'summary', role: 'status', 'data-testid': 'map-count' }, '正在加载地块……');
  const note = h('div', { 'aria-live': 'polite' });
  const canvas = h('div', { class: 'map-canvas', 'data-testid': 'map', 'aria-label': '名录地块分布图' });
  const list = h('ol', { class: 'map-list' });
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '建设用地土壤污染风险管控和修复名录地块分布图')),
    h('p', { class: 'muted' }, '依据《中华人民共和国土壤污染防治法》公开。图中仅显示已列入名录并公开的地块，边界为登记时标注的范围。'),
    h('section', { class: 'card' }, status, note, canvas,
      h('details', { class: 'map-list-box' }, h('summary', {}, '当前范围内的地块'), list)));

  let L: LeafletNs;
  try {
    L = await leaflet();
  } catch (e) {
    fill(note, errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  const map = createMap(L, canvas);
  void jurisdictionsLayer(L, map, get);
  void basemap(L, map);
  // The published list of key units (上政文〔2017〕147号 三（二）1): a popup with what the list says, no link.
  canvas.before(unitsToggle(L, map, { source: '/public/map/key-units', link: false }));
  // A click opens what the register says of the plot; a hover tooltip would only say it twice.
  const layer: PlotsLayer = plotsLayer(L, map, {
    onClick: (f) => {
      const shape = layer.layerOf(f.id);
      if (shape) L.popup({ maxWidth: 280 }).setLatLng(shape.getBounds().getCenter()).setContent(popup(f)).openOn(map);
    },
  });
  // The register holds listed plots only, so one colour speaks for them all.
  const key = legend(L, map, [{ value: 'listed', label: '列入名录的地块' }, { value: 'unit', label: '土壤污染重点监管单位' }]);
  const view = followViewport(map, layer, {
    source: '/public/map/plots',
    isCurrent: ctx.isCurrent,
    legend: key,
    onData: (data) => {
      fill(note, data.truncated ? h('p', { class: 'notice notice-warn' }, '当前范围内地块较多，仅显示其中一部分，请放大地图查看。') : null);
      fill(status, `显示 ${layer.size} 个地块`);
      key.count(data.features);
      fill(list, data.features.map((f) => h('li', {}, `${f.properties?.code ?? ''} ${f.properties?.name ?? ''}（${f.properties?.stateLabel ?? ''}）`)));
    },
    onError: (e) => {
      fill(status, '地块未能加载');
      fill(note, errorBox(e));
    },
  });
  await view.fit();
}
