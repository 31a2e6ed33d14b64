// The map the console draws plots on: Leaflet shipped with the app (web/assets/vendor/leaflet), loaded on first use,
// and no tile server — a graticule and a metric scale bar stand in for a basemap, so the map works offline.
// Coordinates are GeoJSON lon/lat on CGCS2000 (EPSG:4490), drawn as WGS 84.
import { h } from '../dom.js';
import { STAGES, stageLabel, stageOf } from '../format.js';
import type * as Leaflet from 'leaflet';

/** The Leaflet namespace (window.L), typed by @types/leaflet; only types are imported, the script is loaded at run time. */
export type LeafletNs = typeof Leaflet;

declare global {
  interface Window {
    L?: LeafletNs;
  }
}

/** Properties of a plot feature of GET /map/plots or /public/map/plots (src/map/map.service.ts feature / publicFeature). */
export interface PlotProperties {
  code?: string;
  name?: string;
  state?: string;
  stateLabel?: string;
  stage?: string;
  zone?: string;
  zoneLabel?: string;
  jurisdiction?: string;
  jurisdictionName?: string;
  holderOrganisationName?: string;
}

/** A GeoJSON geometry as the server sends it (Feature.geometry is unknown there); only polygons are drawn. */
export interface Geometry {
  type?: string;
  coordinates?: unknown;
}

/** One plot feature (src/map/map.service.ts Feature). */
export interface PlotFeature {
  id: string;
  geometry?: Geometry | null;
  properties?: PlotProperties | null;
}

/** GET /map/plots and /public/map/plots (src/map/map.service.ts FeatureCollection). */
export interface PlotCollection {
  features: PlotFeature[];
  numberMatched?: number;
  numberReturned?: number;
  [member: string]: unknown;
}

/** One feature of GET /public/map/jurisdictions: a jurisdiction's uploaded boundary (src/map/jurisdiction-boundaries.service.ts). */
interface JurisdictionFeature {
  geometry?: Geometry | null;
  properties: { code: string; name: string; approximate?: boolean };
}

/** GET /public/map/jurisdictions. */
interface JurisdictionCollection {
  features?: JurisdictionFeature[];
}

/** The plots layer plotsLayer() returns. */
export interface PlotsLayer {
  group: Leaflet.FeatureGroup;
  readonly size: number;
  set(features: PlotFeature[]): void;
  layerOf(id: unknown): Leaflet.Polygon | undefined;
}

/** The legend legend() returns. */
export interface Legend {
  readonly height: number;
  count(features: PlotFeature[]): void;
}

const VENDOR = '/app/assets/vendor/leaflet';
let loading: Promise<LeafletNs> | null = null;

/** Leaflet (a UMD script that sets window.L) and the map's stylesheets, loaded once. */
export function leaflet(): Promise<LeafletNs> {
  if (window.L) return Promise.resolve(window.L);
  loading ??= new Promise<LeafletNs>((resolve, reject) => {
    document.head.append(
      h('link', { rel: 'stylesheet', href: `${VENDOR}/leaflet.css` }),
      h('link', { rel: 'stylesheet', href: '/app/assets/map.css' }));
    const script = h('script', { src: `${VENDOR}/leaflet.js` });
    script.addEventListener('load', () => {
      if (window.L) resolve(window.L);
      else reject(new Error('地图组件未能加载，请刷新页面后重试。'));
    });
    script.addEventListener('error', () => {
      loading = null;
      script.remove();
      reject(new Error('地图组件未能加载，请刷新页面后重试。'));
    });
    document.head.append(script);
  });
  return loading;
}

// Where the map opens before the plots say where to look: 郑州市上街区, the demo's district.
const HOME: { center: [number, number]; zoom: number } = { center: [34.8, 113.29], zoom: 13 };

/** A map in `el` with a metric scale bar and a graticule. */
export function createMap(L: LeafletNs, el: HTMLElement, { zoom = HOME.zoom }: { zoom?: number } = {}): Leaflet.Map {
  const map = L.map(el, { attributionControl: false, zoomControl: false, zoomSnap: 0.5, minZoom: 3, maxZoom: 19 }).setView(HOME.center, zoom);
  // Leaflet's own buttons are titled in English.
  L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小' }).addTo(map);
  L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);
  map.createPane('graticule').style.zIndex = '350';
  graticule(L, map);
  return map;
}

/** Degrees between lines: about ten across the view (0.01° ≈ 1.1 km north–south, 0.1° ≈ 11 km). */
const STEPS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

