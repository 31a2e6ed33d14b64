import { CGCS2000, fromLonLat, gaussKruger, gaussKrugerByCode, toLonLat } from './crs';

describe('CGCS2000 3-degree Gauss-Krüger zones (《2000国家大地坐标系》, EPSG:4513–4554)', () => {
  it('EPSG:4526 (zone 38, zone prefix) and EPSG:4547 (CM 114E, no prefix) give the same lon/lat at 上街区', () => {
    const prefixed = gaussKruger(38, true);
    const truncated = gaussKruger(38, false);
    expect([prefixed.code, truncated.code]).toEqual(['EPSG:4526', 'EPSG:4547']);
    expect(prefixed.centralMeridian).toBe(114);
    const a = toLonLat(prefixed, 38435100, 3853200);
    const b = toLonLat(truncated, 435100, 3853200);
    expect(a).toEqual(b);
    expect(a[0]).toBeCloseTo(113.2907, 3);
    expect(a[1]).toBeCloseTo(34.8051, 3);
  });

  it.each(Array.from({ length: 21 }, (_, i) => 25 + i))(
    'zone %i: EPSG:4513+ (prefixed false easting) and EPSG:4534+ (500 000 m) convert to the same lon/lat',
    (zone) => {
      const prefixed = gaussKruger(zone, true);
      const truncated = gaussKruger(zone, false);
      expect(prefixed.code).toBe(`EPSG:${4513 + zone - 25}`);
      expect(truncated.code).toBe(`EPSG:${4534 + zone - 25}`);
      expect(truncated.name).toBe(`CGCS2000 / 3-degree Gauss-Kruger CM ${3 * zone}E`);
      const a = toLonLat(prefixed, zone * 1_000_000 + 462_345.678, 3_456_789.012);
      const b = toLonLat(truncated, 462_345.678, 3_456_789.012);
      expect(a).toEqual(b);
      expect(Math.abs(a[0] - 3 * zone)).toBeLessThan(1.5);
    },
  );

  // The centre coordinates the EPSG registry (epsg.io) gives for these codes, projected from the centre of their area of use.
  it.each([
    [4524, 108.005, 30.33, 36500480.83, 3356695.63],
    [4530, 126, 46.695, 42500000.0, 5173340.81],
    [4522, 102, 31.91, 34500000.0, 3531872.69],
  ])('EPSG:%i matches the registry’s centre coordinates within a metre', (code, lon, lat, e, n) => {
    const crs = gaussKrugerByCode(code)!;
    const [x, y] = fromLonLat(crs, lon, lat);
    expect(Math.abs(x - e)).toBeLessThan(1);
    expect(Math.abs(y - n)).toBeLessThan(1);
  });

  it('round-trips lon/lat → zone → lon/lat to 1e-9 degree', () => {
    const crs = gaussKruger(38, true);
    const [e, n] = fromLonLat(crs, 113.3, 34.8);
    expect(toLonLat(crs, e, n)).toEqual([113.3, 34.8]);
  });

  it('knows no zone outside 25–45 and no code outside 4513–4554', () => {
    expect(() => gaussKruger(24, true)).toThrow(RangeError);
    expect(gaussKrugerByCode(4512)).toBeUndefined();
    expect(gaussKrugerByCode(4555)).toBeUndefined();
    expect(CGCS2000).toBe('EPSG:4490');
  });
});
