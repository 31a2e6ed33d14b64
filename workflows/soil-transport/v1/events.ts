import type { Actor } from '../../types';

/**
 * Events of a soil-transport batch (污染土壤转运, docs/soil-transport.v1.md). Fields marked
 * "enriched" are loaded by the engine before sending; `actor` is the
 * authenticated caller, added by the server.
 */

/** The transport plan that 土壤法 art. 41 requires to be reported in advance. */
export interface TransportPlan {
  /** YYYY-MM-DD, China Standard Time */
  plannedStart: string;
  method: string;
  route: string;
  carrier: string;
  vehicles: string[];
  quantityT: number;
  destinationFacility: string;
  /** 行政区划代码 of the receiving facility */
  destinationJurisdiction: string;
  finalDisposal: string;
  hazardousWaste: boolean;
}

/** 所在地 (where the plot is) and 接收地 (where the soil goes). */
export type TransportSide = 'origin' | 'destination';

interface Sent {
  actor: Actor;
}

export type SoilTransportEvent =
  | (Sent &
      TransportPlan & {
        type: 'SUBMIT';
        /** enriched: the dotted state path of the plot the soil comes from */
        plotState: string;
        /** enriched, from the working-day calendar (holidays and 调休 counted) */
        leadTime: { workingDaysUntilStart: number; requiredWorkingDays: number };
      })
  | (Sent & {
      type: 'ACKNOWLEDGE';
      /** enriched: the side(s) the sender's bureau stands for; both when origin = destination */
      sides: TransportSide[];
    })
  | (Sent & { type: 'OBJECT'; reason: string })
  | (Sent & {
      type: 'DISPATCH';
      manifestNo: string;
      quantityT: number;
      /** enriched: today's date, YYYY-MM-DD in China Standard Time */
      today: string;
    })
  | (Sent & {
      type: 'RECORD_RECEIPT';
      quantityT: number;
      receiptReportId: string;
      /** enriched from configuration: accepted difference received vs dispatched, in per cent */
      tolerancePct: number;
    })
  | (Sent & { type: 'RESOLVE'; explanation: string })
  | (Sent & { type: 'CANCEL'; reason: string });

export type TransportEventType = SoilTransportEvent['type'];
