import { assertEvent, assign } from 'xstate';
import { bureauOf } from '../../types';
import { MANDATORY_NEGATIVE_USES, type PlotLifecycleContext } from './context';
import type { PlotLifecycleEvent } from './events';

/**
 * Context updates of the plot lifecycle. Each runs only on the transition
 * named in machine.ts, so `assertEvent` documents (and checks) which event it
 * reads.
 */
type Assign = ReturnType<typeof assign<PlotLifecycleContext, PlotLifecycleEvent, undefined, PlotLifecycleEvent, never>>;

const recordInvestigationDueDate: Assign = assign(({ event }) => {
  assertEvent(event, 'ISSUE_INVESTIGATION_NOTICE');
  return { investigationDueDate: event.dueDate };
});

const recordConsultant: Assign = assign(({ context, event }) => {
  assertEvent(event, 'ASSIGN_CONSULTANT');
  return { consultants: { ...context.consultants, [event.work]: event.orgId } };
});

const recordReport: Assign = assign(({ event }) => {
  assertEvent(event, 'SUBMIT_REPORT');
  return { currentReportId: event.reportId };
});

const recordApproval: Assign = assign(({ context, event }) => {
  assertEvent(event, 'APPROVE');
  const bureau = bureauOf(event.actor.role);
  if (bureau === null) return {};
  const approval = { userId: event.actor.userId, organisationId: event.actor.organisationId, opinion: event.opinion };
  return { approvals: { ...context.approvals, [bureau]: approval } };
});

// Approvals belong to one review round: leaving the review clears them.
const clearApprovals: Assign = assign({ approvals: {} });

// Cleared without listing: usable for the land class it was screened for.
const permitPlannedLandClass: Assign = assign(({ context }) => ({ permittedLandClass: context.plannedLandClass }));

const recordConcludedLandClass: Assign = assign(({ event }) => {
  assertEvent(event, 'APPROVE');
  return { permittedLandClass: event.conclusion?.permittedLandClass ?? null };
});

// 土壤法 art. 61: the negative list of a listed plot always holds these uses.
const openRegisterEntry: Assign = assign({
  priority: { rank: null, negativeList: [...MANDATORY_NEGATIVE_USES], reason: null },
});

const recordPriority: Assign = assign(({ event }) => {
  assertEvent(event, 'SET_PRIORITY');
  const negativeList = [...new Set([...MANDATORY_NEGATIVE_USES, ...event.negativeList])];
  return { priority: { rank: event.rank, negativeList, reason: event.reason ?? null } };
});

function withPlanAuthor(context: PlotLifecycleContext, authorOrgId: string | undefined): string[] {
  if (authorOrgId === undefined || context.planAuthorOrgIds.includes(authorOrgId)) return context.planAuthorOrgIds;
  return [...context.planAuthorOrgIds, authorOrgId];
}

const recordControlPlan: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FILE_CONTROL_PLAN');
  return { worksStage: 'riskControl', planAuthorOrgIds: withPlanAuthor(context, event.report?.authorOrganisationId) };
});

const recordRemediationPlan: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FILE_REMEDIATION_PLAN');
  return { worksStage: 'remediation', planAuthorOrgIds: withPlanAuthor(context, event.report?.authorOrganisationId) };
});

const recordMonitoringReport: Assign = assign(({ context, event }) => {
  assertEvent(event, 'SUBMIT_MONITORING_REPORT');
  return { monitoringReportIds: [...context.monitoringReportIds, event.reportId] };
});

const recordWorksStart: Assign = assign(({ event }) => {
  assertEvent(event, 'START_WORKS');
  return { worksContractorOrgId: event.noticeBoard.contractorOrganisationId, noticeBoard: { ...event.noticeBoard } };
});

// 土壤法 art. 66: the application was refused; the plot stays on the register.
const markRemovalRefused: Assign = assign({ removalRefused: true });

const clearRemovalRefused: Assign = assign({ removalRefused: false });

export const actions = {
  recordInvestigationDueDate,
  recordConsultant,
  recordReport,
  recordApproval,
  clearApprovals,
  permitPlannedLandClass,
  recordConcludedLandClass,
  openRegisterEntry,
  recordPriority,
  recordControlPlan,
  recordRemediationPlan,
  recordMonitoringReport,
  recordWorksStart,
  markRemovalRefused,
  clearRemovalRefused,
};
