import * as v1 from '../v1/guards';
import { tonnes, type SoilTransportContextV2, type TransportBatch } from './context';
import type { SoilTransportEventV2 } from './events';

/**
 * Guards of a soil transport v2: v1's where the rule is the same, and the
 * rules of batches, quantities and hazardous waste. Pure functions of the
 * context and the (enriched) event; the doc comment of each names its legal
 * basis (reference/soil-transport.json).
 */
export interface TransportGuardArgsV2 {
  context: SoilTransportContextV2;
  event: SoilTransportEventV2;
}

// v1's guards read only fields v2's context and events keep under the same names.
type V1Guard = (args: v1.TransportGuardArgs) => boolean;
const fromV1 =
  (guard: V1Guard) =>
  (args: TransportGuardArgsV2): boolean =>
    guard(args as unknown as v1.TransportGuardArgs);

const filled = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const given = (n: number | null | undefined): n is number => typeof n === 'number';

// Batches are kept in dispatch order, so the first one found is the earliest.
/** The batch a receipt is for: the one named, or the earliest still on the road. */
export function batchForReceipt(context: SoilTransportContextV2, event: SoilTransportEventV2): TransportBatch | undefined {
  if (event.type !== 'RECORD_RECEIPT') return undefined;
  if (given(event.batchNo)) return context.batches.find((b) => b.batchNo === event.batchNo);
  return context.batches.find((b) => b.status === 'inTransit');
}

/** The batch a resolution is for: the one named, or the earliest in discrepancy. */
export function batchForResolution(context: SoilTransportContextV2, event: SoilTransportEventV2): TransportBatch | undefined {
  if (event.type !== 'RESOLVE') return undefined;
  if (given(event.batchNo)) return context.batches.find((b) => b.batchNo === event.batchNo);
  return context.batches.find((b) => b.status === 'discrepancy');
}

/** 转运联单 reconciliation: the received quantity is within `tolerancePct` of the dispatched. */
export function withinTolerance(dispatchedT: number, receivedT: number, tolerancePct: number): boolean {
  if (dispatchedT <= 0) return receivedT === dispatchedT;
  return Math.abs(receivedT - dispatchedT) / dispatchedT <= tolerancePct / 100;
}

/**
 * 土壤法 art. 41 with 《危险废物转移管理办法》: soil that is hazardous waste goes
 * only to a receiver holding a 危险废物经营许可证, whose number the plan names.
 */
export function hazardousReceiverLicensed({ event }: TransportGuardArgsV2): boolean {
  return event.type === 'SUBMIT' && (!event.hazardousWaste || filled(event.receiverLicenceNo));
}

/**
 * 土壤法 art. 41 asks for the plan to be reported in advance (提前报); whether
 * both bureaus must also acknowledge it before soil leaves is configuration
 * (`transport.acknowledgeBeforeDispatch`). With `none` a filed plan may be dispatched.
 */
export function dispatchBeforeAcknowledgementAllowed({ event }: TransportGuardArgsV2): boolean {
  return event.type === 'DISPATCH' && event.acknowledgeBeforeDispatch === 'none';
}

/**
 * 《危险废物转移管理办法》: every transfer of hazardous waste runs a 危险废物转移联单,
 * so each batch of a hazardous plan names its number.
 */
export function hazardousManifestGiven({ context, event }: TransportGuardArgsV2): boolean {
  return event.type === 'DISPATCH' && (context.details?.hazardousWaste !== true || filled(event.hazardousManifestNo));
}

/** A batch number is used once in a plan. */
export function batchNoUnused({ context, event }: TransportGuardArgsV2): boolean {
  return event.type === 'DISPATCH' && (!given(event.batchNo) || context.batches.every((b) => b.batchNo !== event.batchNo));
}

/**
 * 土壤法 art. 41: the quantity of soil is part of the reported plan, so the
 * batches together carry no more than the plan reports.
 */
