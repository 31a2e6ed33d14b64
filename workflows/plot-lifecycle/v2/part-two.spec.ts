import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor } from 'xstate';
import { refusingGuards } from '../../inspect';
import { registry } from '../../registry';
import { stateValueToPath } from '../../snapshots';
import { plotEvents } from '../v1/testing';
import { PLOT_GUARD_REASONS } from './labels';
import { plotLifecycleV2 } from './machine';
import * as partTwoGuards from './part-two-guards';
import {
  driveV2,
  enrich,
  ORG,
  panelPasses,
  PLOT_INPUT,
  reportV2,
  step,
  v2,
  V2_ACTORS as A,
  type PlotSnapshotV2,
  type Sent,
} from './testing';

/** The pure rules of part 2 of the law on plot-lifecycle v2 (土壤法 arts. 42, 45–48, 59, 62, 65, 68; HJ 25.1-2019). */

const pathOf = (s: PlotSnapshotV2) => stateValueToPath(s.value);
const refusedBy = (s: PlotSnapshotV2, event: Sent) => refusingGuards(s as never, enrich(event, s) as never)[0]?.name;
const start = (reason?: 'suspected' | 'useChange' | 'keyUnitLand') =>
  createActor(plotLifecycleV2, { input: { ...PLOT_INPUT, ...(reason ? { registrationReason: reason } : {}) } }).getSnapshot();

const preliminary = reportV2('preliminary_investigation', ORG.investigator, { id: 'r-pre', hasScreenedSamples: false });
const sampled = reportV2('preliminary_investigation', ORG.investigator, { id: 'r-pre-s' });
const detailed = reportV2('detailed_investigation', ORG.investigator, { id: 'r-det' });
const assessment = reportV2('risk_assessment', ORG.assessor, { id: 'r-ra' });
const evaluation = reportV2('effect_evaluation', ORG.evaluator, { id: 'r-ee' });
const monitoring = reportV2('monitoring', ORG.holder, { id: 'r-mon' });
const above = { screeningVerdict: 'above_screening' };
const listing = { conclusion: { riskAcceptable: false } };
const firstStage = (r = preliminary): Sent => ({ ...v2.submit(r, A.investigator), firstStageOnly: true });

const investigating: Sent[] = [v2.assign('investigation', ORG.investigator), v2.start()];
const toListed: Sent[] = [
  ...investigating,
  v2.submit(sampled, A.investigator),
  ...panelPasses(A.eeb, ORG.investigator),
  v2.approve(A.eeb, above),
  v2.approve(A.land, above),
  v2.submit(detailed, A.investigator),
  ...panelPasses(A.eeb, ORG.investigator),
  v2.approve(A.eeb),
  v2.approve(A.land),
  v2.assign('riskAssessment', ORG.assessor),
  v2.submit(assessment, A.assessor),
  v2.forward(),
  ...panelPasses(A.eebProv, ORG.assessor),
  v2.approve(A.eebProv, listing),
  v2.approve(A.landProv, listing),
  v2.priority(),
];
const controlPlan = (implementer?: string): Sent => ({
  ...(plotEvents.fileControlPlan() as unknown as Sent),
  ...(implementer ? { implementerOrganisationId: implementer, implementerRegistered: true } : {}),
});

