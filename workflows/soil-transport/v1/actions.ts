import { assertEvent, assign } from 'xstate';
import type { SoilTransportContext } from './context';
import type { SoilTransportEvent, TransportPlan } from './events';

/**
 * Context updates of a soil transport. Each runs only on the transition named
 * in machine.ts; `assertEvent` documents which event it reads.
 */
type Assign = ReturnType<typeof assign<SoilTransportContext, SoilTransportEvent, undefined, SoilTransportEvent, never>>;

const decidedBy = (event: SoilTransportEvent) => ({
  userId: event.actor.userId,
  organisationId: event.actor.organisationId,
});

function planOf(event: SoilTransportEvent & TransportPlan): TransportPlan {
  return {
    plannedStart: event.plannedStart,
    method: event.method,
    route: event.route,
    carrier: event.carrier,
    vehicles: [...event.vehicles],
    quantityT: event.quantityT,
    destinationFacility: event.destinationFacility,
    destinationJurisdiction: event.destinationJurisdiction,
    finalDisposal: event.finalDisposal,
    hazardousWaste: event.hazardousWaste,
  };
}

const recordPlan: Assign = assign(({ event }) => {
  assertEvent(event, 'SUBMIT');
  return { details: planOf(event), destinationJurisdiction: event.destinationJurisdiction, acknowledgements: {} };
});

const recordAcknowledgement: Assign = assign(({ context, event }) => {
  assertEvent(event, 'ACKNOWLEDGE');
  const acknowledgements = { ...context.acknowledgements };
  for (const side of event.sides) acknowledgements[side] = decidedBy(event);
  return { acknowledgements };
});

// An objection sends the plan back; a corrected plan is acknowledged afresh.
const recordObjection: Assign = assign(({ event }) => {
  assertEvent(event, 'OBJECT');
  return { objection: { ...decidedBy(event), reason: event.reason }, acknowledgements: {} };
});

const recordDispatch: Assign = assign(({ event }) => {
  assertEvent(event, 'DISPATCH');
  return { dispatch: { manifestNo: event.manifestNo, quantityT: event.quantityT, date: event.today } };
});

const recordReceipt: Assign = assign(({ event }) => {
  assertEvent(event, 'RECORD_RECEIPT');
  return { receipt: { quantityT: event.quantityT, receiptReportId: event.receiptReportId } };
});

const recordResolution: Assign = assign(({ event }) => {
  assertEvent(event, 'RESOLVE');
  return { resolution: { ...decidedBy(event), explanation: event.explanation } };
});

const recordCancellation: Assign = assign(({ event }) => {
  assertEvent(event, 'CANCEL');
  return { cancellation: { ...decidedBy(event), reason: event.reason } };
});

export const actions = {
  recordPlan,
  recordAcknowledgement,
  recordObjection,
  recordDispatch,
  recordReceipt,
  recordResolution,
  recordCancellation,
};
