import { createActor, type SnapshotFrom } from 'xstate';
import type { Actor, Bureau } from '../../types';
import { transitionFor } from '../../snapshots';
import type { PlotLifecycleInput } from './context';
import type { ConsultantWork, PlotLifecycleEvent, ReportFacts, ReportKind, ScreeningVerdict } from './events';
import { plotLifecycleV1 } from './machine';

/**
 * Builders of enriched plot-lifecycle events, as the engine would send them,
 * for the tests here and in the engine. Organisation ids are fixed so that
 * the independence rules (art. 65) hold unless a test breaks them on purpose.
 */
export const ORG = {
  holder: 'org-holder',
  investigator: 'org-investigator',
  assessor: 'org-assessor',
  planner: 'org-planner',
  contractor: 'org-contractor',
  evaluator: 'org-evaluator',
  eeb: 'org-eeb',
  land: 'org-land',
} as const;

export const PLOT_INPUT: PlotLifecycleInput = {
  plotId: 'plot-1',
  plannedLandClass: 1,
  holderOrganisationId: ORG.holder,
  jurisdiction: '410106',
};

const actor = (role: Actor['role'], organisationId: string): Actor => ({ userId: `user-${organisationId}`, role, organisationId });

export const ACTORS = {
  holder: actor('holder', ORG.holder),
  investigator: actor('consultant', ORG.investigator),
  assessor: actor('consultant', ORG.assessor),
  evaluator: actor('consultant', ORG.evaluator),
  eeb: actor('eeb', ORG.eeb),
  land: actor('land', ORG.land),
} as const;

/** The consultant fixed for each work, and the report kinds it writes. */
const CONSULTANT_FOR: Record<ConsultantWork, string> = {
  investigation: ORG.investigator,
  riskAssessment: ORG.assessor,
  effectEvaluation: ORG.evaluator,
};

export function report(kind: ReportKind, authorOrganisationId: string, overrides: Partial<ReportFacts> = {}): ReportFacts {
  return {
    id: `report-${kind}`,
    kind,
    plotId: PLOT_INPUT.plotId,
    authorOrganisationId,
    hasScreenedSamples: kind === 'preliminary_investigation' || kind === 'detailed_investigation',
    ...overrides,
  };
}

const WORK_OF_KIND: Partial<Record<ReportKind, ConsultantWork>> = {
  preliminary_investigation: 'investigation',
  detailed_investigation: 'investigation',
  risk_assessment: 'riskAssessment',
  effect_evaluation: 'effectEvaluation',
};

const consultantActor = (orgId: string): Actor => actor('consultant', orgId);

type Ev<T extends PlotLifecycleEvent['type']> = Extract<PlotLifecycleEvent, { type: T }>;

export const plotEvents = {
  issueNotice: (dueDate = '2026-06-30'): Ev<'ISSUE_INVESTIGATION_NOTICE'> => ({
    type: 'ISSUE_INVESTIGATION_NOTICE',
    actor: ACTORS.eeb,
    dueDate,
  }),
  assign: (work: ConsultantWork, orgId = CONSULTANT_FOR[work], organisationKind = 'consultant'): Ev<'ASSIGN_CONSULTANT'> => ({
    type: 'ASSIGN_CONSULTANT',
    actor: ACTORS.holder,
    orgId,
    work,
    organisationKind,
  }),
  startInvestigation: (): Ev<'START_INVESTIGATION'> => ({ type: 'START_INVESTIGATION', actor: ACTORS.holder }),
  /** A consultant submits the report of `kind` it wrote (by default the consultant fixed for that work). */
  submit: (kind: ReportKind, facts: Partial<ReportFacts> = {}): Ev<'SUBMIT_REPORT'> => {
    const work = WORK_OF_KIND[kind];
    const facts_ = report(kind, work ? CONSULTANT_FOR[work] : ORG.planner, facts);
    return { type: 'SUBMIT_REPORT', actor: consultantActor(facts_.authorOrganisationId), reportId: facts_.id, report: facts_ };
  },
  approve: (
    bureau: Bureau,
    enrichment: { screeningVerdict?: ScreeningVerdict; conclusion?: Ev<'APPROVE'>['conclusion'] } = {},
  ): Ev<'APPROVE'> => ({ type: 'APPROVE', actor: ACTORS[bureau], opinion: '同意', ...enrichment }),
  return: (bureau: Bureau, reason = '补充采样点位'): Ev<'RETURN'> => ({ type: 'RETURN', actor: ACTORS[bureau], reason }),
  setPriority: (negativeList: string[] = ['商业'], rank = 1): Ev<'SET_PRIORITY'> => ({
    type: 'SET_PRIORITY',
    actor: ACTORS.land,
    rank,
    negativeList,
  }),
  fileControlPlan: (facts: Partial<ReportFacts> = {}): Ev<'FILE_CONTROL_PLAN'> => {
    const plan = report('control_plan', ORG.planner, facts);
    return { type: 'FILE_CONTROL_PLAN', actor: ACTORS.holder, reportId: plan.id, report: plan };
  },
  fileRemediationPlan: (facts: Partial<ReportFacts> = {}): Ev<'FILE_REMEDIATION_PLAN'> => {
    const plan = report('remediation_plan', ORG.planner, facts);
    return { type: 'FILE_REMEDIATION_PLAN', actor: ACTORS.holder, reportId: plan.id, report: plan };
  },
  monitoring: (id = 'report-monitoring'): Ev<'SUBMIT_MONITORING_REPORT'> => {
    const facts = report('monitoring', ORG.planner, { id });
    return { type: 'SUBMIT_MONITORING_REPORT', actor: ACTORS.holder, reportId: id, report: facts };
  },
  acknowledgeFiling: (): Ev<'ACKNOWLEDGE_FILING'> => ({ type: 'ACKNOWLEDGE_FILING', actor: ACTORS.eeb }),
  startWorks: (contractorOrganisationId: string = ORG.contractor, contractorExists = true): Ev<'START_WORKS'> => ({
    type: 'START_WORKS',
    actor: ACTORS.holder,
    noticeBoard: {
      project: '某铝业原厂区地块土壤修复工程',
      contractorOrganisationId,
      measures: '基坑覆盖、雾炮降尘、渗滤液收集处理',
      contact: '0371-00000000',
      startDate: '2026-07-01',
      endDate: '2026-12-31',
    },
    contractorExists,
  }),
  completeWorks: (openTransports = 0): Ev<'COMPLETE_WORKS'> => ({ type: 'COMPLETE_WORKS', actor: ACTORS.holder, openTransports }),
  requestEffectEvaluation: (): Ev<'REQUEST_EFFECT_EVALUATION'> => ({ type: 'REQUEST_EFFECT_EVALUATION', actor: ACTORS.holder }),
  applyRemoval: (): Ev<'APPLY_REMOVAL'> => ({ type: 'APPLY_REMOVAL', actor: ACTORS.holder }),
};

