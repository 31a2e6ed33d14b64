import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { CLEAN, CONTAMINATED, registerPlotOnV1 as registerPlot, send, upload } from './factories/plots';

/**
 * Drives a plot started on plot-lifecycle v1 through v1's path as the demo users: plots registered before v2 keep v1
 * until an administrator migrates them (v2's path: test/law-v2.e2e-spec.ts).
 */
async function toListed(t: TestApp) {
  const org = t.demo.organisations;
  const plot = await registerPlot(t);
  expect(plot.state).toBe('suspected');
  await send(t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
  await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
  await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
  const pre = await upload(t, 'consultant', plot.id, 'preliminary_investigation', {}, CONTAMINATED);
  expect(pre.screening.verdict).toBe('above_screening');
  await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: pre.id });
  await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '同意，需开展详细调查' });
  let p = await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意' });
  expect(p.state).toBe('investigation.detailed.drafting');
  const det = await upload(t, 'consultant', plot.id, 'detailed_investigation', {}, CONTAMINATED);
  await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: det.id });
  await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意' });
  p = await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '同意' });
  expect(p.state).toBe('riskAssessment.drafting');
  await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'riskAssessment' });
  const ra = await upload(t, 'consultant', plot.id, 'risk_assessment', { riskAcceptable: false, pollutants: ['砷'] });
  await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: ra.id });
  await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '风险不可接受' });
  p = await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意纳入名录' });
  expect(p.state).toBe('listed.prioritization');
  return plot.id as string;
}