export function withinReportedQuantity({ context, event }: TransportGuardArgsV2): boolean {
  const planned = context.details?.quantityT;
  return event.type === 'DISPATCH' && planned !== undefined && tonnes(context.totals.dispatchedT + event.quantityT) <= tonnes(planned);
}

/** A receipt is for a batch of this plan that is on the road. */
export function batchAwaitingReceipt({ context, event }: TransportGuardArgsV2): boolean {
  return batchForReceipt(context, event)?.status === 'inTransit';
}

/**
 * 转运联单 reconciliation (土壤法 art. 41; tolerance from configuration, default
 * 5 %): the receipt matches its batch's dispatch within the tolerance.
 */
export function receivedWithinTolerance({ context, event }: TransportGuardArgsV2): boolean {
  const batch = batchForReceipt(context, event);
  return event.type === 'RECORD_RECEIPT' && batch !== undefined && withinTolerance(batch.quantityT, event.quantityT, event.tolerancePct);
}

/** A resolution is for a batch of this plan whose receipt differs. */
export function batchInDiscrepancy({ context, event }: TransportGuardArgsV2): boolean {
  return batchForResolution(context, event)?.status === 'discrepancy';
}

/** Every dispatched batch received and reconciled, the one this event settles counted as settled. */
function allSettledAfter(context: SoilTransportContextV2, settled: TransportBatch | undefined): boolean {
  return (
    context.batches.length > 0 &&
    context.batches.every((b) => b === settled || b.status === 'received' || b.status === 'resolved')
  );
}

/** The plan's whole reported quantity has left. */
const wholePlanDispatched = (context: SoilTransportContextV2): boolean =>
  context.details !== null && tonnes(context.totals.dispatchedT) === tonnes(context.details.quantityT);

/**
 * 土壤法 art. 41: once the plan's whole quantity has left and every batch is
 * received and reconciled, the plan is complete and the transport closes
 * without a declaration (nothing more may leave under it).
 */
export function settlesWholePlan({ context, event }: TransportGuardArgsV2): boolean {
  const settled = event.type === 'RECORD_RECEIPT' ? batchForReceipt(context, event) : batchForResolution(context, event);
  return wholePlanDispatched(context) && allSettledAfter(context, settled);
}

/** This resolution leaves no batch in discrepancy. */
export function resolvesLastDiscrepancy({ context, event }: TransportGuardArgsV2): boolean {
  const batch = batchForResolution(context, event);
  return batch !== undefined && context.batches.every((b) => b === batch || b.status !== 'discrepancy');
}

/**
 * 土壤法 art. 41: the holder declares the plan complete only when every
 * dispatched batch has been received and reconciled (a difference explained by
 * the destination bureau).
 */
export function allBatchesReconciled({ context, event }: TransportGuardArgsV2): boolean {
  return event.type === 'COMPLETE' && allSettledAfter(context, undefined);
}

/** 土壤法 art. 41: each bureau acknowledges once; with `none` an acknowledgement may come after dispatch. */
export const sidesNotYetAcknowledged = fromV1(v1.sidesNotYetAcknowledged);

/** The guard implementations, by the names machine.ts uses. */
export const soilTransportGuardsV2 = {
  transportPlanComplete: fromV1(v1.transportPlanComplete),
  hazardousReceiverLicensed,
  plotInRemediationWorks: fromV1(v1.plotInRemediationWorks),
  leadTimeOfWorkingDaysMet: fromV1(v1.leadTimeOfWorkingDaysMet),
  sidesNotYetAcknowledged,
  completesAcknowledgement: fromV1(v1.completesAcknowledgement),
  reasonGiven: fromV1(v1.reasonGiven),
  dispatchBeforeAcknowledgementAllowed,
  plannedStartReached: fromV1(v1.plannedStartReached),
  hazardousManifestGiven,
  batchNoUnused,
  withinReportedQuantity,
  batchAwaitingReceipt,
  receivedWithinTolerance,
  settlesWholePlan,
  batchInDiscrepancy,
  explanationGiven: fromV1(v1.explanationGiven),
  resolvesLastDiscrepancy,
  allBatchesReconciled,
};