describe('plot-lifecycle v2: why a plot enters (土壤法第五十九条、第六十七条; HJ 25.1-2019)', () => {
  it('a plot registered without a reason is a suspected plot', () => {
    expect(start().context.registrationReason).toBe('suspected');
  });

  it('HJ 25.1-2019: a suspected plot may not end its investigation at the first, non-sampling stage', () => {
    const s = driveV2(investigating, {}, start());
    expect(refusedBy(s, firstStage())).toBe('firstStageOnlyWhereLawAllows');
    expect(refusedBy(s, v2.submit(preliminary, A.investigator))).toBe('reportHasScreenedSamples');
  });

  it('土壤法第五十九条第二款; HJ 25.1-2019: a change-of-use plot with no possible source found ends at the first stage and is cleared', () => {
    for (const reason of ['useChange', 'keyUnitLand'] as const) {
      let s = driveV2([...investigating, firstStage()], {}, start(reason));
      expect(s.context.firstStageOnly).toBe(true);
      s = driveV2([...panelPasses(A.eeb, ORG.investigator), v2.approve(A.eeb), v2.approve(A.land)], {}, s);
      expect(pathOf(s)).toBe('cleared');
      expect(s.context.permittedLandClass).toBe(1);
    }
  });

  it('a change-of-use plot that samples goes on as any other: the screening decides', () => {
    const s = driveV2([...investigating, v2.submit(sampled, A.investigator), ...panelPasses(A.eeb, ORG.investigator), v2.approve(A.eeb, above), v2.approve(A.land, above)], {}, start('useChange'));
    expect(pathOf(s)).toBe('investigation.detailed.drafting');
    expect(s.context.firstStageOnly).toBe(false);
  });
});

describe('plot-lifecycle v2: who answers for the plot (土壤法第四十五条至第四十八条、第六十八条)', () => {
  const takeBack = (formerHolderResponsible: boolean, organiser: string = ORG.land): Sent => ({
    type: 'TAKE_BACK', actor: A.land, documentNumber: '上政土收〔2026〕3号', decidedOn: '2026-11-30',
    organiserOrganisationId: organiser, formerHolderResponsible, organiserEligible: true,
  });

  it('土壤法第六十八条: land taken back from the responsible holder — the organiser investigates, the government organises control, the former holder stays named', () => {
    const s = driveV2([takeBack(true)]);
    expect(s.context.holderOrganisationId).toBe(ORG.land);
    expect(s.context.parties).toEqual({
      formerHolders: [{ organisationId: ORG.holder, until: '2026-11-30', how: 'takenBack', documentNumber: '上政土收〔2026〕3号' }],
      responsible: { status: 'identified', organisationId: ORG.holder, documentNumber: '上政土收〔2026〕3号', decidedOn: '2026-11-30' },
      investigationDuty: ORG.land,
      controlDuty: ORG.land,
      controlBasis: 'government',
    });
  });

  it('土壤法第六十八条: land taken back from a holder the bureau had identified as responsible — the government organises control', () => {
    const identified: Sent = {
      type: 'RECORD_RESPONSIBLE_PARTY', actor: A.eeb, status: 'identified', organisationId: ORG.holder, documentNumber: '上环认〔2026〕1号',
      decidedOn: '2026-11-01', organisationsRegistered: true,
    };
    const s = driveV2([identified, takeBack(false)]);
    expect(s.context.parties).toMatchObject({ controlDuty: ORG.land, controlBasis: 'government', responsible: { organisationId: ORG.holder } });
    const other = driveV2([{ ...identified, organisationId: ORG.planner }, takeBack(false)]);
    expect(other.context.parties).toMatchObject({ investigationDuty: ORG.land, controlDuty: ORG.planner, controlBasis: 'responsibleParty' });
  });

  it('a taking back names its document, a day not after today, and an organiser other than the holder', () => {
    const s = driveV2([]);
    expect(refusedBy(s, { ...takeBack(false), documentNumber: ' ' })).toBe('documentNumberGiven');
    expect(refusedBy(s, { ...takeBack(false), decidedOn: '2026-12-02' })).toBe('actDateNotFuture');
    expect(refusedBy(s, takeBack(false, ORG.holder))).toBe('organiserEligible');
    expect(refusedBy(s, { ...takeBack(false), organiserEligible: false })).toBe('organiserEligible');
  });

  it('收回 and 转让 change who answers, never the stage; after release they are no longer events of the plot', () => {
    const s = driveV2([...investigating, takeBack(false)]);
    expect(pathOf(s)).toBe('investigation.preliminary.drafting');
    const cleared = driveV2([...investigating, firstStage(), ...panelPasses(A.eeb, ORG.investigator), v2.approve(A.eeb), v2.approve(A.land)], {}, start('useChange'));
    expect(pathOf(cleared)).toBe('cleared');
    expect(step(cleared, takeBack(false))).toBeUndefined();
  });

  it('42号令 (责任主体): after 转让 the party the contract names carries the duties; the transferor stays named', () => {
    const s = driveV2([{
      type: 'TRANSFER', actor: A.land, contractNumber: 'SJ-2026-017', transferredOn: '2026-11-30',
      transfereeOrganisationId: ORG.planner, agreedResponsibleOrganisationId: ORG.contractor, partiesRegistered: true,
    }]);
    expect(s.context.holderOrganisationId).toBe(ORG.planner);
    expect(s.context.parties).toMatchObject({ investigationDuty: ORG.contractor, controlDuty: ORG.contractor, controlBasis: 'contract', formerHolders: [{ organisationId: ORG.holder, how: 'transferred' }] });
  });

  const responsible = (status: string, extra: Record<string, unknown> = {}): Sent => ({
    type: 'RECORD_RESPONSIBLE_PARTY', actor: A.eeb, status, documentNumber: '上环认〔2026〕2号', decidedOn: '2026-11-30', organisationsRegistered: true, ...extra,
  });

  it('土壤法第四十五条第一款、第四十八条: an identified responsible party carries control and remediation; the holder still investigates', () => {
    const s = driveV2([responsible('identified', { organisationId: ORG.planner })]);
    expect(s.context.parties).toMatchObject({ investigationDuty: ORG.holder, controlDuty: ORG.planner, controlBasis: 'responsibleParty' });
  });

  it('土壤法第四十五条第一款: a responsible party that cannot be identified leaves the duties with the holder', () => {
    const s = driveV2([responsible('identified', { organisationId: ORG.planner }), responsible('unidentifiable')]);
    expect(s.context.parties).toMatchObject({ controlDuty: ORG.holder, controlBasis: 'holder', responsible: { status: 'unidentifiable', organisationId: null } });
  });

  it('责任主体灭失: the government organises through the organisation it names; identified as the former holder of land taken back, the government organises (第六十八条)', () => {
    expect(driveV2([responsible('extinct', { organiserOrganisationId: ORG.land })]).context.parties).toMatchObject({ controlDuty: ORG.land, controlBasis: 'government' });
    const s = driveV2([takeBack(false), responsible('identified', { organisationId: ORG.holder })]);
    expect(s.context.parties).toMatchObject({ controlDuty: ORG.land, controlBasis: 'government' });
  });

  it('土壤法第四十八条: an identification names the organisation; an extinct party, who organises for the government', () => {
    const s = driveV2([]);
    expect(refusedBy(s, responsible('identified'))).toBe('responsiblePartyComplete');
    expect(refusedBy(s, responsible('extinct'))).toBe('responsiblePartyComplete');
    expect(refusedBy(s, responsible('identified', { organisationId: ORG.planner, organisationsRegistered: false }))).toBe('responsiblePartyComplete');
  });
});

