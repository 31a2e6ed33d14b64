import { turf } from '../common/lazy-libraries';
import { type GeoJsonPolygon, validatePolygon } from '../evidence/geojson';
import { ValidationFailedError } from '../common/errors';

/** Beyond this the declared area and the computed one are said to differ (a warning, not a refusal). */
export const DECLARED_AREA_TOLERANCE = 0.05;

export interface CheckedBoundary {
  polygon: GeoJsonPolygon;
  /** Area on the sphere (turf), square metres, rounded to 0.01 m². */
  areaM2: number;
  vertexCount: number;
  warnings: string[];
}

/**
 * The checks every imported boundary passes: those of validatePolygon (closed rings,
 * China's extent, no crossing or touching edges, area > 0 — stricter than turf's kinks,
 * which misses edges that only touch), rings wound as RFC 7946 §3.1.6 asks (exterior
 * anticlockwise; surveys often go clockwise), and the declared area compared with the
 * computed one. `field` names the input in errors.
 */
export function checkBoundary(polygon: GeoJsonPolygon, declaredAreaM2?: number, field = 'file'): CheckedBoundary {
  const check = validatePolygon(polygon, 'polygon');
  if (!check.ok) throw new ValidationFailedError(check.errors.map((message) => ({ field, message: inWords(message) })));
  const warnings: string[] = [];
  const wound = turf().rewind(check.polygon) as GeoJsonPolygon;
  const areaM2 = Math.round(check.areaM2Approx * 100) / 100;
  if (declaredAreaM2 !== undefined) {
    const diff = (areaM2 - declaredAreaM2) / declaredAreaM2;
    if (Math.abs(diff) > DECLARED_AREA_TOLERANCE) {
      warnings.push(
        `计算面积 ${areaM2.toFixed(2)} 平方米与申报面积 ${declaredAreaM2} 平方米相差 ${(diff * 100).toFixed(1)}%（超过 ${DECLARED_AREA_TOLERANCE * 100}%），请核对界址点或申报面积`,
      );
    }
  }
  return { polygon: wound, areaM2, vertexCount: check.vertexCount, warnings };
}

const ringName = (r: string) => (r === '0' ? '外环' : `第 ${r} 个内环`);

/** validatePolygon's JSON paths (polygon.coordinates[0][4]) in words, for a person who uploaded a file. */
function inWords(message: string): string {
  return message
    .replace(/polygon\.coordinates\[(\d+)\]\[(\d+)\]–\[(\d+)\]/g, (_, r: string, a: string, b: string) => `${ringName(r)}第 ${Number(a) + 1}–${Number(b) + 1} 点之间的边`)
    .replace(/polygon\.coordinates\[(\d+)\]\[(\d+)\]/g, (_, r: string, i: string) => `${ringName(r)}第 ${Number(i) + 1} 个点`)
    .replace(/polygon\.coordinates\[(\d+)\]/g, (_, r: string) => ringName(r))
    .replace(/polygon(\.coordinates|\.type)?/g, '边界');
}
