import type { Actor } from '../../types';

interface Sent {
  actor: Actor;
  /** enriched: today in China */
  today: string;
}

/** Events of a 12369 public report after its receipt (RECEIVE, the start, is the public's). */
export type PublicReportEvent =
  | (Sent & { type: 'ASSIGN'; officer: string })
  | (Sent & { type: 'RECORD_SITE_CHECK'; checkedOn: string; findings: string })
  | (Sent & { type: 'RECORD_HANDLING'; measures: string })
  | (Sent & { type: 'REPLY'; reply: string })
  | (Sent & { type: 'RECORD_REWARD'; granted: boolean; reason: string; amountYuan?: number })
  | (Sent & {
      type: 'LINK';
      plotId?: string;
      unitId?: string;
      /** enriched: the plot or unit named exists in the bureau's jurisdiction */
      linkFound: boolean;
    })
  | (Sent & { type: 'PROPOSE_SUSPECTED_PLOT'; reason: string })
  | (Sent & { type: 'CLOSE' });

export type PublicReportEventType = PublicReportEvent['type'];