describeEachDatabase('plot lifecycle v1 over HTTP (the version older plots keep)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('takes a plot from suspected to released as the demo users, and the audit chain verifies', async () => {
    const org = t.demo.organisations;
    const id = await toListed(t);
    let p = await send(t, 'land', id, { type: 'SET_PRIORITY', rank: 1, negativeList: ['住宅', '教育用地'] });
    expect(p.state).toBe('listed.awaitingPlan');
    const plan = await upload(t, 'holder', id, 'remediation_plan', { targets: '砷 ≤ 20 mg/kg' });
    await send(t, 'holder', id, { type: 'FILE_REMEDIATION_PLAN', reportId: plan.id });
    await send(t, 'eeb', id, { type: 'ACKNOWLEDGE_FILING' });
    const board = {
      project: '原铝厂地块土壤修复工程',
      contractorOrganisationId: org.contractor,
      measures: '异位固化稳定化',
      contact: '0371-00000000',
      startDate: '2026-12-10',
      endDate: '2027-06-30',
    };
    p = await send(t, 'holder', id, { type: 'START_WORKS', noticeBoard: board });
    expect(p.state).toBe('listed.remediation.inProgress');
    p = await send(t, 'holder', id, { type: 'COMPLETE_WORKS' });
    expect(p.state).toBe('listed.effectEvaluation.drafting');
    const refused = await send(t, 'holder', id, { type: 'ASSIGN_CONSULTANT', orgId: org.contractor, work: 'effectEvaluation' }, 422);
    expect(refused.guard).toBe('evaluatorIndependentOfImplementer');
    await send(t, 'holder', id, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant2, work: 'effectEvaluation' });
    const ev = await upload(t, 'consultant2', id, 'effect_evaluation', { targetsAchieved: true, permittedLandClass: 1 }, CLEAN);
    await send(t, 'consultant2', id, { type: 'SUBMIT_REPORT', reportId: ev.id });
    p = await send(t, 'eeb', id, { type: 'APPROVE', opinion: '达到修复目标' });
    expect(p.state).toBe('listed.awaitingRemoval');
    await send(t, 'holder', id, { type: 'APPLY_REMOVAL' });
    await send(t, 'eeb', id, { type: 'APPROVE', opinion: '同意移出' });
    p = await send(t, 'land', id, { type: 'APPROVE', opinion: '准予按规划用途开发利用' });
    expect(p.state).toBe('released');
    expect(p.context.permittedLandClass).toBe(1);
    expect(p.allowedEvents).toEqual([]);

    const history = await t.http.get(`/plots/${id}/history`).set(await t.as('holder')).expect(200);
    expect(history.body.items[0]).toMatchObject({ seq: 1, type: 'REGISTER', typeLabel: '登记疑似污染地块', to: 'suspected' });
    // No internal code in the text a person reads: every row's event, new state and role are labelled in Chinese.
    for (const item of history.body.items as Array<{ typeLabel: string; toLabel: string; roleLabel: string }>) {
      for (const text of [item.typeLabel, item.toLabel, item.roleLabel]) expect(text).toMatch(/^[^A-Za-z_]*[\u4e00-\u9fff][^A-Za-z_]*$/);
    }
    expect(history.body.items.at(-1)).toMatchObject({ type: 'APPROVE', to: 'released', role: 'land' });
    const seqs = history.body.items.map((i: { seq: number }) => i.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    const verify = await t.http.get('/audit/verify').set(await t.as('eeb')).expect(200);
    expect(verify.body).toMatchObject({ valid: true });
    expect(verify.body.checked).toBeGreaterThanOrEqual(seqs.length);
  });

  it('土壤法 art. 59: a preliminary investigation below screening clears the plot once both bureaus approve', async () => {
    const plot = await registerPlot(t, { plannedLandClass: 2, plannedUse: '工业用地' });
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
    const rep = await upload(t, 'consultant', plot.id, 'preliminary_investigation', {}, CLEAN);
    expect(rep.screening.verdict).toBe('below_screening');
    await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: rep.id });
    const half = await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '同意' });
    expect(half.state).toBe('investigation.preliminary.underReview');
    expect(half.allowedEvents).not.toContain('APPROVE');
    const done = await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意' });
    expect(done.state).toBe('cleared');
    expect(done.context.permittedLandClass).toBe(2);
  });

  it('土壤法 arts. 60–61: an acceptable risk assessment clears the plot without listing it', async () => {
    const plot = await registerPlot(t);
    const org = t.demo.organisations;
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
    await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
    const pre = await upload(t, 'consultant', plot.id, 'preliminary_investigation', {}, CONTAMINATED);
    await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: pre.id });
    await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '同意' });
    await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意' });
    const det = await upload(t, 'consultant', plot.id, 'detailed_investigation', {}, CONTAMINATED);
    await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: det.id });
    await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '同意' });
    await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意' });
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'riskAssessment' });
    const ra = await upload(t, 'consultant', plot.id, 'risk_assessment', { riskAcceptable: true });
    await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: ra.id });
    await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意' });
    const done = await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '风险可接受' });
    expect(done.state).toBe('cleared');
  });

  it('土壤法 art. 90: no approval clears a plot whose samples exceed the screening values', async () => {
    const plot = await registerPlot(t);
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
    const rep = await upload(t, 'consultant', plot.id, 'preliminary_investigation', {}, CONTAMINATED);
    await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: rep.id });
    await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '同意' });
    const p = await send(t, 'land', plot.id, { type: 'APPROVE', opinion: '同意' });
    expect(p.state).toBe('investigation.detailed.drafting');
  });

  it('a returned report goes back to drafting with the approvals cleared and the reason recorded', async () => {
    const plot = await registerPlot(t);
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
    const rep = await upload(t, 'consultant', plot.id, 'preliminary_investigation', {}, CLEAN);
    await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: rep.id });
    await send(t, 'eeb', plot.id, { type: 'APPROVE', opinion: '同意' });
    const p = await send(t, 'land', plot.id, { type: 'RETURN', reason: '布点数量不足' });
    expect(p.state).toBe('investigation.preliminary.drafting');
    expect(p.context.approvals).toEqual({});
    const empty = await send(t, 'land', plot.id, { type: 'RETURN', reason: '' }, 400);
    expect(empty.errors[0].field).toBe('reason');
  });
});
