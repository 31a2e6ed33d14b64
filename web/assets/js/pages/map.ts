// 一张图: the plots the signed-in user may see, on an offline map, coloured by stage (GET /map/plots).
import { get, query } from '../api.js';
import { jurisdictions, type DirectoryJurisdiction } from '../directory.js';
import { add, fill, h, uid } from '../dom.js';
import { STAGES } from '../format.js';
import { navigate } from '../main.js';
import { createMap, jurisdictionsLayer, leaflet, legend, plotPolygon, plotsLayer, plotTooltip, type Geometry, type LeafletNs } from '../map/plot-map.js';
import { basemap, casesToggle, unitsToggle, zoneLegend } from '../map/layers.js';
import { followViewport } from '../map/viewport.js';
import { monitoringToggle } from '../monitoring/map-layer.js';
import { errorBox, stageBadge } from '../widgets.js';
import type { SignedInContext } from '../page.js';
import type { Polygon } from 'leaflet';

/** The element ids of the filters' fields. */
interface FilterIds {
  q: string;
  stage: string;
  j: string;
  colour: string;
}

/** One hit of GET /plots?q= (src/plots/plot-view.ts toPlotSummary). */
interface PlotHit {
  id: string;
  code: string;
  name: string;
  state: string;
  stateLabel?: string | null;
}

/** GET /plots?q=: a page of plot summaries. */
interface PlotHits {
  items?: PlotHit[];
  total: number;
}

/** What a located hit reads of GET /plots/:id (src/plots/plot-view.ts). */
interface LocatedPlot {
  id: string;
  code: string;
  name: string;
  boundary?: Geometry | null;
}

