import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilingService } from '../src/documents/filing.service';
import { DirectoryRepository } from '../src/organisations/directory.repository';
import { PlotsService } from '../src/plots/plots.service';
import { referencePath } from '../src/reference/reference-files';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { appDate, demoExperts, expertReview, fullLifecycle, later, PUBLIC_PERIOD_DAYS, runUntil, startJourney, type Journey } from './factories/lifecycle';
import { CONTAMINATED, plotBody, send, upload } from './factories/plots';

/** A deployment where the province decides outside the system: the district records its decisions (DESIGN §1.1). */
function recordedModeFile(): string {
  const config = JSON.parse(readFileSync(referencePath('decision-steps.json'), 'utf8'));
  config.steps.riskAssessmentReview.mode = 'recorded';
  config.steps.removal.mode = 'recorded';
  const path = join(mkdtempSync(join(tmpdir(), 'decisions-')), 'decision-steps.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

async function stateOf(t: TestApp, plotId: string, as = 'eeb') {
  return (await t.http.get(`/plots/${plotId}`).set(await t.as(as)).expect(200)).body;
}

async function eventRefused(t: TestApp, as: string, plotId: string, event: Record<string, unknown>, status: number) {
  const res = await t.http.post(`/plots/${plotId}/events`).set(await t.as(as)).send(event);
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

describeEachDatabase('law v2: who decides at which level of government (土壤法 arts. 59–61, 66; DESIGN §1.1)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('a plot goes through the whole law: the district reviews the investigations, the province reviews the risk assessment, lists and removes it', async () => {
    const j = await startJourney(t);
    for (const step of fullLifecycle(t)) await step.run(t, j);
    const plot = await stateOf(t, j.plotId);
    expect(plot).toMatchObject({ state: 'released', machine: { name: 'plot-lifecycle', version: 2 } });
    const history = (await t.http.get(`/plots/${j.plotId}/history`).set(await t.as('eeb')).expect(200)).body.items;
    const approvals = history.filter((h: { type: string }) => h.type === 'APPROVE');
    const byFrom = (from: string) => approvals.filter((h: { from: string }) => h.from === from).map((h: { organisation: string }) => h.organisation);
    expect(byFrom('investigation.preliminary.underReview')).toEqual(['郑州市生态环境局上街分局', '郑州市上街区自然资源局']);
    expect(byFrom('riskAssessment.underReview')).toEqual(['河南省生态环境厅', '河南省自然资源厅']);
    expect(byFrom('listed.removalReview')).toEqual(['河南省生态环境厅', '河南省自然资源厅']);
    expect(history.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['FORWARD', 'FORM_PANEL', 'CONCLUDE_PANEL', 'RECORD_DISCLOSURE', 'END_PUBLICITY']));
  });

  it('土壤法第六十条、第六十一条: the district may not decide the risk assessment, the city neither; the province decides after the district forwarded it', async () => {
    const j = await startJourney(t);
    const rest = await runUntil(t, j, fullLifecycle(t), 'FORWARD');
    const district = await eventRefused(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' }, 403);
    expect(district.message).toContain('省级生态环境主管部门会同自然资源主管部门决定');
    await eventRefused(t, 'eeb-city', j.plotId, { type: 'APPROVE', opinion: '同意' }, 403);
    const early = await eventRefused(t, 'eeb-prov', j.plotId, { type: 'FORM_PANEL', experts: demoExperts(t) }, 422);
    expect(early).toMatchObject({ guard: 'forwardedIfDecidedAbove' });
    expect(early.reason).toContain('第六十条');
    // The province sees the district's plot and has it on its to-do once forwarded.
    await rest[0].run(t, j);
    const prov = await stateOf(t, j.plotId, 'eeb-prov');
    expect(prov.allowedEvents).toContain('FORM_PANEL');
    expect((await stateOf(t, j.plotId, 'eeb')).allowedEvents).not.toContain('APPROVE');
  });

  it('DESIGN §1.1: a plot is registered in a district or county, never at the province or a city', async () => {
    for (const [as, code] of [['eeb-prov', '410000'], ['eeb-city', '410100']]) {
      const res = await t.http.post('/plots').set(await t.as(as)).send(plotBody(t, { jurisdiction: code }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'jurisdiction', message: expect.stringContaining('区（县）级') })]);
    }
  });

  it('《污染地块土壤环境管理办法（试行）》第十二条: an investigation notice due in the past or beyond six months is refused, naming the rule and its article', async () => {
    const j = await startJourney(t);
    const past = await eventRefused(t, 'eeb', j.plotId, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: appDate(t, -1) }, 422);
    expect(past).toMatchObject({ guard: 'dueDateNotPast' });
    expect(past.reason).toContain('《污染地块土壤环境管理办法（试行）》第十二条');
    const far = await eventRefused(t, 'eeb', j.plotId, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: appDate(t, 7) }, 422);
    expect(far).toMatchObject({ guard: 'dueDateWithinNoticeLimit' });
    expect(far.reason).toContain('6 个月');
    expect(far.reason).toContain('第十二条');
    await send(t, 'eeb', j.plotId, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: appDate(t, 6) });
  });

  it('《污染地块土壤环境管理办法（试行）》第二十五条: removal is applied for only once the effect evaluation has been public two months; the decision takes effect after its publicity', async () => {
    const j = await startJourney(t);
    const steps = fullLifecycle(t);
    const rest = await runUntil(t, j, steps, 'APPLY_REMOVAL');
    const tooEarly = await eventRefused(t, 'holder', j.plotId, { type: 'APPLY_REMOVAL' }, 422);
    expect(tooEarly).toMatchObject({ guard: 'effectEvaluationPublicLongEnough' });
    expect(tooEarly.reason).toContain('2 个月');
    expect(tooEarly.reason).toContain('第二十五条');
    for (const s of rest.slice(0, 4)) await s.run(t, j);
    const publicity = await stateOf(t, j.plotId);
    expect(publicity.state).toBe('listed.removalPublicity');
    const before = await later(PUBLIC_PERIOD_DAYS + 7, {
      run: () => eventRefused(t, 'eeb-prov', j.plotId, { type: 'END_PUBLICITY' }, 422),
    }).run(t, j);
    expect(before).toMatchObject({ guard: 'publicityPeriodOver' });
    // The public sees the decision in its publicity period and until when.
    const disclosures = (await t.http.get('/public/disclosures').expect(200)).body.items;
    const mine = disclosures.filter((d: { plotCode: string }) => d.plotCode === publicity.code);
    expect(mine.map((d: { kind: string }) => d.kind).sort()).toEqual(['effectEvaluation', 'removalPublicity']);
    expect(mine.find((d: { kind: string }) => d.kind === 'removalPublicity').until).toBe(publicity.context.publicityEndsOn);
    await rest[4].run(t, j);
    expect((await stateOf(t, j.plotId)).state).toBe('released');
  });

  it('环办土壤〔2019〕63号 回避: an expert from the report author, the holder or an unregistered organisation is refused; an expert user gives only their own opinion', async () => {
    const j = await startJourney(t);
    await runUntil(t, j, fullLifecycle(t), 'FORM_PANEL');
    const org = t.demo.organisations;
    const author = [...demoExperts(t).slice(0, 2), { name: '某调查公司工程师', organisationId: org.consultant }];
    expect(await eventRefused(t, 'eeb', j.plotId, { type: 'FORM_PANEL', experts: author }, 422)).toMatchObject({ guard: 'panelFreeOfConflicts' });
    const holder = [...demoExperts(t).slice(0, 2), { name: '权利人员工', organisationId: org.holder }];
    expect(await eventRefused(t, 'eeb', j.plotId, { type: 'FORM_PANEL', experts: holder }, 422)).toMatchObject({ guard: 'panelFreeOfConflicts' });
    const unknown = [...demoExperts(t).slice(0, 2), { name: '某人', organisationId: '00000000-0000-4000-8000-000000000000' }];
    expect(await eventRefused(t, 'eeb', j.plotId, { type: 'FORM_PANEL', experts: unknown }, 422)).toMatchObject({ guard: 'expertsRegistered' });
    await send(t, 'eeb', j.plotId, { type: 'FORM_PANEL', experts: demoExperts(t) });
    // expert1 sits on the panel and sees the plot; expert2 is not named as a user on it.
    expect((await stateOf(t, j.plotId, 'expert1')).allowedEvents).toContain('RECORD_EXPERT_OPINION');
    expect(await eventRefused(t, 'expert1', j.plotId, { type: 'RECORD_EXPERT_OPINION', expertIndex: 1, opinion: '同意' }, 422)).toMatchObject({ guard: 'expertOnPanel' });
    await eventRefused(t, 'expert2', j.plotId, { type: 'RECORD_EXPERT_OPINION', expertIndex: 1, opinion: '同意' }, 404);
    await send(t, 'expert1', j.plotId, { type: 'RECORD_EXPERT_OPINION', expertIndex: 0, opinion: '同意' });
    expect(await eventRefused(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' }, 422)).toMatchObject({ guard: 'panelReviewDone' });
  });

  it('环办土壤〔2019〕63号 修改后通过: the decision waits for the revised report, linked to the one it revises and checked by the bureau', async () => {
    const j = await startJourney(t);
    const steps = fullLifecycle(t);
    const rest = await runUntil(t, j, steps, 'FORM_PANEL');
    for (const s of expertReview('eeb', 'passWithRevisions')) await s.run(t, j);
    expect(await eventRefused(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' }, 422)).toMatchObject({ guard: 'panelReviewDone' });
    const unlinked = await upload(t, 'consultant', j.plotId, 'preliminary_investigation', {}, CONTAMINATED);
    expect(await eventRefused(t, 'consultant', j.plotId, { type: 'SUBMIT_REVISION', reportId: unlinked.id }, 422)).toMatchObject({ guard: 'revisesReportUnderReview' });
    const revised = await upload(t, 'consultant', j.plotId, 'preliminary_investigation', { revisesReportId: j.reports.preliminary_investigation }, CONTAMINATED);
    await send(t, 'consultant', j.plotId, { type: 'SUBMIT_REVISION', reportId: revised.id });
    expect(await eventRefused(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' }, 422)).toMatchObject({ guard: 'panelReviewDone' });
    await send(t, 'eeb', j.plotId, { type: 'ACCEPT_REVISION', note: '已按专家意见修改' });
    for (const s of rest.slice(5, 7)) await s.run(t, j);
    const plot = await stateOf(t, j.plotId);
    expect(plot.state).toBe('investigation.detailed.drafting');
    expect(plot.context.approvedReportIds).toEqual([revised.id]);
  });

  it('a plot started on v1 keeps v1 until an administrator migrates it, with its own audit row; then it continues on v2', async () => {
    const directory = t.app.get(DirectoryRepository);
    const user = (await directory.findForLogin('eeb'))!;
    const me = (await directory.findPrincipal(user.id, user.tokenVersion))!;
    const v1 = await t.app.get(PlotsService).register(me, plotBody(t) as never, 1);
    expect(v1.machine).toEqual({ name: 'plot-lifecycle', version: 1 });
    const j: Journey = { plotId: v1.id, reports: {} };
    // On v1 the district's two bureaus decide without a panel.
    await send(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', j.plotId, { type: 'START_INVESTIGATION' });
    j.reports.preliminary_investigation = (await upload(t, 'consultant', j.plotId, 'preliminary_investigation', {}, CONTAMINATED)).id;
    await send(t, 'consultant', j.plotId, { type: 'SUBMIT_REPORT', reportId: j.reports.preliminary_investigation });
    await send(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' });
    await eventRefused(t, 'eeb', j.plotId, { type: 'FORWARD' }, 409);
    await t.http.post(`/plots/${j.plotId}/migrate`).set(await t.as('eeb')).send({ toVersion: 2 }).expect(403);
    await t.http.post(`/plots/${j.plotId}/migrate`).set(await t.as('admin')).send({ toVersion: 3 }).expect(400);
    const migrated = (await t.http.post(`/plots/${j.plotId}/migrate`).set(await t.as('admin')).send({ toVersion: 2 }).expect(200)).body;
    expect(migrated).toMatchObject({ state: 'investigation.preliminary.underReview', machine: { version: 2 } });
    // The v1 round's approval is kept; v2 asks for the expert panel before the last approval.
    expect(migrated.context.approvals.eeb).toBeDefined();
    expect(await eventRefused(t, 'land', j.plotId, { type: 'APPROVE', opinion: '同意' }, 422)).toMatchObject({ guard: 'panelReviewDone' });
    for (const s of expertReview('eeb')) await s.run(t, j);
    await send(t, 'land', j.plotId, { type: 'APPROVE', opinion: '同意' });
    expect((await stateOf(t, j.plotId)).state).toBe('investigation.detailed.drafting');
    const history = (await t.http.get(`/plots/${j.plotId}/history`).set(await t.as('eeb')).expect(200)).body.items;
    expect(history.find((h: { type: string }) => h.type === 'MIGRATE_VERSION')).toMatchObject({ role: 'admin', from: 'investigation.preliminary.underReview', to: 'investigation.preliminary.underReview' });
    expect((await t.http.get('/audit/verify').set(await t.as('admin')).expect(200)).body.valid).toBe(true);
    await t.app.get(FilingService).drain();
  });
});

describeEachDatabase('law v2: decisions recorded by the district where the deciding body does not use the system (DESIGN §1.1)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target, { DECISION_STEPS_FILE: recordedModeFile() });
  });
  afterAll(() => t?.close());

  async function scan(j: Journey) {
    return (await upload(t, 'eeb', j.plotId, 'decision_record', { summary: '省生态环境厅评审意见' })).id;
  }

  it('the whole law with the province deciding outside the system: the district forwards, then records the listing and the removal with number, date and scan', async () => {
    const j = await startJourney(t);
    const steps = fullLifecycle(t);
    let rest = await runUntil(t, j, steps, 'FORWARD');
    await rest[0].run(t, j);
    // The province's officers do not decide here; the district records what the province decided.
    expect((await eventRefused(t, 'eeb-prov', j.plotId, { type: 'APPROVE', opinion: '同意' }, 403)).message).toContain('在系统外决定');
    expect(await eventRefused(t, 'eeb', j.plotId, { type: 'RECORD_DECISION', documentNumber: '豫环审〔2026〕8号', decisionDate: appDate(t), outcome: 'approved', scanReportId: j.reports.risk_assessment }, 422)).toMatchObject({ guard: 'decisionScanAttached' });
    await send(t, 'eeb', j.plotId, { type: 'RECORD_DECISION', documentNumber: '豫环审〔2026〕8号', decisionDate: appDate(t), outcome: 'approved', scanReportId: await scan(j) });
    expect((await stateOf(t, j.plotId)).state).toBe('listed.prioritization');
    rest = await runUntil(t, j, rest.slice(rest.findIndex((s) => s.event === 'SET_PRIORITY')), 'APPLY_REMOVAL');
    await rest[0].run(t, j);
    await rest[1].run(t, j);
    const removal = await later(PUBLIC_PERIOD_DAYS, {
      run: async () => send(t, 'eeb', j.plotId, { type: 'RECORD_DECISION', documentNumber: '豫环函〔2027〕3号', decisionDate: appDate(t), outcome: 'approved', scanReportId: await scan(j) }),
    }).run(t, j);
    expect((removal as { state: string }).state).toBe('listed.removalPublicity');
    await later(PUBLIC_PERIOD_DAYS + 8, { run: () => send(t, 'eeb', j.plotId, { type: 'END_PUBLICITY' }) }).run(t, j);
    expect((await stateOf(t, j.plotId)).state).toBe('released');
    const history = (await t.http.get(`/plots/${j.plotId}/history`).set(await t.as('eeb')).expect(200)).body.items;
    const recorded = history.filter((h: { type: string }) => h.type === 'RECORD_DECISION');
    expect(recorded.map((h: { payload: { documentNumber: string } }) => h.payload.documentNumber)).toEqual(['豫环审〔2026〕8号', '豫环函〔2027〕3号']);
    expect(recorded.every((h: { organisation: string }) => h.organisation === '郑州市生态环境局上街分局')).toBe(true);
  });
});
