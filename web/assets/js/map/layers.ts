// 一张图's other layers: key units' sites (重点监管单位) as a toggled layer, the four zones' colouring and legend
// (上政文〔2017〕147号 三（一）4, reference/map-zones.json), and the optional 天地图 basemap (GET /map/config).
import { get, query } from '../api.js';
import { h, uid } from '../dom.js';
import { bboxOf, type Geometry, type LeafletNs } from './plot-map.js';
import type * as Leaflet from 'leaflet';

/** One key unit's site of GET /map/key-units or /public/map/key-units (src/map/map-layers.service.ts unitsPage). */
interface UnitFeature {
  id: string;
  geometry?: Geometry | null;
  properties?: { name?: string; industryName?: string; stateLabel?: string; jurisdictionName?: string } | null;
}

/** GET /map/key-units and /public/map/key-units: the sites in the window; `truncated` when there are more. */
interface UnitCollection {
  features?: UnitFeature[];
  numberMatched?: number;
  truncated?: boolean;
}

/** GET /map/zones (src/map/map-zones.ts zoneLegend). */
interface ZonesAnswer {
  zones?: { key: string; label: string; derived: boolean }[];
}

/** GET /map/config (src/map/map-layers.service.ts basemap): the 天地图 basemap, or null. */
interface MapConfig {
  basemap: {
    kind: string;
    urlTemplate: string;
    annotationUrlTemplate?: string;
    subdomains: string[];
    attribution: string;
  } | null;
}

/** GET /public-reports/map (src/public-reports/public-reports.service.ts mapLayer): located 12369 cases. */
interface CaseCollection {
  features?: {
    id: string;
    geometry: { coordinates: [number, number] };
    properties?: { status?: string; closed?: boolean; description?: string } | null;
  }[];
  truncated?: boolean;
}

/** The signed-in user, as far as the cases' layer asks (page.ts ctx.me). */
interface Viewer {
  role?: string | null;
  level?: string | null;
}

/** GeoJSON Polygon/MultiPolygon → Leaflet rings; anything else is not drawn. */
function latLngsOf(L: LeafletNs, g: Geometry | null | undefined): Leaflet.LatLng[][] | Leaflet.LatLng[][][] | null {
  if (g?.type === 'Polygon') return L.GeoJSON.coordsToLatLngs(g.coordinates as unknown[], 1) as Leaflet.LatLng[][];
  if (g?.type === 'MultiPolygon') return L.GeoJSON.coordsToLatLngs(g.coordinates as unknown[], 2) as Leaflet.LatLng[][][];
  return null;
}

/** What a unit's popup says: name, industry, state, district; on the console a link to its page. */
function unitPopup(f: UnitFeature, link: boolean | undefined): HTMLElement {
  const p = f.properties ?? {};
  return h('div', { class: 'map-tip', 'data-testid': 'unit-popup' },
    h('strong', {}, p.name ?? ''),
    h('div', {}, `${p.industryName ?? ''}${p.stateLabel ? ` · ${p.stateLabel}` : ''}`),
    p.jurisdictionName ? h('div', { class: 'muted' }, p.jurisdictionName) : null,
    link ? h('a', { href: `/app/key-units/${f.id}` }, '打开单位页面') : null);
}

/**
 * The key units' layer, drawn while its box is ticked: the sites in view (source '/map/key-units' or
 * '/public/map/key-units'), purple outlines. The map's element carries data-units (drawn sites, for the browser tests).
 */
export function unitsToggle(L: LeafletNs, map: Leaflet.Map, { source, link }: { source: string; link?: boolean }): HTMLElement {
  const group = L.featureGroup();
  const el = map.getContainer();
  const id = uid('units');
  const status = h('span', { class: 'muted small', role: 'status', 'data-testid': 'units-count' });
  let seq = 0;
  const draw = async () => {
    if (!map.hasLayer(group)) return;
    const mine = ++seq;
    el.dataset.unitsState = 'loading';
    const data = await get<UnitCollection>(`${source}${query({ bbox: bboxOf(map) })}`);
    if (mine !== seq) return;
    group.clearLayers();
    for (const f of data.features ?? []) {
      const latlngs = latLngsOf(L, f.geometry);
      if (!latlngs) continue;
      const shape = L.polygon(latlngs, { className: 'map-unit', weight: 2, fillOpacity: 0.08 });
      // The popup stands at the site's centre, as the public map's plots do, wherever the click fell.
      shape.on('click', () => L.popup({ maxWidth: 280 }).setLatLng(shape.getBounds().getCenter()).setContent(unitPopup(f, link)).openOn(map));
      group.addLayer(shape);
      shape.getElement()?.setAttribute('aria-label', `${f.properties?.name ?? ''}（土壤污染重点监管单位）`);
      shape.getElement()?.setAttribute('data-unit-id', String(f.id));
    }
    el.dataset.units = String(group.getLayers().length);
    el.dataset.unitsState = 'ready';
    status.textContent = `重点监管单位 ${group.getLayers().length} 个${data.truncated ? `（共 ${data.numberMatched} 个，请放大查看）` : ''}`;
  };
  const box = h('input', { id, type: 'checkbox', 'data-testid': 'units-toggle', on: { change: () => {
    if (box.checked) {
      group.addTo(map);
      void draw().catch(() => { status.textContent = '重点监管单位未能加载'; });
    } else {
      group.remove();
      status.textContent = '';
      delete el.dataset.units;
    }
  } } });
  map.on('moveend', () => void draw().catch(() => undefined));
  return h('p', { class: 'map-layer-toggle' },
    h('label', { for: id }, box, ' 显示土壤污染重点监管单位'), ' ',
    h('span', { class: 'map-swatch map-swatch-unit', 'aria-hidden': 'true' }), ' ', status);
}

