import { bureauOf, type Bureau } from '../../types';
import { plotLifecycleGuards as v1 } from '../v1/guards';
import type { PlotLifecycleContext } from './context';
import { addMonths, isDate } from './dates';
import type { PlotLifecycleEvent, ReportFactsV2 } from './events';

/**
 * Guards of plot-lifecycle v2: one rule each, pure functions of the context and
 * the event the engine enriched (today's date, the configured time limits, the
 * body that decides the step). The doc comment of each names its legal basis.
 */
export interface PlotGuardArgs {
  context: PlotLifecycleContext;
  event: PlotLifecycleEvent;
}

type Guard<P = undefined> = (args: PlotGuardArgs, params: P) => boolean;

// v1's rules on facts v2 keeps unchanged (report kind, author, notice board, transports …), used as they are.
const carried = <P>(g: (args: never, params: P) => boolean) => g as unknown as Guard<P>;

function reportOf(event: PlotLifecycleEvent): ReportFactsV2 | null {
  return 'report' in event ? event.report : null;
}

function senderBureau(event: PlotLifecycleEvent): Bureau | null {
  return bureauOf(event.actor.role);
}

const panelOf = (context: PlotLifecycleContext) => context.review.panel;

/** DESIGN §1.1: only the bureaus that the configuration names for this step decide it (土壤法 arts. 59–66). */
export const isRequiredReviewer: Guard = ({ event }) => {
  const bureau = senderBureau(event);
  return bureau !== null && event.deciding !== undefined && event.deciding.bureaus.includes(bureau);
};

/** 会同评审: each bureau gives one opinion per review round. */
export const bureauHasNotApproved: Guard = ({ context, event }) => {
  const bureau = senderBureau(event);
  return bureau !== null && context.approvals[bureau] === undefined;
};

/** 会同评审 (土壤法 arts. 59, 61, 66): with this approval every bureau the step names has approved. */
export const allRequiredBureausApproved: Guard = ({ context, event }) => {
  const bureau = senderBureau(event);
  const bureaus = event.deciding?.bureaus ?? [];
  return bureaus.length > 0 && bureaus.every((b) => b === bureau || context.approvals[b] !== undefined);
};

/** DESIGN §1.1: the deciding body takes its decision in this system. */
export const decidedInSystem: Guard = ({ event }) => event.deciding?.mode === 'inSystem';

/** DESIGN §1.1: the deciding body decides outside this system; the district records its decision. */
export const decisionRecorded: Guard = ({ event }) => event.deciding?.mode === 'recorded';

/** 土壤法 arts. 60, 66: a body above the district decides only what the district forwarded (报送) to it. */
export const forwardedIfDecidedAbove: Guard = ({ context, event }) =>
  event.deciding?.level === 'district' || context.review.forwarded !== null;

/** 报送: only a step decided above the district is forwarded. */
export const decidedAboveDistrict: Guard = ({ event }) => event.deciding !== undefined && event.deciding.level !== 'district';

/** 报送 once per review round. */
export const notYetForwarded: Guard = ({ context }) => context.review.forwarded === null;

/**
 * 环办土壤〔2019〕63号: where the step asks for an expert review, the decision follows the panel's conclusion —
 * 通过, or 修改后通过 once the bureau has checked the revised report.
 */
export const panelReviewDone: Guard = ({ context, event }) => {
  if (!event.deciding?.expertReview) return true;
  const panel = panelOf(context);
  if (panel?.conclusion === 'pass') return true;
  return panel?.conclusion === 'passWithRevisions' && context.review.revision?.accepted === true;
};

/** 环办土壤〔2019〕63号: an expert panel is formed only where the step asks for one. */
export const expertReviewRequired: Guard = ({ event }) => event.deciding?.expertReview === true;

/** One panel per review round. */
export const panelNotFormed: Guard = ({ context }) => panelOf(context) === null;

