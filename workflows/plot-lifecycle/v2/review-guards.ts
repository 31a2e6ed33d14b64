import { bureauOf, type Bureau } from '../../types';
import type { PlotLifecycleContext } from './context';
import { isDate } from './dates';
import type { PlotLifecycleEvent } from './events';
import { reportOf, type Guard } from './guard-args';

/**
 * Guards of a review round (会同评审, expert panel, revision, a decision recorded from outside the system): who
 * decides the step, in which order its acts come, and what a recorded decision carries.
 */

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
