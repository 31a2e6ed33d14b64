// The monitoring network as a layer of 一张图 (issue 20): the points in view as circles, red where a warning is open;
// shown when its checkbox is ticked. A point's circle opens its page.
import { get, query } from '../api.js';
import { h, uid } from '../dom.js';
import type { LeafletNs } from '../map/plot-map.js';
import type { Me } from '../page.js';
import type { Map as LeafletMap } from 'leaflet';

/** One point of GET /monitoring/points (src/monitoring/monitoring-view.ts toPointView). */
interface MapPoint {
  id: string;
  code: string;
  name: string;
  kindLabel?: string;
  lat: number;
  lon: number;
  overdue?: boolean;
}

/** GET /monitoring/points: a page of points. */
interface PointsPage {
  items?: MapPoint[];
  total: number;
}

/** GET /monitoring/warnings: the open warnings (src/monitoring/monitoring-view.ts toWarningSummary). */
interface WarningsPage {
  items?: { pointId: string }[];
}

const MAX_POINTS = 500;

export function monitoringToggle(L: LeafletNs, map: LeafletMap, me: Me, navigate: (path: string) => unknown): HTMLElement | null {
  if (!['eeb', 'land', 'admin'].includes(me.role)) return null;
  const group = L.layerGroup();
  const id = uid('mon');
  const status = h('span', { class: 'muted small', role: 'status', 'data-testid': 'monitoring-count' });
  let warned = new Set<string>();
  const draw = async () => {
    if (!map.hasLayer(group)) return;
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(',');
    const res = await get<PointsPage>(`/monitoring/points${query({ bbox, pageSize: MAX_POINTS })}`);
    group.clearLayers();
    for (const p of res.items ?? []) {
      const warning = warned.has(p.id);
      L.circleMarker([p.lat, p.lon], { radius: 7, color: warning ? '#b3261e' : '#1d4ed8', fillColor: warning ? '#b3261e' : '#60a5fa', fillOpacity: 0.85, weight: 2, className: warning ? 'monitoring-point warned' : 'monitoring-point' })
        .bindTooltip(`${p.code} ${p.name}（${p.kindLabel}）${warning ? '：有未关闭的预警' : ''}${p.overdue ? '：监测已逾期' : ''}`)
        .on('click', () => navigate(`/app/monitoring/points/${p.id}`))
        .addTo(group);
    }
    status.textContent = `监测点位 ${res.items?.length ?? 0} 个${res.total > MAX_POINTS ? `（共 ${res.total} 个，请放大查看）` : ''}，其中有未关闭预警的 ${(res.items ?? []).filter((p) => warned.has(p.id)).length} 个`;
  };
  const box = h('input', { id, type: 'checkbox', on: { change: async () => {
    if (box.checked) {
      group.addTo(map);
      const open = await get<WarningsPage>('/monitoring/warnings?pageSize=200');
      warned = new Set((open.items ?? []).map((w) => w.pointId));
      await draw();
    } else {
      group.remove();
      status.textContent = '';
    }
  } } });
  map.on('moveend', () => void draw().catch(() => undefined));
  return h('p', { class: 'map-layer-toggle' }, h('label', { for: id }, box, ' 显示监测点位和预警'), ' ', status);
}
