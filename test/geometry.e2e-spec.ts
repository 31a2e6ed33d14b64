import { readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { PARCEL_POINTS, parcelXY, PRJ_XIAN_1980_ZONE_38, PRJ_ZONE_38, shapefileZip, writeShapefile } from './factories/shapefile';

const pointList = (zonePrefix: boolean, swap = false) =>
  ['界址点坐标成果表', '点号\tX\tY', ...PARCEL_POINTS.map(([n, x, y]) => {
    const yy = zonePrefix ? y : y - 38_000_000;
    return [n, ...(swap ? [yy, x] : [x, yy])].join('\t');
  })].join('\n');

describeEachDatabase('POST /geometry/boundary: boundaries as surveys deliver them (CGCS2000, EPSG:4513–4554, TD/T 1008—2007)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  const post = (auth: { Authorization: string }) => t.http.post('/geometry/boundary').set(auth);
  const staged = () => readdirSync(join(t.config.dataDir, 'geometry-incoming'));

  it('a zipped Shapefile (EPSG:4526) and the 界址点 list of the same parcel, with and without the zone prefix, import to the same polygon', async () => {
    const zip = shapefileZip(writeShapefile({ features: [[parcelXY()]], prj: PRJ_ZONE_38 }));
    const shp = await post(await t.as('holder')).attach('file', zip, 'parcel.zip').expect(200);
    expect(shp.body).toMatchObject({ crs: 'EPSG:4526', vertexCount: 5, warnings: [], polygon: { type: 'Polygon' } });
    const pts = await post(await t.as('land')).attach('file', Buffer.from(pointList(true)), 'J.txt').field('format', 'points').expect(200);
    const bare = await post(await t.as('eeb')).attach('file', Buffer.from(pointList(false)), 'J.txt').field('zone', '38').field('declaredAreaM2', '37200').expect(200);
    expect(bare.body.crs).toBe('EPSG:4547');
    expect(pts.body.polygon).toEqual(shp.body.polygon);
    expect(bare.body.polygon).toEqual(shp.body.polygon);
    expect(Math.abs(bare.body.areaM2 - shp.body.areaM2)).toBeLessThan(1);
    expect(bare.body.warnings).toEqual([]);
    expect(staged()).toEqual([]);
  });

  it('warns when the declared area differs by more than 5 %, and still answers the polygon', async () => {
    const res = await post(await t.as('admin')).attach('file', Buffer.from(pointList(true)), 'J.txt').field('declaredAreaM2', '30000').expect(200);
    expect(res.body.warnings).toEqual([expect.stringContaining('超过 5%')]);
  });

  it('only 生态环境, 自然资源, the holder and the administrator may import; others are refused before the body is read', async () => {
    const res = await post(await t.as('consultant')).attach('file', Buffer.from(pointList(true)), 'J.txt').expect(403);
    expect(res.body.message).toMatch(/^此操作仅限/);
    await t.http.post('/geometry/boundary').attach('file', Buffer.from(pointList(true)), 'J.txt').expect(401);
    // Announce 10 MB, send only the start: the answer comes without waiting for the rest.
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const token = await t.token('consultant');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/geometry/boundary',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': 10 * 1024 * 1024 },
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      setTimeout(() => reject(new Error('no answer while the body was still unsent')), 5000).unref();
      req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="J.txt"\r\n\r\nJ1');
    });
    expect(status).toBe(403);
  });

  it('refuses swapped X/Y, a 6-digit Y without zone, a wrong zone and a .prj on another datum, each a 400 in Chinese naming the field', async () => {
    const swapped = await post(await t.as('holder')).attach('file', Buffer.from(pointList(true, true)), 'J.txt').expect(400);
    expect(swapped.body.errors).toEqual([{ field: 'file', message: expect.stringMatching(/^X、Y 坐标疑似颠倒：X 应为北坐标/) }]);
    const noZone = await post(await t.as('holder')).attach('file', Buffer.from(pointList(false)), 'J.txt').expect(400);
    expect(noZone.body.errors[0]).toMatchObject({ field: 'zone', message: expect.stringContaining('Y 坐标不含带号') });
    const wrongZone = await post(await t.as('holder')).attach('file', Buffer.from(pointList(true)), 'J.txt').field('zone', '39').expect(400);
    expect(wrongZone.body.errors[0].message).toMatch(/带号不符/);
    const xian = shapefileZip(writeShapefile({ features: [[parcelXY()]], prj: PRJ_XIAN_1980_ZONE_38 }));
    const datum = await post(await t.as('holder')).attach('file', xian, 'parcel.zip').expect(400);
    expect(datum.body.errors[0].message).toMatch(/1980 西安坐标系/);
    expect(staged()).toEqual([]);
  });

  it('refuses bad fields (400 naming them), a missing file, a body that is not multipart (415) and a file over 20 MB (413)', async () => {
    const zone = await post(await t.as('holder')).attach('file', Buffer.from(pointList(false)), 'J.txt').field('zone', 'abc').expect(400);
    expect(zone.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['zone']));
    expect(zone.body.errors.every((e: { field: string }) => e.field === 'zone')).toBe(true);
    await post(await t.as('holder')).attach('file', Buffer.from(pointList(true)), 'J.txt').field('format', 'dwg').expect(400);
    await post(await t.as('holder')).attach('file', Buffer.from(pointList(true)), 'J.txt').field('colour', 'red').expect(400);
    const missing = await post(await t.as('holder')).field('zone', '38').expect(400);
    expect(missing.body.errors).toEqual([{ field: 'file', message: expect.stringContaining('缺少边界文件') }]);
    await post(await t.as('holder')).send({ zone: 38 }).expect(415);
    const big = await post(await t.as('holder')).attach('file', Buffer.alloc(20 * 1024 * 1024 + 1, 0x20), 'big.txt').catch((e: { response?: unknown; status?: number }) => e);
    expect((big as { status?: number }).status).toBe(413);
    expect(staged()).toEqual([]);
  });

  it('a file that is neither ZIP, JSON nor text is a 400 by its content, whatever its name', async () => {
    const res = await post(await t.as('holder')).attach('file', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), 'parcel.zip').expect(400);
    expect(res.body.errors[0].message).toMatch(/无法识别的文件/);
  });
});
