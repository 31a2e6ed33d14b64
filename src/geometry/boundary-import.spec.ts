import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationFailedError } from '../common/errors';
import { importBoundaryFile } from './boundary-import';
import { MAX_UNZIPPED_BYTES } from './shapefile-import';
import {
  PARCEL_POINTS,
  parcelPlaneArea,
  parcelXY,
  PRJ_CGCS2000,
  PRJ_CM_114E,
  PRJ_XIAN_1980_ZONE_38,
  PRJ_ZONE_38,
  shapefileZip,
  writeShapefile,
  writeZip,
} from '../../test/factories/shapefile';
import { gaussKruger, toLonLat } from './crs';

const dir = mkdtempSync(join(tmpdir(), 'boundary-import-'));
let n = 0;
function file(content: Buffer | string): string {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, content);
  return path;
}

async function refusal(p: Promise<unknown>): Promise<{ field: string; message: string }> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationFailedError);
  return (e as ValidationFailedError).errors[0];
}

const pointList = (zonePrefix: boolean) =>
  ['点号,X,Y', ...PARCEL_POINTS.map(([name, x, y]) => `${name},${x.toFixed(3)},${(zonePrefix ? y : y - 38_000_000).toFixed(3)}`)].join('\n');
const zone38Zip = () => shapefileZip(writeShapefile({ features: [[parcelXY()]], prj: PRJ_ZONE_38 }));