export function graticuleStep(span: number): number {
  return STEPS.find((s) => span / s <= 10) ?? 10;
}

function graticule(L: LeafletNs, map: Leaflet.Map): void {
  const group = L.layerGroup().addTo(map);
  const style: Leaflet.PolylineOptions = { pane: 'graticule', className: 'map-graticule', weight: 1, interactive: false };
  const label = (latlng: Leaflet.LatLngExpression, text: string, cls: string) => L.marker(latlng, {
    pane: 'graticule', interactive: false, keyboard: false,
    icon: L.divIcon({ className: `map-graticule-label ${cls}`, html: h('span', {}, text), iconSize: null as unknown as Leaflet.PointExpression }),
  });
  const draw = () => {
    group.clearLayers();
    const b = map.getBounds();
    const [west, east] = [Math.max(-180, b.getWest()), Math.min(180, b.getEast())];
    const [south, north] = [Math.max(-85, b.getSouth()), Math.min(85, b.getNorth())];
    const step = graticuleStep(Math.max(east - west, north - south));
    const digits = Math.max(0, Math.ceil(-Math.log10(step)));
    // Labels along the top and the left edge, none where the zoom buttons and the scale bar sit.
    const size = map.getSize();
    const at = (lat: number, lon: number) => map.latLngToContainerPoint([lat, lon]);
    for (let lon = Math.ceil(west / step) * step; lon <= east; lon += step) {
      group.addLayer(L.polyline([[south, lon], [north, lon]], style));
      const x = at(north, lon).x;
      if (x > 70 && x < size.x - 40) group.addLayer(label([north, lon], `${lon.toFixed(digits)}°E`, 'map-graticule-lon'));
    }
    for (let lat = Math.ceil(south / step) * step; lat <= north; lat += step) {
      group.addLayer(L.polyline([[lat, west], [lat, east]], style));
      const y = at(lat, west).y;
      if (y > 90 && y < size.y - 40) group.addLayer(label([lat, west], `${lat.toFixed(digits)}°N`, 'map-graticule-lat'));
    }
  };
  map.on('moveend', draw);
  draw();
}

/** GeoJSON rings (lon/lat) → Leaflet lat/lng rings; MultiPolygon too. Anything else is not drawn. */
function latLngsOf(L: LeafletNs, geometry: Geometry | null | undefined): Leaflet.LatLng[][] | Leaflet.LatLng[][][] | null {
  if (geometry?.type === 'Polygon') return L.GeoJSON.coordsToLatLngs(geometry.coordinates as unknown[], 1) as Leaflet.LatLng[][];
  if (geometry?.type === 'MultiPolygon') return L.GeoJSON.coordsToLatLngs(geometry.coordinates as unknown[], 2) as Leaflet.LatLng[][][];
  return null;
}

/** One plot's outline in the colour of its stage (map.css). */
export function plotPolygon(L: LeafletNs, geometry: Geometry | null | undefined, stage: string, extraClass = ''): Leaflet.Polygon | null {
  const latlngs = latLngsOf(L, geometry);
  if (!latlngs) return null;
  return L.polygon(latlngs, { className: `map-plot map-stage-${stage} ${extraClass}`.trim(), weight: 2, fillOpacity: 0.35 });
}

/**
 * The plots layer: features of GET /map/plots or /public/map/plots drawn by stage, each path named for assistive
 * technology and tagged with its plot's id; `describe(feature)` gives the tooltip (none without it), `onClick(feature)` what a click does.
 */
export function plotsLayer(L: LeafletNs, map: Leaflet.Map, { describe, onClick }: { describe?: (f: PlotFeature) => HTMLElement; onClick?: (f: PlotFeature) => void }): PlotsLayer {
  const group = L.featureGroup().addTo(map);
  const byId = new Map<string, Leaflet.Polygon>();
  return {
    group,
    get size() {
      return byId.size;
    },
    set(features: PlotFeature[]) {
      group.clearLayers();
      byId.clear();
      for (const f of features) {
        const p: PlotProperties = f.properties ?? {};
        const layer = plotPolygon(L, f.geometry, p.stage ?? stageOf(p.state), p.zone ? `map-zone-${p.zone}` : '');
        if (!layer) continue;
        if (describe) layer.bindTooltip(describe(f), { sticky: true, direction: 'top' });
        if (onClick) layer.on('click', () => onClick(f));
        group.addLayer(layer);
        byId.set(String(f.id), layer);
        const el = layer.getElement();
        el?.setAttribute('data-plot-id', String(f.id));
        el?.setAttribute('aria-label', `${p.code ?? ''} ${p.name ?? ''}（${p.stateLabel ?? stageLabel(p.stage ?? '')}）`);
      }
    },
    layerOf(id: unknown) {
      return byId.get(String(id));
    },
  };
}

