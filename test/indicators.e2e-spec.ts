import { todayInChina } from '../src/calendar/calendar-date';
import { FilingService } from '../src/documents/filing.service';
import { pdfPages, popplerOrSkip, squeeze } from '../templates/pdf-tools';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot } from './factories/plots';

// plots.created_at is the database's clock: the year counted is the one the test runs in.
const YEAR = Number(todayInChina().slice(0, 4));
const TODAY = todayInChina();
const DEFINITION = '上政文〔2017〕147号 二（主要指标）';
const haveText = popplerOrSkip();

interface Fixture {
  key: string;
  state: string;
  planned: { plannedUse: string; plannedLandClass: 1 | 2 };
  permitted: 1 | 2 | null;
  use: string | null;
  safe?: boolean;
}

// Counted by hand (reference/safe-use-indicator.json): state and permission as they stood when the development began.
//   A released, permitted 1, 住宅 (1)          safe
//   B cleared,  permitted 2, 工业用地 (2)      safe
//   C released, permitted 2, 住宅 (1)          UNSAFE: class 1 beyond a class-2 permission (GB 36600-2018 §3.5、§3.6)
//   D listed.riskControl,    商业 (2)          UNSAFE: developed while listed (土壤法第六十一条第二款、第六十六条第三款)
//   E cleared,  permitted 1, 商业 (2)          safe: a first-class permission covers the second class
//   F released, permitted 2, 物流仓储 (2)      safe
//   G cleared,  no permission, planned 2, 工业 (2)  safe: the planned class stands in
//   H suspected, never developed               in neither count
// 上街区: 5 of 7 = 71.43 %, below the 2020 target of 91 %. 荥阳市 (X, cleared, 工业): 1 of 1. 郑州市: 6 of 8 = 75.00 %.
const CLASS1 = { plannedUse: '住宅', plannedLandClass: 1 as const };
const CLASS2 = { plannedUse: '工业用地', plannedLandClass: 2 as const };
const SHANGJIE: Fixture[] = [
  { key: 'A', state: 'released', planned: CLASS1, permitted: 1, use: '住宅', safe: true },
  { key: 'B', state: 'cleared', planned: CLASS2, permitted: 2, use: '工业用地', safe: true },
  { key: 'C', state: 'released', planned: CLASS1, permitted: 2, use: '住宅', safe: false },
  { key: 'D', state: 'listed.riskControl', planned: CLASS2, permitted: null, use: '商业', safe: false },
  { key: 'E', state: 'cleared', planned: CLASS1, permitted: 1, use: '商业', safe: true },
  { key: 'F', state: 'released', planned: CLASS2, permitted: 2, use: '物流仓储', safe: true },
  { key: 'G', state: 'cleared', planned: CLASS2, permitted: null, use: '工业', safe: true },
  { key: 'H', state: 'suspected', planned: CLASS1, permitted: null, use: null },
];

