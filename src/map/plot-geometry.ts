import { turf } from '../common/lazy-libraries';
import type { GeoJsonPolygon } from '../evidence/geojson';

/** A bounding box in decimal degrees: [minLon, minLat, maxLon, maxLat] (RFC 7946 §5). */
export type BBox = [number, number, number, number];

/** The overlap below which two boundaries only touch: rounding of shared edges leaves slivers of this order. */
export const OVERLAP_TOLERANCE_M2 = 0.5;

/** The bounding box of a polygon's exterior ring (a valid polygon's holes lie inside it). */
export function bboxOf(boundary: GeoJsonPolygon): BBox {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of boundary.coordinates[0]) {
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** The area two boundaries share, in square metres (on the sphere, as turf measures); 0 when they only touch. */
export function overlapAreaM2(a: GeoJsonPolygon, b: GeoJsonPolygon): number {
  const shared = turf().intersect(turf().featureCollection([turf().polygon(a.coordinates), turf().polygon(b.coordinates)]));
  return shared ? turf().area(shared) : 0;
}

/** Whether a boundary meets the window at all (inside, across an edge, or containing it). */
export function meetsWindow(boundary: GeoJsonPolygon, window: BBox): boolean {
  return turf().booleanIntersects(turf().polygon(boundary.coordinates), turf().bboxPolygon(window));
}
