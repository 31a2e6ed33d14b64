import { MAX_POLYGON_VERTICES, PolygonCheck, validatePolygon } from './geojson';

// A plot of 0.002° × 0.001° near 上街区, Zhengzhou.
const W = 113.29;
const E = 113.292;
const S = 34.81;
const N = 34.811;
const plot = () => ({
  type: 'Polygon',
  coordinates: [
    [
      [W, S],
      [E, S],
      [E, N],
      [W, N],
      [W, S],
    ],
  ],
});

// turf's mean earth radius (area is computed by @turf/turf): within 0.01 % of the
// CGCS2000 ellipsoid's Gaussian radius at 上街区's latitude, where 6 378 137 m is 0.1 % too long.
const R = 6371008.8;
const rad = (d: number) => (d * Math.PI) / 180;
// Exact area of a latitude-longitude rectangle on the sphere.
const rectArea = (w: number, s: number, e: number, n: number) => R * R * rad(e - w) * (Math.sin(rad(n)) - Math.sin(rad(s)));

function errorsOf(result: PolygonCheck): string[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('validatePolygon: valid boundaries', () => {
  it('accepts a plot and reports area, centroid and vertex count', () => {
    const result = validatePolygon(plot());
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.vertexCount).toBe(4);
    expect(result.areaM2Approx).toBeCloseTo(rectArea(W, S, E, N), 0);
    expect(result.areaM2Approx).toBeGreaterThan(20_000);
    expect(result.areaM2Approx).toBeLessThan(21_000);
    expect(result.centroid[0]).toBeCloseTo(113.291, 9);
    expect(result.centroid[1]).toBeCloseTo(34.8105, 9);
    expect(result.polygon).toEqual(plot());
  });

  it('gives the same area whatever the winding order', () => {
    const reversed = plot();
    reversed.coordinates[0].reverse();
    const a = validatePolygon(plot());
    const b = validatePolygon(reversed);
    expect(a.ok && b.ok && Math.abs(a.areaM2Approx - b.areaM2Approx)).toBeLessThan(1e-6);
  });

  it('subtracts a hole from the area and moves the centroid away from it', () => {
    const geo = plot();
    geo.coordinates.push([
      [113.2901, 34.8101],
      [113.2905, 34.8101],
      [113.2905, 34.8105],
      [113.2901, 34.8105],
      [113.2901, 34.8101],
    ]);
    const result = validatePolygon(geo);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const expected = rectArea(W, S, E, N) - rectArea(113.2901, 34.8101, 113.2905, 34.8105);
    expect(result.areaM2Approx).toBeCloseTo(expected, 0);
    expect(result.centroid[0]).toBeGreaterThan(113.291);
    expect(result.vertexCount).toBe(8);
  });

  it('accepts positions with an altitude', () => {
    const geo = plot();
    const withZ = { ...geo, coordinates: [geo.coordinates[0].map(([x, y]) => [x, y, 110])] };
    expect(validatePolygon(withZ).ok).toBe(true);
  });

  it(`accepts ${MAX_POLYGON_VERTICES} vertices`, () => {
    const ring = Array.from({ length: MAX_POLYGON_VERTICES }, (_, i) => {
      const a = (2 * Math.PI * i) / MAX_POLYGON_VERTICES;
      return [113.3 + 0.01 * Math.cos(a), 34.8 + 0.01 * Math.sin(a)];
    });
    const result = validatePolygon({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
    expect(result.ok && result.vertexCount).toBe(MAX_POLYGON_VERTICES);
  });
});

describe('validatePolygon: refused, naming the field path', () => {
  it('refuses what is not a Polygon object', () => {
    expect(errorsOf(validatePolygon(null))).toEqual(['boundary：必须是 GeoJSON Polygon 对象']);
    expect(errorsOf(validatePolygon({ type: 'Feature', geometry: plot() }))[0]).toContain('请提交 Feature 的 geometry 部分');
    expect(errorsOf(validatePolygon({ type: 'MultiPolygon', coordinates: [] }))[0]).toMatch(/^boundary\.type：/);
    expect(errorsOf(validatePolygon({ type: 'Polygon' }))[0]).toMatch(/^boundary\.coordinates：/);
  });

  it('uses the caller’s field name in paths', () => {
    expect(errorsOf(validatePolygon({ type: 'Polygon', coordinates: [] }, 'plot.boundary'))[0]).toMatch(/^plot\.boundary\.coordinates：/);
  });

  it('refuses a ring with fewer than four positions', () => {
    const geo = { type: 'Polygon', coordinates: [[[W, S], [E, S], [W, S]]] };
    expect(errorsOf(validatePolygon(geo))).toEqual([expect.stringMatching(/^boundary\.coordinates\[0\]：线环至少需要 4 个坐标/)]);
  });

  it('refuses a ring that is not closed', () => {
    const geo = plot();
    geo.coordinates[0][4] = [W, S + 0.0001];
    expect(errorsOf(validatePolygon(geo))[0]).toContain('boundary.coordinates[0]：线环未闭合');
  });

  it('refuses a repeated consecutive point', () => {
    const geo = plot();
    geo.coordinates[0].splice(2, 0, [E, S]);
    expect(errorsOf(validatePolygon(geo))).toEqual(['boundary.coordinates[0][2]：与前一个坐标重复']);
  });

  it('refuses positions that are not finite numbers', () => {
    const geo = plot() as { type: string; coordinates: unknown[][][] };
    geo.coordinates[0][1] = ['113.292', S];
    geo.coordinates[0][3] = [W, Number.NaN];
    const errors = errorsOf(validatePolygon(geo));
    expect(errors.map((e) => e.split('：')[0])).toEqual(['boundary.coordinates[0][1]', 'boundary.coordinates[0][3]']);
  });

  it('refuses coordinates out of range, outside China, or with longitude and latitude swapped', () => {
    const geo = plot();
    geo.coordinates[0][1] = [500000, 3850000];
    geo.coordinates[0][2] = [2.35, 48.85];
    geo.coordinates[0][3] = [34.811, 113.29];
    const errors = errorsOf(validatePolygon(geo));
    expect(errors[0]).toMatch(/^boundary\.coordinates\[0\]\[1\]：.*超出经纬度范围/);
    expect(errors[1]).toMatch(/^boundary\.coordinates\[0\]\[2\]：.*不在中国境内/);
    expect(errors[2]).toContain('经度与纬度可能填反了');
  });

  it('refuses a self-intersecting (bow-tie) boundary, naming both edges', () => {
    const geo = { type: 'Polygon', coordinates: [[[W, S], [E, N], [E, S], [W, N], [W, S]]] };
    expect(errorsOf(validatePolygon(geo))).toEqual([
      'boundary.coordinates[0][0]–[1]：与 boundary.coordinates[0][2]–[3] 相交（边界自相交）',
    ]);
  });

  it('refuses a spike that runs back along its own edge', () => {
    const geo = { type: 'Polygon', coordinates: [[[W, S], [E, S], [E, N], [E, S + 0.0005], [W, N], [W, S]]] };
    expect(errorsOf(validatePolygon(geo))[0]).toContain('边界自相交');
  });

  it('refuses a boundary that touches itself at a vertex', () => {
    const mid: [number, number] = [113.291, S];
    const geo = { type: 'Polygon', coordinates: [[[W, S], mid, [E, S], [E, N], mid, [W, N], [W, S]]] };
    expect(errorsOf(validatePolygon(geo))[0]).toContain('边界自相交');
  });

  it('refuses a ring whose points are all on one line', () => {
    const geo = { type: 'Polygon', coordinates: [[[W, S], [113.291, S], [E, S], [W, S]]] };
    expect(errorsOf(validatePolygon(geo)).length).toBeGreaterThan(0);
  });

  it('refuses a hole outside the exterior ring', () => {
    const geo = plot();
    geo.coordinates.push([
      [113.3, 34.82],
      [113.301, 34.82],
      [113.301, 34.821],
      [113.3, 34.82],
    ]);
    expect(errorsOf(validatePolygon(geo))).toEqual(['boundary.coordinates[1][0]：内环（洞）的坐标不在外环之内']);
  });

  it('refuses a hole that crosses the exterior ring', () => {
    const geo = plot();
    geo.coordinates.push([
      [113.291, 34.8105],
      [113.295, 34.8105],
      [113.295, 34.8107],
      [113.291, 34.8105],
    ]);
    expect(errorsOf(validatePolygon(geo))[0]).toContain('内环与其他线环相交或接触');
  });

  it(`refuses more than ${MAX_POLYGON_VERTICES} vertices before testing them`, () => {
    const ring = Array.from({ length: MAX_POLYGON_VERTICES + 1 }, (_, i) => [113 + i * 1e-6, 34.8]);
    const errors = errorsOf(validatePolygon({ type: 'Polygon', coordinates: [[...ring, ring[0]]] }));
    expect(errors).toEqual([`boundary.coordinates：顶点过多（${MAX_POLYGON_VERTICES + 2} 个），最多 ${MAX_POLYGON_VERTICES} 个`]);
  });

  it('lists at most 20 errors and says how many more there were', () => {
    const ring = Array.from({ length: 30 }, () => ['x', 'y']);
    const errors = errorsOf(validatePolygon({ type: 'Polygon', coordinates: [ring] }));
    expect(errors).toHaveLength(21);
    expect(errors[20]).toBe('另有 10 处错误未列出');
  });
});
