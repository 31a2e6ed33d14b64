import { refusingGuards } from '../../inspect';
import { stateValueToPath } from '../../snapshots';
import { plotEvents } from '../v1/testing';
import { plotLifecycleGuards } from './guards';
import { actions } from './actions';
import { plotLifecycleV2 } from './machine';
import {
  driveV2,
  enrich,
  EXPERTS,
  ORG,
  panelPasses,
  reportV2,
  step,
  v2,
  V2_ACTORS as A,
  type DriverOptions,
  type PlotSnapshotV2,
  type Sent,
} from './testing';

const pathOf = (s: PlotSnapshotV2) => stateValueToPath(s.value);
const preliminary = reportV2('preliminary_investigation', ORG.investigator, { id: 'r-pre' });
const detailed = reportV2('detailed_investigation', ORG.investigator, { id: 'r-det' });
const assessment = reportV2('risk_assessment', ORG.assessor, { id: 'r-ra' });
const evaluation = reportV2('effect_evaluation', ORG.evaluator, { id: 'r-ee' });
const above = { screeningVerdict: 'above_screening' };
const listing = { conclusion: { riskAcceptable: false } };
const achieved = { conclusion: { targetsAchieved: true, permittedLandClass: 1 } };

const toDetailed: Sent[] = [
  v2.notice(),
  v2.assign('investigation', ORG.investigator),
  v2.start(),
  v2.submit(preliminary, A.investigator),
  ...panelPasses(A.eeb, ORG.investigator),
  v2.approve(A.eeb, above),
  v2.approve(A.land, above),
];
const toRiskAssessmentReview: Sent[] = [
  ...toDetailed,
  v2.submit(detailed, A.investigator),
  ...panelPasses(A.eeb, ORG.investigator),
  v2.approve(A.land),
  v2.approve(A.eeb),
  v2.assign('riskAssessment', ORG.assessor),
  v2.submit(assessment, A.assessor),
];
const provinceLists: Sent[] = [v2.forward(), ...panelPasses(A.eebProv, ORG.assessor), v2.approve(A.eebProv, listing), v2.approve(A.landProv, listing)];
const toEffectEvaluationReview = (lists: Sent[]): Sent[] => [
  ...toRiskAssessmentReview,
  ...lists,
  v2.priority(),
  plotEvents.fileRemediationPlan() as unknown as Sent,
  plotEvents.acknowledgeFiling() as unknown as Sent,
  plotEvents.startWorks() as unknown as Sent,
  plotEvents.completeWorks() as unknown as Sent,
  v2.assign('effectEvaluation', ORG.evaluator),
  v2.submit(evaluation, A.evaluator),
];
const toAwaitingRemoval = (lists: Sent[]): Sent[] => [
  ...toEffectEvaluationReview(lists),
  ...panelPasses(A.eeb, ORG.evaluator),
  v2.approve(A.eeb, achieved),
  v2.disclose('effectEvaluation', '2026-09-30'),
];

/** The guard that refuses `event` in `snapshot`, as the engine names it in its 422. */
function refusedBy(snapshot: PlotSnapshotV2, event: Sent, opts: DriverOptions = {}): string | undefined {
  return refusingGuards(snapshot as never, enrich(event, snapshot, opts) as never)[0]?.name;
}