describeEachDatabase(`污染地块安全利用率 (${DEFINITION}; reference/safe-use-indicator.json)`, (target) => {
  let t: TestApp;
  const ids = new Map<string, string>();
  const codes = new Map<string, string>();

  // A fixture's stage is written onto the plot row: the indicator reads the row, not how it got there.
  async function plotIn(f: Fixture, jurisdiction = '410106', as = 'eeb') {
    const plot = await registerPlot(t, { ...f.planned, jurisdiction, code: `SU-${f.key}-${target.name}` }, as);
    await t.ds.query(
      `UPDATE plots SET state = $2, snapshot = jsonb_set(snapshot, '{context,permittedLandClass}', $3::jsonb) WHERE id = $1`,
      [plot.id, f.state, JSON.stringify(f.permitted)],
    );
    ids.set(f.key, plot.id);
    codes.set(f.key, plot.code);
    if (f.use) {
      const res = await t.http.post(`/indicators/developments/${plot.id}`).set(await t.as(jurisdiction === '410106' ? 'land' : as)).send({ use: f.use, beganOn: TODAY });
      expect(res.status).toBe(201);
    }
  }

  beforeAll(async () => {
    t = await startTestApp(target);
    for (const f of SHANGJIE) await plotIn(f);
    await plotIn({ key: 'X', state: 'cleared', planned: CLASS2, permitted: 2, use: '工业' }, '410182', 'eeb-xy');
  });
  afterAll(() => t?.close());

  const safeUse = async (query: Record<string, unknown>, as = 'eeb') =>
    t.http.get('/indicators/safe-use').query({ year: YEAR, ...query }).set(await t.as(as));

  it(`the hand-counted district: 5 of 7 developed plots safely used, 71.43 %, below the target of 91 % (${DEFINITION})`, async () => {
    const res = await safeUse({ jurisdiction: '410106' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: YEAR, jurisdiction: { code: '410106', name: '郑州市上街区' },
      numerator: 5, denominator: 7, rateText: '71.43%', notDeveloped: 1,
      target: { year: 2020, minRate: 0.91, source: DEFINITION }, meetsTarget: false, children: [],
    });
    expect(res.body.rate).toBeCloseTo(5 / 7, 10);
    const items: Array<{ code: string; safe: boolean; reason: string; basis: string }> = res.body.plots.items;
    expect(res.body.plots.total).toBe(7);
    expect(items.map((i) => i.code).sort()).toEqual(SHANGJIE.filter((f) => f.use).map((f) => codes.get(f.key)).sort());
    for (const f of SHANGJIE.filter((x) => x.use)) expect(items.find((i) => i.code === codes.get(f.key))!.safe).toBe(f.safe);
    expect(items.find((i) => i.code === codes.get('C'))).toMatchObject({ basis: 'GB 36600-2018 §3.5、§3.6', reason: '开发利用为“居住用地”（第一类用地），超出调查评估结论允许的第二类用地' });
    expect(items.find((i) => i.code === codes.get('D'))).toMatchObject({ basis: '《中华人民共和国土壤污染防治法》第六十一条第二款、第六十六条第三款' });
    expect(items.every((i) => /[\u4e00-\u9fff]/.test(i.reason))).toBe(true);
  });

  it('a city bureau sees its districts one by one: 上街区 5 of 7, 荥阳市 1 of 1, 郑州市 6 of 8 = 75.00 %; pages of the counted plots', async () => {
    const res = await safeUse({ jurisdiction: '410100', pageSize: 3, page: 3 }, 'eeb-city');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ numerator: 6, denominator: 8, rateText: '75.00%' });
    expect(res.body.children).toEqual([
      { code: '410106', name: '郑州市上街区', numerator: 5, denominator: 7, rate: 5 / 7, rateText: '71.43%' },
      { code: '410182', name: '荥阳市', numerator: 1, denominator: 1, rate: 1, rateText: '100.00%' },
    ]);
    expect(res.body.plots).toMatchObject({ total: 8, page: 3, pageSize: 3 });
    expect(res.body.plots.items).toHaveLength(2);
  });

  it('a year before any development counts no plot: no rate, and the target of the year is shown (2020: 91 %)', async () => {
    const res = await safeUse({ jurisdiction: '410106', year: YEAR - 1 });
    expect(res.body).toMatchObject({ numerator: 0, denominator: 0, rate: null, rateText: '无', meetsTarget: null, target: { year: 2020, minRate: 0.91 } });
  });

  it('the bureaus of the jurisdiction and above it and administrators read it; another district, a holder or a consultant do not (403)', async () => {
    for (const as of ['eeb', 'land', 'eeb-prov', 'admin']) expect((await safeUse({ jurisdiction: '410106' }, as)).status).toBe(200);
    const other = await safeUse({ jurisdiction: '410106' }, 'eeb-xy');
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('只能查看本辖区的污染地块安全利用率');
    for (const as of ['holder', 'consultant']) expect((await safeUse({ jurisdiction: '410106' }, as)).status).toBe(403);
    expect((await t.http.get('/indicators/safe-use').query({ year: YEAR, jurisdiction: '410106' })).status).toBe(401);
    const bad = await safeUse({ jurisdiction: '41A', year: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/年份必须是整数/);
  });

  it('recording a development: a use outside GB 50137 or a date in the future is refused in Chinese, a second record 409, another district 404', async () => {
    const h = ids.get('H')!;
    const post = async (body: Record<string, unknown>, as = 'land') => t.http.post(`/indicators/developments/${h}`).set(await t.as(as)).send(body);
    const unknownUse = await post({ use: '月球基地', beganOn: TODAY });
    expect(unknownUse.status).toBe(400);
    expect(unknownUse.body.message).toMatch(/不是 GB 50137 城市建设用地的用途名称/);
    const future = await post({ use: '住宅', beganOn: `${YEAR + 1}-01-01` });
    expect(future.status).toBe(422);
    expect(future.body.message).toBe('开发利用开始日期不能晚于今天');
    expect((await post({ use: '住宅', beganOn: TODAY }, 'eeb-xy')).status).toBe(404);
    expect((await post({ use: '住宅', beganOn: TODAY }, 'holder')).status).toBe(403);
    const again = await t.http.post(`/indicators/developments/${ids.get('A')}`).set(await t.as('land')).send({ use: '住宅', beganOn: TODAY });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该地块已登记开发利用，不重复登记');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM plot_developments WHERE plot_id = $1`, [h]);
    expect(n).toBe(0);
  });

  it(`D14 names the indicator of the year: 71.43 %, 5 of 7, the target and its source (${DEFINITION})`, async () => {
    const preview = await t.http.get('/reports/annual').query({ year: YEAR, jurisdiction: '410106' }).set(await t.as('land')).expect(200);
    expect(preview.body.details.safeUse).toMatchObject({ numerator: 5, denominator: 7, rateText: '71.43%', verdict: '未达到目标', notDeveloped: 1 });
    const issued = await t.http.post('/reports/annual').set(await t.as('eeb')).send({ year: YEAR, jurisdiction: '410106' });
    expect(issued.status).toBe(201);
    await t.app.get(FilingService).drain();
    const pdf = await t.http.get(`/documents/${issued.body.document.id}/pdf`).set(await t.as('eeb')).buffer(true)
      .parse((res, cb) => { const c: Buffer[] = []; res.on('data', (b: Buffer) => c.push(b)); res.on('end', () => cb(null, Buffer.concat(c))); });
    expect(pdf.status).toBe(200);
    if (!haveText) return;
    const text = squeeze(pdfPages(pdf.body as Buffer).join('\n'));
    for (const part of ['污染地块安全利用率', '71.43%', '5块/7块', '未开发利用1块', `不低于91%（${DEFINITION}）`, '未达到目标']) expect(text).toContain(squeeze(part));
  });
});
