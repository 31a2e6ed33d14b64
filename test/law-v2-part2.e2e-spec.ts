import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { appDate, expertReview, fullLifecycle, runUntil, startJourney, type Journey } from './factories/lifecycle';
import { CLEAN, CONTAMINATED, send, upload } from './factories/plots';

/**
 * Part 2 of the law on plot-lifecycle v2 through HTTP: why a plot enters, who answers for it after 收回 and 转让,
 * reopening a plot that left the procedure, aftercare, risk control and control zones (土壤法 arts. 42, 45–48, 59,
 * 62, 65, 67–68; HJ 25.1-2019; 42号令).
 */

async function view(t: TestApp, plotId: string, as = 'eeb') {
  return (await t.http.get(`/plots/${plotId}`).set(await t.as(as)).expect(200)).body;
}

async function refused(t: TestApp, as: string, plotId: string, event: Record<string, unknown>, status: number) {
  const res = await t.http.post(`/plots/${plotId}/events`).set(await t.as(as)).send(event);
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body as { message: string; code: string };
}

const takeBack = (t: TestApp, formerHolderResponsible: boolean) => ({
  type: 'TAKE_BACK',
  documentNumber: '上政土收〔2026〕3号',
  decidedOn: appDate(t),
  organiserOrganisationId: t.demo.organisations.land,
  formerHolderResponsible,
});

/** Runs the full path up to the step that sends `event` and uploads nothing more. */
async function until(t: TestApp, j: Journey, event: string, nth = 1) {
  return runUntil(t, j, fullLifecycle(t), event, nth);
}

