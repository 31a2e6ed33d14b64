import { bureauOf, type Bureau } from '../../types';
import type { PlotLifecycleContext, WorksStage } from './context';
import type { ConsultantWork, NoticeBoard, PlotLifecycleEvent, ReportFacts, ReportKind } from './events';

/**
 * Guards of the plot lifecycle: one rule each, pure functions of the context
 * and the (enriched) event. The doc comment of each names its legal basis.
 */
export interface PlotGuardArgs {
  context: PlotLifecycleContext;
  event: PlotLifecycleEvent;
}

/** The stages that end in a review by the bureaus. */
export type ReviewStage = 'preliminary' | 'detailed' | 'riskAssessment' | 'effectEvaluation' | 'removalReview';

/**
 * 会同: the investigation and risk-assessment reports and the removal are
 * reviewed jointly by 生态环境 and 自然资源 (土壤法 arts. 59, 61, 66); the
 * effect evaluation is filed with 生态环境 only (art. 65).
 */
export const REQUIRED_BUREAUS: Record<ReviewStage, readonly Bureau[]> = {
  preliminary: ['eeb', 'land'],
  detailed: ['eeb', 'land'],
  riskAssessment: ['eeb', 'land'],
  effectEvaluation: ['eeb'],
  removalReview: ['eeb', 'land'],
};

function reportOf(event: PlotLifecycleEvent): ReportFacts | null {
  return 'report' in event ? event.report : null;
}

function senderBureau(event: PlotLifecycleEvent): Bureau | null {
  return bureauOf(event.actor.role);
}

/** An effect evaluator must be neither the works contractor nor a plan author. */
function isIndependentOfImplementer(context: PlotLifecycleContext, orgId: string): boolean {
  return orgId !== context.worksContractorOrgId && !context.planAuthorOrgIds.includes(orgId);
}

/**
 * 土壤法 art. 43: investigation, assessment and evaluation are done by a unit
 * with the professional capacity — a registered third-party organisation.
 */
export function organisationIsConsultant({ event }: PlotGuardArgs): boolean {
  return event.type === 'ASSIGN_CONSULTANT' && event.organisationKind === 'consultant';
}

/**
 * 土壤法 art. 65: the effect of risk control or remediation is evaluated by a
 * unit commissioned separately (另行委托) — not the works contractor and not the
 * author of the control or remediation plan. Checked when the evaluator is
 * commissioned and again when its report is submitted; other work passes.
 */
export function evaluatorIndependentOfImplementer({ context, event }: PlotGuardArgs): boolean {
  if (event.type === 'ASSIGN_CONSULTANT') {
    return event.work !== 'effectEvaluation' || isIndependentOfImplementer(context, event.orgId);
  }
  const report = reportOf(event);
  if (report?.kind !== 'effect_evaluation') return true;
  return isIndependentOfImplementer(context, report.authorOrganisationId);
}

/** 土壤法 arts. 43, 59: the investigation is done by a commissioned third party. */
export function investigationConsultantAssigned({ context }: PlotGuardArgs): boolean {
  return context.consultants.investigation !== undefined;
}

/** 土壤法 arts. 59, 62, 64, 65: a filing names an uploaded report (a report never changes after upload). */
export function reportExists({ event }: PlotGuardArgs): boolean {
  const report = reportOf(event);
  return report !== null && 'reportId' in event && report.id === event.reportId;
}

/** HJ 25.1–25.6: each stage files the report of its own kind. */
export function reportKindIs({ event }: PlotGuardArgs, params: { kind: ReportKind }): boolean {
  return reportOf(event)?.kind === params.kind;
}

/** 土壤法 art. 59: the report concerns the plot under review (地块基本信息). */
export function reportBelongsToPlot({ context, event }: PlotGuardArgs): boolean {
  return reportOf(event)?.plotId === context.plotId;
}

/**
 * 土壤法 art. 43 para. 2: the commissioned unit answers for the truth of its
 * report, so only the consultant commissioned for the work may submit it.
 */
export function reportByAssignedConsultant({ context, event }: PlotGuardArgs, params: { work: ConsultantWork }): boolean {
  const assigned = context.consultants[params.work];
  return assigned !== undefined && reportOf(event)?.authorOrganisationId === assigned;
}

/**
 * 土壤法 art. 36; GB 36600 §5.3: an investigation report states whether the
 * contents exceed the standard, so it must carry screened sample data.
 */
export function reportHasScreenedSamples({ event }: PlotGuardArgs): boolean {
  return reportOf(event)?.hasScreenedSamples === true;
}

/** 土壤法 arts. 59, 61, 65, 66: only the bureaus that review this stage decide it. */
export function isRequiredReviewer({ event }: PlotGuardArgs, params: { stage: ReviewStage }): boolean {
  const bureau = senderBureau(event);
  return bureau !== null && REQUIRED_BUREAUS[params.stage].includes(bureau);
}

