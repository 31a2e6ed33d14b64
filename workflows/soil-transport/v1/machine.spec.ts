import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { candidateEvents, persist, restore, statePathsOf, stateValueToPath, transitionFor } from '../../registry';
import type { SoilTransportEvent } from './events';
import { soilTransportV1 } from './machine';
import {
  driveTransport,
  TRANSPORT_ACTORS,
  TRANSPORT_INPUT,
  TRANSPORT_SCENARIOS,
  transportEvents,
  type TransportSnapshot,
} from './testing';

type Step = { event: SoilTransportEvent; state: TransportSnapshot };
const pathOf = (snapshot: TransportSnapshot) => stateValueToPath(snapshot.value);
const eventsOf = (steps: { event: { type: string } }[]) =>
  steps.map((step) => step.event).filter((event) => event.type !== 'xstate.init') as SoilTransportEvent[];

/** Every event, with enrichment that lets its guards pass, plus the receipt outside the tolerance. */
const ALL_EVENTS: readonly SoilTransportEvent[] = [
  transportEvents.submit(),
  transportEvents.acknowledge(['origin']),
  transportEvents.acknowledge(['destination'], TRANSPORT_ACTORS.destinationEeb),
  transportEvents.acknowledge(['origin', 'destination']),
  transportEvents.object(),
  transportEvents.dispatch(),
  transportEvents.receipt(118),
  transportEvents.receipt(100),
  transportEvents.resolve(),
  transportEvents.cancel(),
];

// The transport's context is small and bounded, so state value and whole context make a vertex.
const vertexOf = (snapshot: TransportSnapshot) => JSON.stringify({ value: snapshot.value, context: snapshot.context });
const traversal = { input: TRANSPORT_INPUT, events: ALL_EVENTS, serializeState: vertexOf };

describe('soil-transport v1: shape of the statechart', () => {
  const reachable = getShortestPaths(soilTransportV1, traversal);

  it('has 7 states and 11 transition definitions', () => {
    const definitions = statePathsOf(soilTransportV1)
      .map((path) => soilTransportV1.getStateNodeById(`soil-transport.${path}`))
      .reduce((sum, node) => sum + [...node.transitions.values()].flat().length, 0);
    expect(statePathsOf(soilTransportV1)).toEqual([
      'draft',
      'filed',
      'acknowledged',
      'inTransit',
      'discrepancy',
      'closed',
      'cancelled',
    ]);
    expect(definitions).toBe(11);
  });

  it('reaches every state with enriched events', () => {
    expect(new Set(reachable.map((path) => pathOf(path.state)))).toEqual(new Set(statePathsOf(soilTransportV1)));
  });

  it('takes 11 distinct transitions (state, event, next state)', () => {
    const edges = new Set<string>();
    for (const [vertex, { state, transitions }] of Object.entries(getAdjacencyMap(soilTransportV1, traversal))) {
      for (const { event, state: next } of Object.values<Step>(transitions)) {
        if (vertexOf(next) !== vertex) edges.add(`${pathOf(state)} ${event.type} ${pathOf(next)}`);
      }
    }
    expect(edges.size).toBe(11);
  });

  it('walks each of the 52 simple paths from draft to closed or cancelled', () => {
    const paths = getSimplePaths(soilTransportV1, { ...traversal, toState: (snapshot) => snapshot.status === 'done' });
    expect(paths.length).toBeGreaterThan(0);
    const ends = new Set<string>();
    for (const path of paths) {
      const end = driveTransport(eventsOf(path.steps));
      expect(end.status).toBe('done');
      ends.add(pathOf(end));
    }
    expect([...ends].sort()).toEqual(['cancelled', 'closed']);
    expect(paths).toHaveLength(52);
  });

  it('restores every reachable snapshot from JSON with the same state and context', () => {
    for (const { state } of reachable) {
      const stored = { machine: 'soil-transport', version: 1, snapshot: JSON.parse(JSON.stringify(persist(soilTransportV1, state))) };
      const { snapshot } = restore(stored);
      expect(snapshot.value).toEqual(state.value);
      expect(snapshot.context).toEqual(state.context);
      expect(candidateEvents(snapshot)).toEqual(candidateEvents(state));
    }
  });
});

