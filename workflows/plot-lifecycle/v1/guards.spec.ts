import { initialPlotContext, type PlotLifecycleContext } from './context';
import type { PlotLifecycleEvent } from './events';
import { plotLifecycleGuards, REQUIRED_BUREAUS, type PlotGuardArgs } from './guards';
import { ACTORS, ORG, PLOT_INPUT, plotEvents } from './testing';

type GuardName = keyof typeof plotLifecycleGuards;

interface Edge {
  context?: Partial<PlotLifecycleContext>;
  event: PlotLifecycleEvent;
}

interface GuardCase {
  title: string;
  guard: GuardName;
  params?: object;
  pass: Edge[];
  fail: Edge[];
}

const approval = { userId: 'user-org-eeb', organisationId: ORG.eeb, opinion: '同意' };
const withInvestigator = { consultants: { investigation: ORG.investigator } };
const preliminary = plotEvents.submit('preliminary_investigation');
const board = plotEvents.startWorks().noticeBoard;

/** One row per guard: the passing and the failing edges of the rule. */
const CASES: GuardCase[] = [
  {
    title: '土壤法 art. 43: only a registered third-party organisation can be commissioned',
    guard: 'organisationIsConsultant',
    pass: [{ event: plotEvents.assign('investigation') }],
    fail: [{ event: plotEvents.assign('investigation', ORG.holder, 'holder') }],
  },
  {
    title: '土壤法 art. 65: evaluator must not be the implementer (另行委托)',
    guard: 'evaluatorIndependentOfImplementer',
    pass: [
      { event: plotEvents.assign('effectEvaluation'), context: { worksContractorOrgId: ORG.contractor, planAuthorOrgIds: [ORG.planner] } },
      { event: plotEvents.assign('investigation', ORG.contractor), context: { worksContractorOrgId: ORG.contractor } },
      { event: plotEvents.submit('effect_evaluation'), context: { worksContractorOrgId: ORG.contractor } },
    ],
    fail: [
      { event: plotEvents.assign('effectEvaluation', ORG.contractor), context: { worksContractorOrgId: ORG.contractor } },
      { event: plotEvents.assign('effectEvaluation', ORG.planner), context: { planAuthorOrgIds: [ORG.planner] } },
      {
        event: plotEvents.submit('effect_evaluation', { authorOrganisationId: ORG.contractor }),
        context: { worksContractorOrgId: ORG.contractor },
      },
    ],
  },
  {
    title: '土壤法 arts. 43, 59: an investigation starts only with a commissioned third party',
    guard: 'investigationConsultantAssigned',
    pass: [{ event: plotEvents.startInvestigation(), context: withInvestigator }],
    fail: [{ event: plotEvents.startInvestigation(), context: { consultants: { riskAssessment: ORG.assessor } } }],
  },
  {
    title: '土壤法 art. 59: a filing names an uploaded report',
    guard: 'reportExists',
    pass: [{ event: preliminary }],
    fail: [
      { event: { ...preliminary, report: null } },
      { event: { ...preliminary, reportId: 'another-report' } },
    ],
  },
  {
    title: 'HJ 25.1–25.6: each stage files the report of its own kind',
    guard: 'reportKindIs',
    params: { kind: 'preliminary_investigation' },
    pass: [{ event: preliminary }],
    fail: [{ event: plotEvents.submit('detailed_investigation') }, { event: { ...preliminary, report: null } }],
  },
  {
    title: '土壤法 art. 59: the report concerns this plot',
    guard: 'reportBelongsToPlot',
    pass: [{ event: preliminary }],
    fail: [{ event: plotEvents.submit('preliminary_investigation', { plotId: 'plot-2' }) }],
  },
  {
    title: '土壤法 art. 43: only the consultant commissioned for the work submits its report',
    guard: 'reportByAssignedConsultant',
    params: { work: 'investigation' },
    pass: [{ event: preliminary, context: withInvestigator }],
    fail: [
      { event: preliminary, context: { consultants: {} } },
      { event: plotEvents.submit('preliminary_investigation', { authorOrganisationId: ORG.assessor }), context: withInvestigator },
    ],
  },
  {
    title: '土壤法 art. 36, GB 36600 §5.3: an investigation report carries screened sample data',
    guard: 'reportHasScreenedSamples',
    pass: [{ event: preliminary }],
    fail: [{ event: plotEvents.submit('preliminary_investigation', { hasScreenedSamples: false }) }],
  },
  {
    title: '土壤法 arts. 59, 65: only the bureaus that review the stage decide it',
    guard: 'isRequiredReviewer',
    params: { stage: 'effectEvaluation' },
    pass: [{ event: plotEvents.approve('eeb') }],
    fail: [{ event: plotEvents.approve('land') }, { event: { ...plotEvents.approve('eeb'), actor: ACTORS.holder } }],
  },
  {
    title: '会同评审: each bureau gives one opinion per round',
    guard: 'bureauHasNotApproved',
    pass: [{ event: plotEvents.approve('land'), context: { approvals: { eeb: approval } } }],
    fail: [
      { event: plotEvents.approve('eeb'), context: { approvals: { eeb: approval } } },
      { event: { ...plotEvents.approve('eeb'), actor: ACTORS.investigator } },
    ],
  },
  {
    title: '土壤法 arts. 59, 61, 66: the review ends when every required bureau has approved (会同)',
    guard: 'allRequiredBureausApproved',
    params: { stage: 'riskAssessment' },
    pass: [{ event: plotEvents.approve('land'), context: { approvals: { eeb: approval } } }],
    fail: [{ event: plotEvents.approve('eeb') }, { event: plotEvents.approve('land') }],
  },
  {
    title: 'GB 36600 §5.3.2, 土壤法 art. 90: only a below-screening verdict clears a plot at the preliminary stage',
    guard: 'samplesBelowScreening',
    pass: [{ event: plotEvents.approve('eeb', { screeningVerdict: 'below_screening' }) }],
    fail: [
      { event: plotEvents.approve('eeb', { screeningVerdict: 'above_screening' }) },
      { event: plotEvents.approve('eeb', { screeningVerdict: 'above_intervention' }) },
      { event: plotEvents.approve('eeb') },
    ],
  },
  {
    title: 'GB 36600 §5.3.3: above the screening values a detailed investigation follows',
    guard: 'samplesAboveScreening',
    pass: [
      { event: plotEvents.approve('eeb', { screeningVerdict: 'above_screening' }) },
      { event: plotEvents.approve('eeb', { screeningVerdict: 'above_intervention' }) },
    ],
    fail: [{ event: plotEvents.approve('eeb', { screeningVerdict: 'below_screening' }) }, { event: plotEvents.approve('eeb') }],
  },
  {
    title: '土壤法 arts. 60–61: an acceptable risk ends the process without listing',
    guard: 'riskAcceptable',
    pass: [{ event: plotEvents.approve('eeb', { conclusion: { riskAcceptable: true } }) }],
    fail: [{ event: plotEvents.approve('eeb', { conclusion: { riskAcceptable: false } }) }, { event: plotEvents.approve('eeb') }],
  },
  {
    title: '土壤法 art. 61: an unacceptable risk puts the plot on the register',
    guard: 'riskUnacceptable',
    pass: [{ event: plotEvents.approve('eeb', { conclusion: { riskAcceptable: false } }) }],
    fail: [{ event: plotEvents.approve('eeb', { conclusion: { riskAcceptable: true } }) }, { event: plotEvents.approve('eeb') }],
  },
  {
    title: '土壤法 art. 66: targets achieved allow an application for removal',
    guard: 'targetsAchieved',
    pass: [{ event: plotEvents.approve('eeb', { conclusion: { targetsAchieved: true } }) }],
    fail: [{ event: plotEvents.approve('eeb', { conclusion: { targetsAchieved: false } }) }, { event: plotEvents.approve('eeb') }],
  },
  {
    title: '土壤法 art. 66: targets not achieved keep the plot under its works',
    guard: 'targetsNotAchieved',
    pass: [{ event: plotEvents.approve('eeb', { conclusion: { targetsAchieved: false } }) }],
    fail: [{ event: plotEvents.approve('eeb', { conclusion: { targetsAchieved: true } }) }, { event: plotEvents.approve('eeb') }],
  },
  {
    title: '土壤法 art. 66, GB 36600 §4: the evaluation states the permitted land class',
    guard: 'landClassConcluded',
    pass: [
      { event: plotEvents.approve('eeb', { conclusion: { permittedLandClass: 1 } }) },
      { event: plotEvents.approve('eeb', { conclusion: { permittedLandClass: 2 } }) },
    ],
    fail: [{ event: plotEvents.approve('eeb', { conclusion: { targetsAchieved: true } }) }],
  },
  {
    title: '土壤法 arts. 62–64: a failed evaluation returns to the works the plot was under',
    guard: 'worksStageIs',
    params: { stage: 'remediation' },
    pass: [{ event: plotEvents.approve('eeb'), context: { worksStage: 'remediation' } }],
    fail: [{ event: plotEvents.approve('eeb'), context: { worksStage: 'riskControl' } }],
  },
  {
    title: '评审意见（退回）: a return states its reason',
    guard: 'reasonGiven',
    pass: [{ event: plotEvents.return('eeb', '补充地下水采样') }],
    fail: [{ event: plotEvents.return('eeb', '   ') }, { event: plotEvents.return('eeb', '') }],
  },
  {
    title: '土壤法 art. 40: works start only with a complete notice board (公告牌)',
    guard: 'noticeBoardComplete',
    pass: [{ event: plotEvents.startWorks() }],
    fail: (['project', 'contractorOrganisationId', 'measures', 'contact', 'startDate', 'endDate'] as const).map((field) => ({
      event: { ...plotEvents.startWorks(), noticeBoard: { ...board, [field]: ' ' } },
    })),
  },
  {
    title: '土壤法 art. 43: the works contractor is a registered organisation',
    guard: 'contractorRegistered',
    pass: [{ event: plotEvents.startWorks() }],
    fail: [{ event: plotEvents.startWorks(ORG.contractor, false) }],
  },
  {
    title: '土壤法 art. 41: works cannot complete while a soil transport is open',
    guard: 'noOpenTransports',
    pass: [{ event: plotEvents.completeWorks(0) }],
    fail: [{ event: plotEvents.completeWorks(1) }],
  },
];