describeEachDatabase('law v2, part 2: the whole life of a plot (土壤法 arts. 42, 45–48, 59, 62, 65, 67–68)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('土壤法第六十八条: land taken back is investigated under the land bureau; the former holder is refused (403) and stays named', async () => {
    const org = t.demo.organisations;
    const j = await startJourney(t);
    await refused(t, 'eeb', j.plotId, takeBack(t, true), 403);
    const self = await refused(t, 'land', j.plotId, { ...takeBack(t, true), organiserOrganisationId: org.holder }, 422);
    expect(self.message).toContain('第六十八条');
    await send(t, 'land', j.plotId, takeBack(t, true));

    const former = await view(t, j.plotId, 'holder');
    expect(former.holderOrganisationId).toBe(org.land);
    expect(former.allowedEvents).toEqual([]);
    expect(former.parties).toMatchObject({
      formerHolders: [{ organisationId: org.holder, how: 'takenBack', documentNumber: '上政土收〔2026〕3号' }],
      responsible: { status: 'identified', organisationId: org.holder },
      investigationDuty: { organisationId: org.land, name: '郑州市上街区自然资源局' },
      controlDuty: { organisationId: org.land },
      controlBasis: 'government',
    });
    expect(former.parties.formerHolders[0].name).toBeTruthy();

    const no = await refused(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' }, 403);
    expect(no.message).toContain('收回');
    await send(t, 'land', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
    await send(t, 'land', j.plotId, { type: 'START_INVESTIGATION' });
    await refused(t, 'holder', j.plotId, { type: 'RECORD_DISCLOSURE', work: 'investigation', publishedOn: appDate(t), place: '网站' }, 403);
    const plot = await view(t, j.plotId, 'land');
    expect(plot.state).toBe('investigation.preliminary.drafting');
    const history = (await t.http.get(`/plots/${j.plotId}/history`).set(await t.as('eeb')).expect(200)).body.items;
    expect(history.map((h: { type: string }) => h.type)).toEqual(['REGISTER', 'TAKE_BACK', 'ASSIGN_CONSULTANT', 'START_INVESTIGATION']);
  });

  it('42号令 (责任主体): after 转让 the transferee takes the holder duties; the transferor sees the plot but may not act', async () => {
    const org = t.demo.organisations;
    const j = await startJourney(t);
    const transfer = { type: 'TRANSFER', contractNumber: 'SJ-2026-017', transferredOn: appDate(t), transfereeOrganisationId: org.holder2 };
    const same = await refused(t, 'land', j.plotId, { ...transfer, transfereeOrganisationId: org.holder }, 422);
    expect(same.message).toContain('受让人');
    await refused(t, 'land', j.plotId, { ...transfer, transferredOn: '2099-01-01' }, 422);
    await send(t, 'land', j.plotId, transfer);
    await refused(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' }, 403);
    await send(t, 'holder2', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
    const plot = await view(t, j.plotId, 'holder2');
    expect(plot).toMatchObject({ holderOrganisationId: org.holder2, parties: { controlBasis: 'holder', investigationDuty: { organisationId: org.holder2 } } });
    expect((await view(t, j.plotId, 'holder')).parties.formerHolders).toMatchObject([{ organisationId: org.holder, how: 'transferred' }]);
  });

  it('土壤法第四十八条、第四十五条: the responsible party identified by the bureau carries control and remediation; unidentifiable leaves it to the holder', async () => {
    const org = t.demo.organisations;
    const j = await startJourney(t);
    const identify = { type: 'RECORD_RESPONSIBLE_PARTY', status: 'identified', documentNumber: '上环认〔2026〕2号', decidedOn: appDate(t) };
    const unnamed = await refused(t, 'eeb', j.plotId, identify, 422);
    expect(unnamed.message).toContain('第四十八条');
    await refused(t, 'land', j.plotId, { ...identify, organisationId: org.holder2 }, 403);
    await send(t, 'eeb', j.plotId, { ...identify, organisationId: org.holder2 });
    let plot = await view(t, j.plotId);
    expect(plot.parties).toMatchObject({ responsible: { status: 'identified', organisationId: org.holder2 }, controlDuty: { organisationId: org.holder2 }, controlBasis: 'responsibleParty' });
    // The investigation stays the holder's (土壤法第五十九条); the responsible party sees the plot.
    expect((await view(t, j.plotId, 'holder2')).allowedEvents).toEqual([]);
    await send(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
    await send(t, 'eeb', j.plotId, { ...identify, status: 'unidentifiable', documentNumber: '上环认〔2026〕3号' });
    plot = await view(t, j.plotId);
    expect(plot.parties).toMatchObject({ responsible: { status: 'unidentifiable' }, controlDuty: { organisationId: org.holder }, controlBasis: 'holder' });
  });

  it('土壤法第五十九条第二款; HJ 25.1-2019: a change-of-use plot may end at the first, non-sampling stage; a suspected plot always samples', async () => {
    const suspected = await startJourney(t);
    await send(t, 'holder', suspected.plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', suspected.plotId, { type: 'START_INVESTIGATION' });
    const r1 = await upload(t, 'consultant', suspected.plotId, 'preliminary_investigation');
    const must = await refused(t, 'consultant', suspected.plotId, { type: 'SUBMIT_REPORT', reportId: r1.id, firstStageOnly: true }, 422);
    expect(must.message).toContain('须开展采样调查');

    const change = await startJourney(t, { registrationReason: 'useChange', formerIndustry: '仓储（无生产工序）' });
    expect((await view(t, change.plotId)).context.registrationReason).toBe('useChange');
    await send(t, 'holder', change.plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', change.plotId, { type: 'START_INVESTIGATION' });
    const r2 = await upload(t, 'consultant', change.plotId, 'preliminary_investigation');
    // Without the first-stage conclusion the report needs its samples.
    await refused(t, 'consultant', change.plotId, { type: 'SUBMIT_REPORT', reportId: r2.id }, 422);
    await send(t, 'consultant', change.plotId, { type: 'SUBMIT_REPORT', reportId: r2.id, firstStageOnly: true });
    for (const step of expertReview('eeb')) await step.run(t, change);
    await send(t, 'eeb', change.plotId, { type: 'APPROVE', opinion: '第一阶段调查未发现可能的污染源，调查结束' });
    await send(t, 'land', change.plotId, { type: 'APPROVE', opinion: '同意' });
    expect((await view(t, change.plotId)).state).toBe('cleared');

    await expect(startJourney(t, { registrationReason: 'because' })).rejects.toThrow(/400.*registrationReason/);
  });

  it('土壤法第六十二条、第六十五条: risk control needs its monitoring reports before the effect evaluation, and an evaluator other than the works builder', async () => {
    const org = t.demo.organisations;
    const j = await startJourney(t);
    await until(t, j, 'FILE_REMEDIATION_PLAN');
    const plan = await upload(t, 'holder', j.plotId, 'control_plan', { technology: '阻隔 + 地下水监测' });
    await refused(t, 'holder', j.plotId, { type: 'FILE_CONTROL_PLAN', reportId: plan.id, implementerOrganisationId: '00000000-0000-4000-8000-000000000000' }, 422);
    await send(t, 'holder', j.plotId, { type: 'FILE_CONTROL_PLAN', reportId: plan.id, implementerOrganisationId: org.consultant2 });
    const early = await refused(t, 'holder', j.plotId, { type: 'REQUEST_EFFECT_EVALUATION' }, 422);
    expect(early.message).toContain('第六十二条');
    expect(early.message).toContain('已报送 0 份');
    const monitoring = await upload(t, 'holder', j.plotId, 'monitoring', {}, CLEAN);
    await send(t, 'holder', j.plotId, { type: 'SUBMIT_MONITORING_REPORT', reportId: monitoring.id });
    await send(t, 'holder', j.plotId, { type: 'REQUEST_EFFECT_EVALUATION' });
    expect((await view(t, j.plotId)).state).toBe('listed.effectEvaluation.drafting');
    // consultant2 built the control works: it may not evaluate them.
    await refused(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant2, work: 'effectEvaluation' }, 422);
  });

  it('上政文〔2017〕147号 三（四）2: a risk-control plot not developed for now is placed under a control zone with its monitoring and deadline; the land-use check refuses everything but the works', async () => {
    const j = await startJourney(t);
    await until(t, j, 'FILE_REMEDIATION_PLAN');
    const plan = await upload(t, 'holder', j.plotId, 'control_plan', { technology: '暂不开发利用，划定管控区域' });
    await send(t, 'holder', j.plotId, { type: 'FILE_CONTROL_PLAN', reportId: plan.id });
    const zone = {
      type: 'PLACE_UNDER_CONTROL_ZONE',
      noticeNumber: '上环告〔2026〕5号',
      signsPostedOn: appDate(t),
      monitoring: [{ medium: 'soil', intervalMonths: 12 }, { medium: 'groundwater', intervalMonths: 6 }, { medium: 'air', intervalMonths: 3 }],
    };
    await refused(t, 'eeb', j.plotId, { ...zone, monitoring: [{ medium: 'soil', intervalMonths: 12 }, { medium: 'soil', intervalMonths: 6 }] }, 422);
    await refused(t, 'holder', j.plotId, zone, 403);
    await send(t, 'eeb', j.plotId, zone);
    const plot = await view(t, j.plotId);
    expect(plot.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'zone_monitoring', dueDate: appDate(t, 3) })]));
    const check = (await t.http.get('/land-use-check').query({ plotId: j.plotId, use: '工业' }).set(await t.as('land')).expect(200)).body;
    expect(check.permitted).toBe(false);
    expect((await t.http.get('/land-use-check').query({ plotId: j.plotId, use: '风险管控和修复工程' }).set(await t.as('land')).expect(200)).body.permitted).toBe(true);
    const air = await upload(t, 'holder', j.plotId, 'monitoring', {});
    await refused(t, 'holder', j.plotId, { type: 'RECORD_ZONE_MONITORING', medium: 'surfaceWater', reportId: air.id }, 422);
    await send(t, 'holder', j.plotId, { type: 'RECORD_ZONE_MONITORING', medium: 'air', reportId: air.id });
    const after = await view(t, j.plotId);
    expect(after.context.controlZone.monitoring.find((m: { medium: string }) => m.medium === 'air').nextDueOn).toBe(appDate(t, 3));
    expect(after.deadlines.find((d: { kind: string }) => d.kind === 'zone_monitoring').dueDate).toBe(appDate(t, 3));
  });

  it('终身责任制, 土壤法第五十九条第二款: a released plot reopened for a change to 住宅 is investigated again, with one unbroken audit chain and its earlier decisions kept', async () => {
    const j = await startJourney(t, { plannedUse: '工业用地' });
    for (const step of fullLifecycle(t)) await step.run(t, j);
    const released = await view(t, j.plotId);
    expect(released.state).toBe('released');
    expect(released.allowedEvents).toEqual(expect.arrayContaining(['REOPEN', 'ADD_AFTERCARE']));

    const industrial = await refused(t, 'eeb', j.plotId, { type: 'REOPEN', reason: 'useChange', plannedUse: '工业用地', note: '规划调整' }, 422);
    expect(industrial.message).toContain('第五十九条第二款');
    await refused(t, 'holder', j.plotId, { type: 'REOPEN', reason: 'useChange', plannedUse: '住宅', note: '规划调整' }, 403);
    await send(t, 'eeb', j.plotId, { type: 'REOPEN', reason: 'useChange', plannedUse: '住宅', note: '控规调整为二类居住用地' });

    const reopened = await view(t, j.plotId);
    expect(reopened).toMatchObject({ state: 'investigation.preliminary.drafting', plannedUse: '居住用地', plannedLandClass: 1 });
    expect(reopened.context).toMatchObject({
      plannedLandClass: 1,
      permittedLandClass: null,
      reopenings: [{ reason: 'useChange', from: 'released', plannedUse: '住宅', permittedLandClass: 1 }],
    });
    expect(reopened.context.approvedReportIds).toHaveLength(4);
    const history = (await t.http.get(`/plots/${j.plotId}/history`).set(await t.as('eeb')).expect(200)).body.items;
    const types = history.map((h: { type: string }) => h.type);
    expect(types.slice(-2)).toEqual(['END_PUBLICITY', 'REOPEN']);
    expect(history.map((h: { seq: number }) => h.seq)).toEqual(history.map((_: unknown, i: number) => i + 1));
    expect((await t.http.get('/audit/verify').set(await t.as('admin')).expect(200)).body).toMatchObject({ valid: true });

    // The new investigation samples again, against the values of the new, stricter use.
    const r = await upload(t, 'consultant', j.plotId, 'preliminary_investigation', {}, CONTAMINATED);
    await refused(t, 'consultant', j.plotId, { type: 'SUBMIT_REPORT', reportId: r.id, firstStageOnly: true }, 422);
    await send(t, 'consultant', j.plotId, { type: 'SUBMIT_REPORT', reportId: r.id });
    expect((await view(t, j.plotId)).state).toBe('investigation.preliminary.underReview');
  });

  it('终身责任制: new evidence above the screening values reopens a cleared plot; evidence below them does not', async () => {
    const j = await startJourney(t, { registrationReason: 'useChange' });
    await send(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', j.plotId, { type: 'START_INVESTIGATION' });
    const first = await upload(t, 'consultant', j.plotId, 'preliminary_investigation');
    await send(t, 'consultant', j.plotId, { type: 'SUBMIT_REPORT', reportId: first.id, firstStageOnly: true });
    for (const step of expertReview('eeb')) await step.run(t, j);
    await send(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' });
    await send(t, 'land', j.plotId, { type: 'APPROVE', opinion: '同意' });
    expect((await view(t, j.plotId)).state).toBe('cleared');
    // A verification sampling by the bureau's monitoring, uploaded by the holder as a monitoring report.
    const reopenWith = (reportId: string) => ({ type: 'REOPEN', reason: 'newEvidence', evidenceReportId: reportId, note: '例行监测发现超标' });
    const clean = await uploadMonitoring(t, j.plotId, CLEAN);
    const below = await refused(t, 'eeb', j.plotId, reopenWith(clean), 422);
    expect(below.message).toContain('超过筛选值');
    // The bureau's own verification sampling (监督性监测) is evidence too.
    const dirty = (await upload(t, 'eeb', j.plotId, 'monitoring', {}, CONTAMINATED)).id;
    await send(t, 'eeb', j.plotId, reopenWith(dirty));
    const plot = await view(t, j.plotId);
    expect(plot).toMatchObject({ state: 'investigation.preliminary.drafting', context: { reopenings: [{ reason: 'newEvidence', from: 'cleared', evidenceReportId: dirty }] } });
  });

  it('土壤法第四十二条: a released plot carries aftercare obligations with deadlines; it stays on the to-do until each is fulfilled', async () => {
    const j = await startJourney(t);
    for (const step of fullLifecycle(t)) await step.run(t, j);
    const add = (o: Record<string, unknown>) => send(t, 'eeb', j.plotId, { type: 'ADD_AFTERCARE', ...o });
    await refused(t, 'eeb', j.plotId, { type: 'ADD_AFTERCARE', kind: 'monitoring', description: '地下水长期监测', dueOn: appDate(t) }, 422);
    await add({ kind: 'monitoring', description: '地下水长期监测（每半年一次）', dueOn: appDate(t, 6) });
    await add({ kind: 'institutionalControl', description: '禁止开采浅层地下水', dueOn: appDate(t, 12), restriction: '禁止开采浅层地下水' });
    let plot = await view(t, j.plotId);
    expect(plot.deadlines.filter((d: { kind: string }) => d.kind === 'aftercare').map((d: { dueDate: string }) => d.dueDate)).toEqual([appDate(t, 6), appDate(t, 12)]);
    const tasks = async () => (await t.http.get('/me/tasks').set(await t.as('holder')).expect(200)).body.items as Array<{ id: string; events: string[] }>;
    expect((await tasks()).find((x) => x.id === j.plotId)?.events).toEqual(['FULFIL_AFTERCARE']);
    // The bureau's watch list (后期管理): the plot with its open obligations and the next due date.
    const watch = async (as = 'eeb') => (await t.http.get('/registers/aftercare').set(await t.as(as)).expect(200)).body.items as Array<{ id: string; open: number; nextDueDate: string; stateLabel: string }>;
    expect((await watch()).find((x) => x.id === j.plotId)).toMatchObject({ open: 2, nextDueDate: appDate(t, 6), stateLabel: expect.stringContaining('移出名录') });
    expect((await watch('eeb-prov')).some((x) => x.id === j.plotId)).toBe(true);
    expect((await watch('eeb-xy')).some((x) => x.id === j.plotId)).toBe(false);
    await t.http.get('/registers/aftercare').set(await t.as('holder')).expect(403);

    const noReport = await refused(t, 'holder', j.plotId, { type: 'FULFIL_AFTERCARE', index: 0, note: '已监测' }, 422);
    expect(noReport.message).toContain('监测报告');
    const report = await upload(t, 'holder', j.plotId, 'monitoring', {}, CLEAN);
    await send(t, 'holder', j.plotId, { type: 'FULFIL_AFTERCARE', index: 0, reportId: report.id, note: '第一次监测' });
    await refused(t, 'holder', j.plotId, { type: 'FULFIL_AFTERCARE', index: 0, reportId: report.id, note: '再次' }, 422);
    plot = await view(t, j.plotId);
    expect(plot.deadlines.filter((d: { kind: string }) => d.kind === 'aftercare').map((d: { dueDate: string }) => d.dueDate)).toEqual([appDate(t, 12)]);
    await send(t, 'holder', j.plotId, { type: 'FULFIL_AFTERCARE', index: 1, note: '已设立告示并纳入供地条件' });
    plot = await view(t, j.plotId);
    expect(plot.deadlines.filter((d: { kind: string }) => d.kind === 'aftercare')).toEqual([]);
    expect((await tasks()).find((x) => x.id === j.plotId)).toBeUndefined();
    expect((await watch()).some((x) => x.id === j.plotId)).toBe(false);
  });
});

/** A monitoring report with samples, uploaded by the holder (a cleared plot takes monitoring reports of new evidence). */
async function uploadMonitoring(t: TestApp, plotId: string, samples: typeof CLEAN): Promise<string> {
  return (await upload(t, 'holder', plotId, 'monitoring', {}, samples)).id;
}