/** The zones' legend (GET /map/zones), shown while the plots are coloured by zone. */
export function zoneLegend(L: LeafletNs, map: Leaflet.Map): { show(on: boolean): Promise<void> } {
  const control = new L.Control({ position: 'bottomleft' });
  const body = h('ul', { class: 'map-legend-list' });
  control.onAdd = () => {
    const box = h('div', { class: 'map-legend map-zone-legend', 'data-testid': 'zone-legend' },
      h('p', { class: 'map-legend-title' }, '分区（上政文〔2017〕147号）'), body);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  const ready = get<ZonesAnswer>('/map/zones').then((z) => body.replaceChildren(...(z.zones ?? []).map((zone) => h('li', {},
    h('span', { class: `map-swatch map-swatch-zone-${zone.key}`, 'aria-hidden': 'true' }), zone.label,
    zone.derived ? null : h('span', { class: 'muted' }, '（由管理员导入，暂无）'))),
  h('li', {}, h('span', { class: 'map-swatch map-swatch-zone-none', 'aria-hidden': 'true' }), '不属于四区（已移出名录、非污染地块）'))).catch(() => undefined);
  return {
    show(on: boolean) {
      if (on) control.addTo(map);
      else control.remove();
      return ready;
    },
  };
}

/** The 天地图 basemap when the deployment configured its key; otherwise nothing is asked of any outside host. */
export async function basemap(L: LeafletNs, map: Leaflet.Map): Promise<boolean> {
  const { basemap: b } = await get<MapConfig>('/map/config').catch((): MapConfig => ({ basemap: null }));
  if (!b || b.kind !== 'tianditu') return false;
  const options = { subdomains: b.subdomains, maxZoom: 18, attribution: b.attribution };
  L.tileLayer(b.urlTemplate, options).addTo(map);
  if (b.annotationUrlTemplate) L.tileLayer(b.annotationUrlTemplate, { ...options, attribution: '' }).addTo(map);
  L.control.attribution({ prefix: false }).addTo(map);
  return true;
}

/**
 * 12369 公众举报 on the district bureau's map: its located cases in view (GET /public-reports/map), orange pins; the
 * popup says what was seen and the step reached, never who reported it (土壤法第八十四条), and opens the case page.
 */
export function casesToggle(L: LeafletNs, map: Leaflet.Map, me: Viewer | null | undefined, navigate: (path: string) => unknown): HTMLElement | null {
  if (me?.role !== 'eeb' || me.level !== 'district') return null;
  const group = L.layerGroup();
  const el = map.getContainer();
  const id = uid('cases');
  const status = h('span', { class: 'muted small', role: 'status', 'data-testid': 'cases-count' });
  let seq = 0;
  const draw = async () => {
    if (!map.hasLayer(group)) return;
    const mine = ++seq;
    const data = await get<CaseCollection>(`/public-reports/map${query({ bbox: bboxOf(map) })}`);
    if (mine !== seq) return;
    group.clearLayers();
    for (const f of data.features ?? []) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties ?? {};
      // Colours in map.css (.map-case): an open case orange, a closed one pale.
      L.circleMarker([lat, lon], { radius: 7, weight: 2, fillOpacity: 0.9, className: p.closed ? 'map-case map-case-closed' : 'map-case' })
        .bindTooltip(`公众举报（${p.status}）：${p.description}`)
        .on('click', () => navigate(`/app/public-reports/${f.id}`))
        .addTo(group);
    }
    el.dataset.cases = String(group.getLayers().length);
    status.textContent = `公众举报 ${group.getLayers().length} 件${data.truncated ? '（较多，请放大查看）' : ''}`;
  };
  const box = h('input', { id, type: 'checkbox', 'data-testid': 'cases-toggle', on: { change: () => {
    if (box.checked) {
      group.addTo(map);
      void draw().catch(() => { status.textContent = '公众举报未能加载'; });
    } else {
      group.remove();
      status.textContent = '';
      delete el.dataset.cases;
    }
  } } });
  map.on('moveend', () => void draw().catch(() => undefined));
  return h('p', { class: 'map-layer-toggle' }, h('label', { for: id }, box, ' 显示本辖区标注了位置的公众举报'), ' ',
    h('span', { class: 'map-swatch map-swatch-case', 'aria-hidden': 'true' }), ' ', status);
}