describe('plot-lifecycle v2: risk control (土壤法第六十二条、第六十五条)', () => {
  const underControl = (implementer?: string) => driveV2([...toListed, controlPlan(implementer)]);

  it('土壤法第六十二条: the effect evaluation is requested once the monitoring reports are on file', () => {
    const s = underControl();
    expect(refusedBy(s, plotEvents.requestEffectEvaluation() as unknown as Sent)).toBe('monitoringReportsFiled');
    const reported = driveV2([plotEvents.monitoring() as unknown as Sent], {}, s);
    expect(pathOf(driveV2([plotEvents.requestEffectEvaluation() as unknown as Sent], {}, reported))).toBe('listed.effectEvaluation.drafting');
  });

  it('土壤法第六十二条: the number of monitoring reports is the deployment\'s (reference/decision-steps.json controlMonitoringReportsMin): with 2, one report is not enough and two are', () => {
    const two = { limits: { investigationNoticeMonths: 6, effectEvaluationPublicMonths: 2, controlMonitoringReportsMin: 2, basis: {} } };
    const request = { ...(plotEvents.requestEffectEvaluation() as unknown as Sent), ...two };
    const once = driveV2([plotEvents.monitoring() as unknown as Sent], {}, underControl());
    expect(refusedBy(once, request)).toBe('monitoringReportsFiled');
    const twice = driveV2([plotEvents.monitoring() as unknown as Sent], {}, once);
    expect(pathOf(driveV2([request], {}, twice))).toBe('listed.effectEvaluation.drafting');
  });

  it('土壤法第六十五条: the builder of the control works may not evaluate their effect', () => {
    const s = driveV2([plotEvents.monitoring() as unknown as Sent, plotEvents.requestEffectEvaluation() as unknown as Sent], {}, underControl(ORG.contractor));
    expect(refusedBy(s, v2.assign('effectEvaluation', ORG.contractor))).toBe('evaluatorIndependentOfImplementer');
    expect(step(s, v2.assign('effectEvaluation', ORG.evaluator))).toBeDefined();
    expect(refusedBy(driveV2(toListed), { ...controlPlan(ORG.contractor), implementerRegistered: false })).toBe('implementerRegisteredIfNamed');
  });

  it('HJ 25.3: after risk control the permitted land class is no stricter than the assessed scenario', () => {
    const assessedForIndustry = driveV2([
      ...toListed.slice(0, 13),
      // The risk assessment of a second-class (industrial) planned use.
    ], {}, createActor(plotLifecycleV2, { input: { ...PLOT_INPUT, plannedLandClass: 2 } }).getSnapshot());
    const listed = driveV2([...toListed.slice(13), controlPlan(), plotEvents.monitoring() as unknown as Sent, plotEvents.requestEffectEvaluation() as unknown as Sent,
      v2.assign('effectEvaluation', ORG.evaluator), v2.submit(evaluation, A.evaluator), ...panelPasses(A.eeb, ORG.evaluator)], {}, assessedForIndustry);
    expect(listed.context.assessedLandClass).toBe(2);
    const asResidential = v2.approve(A.eeb, { conclusion: { targetsAchieved: true, permittedLandClass: 1 } });
    expect(step(listed, asResidential)).toBeUndefined();
    expect(refusingGuards(listed as never, enrich(asResidential, listed) as never).map((g) => g.name)).toContain('landClassWithinAssessedScenario');
    const asIndustrial = step(listed, v2.approve(A.eeb, { conclusion: { targetsAchieved: true, permittedLandClass: 2 } }));
    expect(asIndustrial && pathOf(asIndustrial)).toBe('listed.awaitingRemoval');
  });

  it('上政文〔2017〕147号 三（四）2: a risk-control plot is placed under one control zone; its monitoring is reported per planned medium', () => {
    const s = underControl();
    const zone = (monitoring: unknown[]): Sent => ({ type: 'PLACE_UNDER_CONTROL_ZONE', actor: A.eeb, noticeNumber: '上环告〔2026〕5号', signsPostedOn: '2026-11-30', monitoring });
    expect(refusedBy(s, zone([]))).toBe('zoneMonitoringPlanned');
    expect(refusedBy(s, zone([{ medium: 'soil', intervalMonths: 0 }]))).toBe('zoneMonitoringPlanned');
    const placed = driveV2([zone([{ medium: 'soil', intervalMonths: 12 }, { medium: 'air', intervalMonths: 3 }])], {}, s);
    expect(placed.context.controlZone?.monitoring).toEqual([
      { medium: 'soil', intervalMonths: 12, lastReportId: null, nextDueOn: '2027-11-30' },
      { medium: 'air', intervalMonths: 3, lastReportId: null, nextDueOn: '2027-02-28' },
    ]);
    expect(refusedBy(placed, zone([{ medium: 'soil', intervalMonths: 12 }]))).toBe('notUnderControlZone');
    const report = (medium: string): Sent => ({ type: 'RECORD_ZONE_MONITORING', actor: A.holder, medium, reportId: monitoring.id, report: monitoring });
    expect(refusedBy(placed, report('groundwater'))).toBe('zoneMonitoringOfPlannedMedium');
    const reported = driveV2([report('air')], {}, placed);
    expect(reported.context.controlZone?.monitoring[1]).toEqual({ medium: 'air', intervalMonths: 3, lastReportId: 'r-mon', nextDueOn: '2027-03-01' });
  });
});

