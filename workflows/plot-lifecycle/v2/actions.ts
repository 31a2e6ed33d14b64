import { assertEvent, assign } from 'xstate';
import { bureauOf } from '../../types';
import { actions as v1 } from '../v1/actions';
import { emptyReview, type PlotLifecycleContext, type DisclosedWork } from './context';
import type { PlotLifecycleEvent } from './events';

/**
 * Context updates of plot-lifecycle v2. v1's updates of the facts both versions keep are used as they are;
 * each new one runs only on the transition named in machine.ts (`assertEvent` checks which).
 */
type Assign = ReturnType<typeof assign<PlotLifecycleContext, PlotLifecycleEvent, undefined, PlotLifecycleEvent, never>>;
const carried = (a: unknown) => a as Assign;

const WORK_OF_REPORT: Readonly<Record<string, DisclosedWork>> = {
  preliminary_investigation: 'investigation',
  detailed_investigation: 'investigation',
  risk_assessment: 'riskAssessment',
  effect_evaluation: 'effectEvaluation',
};

const recordReport: Assign = assign(({ context, event }) => {
  assertEvent(event, 'SUBMIT_REPORT');
  const work = event.report ? WORK_OF_REPORT[event.report.kind] : undefined;
  const submittedReports = work ? { ...context.submittedReports, [work]: event.reportId } : context.submittedReports;
  return { currentReportId: event.reportId, submittedReports };
});

const recordApproval: Assign = assign(({ context, event }) => {
  assertEvent(event, 'APPROVE');
  const bureau = bureauOf(event.actor.role);
  if (bureau === null) return {};
  const approval = { userId: event.actor.userId, organisationId: event.actor.organisationId, opinion: event.opinion };
  return { approvals: { ...context.approvals, [bureau]: approval } };
});

// The report under review was approved: from now on its samples and conclusion count (DESIGN §3 rev. 2).
const approveCurrentReport: Assign = assign(({ context }) => {
  const id = context.currentReportId;
  if (id === null || context.approvedReportIds.includes(id)) return {};
  return { approvedReportIds: [...context.approvedReportIds, id] };
});

// A round ends: its approvals, forwarding, panel and revision belong to it.
const clearReview: Assign = assign({ approvals: {}, review: emptyReview() });

const recordForwarding: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FORWARD');
  const forwarded = { userId: event.actor.userId, organisationId: event.actor.organisationId, at: event.today };
  return { review: { ...context.review, forwarded } };
});

const recordPanel: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FORM_PANEL');
  const experts = event.experts.map((e) => ({
    name: e.name.trim(),
    organisationId: e.organisationId,
    title: e.title?.trim() || null,
    userId: e.userId ?? null,
  }));
  return { review: { ...context.review, panel: { experts, opinions: {}, conclusion: null, summary: null } } };
});

const recordExpertOpinion: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RECORD_EXPERT_OPINION');
  const panel = context.review.panel!;
  const opinions = { ...panel.opinions, [String(event.expertIndex)]: event.opinion.trim() };
  return { review: { ...context.review, panel: { ...panel, opinions } } };
});

const recordPanelConclusion: Assign = assign(({ context, event }) => {
  assertEvent(event, 'CONCLUDE_PANEL');
  const panel = { ...context.review.panel!, conclusion: event.conclusion, summary: event.summary.trim() };
  return { review: { ...context.review, panel } };
});

const recordRevision: Assign = assign(({ context, event }) => {
  assertEvent(event, 'SUBMIT_REVISION');
  return { review: { ...context.review, revision: { reportId: event.reportId, accepted: false } } };
});

// The bureau checked the revised report: it is the report the decision is taken on.
const acceptRevision: Assign = assign(({ context }) => {
  const revision = context.review.revision!;
  const work = Object.entries(context.submittedReports).find(([, id]) => id === context.currentReportId)?.[0];
  const submittedReports = work ? { ...context.submittedReports, [work]: revision.reportId } : context.submittedReports;
  return {
    currentReportId: revision.reportId,
    submittedReports,
    review: { ...context.review, revision: { ...revision, accepted: true } },
  };
});

const recordDisclosure: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RECORD_DISCLOSURE');
  const disclosure = { reportId: context.submittedReports[event.work]!, publishedOn: event.publishedOn, place: event.place.trim() };
  return { disclosures: { ...context.disclosures, [event.work]: disclosure } };
});

const recordSiteValue: Assign = assign(({ context, event }) => {
  assertEvent(event, 'SET_SITE_VALUE');
  const value = { cas: event.cas, name: event.name, medium: event.medium, value: event.value, unit: event.unit, source: event.source.trim() };
  const others = context.siteValues.filter((v) => !(v.cas === event.cas && v.medium === event.medium));
  return { siteValues: [...others, value] };
});

const openRemovalPublicity: Assign = assign(({ event }) => {
  const endsOn = event.type === 'APPROVE' || event.type === 'RECORD_DECISION' ? event.publicityEndsOn : undefined;
  return { publicityEndsOn: endsOn ?? null };
});

const closeRemovalPublicity: Assign = assign({ publicityEndsOn: null });

const recordConcludedLandClass: Assign = assign(({ event }) => {
  const landClass = event.type === 'APPROVE' || event.type === 'RECORD_DECISION' ? event.conclusion?.permittedLandClass : undefined;
  return { permittedLandClass: landClass ?? null };
});

export const actions = {
  recordInvestigationDueDate: carried(v1.recordInvestigationDueDate),
  recordConsultant: carried(v1.recordConsultant),
  permitPlannedLandClass: carried(v1.permitPlannedLandClass),
  openRegisterEntry: carried(v1.openRegisterEntry),
  recordPriority: carried(v1.recordPriority),
  recordControlPlan: carried(v1.recordControlPlan),
  recordRemediationPlan: carried(v1.recordRemediationPlan),
  recordMonitoringReport: carried(v1.recordMonitoringReport),
  recordWorksStart: carried(v1.recordWorksStart),
  markRemovalRefused: carried(v1.markRemovalRefused),
  clearRemovalRefused: carried(v1.clearRemovalRefused),
  recordConcludedLandClass,
  recordReport,
  recordApproval,
  approveCurrentReport,
  clearReview,
  recordForwarding,
  recordPanel,
  recordExpertOpinion,
  recordPanelConclusion,
  recordRevision,
  acceptRevision,
  recordDisclosure,
  recordSiteValue,
  openRemovalPublicity,
  closeRemovalPublicity,
};