describe('boundary import: Shapefile, 界址点 list and GeoJSON of one parcel agree (CGCS2000, EPSG:4526/4547, TD/T 1008—2007)', () => {
  it('a zipped Shapefile on EPSG:4526 and the 界址点 list (with and without the zone prefix) give the same polygon, areas within 1 m²', async () => {
    const shp = await importBoundaryFile(file(zone38Zip()), {});
    const prefixed = await importBoundaryFile(file(pointList(true)), {});
    const bare = await importBoundaryFile(file(pointList(false)), { zone: 38 });
    expect(shp.crs).toBe('EPSG:4526');
    expect(bare.crs).toBe('EPSG:4547');
    const ring = (r: typeof shp) => [...r.polygon.coordinates[0]].slice(0, -1).map(String).sort();
    expect(ring(prefixed)).toEqual(ring(shp));
    expect(ring(bare)).toEqual(ring(shp));
    expect(Math.abs(shp.areaM2 - prefixed.areaM2)).toBeLessThan(1);
    expect(Math.abs(shp.areaM2 - bare.areaM2)).toBeLessThan(1);
    expect(shp.vertexCount).toBe(5);
    // The survey's own plane area (坐标解析法) and the area on the sphere agree closely at 65 km from the meridian.
    expect(Math.abs(shp.areaM2 - parcelPlaneArea()) / parcelPlaneArea()).toBeLessThan(0.005);
  });

  it('a Shapefile on EPSG:4547 (CM 114E, no prefix) and one in CGCS2000 lon/lat (EPSG:4490) give the same polygon', async () => {
    const zone = await importBoundaryFile(file(zone38Zip()), {});
    const truncated = await importBoundaryFile(file(shapefileZip(writeShapefile({ features: [[parcelXY(false)]], prj: PRJ_CM_114E }))), {});
    const crs = gaussKruger(38, true);
    const lonLat = parcelXY().map(([e, nn]) => toLonLat(crs, e, nn));
    const geographic = await importBoundaryFile(file(shapefileZip(writeShapefile({ features: [[lonLat]], prj: PRJ_CGCS2000 }))), {});
    expect(truncated.crs).toBe('EPSG:4547');
    expect(geographic.crs).toBe('EPSG:4490');
    expect(truncated.polygon).toEqual(zone.polygon);
    expect(geographic.polygon).toEqual(zone.polygon);
  });

  it('GeoJSON: a Polygon, a Feature, a FeatureCollection of one, or an old-style crs of EPSG:4526', async () => {
    const { polygon } = await importBoundaryFile(file(zone38Zip()), {});
    const feature = { type: 'Feature', properties: {}, geometry: polygon };
    for (const doc of [polygon, feature, { type: 'FeatureCollection', features: [feature] }]) {
      expect((await importBoundaryFile(file(JSON.stringify(doc)), {})).polygon).toEqual(polygon);
    }
    const projected = { type: 'Polygon', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } }, coordinates: [[...parcelXY(), parcelXY()[0]]] };
    const r = await importBoundaryFile(file(JSON.stringify(projected)), {});
    expect(r.crs).toBe('EPSG:4526');
    expect(r.polygon).toEqual(polygon);
    const two = await refusal(importBoundaryFile(file(JSON.stringify({ type: 'FeatureCollection', features: [feature, feature] })), {}));
    expect(two.message).toMatch(/只含一个地块要素/);
  });

  it('refuses a Shapefile without .prj, with a datum other than CGCS2000, or whose eastings are off its zone (带号不符)', async () => {
    const parts = writeShapefile({ features: [[parcelXY()]] });
    expect((await refusal(importBoundaryFile(file(shapefileZip(parts)), {}))).message).toMatch(/缺少 \.prj/);
    const xian = shapefileZip(writeShapefile({ features: [[parcelXY()]], prj: PRJ_XIAN_1980_ZONE_38 }));
    expect((await refusal(importBoundaryFile(file(xian), {}))).message).toMatch(/1980 西安坐标系/);
    const offZone = shapefileZip(writeShapefile({ features: [[parcelXY()]], prj: PRJ_CM_114E }));
    expect((await refusal(importBoundaryFile(file(offZone), {}))).message).toMatch(/带号不符/);
    const swapped = shapefileZip(writeShapefile({ features: [[parcelXY().map(([e, nn]) => [nn, e])]], prj: PRJ_ZONE_38 }));
    expect((await refusal(importBoundaryFile(file(swapped), {}))).message).toMatch(/X、Y 坐标疑似颠倒/);
  });

  it('refuses two features, two parts, a line layer, and two .shp in one archive', async () => {
    const ring = parcelXY();
    const shifted = ring.map(([e, nn]): [number, number] => [e + 1000, nn]);
    const two = shapefileZip(writeShapefile({ features: [[ring], [shifted]], prj: PRJ_ZONE_38 }));
    expect((await refusal(importBoundaryFile(file(two), {}))).message).toMatch(/多个要素/);
    const multi = shapefileZip(writeShapefile({ features: [[ring, shifted]], prj: PRJ_ZONE_38 }));
    expect((await refusal(importBoundaryFile(file(multi), {}))).message).toMatch(/2 个互不相连的面/);
    const line = shapefileZip(writeShapefile({ features: [[ring]], prj: PRJ_ZONE_38, shapeType: 'polyline' }));
    expect((await refusal(importBoundaryFile(file(line), {}))).message).toMatch(/不是面（实际为线）/);
    const p = writeShapefile({ features: [[ring]], prj: PRJ_ZONE_38 });
    const twice = writeZip([
      { name: 'a.shp', content: p.shp },
      { name: 'b/a.shp', content: p.shp },
      { name: 'a.prj', content: p.prj! },
    ]);
    expect((await refusal(importBoundaryFile(file(twice), {}))).message).toMatch(/多个 \.shp/);
  });

  it('refuses a zip bomb: an entry declared larger than 20 MB is never inflated, one that lies about its size is stopped', async () => {
    const p = writeShapefile({ features: [[parcelXY()]], prj: PRJ_ZONE_38 });
    const huge = Buffer.alloc(MAX_UNZIPPED_BYTES + 1);
    const declared = writeZip([{ name: 'a.prj', content: p.prj! }, { name: 'a.shp', content: huge }]);
    expect(declared.length).toBeLessThan(100_000);
    expect((await refusal(importBoundaryFile(file(declared), {}))).message).toMatch(/解压后超过 20 MB/);
    const lying = writeZip([{ name: 'a.prj', content: p.prj! }, { name: 'a.shp', content: huge, declaredSize: 1000 }]);
    expect((await refusal(importBoundaryFile(file(lying), {}))).message).toMatch(/大小与声明不符|超过 20 MB/);
  });

  it('refuses by content: a format that does not match, an empty file, a binary that is no ZIP, broken ZIP and JSON', async () => {
    expect(await refusal(importBoundaryFile(file(zone38Zip()), { format: 'points' }))).toEqual({
      field: 'format',
      message: expect.stringContaining('上传的文件内容是Shapefile 压缩包'),
    });
    expect((await refusal(importBoundaryFile(file(''), {}))).message).toMatch(/为空/);
    expect((await refusal(importBoundaryFile(file(Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2])), {}))).message).toMatch(/无法识别的文件/);
    expect((await refusal(importBoundaryFile(file(zone38Zip().subarray(0, 200)), {}))).message).toMatch(/ZIP/);
    expect((await refusal(importBoundaryFile(file('{"type": "Polygon", '), {}))).message).toMatch(/不是有效的 JSON/);
  });

  it('reads a 界址点 list saved as GB 18030 (a Chinese spreadsheet export)', async () => {
    const gbk = Buffer.concat([Buffer.from([0xbd, 0xe7, 0xd6, 0xb7, 0xb5, 0xe3, 0x0a]), Buffer.from(pointList(true).split('\n').slice(1).join('\n'))]);
    const r = await importBoundaryFile(file(gbk), { declaredAreaM2: 37200 });
    expect(r.vertexCount).toBe(5);
    expect(r.warnings).toEqual([]);
  });
});
