import { initialTransportContext, type SoilTransportContext } from './context';
import type { SoilTransportEvent } from './events';
import { soilTransportGuards, transportStartGuards, type TransportGuardArgs } from './guards';
import { TRANSPORT_ACTORS, TRANSPORT_INPUT, transportEvents } from './testing';

type GuardName = keyof typeof soilTransportGuards;

interface Edge {
  context?: Partial<SoilTransportContext>;
  event: SoilTransportEvent;
}

interface GuardCase {
  title: string;
  guard: GuardName;
  pass: Edge[];
  fail: Edge[];
}

const ack = { userId: 'user-eeb', organisationId: 'org-eeb' };
const { leadTime: _leadTime, plotState: _plotState, actor: _actor, type: _type, ...plan } = transportEvents.submit();
const planned = { details: plan };
const dispatched = { dispatch: { manifestNo: 'ZY-2026-0001', quantityT: 120, date: '2026-07-13' } };

/** One row per guard: the passing and the failing edges of the rule. */
const CASES: GuardCase[] = [
  {
    title: '土壤法 art. 41: the plan states time, method, route, quantity, destination and final disposal',
    guard: 'transportPlanComplete',
    pass: [{ event: transportEvents.submit() }],
    fail: [
      { event: transportEvents.submit({ route: ' ' }) },
      { event: transportEvents.submit({ finalDisposal: '' }) },
      { event: transportEvents.submit({ vehicles: [] }) },
      { event: transportEvents.submit({ quantityT: 0 }) },
    ],
  },
  {
    title: '土壤法 arts. 40–41: soil leaves a plot only during its remediation works',
    guard: 'plotInRemediationWorks',
    pass: [{ event: transportEvents.submit() }],
    fail: [
      { event: transportEvents.submit({ plotState: 'listed.remediation.ready' }) },
      { event: transportEvents.submit({ plotState: 'listed.riskControl' }) },
    ],
  },
  {
    title: '土壤法 art. 41, 42号令: the plan is reported N working days ahead (holidays and 调休 counted)',
    guard: 'leadTimeOfWorkingDaysMet',
    pass: [
      { event: transportEvents.submit({ leadTime: { workingDaysUntilStart: 5, requiredWorkingDays: 5 } }) },
      { event: transportEvents.submit({ leadTime: { workingDaysUntilStart: 9, requiredWorkingDays: 5 } }) },
    ],
    fail: [{ event: transportEvents.submit({ leadTime: { workingDaysUntilStart: 4, requiredWorkingDays: 5 } }) }],
  },
  {
    title: '土壤法 art. 41: each bureau of origin and destination acknowledges once',
    guard: 'sidesNotYetAcknowledged',
    pass: [
      { event: transportEvents.acknowledge(['origin']) },
      { event: transportEvents.acknowledge(['destination']), context: { acknowledgements: { origin: ack } } },
    ],
    fail: [
      { event: transportEvents.acknowledge(['origin']), context: { acknowledgements: { origin: ack } } },
      { event: transportEvents.acknowledge(['origin', 'destination']), context: { acknowledgements: { origin: ack } } },
      { event: transportEvents.acknowledge([]) },
    ],
  },
  {
    title: '土壤法 art. 41: the transport is acknowledged once 所在地 and 接收地 both have',
    guard: 'completesAcknowledgement',
    pass: [
      { event: transportEvents.acknowledge(['destination']), context: { acknowledgements: { origin: ack } } },
      { event: transportEvents.acknowledge(['origin', 'destination']) },
    ],
    fail: [{ event: transportEvents.acknowledge(['origin']) }],
  },
  {
    title: 'an objection or a cancellation states its reason',
    guard: 'reasonGiven',
    pass: [{ event: transportEvents.object() }, { event: transportEvents.cancel() }],
    fail: [{ event: transportEvents.object('  ') }, { event: transportEvents.cancel('') }],
  },
  {
    title: '土壤法 art. 41: soil leaves no earlier than the reported start date',
    guard: 'plannedStartReached',
    pass: [
      { event: transportEvents.dispatch('2026-07-13'), context: planned },
      { event: transportEvents.dispatch('2026-08-01'), context: planned },
    ],
    fail: [{ event: transportEvents.dispatch('2026-07-12'), context: planned }, { event: transportEvents.dispatch('2026-07-13') }],
  },
  {
    title: '转运联单 (土壤法 art. 41): the receipt matches the dispatch within the configured tolerance',
    guard: 'receivedWithinTolerance',
    pass: [
      { event: transportEvents.receipt(120), context: dispatched },
      { event: transportEvents.receipt(126, 5), context: dispatched },
      { event: transportEvents.receipt(114, 5), context: dispatched },
    ],
    fail: [
      { event: transportEvents.receipt(113.9, 5), context: dispatched },
      { event: transportEvents.receipt(120, 0), context: { dispatch: { ...dispatched.dispatch, quantityT: 121 } } },
      { event: transportEvents.receipt(120) },
    ],
  },
  {
    title: 'a discrepancy closes only with the destination bureau’s written explanation',
    guard: 'explanationGiven',
    pass: [{ event: transportEvents.resolve() }],
    fail: [{ event: transportEvents.resolve(' ') }, { event: { ...transportEvents.object(), actor: TRANSPORT_ACTORS.destinationEeb } }],
  },
];

const check = (name: GuardName, { context, event }: Edge): boolean => {
  const args: TransportGuardArgs = { context: { ...initialTransportContext(TRANSPORT_INPUT), ...context }, event };
  return soilTransportGuards[name](args);
};

describe.each(CASES)('$title', ({ guard, pass, fail }) => {
  it.each(pass.map((edge, i) => [i, edge] as const))(`${guard} holds on passing edge #%i`, (_i, edge) => {
    expect(check(guard, edge)).toBe(true);
  });
  it.each(fail.map((edge, i) => [i, edge] as const))(`${guard} refuses failing edge #%i`, (_i, edge) => {
    expect(check(guard, edge)).toBe(false);
  });
});

it('the guard table has a row for every guard of the machine', () => {
  expect(CASES.map((c) => c.guard).sort()).toEqual(Object.keys(soilTransportGuards).sort());
});

describe('土壤法 arts. 40–41: a batch is opened only while its plot is under 治理与修复', () => {
  const { plotInRemediation } = transportStartGuards;
  it.each(['listed.remediation.planFiled', 'listed.remediation.ready', 'listed.remediation.inProgress'])(
    'plotInRemediation holds for a plot in %s',
    (plotState) => expect(plotInRemediation({ plotState })).toBe(true),
  );
  it.each(['listed.awaitingPlan', 'listed.riskControl', 'listed.effectEvaluation.drafting', 'released', 'suspected'])(
    'plotInRemediation refuses a plot in %s',
    (plotState) => expect(plotInRemediation({ plotState })).toBe(false),
  );
});
