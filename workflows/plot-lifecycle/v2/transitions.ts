import { and, not } from 'xstate';
import type { ConsultantWork, ReportKind } from '../v1/events';
import type { WorksStage } from './context';

/**
 * The transitions plot-lifecycle v2 repeats across its states — a review round, a report's submission, the land-right
 * acts, aftercare and a reopening — built once and spread into the states of machine.ts.
 */

// Parameterized guard references, typed so that their params keep literal types.
export const reportKind = (kind: ReportKind) => ({ type: 'reportKindIs', params: { kind } }) as const;
export const byConsultantFor = (work: ConsultantWork) => ({ type: 'reportByAssignedConsultant', params: { work } }) as const;
export const worksWere = (stage: WorksStage) => ({ type: 'worksStageIs', params: { stage } }) as const;
export const outcome = (o: 'approved' | 'returned') => ({ type: 'outcomeIs', params: { outcome: o } }) as const;
export const concludes = (c: 'pass' | 'passWithRevisions' | 'fail') => ({ type: 'panelConcludes', params: { conclusion: c } }) as const;

// The review helpers below build plain configuration; machine.spec.ts checks that every guard and action they name
// is implemented, which XState's types cannot follow through these helpers.
export type GuardRef = string | { readonly type: string; readonly params: unknown };
/** Transitions built by the helpers below, spread into a state's `on` (typed as nothing for XState's inference). */
export type On = Record<never, never>;
export const all = (guards: readonly GuardRef[]) => and(guards as never);

export const assignConsultant = {
  guard: and(['organisationIsConsultant', 'consultantNotBanned', 'evaluatorIndependentOfImplementer']),
  actions: 'recordConsultant',
} as const;

/** What a completed review decides: the data-driven guard of the branch, where it goes, what it records. */
interface Outcome {
  guards?: GuardRef[];
  target: string;
  actions?: string[];
}

// Reviewers of the level the configuration names, in this system, after the forwarding and the panel.
export const inSystemReview: GuardRef[] = ['isRequiredReviewer', 'decidedInSystem', 'forwardedIfDecidedAbove'];
export const recordedDecision: GuardRef[] = [
  'decisionRecorded',
  'forwardedIfDecidedAbove',
  'decisionDocumentGiven',
  'decisionDateNotFuture',
  'decisionScanAttached',
];

/**
 * The events of a review round (报送, expert panel, 修改后通过, joint approval, return, recorded decision). A round
 * is decided by the last approval of the bureaus the step names — or by the district recording the decision of a
 * body outside the system — and what it decides comes from data (`outcomes`), never from the reviewer's say-so.
 */
