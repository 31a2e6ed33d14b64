import type { Actor } from '../../types';

interface Sent {
  actor: Actor;
  /** enriched: today's date in China, YYYY-MM-DD */
  today: string;
}

/** Events of a monitoring warning; `actor` and `today` are added by the server. */
export type WarningEvent =
  | (Sent & { type: 'VERIFY_START'; note: string })
  | (Sent & { type: 'CONFIRM'; note: string; /** enriched: today + the handling period of reference/monitoring.json */ handleDueOn: string })
  | (Sent & { type: 'DISMISS'; reason: string })
  | (Sent & { type: 'RECORD_MEASURES'; note: string })
  | (Sent & { type: 'PROPOSE_INVESTIGATION'; note: string })
  | (Sent & { type: 'PROPOSE_HIDDEN_DANGER_INSPECTION'; note: string })
  | (Sent & { type: 'CLOSE'; reason: string });

export type WarningEventType = WarningEvent['type'];
