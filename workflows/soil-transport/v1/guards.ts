import type { SoilTransportContext } from './context';
import type { SoilTransportEvent, TransportPlan, TransportSide } from './events';

/**
 * Guards of a soil transport: one rule each, pure functions of the context and
 * the (enriched) event. The doc comment of each names its legal basis.
 */
export interface TransportGuardArgs {
  context: SoilTransportContext;
  event: SoilTransportEvent;
}

const BOTH_SIDES: readonly TransportSide[] = ['origin', 'destination'];

/** The state of the plot in which soil may leave it. */
export const REMEDIATION_WORKS_STATE = 'listed.remediation.inProgress';

const PLAN_TEXT_FIELDS: readonly (keyof TransportPlan)[] = [
  'plannedStart',
  'method',
  'route',
  'carrier',
  'destinationFacility',
  'destinationJurisdiction',
  'finalDisposal',
];

const filled = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * 土壤法 art. 41: the plan states time, method, route, quantity, destination
 * and final disposal (运输时间、方式、线路和污染土壤数量、去向、最终处置措施).
 */
export function transportPlanComplete({ event }: TransportGuardArgs): boolean {
  if (event.type !== 'SUBMIT') return false;
  return (
    PLAN_TEXT_FIELDS.every((field) => filled(event[field])) &&
    event.vehicles.length > 0 &&
    event.vehicles.every(filled) &&
    event.quantityT > 0
  );
}

/** 土壤法 arts. 40–41: contaminated soil is transported by the remediation works, during the works. */
export function plotInRemediationWorks({ event }: TransportGuardArgs): boolean {
  return event.type === 'SUBMIT' && event.plotState === REMEDIATION_WORKS_STATE;
}

/**
 * 土壤法 art. 41 (提前报); 42号令: the plan reaches both bureaus a configured
 * number of working days (default 5) before the transport starts, counted on
 * the Chinese working-day calendar.
 */
export function leadTimeOfWorkingDaysMet({ event }: TransportGuardArgs): boolean {
  return event.type === 'SUBMIT' && event.leadTime.workingDaysUntilStart >= event.leadTime.requiredWorkingDays;
}

/** 土壤法 art. 41: the bureaus of origin and destination each acknowledge once. */
export function sidesNotYetAcknowledged({ context, event }: TransportGuardArgs): boolean {
  if (event.type !== 'ACKNOWLEDGE' || event.sides.length === 0) return false;
  return event.sides.every((side) => BOTH_SIDES.includes(side) && context.acknowledgements[side] === undefined);
}

/** 土壤法 art. 41: the transport may proceed once both 所在地 and 接收地 have acknowledged. */
export function completesAcknowledgement({ context, event }: TransportGuardArgs): boolean {
  if (event.type !== 'ACKNOWLEDGE') return false;
  return BOTH_SIDES.every((side) => event.sides.includes(side) || context.acknowledgements[side] !== undefined);
}

/** An objection or a cancellation states its reason (recorded in the audit trail and on D10). */
export function reasonGiven({ event }: TransportGuardArgs): boolean {
  return (event.type === 'OBJECT' || event.type === 'CANCEL') && filled(event.reason);
}

/** 土壤法 art. 41: soil leaves no earlier than the reported start date. */
export function plannedStartReached({ context, event }: TransportGuardArgs): boolean {
  const plannedStart = context.details?.plannedStart;
  // YYYY-MM-DD strings compare in date order.
  return event.type === 'DISPATCH' && plannedStart !== undefined && event.today >= plannedStart;
}

/**
 * 转运联单 reconciliation (土壤法 art. 41; tolerance from configuration, default
 * 5 %): the receipt matches the dispatch within the tolerance.
 */
export function receivedWithinTolerance({ context, event }: TransportGuardArgs): boolean {
  const dispatched = context.dispatch?.quantityT;
  if (event.type !== 'RECORD_RECEIPT' || dispatched === undefined) return false;
  if (dispatched <= 0) return event.quantityT === dispatched;
  return Math.abs(event.quantityT - dispatched) / dispatched <= event.tolerancePct / 100;
}

/** A discrepancy is closed only with the destination bureau's written explanation. */
export function explanationGiven({ event }: TransportGuardArgs): boolean {
  return event.type === 'RESOLVE' && filled(event.explanation);
}

/** The guard implementations, by the names machine.ts uses. */
export const soilTransportGuards = {
  transportPlanComplete,
  plotInRemediationWorks,
  leadTimeOfWorkingDaysMet,
  sidesNotYetAcknowledged,
  completesAcknowledgement,
  reasonGiven,
  plannedStartReached,
  receivedWithinTolerance,
  explanationGiven,
};

/** What opening a transport is judged on: the state of its plot, read under the plot's lock. */
export interface TransportStartFacts {
  plotState: string;
}

/** The plot states of 治理与修复: plan filed, ready for works, works in progress. */
const REMEDIATION_STAGE = 'listed.remediation.';

/**
 * 土壤法 arts. 40–41: soil leaves a plot under 治理与修复, so a batch is opened
 * (and its plan prepared) in that stage; the plan itself is reported once the
 * works are under way (`plotInRemediationWorks`).
 */
export function plotInRemediation({ plotState }: TransportStartFacts): boolean {
  return plotState.startsWith(REMEDIATION_STAGE);
}

/** The guards of opening a transport (`POST /plots/:id/transports`). */
export const transportStartGuards = {
  plotInRemediation,
};
