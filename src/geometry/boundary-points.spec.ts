import { ValidationFailedError } from '../common/errors';
import { parseBoundaryPoints } from './boundary-points';
import { PARCEL_POINTS } from '../../test/factories/shapefile';

const list = (rows: Array<[string, number, number]>, sep = ', ') => rows.map((r) => r.join(sep)).join('\n');
const withoutPrefix = PARCEL_POINTS.map(([n, x, y]): [string, number, number] => [n, x, y - 38_000_000]);

function refusal(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationFailedError);
    return (e as ValidationFailedError).errors[0];
  }
  throw new Error('expected a refusal');
}

describe('界址点 lists as 勘测定界 reports give them (TD/T 1008—2007 土地勘测定界规程, 界址点测量)', () => {
  it('reads 点号, X (north), Y (east) with the zone prefix: zone 38 from the Y, EPSG:4526', () => {
    const r = parseBoundaryPoints(list(PARCEL_POINTS));
    expect(r.crs.code).toBe('EPSG:4526');
    expect(r.points.map((p) => p.name)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5']);
    const ring = r.polygon.coordinates[0];
    expect(ring).toHaveLength(6);
    expect(ring[5]).toEqual(ring[0]);
    expect(ring[0][0]).toBeCloseTo(113.2907, 3);
    expect(ring[0][1]).toBeCloseTo(34.8051, 3);
  });

  it('reads a 6-digit Y when the zone (38) or the central meridian (114°) is given: EPSG:4547, the same lon/lat', () => {
    const prefixed = parseBoundaryPoints(list(PARCEL_POINTS)).polygon;
    const byZone = parseBoundaryPoints(list(withoutPrefix), { zone: 38 });
    const byMeridian = parseBoundaryPoints(list(withoutPrefix), { centralMeridian: 114 });
    expect(byZone.crs.code).toBe('EPSG:4547');
    expect(byZone.polygon).toEqual(prefixed);
    expect(byMeridian.polygon).toEqual(prefixed);
  });

  it('takes header lines, tabs or spaces, 序号 before the 点号, trailing 边长 and a closing repeat of J1', () => {
    const text = [
      '\uFEFF界址点坐标成果表（2000国家大地坐标系，3度带）',
      '序号\t点号\tX(m)\tY(m)\t边长(m)',
      ...PARCEL_POINTS.map(([n, x, y], i) => `${i + 1}\t${n}\t${x.toFixed(3)}\t${y.toFixed(3)}\t160.00`),
      `6\tJ1\t${PARCEL_POINTS[0][1].toFixed(3)}\t${PARCEL_POINTS[0][2].toFixed(3)}`,
    ].join('\r\n');
    const r = parseBoundaryPoints(text);
    expect(r.points.map((p) => p.name)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5']);
    expect(r.polygon).toEqual(parseBoundaryPoints(list(PARCEL_POINTS, '   ')).polygon);
  });

  it('notes lines after the points that are not points, rather than dropping them silently', () => {
    const r = parseBoundaryPoints(`${list(PARCEL_POINTS)}\n合计面积：37200.00 平方米`);
    expect(r.warnings).toEqual([expect.stringContaining('第 6 行未作为界址点读取')]);
  });

  it('refuses swapped X and Y: X must be the northing (about 3,800,000 m at 上街区)', () => {
    const swapped = PARCEL_POINTS.map(([n, x, y]): [string, number, number] => [n, y, x]);
    const e = refusal(() => parseBoundaryPoints(list(swapped)));
    expect(e.field).toBe('file');
    expect(e.message).toMatch(/^X、Y 坐标疑似颠倒：X 应为北坐标（约 3,853,200 米）/);
    const swappedShort = withoutPrefix.map(([n, x, y]): [string, number, number] => [n, y, x]);
    expect(refusal(() => parseBoundaryPoints(list(swappedShort), { zone: 38 })).message).toMatch(/X、Y 坐标疑似颠倒/);
  });

  it('refuses a 6-digit Y without a zone or central meridian, naming zone', () => {
    const e = refusal(() => parseBoundaryPoints(list(withoutPrefix)));
    expect(e).toEqual({ field: 'zone', message: expect.stringContaining('Y 坐标不含带号') });
  });

  it('refuses a zone that contradicts the Y prefix or the central meridian (带号不符)', () => {
    expect(refusal(() => parseBoundaryPoints(list(PARCEL_POINTS), { zone: 39 })).message).toMatch(/带号不符：Y 坐标带号为 38/);
    expect(refusal(() => parseBoundaryPoints(list(PARCEL_POINTS), { centralMeridian: 117 })).message).toMatch(/带号不符/);
    expect(refusal(() => parseBoundaryPoints(list(withoutPrefix), { zone: 38, centralMeridian: 111 })).message).toMatch(/带号不符/);
    expect(refusal(() => parseBoundaryPoints(list(withoutPrefix), { centralMeridian: 113 })).field).toBe('centralMeridian');
  });

  it('refuses points on different zones, and a 6-degree zone prefix', () => {
    const mixed = PARCEL_POINTS.map(([n, x, y], i): [string, number, number] => [n, x, i === 2 ? y - 38_000_000 : y]);
    expect(refusal(() => parseBoundaryPoints(list(mixed))).message).toMatch(/带号不一致/);
    const sixDegree = PARCEL_POINTS.map(([n, x, y]): [string, number, number] => [n, x, y - 19_000_000]);
    expect(refusal(() => parseBoundaryPoints(list(sixDegree))).message).toMatch(/6 度带/);
  });

  it('refuses a last point named like the first but elsewhere, fewer than 3 points, and numbers that are no coordinates', () => {
    const reopened: Array<[string, number, number]> = [...PARCEL_POINTS, ['J1', 3853201, 38435100]];
    expect(refusal(() => parseBoundaryPoints(list(reopened))).message).toMatch(/与首点同名，但坐标不同/);
    expect(refusal(() => parseBoundaryPoints(list(PARCEL_POINTS.slice(0, 2)))).message).toMatch(/界址点不足 3 个/);
    expect(refusal(() => parseBoundaryPoints('J1, 12345, 67890\nJ2, 12346, 67891\nJ3, 12347, 67899')).message).toMatch(/不像 2000 国家大地坐标系/);
  });
});