/** 环办土壤〔2019〕63号: the panel has at least the configured number of experts, each named once. */
export const panelLargeEnough: Guard = ({ event }) => {
  if (event.type !== 'FORM_PANEL') return false;
  const names = new Set(event.experts.map((e) => `${e.name.trim()}|${e.organisationId}`));
  return event.experts.length >= event.minExperts && names.size === event.experts.length;
};

/** Panel members are registered: each expert's organisation exists and a named user is an expert of it. */
export const expertsRegistered: Guard = ({ event }) => event.type === 'FORM_PANEL' && event.unknownExperts === 0;

/**
 * 回避 (环办土壤〔2019〕63号): no expert works for the report's author, for the
 * holder who commissioned it, or for the works contractor.
 */
export const panelFreeOfConflicts: Guard = ({ context, event }) => {
  if (event.type !== 'FORM_PANEL') return false;
  const conflicted = new Set(
    [event.reportAuthorOrganisationId, context.holderOrganisationId, context.worksContractorOrgId].filter(
      (id): id is string => typeof id === 'string',
    ),
  );
  return event.experts.every((e) => !conflicted.has(e.organisationId));
};

export const panelFormed: Guard = ({ context }) => panelOf(context) !== null;

export const panelNotConcluded: Guard = ({ context }) => panelOf(context)?.conclusion === null;

/** Each expert gives an opinion; an expert user gives only their own. */
export const expertOnPanel: Guard = ({ context, event }) => {
  if (event.type !== 'RECORD_EXPERT_OPINION') return false;
  const expert = panelOf(context)?.experts[event.expertIndex];
  if (expert === undefined) return false;
  return event.actor.role !== 'expert' || expert.userId === event.actor.userId;
};

export const expertHasNotGivenOpinion: Guard = ({ context, event }) =>
  event.type === 'RECORD_EXPERT_OPINION' && panelOf(context)?.opinions[String(event.expertIndex)] === undefined;

export const opinionGiven: Guard = ({ event }) =>
  (event.type === 'RECORD_EXPERT_OPINION' || event.type === 'CONCLUDE_PANEL') &&
  (event.type === 'RECORD_EXPERT_OPINION' ? event.opinion : event.summary).trim() !== '';

/** 环办土壤〔2019〕63号: the panel concludes after every expert gave an opinion. */
export const everyExpertGaveOpinion: Guard = ({ context }) => {
  const panel = panelOf(context);
  return panel !== null && panel.experts.every((_, i) => panel.opinions[String(i)] !== undefined);
};

export const panelConcludes: Guard<{ conclusion: 'pass' | 'passWithRevisions' | 'fail' }> = ({ event }, params) =>
  event.type === 'CONCLUDE_PANEL' && event.conclusion === params.conclusion;

/** 修改后通过: the panel asked for a revised report. */
export const revisionsRequested: Guard = ({ context }) => panelOf(context)?.conclusion === 'passWithRevisions';

export const noRevisionPending: Guard = ({ context }) => context.review.revision === null;

/** A corrected report is a new report linked to the one it revises (DESIGN §3: a report never changes). */
export const revisesReportUnderReview: Guard = ({ context, event }) =>
  reportOf(event)?.revisesReportId === context.currentReportId && context.currentReportId !== null;

export const revisionSubmitted: Guard = ({ context }) => context.review.revision !== null;

export const revisionNotAccepted: Guard = ({ context }) => context.review.revision?.accepted === false;

/** A recorded decision names its document (文号). */
export const decisionDocumentGiven: Guard = ({ event }) =>
  event.type === 'RECORD_DECISION' && event.documentNumber.trim() !== '';

/** A recorded decision is dated, not after today. */
export const decisionDateNotFuture: Guard = ({ event }) =>
  event.type === 'RECORD_DECISION' && isDate(event.decisionDate) && event.decisionDate <= event.today;

/** A recorded decision carries the scan of the decision document, uploaded for this plot. */
export const decisionScanAttached: Guard = ({ context, event }) =>
  event.type === 'RECORD_DECISION' &&
  event.scan !== null &&
  event.scan.id === event.scanReportId &&
  event.scan.kind === ('decision_record' as never) &&
  event.scan.plotId === context.plotId;