describe('plot-lifecycle v2: reopening and aftercare (终身责任制; 土壤法第四十二条、第五十九条第二款)', () => {
  const cleared = () => driveV2([...investigating, firstStage(), ...panelPasses(A.eeb, ORG.investigator), v2.approve(A.eeb), v2.approve(A.land)], {}, start('useChange'));
  const reopen = (extra: Record<string, unknown>): Sent => ({ type: 'REOPEN', actor: A.eeb, note: '控规调整', plannedLandClass: 1, sensitiveUse: true, evidence: null, ...extra });

  it('土壤法第五十九条第二款: a cleared plot is reopened for a change to 住宅 and investigated again, sampling this time', () => {
    const s = cleared();
    expect(refusedBy(s, reopen({ reason: 'useChange', plannedUse: '工业用地', plannedLandClass: 2, sensitiveUse: false }))).toBe('reopenedForSensitiveUse');
    expect(refusedBy(s, reopen({ reason: 'useChange', plannedUse: '住宅', note: ' ' }))).toBe('reopeningExplained');
    const again = driveV2([reopen({ reason: 'useChange', plannedUse: '住宅' })], {}, s);
    expect(pathOf(again)).toBe('investigation.preliminary.drafting');
    expect(again.context).toMatchObject({
      permittedLandClass: null,
      firstStageOnly: false,
      approvedReportIds: ['r-pre'],
      reopenings: [{ on: '2026-12-01', reason: 'useChange', from: 'cleared', plannedUse: '住宅', evidenceReportId: null, note: '控规调整', permittedLandClass: 1 }],
    });
    // A reopened plot always samples.
    expect(refusedBy(again, firstStage(reportV2('preliminary_investigation', ORG.investigator, { id: 'r-pre-2', hasScreenedSamples: false })))).toBe('firstStageOnlyWhereLawAllows');
  });

  it('终身责任制: new evidence reopens only when it is a report of this plot above the screening values', () => {
    const s = cleared();
    const evidence = reportV2('monitoring', ORG.holder, { id: 'r-verify' });
    expect(refusedBy(s, reopen({ reason: 'newEvidence', evidence, evidenceVerdict: 'below_screening' }))).toBe('reopeningEvidenceAboveValues');
    expect(refusedBy(s, reopen({ reason: 'newEvidence', evidence: { ...evidence, plotId: 'plot-2' }, evidenceVerdict: 'above_screening' }))).toBe('reopeningEvidenceAboveValues');
    expect(pathOf(driveV2([reopen({ reason: 'newEvidence', evidence, evidenceReportId: 'r-verify', evidenceVerdict: 'above_intervention' })], {}, s))).toBe('investigation.preliminary.drafting');
  });

  it('土壤法第四十二条: aftercare obligations, set by a day after today, are fulfilled once each — monitoring with a monitoring report', () => {
    const s = cleared();
    expect(step(s, { type: 'ADD_AFTERCARE', actor: A.eeb, kind: 'monitoring', description: '地下水监测', dueOn: '2027-06-30' })).toBeUndefined();
    const released = driveV2([...toListed, plotEvents.fileRemediationPlan() as unknown as Sent, plotEvents.acknowledgeFiling() as unknown as Sent,
      plotEvents.startWorks() as unknown as Sent, plotEvents.completeWorks() as unknown as Sent, v2.assign('effectEvaluation', ORG.evaluator),
      v2.submit(evaluation, A.evaluator), ...panelPasses(A.eeb, ORG.evaluator), v2.approve(A.eeb, { conclusion: { targetsAchieved: true, permittedLandClass: 1 } })]);
    expect(pathOf(released)).toBe('listed.awaitingRemoval');
    const add = (extra: Record<string, unknown>): Sent => ({ type: 'ADD_AFTERCARE', actor: A.eeb, kind: 'monitoring', description: '地下水长期监测', dueOn: '2027-06-30', ...extra });
    expect(refusedBy(released, add({ dueOn: '2026-12-01' }))).toBe('aftercareWellFormed');
    const obliged = driveV2([add({}), add({ kind: 'institutionalControl', description: '禁止开采浅层地下水', restriction: '禁止开采浅层地下水' })], {}, released);
    const fulfil = (index: number, extra: Record<string, unknown> = {}): Sent => ({ type: 'FULFIL_AFTERCARE', actor: A.holder, index, note: '', report: null, ...extra });
    expect(refusedBy(obliged, fulfil(0))).toBe('aftercareEvidenceGiven');
    expect(refusedBy(obliged, fulfil(1))).toBe('aftercareEvidenceGiven');
    expect(refusedBy(obliged, fulfil(5, { note: '已落实' }))).toBe('aftercareOpen');
    const done = driveV2([fulfil(0, { reportId: 'r-mon', report: monitoring }), fulfil(1, { note: '已纳入供地条件' })], {}, obliged);
    expect(done.context.aftercare.map((o) => o.fulfilledOn)).toEqual(['2026-12-01', '2026-12-01']);
    expect(refusedBy(done, fulfil(0, { reportId: 'r-mon', report: monitoring }))).toBe('aftercareOpen');
  });
});