describe('plot-lifecycle v2: levels of government (土壤法 arts. 59–61, 66; DESIGN §1.1)', () => {
  it('the whole law: the district reviews the investigations, the province reviews the risk assessment, lists, and removes after the publicity period', () => {
    let s = driveV2(toAwaitingRemoval(provinceLists));
    expect(pathOf(s)).toBe('listed.awaitingRemoval');
    expect(s.context.approvedReportIds).toEqual(['r-pre', 'r-det', 'r-ra', 'r-ee']);
    s = driveV2(
      [
        { type: 'APPLY_REMOVAL', actor: A.holder },
        v2.forward(),
        v2.approve(A.eebProv, { publicityEndsOn: '2026-12-08' }),
        v2.approve(A.landProv, { publicityEndsOn: '2026-12-08' }),
      ],
      {},
      s,
    );
    expect(pathOf(s)).toBe('listed.removalPublicity');
    expect(s.context.publicityEndsOn).toBe('2026-12-08');
    s = driveV2([v2.endPublicity(A.eebProv)], { today: '2026-12-09' }, s);
    expect(pathOf(s)).toBe('released');
    expect(s.context.permittedLandClass).toBe(1);
  });

  it('土壤法第六十条: a risk assessment decided by the province is reviewed only once the district forwarded (报送) it', () => {
    const s = driveV2(toRiskAssessmentReview);
    expect(refusedBy(s, v2.panel(A.eebProv, EXPERTS, ORG.assessor))).toBe('forwardedIfDecidedAbove');
    expect(refusedBy(s, v2.approve(A.eebProv, listing))).toBe('forwardedIfDecidedAbove');
    const forwarded = driveV2([v2.forward()], {}, s);
    expect(step(forwarded, v2.forward())).toBeUndefined();
    expect(refusedBy(forwarded, v2.forward())).toBe('notYetForwarded');
  });

  it('DESIGN §1.1: a step decided at the district needs no forwarding', () => {
    const s = driveV2(toDetailed.slice(0, 4));
    expect(pathOf(s)).toBe('investigation.preliminary.underReview');
    expect(refusedBy(s, v2.forward())).toBe('decidedAboveDistrict');
  });
});

describe('plot-lifecycle v2: decisions taken outside the system are recorded by the district (DESIGN §1.1)', () => {
  const recorded: DriverOptions = { modes: { riskAssessmentReview: 'recorded', removal: 'recorded' } };

  it('the province does not decide in the system; the district records its decision with number, date and scan, and the data still decide', () => {
    const s = driveV2([...toRiskAssessmentReview, v2.forward()], recorded);
    expect(refusedBy(s, v2.approve(A.eebProv, listing), recorded)).toBe('decidedInSystem');
    expect(refusedBy(s, v2.record('approved', { ...listing, scan: null }), recorded)).toBe('decisionScanAttached');
    expect(refusedBy(s, v2.record('approved', { ...listing, documentNumber: ' ' }), recorded)).toBe('decisionDocumentGiven');
    expect(refusedBy(s, v2.record('approved', { ...listing, decisionDate: '2026-12-02' }), recorded)).toBe('decisionDateNotFuture');
    // Approved, but the report's conclusion is missing: no branch decides.
    expect(step(s, v2.record('approved'), recorded)).toBeUndefined();
    const listed = driveV2([v2.record('approved', listing)], recorded, s);
    expect(pathOf(listed)).toBe('listed.prioritization');
    expect(listed.context.approvedReportIds).toContain('r-ra');
  });

  it('a recorded refusal returns the stage with its reason', () => {
    const s = driveV2([...toRiskAssessmentReview, v2.forward()], recorded);
    expect(refusedBy(s, v2.record('returned', { reason: '' }), recorded)).toBe('reasonGiven');
    expect(pathOf(driveV2([v2.record('returned')], recorded, s))).toBe('riskAssessment.drafting');
  });

  it('in-system mode refuses a recorded decision', () => {
    const s = driveV2([...toRiskAssessmentReview, v2.forward()]);
    expect(refusedBy(s, v2.record('approved', listing))).toBe('decisionRecorded');
  });

  it('the whole law again in the recorded mode: listing and removal recorded, removal takes effect after its publicity', () => {
    const recordedLists = [v2.forward(), v2.record('approved', listing)];
    let s = driveV2(toAwaitingRemoval(recordedLists), recorded);
    s = driveV2(
      [{ type: 'APPLY_REMOVAL', actor: A.holder }, v2.forward(), v2.record('approved', { publicityEndsOn: '2026-12-08' })],
      recorded,
      s,
    );
    expect(pathOf(s)).toBe('listed.removalPublicity');
    expect(refusedBy(s, v2.endPublicity(A.eeb), { ...recorded, today: '2026-12-08' })).toBe('publicityPeriodOver');
    expect(pathOf(driveV2([v2.endPublicity(A.eeb)], { ...recorded, today: '2026-12-09' }, s))).toBe('released');
  });
});

