import type { Actor } from '../../types';
import type { ScreeningVerdict } from '../../plot-lifecycle/v1/events';
import type { ClosureReason, Duty } from './context';

/**
 * Events of a key supervised unit (土壤污染重点监管单位). Fields marked "enriched" are loaded by the engine before
 * sending; `actor` is the authenticated caller and `today` the date in China (YYYY-MM-DD), both added by the server.
 */

/** Report kinds of the unit's filings (the reports module's codes). */
export const KEY_UNIT_REPORT_KINDS = {
  toxicDischarge: 'key_unit_toxic_discharge',
  hiddenDangerInspection: 'key_unit_hidden_danger_inspection',
  selfMonitoring: 'key_unit_self_monitoring',
  bureauMonitoring: 'key_unit_bureau_monitoring',
  demolitionPlan: 'key_unit_demolition_plan',
} as const;

export type SoilMedium = 'soil' | 'groundwater';

/** A report's facts as the guards read them, loaded by the engine from the report named in the event. */
export interface KeyUnitReportFacts {
  id: string;
  kind: string;
  /** the key unit the report was uploaded for (null: uploaded for a plot or for nothing) */
  unitId: string | null;
  /** monitoring reports: the media its samples cover */
  media: SoilMedium[];
  /** monitoring reports: the screening verdict of its samples, null when none were screened */
  screeningVerdict: ScreeningVerdict | null;
}

interface Sent {
  actor: Actor;
  /** enriched: today's date, YYYY-MM-DD in China Standard Time */
  today: string;
}

export type KeyUnitEvent =
  | (Sent & {
      type: 'FILE_DUTY_REPORT';
      duty: Duty;
      year: number;
      reportId: string;
      /** enriched: the facts of `reportId`, null when no such report is visible */
      report: KeyUnitReportFacts | null;
    })
  | (Sent & { type: 'RECORD_BUREAU_MONITORING'; year: number; reportId: string; report: KeyUnitReportFacts | null })
  | (Sent & {
      type: 'FILE_DEMOLITION_PLAN';
      plannedStart: string;
      reportId: string;
      report: KeyUnitReportFacts | null;
      /** enriched from the working-day calendar and configuration (default 15 working days) */
      leadTime: { workingDaysUntilStart: number; requiredWorkingDays: number };
    })
  | (Sent & { type: 'START_DEMOLITION' })
  | (Sent & { type: 'COMPLETE_DEMOLITION'; completedOn: string })
  | (Sent & { type: 'RECORD_UNFILED_DEMOLITION'; observedOn: string; note: string })
  | (Sent & { type: 'CLOSE'; reason: ClosureReason; on: string; note?: string | null })
  | (Sent & { type: 'REMOVE'; reason: string; on: string });

export type KeyUnitEventType = KeyUnitEvent['type'];
