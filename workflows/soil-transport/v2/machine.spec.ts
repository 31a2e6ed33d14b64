import { getShortestPaths } from 'xstate/graph';
import { refusingGuards } from '../../inspect';
import { canSend, persist, restore, statePathsOf, stateValueToPath, migrate, transitionFor } from '../../registry';
import { soilTransportV1 } from '../v1/machine';
import { driveTransport, TRANSPORT_SCENARIOS, transportEvents } from '../v1/testing';
import type { SoilTransportEventV2 } from './events';
import { guardReason } from './labels';
import { soilTransportGuardsV2 } from './guards';
import { soilTransportV2 } from './machine';
import {
  driveTransportV2,
  TRANSPORT_INPUT,
  TRANSPORT_SCENARIOS_V2,
  transportEventsV2 as e,
  type TransportSnapshotV2,
} from './testing';

const pathOf = (s: TransportSnapshotV2) => stateValueToPath(s.value);
const { acknowledged, inTransit, filed } = TRANSPORT_SCENARIOS_V2;

/** The refusal the engine would answer with: the first refusing guard and its Chinese reason. */
function refusal(snapshot: TransportSnapshotV2, event: SoilTransportEventV2) {
  expect(canSend(soilTransportV2, snapshot as never, event as never)).toBe(false);
  const [guard] = refusingGuards(snapshot as never, event as never);
  return { guard: guard?.name, reason: guardReason(guard ?? { name: '?' }, event as never, snapshot.context as never) };
}