describe('plot-lifecycle v2: expert review (环办土壤〔2019〕63号)', () => {
  const underReview = () => driveV2(toDetailed.slice(0, 4));

  it('the decision waits for the panel: no approval before the panel concluded', () => {
    expect(refusedBy(underReview(), v2.approve(A.eeb, above))).toBe('panelReviewDone');
  });

  it('回避: no expert from the report author, the commissioning holder or the works contractor', () => {
    const s = underReview();
    const withAuthor = [...EXPERTS.slice(0, 2), { name: '钱工', organisationId: ORG.investigator }];
    const withHolder = [...EXPERTS.slice(0, 2), { name: '孙工', organisationId: ORG.holder }];
    expect(refusedBy(s, v2.panel(A.eeb, withAuthor, ORG.investigator))).toBe('panelFreeOfConflicts');
    expect(refusedBy(s, v2.panel(A.eeb, withHolder, ORG.investigator))).toBe('panelFreeOfConflicts');
    const atEvaluation = driveV2(toEffectEvaluationReview(provinceLists));
    const withContractor = [...EXPERTS.slice(0, 2), { name: '周工', organisationId: ORG.contractor }];
    expect(refusedBy(atEvaluation, v2.panel(A.eeb, withContractor, ORG.evaluator))).toBe('panelFreeOfConflicts');
  });

  it('a panel has at least three different registered experts', () => {
    const s = underReview();
    expect(refusedBy(s, v2.panel(A.eeb, EXPERTS.slice(0, 2), ORG.investigator))).toBe('panelLargeEnough');
    expect(refusedBy(s, v2.panel(A.eeb, [...EXPERTS.slice(0, 2), EXPERTS[0]], ORG.investigator))).toBe('panelLargeEnough');
    expect(refusedBy(s, v2.panel(A.eeb, EXPERTS, ORG.investigator, 1))).toBe('expertsRegistered');
  });

  it('each expert gives one opinion, an expert user only their own; the panel concludes after all of them', () => {
    let s = driveV2([v2.panel(A.eeb, EXPERTS, ORG.investigator)], {}, underReview());
    expect(refusedBy(s, v2.conclude(A.eeb, 'pass'))).toBe('everyExpertGaveOpinion');
    expect(refusedBy(s, v2.opinion(A.expert, 1))).toBe('expertOnPanel');
    s = driveV2([v2.opinion(A.expert, 0, '同意，建议补充地下水监测')], {}, s);
    expect(refusedBy(s, v2.opinion(A.eeb, 0))).toBe('expertHasNotGivenOpinion');
    s = driveV2([v2.opinion(A.eeb, 1), v2.opinion(A.eeb, 2), v2.conclude(A.eeb, 'pass')], {}, s);
    expect(s.context.review.panel).toMatchObject({ conclusion: 'pass', opinions: { 0: '同意，建议补充地下水监测' } });
  });

  it('修改后通过: the revised report, linked to the one under review, is checked by the bureau before the decision takes effect', () => {
    let s = driveV2(
      [v2.panel(A.eeb, EXPERTS, ORG.investigator), ...EXPERTS.map((_, i) => v2.opinion(A.eeb, i)), v2.conclude(A.eeb, 'passWithRevisions')],
      {},
      underReview(),
    );
    expect(refusedBy(s, v2.approve(A.eeb, above))).toBe('panelReviewDone');
    const unlinked = reportV2('preliminary_investigation', ORG.investigator, { id: 'r-pre-2' });
    expect(refusedBy(s, v2.revision(unlinked, A.investigator))).toBe('revisesReportUnderReview');
    const revised = { ...unlinked, revisesReportId: 'r-pre' };
    s = driveV2([v2.revision(revised, A.investigator)], {}, s);
    expect(refusedBy(s, v2.approve(A.eeb, above))).toBe('panelReviewDone');
    s = driveV2([v2.acceptRevision(A.eeb), v2.approve(A.eeb, above), v2.approve(A.land, above)], {}, s);
    expect(pathOf(s)).toBe('investigation.detailed.drafting');
    expect(s.context.approvedReportIds).toEqual(['r-pre-2']);
  });

  it('不通过 returns the stage and ends the round', () => {
    const s = driveV2(
      [v2.panel(A.eeb, EXPERTS, ORG.investigator), ...EXPERTS.map((_, i) => v2.opinion(A.eeb, i)), v2.conclude(A.eeb, 'fail')],
      {},
      underReview(),
    );
    expect(pathOf(s)).toBe('investigation.preliminary.drafting');
    expect(s.context.review).toEqual({ forwarded: null, panel: null, revision: null });
    expect(s.context.approvedReportIds).toEqual([]);
  });
});

