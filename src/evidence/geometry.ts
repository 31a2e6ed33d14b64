/** [longitude, latitude] in decimal degrees. */
export type Point = [number, number];

/** Signed planar area and centroid of a closed ring in degree space (shoelace). */
function planarMoments(ring: Point[]): { area: number; cx: number; cy: number } {
  const [ox, oy] = ring[0]; // shift to the first vertex to keep the products small
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const x1 = ring[i][0] - ox;
    const y1 = ring[i][1] - oy;
    const x2 = ring[i + 1][0] - ox;
    const y2 = ring[i + 1][1] - oy;
    const cross = x1 * y2 - x2 * y1;
    area += cross / 2;
    cx += ((x1 + x2) * cross) / 6;
    cy += ((y1 + y2) * cross) / 6;
  }
  return { area, cx: cx + ox * area, cy: cy + oy * area };
}

/** Area-weighted centroid of a polygon with holes, planar in degrees (fine at plot scale). */
export function polygonCentroid(rings: Point[][]): Point {
  let area = 0;
  let cx = 0;
  let cy = 0;
  rings.forEach((ring, i) => {
    const m = planarMoments(ring);
    // Exterior counts positive, holes negative, whatever their winding.
    const sign = (i === 0 ? 1 : -1) * Math.sign(m.area || 1);
    area += sign * m.area;
    cx += sign * m.cx;
    cy += sign * m.cy;
  });
  return area === 0 ? rings[0][0] : [cx / area, cy / area];
}

export interface Segment {
  ring: number;
  /** Index of the segment's first position in its ring. */
  index: number;
  a: Point;
  b: Point;
}

function orient(p: Point, q: Point, r: Point): number {
  const v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(p: Point, q: Point, r: Point): boolean {
  return (
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1])
  );
}

/** True when the closed segments share at least one point. */
export function segmentsIntersect(s: Segment, t: Segment): boolean {
  const o1 = orient(s.a, s.b, t.a);
  const o2 = orient(s.a, s.b, t.b);
  const o3 = orient(t.a, t.b, s.a);
  const o4 = orient(t.a, t.b, s.b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(s.a, t.a, s.b)) ||
    (o2 === 0 && onSegment(s.a, t.b, s.b)) ||
    (o3 === 0 && onSegment(t.a, s.a, t.b)) ||
    (o4 === 0 && onSegment(t.a, s.b, t.b))
  );
}

/** For consecutive segments p→q, q→r: true when r turns straight back along p→q. */
function backtracks(s: Segment, t: Segment, segmentsInRing: number): boolean {
  const [first, second] = (s.index + 1) % segmentsInRing === t.index ? [s, t] : [t, s];
  const [p, q, r] = [first.a, first.b, second.b];
  if (orient(p, q, r) !== 0) return false;
  return (q[0] - p[0]) * (r[0] - q[0]) + (q[1] - p[1]) * (r[1] - q[1]) < 0;
}

function adjacent(s: Segment, t: Segment, segmentsInRing: number): boolean {
  if (s.ring !== t.ring) return false;
  const d = Math.abs(s.index - t.index);
  return d === 1 || d === segmentsInRing - 1;
}

/**
 * Pairs of segments that cross, touch or overlap, other than consecutive segments
 * meeting at their shared vertex. A sweep on x limits the pairs tested.
 */
export function findIntersections(rings: Point[][], limit: number): Array<[Segment, Segment]> {
  const segments: Segment[] = rings.flatMap((ring, r) =>
    ring.slice(0, -1).map((a, i) => ({ ring: r, index: i, a, b: ring[i + 1] })),
  );
  const minX = (s: Segment) => Math.min(s.a[0], s.b[0]);
  const maxX = (s: Segment) => Math.max(s.a[0], s.b[0]);
  segments.sort((s, t) => minX(s) - minX(t));
  const found: Array<[Segment, Segment]> = [];
  for (let i = 0; i < segments.length && found.length < limit; i++) {
    const s = segments[i];
    for (let j = i + 1; j < segments.length && minX(segments[j]) <= maxX(s); j++) {
      const t = segments[j];
      const n = rings[s.ring].length - 1;
      const touching = adjacent(s, t, n) ? backtracks(s, t, n) : segmentsIntersect(s, t);
      if (touching) found.push(s.ring < t.ring || (s.ring === t.ring && s.index < t.index) ? [s, t] : [t, s]);
      if (found.length >= limit) break;
    }
  }
  return found;
}
