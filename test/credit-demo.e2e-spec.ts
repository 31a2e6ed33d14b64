import { checkCreditCode } from '../src/common/credit-code';
import { figuresByFirm, reviewRounds } from '../src/credit/credit-figures';
import { CreditTallyRepository } from '../src/credit/credit-tally.repository';
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
    // Per signatory (the officer who submitted the report, 报送人 of its filing): name and figures only.
    expect(res.body.signatories).toEqual([{ name: '周工（效果评估）', figures: expect.objectContaining({ submitted: 1, decided: 1, firstPassApproved: 1, firstPassRate: 1 }) }]);
    expect(JSON.stringify(res.body.signatories)).not.toMatch(/userId|username|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  const storedTables = async () => ({
    tallies: await t.ds.query(`SELECT * FROM credit_tallies ORDER BY organisation_id, report_kind, signatory_user_id`),
    firms: await t.ds.query(`SELECT * FROM credit_firm_tallies ORDER BY organisation_id`),
    rounds: await t.ds.query(`SELECT * FROM credit_rounds ORDER BY plot_id`),
    returns: await t.ds.query(`SELECT audit_id::text, organisation_id, plot_id, report_kind, reason FROM credit_returns ORDER BY audit_id`),
  });

  it('the stored tally, kept with each review event, equals the count over the whole demo audit trail and an administrator\'s rebuild (三（六）3)', async () => {
    const kept = await storedTables();
    expect(kept.firms.length).toBeGreaterThan(0);
    // The count over the trail (src/credit/credit-figures.ts), independent of the stored rounds.
    const events = await t.app.get(CreditTallyRepository).reviewEventsBetween(t.ds.manager, null, 'ffffffff-ffff-ffff-ffff-ffffffffffff');
    const counted = figuresByFirm(reviewRounds(events));
    expect(kept.firms.map((f: { organisation_id: string }) => f.organisation_id).sort()).toEqual([...counted.keys()].sort());
    for (const f of kept.firms) {
      const c = counted.get(f.organisation_id)!;
      expect({ submitted: f.submitted, resubmissions: f.resubmissions, decided: f.decided, approved: f.approved, firstPass: f.first_pass_approved, returns: f.returns,
        pass: f.panel_pass, revisions: f.panel_pass_with_revisions, fail: f.panel_fail, rate: f.first_pass_rate })
        .toEqual({ submitted: c.submitted, resubmissions: c.resubmissions, decided: c.decided, approved: c.approved, firstPass: c.firstPassApproved, returns: c.returns.length,
          pass: c.panelConclusions.pass, revisions: c.panelConclusions.passWithRevisions, fail: c.panelConclusions.fail, rate: c.firstPassRate });
    }
    expect((await t.http.post('/credit/tallies/rebuild').set(await t.as('eeb'))).status).toBe(403);
    const res = await t.http.post('/credit/tallies/rebuild').set(await t.as('admin')).expect(200);
    expect(res.body.reviewEvents).toBe(events.length);
    expect(await storedTables()).toEqual(kept);
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
