import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../src/common/credit-code';
import { seedDemoKeyUnits } from '../src/demo/demo-key-units';
import { DeadlineSweep } from '../src/deadlines/deadline-sweep';
import { FilingService } from '../src/documents/filing.service';
import { pdfPages, popplerOrSkip, squeeze } from '../templates/pdf-tools';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf, samplesCsv } from './factories/files';

/** A 统一社会信用代码 valid under GB 32100-2015 (企业 91, 上街区 410106) for an 8-character 本体代码. */
function creditCode(body8: string): string {
  const first17 = `91410106${body8}${organisationCodeCheckCharacter(body8)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/** A wrong 校验码: the valid code's last character replaced by another one of the set. */
function withWrongCheck(code: string): string {
  return code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
}

const haveText = popplerOrSkip();
const binary = (res: NodeJS.ReadableStream, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const square = (w: number, s: number, d = 0.002) => ({ type: 'Polygon', coordinates: [[[w, s], [w + d, s], [w + d, s + d], [w, s + d], [w, s]]] });

describeEachDatabase('土壤污染重点监管单位 (issue 18) on the engine: list, duties, demolition, closure into a plot', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-07-01');
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
  });
  afterAll(() => t?.close());

  const as = (u: string) => t.as(u);
  const body = (extra: Record<string, unknown> = {}) => {
    n++;
    return {
      creditCode: creditCode(`KU${String(n).padStart(6, '0')}`),
      name: `上街区某碳素有限公司${n}厂`,
      industry: 'carbon',
      organisationId: t.demo.organisations.holder2,
      address: `郑州市上街区某路 ${n} 号`,
      siteBoundary: square(113.5 + n * 0.01, 34.9),
      listedOn: '2025-03-01',
      reason: '碳素生产企业，纳入重点监管单位名录',
      ...extra,
    };
  };
  const listUnit = async (extra: Record<string, unknown> = {}) => {
    const res = await t.http.post('/key-units').set(await as('eeb')).send(body(extra));
    expect(res.status).toBe(201);
    return res.body;
  };
  const send = async (user: string, id: string, event: Record<string, unknown>) =>
    t.http.post(`/key-units/${id}/events`).set(await as(user)).send(event);
  const upload = async (user: string, id: string, kind: string, samples?: string) => {
    const req = t.http.post(`/key-units/${id}/reports`).set(await as(user)).field('kind', kind)
      .attach('file', await makePdf(kind), { filename: 'r.pdf', contentType: 'application/pdf' });
    if (samples) req.attach('samples', Buffer.from(samples), { filename: 's.csv', contentType: 'text/csv' });
    return req;
  };
  const selfMonitoringSamples = (lead: number) =>
    samplesCsv([
      { sample: 'S1', analyte: '铅', value: lead },
      { sample: 'W1', analyte: '铅', value: 0.001, medium: 'groundwater' },
    ]);

  it('GB 32100-2015 §4 (校验码): a unit whose credit code has a wrong check character is not listed (400, in Chinese); a valid one is, its first audit row LIST', async () => {
    const good = body();
    const bad = await t.http.post('/key-units').set(await as('eeb')).send({ ...good, creditCode: withWrongCheck(good.creditCode) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('校验码');
    const ok = await t.http.post('/key-units').set(await as('eeb')).send(good);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ state: 'listed', stateLabel: '在名录中', industryName: '碳素生产', jurisdiction: '410106', organisationName: '上街区某碳素有限公司' });
    const history = (await t.http.get(`/key-units/${ok.body.id}/history`).set(await as('eeb')).expect(200)).body;
    expect(history.items.map((r: { type: string }) => r.type)).toEqual(['LIST']);
    const again = await t.http.post('/key-units').set(await as('eeb')).send({ ...good, name: '另一家' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该统一社会信用代码的单位已列入重点监管单位名录');
  });

  it('土壤法第二十一条第一款: only the district environment bureau lists a unit — other roles, other levels 403 before the body is judged (an empty body gets 403, not 400)', async () => {
    for (const user of ['holder2', 'miit', 'land', 'consultant']) {
      const res = await t.http.post('/key-units').set(await as(user)).send({});
      expect(res.status).toBe(403);
    }
    const city = await t.http.post('/key-units').set(await as('eeb-city')).send({});
    expect(city.status).toBe(403);
    expect(city.body.message).toMatch(/区（县）的生态环境部门/);
  });

  it('who sees a unit: its own enterprise, the bureaus of its district and above, the district 工信 bureau; another enterprise and another district do not (404); events of the wrong organisation are 403', async () => {
    const unit = await listUnit();
    for (const user of ['holder2', 'eeb', 'eeb-city', 'miit', 'land', 'admin']) {
      expect((await t.http.get(`/key-units/${unit.id}`).set(await as(user))).status).toBe(200);
    }
    for (const user of ['holder', 'eeb-xy', 'consultant']) {
      expect((await t.http.get(`/key-units/${unit.id}`).set(await as(user))).status).toBe(404);
    }
    const list = (await t.http.get('/key-units?pageSize=200').set(await as('holder'))).body;
    expect(list.items.find((u: { id: string }) => u.id === unit.id)).toBeUndefined();
    // The unit's duties are its own (土壤法第二十一条第二款): the bureau cannot file them, nor another district's bureau record its monitoring.
    const byBureau = await send('eeb', unit.id, { type: 'FILE_DUTY_REPORT', duty: 'toxicDischarge', year: 2025, reportId: unit.id });
    expect(byBureau.status).toBe(403);
    const upload403 = await upload('holder', unit.id, 'key_unit_toxic_discharge');
    expect(upload403.status).toBe(404);
    const wrongKind = await upload('eeb', unit.id, 'key_unit_toxic_discharge');
    expect(wrongKind.status).toBe(403);
  });

  it('土壤法第二十一条第二款第三项、第四款: a self-monitoring report of soil and groundwater, screened as 第二类用地 (GB 36600-2018), files the year’s duty and closes its deadline; one without groundwater is refused (422)', async () => {
    const unit = await listUnit();
    const soilOnly = await upload('holder2', unit.id, 'key_unit_self_monitoring', samplesCsv([{ sample: 'S1', analyte: '铅', value: 100 }]));
    expect(soilOnly.status).toBe(201);
    const refused = await send('holder2', unit.id, { type: 'FILE_DUTY_REPORT', duty: 'selfMonitoring', year: 2025, reportId: soilOnly.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.reason).toContain('土壤和地下水');
    // 铅 500 mg/kg is above the 第一类用地 screening value (400) and below the 第二类用地 one (800): below only as second class.
    const report = await upload('holder2', unit.id, 'key_unit_self_monitoring', selfMonitoringSamples(500));
    expect(report.status).toBe(201);
    expect(report.body.screening).toMatchObject({ landClass: 2, verdict: 'below_screening' });
    const filed = await send('holder2', unit.id, { type: 'FILE_DUTY_REPORT', duty: 'selfMonitoring', year: 2025, reportId: report.body.id });
    expect(filed.status).toBe(200);
    expect(filed.body.dutiesByYear['2025'].selfMonitoring).toMatchObject({ filed: true, reportId: report.body.id, screeningVerdict: 'below_screening' });
    const deadline = filed.body.deadlines.find((d: { kind: string; dueDate: string }) => d.kind === 'key_unit_self_monitoring' && d.dueDate === '2025-12-31');
    expect(deadline).toMatchObject({ status: 'done', overdue: false });
    const twice = await send('holder2', unit.id, { type: 'FILE_DUTY_REPORT', duty: 'selfMonitoring', year: 2025, reportId: report.body.id });
    expect(twice.status).toBe(422);
  });

  it('上政文〔2017〕147号 三（二）1 and reference/key-unit-duties.json: an overdue duty (the 2025 有毒有害物质排放情况 report, due 2026-03-31) is on the to-do list of the district bureau and of the unit, named in Chinese; not on another district’s', async () => {
    const unit = await listUnit();
    const title = (items: Array<{ title?: string; id: string }>) => items.filter((i) => i.id === unit.id).map((i) => i.title);
    const bureau = (await t.http.get('/me/tasks').set(await as('eeb')).expect(200)).body.items;
    expect(title(bureau)).toContain(`${unit.name}：报送有毒有害物质排放情况年度报告（2026-03-31 到期）已逾期`);
    const own = (await t.http.get('/me/tasks').set(await as('holder2')).expect(200)).body.items;
    expect(title(own)).toContain(`${unit.name}：报送有毒有害物质排放情况年度报告（2026-03-31 到期）已逾期`);
    const other = (await t.http.get('/me/tasks').set(await as('eeb-xy')).expect(200)).body.items;
    expect(title(other)).toEqual([]);
  });

  it('土壤法第二十二条第二款 (reference: 15 working days by default): a demolition plan filed 7 working days before its start is refused (422 naming both figures); 23 working days ahead it is filed', async () => {
    const unit = await listUnit();
    const plan = await upload('holder2', unit.id, 'key_unit_demolition_plan');
    expect(plan.status).toBe(201);
    const early = await send('holder2', unit.id, { type: 'FILE_DEMOLITION_PLAN', plannedStart: '2026-07-10', reportId: plan.body.id });
    expect(early.status).toBe(422);
    expect(early.body.reason).toContain('至少 15 个工作日');
    expect(early.body.reason).toContain('仅 7 个工作日');
    const ok = await send('holder2', unit.id, { type: 'FILE_DEMOLITION_PLAN', plannedStart: '2026-08-03', reportId: plan.body.id });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'demolitionFiled', demolitions: [{ plannedStart: '2026-08-03', status: 'filed', leadTime: { requiredWorkingDays: 15 } }] });
  });

  it('土壤法第二十二条第二款 (issue 18: demolition without a filed plan shows as a violation on the bureau\'s to-do): a demolition the bureau saw without a plan stays on its to-do, not the unit\'s, until the unit files a plan', async () => {
    const unit = await listUnit();
    const seen = await send('eeb', unit.id, { type: 'RECORD_UNFILED_DEMOLITION', observedOn: '2026-06-29', note: '现场发现厂房已拆除一半，未见备案方案' });
    expect(seen.status).toBe(200);
    const violations = async (user: string) =>
      ((await t.http.get('/me/tasks').set(await as(user)).expect(200)).body.items as Array<{ id: string; title: string; violation?: unknown }>)
        .filter((i) => i.id === unit.id && i.violation);
    const before = await violations('eeb');
    expect(before.map((i) => i.title)).toEqual([`${unit.name}：2026-06-29 发现未备案土壤污染防治工作方案即拆除，须责令改正并补报方案（土壤法第二十二条第二款）`]);
    expect(await violations('holder2')).toEqual([]);
    expect(await violations('eeb-xy')).toEqual([]);
    const plan = await upload('holder2', unit.id, 'key_unit_demolition_plan');
    expect((await send('holder2', unit.id, { type: 'FILE_DEMOLITION_PLAN', plannedStart: '2026-08-03', reportId: plan.body.id })).status).toBe(200);
    expect(await violations('eeb')).toEqual([]);
  });

  it('三（四）1 and 土壤法第六十七条: CLOSE of a key-industry enterprise registers its site as a suspected plot through the engine, in one transaction, with one audit chain each and the unit named in the plot’s REGISTER row', async () => {
    const unit = await listUnit();
    const closed = await send('eeb', unit.id, { type: 'CLOSE', reason: 'relocation', on: '2026-06-30' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', closure: { reason: 'relocation', reasonLabel: '搬迁' } });
    const plotId = closed.body.sitePlotId;
    expect(plotId).toEqual(expect.any(String));
    const plot = (await t.http.get(`/plots/${plotId}`).set(await as('holder2')).expect(200)).body;
    expect(plot).toMatchObject({ code: `KU-${unit.creditCode}`, holderOrganisationId: t.demo.organisations.holder2, jurisdiction: '410106', formerIndustry: '碳素生产' });
    expect(plot.boundary).toEqual(unit.siteBoundary);
    expect(plot.sourceUnit).toEqual({ id: unit.id, name: unit.name, creditCode: unit.creditCode });
    const plotHistory = (await t.http.get(`/plots/${plotId}/history`).set(await as('eeb')).expect(200)).body.items;
    const unitHistory = (await t.http.get(`/key-units/${unit.id}/history`).set(await as('eeb')).expect(200)).body.items;
    expect(plotHistory[0]).toMatchObject({ type: 'REGISTER', payload: { registrationReason: 'suspected', sourceUnit: { unitId: unit.id, closureReason: 'relocation' } } });
    expect(unitHistory.map((r: { type: string }) => r.type)).toEqual(['LIST', 'CLOSE']);
    const land = await send('eeb', (await listUnit()).id, { type: 'CLOSE', reason: 'transfer', on: '2026-06-30' });
    const landPlot = (await t.http.get(`/plots/${land.body.sitePlotId}/history`).set(await as('eeb')).expect(200)).body.items;
    expect(landPlot[0].payload.registrationReason).toBe('keyUnitLand');
  });

  it('a failing plot start rolls the CLOSE back: a unit whose site has neither boundary nor area is refused (422) and stays listed, with no CLOSE row and no plot', async () => {
    const unit = await listUnit({ siteBoundary: undefined });
    const res = await send('eeb', unit.id, { type: 'CLOSE', reason: 'closure', on: '2026-06-30' });
    expect(res.status).toBe(422);
    expect(res.body.reason).toContain('场地');
    const after = (await t.http.get(`/key-units/${unit.id}`).set(await as('eeb')).expect(200)).body;
    expect(after).toMatchObject({ state: 'listed', version: 1, sitePlotId: null });
    const history = (await t.http.get(`/key-units/${unit.id}/history`).set(await as('eeb')).expect(200)).body.items;
    expect(history.map((r: { type: string }) => r.type)).toEqual(['LIST']);
  });

  it('the audit verifier checks the unit chains with the plot chains end to end (GET /audit/verify valid over key units and the plots their sites became)', async () => {
    const unit = await listUnit();
    await send('eeb', unit.id, { type: 'CLOSE', reason: 'bankruptcy', on: '2026-06-30' });
    const res = (await t.http.get('/audit/verify').set(await as('admin')).expect(200)).body;
    expect(res).toMatchObject({ valid: true, scope: 'all' });
    expect(res.chains).toBeGreaterThanOrEqual(3);
  });

  it('上政文〔2017〕147号 三（二）1: the list is published without login — names, codes, industries, states and monitoring filed, in Chinese, no internal codes', async () => {
    const unit = await listUnit();
    const res = await t.http.get('/public/key-units?pageSize=200');
    expect(res.status).toBe(200);
    const entry = res.body.items.find((u: { creditCode: string }) => u.creditCode === unit.creditCode);
    expect(entry).toMatchObject({ name: unit.name, industry: '碳素生产', state: '在名录中', jurisdiction: '郑州市上街区', listedOn: '2025-03-01' });
    expect(Object.keys(entry).sort()).toEqual(['address', 'creditCode', 'industry', 'jurisdiction', 'listedOn', 'name', 'resultsByYear', 'state']);
    expect(JSON.stringify(res.body)).not.toMatch(/:"(listed|closed|demolitionFiled|demolishing|removed|carbon)"|key_unit|below_screening/);
  });

  it('demo data (issue 18: its overdue self-monitoring shows on both to-do lists): the demo key unit filed last year’s screened self-monitoring; that of the year it was listed is overdue for the bureau and the unit; the public list shows the monitoring filed', async () => {
    const id = (await seedDemoKeyUnits(t.app, t.demo.users, t.demo.organisations))!;
    const unit = (await t.http.get(`/key-units/${id}`).set(await as('holder2')).expect(200)).body;
    expect(unit).toMatchObject({ name: '上街区某碳素有限公司', state: 'listed', listedOn: '2024-03-01' });
    expect(unit.dutiesByYear['2025'].selfMonitoring).toMatchObject({ filed: true, screeningVerdict: 'below_screening' });
    expect(unit.dutiesByYear['2025'].toxicDischarge.filed).toBe(false);
    const overdue = '上街区某碳素有限公司：报送土壤和地下水自行监测报告（2024-12-31 到期）已逾期';
    for (const user of ['eeb', 'holder2']) {
      const items = (await t.http.get('/me/tasks').set(await as(user)).expect(200)).body.items;
      expect(items.filter((i: { id: string }) => i.id === id).map((i: { title: string }) => i.title)).toContain(overdue);
    }
    const published = (await t.http.get('/public/key-units?pageSize=200').expect(200)).body.items.find((u: { name: string }) => u.name === '上街区某碳素有限公司');
    expect(published.resultsByYear.find((y: { year: number }) => y.year === 2025)).toEqual({ year: 2025, filed: ['土壤和地下水自行监测报告'], selfMonitoringResult: '未超过筛选值' });
  });

  it('土壤法第二十二条第二款: the filed plan issues D18 拆除活动土壤污染防治工作方案备案回执 through the documents pipeline, numbered by the district bureau and addressed to it and the 工信 bureau; its PDF read back names the unit, the start and the law; the unit and the 工信 bureau read it, another enterprise does not', async () => {
    const unit = await listUnit();
    const plan = await upload('holder2', unit.id, 'key_unit_demolition_plan');
    await send('holder2', unit.id, { type: 'FILE_DEMOLITION_PLAN', plannedStart: '2026-08-03', reportId: plan.body.id });
    await t.app.get(FilingService).drain();
    const docs = (await t.http.get(`/key-units/${unit.id}/documents`).set(await as('miit')).expect(200)).body;
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ kind: 'D18', title: '拆除活动土壤污染防治工作方案备案回执', issuer: '郑州市生态环境局上街分局', published: false });
    expect(docs[0].number).toMatch(/^上环土拆〔2026〕\d{4}号$/);
    for (const user of ['holder2', 'miit', 'eeb']) {
      const res = await t.http.get(`/documents/${docs[0].id}/pdf`).set(await as(user)).buffer(true).parse(binary as never);
      expect(res.status).toBe(200);
      if (!haveText) continue;
      const text = squeeze(pdfPages(res.body as Buffer).join('\n'));
      for (const part of ['拆除活动土壤污染防治工作方案备案回执', docs[0].number, unit.name, unit.creditCode, '郑州市上街区工业和信息化局', '2026年8月3日', '第二十二条第二款']) {
        expect(text).toContain(squeeze(part));
      }
    }
    expect((await t.http.get(`/documents/${docs[0].id}/pdf`).set(await as('holder'))).status).toBe(404);
  });

  it('reference/key-unit-duties.json (yearly duties): the deadline sweep of a new year opens each operating unit’s duties of that year once (self-monitoring due 31 December; the 有毒有害物质 report of the year due 31 March after), not a closed unit’s', async () => {
    const open = await listUnit();
    const closed = await listUnit();
    await send('eeb', closed.id, { type: 'CLOSE', reason: 'closure', on: '2026-06-30' });
    try {
      clock.at('2027-01-05');
      await t.app.get(DeadlineSweep).run();
      await t.app.get(DeadlineSweep).run();
      const dues = async (id: string) => ((await t.http.get(`/key-units/${id}`).set(await as('eeb')).expect(200)).body.deadlines as Array<{ kind: string; dueDate: string }>)
        .filter((d) => d.dueDate === '2027-12-31' || d.dueDate === '2028-03-31').map((d) => `${d.kind}@${d.dueDate}`).sort();
      expect(await dues(open.id)).toEqual(['key_unit_bureau_monitoring@2027-12-31', 'key_unit_self_monitoring@2027-12-31', 'key_unit_toxic_discharge@2028-03-31']);
      expect(await dues(closed.id)).toEqual([]);
    } finally {
      clock.at('2026-07-01');
    }
  });

  it('GET /key-units is paged and filtered by state, industry and jurisdiction within what the caller sees', async () => {
    const unit = await listUnit({ industry: 'cement' });
    const page = async (query: string, user = 'eeb-city') => (await t.http.get(`/key-units?${query}`).set(await as(user)).expect(200)).body;
    const ids = (b: { items: Array<{ id: string }> }) => b.items.map((u) => u.id);
    expect(ids(await page('industry=cement&jurisdiction=410100'))).toContain(unit.id);
    expect(ids(await page('industry=cement&jurisdiction=410182'))).not.toContain(unit.id);
    expect(ids(await page('industry=cement&state=closed'))).not.toContain(unit.id);
    const first = await page('pageSize=2&page=1', 'eeb');
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    expect((await t.http.get('/key-units?pageSize=1000').set(await as('eeb'))).status).toBe(400);
  });
});
