import { plotLifecycleGuards as v1 } from '../v1/guards';
import { addMonths, isDate } from './dates';
import { carried, reportedFirstStageOnly, reportOf, type Guard, type PlotGuardArgs } from './guard-args';
import * as partTwoGuards from './part-two-guards';
import * as reviewGuards from './review-guards';

export type { PlotGuardArgs } from './guard-args';

/** 42号令: the notice's time limit runs from today; a due date in the past is no time limit. */
export const dueDateNotPast: Guard = ({ event }) =>
  event.type === 'ISSUE_INVESTIGATION_NOTICE' && isDate(event.dueDate) && event.dueDate > event.today;

/** 42号令: the investigation notice allows at most the configured months (six by default). */
export const dueDateWithinNoticeLimit: Guard = ({ event }) =>
  event.type === 'ISSUE_INVESTIGATION_NOTICE' &&
  isDate(event.dueDate) &&
  event.dueDate <= addMonths(event.today, event.limits.investigationNoticeMonths);

/** 42号令: the holder discloses the contents of a report that was submitted for review. */
export const disclosedReportSubmitted: Guard = ({ context, event }) =>
  event.type === 'RECORD_DISCLOSURE' && context.submittedReports[event.work] !== undefined;

export const publishedOnNotFuture: Guard = ({ event }) =>
  event.type === 'RECORD_DISCLOSURE' && isDate(event.publishedOn) && event.publishedOn <= event.today;

export const disclosurePlaceGiven: Guard = ({ event }) => event.type === 'RECORD_DISCLOSURE' && event.place.trim() !== '';

/**
 * 42号令: the effect-evaluation report is public for at least the configured months (two) before removal is
 * applied for; the disclosure must be of the report that was reviewed.
 */
export const effectEvaluationPublicLongEnough: Guard = ({ context, event }) => {
  const disclosure = context.disclosures.effectEvaluation;
  if (!disclosure || disclosure.reportId !== context.submittedReports.effectEvaluation) return false;
  return addMonths(disclosure.publishedOn, event.limits.effectEvaluationPublicMonths) <= event.today;
};

/** The removal decision takes effect after its publicity period (公示). */
export const publicityPeriodOver: Guard = ({ context, event }) =>
  context.publicityEndsOn !== null && context.publicityEndsOn < event.today;

/** A site value for a pollutant without a standard value names its source (a risk assessment, a local standard). */
export const siteValueSourced: Guard = ({ event }) =>
  event.type === 'SET_SITE_VALUE' && event.source.trim() !== '' && event.value > 0 && Number.isFinite(event.value);

/**
 * GB 36600 §5: a suspected plot's preliminary investigation samples the basic items of Table 1; a report that
 * misses some states why (the reviewers read the reason with the report).
 */
export const requiredItemsSampled: Guard = ({ event }) => {
  if (reportedFirstStageOnly(event)) return true;
  const report = reportOf(event);
  if (report === null || report.kind !== 'preliminary_investigation') return true;
  const missing = report.missingRequiredItems ?? [];
  return missing.length === 0 || (report.missingItemsReason ?? '').trim() !== '';
};

/** The guard implementations, by the names machine.ts uses. */
export const plotLifecycleGuards = {
  organisationIsConsultant: carried(v1.organisationIsConsultant),
  evaluatorIndependentOfImplementer: carried(v1.evaluatorIndependentOfImplementer),
  investigationConsultantAssigned: carried(v1.investigationConsultantAssigned),
  reportExists: carried(v1.reportExists),
  reportKindIs: carried(v1.reportKindIs),
  reportBelongsToPlot: carried(v1.reportBelongsToPlot),
  reportByAssignedConsultant: carried(v1.reportByAssignedConsultant),
  samplesBelowScreening: ({ event }: PlotGuardArgs) =>
    (event.type === 'APPROVE' || event.type === 'RECORD_DECISION') && event.screeningVerdict === 'below_screening',
  samplesAboveScreening: ({ event }: PlotGuardArgs) =>
    (event.type === 'APPROVE' || event.type === 'RECORD_DECISION') &&
    (event.screeningVerdict === 'above_screening' || event.screeningVerdict === 'above_intervention'),
  riskAcceptable: ({ event }: PlotGuardArgs) =>
    (event.type === 'APPROVE' || event.type === 'RECORD_DECISION') && event.conclusion?.riskAcceptable === true,
  riskUnacceptable: ({ event }: PlotGuardArgs) =>
    (event.type === 'APPROVE' || event.type === 'RECORD_DECISION') && event.conclusion?.riskAcceptable === false,
  targetsAchieved: ({ event }: PlotGuardArgs) =>
    (event.type === 'APPROVE' || event.type === 'RECORD_DECISION') && event.conclusion?.targetsAchieved === true,
  targetsNotAchieved: ({ event }: PlotGuardArgs) =>
    (event.type === 'APPROVE' || event.type === 'RECORD_DECISION') && event.conclusion?.targetsAchieved === false,
  landClassConcluded: ({ event }: PlotGuardArgs) => {
    const c = event.type === 'APPROVE' || event.type === 'RECORD_DECISION' ? event.conclusion?.permittedLandClass : undefined;
    return c === 1 || c === 2;
  },
  worksStageIs: carried(v1.worksStageIs),
  noticeBoardComplete: carried(v1.noticeBoardComplete),
  contractorRegistered: carried(v1.contractorRegistered),
  noOpenTransports: carried(v1.noOpenTransports),
  ...reviewGuards,
  dueDateNotPast,
  dueDateWithinNoticeLimit,
  disclosedReportSubmitted,
  publishedOnNotFuture,
  disclosurePlaceGiven,
  effectEvaluationPublicLongEnough,
  publicityPeriodOver,
  siteValueSourced,
  requiredItemsSampled,
  ...partTwoGuards,
};