describe('plot-lifecycle v2: snapshots stored before part 2 (workflows/registry.ts)', () => {
  it('a v2 snapshot without the facts of part 2 restores with their defaults; a released one XState had marked done is active and can be reopened', () => {
    const s = driveV2([...investigating, firstStage(), ...panelPasses(A.eeb, ORG.investigator), v2.approve(A.eeb), v2.approve(A.land)], {}, start('useChange'));
    const persisted = plotLifecycleV2.getPersistedSnapshot(s) as unknown as { value: unknown; context: Record<string, unknown>; status: string };
    const { registrationReason: _r, parties: _p, firstStageOnly: _f, assessedLandClass: _a, reopenings: _o, aftercare: _c, controlZone: _z, ...before } = persisted.context;
    const restored = registry.restore({ machine: 'plot-lifecycle', version: 2, snapshot: { ...persisted, context: before, status: 'done', output: undefined } });
    expect(restored.snapshot.status).toBe('active');
    expect(restored.snapshot.context).toMatchObject({
      registrationReason: 'suspected',
      parties: { formerHolders: [], responsible: null, investigationDuty: ORG.holder, controlDuty: ORG.holder, controlBasis: 'holder' },
      reopenings: [],
      aftercare: [],
      controlZone: null,
    });
  });
});

