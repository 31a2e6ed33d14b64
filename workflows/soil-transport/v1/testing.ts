import { createActor, type SnapshotFrom } from 'xstate';
import { transitionFor } from '../../snapshots';
import type { Actor } from '../../types';
import type { SoilTransportInput } from './context';
import type { SoilTransportEvent, TransportSide } from './events';
import { REMEDIATION_WORKS_STATE } from './guards';
import { soilTransportV1 } from './machine';

/**
 * Builders of enriched soil-transport events, as the engine would send them,
 * for the tests here and in the engine. Origin 410106 (上街区), destination
 * 410182 (荥阳市), as in the demo data.
 */
export const TRANSPORT_INPUT: SoilTransportInput = {
  transportId: 'transport-1',
  plotId: 'plot-1',
  holderOrganisationId: 'org-holder',
  originJurisdiction: '410106',
};

export const TRANSPORT_ACTORS = {
  holder: { userId: 'user-holder', role: 'holder', organisationId: 'org-holder' },
  originEeb: { userId: 'user-eeb', role: 'eeb', organisationId: 'org-eeb' },
  destinationEeb: { userId: 'user-eeb-xy', role: 'eeb', organisationId: 'org-eeb-xy' },
} as const satisfies Record<string, Actor>;

type Ev<T extends SoilTransportEvent['type']> = Extract<SoilTransportEvent, { type: T }>;

export const transportEvents = {
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
  acknowledge: (sides: TransportSide[], actor: Actor = TRANSPORT_ACTORS.originEeb): Ev<'ACKNOWLEDGE'> => ({
    type: 'ACKNOWLEDGE',
    actor,
    sides,
  }),
  object: (reason = '运输线路穿越水源保护区'): Ev<'OBJECT'> => ({ type: 'OBJECT', actor: TRANSPORT_ACTORS.destinationEeb, reason }),
  dispatch: (today = '2026-07-13', quantityT = 120): Ev<'DISPATCH'> => ({
    type: 'DISPATCH',
    actor: TRANSPORT_ACTORS.holder,
    manifestNo: 'ZY-2026-0001',
    quantityT,
    today,
  }),
  receipt: (quantityT = 118, tolerancePct = 5): Ev<'RECORD_RECEIPT'> => ({
    type: 'RECORD_RECEIPT',
    actor: TRANSPORT_ACTORS.holder,
    quantityT,
    receiptReportId: 'report-transport_receipt',
    tolerancePct,
  }),
  resolve: (explanation = '含水率下降导致计量差异，已核实'): Ev<'RESOLVE'> => ({
    type: 'RESOLVE',
    actor: TRANSPORT_ACTORS.destinationEeb,
    explanation,
  }),
  cancel: (reason = '改为原址修复'): Ev<'CANCEL'> => ({ type: 'CANCEL', actor: TRANSPORT_ACTORS.holder, reason }),
};

type Scenario = readonly SoilTransportEvent[];

const filed: Scenario = [transportEvents.submit()];
const acknowledged: Scenario = [
  ...filed,
  transportEvents.acknowledge(['origin']),
  transportEvents.acknowledge(['destination'], TRANSPORT_ACTORS.destinationEeb),
];
const inTransit: Scenario = [...acknowledged, transportEvents.dispatch()];
const discrepancy: Scenario = [...inTransit, transportEvents.receipt(100)];

/** Event sequences from opening a transport to named states, each event accepted. */
export const TRANSPORT_SCENARIOS = { filed, acknowledged, inTransit, discrepancy };

export type TransportSnapshot = SnapshotFrom<typeof soilTransportV1>;

export function initialTransportSnapshot(input: SoilTransportInput = TRANSPORT_INPUT): TransportSnapshot {
  return createActor(soilTransportV1, { input }).getSnapshot();
}

/** Applies the events in order; throws naming the first one the machine does not accept. */
export function driveTransport(
  events: readonly SoilTransportEvent[],
  from: TransportSnapshot = initialTransportSnapshot(),
): TransportSnapshot {
  return events.reduce((snapshot, event, index) => {
    const { next, changed } = transitionFor(soilTransportV1, snapshot, event);
    if (!changed) throw new Error(`event #${index} ${event.type} was not accepted in ${JSON.stringify(snapshot.value)}`);
    return next;
  }, from);
}
