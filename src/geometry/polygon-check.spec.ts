import { booleanClockwise } from '@turf/turf';
import { ValidationFailedError } from '../common/errors';
import { checkBoundary } from './polygon-check';
import type { GeoJsonPolygon } from '../evidence/geojson';

// About 183 m × 111 m near 上街区, clockwise as surveys list it.
const parcel = (): GeoJsonPolygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [113.29, 34.81],
      [113.29, 34.811],
      [113.292, 34.811],
      [113.292, 34.81],
      [113.29, 34.81],
    ],
  ],
});

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationFailedError);
    return (e as ValidationFailedError).errors.map((x) => x.message).join('；');
  }
  throw new Error('expected a refusal');
};

describe('imported boundary checks (turf; RFC 7946 §3.1.6; TD/T 1008—2007 面积计算)', () => {
  it('computes the area on the sphere, counts vertices and winds the exterior anticlockwise', () => {
    const r = checkBoundary(parcel());
    expect(r.areaM2).toBeGreaterThan(20_000);
    expect(r.areaM2).toBeLessThan(20_500);
    expect(r.vertexCount).toBe(4);
    expect(booleanClockwise(r.polygon.coordinates[0] as [number, number][])).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('warns, without refusing, when the declared area differs by more than 5 %', () => {
    const { areaM2 } = checkBoundary(parcel());
    expect(checkBoundary(parcel(), areaM2 * 1.049).warnings).toEqual([]);
    const w = checkBoundary(parcel(), areaM2 * 1.2).warnings;
    expect(w).toEqual([expect.stringMatching(/与申报面积 .* 平方米相差 -16\.7%（超过 5%）/)]);
  });

  it('refuses a self-intersecting boundary', () => {
    const bowtie = parcel();
    bowtie.coordinates[0] = [
      [113.29, 34.81],
      [113.292, 34.811],
      [113.292, 34.81],
      [113.29, 34.811],
      [113.29, 34.81],
    ];
    expect(refused(() => checkBoundary(bowtie))).toMatch(/^外环第 1–2 点之间的边：与 外环第 3–4 点之间的边 相交（边界自相交）/);
  });

  it('refuses a ring that is not closed and a boundary outside China’s extent', () => {
    const open = parcel();
    open.coordinates[0].pop();
    expect(refused(() => checkBoundary(open))).toMatch(/未闭合/);
    const abroad = parcel();
    abroad.coordinates[0] = abroad.coordinates[0].map(([lon, lat]) => [lon - 100, lat]);
    expect(refused(() => checkBoundary(abroad))).toMatch(/不在中国境内/);
  });
});