export function reviewRound(opts: { outcomes: Outcome[]; returnTo: string; returnActions?: string[]; revision?: { kind: ReportKind; work: ConsultantWork } }) {
  const decided = (o: Outcome, lead: GuardRef[]) => ({
    guard: all([...lead, ...(o.guards ?? [])]),
    target: o.target,
    actions: ['approveCurrentReport', ...(o.actions ?? [])],
  });
  const approving: GuardRef[] = [...inSystemReview, 'panelReviewDone', 'bureauHasNotApproved', 'allRequiredBureausApproved'];
  return {
    FORWARD: { guard: all(['decidedAboveDistrict', 'notYetForwarded']), actions: 'recordForwarding' },
    FORM_PANEL: {
      guard: all([...inSystemReview, 'expertReviewRequired', 'panelNotFormed', 'panelLargeEnough', 'expertsRegistered', 'panelFreeOfConflicts']),
      actions: 'recordPanel',
    },
    RECORD_EXPERT_OPINION: {
      guard: all(['panelFormed', 'panelNotConcluded', 'expertOnPanel', 'expertHasNotGivenOpinion', 'opinionGiven']),
      actions: 'recordExpertOpinion',
    },
    CONCLUDE_PANEL: [
      {
        guard: all([...inSystemReview, 'panelFormed', 'panelNotConcluded', 'everyExpertGaveOpinion', 'opinionGiven', concludes('fail')]),
        target: opts.returnTo,
        actions: opts.returnActions ?? [],
      },
      {
        guard: all([...inSystemReview, 'panelFormed', 'panelNotConcluded', 'everyExpertGaveOpinion', 'opinionGiven']),
        actions: 'recordPanelConclusion',
      },
    ],
    ...(opts.revision
      ? {
          SUBMIT_REVISION: {
            guard: all([
              'revisionsRequested',
              'noRevisionPending',
              'reportExists',
              reportKind(opts.revision.kind),
              'reportBelongsToPlot',
              byConsultantFor(opts.revision.work),
              'revisesReportUnderReview',
            ]),
            actions: 'recordRevision',
          },
          ACCEPT_REVISION: { guard: all([...inSystemReview, 'revisionSubmitted', 'revisionNotAccepted']), actions: 'acceptRevision' },
          SET_SITE_VALUE: { guard: all([...inSystemReview, 'siteValueSourced']), actions: 'recordSiteValue' },
        }
      : {}),
    APPROVE: [
      ...opts.outcomes.map((o) => decided(o, approving)),
      {
        guard: all([...inSystemReview, 'panelReviewDone', 'bureauHasNotApproved', not('allRequiredBureausApproved') as never]),
        actions: 'recordApproval',
      },
    ],
    RETURN: { guard: all([...inSystemReview, 'reasonGiven']), target: opts.returnTo, actions: opts.returnActions ?? [] },
    RECORD_DECISION: [
      ...opts.outcomes.map((o) => decided(o, [...recordedDecision, outcome('approved')])),
      {
        guard: all([...recordedDecision, outcome('returned'), 'reasonGiven']),
        target: opts.returnTo,
        actions: opts.returnActions ?? [],
      },
    ],
  } as never;
}

/**
 * 收回、转让 and the responsible party (土壤法 arts. 45–48, 67–68; 42号令（责任主体规定，条号未核实）), recorded by the bureaus in any
 * stage before the plot leaves the procedure: they move the holder's duties, never the plot's stage.
 */
export const landRights = {
  TAKE_BACK: {
    guard: all(['documentNumberGiven', 'actDateNotFuture', 'organiserEligible']),
    actions: 'recordTakeBack',
  },
  TRANSFER: {
    guard: all(['documentNumberGiven', 'actDateNotFuture', 'transfereeEligible']),
    actions: 'recordTransfer',
  },
  RECORD_RESPONSIBLE_PARTY: {
    guard: all(['documentNumberGiven', 'actDateNotFuture', 'responsiblePartyComplete']),
    actions: 'recordResponsibleParty',
  },
} as On;

/** 后期管理 (土壤法第四十二条): obligations set once the targets are reached, fulfilled by whoever answers for the plot. */
export const aftercare = {
  ADD_AFTERCARE: { guard: 'aftercareWellFormed', actions: 'recordAftercare' },
  FULFIL_AFTERCARE: { guard: all(['aftercareOpen', 'aftercareEvidenceGiven']), actions: 'fulfilAftercare' },
} as On;

/** 终身责任制 (土壤法第五十九条第二款): a plot that left the procedure is reopened by the bureau for a new investigation. */
export const reopen = (from: 'released' | 'cleared') => ({
  REOPEN: {
    guard: all(['reopeningExplained', 'reopenedForSensitiveUse', 'reopeningEvidenceAboveValues']),
    target: '#plot-lifecycle.investigation.preliminary.drafting',
    actions: { type: 'recordReopening', params: { from } },
  },
}) as On;

export const submit = (kind: ReportKind, work: ConsultantWork, extra: GuardRef[] = []) => ({
  guard: all(['reportExists', reportKind(kind), 'reportBelongsToPlot', byConsultantFor(work), ...extra]),
  target: 'underReview',
  actions: 'recordReport',
}) as never;