export const outcomeIs: Guard<{ outcome: 'approved' | 'returned' }> = ({ event }, params) =>
  event.type === 'RECORD_DECISION' && event.outcome === params.outcome;

/** A decision against the applicant states its reasons. */
export const reasonGiven: Guard = ({ event }) => {
  if (event.type === 'RETURN') return event.reason.trim() !== '';
  if (event.type === 'RECORD_DECISION') return (event.reason ?? '').trim() !== '';
  return false;
};

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

// —— Part 2 of the law: why a plot enters, who answers for it, reopening, aftercare, control zones ——

const reportedFirstStageOnly = (event: PlotLifecycleEvent) => event.type === 'SUBMIT_REPORT' && event.firstStageOnly === true;

/**
 * HJ 25.1-2019: the investigation may end at its first, non-sampling stage when no possible source of pollution is
 * found — for a plot entered for a change of use or as a key unit's land (土壤法 arts. 59 第二款, 67). A suspected
 * plot, and a plot reopened, is always sampled (42号令).
 */
export const firstStageOnlyWhereLawAllows: Guard = ({ context, event }) =>
  !reportedFirstStageOnly(event) ||
  (context.registrationReason !== 'suspected' && context.reopenings.length === 0 && reportOf(event)?.kind === 'preliminary_investigation');

/** GB 36600 §5 / HJ 25.1-2019: a sampled investigation brings screened samples (a first-stage report has none). */
export const reportHasScreenedSamples: Guard = (args) => reportedFirstStageOnly(args.event) || carried(v1.reportHasScreenedSamples)(args, undefined);

/** The investigation under review ended at its first stage (HJ 25.1-2019): no source of pollution was found. */
export const concludedAtFirstStage: Guard = ({ context }) => context.firstStageOnly === true;

/**
 * 土壤法第六十二条: a plot under risk control reports its monitoring periodically; the effect evaluation is requested
 * once the configured number of monitoring reports (one by default) is on file.
 */
export const monitoringReportsFiled: Guard = ({ context, event }) =>
  context.monitoringReportIds.length >= (event.limits.controlMonitoringReportsMin ?? 1);

/** 土壤法第六十五条: the builder of the control works is named, so the effect evaluator can be another. */
export const implementerRegisteredIfNamed: Guard = ({ event }) =>
  event.type === 'FILE_CONTROL_PLAN' && (event.implementerOrganisationId === undefined || event.implementerRegistered === true);

/**
 * HJ 25.3 / 土壤法第六十五条: after risk control (no removal of the pollution) the permitted land class can be no
 * stricter than the exposure scenario the risk assessment assessed: a plot assessed for class 2 is never released
 * for class 1.
 */
export const landClassWithinAssessedScenario: Guard = ({ context, event }) => {
  if (context.worksStage !== 'riskControl' || context.assessedLandClass === null) return true;
  const c = event.type === 'APPROVE' || event.type === 'RECORD_DECISION' ? event.conclusion?.permittedLandClass : undefined;
  return c !== undefined && c >= context.assessedLandClass;
};

const filledText = (text: unknown) => typeof text === 'string' && text.trim() !== '';

/** A taking back, a transfer or an identification of the responsible party names its document (文号、合同编号). */
export const documentNumberGiven: Guard = ({ event }) => {
  if (event.type === 'TAKE_BACK' || event.type === 'RECORD_RESPONSIBLE_PARTY' || event.type === 'PLACE_UNDER_CONTROL_ZONE') {
    return filledText(event.type === 'PLACE_UNDER_CONTROL_ZONE' ? event.noticeNumber : event.documentNumber);
  }
  return event.type === 'TRANSFER' && filledText(event.contractNumber);
};

