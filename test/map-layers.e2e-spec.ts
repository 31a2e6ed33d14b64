import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../src/common/credit-code';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { seedDemoPlots } from '../src/demo/demo-plots';
import { zoneOf } from '../src/map/map-zones';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';

interface Feature {
  type: 'Feature';
  id: string;
  bbox?: number[];
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
interface Collection {
  type: string;
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  truncated?: boolean;
  links?: Array<{ href: string; rel: string }>;
}

function creditCode(body8: string): string {
  const first17 = `91410106${body8}${organisationCodeCheckCharacter(body8)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

const square = (w: number, s: number, d = 0.002) => ({ type: 'Polygon', coordinates: [[[w, s], [w + d, s], [w + d, s + d], [w, s + d], [w, s]]] });
/** Far from the demo plots and from the other specs' units: this spec's units meet only each other. */
const WINDOW = '113.60,34.60,113.70,34.70';
const KEY = '0123456789abcdef0123456789abcdef';

describeEachDatabase('一张图 (issue 19): key units, zones, OGC collections units and monitoring-points, the optional 天地图 basemap', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-07-01');
  const units: Array<{ id: string; creditCode: string; name: string }> = [];
  const get = async (path: string, as?: string) => (as ? t.http.get(path).set(await t.as(as)) : t.http.get(path));
  const collection = async (path: string, as?: string): Promise<Collection> => {
    const res = await get(path, as);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    return JSON.parse(res.text);
  };
  const names = (c: Collection) => c.features.map((f) => f.properties.name).sort();

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    await seedDemoPlots(t.app, t.demo.users, t.demo.organisations);
    const list = async (n: number, organisationId: string) => {
      const res = await t.http.post('/key-units').set(await t.as('eeb')).send({
        creditCode: creditCode(`ML${String(n).padStart(6, '0')}`), name: `上街区图层测试单位${n}`, industry: 'carbon', organisationId,
        address: `郑州市上街区图层路 ${n} 号`, siteBoundary: square(113.61 + n * 0.01, 34.61), listedOn: '2025-03-01',
        reason: '碳素生产企业，纳入重点监管单位名录',
      });
      expect(res.status).toBe(201);
      units.push(res.body);
    };
    await list(1, t.demo.organisations.holder2);
    await list(2, t.demo.organisations.holder2);
    await list(3, t.demo.organisations.holder);
    const removed = await t.http.post(`/key-units/${units[2].id}/events`).set(await t.as('eeb'))
      .send({ type: 'REMOVE', reason: '企业已搬迁，经核实移出名录', on: '2026-06-30' });
    expect(removed.status).toBe(200);
    for (const [n, lon] of [[1, 113.615], [2, 113.625]] as const) {
      const res = await t.http.post('/monitoring/points').set(await t.as('eeb')).send({
        code: `ML-${n}`, name: `图层测试点位 ${n}`, kind: 'basic', media: ['soil'], lon, lat: 34.65, land: 'farmland', crop: 'other', nextDueOn: '2027-06-01',
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('重点监管单位 on the map (issue 18 keyUnitVisibility): the district bureau and 工信 see every unit of the district, a holder its own, another district’s bureau none', async () => {
    const all = [units[0].name, units[1].name, units[2].name].sort();
    expect(names(await collection(`/map/key-units?bbox=${WINDOW}`, 'eeb'))).toEqual(all);
    expect(names(await collection(`/map/key-units?bbox=${WINDOW}`, 'miit'))).toEqual(all);
    expect(names(await collection(`/map/key-units?bbox=${WINDOW}`, 'holder2'))).toEqual([units[0].name, units[1].name]);
    expect(names(await collection(`/map/key-units?bbox=${WINDOW}`, 'holder'))).toEqual([units[2].name]);
    expect((await collection(`/map/key-units?bbox=${WINDOW}`, 'eeb-xy')).features).toEqual([]);
    const eeb = await collection(`/map/key-units?bbox=${WINDOW}`, 'eeb');
    expect(eeb).toMatchObject({ type: 'FeatureCollection', numberMatched: 3, numberReturned: 3, truncated: false });
    const one = eeb.features.find((f) => f.id === units[0].id)!;
    expect(one.geometry.type).toBe('Polygon');
    expect(one.properties).toMatchObject({ name: units[0].name, industryName: '碳素生产', stateLabel: '在名录中' });
    // a window beside the sites holds none of them
    expect((await collection('/map/key-units?bbox=113.70,34.70,113.80,34.80', 'eeb')).numberMatched).toBe(0);
    expect((await get('/map/key-units?bbox=34.6,113.6,34.7,113.7', 'eeb')).status).toBe(400);
    expect((await get('/map/key-units')).status).toBe(401);
  });

  it('上政文〔2017〕147号 三（二）1: the public map shows the published list — every unit not removed, the public fields only, no internal codes', async () => {
    const pub = await collection(`/public/map/key-units?bbox=${WINDOW}`);
    expect(names(pub)).toEqual([units[0].name, units[1].name]);
    for (const f of pub.features) {
      expect(Object.keys(f.properties).sort()).toEqual(['address', 'creditCode', 'industryName', 'jurisdictionName', 'listedOn', 'name', 'stateLabel']);
      expect(f.id).toBe(f.properties.creditCode);
    }
    expect(JSON.stringify(pub)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|:"(listed|removed|carbon)"/);
  });

  it('上政文〔2017〕147号 三（一）4: each plot on the map names its zone from its state (reference/map-zones.json); the demo gives 预警区, 风险管控区 and 治理修复区, never 保护区', async () => {
    const all = await collection('/map/plots', 'admin');
    const seen = new Set<unknown>();
    for (const f of all.features) {
      expect({ code: f.properties.code, zoneLabel: f.properties.zoneLabel }).toEqual({ code: f.properties.code, zoneLabel: zoneOf(String(f.properties.state), false).zoneLabel });
      seen.add(f.properties.zoneLabel);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['预警区', '风险管控区', '治理修复区']));
    expect(seen.has('保护区')).toBe(false);
    const pub = await collection('/public/map/plots');
    for (const f of pub.features) expect(['风险管控区', '治理修复区']).toContain(f.properties.zoneLabel);
    const legend = (await get('/map/zones')).body;
    expect(legend.zones.map((z: { label: string }) => z.label)).toEqual(['保护区', '预警区', '风险管控区', '治理修复区']);
    expect(legend.source).toMatch(/上政文〔2017〕147号 三（一）4/);
  });

  it('上政文〔2017〕147号 三（一）4 and 三（四）2: a plot placed under a control zone (划定管控区域) is in 风险管控区 whatever its state', async () => {
    const all = await collection('/map/plots', 'admin');
    const outside = all.features.find((f) => f.properties.zoneLabel === null)!;
    expect(outside).toBeDefined();
    // The statechart's context as PLACE_UNDER_CONTROL_ZONE leaves it (workflows/plot-lifecycle/v2/actions.ts).
    await t.ds.query(
      `UPDATE plots SET snapshot = jsonb_set(snapshot, '{context,controlZone}', $2::jsonb) WHERE id = $1`,
      [outside.id, JSON.stringify({ noticeNumber: '上环告〔2026〕5号', signsPostedOn: '2026-06-01', monitoring: [] })],
    );
    const after = (await collection('/map/plots', 'admin')).features.find((f) => f.id === outside.id)!;
    expect(after.properties).toMatchObject({ zone: 'riskControl', zoneLabel: '风险管控区' });
  });

  it('OGC API – Features: /ogc/collections lists plots, units and monitoring-points, each with its items link', async () => {
    const res = (await get('/ogc/collections')).body;
    expect(res.collections.map((c: { id: string }) => c.id)).toEqual(['plots', 'units', 'monitoring-points']);
    for (const c of res.collections) expect(c.links).toEqual(expect.arrayContaining([expect.objectContaining({ rel: 'items', href: expect.stringMatching(new RegExp(`/ogc/collections/${c.id}/items$`)) })]));
    expect((await get('/ogc/collections/units')).body).toMatchObject({ id: 'units', itemType: 'feature' });
  });

  it('OGC units: without a token the published units, with one the caller’s view, paged by limit and offset with next/prev links', async () => {
    const pub = await collection(`/ogc/collections/units/items?bbox=${WINDOW}`);
    expect(names(pub)).toEqual([units[0].name, units[1].name]);
    const first = await collection(`/ogc/collections/units/items?bbox=${WINDOW}&limit=2&offset=0`, 'eeb');
    expect(first).toMatchObject({ numberMatched: 3, numberReturned: 2 });
    expect(first.links!.map((l) => l.rel)).toEqual(['self', 'next', 'collection']);
    expect(first.links!.find((l) => l.rel === 'next')!.href).toMatch(/\/ogc\/collections\/units\/items\?bbox=.*&limit=2&offset=2$/);
    const second = await collection(`/ogc/collections/units/items?bbox=${WINDOW}&limit=2&offset=2`, 'eeb');
    expect(second).toMatchObject({ numberMatched: 3, numberReturned: 1 });
    expect(second.links!.map((l) => l.rel)).toEqual(['self', 'prev', 'collection']);
    expect((await collection(`/ogc/collections/units/items?bbox=${WINDOW}`, 'eeb-xy')).numberMatched).toBe(0);
    expect((await t.http.get('/ogc/collections/units/items').set('Authorization', 'Bearer nonsense')).status).toBe(401);
  });

  it('OGC monitoring-points: only with a token (the network is not published), the caller’s view as GET /monitoring/points gives it', async () => {
    const anon = await get(`/ogc/collections/monitoring-points/items?bbox=${WINDOW}`);
    expect(anon.status).toBe(401);
    expect(anon.body.message).toMatch(/登录/);
    const eeb = await collection(`/ogc/collections/monitoring-points/items?bbox=${WINDOW}`, 'eeb');
    const listed = (await get(`/monitoring/points?bbox=${WINDOW}&pageSize=100`, 'eeb')).body;
    expect(eeb.numberMatched).toBe(listed.total);
    expect(eeb.features.map((f) => f.properties.code).sort()).toEqual(['ML-1', 'ML-2']);
    expect(eeb.features[0].geometry).toEqual({ type: 'Point', coordinates: [113.615, 34.65] });
    expect(eeb.features[0].properties).toMatchObject({ kindLabel: expect.stringMatching(/[\u4e00-\u9fff]/), openWarning: false });
    expect((await collection(`/ogc/collections/monitoring-points/items?bbox=${WINDOW}`, 'eeb-xy')).numberMatched).toBe(0);
  });

  it('issue 19 (offline by default, optional 天地图 WMTS): GET /map/config answers no basemap without TIANDITU_KEY, and vec_w tiles with tk= the key with it', async () => {
    expect((await get('/map/config')).body).toEqual({ basemap: null });
    const config = t.app.get<AppConfig>(APP_CONFIG);
    // The configuration object is read on each request: set the key as the boot would have from TIANDITU_KEY.
    config.tiandituKey = KEY;
    try {
      const { basemap } = (await get('/map/config')).body;
      expect(basemap).toMatchObject({ kind: 'tianditu', attribution: expect.stringMatching(/天地图/) });
      expect(basemap.urlTemplate).toMatch(new RegExp(`^https://t\\{s\\}\\.tianditu\\.gov\\.cn/vec_w/wmts\\?.*LAYER=vec.*&tk=${KEY}$`));
      expect(basemap.annotationUrlTemplate).toMatch(/\/cva_w\/wmts\?.*LAYER=cva/);
    } finally {
      config.tiandituKey = undefined;
    }
  });
});
