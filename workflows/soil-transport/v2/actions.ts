import { assertEvent, assign } from 'xstate';
import { tonnes, type SoilTransportContextV2, type TransportBatch } from './context';
import type { SoilTransportEventV2, TransportPlanV2 } from './events';
import { batchForReceipt, batchForResolution, withinTolerance } from './guards';

/**
 * Context updates of a soil transport v2. Each runs only on the transitions
 * named in machine.ts; `assertEvent` documents which event it reads.
 */
type Assign = ReturnType<typeof assign<SoilTransportContextV2, SoilTransportEventV2, undefined, SoilTransportEventV2, never>>;

const decidedBy = (event: SoilTransportEventV2) => ({
  userId: event.actor.userId,
  organisationId: event.actor.organisationId,
});

const trimmedOrNull = (s: string | null | undefined): string | null => (typeof s === 'string' && s.trim() !== '' ? s.trim() : null);

function planOf(event: SoilTransportEventV2 & TransportPlanV2): TransportPlanV2 {
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
    receiverLicenceNo: trimmedOrNull(event.receiverLicenceNo),
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

const recordBatch: Assign = assign(({ context, event }) => {
  assertEvent(event, 'DISPATCH');
  const batchNo = event.batchNo ?? Math.max(0, ...context.batches.map((b) => b.batchNo)) + 1;
  const batch: TransportBatch = {
    batchNo,
    manifestNo: event.manifestNo.trim(),
    hazardousManifestNo: trimmedOrNull(event.hazardousManifestNo),
    quantityT: event.quantityT,
    dispatchedOn: event.today,
    status: 'inTransit',
    receipt: null,
    resolution: null,
  };
  return {
    batches: [...context.batches, batch],
    totals: { ...context.totals, dispatchedT: tonnes(context.totals.dispatchedT + event.quantityT) },
  };
});

const replaceBatch = (batches: TransportBatch[], next: TransportBatch) => batches.map((b) => (b.batchNo === next.batchNo ? next : b));

const recordReceipt: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RECORD_RECEIPT');
  const batch = batchForReceipt(context, event)!;
  const status = withinTolerance(batch.quantityT, event.quantityT, event.tolerancePct) ? 'received' : 'discrepancy';
  const receivedT = tonnes(context.totals.receivedT + event.quantityT);
  return {
    batches: replaceBatch(context.batches, { ...batch, status, receipt: { quantityT: event.quantityT, receiptReportId: event.receiptReportId } }),
    totals: { ...context.totals, receivedT },
    receipt: { quantityT: receivedT },
  };
});

const recordResolution: Assign = assign(({ context, event }) => {
  assertEvent(event, 'RESOLVE');
  const batch = batchForResolution(context, event)!;
  const resolution = { ...decidedBy(event), explanation: event.explanation };
  return { batches: replaceBatch(context.batches, { ...batch, status: 'resolved', resolution }) };
});

const recordCompletion: Assign = assign(({ event }) => {
  assertEvent(event, 'COMPLETE');
  return { completion: decidedBy(event) };
});

const recordCancellation: Assign = assign(({ event }) => {
  assertEvent(event, 'CANCEL');
  return { cancellation: { ...decidedBy(event), reason: event.reason } };
});

export const actionsV2 = {
  recordPlan,
  recordAcknowledgement,
  recordObjection,
  recordBatch,
  recordReceipt,
  recordResolution,
  recordCompletion,
  recordCancellation,
};