/** The legend: each stage's colour and name, with how many of the drawn plots are in it. */
export function legend(L: LeafletNs, map: Leaflet.Map, stages: readonly { value: string; label: string }[] = STAGES): Legend {
  const counts = new Map<string, number>();
  const body = h('ul', { class: 'map-legend-list' });
  const draw = () => body.replaceChildren(...stages.map((s) => h('li', { class: counts.get(s.value) ? null : 'map-legend-none' },
    h('span', { class: `map-swatch map-swatch-${s.value}`, 'aria-hidden': 'true' }),
    s.label, counts.has(s.value) ? h('span', { class: 'muted' }, `（${counts.get(s.value)}）`) : null)));
  const control = new L.Control({ position: 'bottomright' });
  let box: HTMLElement | null = null;
  control.onAdd = () => {
    box = h('div', { class: 'map-legend', 'data-testid': 'map-legend' }, h('p', { class: 'map-legend-title' }, '图例'), body);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  control.addTo(map);
  draw();
  return {
    /** Room to leave below the plots when fitting, so that the legend covers none of them. */
    get height() {
      return box?.offsetHeight ?? 0;
    },
    count(features: PlotFeature[]) {
      counts.clear();
      for (const f of features) {
        const stage = f.properties?.stage ?? stageOf(f.properties?.state);
        counts.set(stage, (counts.get(stage) ?? 0) + 1);
      }
      draw();
    },
  };
}

/** bbox=minLon,minLat,maxLon,maxLat of the view, clamped to the world. */
export function bboxOf(map: Leaflet.Map): string {
  const b = map.getBounds();
  const c = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v)).toFixed(6);
  return [c(b.getWest(), -180, 180), c(b.getSouth(), -90, 90), c(b.getEast(), -180, 180), c(b.getNorth(), -90, 90)].join(',');
}

/** The tooltip of a plot: code and name, stage, district. */
export function plotTooltip(f: PlotFeature): HTMLElement {
  const p: PlotProperties = f.properties ?? {};
  return h('div', { class: 'map-tip' },
    h('strong', {}, `${p.code ?? ''} ${p.name ?? ''}`),
    h('div', {}, p.stateLabel ?? stageLabel(p.stage ?? '')),
    p.zoneLabel ? h('div', {}, `分区：${p.zoneLabel}`) : null,
    p.jurisdictionName ? h('div', { class: 'muted' }, p.jurisdictionName) : null,
    p.holderOrganisationName ? h('div', { class: 'muted' }, `土地使用权人：${p.holderOrganisationName}`) : null);
}

/**
 * The jurisdictions' boundaries an administrator uploaded (GET /public/map/jurisdictions), as dashed lines under the
 * plots, each named, and one line of the legend's kind saying which are approximate.
 */
export function jurisdictionsLayer(L: LeafletNs, map: Leaflet.Map, fetchJson: (path: string) => Promise<unknown>): Promise<void> {
  map.createPane('jurisdictions').style.zIndex = '380';
  const group = L.layerGroup().addTo(map);
  const el = map.getContainer();
  return fetchJson('/public/map/jurisdictions').then((answer) => {
    const data = answer as JurisdictionCollection | null;
    for (const f of data?.features ?? []) {
      const latlngs = latLngsOf(L, f.geometry);
      if (!latlngs) continue;
      const line = L.polygon(latlngs, { pane: 'jurisdictions', className: 'map-jurisdiction', interactive: false, fill: false, weight: 2, dashArray: '6 4' });
      group.addLayer(line);
      const name = `${f.properties.name}辖区边界${f.properties.approximate ? '（示意）' : ''}`;
      line.getElement()?.setAttribute('aria-label', name);
      line.getElement()?.setAttribute('data-code', f.properties.code);
    }
    const approximate = (data?.features ?? []).filter((f) => f.properties.approximate).map((f) => f.properties.name);
    if (data?.features?.length) {
      const note = new L.Control({ position: 'topright' });
      note.onAdd = () => h('div', { class: 'map-legend map-jurisdiction-note', 'data-testid': 'map-jurisdictions' },
        '虚线为辖区边界', approximate.length ? `（${approximate.join('、')}为示意边界）` : '');
      note.addTo(map);
    }
    el.dataset.jurisdictions = String(group.getLayers().length);
  }).catch(() => {
    el.dataset.jurisdictions = '0';
  });
}
