import { createActor, type SnapshotFrom } from 'xstate';
import { transitionFor } from '../../snapshots';
import type { Actor } from '../../types';
import { TRANSPORT_ACTORS, TRANSPORT_INPUT } from '../v1/testing';
import { REMEDIATION_WORKS_STATE } from '../v1/guards';
import type { SoilTransportInput } from './context';
import type { AcknowledgeBeforeDispatch, SoilTransportEventV2, TransportSide } from './events';
import { soilTransportV2 } from './machine';

export { TRANSPORT_ACTORS, TRANSPORT_INPUT };

/**
 * Builders of enriched soil-transport v2 events, as the engine would send them.
 * The plan is 120 t from 410106 (上街区) to 410182 (荥阳市), starting 2026-07-13.
 */
type Ev<T extends SoilTransportEventV2['type']> = Extract<SoilTransportEventV2, { type: T }>;

export const transportEventsV2 = {
  submit: (overrides: Partial<Omit<Ev<'SUBMIT'>, 'type'>> = {}): Ev<'SUBMIT'> => ({
    type: 'SUBMIT',
    actor: TRANSPORT_ACTORS.holder,
    plannedStart: '2026-07-13',
    method: '密闭厢式货车',
    route: '上街区 → 连霍高速 → 荥阳市',
    carrier: '某运输有限公司',
    vehicles: ['豫A·12345', '豫A·67890'],
    quantityT: 120,
    destinationFacility: '荥阳市某水泥窑协同处置厂',
    destinationJurisdiction: '410182',
    finalDisposal: '水泥窑协同处置',
    hazardousWaste: false,
    plotState: REMEDIATION_WORKS_STATE,
    leadTime: { workingDaysUntilStart: 5, requiredWorkingDays: 5 },
    ...overrides,
  }),
  acknowledge: (sides: TransportSide[], actor: Actor = TRANSPORT_ACTORS.originEeb): Ev<'ACKNOWLEDGE'> => ({ type: 'ACKNOWLEDGE', actor, sides }),
  object: (reason = '运输线路穿越水源保护区'): Ev<'OBJECT'> => ({ type: 'OBJECT', actor: TRANSPORT_ACTORS.destinationEeb, reason }),
  dispatch: (overrides: Partial<Omit<Ev<'DISPATCH'>, 'type'>> = {}): Ev<'DISPATCH'> => ({
    type: 'DISPATCH',
    actor: TRANSPORT_ACTORS.holder,
    manifestNo: 'ZY-2026-0001',
    quantityT: 120,
    today: '2026-07-13',
    acknowledgeBeforeDispatch: 'both' as AcknowledgeBeforeDispatch,
    ...overrides,
  }),
  receipt: (overrides: Partial<Omit<Ev<'RECORD_RECEIPT'>, 'type'>> = {}): Ev<'RECORD_RECEIPT'> => ({
    type: 'RECORD_RECEIPT',
    actor: TRANSPORT_ACTORS.holder,
    quantityT: 118,
    receiptReportId: 'report-transport_receipt',
    tolerancePct: 5,
    ...overrides,
  }),
  resolve: (overrides: Partial<Omit<Ev<'RESOLVE'>, 'type'>> = {}): Ev<'RESOLVE'> => ({
    type: 'RESOLVE',
    actor: TRANSPORT_ACTORS.destinationEeb,
    explanation: '含水率下降导致计量差异，已核实',
    ...overrides,
  }),
  complete: (): Ev<'COMPLETE'> => ({ type: 'COMPLETE', actor: TRANSPORT_ACTORS.holder }),
  cancel: (reason = '改为原址修复'): Ev<'CANCEL'> => ({ type: 'CANCEL', actor: TRANSPORT_ACTORS.holder, reason }),
};

const e = transportEventsV2;
type Scenario = readonly SoilTransportEventV2[];

const filed: Scenario = [e.submit()];
const acknowledged: Scenario = [...filed, e.acknowledge(['origin']), e.acknowledge(['destination'], TRANSPORT_ACTORS.destinationEeb)];
/** 50 t of the plan's 120 t on the road. */
const inTransit: Scenario = [...acknowledged, e.dispatch({ quantityT: 50 })];
const discrepancy: Scenario = [...inTransit, e.receipt({ quantityT: 40 })];

/** Event sequences from opening a transport to named states, each event accepted. */
export const TRANSPORT_SCENARIOS_V2 = { filed, acknowledged, inTransit, discrepancy };

export type TransportSnapshotV2 = SnapshotFrom<typeof soilTransportV2>;

export function initialTransportSnapshotV2(input: SoilTransportInput = TRANSPORT_INPUT): TransportSnapshotV2 {
  return createActor(soilTransportV2, { input }).getSnapshot();
}

/** Applies the events in order; throws naming the first one the machine does not accept. */
export function driveTransportV2(
  events: readonly SoilTransportEventV2[],
  from: TransportSnapshotV2 = initialTransportSnapshotV2(),
): TransportSnapshotV2 {
  return events.reduce((snapshot, event, index) => {
    const { next, changed } = transitionFor(soilTransportV2, snapshot, event);
    if (!changed) throw new Error(`event #${index} ${event.type} was not accepted in ${JSON.stringify(snapshot.value)}`);
    return next;
  }, from);
}