/** The act recorded took place on a real day, not after today. */
export const actDateNotFuture: Guard = ({ event }) => {
  const date =
    event.type === 'TAKE_BACK' || event.type === 'RECORD_RESPONSIBLE_PARTY' ? event.decidedOn
      : event.type === 'TRANSFER' ? event.transferredOn
        : event.type === 'PLACE_UNDER_CONTROL_ZONE' ? event.signsPostedOn
          : undefined;
  return isDate(date) && date <= event.today;
};

/**
 * 土壤法第六十八条; 42号令（责任主体规定，条号未核实）: the land taken back goes to a land-reserve centre (a registered holder) or the
 * 自然资源 bureau of the plot's jurisdiction, which then organises the investigation — never to the holder it was
 * taken from.
 */
export const organiserEligible: Guard = ({ context, event }) =>
  event.type === 'TAKE_BACK' && event.organiserEligible && event.organiserOrganisationId !== context.holderOrganisationId;

/** 42号令（责任主体规定，条号未核实）: the transferee (or the party the contract names) is a registered holder, not the holder itself. */
export const transfereeEligible: Guard = ({ context, event }) =>
  event.type === 'TRANSFER' && event.partiesRegistered && event.transfereeOrganisationId !== context.holderOrganisationId;

/**
 * 土壤法第四十八条: the responsible party is identified by the bureaus (an organisation), or found unidentifiable
 * (then the holder answers, 第四十五条第一款), or extinct (then the district government organises, 第四十五条第二款; 42号令（责任主体规定，条号未核实） —
 * naming who organises for it).
 */
export const responsiblePartyComplete: Guard = ({ event }) => {
  if (event.type !== 'RECORD_RESPONSIBLE_PARTY' || !event.organisationsRegistered) return false;
  if (event.status === 'identified') return filledText(event.organisationId);
  if (event.status === 'extinct') return filledText(event.organiserOrganisationId);
  return event.status === 'unidentifiable';
};

/**
 * 土壤法第五十九条第二款: a change of planned use to 住宅 or 公共管理与公共服务用地 requires a new investigation
 * before the change; a reopening for a change of use names such a use.
 */
export const reopenedForSensitiveUse: Guard = ({ event }) =>
  event.type === 'REOPEN' && (event.reason !== 'useChange' || event.sensitiveUse);

/** 终身责任制: new evidence reopens a plot when a report of this plot shows values above the screening values. */
export const reopeningEvidenceAboveValues: Guard = ({ context, event }) => {
  if (event.type !== 'REOPEN' || event.reason !== 'newEvidence') return event.type === 'REOPEN';
  const verdict = event.evidenceVerdict;
  return event.evidence !== null && event.evidence.plotId === context.plotId && (verdict === 'above_screening' || verdict === 'above_intervention');
};

/** A reopening, like any decision against the holder's expectation, states its grounds. */
export const reopeningExplained: Guard = ({ event }) => event.type === 'REOPEN' && filledText(event.note);

/** 土壤法第四十二条: an aftercare obligation says what is to be done, by a day after today (at most 100 per plot). */
export const aftercareWellFormed: Guard = ({ context, event }) =>
  event.type === 'ADD_AFTERCARE' && filledText(event.description) && isDate(event.dueOn) && event.dueOn > event.today && context.aftercare.length < 100;

/** 土壤法第四十二条: an obligation is fulfilled once. */
export const aftercareOpen: Guard = ({ context, event }) =>
  event.type === 'FULFIL_AFTERCARE' && Number.isInteger(event.index) && context.aftercare[event.index]?.fulfilledOn === null;

/** A monitoring obligation is fulfilled by a monitoring report of this plot; an institutional control by a note of what was done. */
export const aftercareEvidenceGiven: Guard = ({ context, event }) => {
  if (event.type !== 'FULFIL_AFTERCARE') return false;
  const obligation = context.aftercare[event.index];
  if (obligation?.kind === 'monitoring') return isMonitoringReportOf(context, event.report);
  return filledText(event.note);
};

const isMonitoringReportOf = (context: PlotLifecycleContext, report: ReportFactsV2 | null) =>
  report !== null && report.kind === 'monitoring' && report.plotId === context.plotId;