function filtersForm(ctx: SignedInContext, districts: DirectoryJurisdiction[], ids: FilterIds): HTMLFormElement {
  const stage = ctx.query.get('stage') ?? '';
  const j = ctx.query.get('jurisdiction') ?? '';
  return h('form', { class: 'filters map-filters', role: 'search', 'aria-label': '在地图上查找地块' },
    h('div', { class: 'field' }, h('label', { for: ids.q }, '搜索地块'),
      h('input', { id: ids.q, name: 'q', type: 'search', placeholder: '编码或名称', maxlength: 100 })),
    h('div', { class: 'field' }, h('label', { for: ids.stage }, '阶段'),
      h('select', { id: ids.stage, name: 'stage' }, h('option', { value: '' }, '全部阶段'),
        STAGES.map((s) => h('option', { value: s.value, selected: s.value === stage }, s.label)))),
    districts.length
      ? h('div', { class: 'field' }, h('label', { for: ids.j }, '行政区'),
        h('select', { id: ids.j, name: 'jurisdiction' }, h('option', { value: '' }, '全部行政区'),
          districts.map((d) => h('option', { value: d.code, selected: d.code === j }, d.name))))
      : null,
    h('div', { class: 'field' }, h('label', { for: ids.colour }, '着色'),
      h('select', { id: ids.colour, name: 'colour', 'data-testid': 'map-colour' },
        h('option', { value: 'stage' }, '按阶段'), h('option', { value: 'zone' }, '按分区（四区）'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '搜索')));
}

/** Search by code or name (GET /plots?q=), each hit a link to its page and a button that shows it on the map. */
async function search(text: string, out: HTMLElement, locate: (p: PlotHit) => unknown): Promise<void> {
  if (!text) {
    fill(out);
    return;
  }
  const res = await get<PlotHits>(`/plots${query({ q: text, pageSize: 10 })}`);
  const items = res.items ?? [];
  fill(out, items.length
    ? h('ul', { class: 'map-hits', 'aria-label': '搜索结果' }, items.map((p) => h('li', {},
      h('a', { href: `/app/plots/${p.id}`, class: 'strong-link' }, p.code), ' ', p.name, ' ', stageBadge(p.state, p.stateLabel), ' ',
      h('button', { type: 'button', class: 'btn btn-small', on: { click: () => locate(p) } }, '在图上定位'))))
    : h('p', { class: 'empty' }, `没有编码或名称含“${text}”的地块。`),
    res.total > items.length ? h('p', { class: 'muted small' }, `共 ${res.total} 个，仅列出前 ${items.length} 个，请输入更完整的编码或名称。`) : null);
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('一张图');
  const ids = { q: uid('q'), stage: uid('stage'), j: uid('j'), colour: uid('colour') };
  const districts = await jurisdictions().then((list) => list.filter((d) => !d.level || d.level === 'district')).catch((): DirectoryJurisdiction[] => []);
  if (!ctx.isCurrent()) return;
  const form = filtersForm(ctx, districts, ids);
  const status = h('p', { class: 'summary', role: 'status', 'data-testid': 'map-count' }, '正在加载地块……');
  const note = h('div', { 'aria-live': 'polite' });
  const hits = h('div', { 'aria-live': 'polite' });
  const canvas = h('div', { class: 'map-canvas', 'data-testid': 'map', 'aria-label': '地块分布图' });
  const list = h('ol', { class: 'map-list' });
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '一张图')),
    h('section', { class: 'card' }, form, hits, status, note, canvas,
      h('p', { class: 'muted small' }, '图中为登记时标注了边界的地块，按所处阶段或所在分区着色；点击地块打开地块页面。紫色虚线为土壤污染重点监管单位的用地范围。坐标系：2000国家大地坐标系（CGCS2000）。'),
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
  canvas.before(monitoringToggle(L, map, ctx.me, navigate) ?? '');
  canvas.before(unitsToggle(L, map, { source: '/map/key-units', link: true }));
  canvas.before(casesToggle(L, map, ctx.me, navigate) ?? '');
  const zones = zoneLegend(L, map);
  const layer = plotsLayer(L, map, { describe: plotTooltip, onClick: (f) => navigate(`/app/plots/${f.id}`) });
  const key = legend(L, map, [...STAGES, { value: 'unit', label: '土壤污染重点监管单位' }]);
  let selected: Polygon | null = null;
  const values = (): Record<string, string | undefined> => Object.fromEntries(new FormData(form)) as Record<string, string | undefined>;
  const view = followViewport(map, layer, {
    source: '/map/plots',
    isCurrent: ctx.isCurrent,
    legend: key,
    filters: () => ({ stage: values().stage, jurisdiction: values().jurisdiction }),
    onData: (data) => {
      fill(note, data.truncated ? h('p', { class: 'notice notice-warn' }, '当前范围内地块较多，仅显示其中一部分，请放大地图查看。') : null);
      fill(status, `显示 ${layer.size} 个地块`);
      key.count(data.features);
      fill(list, data.features.map((f) => h('li', {}, h('a', { href: `/app/plots/${f.id}` }, `${f.properties?.code ?? ''} ${f.properties?.name ?? ''}`))));
    },
    onError: (e) => {
      fill(status, '地块未能加载');
      fill(note, errorBox(e));
    },
  });

  // A hit of the search is outlined on the map; one not on the map (filtered out, or without a boundary) is fetched.
  const locate = async (p: PlotHit) => {
    selected?.remove();
    selected = null;
    const plot = await get<LocatedPlot>(`/plots/${p.id}`).catch(() => null);
    const outline = plot?.boundary ? plotPolygon(L, plot.boundary, 'selected', 'map-plot-selected') : null;
    if (!outline || !plot) {
      fill(note, h('p', { class: 'notice notice-info' }, `${p.code} 登记时未标注地块边界，无法在图上显示。`));
      return;
    }
    selected = outline.addTo(map).bindTooltip(h('span', {}, `${plot.code} ${plot.name}`), { permanent: true, direction: 'top' });
    selected.on('click', () => navigate(`/app/plots/${plot.id}`));
    map.fitBounds(outline.getBounds(), { padding: [48, 48], maxZoom: 17, animate: false });
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = String(values().q ?? '').trim();
    search(text, hits, locate).catch((e) => fill(hits, errorBox(e)));
  });
  form.addEventListener('change', (ev) => {
    const target = ev.target as HTMLInputElement | HTMLSelectElement;
    if (target.name === 'q') return;
    if (target.name === 'colour') {
      const byZone = target.value === 'zone';
      canvas.classList.toggle('map-colour-zone', byZone);
      // The stages' swatches would misname the zones' colours: one legend at a time.
      const stages = canvas.querySelector<HTMLElement>('[data-testid="map-legend"]');
      if (stages) stages.hidden = byZone;
      void zones.show(byZone);
      return;
    }
    const { stage, jurisdiction } = values();
    history.replaceState(null, '', `/app/map${query({ stage, jurisdiction })}`);
    void view.fit();
  });
  await view.fit();
}