describe('plot-lifecycle v2: time limits and disclosure (《污染地块土壤环境管理办法（试行）》)', () => {
  it('the investigation notice allows at most six months and no date in the past', () => {
    const s = driveV2([]);
    expect(refusedBy(s, v2.notice('2026-12-01'))).toBe('dueDateNotPast');
    expect(refusedBy(s, v2.notice('2027-06-02'))).toBe('dueDateWithinNoticeLimit');
    expect(step(s, v2.notice('2027-06-01'))?.context.investigationDueDate).toBe('2027-06-01');
  });

  it('removal is applied for only after the effect evaluation report has been public for two months', () => {
    const s = driveV2(toAwaitingRemoval(provinceLists).slice(0, -1));
    expect(refusedBy(s, { type: 'APPLY_REMOVAL', actor: A.holder })).toBe('effectEvaluationPublicLongEnough');
    const recent = driveV2([v2.disclose('effectEvaluation', '2026-10-02')], {}, s);
    expect(refusedBy(recent, { type: 'APPLY_REMOVAL', actor: A.holder })).toBe('effectEvaluationPublicLongEnough');
    const longEnough = driveV2([v2.disclose('effectEvaluation', '2026-10-01')], {}, s);
    expect(pathOf(driveV2([{ type: 'APPLY_REMOVAL', actor: A.holder }], {}, longEnough))).toBe('listed.removalReview');
  });

  it('the holder discloses a submitted report, on a date not in the future, at a named place', () => {
    const s = driveV2(toDetailed.slice(0, 3));
    expect(refusedBy(s, v2.disclose('investigation', '2026-11-20'))).toBe('disclosedReportSubmitted');
    const submitted = driveV2([v2.submit(preliminary, A.investigator)], {}, s);
    expect(refusedBy(submitted, v2.disclose('investigation', '2026-12-02'))).toBe('publishedOnNotFuture');
    expect(refusedBy(submitted, { ...v2.disclose('investigation', '2026-11-20'), place: ' ' })).toBe('disclosurePlaceGiven');
    const disclosed = driveV2([v2.disclose('investigation', '2026-11-20')], {}, submitted);
    expect(disclosed.context.disclosures.investigation).toEqual({ reportId: 'r-pre', publishedOn: '2026-11-20', place: 'https://example.invalid/gongkai' });
  });

  it('an objection during the publicity period sends the plot back to apply again', () => {
    const s = driveV2([
      ...toAwaitingRemoval(provinceLists),
      { type: 'APPLY_REMOVAL', actor: A.holder },
      v2.forward(),
      v2.approve(A.eebProv, { publicityEndsOn: '2026-12-08' }),
      v2.approve(A.landProv, { publicityEndsOn: '2026-12-08' }),
    ]);
    const back = driveV2([v2.ret(A.eebProv, '公示期间收到异议，经核实需补充监测')], {}, s);
    expect(pathOf(back)).toBe('listed.awaitingRemoval');
    expect(back.context).toMatchObject({ removalRefused: true, publicityEndsOn: null });
  });
});

describe('plot-lifecycle v2: the definition', () => {
  function guardNames(guard: unknown): string[] {
    if (typeof guard === 'string') return [guard];
    if (typeof guard === 'function') return ((guard as { guards?: unknown[] }).guards ?? []).flatMap(guardNames);
    if (guard && typeof guard === 'object' && 'type' in guard) return [String((guard as { type: string }).type)];
    return [];
  }

  it('every guard and action the statechart names is implemented', () => {
    const guards = new Set<string>();
    const named = new Set<string>();
    const visit = (node: { transitions: Map<string, { guard?: unknown; actions: unknown[] }[]>; entry: unknown[]; exit: unknown[]; states: Record<string, never> }) => {
      for (const list of node.transitions.values()) {
        for (const t of list) {
          guardNames(t.guard).forEach((g) => guards.add(g));
          t.actions.forEach((a) => typeof a === 'string' && named.add(a));
        }
      }
      [...node.entry, ...node.exit].forEach((a) => typeof a === 'string' && named.add(a));
      Object.values(node.states).forEach(visit);
    };
    visit(plotLifecycleV2.root as never);
    expect([...guards].filter((g) => !(g in plotLifecycleGuards))).toEqual([]);
    expect([...named].filter((a) => !(a in actions))).toEqual([]);
    expect(guards.size).toBeGreaterThan(40);
  });
});
