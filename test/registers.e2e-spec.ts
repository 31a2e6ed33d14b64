import { FilingService } from '../src/documents/filing.service';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { expertReview, fullLifecycle, removalSteps, startJourney, type Journey, type Step } from './factories/lifecycle';
import { CLEAN, registerPlot, send, upload } from './factories/plots';
import { DEMO_USERS } from '../src/demo/demo-directory';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describeEachDatabase('registers, the land-use check and the public pages', (target) => {
  let t: TestApp;
  /** listed.awaitingPlan, rank 1, negative list 住宅 + 教育用地, pollutants from the risk assessment */
  let ranked: Journey;
  /** listed.prioritization, large, risk assessment without pollutants (screening decides) */
  let unranked: Journey;
  /** listed.awaitingRemoval after a refused removal, then released for class 1 */
  let refused: Journey;
  let cleared2: string;
  let suspected: string;

  async function runTo(j: Journey, steps: Step[], until: string, nth = 1) {
    let seen = 0;
    for (const step of steps) {
      if (step.event === until && ++seen === nth) return;
      await step.run(t, j);
    }
  }

  beforeAll(async () => {
    t = await startTestApp(target);
    ranked = await startJourney(t);
    await runTo(ranked, fullLifecycle(t), 'FILE_REMEDIATION_PLAN');
    unranked = await startJourney(t, { areaM2: 60000 });
    const steps = fullLifecycle(t);
    // The risk assessment's upload: the first upload right after a commission and right before its submission.
    const ra = steps.findIndex((s, i) => !s.event && steps[i - 1]?.event === 'ASSIGN_CONSULTANT' && steps[i + 1]?.event === 'SUBMIT_REPORT');
    steps[ra] = {
      run: async (tt, j) => {
        j.reports.risk_assessment = (await upload(tt, 'consultant', j.plotId, 'risk_assessment', { riskAcceptable: false })).id;
      },
    };
    await runTo(unranked, steps, 'SET_PRIORITY');
    refused = await startJourney(t);
    // Up to the removal review (the 8th APPROVE is the province's on the application for removal), which the province refuses.
    await runTo(refused, fullLifecycle(t), 'APPROVE', 8);
    await send(t, 'eeb-prov', refused.plotId, { type: 'RETURN', reason: '效果评估报告数据不足' });
    const c = await registerPlot(t, { plannedLandClass: 2, plannedUse: '工业用地' });
    await send(t, 'holder', c.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', c.id, { type: 'START_INVESTIGATION' });
    const rep = await upload(t, 'consultant', c.id, 'preliminary_investigation', {}, CLEAN);
    await send(t, 'consultant', c.id, { type: 'SUBMIT_REPORT', reportId: rep.id });
    for (const step of expertReview('eeb')) await step.run(t, { plotId: c.id, reports: {} });
    await send(t, 'eeb', c.id, { type: 'APPROVE', opinion: '同意' });
    expect((await send(t, 'land', c.id, { type: 'APPROVE', opinion: '同意' })).state).toBe('cleared');
    cleared2 = c.id;
    suspected = (await registerPlot(t)).id;
  });
  afterAll(() => t?.close());

  it('GET /registers/listed: every listed plot of the jurisdiction with stage, main pollutants, both ranks and the negative list', async () => {
    const res = await t.http.get('/registers/listed').set(await t.as('land')).expect(200);
    const byId = new Map(res.body.items.map((i: { plotId: string }) => [i.plotId, i]));
    expect(res.body.items.every((i: { state: string }) => i.state.startsWith('listed.'))).toBe(true);
    expect(byId.get(ranked.plotId)).toMatchObject({
      state: 'listed.awaitingPlan',
      stage: 'awaitingPlan',
      stageLabel: '待报送方案',
      pollutants: ['砷', '铅'],
      pollutantsSource: 'risk_assessment',
      rank: 1,
      negativeList: ['住宅', '公共管理与公共服务用地', '教育用地'],
      listedAt: expect.any(String),
    });
    expect(byId.get(unranked.plotId)).toMatchObject({
      state: 'listed.prioritization',
      pollutants: ['砷'],
      pollutantsSource: 'screening',
      rank: null,
      negativeList: ['住宅', '公共管理与公共服务用地'],
    });
    const u = byId.get(unranked.plotId) as { modelScore: number; modelRank: number; indicators: Array<{ key: string; value: unknown }> };
    const r = byId.get(ranked.plotId) as { modelScore: number; modelRank: number };
    // Same samples, the larger plot scores higher on area.
    expect(u.modelScore).toBeGreaterThan(r.modelScore);
    expect(u.modelRank).toBeLessThan(r.modelRank);
    expect(u.indicators.find((i) => i.key === 'maxExceedanceFactor')!.value).toBeCloseTo(85 / 20);
    expect(byId.has(refused.plotId)).toBe(true);
    expect(byId.has(cleared2)).toBe(false);
    expect((await t.http.get('/registers/listed').set(await t.as('eeb-xy')).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/registers/listed').set(await t.as('admin')).expect(200)).body.total).toBe(res.body.total);
    await t.http.get('/registers/listed').set(await t.as('holder')).expect(403);
  });

  it('GET /registers/priority: the land bureau’s confirmed rank first, then the model’s score', async () => {
    const res = await t.http.get('/registers/priority').set(await t.as('eeb')).expect(200);
    const items: Array<{ plotId: string; rank: number | null; modelScore: number; position: number }> = res.body.items;
    expect(items[0]).toMatchObject({ plotId: ranked.plotId, rank: 1, position: 1 });
    const unrankedItems = items.filter((i) => i.rank === null);
    expect(unrankedItems.map((i) => i.modelScore)).toEqual([...unrankedItems.map((i) => i.modelScore)].sort((a, b) => b - a));
    expect(res.body.model.indicators.length).toBeGreaterThan(0);
  });

  it('land-use check, each rule: not yet decided; listed before its targets are reached (art. 66 第三款, and art. 61 for its uses); refused removal (art. 66); permitted land class', async () => {
    const check = async (plotId: string, use: string, as = 'land') => {
      const res = await t.http.get('/land-use-check').query({ plotId, use }).set(await t.as(as));
      expect(res.status).toBe(200);
      return res.body as { permitted: boolean; reason: string };
    };
    expect(await check(suspected, '工业用地')).toMatchObject({ permitted: false, reason: expect.stringContaining('尚无结论') });
    for (const use of ['住宅', '公共管理与公共服务用地', '中小学用地', '1']) {
      expect(await check(ranked.plotId, use)).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十一条') });
    }
    expect((await check(ranked.plotId, '教育用地')).reason).toContain('负面清单');
    // 土壤法第六十六条第三款: awaiting its plan, the plot's targets are not reached — no project but the works.
    expect(await check(ranked.plotId, '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条第三款') });
    expect(await check(ranked.plotId, '商业服务业设施用地', 'eeb')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条第三款') });
    expect(await check(ranked.plotId, '风险管控和修复工程')).toMatchObject({ permitted: true });
    expect(await check(refused.plotId, '工业用地')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条') });
    expect(await check(refused.plotId, '风险管控和修复工程')).toMatchObject({ permitted: true });
    expect(await check(cleared2, '住宅')).toMatchObject({ permitted: false, reason: expect.stringContaining('第二类用地') });
    expect(await check(cleared2, '物流仓储用地')).toMatchObject({ permitted: true });
    expect(await check(cleared2, '2')).toMatchObject({ permitted: true });

    for (const step of removalSteps(t)) await step.run(t, refused);
    expect((await t.http.get(`/plots/${refused.plotId}`).set(await t.as('land')).expect(200)).body.state).toBe('released');
    expect(await check(refused.plotId, '住宅')).toMatchObject({ permitted: true, reason: expect.stringContaining('第一类用地') });

    const unknown = await t.http.get('/land-use-check').query({ plotId: suspected, use: '火星基地' }).set(await t.as('land'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('use');
    await t.http.get('/land-use-check').query({ plotId: suspected, use: '住宅' }).set(await t.as('holder')).expect(403);
    await t.http.get('/land-use-check').query({ plotId: suspected, use: '住宅' }).set(await t.as('eeb-xy')).expect(404);
  });

  it('the public register can be read for one jurisdiction; a malformed jurisdiction code is refused naming the field', async () => {
    const all = (await t.http.get('/public/register').expect(200)).body;
    const mine = (await t.http.get('/public/register?jurisdiction=410106').expect(200)).body;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i: { jurisdiction: string }) => i.jurisdiction === '410106')).toBe(true);
    expect(mine.total).toBe(all.items.filter((i: { jurisdiction: string }) => i.jurisdiction === '410106').length);
    expect((await t.http.get('/public/register?jurisdiction=999999').expect(200)).body).toMatchObject({ items: [], total: 0 });
    const bad = await t.http.get('/public/register?jurisdiction=12ab').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['jurisdiction']);
  });

  it('the public register is paged in its order (jurisdiction, then priority): the pages put together are the whole register', async () => {
    const all = (await t.http.get('/public/register').expect(200)).body;
    expect(all).toMatchObject({ page: 1, pageSize: 100, total: all.items.length });
    expect(all.total).toBeGreaterThanOrEqual(2);
    const pages = [];
    for (let page = 1; page <= all.total + 1; page++) {
      const res = (await t.http.get(`/public/register?page=${page}&pageSize=1`).expect(200)).body;
      expect(res.total).toBe(all.total);
      pages.push(...res.items);
    }
    expect(pages).toEqual(all.items);
    const bad = await t.http.get('/public/register?pageSize=501&page=0').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'pageSize']);
  });

  it('public pages need no login and leak nothing non-public: no ids, no people, no context, no unpublished documents', async () => {
    const org = t.demo.organisations;
    const doc = (number: string, seq: number, published: boolean) =>
      t.ds.query(
        `INSERT INTO documents (id, plot_id, kind, variant, title, issuer_org_id, jurisdiction_code, year, seq, number, record, digest,
           pdf_sha256, pdf_size, published, issued_at)
         VALUES (gen_random_uuid(), $1, 'D6', 'listing', '纳入名录公告', $2, '410106', 2026, $3, $4, $5, $6, $7, 1000, $8, now())`,
        [ranked.plotId, org.eeb, seq, number, JSON.stringify({ decision: { by: { name: '王审查（郑州市生态环境局上街分局）' } } }),
          (published ? 'a' : 'b').repeat(64), (published ? 'c' : 'd').repeat(64), published],
      );
    await doc('测试〔2026〕9901号', 9901, true);
    await doc('测试〔2026〕9902号', 9902, false);
    // Filings of earlier steps are issued after commit: let them all land before comparing with the table.
    await t.app.get(FilingService).drain();

    const register = await t.http.get('/public/register').expect(200);
    const notices = await t.http.get('/public/notices').expect(200);
    expect(register.body.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(register.body.items.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(register.body.items[0]).sort()).toEqual(
      ['code', 'jurisdiction', 'jurisdictionName', 'listedAt', 'name', 'negativeList', 'pollutants', 'rank', 'stage', 'stageLabel', 'state', 'stateLabel'],
    );
    const numbers = notices.body.items.map((i: { number: string }) => i.number);
    expect(numbers).toContain('测试〔2026〕9901号');
    expect(numbers).not.toContain('测试〔2026〕9902号');
    const published = await t.ds.query(`SELECT number FROM documents WHERE published`);
    expect(numbers.sort()).toEqual(published.map((r: { number: string }) => r.number).sort());
    expect(notices.body.items.find((i: { number: string }) => i.number === '测试〔2026〕9901号')).toEqual({
      number: '测试〔2026〕9901号', kind: 'D6', variant: 'listing', title: '纳入名录公告', plotCode: expect.any(String), plotName: expect.any(String),
      issuer: '郑州市生态环境局上街分局', issuedAt: expect.any(String), digest: 'a'.repeat(64), verifyUrl: `/public/verify/${'a'.repeat(64)}`,
    });
    for (const body of [JSON.stringify(register.body), JSON.stringify(notices.body)]) {
      expect(body).not.toMatch(UUID);
      for (const u of DEMO_USERS) expect(body).not.toContain(u.displayName);
      for (const word of ['context', 'snapshot', 'record', 'sha256', 'holderOrganisation', 'reportId', '某铝业']) expect(body).not.toContain(word);
    }
  });
});