/** 会同评审: each bureau gives one opinion per review round. */
export function bureauHasNotApproved({ context, event }: PlotGuardArgs): boolean {
  const bureau = senderBureau(event);
  return bureau !== null && context.approvals[bureau] === undefined;
}

/** 会同评审 (土壤法 arts. 59, 61, 66): with this approval every required bureau has approved. */
export function allRequiredBureausApproved({ context, event }: PlotGuardArgs, params: { stage: ReviewStage }): boolean {
  const bureau = senderBureau(event);
  return REQUIRED_BUREAUS[params.stage].every((b) => b === bureau || context.approvals[b] !== undefined);
}

/**
 * GB 36600 §5.3.2: at or below the screening values the risk is negligible.
 * Decided from the screened data, not by the reviewer: clearing a plot whose
 * samples exceed them would be a false report (土壤法 art. 90).
 */
export function samplesBelowScreening({ event }: PlotGuardArgs): boolean {
  return event.type === 'APPROVE' && event.screeningVerdict === 'below_screening';
}

/** GB 36600 §5.3.3: above the screening values a detailed investigation follows. */
export function samplesAboveScreening({ event }: PlotGuardArgs): boolean {
  return (
    event.type === 'APPROVE' &&
    (event.screeningVerdict === 'above_screening' || event.screeningVerdict === 'above_intervention')
  );
}

/** 土壤法 arts. 60–61: a plot whose risk is acceptable needs no control or remediation. */
export function riskAcceptable({ event }: PlotGuardArgs): boolean {
  return event.type === 'APPROVE' && event.conclusion?.riskAcceptable === true;
}

/** 土壤法 art. 61: a plot needing control or remediation is put on the register (名录). */
export function riskUnacceptable({ event }: PlotGuardArgs): boolean {
  return event.type === 'APPROVE' && event.conclusion?.riskAcceptable === false;
}

/** 土壤法 art. 66: a plot that reached the targets may apply for removal from the register. */
export function targetsAchieved({ event }: PlotGuardArgs): boolean {
  return event.type === 'APPROVE' && event.conclusion?.targetsAchieved === true;
}

/** 土壤法 art. 66 para. 3: a plot that did not reach the targets stays under control or remediation. */
export function targetsNotAchieved({ event }: PlotGuardArgs): boolean {
  return event.type === 'APPROVE' && event.conclusion?.targetsAchieved === false;
}

/** 土壤法 art. 66; GB 36600 §4: the evaluation states the land class the plot may be used for. */
export function landClassConcluded({ event }: PlotGuardArgs): boolean {
  const landClass = event.type === 'APPROVE' ? event.conclusion?.permittedLandClass : undefined;
  return landClass === 1 || landClass === 2;
}

/** 土壤法 arts. 62–64: a failed evaluation returns to the works the plot was under. */
export function worksStageIs({ context }: PlotGuardArgs, params: { stage: WorksStage }): boolean {
  return context.worksStage === params.stage;
}

/** A decision against the applicant states its reasons (评审意见（退回）). */
export function reasonGiven({ event }: PlotGuardArgs): boolean {
  return event.type === 'RETURN' && event.reason.trim() !== '';
}

const NOTICE_BOARD_FIELDS: readonly (keyof NoticeBoard)[] = [
  'project',
  'contractorOrganisationId',
  'measures',
  'contact',
  'startDate',
  'endDate',
];

/** 土壤法 art. 40 para. 2: during works a notice board discloses the project and its protective measures. */
export function noticeBoardComplete({ event }: PlotGuardArgs): boolean {
  if (event.type !== 'START_WORKS') return false;
  const board = event.noticeBoard;
  return NOTICE_BOARD_FIELDS.every((field) => typeof board?.[field] === 'string' && board[field].trim() !== '');
}

/** 土壤法 art. 43: the works are done by a registered unit that answers for them. */
export function contractorRegistered({ event }: PlotGuardArgs): boolean {
  return event.type === 'START_WORKS' && event.contractorExists;
}

/**
 * 土壤法 art. 41: contaminated soil leaving the plot is reported and tracked to
 * its destination; works cannot complete while a transport is still open.
 */
export function noOpenTransports({ event }: PlotGuardArgs): boolean {
  return event.type === 'COMPLETE_WORKS' && event.openTransports === 0;
}

/** The guard implementations, by the names machine.ts uses. */
export const plotLifecycleGuards = {
  organisationIsConsultant,
  evaluatorIndependentOfImplementer,
  investigationConsultantAssigned,
  reportExists,
  reportKindIs,
  reportBelongsToPlot,
  reportByAssignedConsultant,
  reportHasScreenedSamples,
  isRequiredReviewer,
  bureauHasNotApproved,
  allRequiredBureausApproved,
  samplesBelowScreening,
  samplesAboveScreening,
  riskAcceptable,
  riskUnacceptable,
  targetsAchieved,
  targetsNotAchieved,
  landClassConcluded,
  worksStageIs,
  reasonGiven,
  noticeBoardComplete,
  contractorRegistered,
  noOpenTransports,
};
