import { turf } from '../common/lazy-libraries';
import type { GeoJsonPolygon } from '../evidence/geojson';

export type Placement = { kind: 'inside' } | { kind: 'partly'; outsideM2: number; outsideShare: number } | { kind: 'outside' };

/**
 * Where a plot's boundary lies against its jurisdiction's (issue 19: inside the jurisdiction's boundary): wholly inside,
 * partly outside (with the area outside, on the sphere as turf measures), or wholly outside.
 */
export function placementIn(plot: GeoJsonPolygon, jurisdiction: GeoJsonPolygon): Placement {
  const p = turf().polygon(plot.coordinates);
  const j = turf().polygon(jurisdiction.coordinates);
  if (turf().booleanWithin(p, j)) return { kind: 'inside' };
  const shared = turf().intersect(turf().featureCollection([p, j]));
  const sharedM2 = shared ? turf().area(shared) : 0;
  // Touching along the line only shares no area: as good as outside.
  if (sharedM2 < 0.5) return { kind: 'outside' };
  const total = turf().area(p);
  const outsideM2 = Math.max(0, total - sharedM2);
  // Rounding along a shared edge leaves slivers below half a square metre: inside.
  if (outsideM2 < 0.5) return { kind: 'inside' };
  return { kind: 'partly', outsideM2, outsideShare: outsideM2 / total };
}
