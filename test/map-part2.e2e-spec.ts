import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoPlots } from '../src/demo/demo-plots';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot } from './factories/plots';

interface Collection {
  type: string;
  features: Array<{ type: string; id?: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }>;
  numberMatched: number;
  numberReturned: number;
  truncated?: boolean;
}

const SHANGJIE = JSON.parse(readFileSync(join(__dirname, '..', 'reference', 'jurisdiction-boundaries', '410106-approximate.geojson'), 'utf8'));
const square = (w: number, s: number, side = 0.002) => ({ type: 'Polygon', coordinates: [[[w, s], [w + side, s], [w + side, s + side], [w, s + side], [w, s]]] });

describeEachDatabase('一张图 part 2 (issue 19): jurisdiction boundaries, the register as GeoJSON, sample points on the plot map', (target) => {
  let t: TestApp;
  const get = async (path: string, as?: string) => (as ? t.http.get(path).set(await t.as(as)) : t.http.get(path));
  const collection = async (path: string, as?: string): Promise<Collection> => {
    const res = await get(path, as);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    return JSON.parse(res.text);
  };
  const plotCode = async (code: string) => (await t.ds.query(`SELECT id FROM plots WHERE code = $1`, [code]))[0].id as string;

  beforeAll(async () => {
    t = await startTestApp(target);
    const put = await t.http.put('/map/jurisdictions/410106/boundary').set(await t.as('admin'))
      .send({ boundary: SHANGJIE.geometry, approximate: true, source: SHANGJIE.properties.source });
    expect(put.status).toBe(200);
    // The demo plots lie inside the (approximate) district: their registration passes the check.
    await seedDemoPlots(t.app, t.demo.users, t.demo.organisations);
  });
  afterAll(() => t?.close());

  describe('jurisdiction boundaries', () => {
    it('an administrator uploads a boundary; it is public, marked approximate with its source; others may not upload (403), a bad polygon is 400', async () => {
      const pub = await collection('/public/map/jurisdictions');
      expect(pub.features).toHaveLength(1);
      expect(pub.features[0]).toMatchObject({ id: '410106', geometry: SHANGJIE.geometry, properties: { code: '410106', name: '郑州市上街区', approximate: true } });
      expect(String(pub.features[0].properties.source)).toContain('示意边界');
      const body = { boundary: SHANGJIE.geometry, approximate: true, source: '测试' };
      for (const as of ['eeb', 'land', 'holder']) expect((await t.http.put('/map/jurisdictions/410106/boundary').set(await t.as(as)).send(body)).status).toBe(403);
      const open = await t.http.put('/map/jurisdictions/410106/boundary').set(await t.as('admin'))
        .send({ ...body, boundary: { type: 'Polygon', coordinates: [[[113.2, 34.7], [113.3, 34.7], [113.3, 34.8]]] } });
      expect(open.status).toBe(400);
      expect(open.body.message).toMatch(/[\u4e00-\u9fff]/);
      const unknown = await t.http.put('/map/jurisdictions/419999/boundary').set(await t.as('admin')).send(body);
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain('行政区划 419999 不存在');
      expect((await collection('/public/map/jurisdictions')).features[0].properties.source).toBe(SHANGJIE.properties.source);
    });

    it('a plot boundary wholly outside its jurisdiction’s boundary is refused at registration (422) naming the jurisdiction; nothing is written (issue 19: inside the jurisdiction’s boundary)', async () => {
      const [{ n: before }] = await t.ds.query(`SELECT count(*)::int AS n FROM plots`);
      const res = await t.http.post('/plots').set(await t.as('eeb'))
        .send({ code: 'OUT-1', name: '辖区外地块', address: '郑州市上街区', jurisdiction: '410106', areaM2: 48000, formerIndustry: '铝冶炼',
          currentUse: '工业用地', plannedUse: '住宅', holderOrganisationId: t.demo.organisations.holder, boundary: square(113.40, 34.70) });
      expect(res.status).toBe(422);
      expect(res.body.message).toContain('地块边界完全位于郑州市上街区辖区边界之外');
      expect(res.body.message).toContain('示意边界');
      expect(res.body.jurisdiction).toEqual({ code: '410106', name: '郑州市上街区' });
      expect(res.body.message).not.toMatch(/BOUNDARY|410106|422/);
      const [{ n: after }] = await t.ds.query(`SELECT count(*)::int AS n FROM plots`);
      expect(after).toBe(before);
    });

    it('a boundary inside, or partly across the line (the demo boundary is approximate), is registered; a jurisdiction without an uploaded boundary is not checked', async () => {
      expect((await registerPlot(t, { boundary: square(113.30, 34.82, 0.001) })).code).toBeTruthy();
      // 113.334–113.338E crosses the north-east edge near 34.80N.
      expect((await registerPlot(t, { boundary: square(113.333, 34.797, 0.004) })).code).toBeTruthy();
      expect((await registerPlot(t, { jurisdiction: '410182', boundary: square(113.40, 34.70) }, 'eeb-xy')).code).toBeTruthy();
    });

    it('POST /geometry/boundary warns when the boundary lies partly or wholly outside the jurisdiction named, and not when inside', async () => {
      const post = async (polygon: unknown, jurisdiction?: string) => {
        const req = t.http.post('/geometry/boundary').set(await t.as('holder'))
          .attach('file', Buffer.from(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon })), 'b.geojson');
        return jurisdiction ? req.field('jurisdiction', jurisdiction) : req;
      };
      const partly = await post(square(113.333, 34.797, 0.004), '410106');
      expect(partly.status).toBe(200);
      expect(partly.body.warnings).toEqual([expect.stringMatching(/^边界有约 \d+ 平方米（\d+\.\d%）位于郑州市上街区辖区边界之外（辖区边界为示意边界），请核实$/)]);
      const outside = await post(square(113.40, 34.70), '410106');
      expect(outside.body.warnings).toEqual(['边界完全位于郑州市上街区辖区边界之外（辖区边界为示意边界），按该行政区划登记时将被拒绝']);
      expect((await post(square(113.30, 34.83, 0.001), '410106')).body.warnings).toEqual([]);
      expect((await post(square(113.40, 34.70))).body.warnings).toEqual([]);
      const bad = await post(square(113.30, 34.83, 0.001), '41x');
      expect(bad.status).toBe(400);
    });
  });

  describe('the register as GeoJSON', () => {
    it('GET /registers/listed.geojson: the listed plots the bureau sees with boundary, code, name and stage in Chinese, as a download', async () => {
      const res = await get('/registers/listed.geojson', 'eeb');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="listed-register.geojson"; filename\*=UTF-8''/);
      const fc: Collection = JSON.parse(res.text);
      const register = (await get('/registers/listed', 'eeb')).body;
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.map((f) => f.properties.code).sort()).toEqual(register.items.map((i: { code: string }) => i.code).sort());
      expect(fc.numberMatched).toBe(register.total);
      expect(fc.truncated).toBe(false);
      expect(fc).toMatchObject({ withoutBoundary: 0 });
      expect(fc).not.toHaveProperty('note');
      for (const f of fc.features) {
        expect(f.geometry.type).toBe('Polygon');
        expect(Object.keys(f.properties).sort()).toEqual(['code', 'holderOrganisationName', 'jurisdiction', 'jurisdictionName', 'name', 'stage']);
        expect(f.properties.stage).toMatch(/^[\u4e00-\u9fff（）、· ]+$/);
        expect(f.properties.stage).not.toMatch(/listed|remediation|[a-z]/);
      }
      const paged: Collection = JSON.parse((await get('/registers/listed.geojson?limit=1&offset=1', 'eeb')).text);
      expect(paged).toMatchObject({ numberMatched: register.total, numberReturned: 1, truncated: register.total > 2 });
    });

    it('a listed plot registered without a boundary is counted apart and named in a note, not left out silently', async () => {
      const id = await plotCode('SJ-2026-003');
      const [{ boundary, w, s, e, n }] = await t.ds.query(
        `SELECT boundary, bbox_min_lon AS w, bbox_min_lat AS s, bbox_max_lon AS e, bbox_max_lat AS n FROM plots WHERE id = $1`, [id]);
      await t.ds.query(`UPDATE plots SET boundary = NULL, bbox_min_lon = NULL, bbox_min_lat = NULL, bbox_max_lon = NULL, bbox_max_lat = NULL WHERE id = $1`, [id]);
      try {
        const fc = JSON.parse((await get('/registers/listed.geojson', 'eeb')).text);
        expect(fc.features.map((f: { properties: { code: string } }) => f.properties.code)).not.toContain('SJ-2026-003');
        expect(fc).toMatchObject({ withoutBoundary: 1, note: '另有 1 个名录地块登记时未标注边界，未包含在本文件中' });
      } finally {
        await t.ds.query(`UPDATE plots SET boundary = $2, bbox_min_lon = $3, bbox_min_lat = $4, bbox_max_lon = $5, bbox_max_lat = $6 WHERE id = $1`,
          [id, JSON.stringify(boundary), w, s, e, n]);
      }
    });

    it('only the bureaus and the administrator download it (holder 403, no token 401); another district’s bureau gets none of these plots', async () => {
      expect((await get('/registers/listed.geojson', 'holder')).status).toBe(403);
      expect((await get('/registers/listed.geojson')).status).toBe(401);
      expect((await collection('/registers/listed.geojson', 'eeb-xy')).features).toEqual([]);
      expect((await get('/registers/listed.geojson?limit=0', 'eeb')).status).toBe(400);
    });
  });

  describe('sample points on the plot map', () => {
    it('GET /plots/:id/samples/points: one feature per sample location with its highest result over the screening value (GB 36600-2018 表1, 第一类用地)', async () => {
      const id = await plotCode('SJ-2026-003');
      const fc = await collection(`/plots/${id}/samples/points`, 'eeb');
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM (SELECT DISTINCT s.x, s.y FROM samples s JOIN reports r ON r.id = s.report_id WHERE r.plot_id = $1) l`, [id]);
      expect(n).toBe(4);
      expect(fc).toMatchObject({ type: 'FeatureCollection', numberMatched: 4, numberReturned: 4, truncated: false, landClass: 1 });
      const at = (x: number, y: number) => fc.features.find((f) => JSON.stringify(f.geometry.coordinates) === JSON.stringify([x, y]))!.properties;
      // 砷 86 against 20 mg/kg; 铅 460 against 400; 镉 3.1 against 20; 汞 not detected.
      expect(at(113.29, 34.8)).toMatchObject({ exceedance: 'exceeds', exceedanceLabel: '超过筛选值', worstAnalyte: '砷', maxRatio: 4.3, sampleIds: ['S00', 'S01'] });
      expect(at(113.291, 34.801)).toMatchObject({ exceedance: 'exceeds', worstAnalyte: '铅', maxRatio: 1.15 });
      expect(at(113.292, 34.802)).toMatchObject({ exceedance: 'below', exceedanceLabel: '未超过筛选值', worstAnalyte: '镉' });
      expect(at(113.293, 34.803)).toMatchObject({ exceedance: 'notDetected', exceedanceLabel: '均未检出', maxRatio: null });
      expect(fc.features[0].geometry.type).toBe('Point');
      expect(fc.features[0].properties.worstAnalyte).toBe('砷');
    });

    it('capped with a clear total (worst first), one report by reportId, and visible as the plot is: its holder yes, another holder or district 404', async () => {
      const id = await plotCode('SJ-2026-003');
      const one = await collection(`/plots/${id}/samples/points?limit=1`, 'holder2');
      expect(one).toMatchObject({ numberMatched: 4, numberReturned: 1, truncated: true });
      expect(one.features[0].properties.worstAnalyte).toBe('砷');
      const [report] = await t.ds.query(`SELECT id FROM reports WHERE plot_id = $1 AND kind = 'detailed_investigation'`, [id]);
      expect((await collection(`/plots/${id}/samples/points?reportId=${report.id}`, 'eeb')).numberMatched).toBe(4);
      const [other] = await t.ds.query(`SELECT r.id FROM reports r JOIN plots p ON p.id = r.plot_id WHERE p.code = 'SJ-2026-005' LIMIT 1`);
      const wrong = await get(`/plots/${id}/samples/points?reportId=${other.id}`, 'eeb');
      expect(wrong.status).toBe(404);
      expect(wrong.body.message).toBe('该地块没有这份报告');
      for (const as of ['holder', 'eeb-xy']) expect((await get(`/plots/${id}/samples/points`, as)).status).toBe(404);
      expect((await get(`/plots/${id}/samples/points?limit=5001`, 'eeb')).status).toBe(400);
      expect((await get(`/plots/${id}/samples/points?reportId=x`, 'eeb')).body.message).toMatch(/报告标识格式不正确/);
      const none = await collection(`/plots/${await plotCode('SJ-2026-006')}/samples/points`, 'eeb');
      expect(none).toMatchObject({ features: [], numberMatched: 0, truncated: false });
    });
  });
});