const argsOf = ({ context, event }: Edge): PlotGuardArgs => ({
  context: { ...initialPlotContext(PLOT_INPUT), ...context },
  event,
});

const check = (name: GuardName, edge: Edge, params?: object): boolean =>
  (plotLifecycleGuards[name] as (args: PlotGuardArgs, params?: object) => boolean)(argsOf(edge), params);

describe.each(CASES)('$title', ({ guard, params, pass, fail }) => {
  it.each(pass.map((edge, i) => [i, edge] as const))(`${guard} holds on passing edge #%i`, (_i, edge) => {
    expect(check(guard, edge, params)).toBe(true);
  });
  it.each(fail.map((edge, i) => [i, edge] as const))(`${guard} refuses failing edge #%i`, (_i, edge) => {
    expect(check(guard, edge, params)).toBe(false);
  });
});

describe('guard table', () => {
  it('has a row for every guard of the machine', () => {
    expect(CASES.map((c) => c.guard).sort()).toEqual(Object.keys(plotLifecycleGuards).sort());
  });

  it('会同: joint stages need eeb and land, the effect evaluation eeb alone (土壤法 arts. 59, 61, 65, 66)', () => {
    expect(REQUIRED_BUREAUS).toEqual({
      preliminary: ['eeb', 'land'],
      detailed: ['eeb', 'land'],
      riskAssessment: ['eeb', 'land'],
      effectEvaluation: ['eeb'],
      removalReview: ['eeb', 'land'],
    });
  });
});
