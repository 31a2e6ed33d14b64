import { createActor, type SnapshotFrom } from 'xstate';
import { transitionFor } from '../../snapshots';
import type { Actor } from '../../types';
import type { Duty, KeyUnitInput } from './context';
import { KEY_UNIT_REPORT_KINDS, type KeyUnitEvent, type KeyUnitReportFacts } from './events';
import { keyUnitV1 } from './machine';

/**
 * Builders of enriched key-unit events, as the engine would send them, for the tests here and in the engine. The
 * unit is an aluminium smelter in 上街区 (410106), listed on 2025-03-01; today is 2026-12-01.
 */
export const TODAY = '2026-12-01';

export const KEY_UNIT_INPUT: KeyUnitInput = {
  unitId: 'unit-1',
  organisationId: 'org-unit',
  jurisdiction: '410106',
  industry: '3216',
  site: { address: '郑州市上街区某路 1 号', parcelCode: '410106-001' },
  listedOn: '2025-03-01',
};

export const KEY_UNIT_ACTORS = {
  unit: { userId: 'user-unit', role: 'holder', organisationId: 'org-unit' },
  eeb: { userId: 'user-eeb', role: 'eeb', organisationId: 'org-eeb' },
} as const satisfies Record<string, Actor>;

type Ev<T extends KeyUnitEvent['type']> = Extract<KeyUnitEvent, { type: T }>;
type Over<T extends KeyUnitEvent['type']> = Partial<Omit<Ev<T>, 'type'>>;

/** The facts the engine loads for a report uploaded for the unit. */
export function unitReport(kind: keyof typeof KEY_UNIT_REPORT_KINDS, overrides: Partial<KeyUnitReportFacts> = {}): KeyUnitReportFacts {
  const monitoring = kind === 'selfMonitoring' || kind === 'bureauMonitoring';
  return {
    id: `report-${kind}`,
    kind: KEY_UNIT_REPORT_KINDS[kind],
    unitId: KEY_UNIT_INPUT.unitId,
    media: monitoring ? ['soil', 'groundwater'] : [],
    screeningVerdict: monitoring ? 'below_screening' : null,
    ...overrides,
  };
}

export const keyUnitEvents = {
  duty: (duty: Duty, year = 2025, overrides: Over<'FILE_DUTY_REPORT'> = {}): Ev<'FILE_DUTY_REPORT'> => {
    const report = overrides.report === undefined ? unitReport(duty, { id: `report-${duty}-${year}` }) : overrides.report;
    return { type: 'FILE_DUTY_REPORT', actor: KEY_UNIT_ACTORS.unit, today: TODAY, duty, year, reportId: report?.id ?? 'report-none', report, ...overrides };
  },
  bureauMonitoring: (year = 2025, overrides: Over<'RECORD_BUREAU_MONITORING'> = {}): Ev<'RECORD_BUREAU_MONITORING'> => {
    const report = overrides.report === undefined ? unitReport('bureauMonitoring', { id: `report-bureau-${year}` }) : overrides.report;
    return { type: 'RECORD_BUREAU_MONITORING', actor: KEY_UNIT_ACTORS.eeb, today: TODAY, year, reportId: report?.id ?? 'report-none', report, ...overrides };
  },
  /** A plan filed on 2026-12-01 for a start on 2026-12-22, 15 working days ahead. */
  demolitionPlan: (overrides: Over<'FILE_DEMOLITION_PLAN'> = {}): Ev<'FILE_DEMOLITION_PLAN'> => ({
    type: 'FILE_DEMOLITION_PLAN',
    actor: KEY_UNIT_ACTORS.unit,
    today: TODAY,
    plannedStart: '2026-12-22',
    reportId: 'report-demolitionPlan',
    report: unitReport('demolitionPlan'),
    leadTime: { workingDaysUntilStart: 15, requiredWorkingDays: 15 },
    ...overrides,
  }),
  start: (today = '2026-12-22'): Ev<'START_DEMOLITION'> => ({ type: 'START_DEMOLITION', actor: KEY_UNIT_ACTORS.unit, today }),
  complete: (completedOn = '2027-01-15', today = '2027-01-15'): Ev<'COMPLETE_DEMOLITION'> => ({
    type: 'COMPLETE_DEMOLITION',
    actor: KEY_UNIT_ACTORS.unit,
    today,
    completedOn,
  }),
  unfiled: (observedOn = '2026-11-20', overrides: Over<'RECORD_UNFILED_DEMOLITION'> = {}): Ev<'RECORD_UNFILED_DEMOLITION'> => ({
    type: 'RECORD_UNFILED_DEMOLITION',
    actor: KEY_UNIT_ACTORS.eeb,
    today: TODAY,
    observedOn,
    note: '现场检查发现电解车间正在拆除，未见备案的土壤污染防治工作方案',
    ...overrides,
  }),
  close: (overrides: Over<'CLOSE'> = {}): Ev<'CLOSE'> => ({
    type: 'CLOSE',
    actor: KEY_UNIT_ACTORS.eeb,
    today: TODAY,
    reason: 'relocation',
    on: '2026-11-30',
    note: '整体搬迁至产业园区',
    ...overrides,
  }),
  remove: (overrides: Over<'REMOVE'> = {}): Ev<'REMOVE'> => ({
    type: 'REMOVE',
    actor: KEY_UNIT_ACTORS.eeb,
    today: TODAY,
    reason: '企业已终止生产经营，场地调查已启动',
    on: TODAY,
    ...overrides,
  }),
};

const e = keyUnitEvents;
type Scenario = readonly KeyUnitEvent[];

const demolitionFiled: Scenario = [e.demolitionPlan()];
const demolishing: Scenario = [...demolitionFiled, e.start()];
const closed: Scenario = [e.close()];

/** Event sequences from listing to named states, each event accepted. */
export const KEY_UNIT_SCENARIOS = { demolitionFiled, demolishing, closed };

export type KeyUnitSnapshot = SnapshotFrom<typeof keyUnitV1>;

export function initialKeyUnitSnapshot(input: KeyUnitInput = KEY_UNIT_INPUT): KeyUnitSnapshot {
  return createActor(keyUnitV1, { input }).getSnapshot();
}

/** Applies the events in order; throws naming the first one the machine does not accept. */
export function driveKeyUnit(events: readonly KeyUnitEvent[], from: KeyUnitSnapshot = initialKeyUnitSnapshot()): KeyUnitSnapshot {
  return events.reduce((snapshot, event, index) => {
    const { next, changed } = transitionFor(keyUnitV1, snapshot, event);
    if (!changed) throw new Error(`event #${index} ${event.type} was not accepted in ${JSON.stringify(snapshot.value)}`);
    return next;
  }, from);
}
