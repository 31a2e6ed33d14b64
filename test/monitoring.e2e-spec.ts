import ExcelJS from 'exceljs';
import { seedDemoKeyUnits } from '../src/demo/demo-key-units';
import { seedDemoMonitoring } from '../src/demo/demo-monitoring';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { pdfPages, popplerOrSkip, sha256, squeeze } from '../templates/pdf-tools';
import { registerPlot } from './factories/plots';

const CD = '7440-43-9';
const haveText = popplerOrSkip();
const binary = (res: NodeJS.ReadableStream, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const RESULTS_HEADER = '点位编码,采样日期,介质,检测项目,检测值,单位,检出限,pH';

describeEachDatabase('土壤环境监测网络与预警 (issue 20; 上政文〔2017〕147号 三（一）2、4)', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-07-01');
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
  });
  afterAll(() => t?.close());

  const as = (u: string) => t.as(u);
  let seeded: Promise<void> | undefined;
  const seedDemo = () => (seeded ??= (async () => seedDemoMonitoring(t.app, t.demo.users, await seedDemoKeyUnits(t.app, t.demo.users, t.demo.organisations)))());
  const point = async (extra: Record<string, unknown> = {}) => {
    n++;
    const res = await t.http.post('/monitoring/points').set(await as('eeb')).send({
      code: `NT-${n}`, name: `上街区耕地基础点位 ${n}`, kind: 'basic', media: ['soil'], lon: 113.28 + n * 0.001, lat: 34.80,
      land: 'farmland', crop: 'other', nextDueOn: '2026-06-01', ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const campaign = async (rows: string[], year = 2026, user = 'eeb') =>
    t.http.post('/monitoring/campaigns').set(await as(user))
      .field('name', `${year} 年上街区土壤环境监测`).field('year', String(year))
      .attach('file', await makePdf('Monitoring report'), { filename: 'r.pdf', contentType: 'application/pdf' })
      .attach('samples', Buffer.from([RESULTS_HEADER, ...rows].join('\n')), { filename: 'results.csv', contentType: 'text/csv' });
  const send = async (id: string, body: Record<string, unknown>) => t.http.post(`/monitoring/warnings/${id}/events`).set(await as('eeb')).send(body);
  const pdfOf = async (id: string, user = 'eeb') => t.http.get(`/documents/${id}/pdf`).set(await as(user)).buffer(true).parse(binary as never);

  it('issue 20 (the campaign’s report is a filing document): accepting a campaign issues D19 土壤环境监测批次结果报告, numbered by the district bureau and stored; its PDF read back names the points, the analytes in Chinese with their screening values and the exceedance, and downloads the same bytes twice', async () => {
    const farm = await point();
    const other = await point({ code: 'NT-D19-GW', land: 'construction', crop: undefined, landClass: 2, kind: 'risk' });
    const up = await campaign([
      `${farm.code},2026-05-20,土壤,镉,0.5,mg/kg,0.01,6.0`, `${farm.code},2026-05-20,土壤,铅,20,mg/kg,1,6.0`,
      `${other.code},2026-05-21,土壤,砷,ND,mg/kg,0.01,`,
    ]);
    expect(up.status).toBe(201);
    expect(up.body.document.number).toMatch(/^上环土监〔2026〕\d{4}号$/);
    const listed = (await t.http.get('/monitoring/campaigns').set(await as('eeb')).expect(200)).body;
    expect(listed.items[0]).toMatchObject({ id: up.body.id, results: 3, document: { id: up.body.document.id, number: up.body.document.number } });
    const doc = (await t.ds.query(`SELECT kind, jurisdiction_code AS j, pdf_sha256 AS sha, digest, record FROM documents WHERE id = $1`, [up.body.document.id]))[0];
    expect(doc).toMatchObject({ kind: 'D19', j: '410106' });
    // Verifiable like every filing: the digest printed on it (and in its QR code) is confirmed without login.
    expect((await t.http.get(`/public/verify/${doc.digest}`).expect(200)).body).toMatchObject({ valid: true, number: up.body.document.number, kind: 'D19' });
    const first = await pdfOf(up.body.document.id);
    expect(first.status).toBe(200);
    const again = await pdfOf(up.body.document.id);
    expect(sha256(first.body as Buffer)).toBe(doc.sha);
    expect(sha256(again.body as Buffer)).toBe(doc.sha);
    // A bureau of another district does not read it; the city bureau above does.
    expect((await pdfOf(up.body.document.id, 'eeb-xy')).status).toBe(404);
    expect((await pdfOf(up.body.document.id, 'eeb-city')).status).toBe(200);
    if (!haveText) return;
    const text = squeeze(pdfPages(first.body as Buffer).join('\n'));
    for (const part of ['土壤环境监测批次结果报告', up.body.document.number, farm.code, other.code, '镉', '铅', '砷', '未检出', 'GB15618-2018', 'GB36600-2018',
      '超过风险筛选值的结果', '1.667超标', '超过风险筛选值1.667', '上政文〔2017〕147号三（一）2、4']) {
      expect(text).toContain(squeeze(part));
    }
    // The exceedance row: cadmium 0.5 mg/kg against the screening value 0.3 (GB 15618-2018 表1, pH 5.5–6.5, other crops).
    expect(text).toContain(squeeze(`${farm.code}2026-05-20镉0.5mg/kg0.31.667`));
  });

  it('GB 15618-2018 表1: cadmium 0.5 mg/kg at pH 6.0 on other farmland (screening 0.3) raises a warning for the district bureau with the point, analyte and factor; handled 核实 → 处置 → 关闭 with its audit chain verified', async () => {
    const p = await point();
    const up = await campaign([`${p.code},2026-05-20,土壤,镉,0.5,mg/kg,0.01,6.0`, `${p.code},2026-05-20,土壤,铅,20,mg/kg,1,6.0`]);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ results: 2, points: 1, warnings: 1 });

    const list = (await t.http.get(`/monitoring/warnings?pointId=${p.id}`).set(await as('eeb')).expect(200)).body;
    expect(list.total).toBe(1);
    const w = list.items[0];
    expect(w).toMatchObject({ pointCode: p.code, cas: CD, analyte: '镉', rule: 'aboveScreening', ruleLabel: '超过风险筛选值', factor: 1.667, state: 'raised', stateLabel: '已预警 · 待核实' });

    const detail = (await t.http.get(`/monitoring/points/${p.id}`).set(await as('eeb')).expect(200)).body;
    const cd = detail.history.find((h: { cas: string }) => h.cas === CD);
    expect(cd.results[0]).toMatchObject({ value: 0.5, ph: 6, screeningValue: 0.3, interventionValue: 2, factor: 1.667 });
    // The campaign advanced the basic point's next due date by five years (三（一）2: 每 5 年开展 1 次).
    expect(detail).toMatchObject({ nextDueOn: '2031-05-20', overdue: false, frequencyYears: 5 });

    expect((await send(w.id, { type: 'CLOSE', reason: '已处置' })).status).toBe(409);
    expect((await send(w.id, { type: 'VERIFY_START', note: '复核采样记录和实验室原始数据' })).status).toBe(200);
    const confirmed = await send(w.id, { type: 'CONFIRM', note: '复测镉 0.48 mg/kg，仍超筛选值' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.handling.handleDueOn).toBe('2026-09-29');
    // Offered now: measures only — CLOSE waits for one, and a single exceedance beside nothing proposes nothing.
    expect(confirmed.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['RECORD_MEASURES']);
    const early = await send(w.id, { type: 'CLOSE', reason: '已处置' });
    expect(early.status).toBe(422);
    expect(early.body.message).toMatch(/先登记处置措施/);
    expect((await send(w.id, { type: 'RECORD_MEASURES', note: '通知农户施用石灰调节 pH，加强农产品协同监测' })).status).toBe(200);
    const closed = await send(w.id, { type: 'CLOSE', reason: '安全利用措施已落实' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', stateLabel: '已关闭' });

    const history = (await t.http.get(`/monitoring/warnings/${w.id}/history`).set(await as('eeb')).expect(200)).body.items;
    expect(history.map((r: { type: string }) => r.type)).toEqual(['RAISE', 'VERIFY_START', 'CONFIRM', 'RECORD_MEASURES', 'CLOSE']);
    const verify = (await t.http.get('/audit/verify').set(await as('admin')).expect(200)).body;
    expect(verify).toMatchObject({ valid: true, scope: 'all' });
    expect((await t.http.get('/monitoring/warnings').set(await as('eeb')).expect(200)).body.items.map((x: { id: string }) => x.id)).not.toContain(w.id);
  });

  it('reference/monitoring.json risingTrend: three campaigns of rising cadmium below the screening value raise a warning on the third; a flat series does not', async () => {
    const rising = await point();
    const flat = await point();
    for (const [year, v] of [[2024, 0.1], [2025, 0.15], [2026, 0.2]] as const) {
      const res = await campaign([`${rising.code},${year}-05-01,土壤,镉,${v},mg/kg,0.01,6.0`, `${flat.code},${year}-05-01,土壤,Cd,0.1,mg/kg,0.01,6.0`], year);
      expect(res.status).toBe(201);
      expect(res.body.warnings).toBe(year === 2026 ? 1 : 0);
    }
    const risingWarnings = (await t.http.get(`/monitoring/warnings?pointId=${rising.id}`).set(await as('eeb')).expect(200)).body.items;
    expect(risingWarnings).toEqual([expect.objectContaining({ rule: 'risingTrend', ruleLabel: '连续三次监测呈上升趋势', factor: 0.667 })]);
    expect((await t.http.get(`/monitoring/warnings?pointId=${flat.id}`).set(await as('eeb')).expect(200)).body.total).toBe(0);
  });

  it('GET /monitoring/points/:id/series: one analyte oldest first with the screening and intervention lines (GB 15618-2018 表1、表3)', async () => {
    const p = await point({ crop: 'paddy' });
    for (const [year, v, ph] of [[2024, 0.2, 5.0], [2025, 0.3, 6.0]] as const) {
      expect((await campaign([`${p.code},${year}-04-10,土壤,镉,${v},mg/kg,0.01,${ph}`], year)).status).toBe(201);
    }
    const s = (await t.http.get(`/monitoring/points/${p.id}/series?cas=${CD}`).set(await as('eeb')).expect(200)).body;
    expect(s).toMatchObject({ cas: CD, analyte: '镉', unit: 'mg/kg' });
    // 水田: pH ≤5.5 → 0.3 / 1.5; 5.5<pH≤6.5 → 0.4 / 2.0.
    expect(s.points.map((x: Record<string, unknown>) => [x.sampledOn, x.value, x.screeningValue, x.interventionValue])).toEqual([
      ['2024-04-10', 0.2, 0.3, 1.5], ['2025-04-10', 0.3, 0.4, 2],
    ]);
  });

  it('a results file with bad rows names every one (line and column) and writes nothing — no campaign, no result, no due date moved', async () => {
    const p = await point();
    const res = await campaign([
      `${p.code},2026-05-20,土壤,镉,abc,mg/kg,0.01,6.0`,
      `NO-SUCH,2026-05-20,土壤,镉,0.2,mg/kg,0.01,6.0`,
      `${p.code},2026-13-01,土壤,镉,0.2,mg/kg,0.01,6.0`,
      `${p.code},2026-05-20,土壤,镉,0.2,furlong,0.01,6.0`,
    ]);
    expect(res.status).toBe(400);
    const messages = res.body.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^第 2 行（检测值）/), expect.stringMatching(/^第 4 行（采样日期）/), expect.stringMatching(/^第 5 行（单位）/),
    ]));
    const second = await campaign([`NO-SUCH,2026-05-20,土壤,镉,0.2,mg/kg,0.01,6.0`, `${p.code},2026-05-20,土壤,镉,0.2,mg/kg,0.01,`]);
    expect(second.status).toBe(400);
    expect(second.body.errors.map((e: { message: string }) => e.message)).toEqual([
      '第 2 行（点位编码）：本辖区没有编码为 NO-SUCH 的监测点位',
      '第 3 行（pH）：农用地土壤结果须填写 pH，以按 GB 15618-2018 表1 的 pH 分档筛选',
    ]);
    const detail = (await t.http.get(`/monitoring/points/${p.id}`).set(await as('eeb')).expect(200)).body;
    expect(detail).toMatchObject({ history: [], nextDueOn: '2026-06-01', overdue: true });
  });

  it('POST /monitoring/points/import: a CSV of points is written whole, or with bad rows every one is named and nothing written', async () => {
    const csv = (rows: string[]) => Buffer.from(['点位编码,点位名称,点位类型,监测介质,经度,纬度,用地,作物,用地类别', ...rows].join('\n'));
    const upload = async (rows: string[]) => t.http.post('/monitoring/points/import').set(await as('eeb'))
      .attach('file', csv(rows), { filename: 'points.csv', contentType: 'text/csv' });
    const bad = await upload(['IMP-1,果园点位,风险点位,土壤,113.3,34.8,农用地,果园,', 'IMP-2,缺用地类别,风险点位,土壤;地下水,113.3,34.8,建设用地,,', 'IMP-1,重复,风险点位,土壤,200,34.8,农用地,其他,']);
    expect(bad.status).toBe(400);
    const messages = bad.body.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^第 3 行（用地类别）：建设用地点位须注明/), expect.stringMatching(/^第 4 行（经度）/),
    ]));
    // Every message names the column as the file's header reads, never a field's code.
    for (const m of messages) expect(m.replace(/IMP-\d+/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect((await t.http.get('/monitoring/points?pageSize=500').set(await as('eeb')).expect(200)).body.items.map((p: { code: string }) => p.code)).not.toContain('IMP-1');
    const ok = await upload(['IMP-1,果园点位,风险点位,土壤,113.3,34.8,农用地,果园,', 'IMP-2,企业周边,重点监管企业周边,土壤;地下水,113.31,34.8,建设用地,,第二类用地']);
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ created: 2 });
    const listed = (await t.http.get('/monitoring/points?pageSize=500&kind=risk').set(await as('eeb')).expect(200)).body.items;
    expect(listed.find((p: { code: string }) => p.code === 'IMP-1')).toMatchObject({ kindLabel: expect.stringMatching(/^风险点位/), cropLabel: '果园', frequencyYears: 1, frequencyLabel: '每年 1 次' });
  });

  it('三（一）2 区环保局牵头: a city bureau, a holder or another district’s bureau is refused 403 before the body is read (a body that is not even valid); a due date that is no day is a 400 naming its field', async () => {
    const bad = await t.http.post('/monitoring/points').set(await as('eeb')).send({ code: 'BAD-1', name: '日期有误', kind: 'basic', media: ['soil'], lon: 113.3, lat: 34.8, land: 'farmland', crop: 'other', nextDueOn: '2026-02-31' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'nextDueOn', message: '“2026-02-31”不是实际日期' }]);
    for (const user of ['eeb-city', 'holder']) {
      const res = await t.http.post('/monitoring/points').set(await as(user)).send({ nonsense: true });
      expect(res.status).toBe(403);
    }
    const city = await t.http.post('/monitoring/campaigns').set(await as('eeb-city')).field('name', 'x')
      .attach('samples', Buffer.from('garbage'), { filename: 'x.csv', contentType: 'text/csv' });
    expect(city.status).toBe(403);
    expect(city.body.message).toMatch(/区（县）生态环境部门/);
    const p = await point();
    expect((await t.http.get(`/monitoring/points/${p.id}`).set(await as('eeb-xy'))).status).toBe(404);
  });

  it('GET /monitoring/points?overdue=true and bbox: a point past its due date is listed overdue; the map’s viewport filters by longitude and latitude', async () => {
    const p = await point({ nextDueOn: '2026-01-01', lon: 113.45, lat: 34.95 });
    const overdue = (await t.http.get('/monitoring/points?overdue=true&pageSize=500').set(await as('eeb')).expect(200)).body.items;
    expect(overdue.find((x: { id: string }) => x.id === p.id)).toMatchObject({ overdue: true, nextDueOn: '2026-01-01' });
    const inBox = (await t.http.get('/monitoring/points?bbox=113.44,34.94,113.46,34.96').set(await as('eeb')).expect(200)).body;
    expect(inBox.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
  });

  it('三（一）2 (基础点位每 5 年、风险点位每年 1 次): an overdue point is on the to-do of the district bureau and of its responsible organisation, and leaves it when its campaign is filed', async () => {
    const p = await point({ nextDueOn: '2026-03-01', responsibleOrganisationId: t.demo.organisations.consultant });
    const todo = async (user: string) => (await t.http.get('/me/tasks').set(await as(user)).expect(200)).body.items.filter((i: { id: string }) => i.id === p.id);
    for (const user of ['eeb', 'consultant']) {
      expect(await todo(user)).toEqual([expect.objectContaining({ kind: 'monitoring_point', overdue: true, dueDate: '2026-03-01', stateLabel: '监测逾期', title: expect.stringMatching(/每 5 年监测 1 次，应于 2026-03-01 前完成，已逾期/) })]);
    }
    expect(await todo('eeb-xy')).toEqual([]);
    expect((await campaign([`${p.code},2026-06-20,土壤,镉,0.1,mg/kg,0.01,6.0`])).status).toBe(201);
    expect(await todo('eeb')).toEqual([]);
  });

  it('the demo network (issue 20 done-when): six points, three campaigns; SJ-JC-01’s cadmium 0.5 mg/kg at pH 6.0 raises a warning (GB 15618-2018 表1), the nursery point is overdue on the bureau’s to-do', async () => {
    await seedDemo();
    const pts = (await t.http.get('/monitoring/points?pageSize=500').set(await as('eeb')).expect(200)).body.items.filter((p: { code: string }) => p.code.startsWith('SJ-'));
    expect(pts.map((p: { code: string }) => p.code).sort()).toEqual(['SJ-FX-01', 'SJ-FX-02', 'SJ-JC-01', 'SJ-JC-02', 'SJ-QY-01', 'SJ-SY-01']);
    const jc = pts.find((p: { code: string }) => p.code === 'SJ-JC-01');
    const warnings = (await t.http.get(`/monitoring/warnings?pointId=${jc.id}`).set(await as('eeb')).expect(200)).body.items;
    expect(warnings).toEqual([expect.objectContaining({ cas: CD, factor: 1.667, rule: 'aboveScreening' })]);
    const series = (await t.http.get(`/monitoring/points/${jc.id}/series?cas=${CD}`).set(await as('eeb')).expect(200)).body.points;
    expect(series.map((x: { value: number }) => x.value)).toEqual([0.22, 0.28, 0.5]);
    const nursery = pts.find((p: { code: string }) => p.code === 'SJ-FX-02');
    expect(nursery.overdue).toBe(true);
    const todo = (await t.http.get('/me/tasks').set(await as('eeb')).expect(200)).body.items;
    expect(todo.filter((i: { kind: string }) => i.kind === 'monitoring_point').map((i: { code: string }) => i.code)).toContain('SJ-FX-02');
  });

  it('D14 年度工作进展报告 counts the year’s monitoring: points, campaigns and results, warnings raised, open and closed (三（一）2、4)', async () => {
    const figures = async () => (await t.http.get('/reports/annual').query({ year: 2026, jurisdiction: '410106' }).set(await as('eeb')).expect(200)).body.details.monitoring;
    const before = await figures();
    const p = await point();
    expect((await campaign([`${p.code},2026-05-20,土壤,镉,0.9,mg/kg,0.01,7.0`, `${p.code},2026-05-20,土壤,铅,20,mg/kg,1,7.0`])).status).toBe(201);
    const after = await figures();
    expect(after).toEqual({
      ...before, points: before.points + 1, campaigns: before.campaigns + 1, results: before.results + 2,
      warningsRaised: before.warningsRaised + 1, warningsOpen: before.warningsOpen + 1,
    });
  });

  it('D14 年度工作进展报告 issued for the demo year prints the monitoring section as the database counts it: points (overdue at the year’s end), campaigns and results, warnings raised, closed and open (三（一）2、4)', async () => {
    await seedDemo();
    // One demo warning handled to closed, so that the closed count is not zero.
    const [open] = (await t.http.get('/monitoring/warnings').set(await as('eeb')).expect(200)).body.items;
    for (const body of [{ type: 'VERIFY_START', note: '复核' }, { type: 'DISMISS', reason: '复测未超标，系采样误差' }]) expect((await send(open.id, body)).status).toBe(200);
    const issued = await t.http.post('/reports/annual').set(await as('eeb')).send({ year: 2026, jurisdiction: '410106' });
    expect(issued.status).toBe(201);
    const count = async (sql: string) => Number((await t.ds.query(sql))[0].n);
    const inDistrict = `jurisdiction_code LIKE '410106%'`;
    const db = {
      points: await count(`SELECT count(*) AS n FROM monitoring_points WHERE ${inDistrict}`),
      overdue: await count(`SELECT count(*) AS n FROM monitoring_points WHERE ${inDistrict} AND next_due_on < DATE '2026-12-31'`),
      campaigns: await count(`SELECT count(*) AS n FROM monitoring_campaigns WHERE ${inDistrict} AND year = 2026`),
      results: await count(`SELECT count(*) AS n FROM monitoring_results r JOIN monitoring_campaigns c ON c.id = r.campaign_id WHERE c.${inDistrict} AND c.year = 2026`),
      raised: await count(`SELECT count(*) AS n FROM monitoring_warnings WHERE ${inDistrict} AND created_at >= DATE '2026-01-01' AND created_at < DATE '2027-01-01'`),
      closed: await count(`SELECT count(*) AS n FROM monitoring_warnings WHERE ${inDistrict} AND state = 'closed' AND updated_at >= DATE '2026-01-01' AND updated_at < DATE '2027-01-01'`),
      open: await count(`SELECT count(*) AS n FROM monitoring_warnings WHERE ${inDistrict} AND state <> 'closed'`),
    };
    expect(db.closed).toBeGreaterThan(0);
    expect(db.open).toBeGreaterThan(0);
    expect(db.campaigns).toBeGreaterThan(0);
    if (!haveText) return;
    const text = squeeze(pdfPages((await pdfOf(issued.body.document.id)).body as Buffer).join('\n'));
    expect(text).toContain('土壤环境监测与预警');
    const m = /监测点位(\d+)个（截至年末逾期未监测(\d+)个）本年度监测(\d+)批次，(\d+)项结果本年度预警发出(\d+)条，已关闭(\d+)条，未关闭(\d+)条/.exec(text);
    expect(m).not.toBeNull();
    const [points, overdue, campaigns, results, raised, closed, openCount] = m!.slice(1).map(Number);
    expect({ points, overdue, campaigns, results, raised, closed, open: openCount }).toEqual(db);
  });

  it('三（一）4 / 三（四）2: two campaigns in a row above the screening value beside a plot — a lasting exceedance — let the bureau propose an investigation, recorded with the plot; while it is open a further exceedance raises no second warning', async () => {
    const plot = await registerPlot(t);
    const p = await point({ plotId: plot.id, kind: 'risk', crop: 'other' });
    expect((await campaign([`${p.code},2025-05-01,土壤,镉,0.4,mg/kg,0.01,6.0`], 2025)).body.warnings).toBe(1);
    const [first] = (await t.http.get(`/monitoring/warnings?pointId=${p.id}`).set(await as('eeb')).expect(200)).body.items;
    await send(first.id, { type: 'VERIFY_START', note: '复核' });
    await send(first.id, { type: 'CONFIRM', note: '确认' });
    expect((await send(first.id, { type: 'PROPOSE_INVESTIGATION', note: '建议调查' })).status).toBe(422);
    await send(first.id, { type: 'RECORD_MEASURES', note: '加强监测' });
    expect((await send(first.id, { type: 'CLOSE', reason: '持续观察' })).status).toBe(200);

    expect((await campaign([`${p.code},2026-05-01,土壤,镉,0.45,mg/kg,0.01,6.0`])).body.warnings).toBe(1);
    const open = (await t.http.get(`/monitoring/warnings?pointId=${p.id}`).set(await as('eeb')).expect(200)).body.items;
    expect(open).toHaveLength(1);
    const w = open[0];
    expect((await t.http.get(`/monitoring/warnings/${w.id}`).set(await as('eeb')).expect(200)).body.handling).toMatchObject({ consecutiveExceedances: 2, watches: { plotId: plot.id, unitId: null } });
    await send(w.id, { type: 'VERIFY_START', note: '复核' });
    const confirmed = await send(w.id, { type: 'CONFIRM', note: '连续两年超筛选值' });
    expect(confirmed.body.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual(['PROPOSE_INVESTIGATION', 'RECORD_MEASURES']);
    const proposed = await send(w.id, { type: 'PROPOSE_INVESTIGATION', note: '建议开展土壤污染状况调查' });
    expect(proposed.status).toBe(200);
    expect(proposed.body.handling.proposals).toEqual([expect.objectContaining({ kind: 'investigation', plotId: plot.id, note: '建议开展土壤污染状况调查' })]);
    expect((await campaign([`${p.code},2026-06-01,土壤,镉,0.5,mg/kg,0.01,6.0`])).body.warnings).toBe(0);
  });

  it('a results workbook (.xlsx, told by its content) is read as the CSV is, its date cells as dates', async () => {
    const p = await point();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('结果');
    sheet.addRow(RESULTS_HEADER.split(','));
    sheet.addRow([p.code, new Date(Date.UTC(2026, 4, 20)), '土壤', '镉', 0.5, 'mg/kg', 0.01, 6.0]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await t.http.post('/monitoring/campaigns').set(await as('eeb')).field('name', '2026 年 Excel 上传').field('year', '2026')
      .attach('file', await makePdf('Monitoring report'), { filename: 'r.pdf', contentType: 'application/pdf' })
      .attach('samples', xlsx, { filename: 'results.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(res.body.errors ?? []).toEqual([]);
    expect(res.body).toMatchObject({ results: 1, warnings: 1 });
    const s = (await t.http.get(`/monitoring/points/${p.id}/series?cas=${CD}`).set(await as('eeb')).expect(200)).body;
    expect(s.points).toEqual([expect.objectContaining({ sampledOn: '2026-05-20', value: 0.5, screeningValue: 0.3, factor: 1.667 })]);
  });
});