describe('every refusal of part 2 names its source (issue 16: each rule names its article)', () => {
  // The reasons as the engine words them, with the time limits and their bases of reference/decision-steps.json.
  const { timeLimits } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'reference', 'decision-steps.json'), 'utf8')) as {
    timeLimits: Record<string, { value: number; basis: string }>;
  };
  const limits = Object.fromEntries(Object.entries(timeLimits).map(([k, v]) => [k, v.value]));
  const basis = Object.fromEntries(Object.entries(timeLimits).map(([k, v]) => [k, v.basis]));
  const event = { limits: { ...limits, basis } };
  // An article of a law or rule, a standard, the district's plan, or — for a record-keeping rule — the system itself.
  const SOURCE = /土壤法第|《[^》]+》|令第|HJ \d|GB[/ T]*\d|上政文|本系统/;
  const partTwo = Object.keys(partTwoGuards).filter((name) => typeof (partTwoGuards as Record<string, unknown>)[name] === 'function');

  it.each(partTwo)('%s: its reason names the article, standard or system rule it applies', (name) => {
    const reason = PLOT_GUARD_REASONS[name as keyof typeof PLOT_GUARD_REASONS];
    expect(reason).toBeDefined();
    const text = typeof reason === 'function' ? reason(event, { assessedLandClass: 2, publicityEndsOn: '2027-01-01' }) : reason;
    expect([name, text]).toEqual([name, expect.stringMatching(SOURCE)]);
  });
});
