import { turf } from '../common/lazy-libraries';
import { Point, Segment, findIntersections, polygonCentroid } from './geometry';
import { LATITUDE_RANGE, LONGITUDE_RANGE } from './china-extent';

export type Position = [number, number] | [number, number, number];

export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: Position[][];
}

export type PolygonCheck =
  | { ok: true; polygon: GeoJsonPolygon; areaM2Approx: number; centroid: [number, number]; vertexCount: number }
  | { ok: false; errors: string[] };

/** More vertices than this are refused: the self-intersection test is quadratic at worst. */
export const MAX_POLYGON_VERTICES = 5000;
const MAX_ERRORS = 20;
const MIN_AREA_M2 = 1;

class Problems {
  readonly list: string[] = [];
  private omitted = 0;

  add(path: string, detail: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(`${path}：${detail}`);
    else this.omitted++;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  result(): { ok: false; errors: string[] } {
    const extra = this.omitted > 0 ? [`另有 ${this.omitted} 处错误未列出`] : [];
    return { ok: false, errors: [...this.list, ...extra] };
  }
}

/**
 * Validates a plot boundary: a GeoJSON Polygon (RFC 7946 §3.1.6) in decimal degrees
 * (CGCS2000 / WGS 84), inside China's extent, closed rings of at least four
 * positions, no repeated consecutive points, no crossing or touching edges within
 * or between rings, every hole vertex inside the exterior ring. Ring winding is not
 * checked (RFC 7946 asks parsers not to reject on it). `path` names the field in errors.
 */
export function validatePolygon(geo: unknown, path = 'boundary'): PolygonCheck {
  const problems = new Problems();
  const rings = readRings(geo, path, problems);
  if (!rings || problems.any) return problems.result();
  rings.forEach((ring, r) => checkRing(ring, `${path}.coordinates[${r}]`, problems));
  if (problems.any) return problems.result();
  checkTopology(rings, path, problems);
  if (problems.any) return problems.result();
  const planar = rings.map((ring) => ring.map((p): Point => [p[0], p[1]]));
  // turf's spherical area (mean radius 6 371 008.8 m); holes subtract whatever their winding.
  const areaM2Approx = planar.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * ringArea(ring), 0);
  if (!(areaM2Approx >= MIN_AREA_M2)) {
    problems.add(`${path}.coordinates`, '多边形面积为零或过小（各点可能共线）');
    return problems.result();
  }
  return {
    ok: true,
    polygon: { type: 'Polygon', coordinates: rings },
    areaM2Approx,
    centroid: polygonCentroid(planar),
    vertexCount: rings.reduce((n, ring) => n + ring.length - 1, 0),
  };
}

const ringArea = (ring: Point[]) => turf().area({ type: 'Polygon', coordinates: [ring] });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the shape of the value; returns copied rings of numeric positions. */
function readRings(geo: unknown, path: string, problems: Problems): Position[][] | undefined {
  if (!isObject(geo)) return void problems.add(path, '必须是 GeoJSON Polygon 对象');
  if (geo.type !== 'Polygon') {
    const hint = geo.type === 'Feature' ? '（请提交 Feature 的 geometry 部分）' : '';
    return void problems.add(`${path}.type`, `必须是 "Polygon"，实际为 ${JSON.stringify(geo.type) ?? '空'}${hint}`);
  }
  const coords = geo.coordinates;
  if (!Array.isArray(coords) || coords.length === 0) {
    return void problems.add(`${path}.coordinates`, '必须是非空的线环数组（第一个为外环，其余为内环）');
  }
  const total = coords.reduce((n: number, ring: unknown) => n + (Array.isArray(ring) ? ring.length : 0), 0);
  if (total > MAX_POLYGON_VERTICES + coords.length) {
    return void problems.add(`${path}.coordinates`, `顶点过多（${total} 个），最多 ${MAX_POLYGON_VERTICES} 个`);
  }
  return coords.map((ring: unknown, r: number) => readRing(ring, `${path}.coordinates[${r}]`, problems));
}

function readRing(ring: unknown, path: string, problems: Problems): Position[] {
  if (!Array.isArray(ring)) {
    problems.add(path, '线环必须是坐标数组');
    return [];
  }
  if (ring.length < 4) problems.add(path, `线环至少需要 4 个坐标（首尾相同），实际为 ${ring.length} 个`);
  return ring.map((p: unknown, i: number) => readPosition(p, `${path}[${i}]`, problems));
}

function readPosition(p: unknown, path: string, problems: Problems): Position {
  const numeric = Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!numeric) {
    problems.add(path, '坐标必须是 [经度, 纬度] 有限数值数组（可带高程）');
    return [0, 0];
  }
  const [lon, lat] = p as number[];
  if (!inChina(lon, lat)) problems.add(path, positionProblem(lon, lat));
  return [...(p as number[])] as Position;
}

function positionProblem(lon: number, lat: number): string {
  const hint = inChina(lat, lon) ? '；经度与纬度可能填反了（应为 [经度, 纬度]）' : '';
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    return `[${lon}, ${lat}] 超出经纬度范围（经度 −180–180，纬度 −90–90）${hint || '；坐标须为十进制度，不能是投影坐标'}`;
  }
  return `[${lon}, ${lat}] 不在中国境内（经度 ${LONGITUDE_RANGE.join('–')}，纬度 ${LATITUDE_RANGE.join('–')}）${hint}`;
}

function inChina(lon: number, lat: number): boolean {
  return lon >= LONGITUDE_RANGE[0] && lon <= LONGITUDE_RANGE[1] && lat >= LATITUDE_RANGE[0] && lat <= LATITUDE_RANGE[1];
}

const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function checkRing(ring: Position[], path: string, problems: Problems): void {
  const last = ring.length - 1;
  if (!samePoint(ring[0], ring[last])) {
    problems.add(path, `线环未闭合：最后一个坐标 ${path}[${last}] 必须与第一个坐标相同`);
  }
  for (let i = 1; i < ring.length; i++) {
    if (samePoint(ring[i], ring[i - 1])) problems.add(`${path}[${i}]`, '与前一个坐标重复');
  }
}

function checkTopology(rings: Position[][], path: string, problems: Problems): void {
  const planar = rings.map((ring) => ring.map((p): Point => [p[0], p[1]]));
  const edge = (s: Segment) => `${path}.coordinates[${s.ring}][${s.index}]–[${s.index + 1}]`;
  for (const [s, t] of findIntersections(planar, MAX_ERRORS)) {
    const what = s.ring === t.ring ? '边界自相交' : '内环与其他线环相交或接触';
    problems.add(edge(s), `与 ${edge(t)} 相交（${what}）`);
  }
  if (problems.any) return;
  const exterior = { type: 'Polygon' as const, coordinates: [planar[0]] };
  for (let r = 1; r < planar.length; r++) {
    const outside = planar[r].findIndex((p) => !turf().booleanPointInPolygon(p, exterior, { ignoreBoundary: true }));
    if (outside >= 0) problems.add(`${path}.coordinates[${r}][${outside}]`, '内环（洞）的坐标不在外环之内');
  }
}