/** Both bureaus approve, eeb first, with the same enrichment. */
export const approveJointly = (enrichment: Parameters<typeof plotEvents.approve>[1] = {}): PlotLifecycleEvent[] => [
  plotEvents.approve('eeb', enrichment),
  plotEvents.approve('land', enrichment),
];

type Scenario = readonly PlotLifecycleEvent[];

const preliminaryReview: Scenario = [
  plotEvents.assign('investigation'),
  plotEvents.startInvestigation(),
  plotEvents.submit('preliminary_investigation'),
];
const detailedDrafting: Scenario = [...preliminaryReview, ...approveJointly({ screeningVerdict: 'above_screening' })];
const riskAssessmentReview: Scenario = [
  ...detailedDrafting,
  plotEvents.submit('detailed_investigation'),
  ...approveJointly(),
  plotEvents.assign('riskAssessment'),
  plotEvents.submit('risk_assessment'),
];
const prioritization: Scenario = [...riskAssessmentReview, ...approveJointly({ conclusion: { riskAcceptable: false } })];
const riskControl: Scenario = [...prioritization, plotEvents.setPriority(), plotEvents.fileControlPlan()];
const remediationInProgress: Scenario = [
  ...prioritization,
  plotEvents.setPriority(),
  plotEvents.fileRemediationPlan(),
  plotEvents.acknowledgeFiling(),
  plotEvents.startWorks(),
];
const effectEvaluationReview: Scenario = [
  ...remediationInProgress,
  plotEvents.completeWorks(),
  plotEvents.assign('effectEvaluation'),
  plotEvents.submit('effect_evaluation'),
];
const removalReview: Scenario = [
  ...effectEvaluationReview,
  plotEvents.approve('eeb', { conclusion: { targetsAchieved: true, permittedLandClass: 1 } }),
  plotEvents.applyRemoval(),
];

/** Event sequences from registration to named stages, each event accepted. */
export const PLOT_SCENARIOS = {
  preliminaryReview,
  detailedDrafting,
  riskAssessmentReview,
  prioritization,
  riskControl,
  remediationInProgress,
  effectEvaluationReview,
  removalReview,
};

export type PlotSnapshot = SnapshotFrom<typeof plotLifecycleV1>;

export function initialPlotSnapshot(input: PlotLifecycleInput = PLOT_INPUT): PlotSnapshot {
  return createActor(plotLifecycleV1, { input }).getSnapshot();
}

/** Applies the events in order; throws naming the first one the machine does not accept. */
export function drivePlot(events: readonly PlotLifecycleEvent[], from: PlotSnapshot = initialPlotSnapshot()): PlotSnapshot {
  return events.reduce((snapshot, event, index) => {
    const { next, changed } = transitionFor(plotLifecycleV1, snapshot, event);
    if (!changed) throw new Error(`event #${index} ${event.type} was not accepted in ${JSON.stringify(snapshot.value)}`);
    return next;
  }, from);
}
