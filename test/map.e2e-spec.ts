import { PlotBoundingBoxes1765756800000 } from '../src/database/migrations/1765756800000-PlotBoundingBoxes';
import { seedDemoPlots } from '../src/demo/demo-plots';
import { bboxOf } from '../src/map/plot-geometry';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { plotBody, registerPlot } from './factories/plots';

interface Feature {
  type: 'Feature';
  id: string;
  bbox?: number[];
  geometry: { type: string; coordinates: number[][][] };
  properties: Record<string, unknown>;
}
interface Collection {
  type: string;
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  truncated?: boolean;
  links?: Array<{ href: string; rel: string; type: string }>;
}

/** A closed square ring, west-south corner first. */
function square(w: number, s: number, e: number, n: number) {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** Far from the demo plots (113.29–113.30E), so that these tests' own plots meet only each other. */
const FAR = { w: 113.40, s: 34.70 };

describeEachDatabase('一张图 (issue 19): the map, the public map, OGC API – Features and overlapping boundaries', (target) => {
  let t: TestApp;
  const get = async (path: string, as?: string) => {
    const req = t.http.get(path);
    return as ? req.set(await t.as(as)) : req;
  };
  const collection = async (path: string, as?: string): Promise<Collection> => {
    const res = await get(path, as);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    return JSON.parse(res.text);
  };
  const codes = (c: Collection) => c.features.map((f) => f.properties.code).sort();

  beforeAll(async () => {
    t = await startTestApp(target);
    // Registers the nine demo plots without confirmOverlap: an overlap between two of them would fail the seed.
    await seedDemoPlots(t.app, t.demo.users, t.demo.organisations);
  });
  afterAll(() => t?.close());

  it('the demo plots each have their own boundary, none overlapping another (一张图; seeded without confirming an overlap)', async () => {
    const all = await collection('/map/plots', 'admin');
    const listed = (await get('/plots?pageSize=100', 'admin')).body;
    expect(all.type).toBe('FeatureCollection');
    expect(all.numberMatched).toBe(listed.total);
    expect(all.numberReturned).toBe(all.features.length);
    expect(all.truncated).toBe(false);
    expect(all.features.length).toBeGreaterThanOrEqual(9);
    const rings = all.features.map((f) => JSON.stringify(f.geometry.coordinates));
    expect(new Set(rings).size).toBe(rings.length);
    for (const f of all.features) {
      expect(f.geometry.type).toBe('Polygon');
      expect(Object.keys(f.properties).sort()).toEqual(
        ['code', 'holderOrganisationName', 'jurisdiction', 'jurisdictionName', 'name', 'stage', 'state', 'stateLabel', 'zone', 'zoneLabel'].sort(),
      );
      expect(f.properties.stateLabel).toMatch(/[\u4e00-\u9fff]/);
      const [w, south, e, n] = f.bbox!;
      const ring = f.geometry.coordinates[0];
      expect([w, south, e, n]).toEqual([
        Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[1])),
      ]);
    }
  });

  it('the map shows only the plots the caller may see, as GET /plots does (plot-access.ts): a holder its own, another district’s bureau none', async () => {
    const holder = await collection('/map/plots', 'holder2');
    const holderList = (await get('/plots?pageSize=100', 'holder2')).body;
    expect(holder.features.length).toBeGreaterThan(0);
    expect(codes(holder)).toEqual(holderList.items.map((p: { code: string }) => p.code).sort());
    // Its own plots, and one it was the holder of before 收回 (plot_parties); never another holder's.
    expect(holder.features.map((f) => f.properties.holderOrganisationName)).toContain('上街区某碳素有限公司');
    expect(holder.features.map((f) => f.properties.holderOrganisationName)).not.toContain('上街区某铝业有限公司');
    const other = await collection('/map/plots', 'eeb-xy');
    expect(other.features).toEqual([]);
    expect(other.numberMatched).toBe(0);
    const district = await collection('/map/plots', 'eeb');
    expect(district.numberMatched).toBe((await get('/plots', 'eeb')).body.total);
  });

  it('filters by stage and jurisdiction, and answers 401 without a token', async () => {
    const listed = await collection('/map/plots?stage=listed', 'eeb');
    expect(listed.features.length).toBeGreaterThan(0);
    expect(listed.features.every((f) => f.properties.stage === 'listed')).toBe(true);
    expect((await collection('/map/plots?jurisdiction=410182', 'admin')).features).toEqual([]);
    expect((await collection('/map/plots?jurisdiction=410100', 'admin')).numberMatched).toBe((await collection('/map/plots', 'admin')).numberMatched);
    expect((await get('/map/plots')).status).toBe(401);
    expect((await get('/map/plots?stage=nothing', 'eeb')).status).toBe(400);
  });

  it('the public map shows the plots on the published register only (名录公示), without internal ids or the holder', async () => {
    const pub = await collection('/public/map/plots');
    const register = (await t.http.get('/public/register?pageSize=500').expect(200)).body;
    const registerCodes: string[] = (register.items ?? register.entries ?? []).map((e: { code: string }) => e.code).sort();
    expect(pub.features.length).toBeGreaterThan(0);
    expect(codes(pub)).toEqual(registerCodes);
    const all = await collection('/map/plots', 'admin');
    const unpublished = all.features.filter((f) => !String(f.properties.state).startsWith('listed.')).map((f) => f.properties.code);
    expect(unpublished.length).toBeGreaterThan(0);
    for (const code of unpublished) expect(codes(pub)).not.toContain(code);
    const ids = new Set(all.features.map((f) => f.id));
    for (const f of pub.features) {
      expect(Object.keys(f.properties).sort()).toEqual(['code', 'jurisdictionName', 'name', 'stage', 'stateLabel', 'zoneLabel']);
      expect(ids.has(f.id)).toBe(false);
      expect(JSON.stringify(f)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });

  describe('viewport', () => {
    let triangleId: string;
    beforeAll(async () => {
      // A right triangle whose bounding box's north-west corner lies outside the polygon.
      const { w, s } = FAR;
      triangleId = (await registerPlot(t, {
        code: 'MAP-TRIANGLE',
        boundary: { type: 'Polygon', coordinates: [[[w, s], [w + 0.004, s], [w + 0.004, s + 0.004], [w, s]]] },
      })).id;
    });

    it('a viewport returns the plots whose boundary meets it: by the stored bounding boxes, then the polygon exactly (turf)', async () => {
      const { w, s } = FAR;
      const inside = await collection(`/map/plots?bbox=${w + 0.003},${s + 0.0005},${w + 0.0035},${s + 0.001}`, 'eeb');
      expect(inside.features.map((f) => f.id)).toEqual([triangleId]);
      // Inside the triangle's box, beyond its hypotenuse: the box meets the window, the polygon does not.
      const corner = await collection(`/map/plots?bbox=${w + 0.0002},${s + 0.003},${w + 0.0008},${s + 0.0038}`, 'eeb');
      expect(corner.features).toEqual([]);
      expect(corner.numberMatched).toBe(0);
      const demo = await collection('/map/plots?bbox=113.289,34.799,113.2915,34.8015', 'eeb');
      expect(codes(demo)).toEqual(['SJ-2026-001']);
      const none = await collection('/map/plots?bbox=100,30,100.1,30.1', 'admin');
      expect(none.features).toEqual([]);
    });

    it('paged: the plots whose box meets the window but whose polygon does not are left out of the count and the pages (OGC bbox: geometry intersects)', async () => {
      const { w, s } = FAR;
      // Two small squares in the triangle's empty corner, beyond its hypotenuse: no overlap with it.
      const a = (await registerPlot(t, { code: 'MAP-CORNER-A', boundary: square(w + 0.0003, s + 0.0032, w + 0.0005, s + 0.0034) })).id;
      const b = (await registerPlot(t, { code: 'MAP-CORNER-B', boundary: square(w + 0.0006, s + 0.0035, w + 0.0007, s + 0.0036) })).id;
      const window = `${w + 0.0002},${s + 0.003},${w + 0.0008},${s + 0.0038}`;
      const map = await collection(`/map/plots?bbox=${window}`, 'eeb');
      expect(map.features.map((f) => f.id)).toEqual([a, b]);
      expect(map.numberMatched).toBe(2);
      const first = await collection(`/ogc/collections/plots/items?bbox=${window}&limit=1`, 'eeb');
      expect([first.numberMatched, first.features.map((f) => f.id)]).toEqual([2, [a]]);
      expect(first.links!.find((l) => l.rel === 'next')).toBeDefined();
      const second = await collection(`/ogc/collections/plots/items?bbox=${window}&limit=1&offset=1`, 'eeb');
      expect([second.numberMatched, second.features.map((f) => f.id)]).toEqual([2, [b]]);
      expect(second.links!.find((l) => l.rel === 'next')).toBeUndefined();
      expect(codes(second)).not.toContain('MAP-TRIANGLE');
    });

    it.each([
      ['three numbers', '113,34,114'],
      ['minimum above maximum', '114,34,113,35'],
      ['latitude and longitude swapped (outside China)', '34.7,113.2,34.9,113.4'],
      ['not numbers', 'a,b,c,d'],
    ])('a bbox with %s is refused with 400 naming bbox', async (_what, bbox) => {
      const res = await get(`/map/plots?bbox=${encodeURIComponent(bbox)}`, 'eeb');
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['bbox']);
      expect(res.body.errors[0].message).toMatch(/bbox/);
      expect((await t.http.get(`/public/map/plots?bbox=${encodeURIComponent(bbox)}`)).status).toBe(400);
      expect((await t.http.get(`/ogc/collections/plots/items?bbox=${encodeURIComponent(bbox)}`)).status).toBe(400);
    });
  });

  describe('OGC API – Features (OGC 17-069r4)', () => {
    it('the landing page, conformance (core and GeoJSON) and the plots collection', async () => {
      const landing = (await t.http.get('/ogc').expect(200)).body;
      expect(landing.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['self', 'conformance', 'data', 'service-desc']));
      const conformance = (await t.http.get('/ogc/conformance').expect(200)).body;
      expect(conformance.conformsTo).toEqual(expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      ]));
      const list = (await t.http.get('/ogc/collections').expect(200)).body;
      expect(list.collections.map((c: { id: string }) => c.id)).toEqual(['plots', 'units', 'monitoring-points']);
      const plots = (await t.http.get('/ogc/collections/plots').expect(200)).body;
      expect(plots.links.find((l: { rel: string }) => l.rel === 'items').href).toMatch(/\/ogc\/collections\/plots\/items$/);
    });

    it('items: a valid FeatureCollection of the public plots without a token, of the caller’s visible plots with one, 401 for a bad token', async () => {
      const pub = await collection('/ogc/collections/plots/items');
      expect(codes(pub)).toEqual(codes(await collection('/public/map/plots')));
      expect(pub.features.every((f) => f.type === 'Feature' && f.geometry.type === 'Polygon')).toBe(true);
      const mine = await collection('/ogc/collections/plots/items?limit=1000', 'holder2');
      expect(codes(mine)).toEqual(codes(await collection('/map/plots', 'holder2')));
      expect((await collection('/ogc/collections/plots/items', 'eeb-xy')).features).toEqual([]);
      expect((await t.http.get('/ogc/collections/plots/items').set('Authorization', 'Bearer not-a-token')).status).toBe(401);
      expect((await t.http.get('/ogc/collections/plots/items?limit=1001')).status).toBe(400);
    });

    it('one item: by the plot’s id with a token, by its code without one; a plot not visible answers 404', async () => {
      const mine = (await collection('/ogc/collections/plots/items', 'holder2')).features[0];
      const one = await collection(`/ogc/collections/plots/items/${mine.id}`, 'holder2');
      expect(one).toMatchObject({ type: 'Feature', id: mine.id, properties: mine.properties });
      expect((await get(`/ogc/collections/plots/items/${mine.id}`, 'eeb-xy')).status).toBe(404);
      const published = (await collection('/public/map/plots')).features[0];
      const publicOne = (await collection(`/ogc/collections/plots/items/${published.id}`)) as unknown as Feature;
      expect(publicOne.properties).toEqual(published.properties);
      const hidden = (await collection('/map/plots', 'admin')).features.find((f) => !String(f.properties.state).startsWith('listed.'))!;
      expect((await t.http.get(`/ogc/collections/plots/items/${hidden.properties.code}`)).status).toBe(404);
      expect((await t.http.get(`/ogc/collections/plots/items/${hidden.id}`)).status).toBe(404);
      expect((await get('/ogc/collections/plots/items/not-a-uuid', 'admin')).status).toBe(404);
    });

    it('items: the bbox filter and paging by limit and offset, with numberMatched, numberReturned and next/prev links', async () => {
      const bbox = '113.28,34.79,113.31,34.82';
      const all = await collection(`/ogc/collections/plots/items?bbox=${bbox}&limit=1000`, 'eeb');
      expect(all.numberMatched).toBeGreaterThanOrEqual(9);
      expect(codes(all)).not.toContain('MAP-TRIANGLE');
      const first = await collection(`/ogc/collections/plots/items?bbox=${bbox}&limit=4`, 'eeb');
      expect(first.numberMatched).toBe(all.numberMatched);
      expect(first.numberReturned).toBe(4);
      const next = first.links!.find((l) => l.rel === 'next')!;
      expect(first.links!.find((l) => l.rel === 'prev')).toBeUndefined();
      expect(next.type).toBe('application/geo+json');
      const url = new URL(next.href);
      expect(url.pathname).toBe('/ogc/collections/plots/items');
      expect(url.searchParams.get('offset')).toBe('4');
      expect(url.searchParams.get('bbox')).toBe(bbox);
      const second = await collection(`${url.pathname}${url.search}`, 'eeb');
      expect(second.links!.find((l) => l.rel === 'prev')).toBeDefined();
      const pages = [...first.features, ...second.features].map((f) => f.id);
      expect(new Set(pages).size).toBe(8);
      expect(pages).toEqual(all.features.slice(0, 8).map((f) => f.id));
      const last = await collection(`/ogc/collections/plots/items?bbox=${bbox}&limit=4&offset=${all.numberMatched - 1}`, 'eeb');
      expect(last.numberReturned).toBe(1);
      expect(last.links!.find((l) => l.rel === 'next')).toBeUndefined();
    });
  });

  it('the migration PlotBoundingBoxes fills the boxes of boundaries registered before it, as registration computes them', async () => {
    const read = async () => (await t.ds.query(
      `SELECT code, boundary, ARRAY[bbox_min_lon, bbox_min_lat, bbox_max_lon, bbox_max_lat] AS bbox FROM plots ORDER BY code`,
    )) as Array<{ code: string; boundary: never; bbox: number[] | null[] }>;
    const before = await read();
    expect(before.every((r) => (r.boundary ? r.bbox.every((v) => typeof v === 'number') : r.bbox.every((v) => v === null)))).toBe(true);
    for (const r of before.filter((x) => x.boundary)) expect(r.bbox).toEqual(bboxOf(r.boundary));
    const migration = new PlotBoundingBoxes1765756800000();
    const runner = t.ds.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await read()).toEqual(before);
  });

  describe('overlapping boundaries at registration', () => {
    const base = { w: FAR.w + 0.01, s: FAR.s };
    let first: { id: string; code: string; name: string };
    beforeAll(async () => {
      first = await registerPlot(t, { code: 'MAP-OVERLAP-A', name: '重叠测试甲地块', boundary: square(base.w, base.s, base.w + 0.002, base.s + 0.002) });
    });

    it('a boundary overlapping a registered plot is refused with 409 naming that plot and the shared area (一张图: no two plots on the same land)', async () => {
      const body = { code: 'MAP-OVERLAP-B', boundary: square(base.w + 0.001, base.s, base.w + 0.003, base.s + 0.002) };
      const res = await t.http.post('/plots').set(await t.as('eeb')).send(plotBody(t, body));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('BOUNDARY_OVERLAP');
      expect(res.body.message).toContain('与地块 MAP-OVERLAP-A（重叠测试甲地块）重叠约');
      expect(res.body.overlaps).toHaveLength(1);
      const [o] = res.body.overlaps;
      expect(o).toMatchObject({ id: first.id, code: 'MAP-OVERLAP-A', name: '重叠测试甲地块' });
      // 0.001° of longitude by 0.002° of latitude at 34.7°N: about 91.4 m × 222.4 m.
      expect(o.areaM2).toBeGreaterThan(20000);
      expect(o.areaM2).toBeLessThan(20700);
      expect(res.body.message).toContain(`${Math.round(o.areaM2)} 平方米`);
      expect((await t.http.get('/plots?q=MAP-OVERLAP-B').set(await t.as('eeb'))).body.total).toBe(0);
    });

    it('the same registration with confirmOverlap goes on, and its audit row keeps confirmOverlap (一张图: a confirmed overlap)', async () => {
      const body = plotBody(t, { code: 'MAP-OVERLAP-B', boundary: square(base.w + 0.001, base.s, base.w + 0.003, base.s + 0.002), confirmOverlap: true });
      const res = await t.http.post('/plots').set(await t.as('eeb')).send(body);
      expect(res.status).toBe(201);
      const history = (await t.http.get(`/plots/${res.body.id}/history`).set(await t.as('eeb')).expect(200)).body.items;
      expect(history[0].event ?? history[0].eventType ?? history[0].type).toBe('REGISTER');
      expect(history[0].payload.confirmOverlap).toBe(true);
      const bad = await t.http.post('/plots').set(await t.as('eeb')).send({ ...plotBody(t), confirmOverlap: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['confirmOverlap']);
    });

    it('boundaries that only touch along an edge or at a corner are not an overlap (一张图)', async () => {
      const e = base.w + 0.002;
      await registerPlot(t, { code: 'MAP-TOUCH-EDGE', boundary: square(e, base.s - 0.003, e + 0.002, base.s - 0.001) });
      await registerPlot(t, { code: 'MAP-TOUCH-WEST', boundary: square(base.w - 0.002, base.s, base.w, base.s + 0.002) });
      await registerPlot(t, { code: 'MAP-TOUCH-CORNER', boundary: square(base.w - 0.002, base.s + 0.002, base.w, base.s + 0.004) });
    });

    it('a holder’s boundary overlapping a plot it may not see is refused without naming that plot (plot-access.ts)', async () => {
      // holder2 does not hold MAP-OVERLAP-A (the factory's holder is the demo holder).
      const body = plotBody(t, {
        code: 'MAP-OVERLAP-C', holderOrganisationId: t.demo.organisations.holder2,
        boundary: square(base.w + 0.0005, base.s + 0.0005, base.w + 0.0015, base.s + 0.0015),
      });
      const res = await t.http.post('/plots').set(await t.as('holder2')).send(body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('BOUNDARY_OVERLAP');
      expect(res.body.message).not.toContain('MAP-OVERLAP-A');
      expect(res.body.message).toContain('无权查看');
      expect(res.body.overlaps.every((o: { id: unknown; code: unknown }) => o.id === null && o.code === null)).toBe(true);
    });
  });
});
