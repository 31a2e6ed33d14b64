import { assertEvent, assign } from 'xstate';
import { bureauOf } from '../../types';
import { actions as v1 } from '../v1/actions';
import { emptyReview, type Parties, type PlotLifecycleContext, type DisclosedWork } from './context';
import { addMonths } from './dates';
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
  return { currentReportId: event.reportId, submittedReports, firstStageOnly: event.firstStageOnly === true };
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

// —— Part 2 of the law ——

// 土壤法第六十五条: the builder of the control works is kept beside the plan's author; neither may evaluate the effect.
const recordControlPlan: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FILE_CONTROL_PLAN');
  const author = event.report?.authorOrganisationId;
  const planAuthorOrgIds = author && !context.planAuthorOrgIds.includes(author) ? [...context.planAuthorOrgIds, author] : context.planAuthorOrgIds;
  return { worksStage: 'riskControl', planAuthorOrgIds, worksContractorOrgId: event.implementerOrganisationId ?? context.worksContractorOrgId };
});

// The exposure scenario of the approved risk assessment is the planned use's class (HJ 25.3).
const recordAssessedLandClass: Assign = assign(({ context }) => ({ assessedLandClass: context.plannedLandClass }));

/** Whether an organisation's right to this land was taken back (then the government organises, 土壤法第六十八条). */
const rightTakenBackFrom = (parties: Parties, organisationId: string) =>
  parties.formerHolders.some((h) => h.organisationId === organisationId && h.how === 'takenBack');

const recordTakeBack: Assign = assign(({ context, event }) => {
  assertEvent(event, 'TAKE_BACK');
  const former = { organisationId: context.holderOrganisationId, until: event.decidedOn, how: 'takenBack' as const, documentNumber: event.documentNumber.trim() };
  const p = context.parties;
  // The former holder is the responsible party: said now, or identified by the bureau before.
  const formerResponsible =
    event.formerHolderResponsible || (p.responsible?.status === 'identified' && p.responsible.organisationId === context.holderOrganisationId);
  const responsible = event.formerHolderResponsible
    ? { status: 'identified' as const, organisationId: context.holderOrganisationId, documentNumber: event.documentNumber.trim(), decidedOn: event.decidedOn }
    : p.responsible;
  const other = !formerResponsible && responsible?.status === 'identified' && responsible.organisationId !== null ? responsible.organisationId : null;
  const parties: Parties = {
    formerHolders: [...p.formerHolders, former],
    responsible,
    investigationDuty: event.organiserOrganisationId,
    // 第六十八条: the former holder is responsible → the government organises (through the organiser); another responsible party keeps its duty.
    controlDuty: other ?? event.organiserOrganisationId,
    controlBasis: formerResponsible ? 'government' : other ? 'responsibleParty' : 'holder',
  };
  return { holderOrganisationId: event.organiserOrganisationId, parties };
});

// 42号令（责任主体规定，条号未核实）: after a transfer the transferee, or the party the contract names, answers for the plot.
const recordTransfer: Assign = assign(({ context, event }) => {
  assertEvent(event, 'TRANSFER');
  const former = { organisationId: context.holderOrganisationId, until: event.transferredOn, how: 'transferred' as const, documentNumber: event.contractNumber.trim() };
  const answering = event.agreedResponsibleOrganisationId ?? event.transfereeOrganisationId;
  const parties: Parties = {
    ...context.parties,
    formerHolders: [...context.parties.formerHolders, former],
    investigationDuty: answering,
    controlDuty: answering,
    controlBasis: event.agreedResponsibleOrganisationId ? 'contract' : 'holder',
  };
  return { holderOrganisationId: event.transfereeOrganisationId, parties };
});

