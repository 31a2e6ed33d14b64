import type { TransportPlan, TransportSide } from './events';

/** What the engine passes when a holder opens a transport (`POST /plots/:id/transports`). */
export interface SoilTransportInput {
  transportId: string;
  plotId: string;
  holderOrganisationId: string;
  /** 行政区划代码 of the plot (所在地) */
  originJurisdiction: string;
}

/** Who decided, and in which organisation; the audit trail keeps the rest. */
export interface Decision {
  userId: string;
  organisationId: string;
}

export interface SoilTransportContext {
  transportId: string;
  plotId: string;
  holderOrganisationId: string;
  originJurisdiction: string;
  /** set by SUBMIT; the bureau there must acknowledge too */
  destinationJurisdiction: string | null;
  /** the plan as last submitted */
  details: TransportPlan | null;
  /** acknowledgements of the current filing, per side */
  acknowledgements: Partial<Record<TransportSide, Decision>>;
  objection: (Decision & { reason: string }) | null;
  dispatch: { manifestNo: string; quantityT: number; date: string } | null;
  receipt: { quantityT: number; receiptReportId: string } | null;
  resolution: (Decision & { explanation: string }) | null;
  cancellation: (Decision & { reason: string }) | null;
}

export function initialTransportContext(input: SoilTransportInput): SoilTransportContext {
  return {
    transportId: input.transportId,
    plotId: input.plotId,
    holderOrganisationId: input.holderOrganisationId,
    originJurisdiction: input.originJurisdiction,
    destinationJurisdiction: null,
    details: null,
    acknowledgements: {},
    objection: null,
    dispatch: null,
    receipt: null,
    resolution: null,
    cancellation: null,
  };
}
