import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, runUntil, startJourney, type Journey, type Step } from './factories/lifecycle';

/** The land-use check follows the plot through the register: 土壤法第六十六条第三款 until the targets are reached. */
describeEachDatabase('the land-use check over the life of a plot', (target) => {
  let t: TestApp;
  let j: Journey;
  /** the steps of fullLifecycle not yet taken */
  let rest: Step[];

  const check = async (use: string, as = 'land') => {
    const res = await t.http.get('/land-use-check').query({ plotId: j.plotId, use }).set(await t.as(as));
    expect(res.status).toBe(200);
    return res.body as { permitted: boolean; reason: string; plot: { state: string; stateLabel: string } };
  };
  const runTo = async (event: string, nth = 1) => {
    rest = await runUntil(t, j, rest, event, nth);
  };

  beforeAll(async () => {
    t = await startTestApp(target);
    j = await startJourney(t);
    rest = fullLifecycle(t);
  });
  afterAll(() => t?.close());

  it('土壤法第六十六条第三款: listed in prioritization, the plot is refused for 工业 as for 住宅, only risk-control works are permitted', async () => {
    await runTo('SET_PRIORITY');
    const industry = await check('工业');
    expect(industry.plot.state).toBe('listed.prioritization');
    expect(industry).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条') });
    expect(industry.reason).toContain('《中华人民共和国土壤污染防治法》第六十六条第三款');
    expect(industry.reason).not.toContain('prioritization');
    expect(await check('物流仓储用地', 'eeb')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条第三款') });
    expect(await check('2')).toMatchObject({ permitted: false });
    const housing = await check('住宅');
    expect(housing).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条第三款') });
    expect(housing.reason).toContain('第六十一条第二款');
    expect(await check('风险管控和修复工程')).toMatchObject({ permitted: true });
  });

  it('土壤法第六十六条第三款: during the remediation works still nothing but the works', async () => {
    await runTo('COMPLETE_WORKS');
    const industry = await check('工业');
    expect(industry.plot.state.startsWith('listed.remediation')).toBe(true);
    expect(industry).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条第三款') });
    expect(await check('修复工程')).toMatchObject({ permitted: true });
  });

  it('土壤法第六十一条第二款: targets reached but still listed, housing stays refused, industry within the permitted class is supplied', async () => {
    await runTo('APPLY_REMOVAL');
    const industry = await check('工业');
    expect(industry.plot.state).toBe('listed.awaitingRemoval');
    expect(industry).toMatchObject({ permitted: true, reason: expect.stringContaining('GB 36600') });
    expect(await check('住宅')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十一条第二款') });
    expect(await check('教育用地')).toMatchObject({ permitted: false, reason: expect.stringContaining('负面清单') });
  });

  it('土壤法第六十六条第二款 and 上政文〔2017〕147号 三（四）1: released, art. 61 no longer binds, the land bureau’s own negative list (教育用地) still does', async () => {
    for (const step of rest) await step.run(t, j);
    const housing = await check('住宅');
    expect(housing.plot.state).toBe('released');
    expect(housing).toMatchObject({ permitted: true, reason: expect.stringContaining('第一类用地') });
    expect(await check('教育用地')).toMatchObject({ permitted: false, reason: expect.stringContaining('负面清单') });
    expect(await check('工业')).toMatchObject({ permitted: true });
  });
});