// 土壤法第四十五条、第四十八条、第六十八条; 42号令（责任主体规定，条号未核实）.
const recordResponsibleParty: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RECORD_RESPONSIBLE_PARTY');
  const responsible = {
    status: event.status,
    organisationId: event.status === 'identified' ? event.organisationId! : null,
    documentNumber: event.documentNumber.trim(),
    decidedOn: event.decidedOn,
  };
  const p = context.parties;
  let controlDuty = context.holderOrganisationId;
  let controlBasis: Parties['controlBasis'] = 'holder';
  if (event.status === 'extinct') {
    controlDuty = event.organiserOrganisationId!;
    controlBasis = 'government';
  } else if (event.status === 'identified' && rightTakenBackFrom(p, responsible.organisationId!)) {
    controlBasis = 'government';
  } else if (event.status === 'identified') {
    controlDuty = responsible.organisationId!;
    controlBasis = 'responsibleParty';
  }
  return { parties: { ...p, responsible, controlDuty, controlBasis } };
});

// 终身责任制: a new round of the procedure; the decisions, reports and audit rows of the earlier rounds stay.
const recordReopening = assign<PlotLifecycleContext, PlotLifecycleEvent, { from: 'released' | 'cleared' }, PlotLifecycleEvent, never>(({ context, event }, params) => {
  assertEvent(event, 'REOPEN');
  const reopening = {
    on: event.today,
    reason: event.reason,
    from: params.from,
    plannedUse: event.reason === 'useChange' ? (event.plannedUse ?? null) : null,
    evidenceReportId: event.reason === 'newEvidence' ? (event.evidenceReportId ?? null) : null,
    note: event.note.trim(),
    permittedLandClass: context.permittedLandClass,
  };
  return {
    reopenings: [...context.reopenings, reopening],
    plannedLandClass: event.reason === 'useChange' && event.plannedLandClass !== null ? event.plannedLandClass : context.plannedLandClass,
    permittedLandClass: null,
    currentReportId: null,
    approvals: {},
    review: emptyReview(),
    worksStage: null,
    removalRefused: false,
    firstStageOnly: false,
    publicityEndsOn: null,
    controlZone: null,
    assessedLandClass: null,
  };
});

const recordAftercare: Assign = assign(({ context, event }) => {
  assertEvent(event, 'ADD_AFTERCARE');
  const obligation = {
    kind: event.kind,
    description: event.description.trim(),
    dueOn: event.dueOn,
    restriction: event.restriction?.trim() || null,
    fulfilledOn: null,
    reportId: null,
    note: null,
  };
  return { aftercare: [...context.aftercare, obligation] };
});

const fulfilAftercare: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FULFIL_AFTERCARE');
  const aftercare = context.aftercare.map((o, i) =>
    i === event.index ? { ...o, fulfilledOn: event.today, reportId: event.reportId ?? null, note: event.note.trim() || null } : o,
  );
  return { aftercare };
});

const placeUnderControlZone: Assign = assign(({ event }) => {
  assertEvent(event, 'PLACE_UNDER_CONTROL_ZONE');
  const monitoring = event.monitoring.map((m) => ({
    medium: m.medium,
    intervalMonths: m.intervalMonths,
    lastReportId: null,
    nextDueOn: addMonths(event.signsPostedOn, m.intervalMonths),
  }));
  return { controlZone: { noticeNumber: event.noticeNumber.trim(), signsPostedOn: event.signsPostedOn, monitoring } };
});

const recordZoneMonitoring: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RECORD_ZONE_MONITORING');
  const zone = context.controlZone!;
  const monitoring = zone.monitoring.map((m) =>
    m.medium === event.medium ? { ...m, lastReportId: event.reportId, nextDueOn: addMonths(event.today, m.intervalMonths) } : m,
  );
  return { controlZone: { ...zone, monitoring } };
});

export const actions = {
  recordInvestigationDueDate: carried(v1.recordInvestigationDueDate),
  recordConsultant: carried(v1.recordConsultant),
  permitPlannedLandClass: carried(v1.permitPlannedLandClass),
  openRegisterEntry: carried(v1.openRegisterEntry),
  recordPriority: carried(v1.recordPriority),
  recordControlPlan,
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
  recordAssessedLandClass,
  recordTakeBack,
  recordTransfer,
  recordResponsibleParty,
  recordReopening,
  recordAftercare,
  fulfilAftercare,
  placeUnderControlZone,
  recordZoneMonitoring,
};
