import { FIRST_ZONE, gaussKruger, type GaussKrugerCrs, isZone, LAST_ZONE, toLonLat } from './crs';
import { importError, type ZoneOptions } from './import-error';
import type { GeoJsonPolygon } from '../evidence/geojson';

/**
 * A 界址点 coordinate list as a 勘测定界 report gives it (TD/T 1008—2007 土地勘测定界规程,
 * 8 界址点测量, 9 面积计算): one point a line, `点号, X, Y` with X the northing and Y the
 * easting in metres on a CGCS2000 3-degree Gauss-Krüger zone, separated by commas, tabs
 * or spaces. Header lines before the first point are skipped; attributes after Y (边长,
 * 备注) are ignored; the ring may or may not repeat its first point at the end.
 */
export interface BoundaryPoint {
  name: string;
  line: number;
  northing: number;
  easting: number;
}

export interface ParsedBoundaryPoints {
  polygon: GeoJsonPolygon;
  crs: GaussKrugerCrs;
  points: BoundaryPoint[];
  warnings: string[];
}

const FIELD = 'file';
const MAX_POINTS = 5000;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;

type Kind = 'northing' | 'easting' | 'prefixedEasting' | 'sixDegreeEasting' | 'other';

/** What a coordinate value can be, judged by its size (China: northing 0.3–6.1 million m). */
function kindOf(v: number): Kind {
  if (v >= 1_000_000 && v < 6_200_000) return 'northing';
  if (v >= 100_000 && v < 1_000_000) return 'easting';
  if (v >= 10_000_000 && v < 100_000_000) {
    const zone = Math.floor(v / 1_000_000);
    if (isZone(zone)) return 'prefixedEasting';
    if (zone >= 13 && zone <= 23) return 'sixDegreeEasting';
  }
  return 'other';
}

const grouped = (v: number) => Math.round(v).toLocaleString('en-US');

export function parseBoundaryPoints(text: string, options: ZoneOptions = {}): ParsedBoundaryPoints {
  const warnings: string[] = [];
  const points = readLines(text, warnings);
  if (points.length < 3) throw importError(FIELD, `界址点不足 3 个（读到 ${points.length} 个），无法构成地块边界`);
  if (points.length > MAX_POINTS) throw importError(FIELD, `界址点过多（${points.length} 个），最多 ${MAX_POINTS} 个`);
  points.forEach(checkAxes);
  const crs = resolveZone(points, options);
  const ring = closeRing(points).map((p) => toLonLat(crs, p.easting, p.northing));
  return { polygon: { type: 'Polygon', coordinates: [ring] }, crs, points, warnings };
}

function readLines(text: string, warnings: string[]): BoundaryPoint[] {
  const points: BoundaryPoint[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    const tokens = raw.trim().split(/[\s,，;；]+/).filter(Boolean);
    if (tokens.length === 0) return;
    // The first pair of consecutive numbers of coordinate size is X, Y; what comes before names the point.
    const at = tokens.findIndex((t, k) => k + 1 < tokens.length && isCoordinate(t) && isCoordinate(tokens[k + 1]));
    if (at < 0) {
      if (points.length > 0) warnings.push(`第 ${line} 行未作为界址点读取：“${raw.trim().slice(0, 40)}”`);
      return;
    }
    const name = tokens.slice(0, at).filter((t) => !NUMBER.test(t) || at === 1).join(' ') || `第 ${line} 行`;
    points.push({ name, line, northing: Number(tokens[at]), easting: Number(tokens[at + 1]) });
  });
  return points;
}

const isCoordinate = (t: string) => NUMBER.test(t) && Math.abs(Number(t)) >= 10_000;

function checkAxes(p: BoundaryPoint): void {
  const x = kindOf(p.northing);
  const y = kindOf(p.easting);
  if (x === 'northing' && (y === 'easting' || y === 'prefixedEasting')) return;
  const where = `第 ${p.line} 行（${p.name}：X=${p.northing}，Y=${p.easting}）`;
  if ((x === 'easting' || x === 'prefixedEasting') && y === 'northing') {
    throw importError(FIELD, `X、Y 坐标疑似颠倒：X 应为北坐标（约 ${grouped(p.easting)} 米），Y 应为东坐标；${where}`);
  }
  if (y === 'sixDegreeEasting') {
    throw importError(FIELD, `Y 坐标的带号 ${Math.floor(p.easting / 1_000_000)} 属于 6 度带；请提供 3 度带（带号 ${FIRST_ZONE}–${LAST_ZONE}）坐标；${where}`);
  }
  throw importError(FIELD, `坐标不像 2000 国家大地坐标系 3 度带平面坐标（X 为北坐标，约 1,000,000–6,200,000 米；Y 为东坐标，6 位或带带号 8 位）；${where}`);
}

/** The zone: from the Y prefix when the list has one (all points alike), else from the options. */
function resolveZone(points: BoundaryPoint[], options: ZoneOptions): GaussKrugerCrs {
  const given = zoneFromOptions(options);
  const prefixes = new Set(points.map((p) => (kindOf(p.easting) === 'prefixedEasting' ? Math.floor(p.easting / 1_000_000) : 0)));
  if (prefixes.size > 1) {
    throw importError(FIELD, `各点的 Y 坐标带号不一致（${[...prefixes].map((z) => (z ? `${z} 带` : '无带号')).join('、')}），请统一为同一带`);
  }
  const [prefix] = [...prefixes];
  if (prefix) {
    if (given !== undefined && given !== prefix) {
      throw importError('zone', `带号不符：Y 坐标带号为 ${prefix}（中央经线 ${prefix * 3}°），填写的是 ${given} 带（中央经线 ${given * 3}°）`);
    }
    return gaussKruger(prefix, true);
  }
  if (given === undefined) {
    throw importError('zone', 'Y 坐标不含带号（6 位），请填写 3 度带带号 zone（如 38）或中央经线 centralMeridian（如 114）');
  }
  return gaussKruger(given, false);
}

/** The zone the caller named by number or central meridian; both given must agree. */
export function zoneFromOptions({ zone, centralMeridian }: ZoneOptions): number | undefined {
  if (zone !== undefined && !isZone(zone)) {
    throw importError('zone', `带号应为 ${FIRST_ZONE}–${LAST_ZONE} 的整数（3 度带），实际为 ${zone}`);
  }
  let fromMeridian: number | undefined;
  if (centralMeridian !== undefined) {
    fromMeridian = centralMeridian / 3;
    if (!isZone(fromMeridian)) {
      throw importError('centralMeridian', `中央经线应为 ${FIRST_ZONE * 3}–${LAST_ZONE * 3} 之间 3 的倍数（度），实际为 ${centralMeridian}`);
    }
  }
  if (zone !== undefined && fromMeridian !== undefined && zone !== fromMeridian) {
    throw importError('zone', `带号不符：${zone} 带的中央经线为 ${zone * 3}°，填写的中央经线为 ${centralMeridian}°`);
  }
  return zone ?? fromMeridian;
}

/** The points as a closed ring; a repeated first point at the end is the closure, not a vertex (both forms occur). */
function closeRing(points: BoundaryPoint[]): BoundaryPoint[] {
  const first = points[0];
  const last = points[points.length - 1];
  const same = first.northing === last.northing && first.easting === last.easting;
  if (!same && last.name === first.name) {
    throw importError(FIELD, `末行点号 ${last.name} 与首点同名，但坐标不同（第 ${first.line} 行与第 ${last.line} 行），请核对`);
  }
  if (same) points.pop();
  return [...points, first];
}
