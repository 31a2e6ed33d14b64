import { checkCreditCode } from '../src/common/credit-code';
import { seedDemoCredit } from '../src/demo/demo-credit';
import { seedDemoPlots } from '../src/demo/demo-plots';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

describeEachDatabase('demo credit records and 12369 case (issue 21, 上政文〔2017〕147号 三（六）3; 土壤法第八十四条、第九十条)', (target) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(target);
    await seedDemoPlots(t.app, t.demo.users, t.demo.organisations);
    await seedDemoCredit(t.app, t.demo.users, t.demo.organisations);
  }, 180_000);
  afterAll(() => t?.close());

  it("the effect-evaluation firm's page equals a hand count over the demo audit trail (三（六）3)", async () => {
    // src/demo/demo-plots.ts: consultant2 evaluates SJ-2026-001 once — submitted, panel 通过, approved by the district
    // bureau; nothing returned. The removal's approvals later on that plot decide no report of the firm.
    const res = await t.http.get(`/credit/firms/${t.demo.organisations.consultant2}`).expect(200);
    expect(res.body.figures).toMatchObject({
      submitted: 1, submittedByKind: { effect_evaluation: 1 }, resubmissions: 0, decided: 1, approved: 1, firstPassApproved: 1,
      firstPassRate: 1, returns: [], panelConclusions: { pass: 1, passWithRevisions: 0, fail: 0 },
    });
    expect(res.body.findings).toEqual([expect.objectContaining({ decisionNumber: '上环罚〔演示〕1号', penaltyYuan: '200000.00', ban: expect.objectContaining({ inForce: false }) })]);
    expect(res.body.banInForce).toBeNull();
  });

  it('both demo firms carry a 统一社会信用代码 valid under GB 32100-2015 and are keyed by it in the export', async () => {
    const res = await t.http.get('/credit/export.json').expect(200);
    const codes = res.body.records.map((r: { creditCode: string }) => r.creditCode);
    expect(codes).toHaveLength(2);
    for (const code of codes) expect(checkCreditCode(code)).toEqual({ valid: true });
  });

  it("the demo 12369 case waits on the district bureau's to-do, site-checked, its measures due (土壤法第八十四条)", async () => {
    const list = await t.http.get('/public-reports').set(await t.as('eeb')).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ status: '已现场核查', awaiting: expect.objectContaining({ step: '处理' }) })]);
    const tasks = await t.http.get('/me/tasks').set(await t.as('eeb')).expect(200);
    expect(tasks.body.items.some((i: { kind: string; id: string }) => i.kind === 'public_report' && i.id === list.body.items[0].id)).toBe(true);
  });
});
