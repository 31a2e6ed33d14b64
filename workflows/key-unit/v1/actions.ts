import { assertEvent, assign } from 'xstate';
import { INVESTIGATED_BEFORE, openDemolition, type Demolition, type KeyUnitContext, type MonitoringAnomaly } from './context';
import type { KeyUnitEvent } from './events';

/**
 * Context updates of a key supervised unit. Each runs only on the transitions named in machine.ts; `assertEvent`
 * documents which event it reads.
 */
type Assign = ReturnType<typeof assign<KeyUnitContext, KeyUnitEvent, undefined, KeyUnitEvent, never>>;

const recordedBy = (event: KeyUnitEvent) => ({ userId: event.actor.userId, organisationId: event.actor.organisationId });
const trimmedOrNull = (s: string | null | undefined): string | null => (typeof s === 'string' && s.trim() !== '' ? s.trim() : null);

/** A screened result above the screening values is an anomaly for the bureau (土壤法第二十一条第四款). */
function anomalyOf(year: number, source: MonitoringAnomaly['source'], reportId: string, verdict: MonitoringAnomaly['screeningVerdict'] | null) {
  return verdict === null || verdict === 'below_screening' ? [] : [{ year, source, reportId, screeningVerdict: verdict }];
}

const recordDutyReport: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FILE_DUTY_REPORT');
  const verdict = event.duty === 'selfMonitoring' ? (event.report?.screeningVerdict ?? null) : null;
  const filing = { ...recordedBy(event), reportId: event.reportId, filedOn: event.today, screeningVerdict: verdict };
  return {
    duties: { ...context.duties, [event.duty]: { ...context.duties[event.duty], [String(event.year)]: filing } },
    anomalies: [...context.anomalies, ...anomalyOf(event.year, 'selfMonitoring', event.reportId, verdict)],
  };
});

const recordBureauMonitoring: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RECORD_BUREAU_MONITORING');
  const verdict = event.report?.screeningVerdict ?? null;
  const monitoring = { ...recordedBy(event), reportId: event.reportId, recordedOn: event.today, screeningVerdict: verdict };
  return {
    bureauMonitoring: { ...context.bureauMonitoring, [String(event.year)]: monitoring },
    anomalies: [...context.anomalies, ...anomalyOf(event.year, 'bureauMonitoring', event.reportId, verdict)],
  };
});

const replace = (list: Demolition[], from: Demolition, to: Demolition) => list.map((d) => (d === from ? to : d));

// A plan filed while another is only filed revises it: the earlier one stays on the record, superseded.
const recordDemolitionPlan: Assign = assign(({ context, event }) => {
  assertEvent(event, 'FILE_DEMOLITION_PLAN');
  const earlier = openDemolition(context);
  const kept = earlier ? replace(context.demolitions, earlier, { ...earlier, status: 'superseded' }) : context.demolitions;
  const plan: Demolition = {
    ...recordedBy(event),
    reportId: event.reportId,
    plannedStart: event.plannedStart,
    filedOn: event.today,
    leadTime: { ...event.leadTime },
    status: 'filed',
    startedOn: null,
    completedOn: null,
  };
  return { demolitions: [...kept, plan] };
});

const recordDemolitionStart: Assign = assign(({ context, event }) => {
  assertEvent(event, 'START_DEMOLITION');
  const plan = openDemolition(context)!;
  return { demolitions: replace(context.demolitions, plan, { ...plan, status: 'started', startedOn: event.today }) };
});

const recordDemolitionCompletion: Assign = assign(({ context, event }) => {
  assertEvent(event, 'COMPLETE_DEMOLITION');
  const plan = openDemolition(context)!;
  return { demolitions: replace(context.demolitions, plan, { ...plan, status: 'completed', completedOn: event.completedOn }) };
});

const recordViolation: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RECORD_UNFILED_DEMOLITION');
  const violation = { ...recordedBy(event), kind: 'unfiledDemolition' as const, observedOn: event.observedOn, note: event.note.trim() };
  return { violations: [...context.violations, violation] };
});

// The engine reads siteToInvestigate and proposes the site as a suspected plot (土壤法第六十七条 for 用途变更, 收回, 转让).
const recordClosure: Assign = assign(({ event }) => {
  assertEvent(event, 'CLOSE');
  return {
    closure: { ...recordedBy(event), reason: event.reason, on: event.on, note: trimmedOrNull(event.note) },
    siteToInvestigate: { reason: event.reason, on: event.on, investigateBefore: INVESTIGATED_BEFORE.includes(event.reason) },
  };
});

const recordRemoval: Assign = assign(({ event }) => {
  assertEvent(event, 'REMOVE');
  return { removal: { ...recordedBy(event), reason: event.reason.trim(), on: event.on } };
});

export const keyUnitActions = {
  recordDutyReport,
  recordBureauMonitoring,
  recordDemolitionPlan,
  recordDemolitionStart,
  recordDemolitionCompletion,
  recordViolation,
  recordClosure,
  recordRemoval,
};