describe('soil-transport v1: decisions', () => {
  it('土壤法 art. 41: the transport proceeds once both 所在地 and 接收地 have acknowledged, each once', () => {
    const filed = driveTransport(TRANSPORT_SCENARIOS.filed);
    const origin = driveTransport([transportEvents.acknowledge(['origin'])], filed);
    expect(pathOf(origin)).toBe('filed');
    expect(transitionFor(soilTransportV1, origin, transportEvents.acknowledge(['origin'])).changed).toBe(false);
    const both = driveTransport([transportEvents.acknowledge(['destination'], TRANSPORT_ACTORS.destinationEeb)], origin);
    expect(pathOf(both)).toBe('acknowledged');
    expect(Object.keys(both.context.acknowledgements).sort()).toEqual(['destination', 'origin']);
  });

  it('土壤法 art. 41: one bureau of both origin and destination acknowledges both sides at once', () => {
    const sameJurisdiction = driveTransport([
      transportEvents.submit({ destinationJurisdiction: '410106' }),
      transportEvents.acknowledge(['origin', 'destination']),
    ]);
    expect(pathOf(sameJurisdiction)).toBe('acknowledged');
  });

  it('an objection sends the plan back to the holder and clears the acknowledgements', () => {
    const objected = driveTransport([...TRANSPORT_SCENARIOS.filed, transportEvents.acknowledge(['origin']), transportEvents.object()]);
    expect(pathOf(objected)).toBe('draft');
    expect(objected.context.acknowledgements).toEqual({});
    expect(objected.context.objection?.reason).toBe('运输线路穿越水源保护区');
    expect(objected.context.details?.quantityT).toBe(120);
  });

  it('records the plan and the destination jurisdiction on submission', () => {
    const filed = driveTransport(TRANSPORT_SCENARIOS.filed);
    expect(filed.context.destinationJurisdiction).toBe('410182');
    expect(filed.context.details).toMatchObject({ plannedStart: '2026-07-13', vehicles: ['豫A·12345', '豫A·67890'] });
    expect(filed.context.details).not.toHaveProperty('leadTime');
  });

  it('土壤法 art. 41: soil leaves no earlier than the reported start date', () => {
    const acknowledged = driveTransport(TRANSPORT_SCENARIOS.acknowledged);
    expect(transitionFor(soilTransportV1, acknowledged, transportEvents.dispatch('2026-07-12')).changed).toBe(false);
    expect(pathOf(driveTransport([transportEvents.dispatch('2026-07-13')], acknowledged))).toBe('inTransit');
  });

  it('转运联单: a receipt within the tolerance closes; outside it needs the destination bureau', () => {
    const inTransit = driveTransport(TRANSPORT_SCENARIOS.inTransit);
    expect(pathOf(driveTransport([transportEvents.receipt(114)], inTransit))).toBe('closed');
    const discrepancy = driveTransport([transportEvents.receipt(113.9)], inTransit);
    expect(pathOf(discrepancy)).toBe('discrepancy');
    expect(transitionFor(soilTransportV1, discrepancy, transportEvents.resolve(' ')).changed).toBe(false);
    const resolved = driveTransport([transportEvents.resolve()], discrepancy);
    expect(pathOf(resolved)).toBe('closed');
    expect(resolved.context.resolution?.organisationId).toBe('org-eeb-xy');
  });

  it('a transport can be cancelled until it is dispatched, and not after', () => {
    for (const events of [[], TRANSPORT_SCENARIOS.filed, TRANSPORT_SCENARIOS.acknowledged]) {
      expect(pathOf(driveTransport([...events, transportEvents.cancel()]))).toBe('cancelled');
    }
    const inTransit = driveTransport(TRANSPORT_SCENARIOS.inTransit);
    expect(transitionFor(soilTransportV1, inTransit, transportEvents.cancel()).changed).toBe(false);
  });
});
