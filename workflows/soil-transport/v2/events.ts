import type { Actor } from '../../types';
import type { TransportPlan, TransportSide } from '../v1/events';

export type { TransportSide };

/**
 * Events of a soil transport v2 (污染土壤转运, docs/soil-transport.v2.md): one
 * plan (转运计划) with its reported quantity, dispatched in batches (批次).
 * Fields marked "enriched" are loaded by the engine before sending; `actor` is
 * the authenticated caller, added by the server.
 */

/** v1's plan, and for hazardous soil the receiver's 危险废物经营许可证 number. */
export interface TransportPlanV2 extends TransportPlan {
  receiverLicenceNo?: string | null;
}

/** Whether both bureaus must acknowledge before the first batch leaves (configuration). */
export type AcknowledgeBeforeDispatch = 'both' | 'none';

interface Sent {
  actor: Actor;
}

export type SoilTransportEventV2 =
  | (Sent &
      TransportPlanV2 & {
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
      /** the batch's number; omitted, the next free one */
      batchNo?: number | null;
      manifestNo: string;
      /** 危险废物转移联单编号, for a hazardous plan */
      hazardousManifestNo?: string | null;
      quantityT: number;
      /** enriched: today's date, YYYY-MM-DD in China Standard Time */
      today: string;
      /** enriched from configuration */
      acknowledgeBeforeDispatch: AcknowledgeBeforeDispatch;
    })
  | (Sent & {
      type: 'RECORD_RECEIPT';
      /** omitted: the earliest batch still on the road */
      batchNo?: number | null;
      quantityT: number;
      receiptReportId: string;
      /** enriched from configuration: accepted difference received vs dispatched, in per cent */
      tolerancePct: number;
    })
  | (Sent & { type: 'RESOLVE'; explanation: string; /** omitted: the earliest batch in discrepancy */ batchNo?: number | null })
  | (Sent & { type: 'COMPLETE' })
  | (Sent & { type: 'CANCEL'; reason: string });

export type TransportEventTypeV2 = SoilTransportEventV2['type'];