/** 上政文〔2017〕147号 三（四）2: a plot is placed under one control zone. */
export const notUnderControlZone: Guard = ({ context }) => context.controlZone === null;

/** 上政文〔2017〕147号 三（四）2: the zone's periodic monitoring names its media (soil, groundwater, surface water, air), each once, every 1–60 months. */
export const zoneMonitoringPlanned: Guard = ({ event }) => {
  if (event.type !== 'PLACE_UNDER_CONTROL_ZONE' || event.monitoring.length === 0) return false;
  const media = new Set(event.monitoring.map((m) => m.medium));
  return media.size === event.monitoring.length && event.monitoring.every((m) => Number.isInteger(m.intervalMonths) && m.intervalMonths >= 1 && m.intervalMonths <= 60);
};

/** 上政文〔2017〕147号 三（四）2: the zone's monitoring is reported for a medium it plans, with a monitoring report of this plot. */
export const zoneMonitoringOfPlannedMedium: Guard = ({ context, event }) =>
  event.type === 'RECORD_ZONE_MONITORING' &&
  context.controlZone !== null &&
  context.controlZone.monitoring.some((m) => m.medium === event.medium) &&
  isMonitoringReportOf(context, event.report);

/** 土壤法第九十条: a firm banned from the business is not commissioned while its ban lasts. */
export const consultantNotBanned: Guard = ({ event }) => event.type === 'ASSIGN_CONSULTANT' && !event.ban;

/** The guard implementations, by the names machine.ts uses. */
export const plotLifecycleGuards = {
  organisationIsConsultant: carried(v1.organisationIsConsultant),
  consultantNotBanned,
  evaluatorIndependentOfImplementer: carried(v1.evaluatorIndependentOfImplementer),
  investigationConsultantAssigned: carried(v1.investigationConsultantAssigned),
  reportExists: carried(v1.reportExists),
  reportKindIs: carried(v1.reportKindIs),
  reportBelongsToPlot: carried(v1.reportBelongsToPlot),
  reportByAssignedConsultant: carried(v1.reportByAssignedConsultant),
  reportHasScreenedSamples,
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
  isRequiredReviewer,
  bureauHasNotApproved,
  allRequiredBureausApproved,
  decidedInSystem,
  decisionRecorded,
  forwardedIfDecidedAbove,
  decidedAboveDistrict,
  notYetForwarded,
  panelReviewDone,
  expertReviewRequired,
  panelNotFormed,
  panelLargeEnough,
  expertsRegistered,
  panelFreeOfConflicts,
  panelFormed,
  panelNotConcluded,
  expertOnPanel,
  expertHasNotGivenOpinion,
  opinionGiven,
  everyExpertGaveOpinion,
  panelConcludes,
  revisionsRequested,
  noRevisionPending,
  revisesReportUnderReview,
  revisionSubmitted,
  revisionNotAccepted,
  decisionDocumentGiven,
  decisionDateNotFuture,
  decisionScanAttached,
  outcomeIs,
  reasonGiven,
  dueDateNotPast,
  dueDateWithinNoticeLimit,
  disclosedReportSubmitted,
  publishedOnNotFuture,
  disclosurePlaceGiven,
  effectEvaluationPublicLongEnough,
  publicityPeriodOver,
  siteValueSourced,
  requiredItemsSampled,
  firstStageOnlyWhereLawAllows,
  concludedAtFirstStage,
  monitoringReportsFiled,
  implementerRegisteredIfNamed,
  landClassWithinAssessedScenario,
  documentNumberGiven,
  actDateNotFuture,
  organiserEligible,
  transfereeEligible,
  responsiblePartyComplete,
  reopenedForSensitiveUse,
  reopeningEvidenceAboveValues,
  reopeningExplained,
  aftercareWellFormed,
  aftercareOpen,
  aftercareEvidenceGiven,
  notUnderControlZone,
  zoneMonitoringPlanned,
  zoneMonitoringOfPlannedMedium,
};