describe('soil-transport v2: shape of the statechart', () => {
  it('keeps v1’s seven states, each described in Chinese and English', () => {
    expect(statePathsOf(soilTransportV2)).toEqual(['draft', 'filed', 'acknowledged', 'inTransit', 'discrepancy', 'closed', 'cancelled']);
    for (const path of statePathsOf(soilTransportV2)) {
      expect(soilTransportV2.getStateNodeById(`soil-transport.${path}`).description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
  });

  it('reaches every state with enriched events (both acknowledgement settings)', () => {
    const events: SoilTransportEventV2[] = [
      e.submit(), e.acknowledge(['origin', 'destination']), e.object(), e.cancel(),
      e.dispatch({ quantityT: 60 }), e.dispatch({ quantityT: 60, acknowledgeBeforeDispatch: 'none' }),
      e.receipt({ quantityT: 60 }), e.receipt({ quantityT: 40 }), e.resolve(), e.complete(),
    ];
    const vertexOf = (s: TransportSnapshotV2) => JSON.stringify({ value: s.value, context: s.context });
    const paths = getShortestPaths(soilTransportV2, { input: TRANSPORT_INPUT, events, serializeState: vertexOf, limit: 5000 } as never);
    expect(new Set(paths.map((p) => pathOf(p.state as TransportSnapshotV2)))).toEqual(new Set(statePathsOf(soilTransportV2)));
  });
});

describe('soil-transport v2: batches against the reported quantity (土壤法第四十一条)', () => {
  it('dispatches a plan in batches, numbering them, and keeps the running totals', () => {
    const s = driveTransportV2([...acknowledged, e.dispatch({ quantityT: 50 }), e.dispatch({ quantityT: 40.5, manifestNo: 'ZY-2' })]);
    expect(pathOf(s)).toBe('inTransit');
    expect(s.context.batches.map((b) => [b.batchNo, b.manifestNo, b.quantityT, b.status])).toEqual([
      [1, 'ZY-2026-0001', 50, 'inTransit'],
      [2, 'ZY-2', 40.5, 'inTransit'],
    ]);
    expect(s.context.totals).toEqual({ dispatchedT: 90.5, receivedT: 0 });
  });

  it('土壤法第四十一条: a batch taking the total dispatched above the reported quantity is refused, naming both figures', () => {
    const s = driveTransportV2([...acknowledged, e.dispatch({ quantityT: 100 })]);
    const r = refusal(s, e.dispatch({ quantityT: 20.001 }));
    expect(r.guard).toBe('withinReportedQuantity');
    expect(r.reason).toContain('120.001 吨');
    expect(r.reason).toContain('120 吨');
    expect(r.reason).toContain('土壤法第四十一条');
    // Exactly the remainder is accepted (tonnes compared to three decimals, no float drift).
    expect(driveTransportV2([e.dispatch({ quantityT: 0.1 }), e.dispatch({ quantityT: 0.2 })], driveTransportV2([...acknowledged, e.dispatch({ quantityT: 119.7 })])).context.totals.dispatchedT).toBe(120);
  });

  it('土壤法第四十一条: the first batch too is refused above the reported quantity', () => {
    expect(refusal(driveTransportV2(acknowledged), e.dispatch({ quantityT: 121 })).guard).toBe('withinReportedQuantity');
  });

  it('a batch number is used once; an omitted one is the next after the highest', () => {
    const s = driveTransportV2([...acknowledged, e.dispatch({ quantityT: 10, batchNo: 7 })]);
    expect(refusal(s, e.dispatch({ quantityT: 10, batchNo: 7 })).guard).toBe('batchNoUnused');
    expect(driveTransportV2([e.dispatch({ quantityT: 10 })], s).context.batches.map((b) => b.batchNo)).toEqual([7, 8]);
  });

  it('转运联单: each receipt is reconciled with its own batch; a receipt beyond the tolerance puts that batch in discrepancy', () => {
    const two = driveTransportV2([...acknowledged, e.dispatch({ quantityT: 60 }), e.dispatch({ quantityT: 60 })]);
    expect(refusal(two, e.receipt({ batchNo: 3, quantityT: 60 })).guard).toBe('batchAwaitingReceipt');
    // Unnamed, a receipt is for the earliest batch on the road.
    expect(driveTransportV2([e.receipt({ quantityT: 58 })], two).context.batches.map((b) => b.status)).toEqual(['received', 'inTransit']);
    const first = driveTransportV2([e.receipt({ batchNo: 1, quantityT: 58 })], two);
    expect([pathOf(first), first.context.batches[0].status, first.context.totals.receivedT]).toEqual(['inTransit', 'received', 58]);
    expect(refusal(first, e.receipt({ batchNo: 1, quantityT: 58 })).guard).toBe('batchAwaitingReceipt');
    const short = driveTransportV2([e.receipt({ batchNo: 2, quantityT: 50 })], first);
    expect([pathOf(short), short.context.batches[1].status]).toEqual(['discrepancy', 'discrepancy']);
    // A receipt above the batch beyond the tolerance is a discrepancy too (as v1).
    expect(pathOf(driveTransportV2([e.receipt({ batchNo: 2, quantityT: 64 })], first))).toBe('discrepancy');
  });

  it('the destination bureau’s explanation settles the batch; the whole plan received and reconciled closes it', () => {
    const s = driveTransportV2([...acknowledged, e.dispatch({ quantityT: 60 }), e.dispatch({ quantityT: 60 }), e.receipt({ batchNo: 1, quantityT: 40 })]);
    expect(pathOf(s)).toBe('discrepancy');
    expect(refusal(s, e.dispatch({ quantityT: 1 })).guard).toBeUndefined();
    const stillOnTheRoad = driveTransportV2([e.resolve()], s);
    expect([pathOf(stillOnTheRoad), stillOnTheRoad.context.batches[0].status]).toEqual(['inTransit', 'resolved']);
    const closed = driveTransportV2([e.receipt({ quantityT: 59 })], stillOnTheRoad);
    expect(pathOf(closed)).toBe('closed');
    expect(closed.context.totals).toEqual({ dispatchedT: 120, receivedT: 99 });
    expect(closed.context.receipt).toEqual({ quantityT: 99 });
  });
});

describe('soil-transport v2: the holder declares the plan complete (土壤法第四十一条)', () => {
  it('COMPLETE closes a plan dispatched below its reported quantity once every batch is received and reconciled', () => {
    const s = driveTransportV2(inTransit);
    const r = refusal(s, e.complete());
    expect(r.guard).toBe('allBatchesReconciled');
    expect(r.reason).toContain('土壤法第四十一条');
    const received = driveTransportV2([e.receipt({ quantityT: 49 })], s);
    expect(pathOf(received)).toBe('inTransit');
    const closed = driveTransportV2([e.complete()], received);
    expect(pathOf(closed)).toBe('closed');
    expect(closed.context).toMatchObject({ totals: { dispatchedT: 50, receivedT: 49 }, completion: { userId: 'user-holder' } });
  });

  it('COMPLETE is refused while a batch’s difference awaits the destination bureau', () => {
    const s = driveTransportV2(TRANSPORT_SCENARIOS_V2.discrepancy);
    expect(s.can(e.complete())).toBe(false);
  });
});

describe('soil-transport v2: acknowledgement before dispatch is configuration (土壤法第四十一条 提前报)', () => {
  it('with both (the default) a filed plan is not dispatched: 422 naming the setting', () => {
    const r = refusal(driveTransportV2(filed), e.dispatch());
    expect(r).toEqual({ guard: 'dispatchBeforeAcknowledgementAllowed', reason: expect.stringContaining('均确认') });
  });

  it('with none a filed plan is dispatched once its planned start is reached, not before; acknowledgements may still be recorded', () => {
    const s = driveTransportV2(filed);
    const early = refusal(s, e.dispatch({ acknowledgeBeforeDispatch: 'none', today: '2026-07-12' }));
    expect(early.guard).toBe('plannedStartReached');
    expect(early.reason).toContain('土壤法第四十一条');
    const gone = driveTransportV2([e.dispatch({ acknowledgeBeforeDispatch: 'none', today: '2026-07-13', quantityT: 30 })], s);
    expect(pathOf(gone)).toBe('inTransit');
    const acked = driveTransportV2([e.acknowledge(['origin'])], gone);
    expect(Object.keys(acked.context.acknowledgements)).toEqual(['origin']);
    expect(acked.can(e.acknowledge(['origin']))).toBe(false);
  });

  it('土壤法第四十一条: an acknowledged plan is not dispatched before its planned start, and is on that day', () => {
    const s = driveTransportV2(acknowledged);
    expect(refusal(s, e.dispatch({ today: '2026-07-12' })).guard).toBe('plannedStartReached');
    expect(pathOf(driveTransportV2([e.dispatch({ today: '2026-07-13' })], s))).toBe('inTransit');
  });
});

describe('soil-transport v2: hazardous waste (土壤法第四十一条; 《危险废物转移管理办法》)', () => {
  const hazardous = { hazardousWaste: true, receiverLicenceNo: '豫危废经营许可证第 4101xx 号' };

  it('《危险废物转移管理办法》: a hazardous plan names the receiver’s 危险废物经营许可证 number (422 hazardousReceiverLicensed)', () => {
    for (const receiverLicenceNo of [undefined, null, '  ']) {
      const r = refusal(driveTransportV2([]), e.submit({ hazardousWaste: true, receiverLicenceNo }));
      expect(r.guard).toBe('hazardousReceiverLicensed');
      expect(r.reason).toContain('危险废物经营许可证');
    }
    expect(driveTransportV2([e.submit(hazardous)]).context.details?.receiverLicenceNo).toBe(hazardous.receiverLicenceNo);
  });

  it('《危险废物转移管理办法》: every batch of a hazardous plan names its 危险废物转移联单 number (422 hazardousManifestGiven)', () => {
    const s = driveTransportV2([e.submit(hazardous), e.acknowledge(['origin', 'destination'])]);
    const r = refusal(s, e.dispatch({ quantityT: 10 }));
    expect(r.guard).toBe('hazardousManifestGiven');
    expect(r.reason).toContain('危险废物转移联单');
    const first = driveTransportV2([e.dispatch({ quantityT: 10, hazardousManifestNo: ' 4101-2026-000123 ' })], s);
    expect(first.context.batches[0].hazardousManifestNo).toBe('4101-2026-000123');
    expect(refusal(first, e.dispatch({ quantityT: 10, hazardousManifestNo: '' })).guard).toBe('hazardousManifestGiven');
  });

  it('a plan that is not hazardous needs neither number', () => {
    expect(pathOf(driveTransportV2([...acknowledged, e.dispatch()]))).toBe('inTransit');
  });
});

describe('soil-transport v1 → v2 migration', () => {
  const v1At = (events: Parameters<typeof driveTransport>[0]) => ({ machine: 'soil-transport', version: 1, snapshot: persist(soilTransportV1, driveTransport(events)) });

  it('a v1 transport in transit becomes batch 1 of its plan, in the same state, and carries on under v2', () => {
    const migrated = migrate(v1At(TRANSPORT_SCENARIOS.inTransit), 2);
    const { snapshot } = restore(migrated);
    expect(stateValueToPath(snapshot.value)).toBe('inTransit');
    expect(snapshot.context).toMatchObject({
      batches: [{ batchNo: 1, manifestNo: 'ZY-2026-0001', quantityT: 120, dispatchedOn: '2026-07-13', status: 'inTransit', receipt: null }],
      totals: { dispatchedT: 120, receivedT: 0 },
      details: { quantityT: 120, receiverLicenceNo: null },
    });
    expect(snapshot.context).not.toHaveProperty('dispatch');
    expect(transitionFor(soilTransportV2, snapshot as never, e.receipt({ quantityT: 119 })).next.value).toBe('closed');
  });

  it('a v1 discrepancy keeps its receipt on batch 1 and is resolved under v2', () => {
    const { snapshot } = restore(migrate(v1At(TRANSPORT_SCENARIOS.discrepancy), 2));
    expect(snapshot.context.batches[0]).toMatchObject({ status: 'discrepancy', receipt: { quantityT: 100 } });
    expect(transitionFor(soilTransportV2, snapshot as never, e.resolve()).next.value).toBe('closed');
  });

  it('a closed v1 transport keeps its totals; a draft one has no batch', () => {
    const closed = restore(migrate(v1At([...TRANSPORT_SCENARIOS.inTransit, transportEvents.receipt(118)]), 2)).snapshot;
    expect(closed.context).toMatchObject({ totals: { dispatchedT: 120, receivedT: 118 }, receipt: { quantityT: 118 } });
    expect(closed.context.batches[0].status).toBe('received');
    expect(restore(migrate(v1At([]), 2)).snapshot.context.batches).toEqual([]);
  });
});

describe('soil-transport v2: reasons in Chinese, citing reference/soil-transport.json', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reference = require('../../../reference/soil-transport.json') as { rules: Record<string, { cite: string[] }> };

  it.each(Object.entries(reference.rules))('%s: its reason cites its legal basis as the reference file names it', (guard, rule) => {
    const text = guardReason({ name: guard }, { quantityT: 1 }, { details: { quantityT: 1 }, totals: { dispatchedT: 1 } });
    for (const cite of rule.cite) expect(text).toContain(cite);
  });

  it('every guard of v2 has a Chinese reason without internal codes', () => {
    for (const name of Object.keys(soilTransportGuardsV2)) {
      const text = guardReason({ name }, { batchNo: 2, quantityT: 1 }, {});
      expect(text).not.toBe('不符合办理条件');
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
