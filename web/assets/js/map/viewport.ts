// Keeps a plots layer in step with the view: the plots of the visible area are fetched again after each move
// (debounced), the first answer (no bbox: all the caller may see) decides where the map looks.
import { ApiError, get, query } from '../api.js';
import { bboxOf, type Legend, type PlotCollection, type PlotsLayer } from './plot-map.js';
import type { Map as LeafletMap } from 'leaflet';

const DEBOUNCE_MS = 250;

/** What followViewport() is told. */
export interface ViewportOptions {
  source: string;
  filters?: () => Record<string, string | number | boolean | null | undefined>;
  onData: (data: PlotCollection) => void;
  onError: (error: unknown) => void;
  isCurrent: () => boolean;
  legend?: Legend;
}

/**
 * source: '/map/plots' or '/public/map/plots'; filters(): the extra query; onData(collection) after each answer;
 * onError(error); legend: the map's legend, kept clear of the fitted plots. The map's element carries data-state="loading|ready" and data-drawn (for the browser tests).
 */
export function followViewport(map: LeafletMap, layer: PlotsLayer, { source, filters = () => ({}), onData, onError, isCurrent, legend }: ViewportOptions): { fit: () => Promise<void>; reload: () => Promise<void> } {
  const el = map.getContainer();
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const mark = (state: string) => {
    el.dataset.state = state;
    el.dataset.drawn = String(layer.size);
  };

  async function load({ fit = false }: { fit?: boolean } = {}): Promise<void> {
    const mine = ++seq;
    mark('loading');
    let data: PlotCollection | null | undefined;
    try {
      data = await get<PlotCollection | null>(`${source}${query({ ...(fit ? {} : { bbox: bboxOf(map) }), ...filters() })}`);
    } catch (e) {
      if (mine !== seq || !isCurrent()) return;
      mark('ready');
      onError(e instanceof ApiError && e.missing ? new Error('地图服务尚未开通。') : e);
      return;
    }
    if (mine !== seq || !isCurrent()) return;
    const features = Array.isArray(data?.features) ? data.features : [];
    layer.set(features);
    mark('ready');
    onData({ ...data, features });
    // Marked ready first: fitting moves the map, and the move's reload marks it loading again at once.
    if (fit && layer.size) {
      const below = (legend?.height ?? 0) + 16;
      map.fitBounds(layer.group.getBounds(), { paddingTopLeft: [48, 40], paddingBottomRight: [32, Math.max(32, below)], maxZoom: 17, animate: false });
    }
  }

  map.on('movestart', () => clearTimeout(timer));
  map.on('moveend', () => {
    clearTimeout(timer);
    mark('loading');
    timer = setTimeout(() => void load(), DEBOUNCE_MS);
  });
  return {
    /** Everything the caller may see, then the map fitted to it. */
    fit: () => load({ fit: true }),
    reload: () => load(),
  };
}
