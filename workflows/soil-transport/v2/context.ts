import type { Decision, SoilTransportContext as ContextV1, SoilTransportInput } from '../v1/context';
import type { TransportPlanV2 } from './events';

export type { Decision, SoilTransportInput };

/**
 * Where a batch stands: on the road, received within the tolerance, received
 * outside it (awaiting the destination bureau), or that difference explained.
 */
export type BatchStatus = 'inTransit' | 'received' | 'discrepancy' | 'resolved';

/** One dispatch of the plan (一批), with its 转运联单 and its receipt. */
export interface TransportBatch {
  batchNo: number;
  manifestNo: string;
  /** 危险废物转移联单编号 (hazardous plans only) */
  hazardousManifestNo: string | null;
  quantityT: number;
  /** YYYY-MM-DD, China Standard Time */
  dispatchedOn: string;
  status: BatchStatus;
  receipt: { quantityT: number; receiptReportId: string } | null;
  resolution: (Decision & { explanation: string }) | null;
}

/** Running totals of the plan, in tonnes. */
export interface TransportTotals {
  dispatchedT: number;
  receivedT: number;
}

export interface SoilTransportContextV2 extends Omit<ContextV1, 'details' | 'dispatch' | 'receipt' | 'resolution'> {
  details: TransportPlanV2 | null;
  batches: TransportBatch[];
  totals: TransportTotals;
  /**
   * v1's field, kept as the total received so far: readers of closed transports
   * (the annual figures) read a v2 record as they read a v1 one.
   */
  receipt: { quantityT: number } | null;
  /** the holder's declaration that the plan is complete (COMPLETE) */
  completion: Decision | null;
}

export function initialTransportContextV2(input: SoilTransportInput): SoilTransportContextV2 {
  return {
    transportId: input.transportId,
    plotId: input.plotId,
    holderOrganisationId: input.holderOrganisationId,
    originJurisdiction: input.originJurisdiction,
    destinationJurisdiction: null,
    details: null,
    acknowledgements: {},
    objection: null,
    batches: [],
    totals: { dispatchedT: 0, receivedT: 0 },
    receipt: null,
    completion: null,
    cancellation: null,
  };
}

/** Tonnes to three decimals, so that sums of batches compare exactly with the plan. */
export const tonnes = (t: number): number => Math.round(t * 1000) / 1000;

/**
 * A v1 transport as v2 (workflows/registry.ts): its one dispatch and receipt
 * become batch 1; the state is kept. A closed v1 transport was closed by its
 * receipt, so it has no completion.
 */
export function contextFromV1(v1: ContextV1, state: string): SoilTransportContextV2 {
  const { dispatch, receipt, resolution, details, ...rest } = v1;
  const status: BatchStatus =
    state === 'inTransit' ? 'inTransit' : state === 'discrepancy' ? 'discrepancy' : resolution ? 'resolved' : 'received';
  const batches: TransportBatch[] = dispatch
    ? [
        {
          batchNo: 1,
          manifestNo: dispatch.manifestNo,
          hazardousManifestNo: null,
          quantityT: dispatch.quantityT,
          dispatchedOn: dispatch.date,
          status,
          receipt: receipt ? { ...receipt } : null,
          resolution: resolution ? { ...resolution } : null,
        },
      ]
    : [];
  return {
    ...rest,
    details: details ? { ...details, receiverLicenceNo: null } : null,
    batches,
    totals: { dispatchedT: dispatch?.quantityT ?? 0, receivedT: receipt?.quantityT ?? 0 },
    receipt: receipt ? { quantityT: receipt.quantityT } : null,
    completion: null,
  };
}
