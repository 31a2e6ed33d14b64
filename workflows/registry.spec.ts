import { assign, createActor, setup, type AnyStateMachine } from 'xstate';
import { MissingMigrationError, SnapshotRestoreError, UnknownMachineVersionError } from './errors';
import { plotLifecycleV1 } from './plot-lifecycle/v1/machine';
import { plotLifecycleV2 } from './plot-lifecycle/v2/machine';
import { drivePlot, initialPlotSnapshot, PLOT_SCENARIOS, plotEvents } from './plot-lifecycle/v1/testing';
import {
  canSend,
  candidateEvents,
  CURRENT_VERSION,
  getMachine,
  migrate,
  pathToValue,
  persist,
  restore,
  stateValueToPath,
  transitionFor,
  WorkflowRegistry,
  type MachineDefinition,
  type StoredSnapshot,
} from './registry';

/** A throw-away machine whose v2 renames the state `sampled` to `screened`. */
function sampleMachine(reached: 'sampled' | 'screened') {
  return setup({
    types: { context: {} as { samples: number }, events: {} as { type: 'SAMPLE' } | { type: 'SCREEN' } },
  }).createMachine({
    id: 'samples',
    context: { samples: 0 },
    initial: 'pending',
    states: {
      pending: { on: { SAMPLE: { target: reached, actions: assign({ samples: ({ context }) => context.samples + 1 }) } } },
      [reached]: { on: { SCREEN: 'done' } },
      done: { type: 'final' },
    },
  });
}

const definition = (version: number, machine: AnyStateMachine): MachineDefinition => ({
  name: 'samples',
  version,
  machine,
  policy: {},
  start: { event: 'CREATE', policy: { roles: [], scope: {} }, refusals: { otherRoles: '—' }, guards: {} },
  stateLabel: (path) => path,
  eventLabel: (type) => type,
  guardReason: (guard) => guard.name,
});

const samplesV1 = sampleMachine('sampled');
const samplesV2 = sampleMachine('screened');

function storedV1InSampled(): StoredSnapshot {
  const actor = createActor(samplesV1).start();
  actor.send({ type: 'SAMPLE' });
  return { machine: 'samples', version: 1, snapshot: JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) };
}

const freshRegistry = () => new WorkflowRegistry().register(definition(1, samplesV1)).register(definition(2, samplesV2));

describe('versioning and migration', () => {
  it('migrates a v1 snapshot in a renamed state into v2 through a registered one-step migration', () => {
    const registry = freshRegistry().registerMigration('samples', 1, (snapshot) => ({
      ...snapshot,
      value: snapshot.value === 'sampled' ? 'screened' : snapshot.value,
    }));
    const migrated = registry.migrate(storedV1InSampled(), 2);
    expect(migrated.version).toBe(2);
    const { snapshot, machine } = registry.restore(migrated);
    expect(machine).toBe(samplesV2);
    expect(snapshot.value).toBe('screened');
    expect(snapshot.context).toEqual({ samples: 1 });
    expect(transitionFor(machine, snapshot, { type: 'SCREEN' }).next.status).toBe('done');
  });

  it('leaves the stored snapshot untouched when migrating', () => {
    const registry = freshRegistry().registerMigration('samples', 1, (snapshot) => {
      snapshot.value = 'screened';
      return snapshot;
    });
    const stored = storedV1InSampled();
    registry.migrate(stored, 2);
    expect((stored.snapshot as { value: unknown }).value).toBe('sampled');
  });

  it('throws MissingMigrationError when no migration leads to the target version', () => {
    expect(() => freshRegistry().migrate(storedV1InSampled(), 2)).toThrow(MissingMigrationError);
    expect(() => freshRegistry().migrate({ ...storedV1InSampled(), version: 2 }, 1)).toThrow(MissingMigrationError);
  });

  it('refuses a migration whose result does not fit the target version', () => {
    const registry = freshRegistry().registerMigration('samples', 1, (snapshot) => snapshot);
    expect(() => registry.migrate(storedV1InSampled(), 2)).toThrow(SnapshotRestoreError);
  });

  it('keeps a snapshot that is already at the target version as it is', () => {
    const stored = storedV1InSampled();
    expect(freshRegistry().migrate(stored, 1)).toEqual(stored);
  });

  it('throws UnknownMachineVersionError for an unknown machine or version', () => {
    const stored = storedV1InSampled();
    expect(() => freshRegistry().restore({ ...stored, version: 3 })).toThrow(UnknownMachineVersionError);
    expect(() => restore({ ...stored, machine: 'plot-lifecycle', version: 99 })).toThrow(UnknownMachineVersionError);
    expect(() => getMachine('no-such-machine', 1)).toThrow(UnknownMachineVersionError);
  });
});

describe('restore', () => {
  it('throws SnapshotRestoreError for a state name the machine lacks, where XState alone ends silently in error', () => {
    const stored = { ...storedV1InSampled(), version: 2 };
    expect(createActor(samplesV2, { snapshot: stored.snapshot as never }).getSnapshot().status).toBe('error');
    expect(() => freshRegistry().restore(stored)).toThrow(SnapshotRestoreError);
    expect(() => freshRegistry().restore(stored)).toThrow(/no state 'sampled'/);
  });

  it.each([
    ['an unknown leaf', { listed: { remediation: 'underway' } }],
    ['an unknown top-level state', 'registered'],
    ['a compound state without its child', 'investigation'],
    ['a compound state with two children', { investigation: { preliminary: 'drafting', detailed: 'drafting' } }],
  ])('throws SnapshotRestoreError for %s', (_name, value) => {
    const persisted = persist(plotLifecycleV1, initialPlotSnapshot());
    const stored = { machine: 'plot-lifecycle', version: 1, snapshot: { ...persisted, value } };
    expect(() => restore(stored)).toThrow(SnapshotRestoreError);
  });

  it.each([null, 'suspected', { value: 'suspected' }, { value: 'suspected', context: {}, status: 'error' }])(
    'throws SnapshotRestoreError for a malformed snapshot %j',
    (snapshot) => {
      expect(() => restore({ machine: 'plot-lifecycle', version: 1, snapshot })).toThrow(SnapshotRestoreError);
    },
  );

  it('restores a finished plot as done', () => {
    const cleared = drivePlot([...PLOT_SCENARIOS.preliminaryReview, plotEvents.approve('eeb'), plotEvents.approve('land', { screeningVerdict: 'below_screening' })]);
    const { snapshot } = restore({ machine: 'plot-lifecycle', version: 1, snapshot: persist(plotLifecycleV1, cleared) });
    expect(snapshot.status).toBe('done');
    expect(candidateEvents(snapshot)).toEqual([]);
  });
});

describe('plot-lifecycle v1 → v2 (an explicit migration, DESIGN §2)', () => {
  it('keeps the state and v1\'s facts, adds v2\'s empty, and restores into v2', () => {
    const v1 = drivePlot(PLOT_SCENARIOS.riskAssessmentReview);
    const stored = { machine: 'plot-lifecycle', version: 1, snapshot: persist(plotLifecycleV1, v1) };
    const migrated = migrate(stored, 2);
    expect(migrated.version).toBe(2);
    const restored = restore(migrated);
    expect(stateValueToPath(restored.snapshot.value)).toBe('riskAssessment.underReview');
    expect(restored.snapshot.context).toMatchObject({
      currentReportId: 'report-risk_assessment',
      consultants: v1.context.consultants,
      review: { forwarded: null, panel: null, revision: null },
      approvedReportIds: [],
      disclosures: {},
      publicityEndsOn: null,
    });
    // The stored v1 snapshot is not touched.
    expect((stored.snapshot as { context: Record<string, unknown> }).context.review).toBeUndefined();
  });

  it('a v1 plot past its last review counts that report as approved evidence', () => {
    const v1 = drivePlot(PLOT_SCENARIOS.prioritization);
    const restored = restore(migrate({ machine: 'plot-lifecycle', version: 1, snapshot: persist(plotLifecycleV1, v1) }, 2));
    expect(restored.snapshot.context.approvedReportIds).toEqual(['report-risk_assessment']);
  });
});

describe('engine helpers', () => {
  it('starts new plots and transports at the current versions (plot-lifecycle v2; v1 still served for the plots started on it)', () => {
    expect(getMachine('plot-lifecycle', CURRENT_VERSION['plot-lifecycle']).machine).toBe(plotLifecycleV2);
    expect(getMachine('plot-lifecycle', 1).machine).toBe(plotLifecycleV1);
    expect(getMachine('soil-transport', CURRENT_VERSION['soil-transport']).machine.id).toBe('soil-transport');
  });

  it('converts between state values and dotted paths', () => {
    const value = { listed: { remediation: 'inProgress' } };
    expect(stateValueToPath(value)).toBe('listed.remediation.inProgress');
    expect(pathToValue('listed.remediation.inProgress')).toEqual(value);
    expect(stateValueToPath('suspected')).toBe('suspected');
  });

  it('transitionFor reports whether the event changed the stored state', () => {
    const suspected = initialPlotSnapshot();
    const refused = transitionFor(plotLifecycleV1, suspected, plotEvents.startInvestigation());
    expect(refused).toMatchObject({ changed: false });
    expect(refused.next.value).toBe('suspected');
    const accepted = transitionFor(plotLifecycleV1, suspected, plotEvents.assign('investigation'));
    expect(accepted.changed).toBe(true);
    expect(accepted.next.value).toBe('suspected');
    expect(transitionFor(plotLifecycleV1, accepted.next, plotEvents.assign('investigation')).changed).toBe(false);
  });

  it('canSend evaluates the guards of the enriched event', () => {
    const review = drivePlot(PLOT_SCENARIOS.preliminaryReview);
    expect(canSend(plotLifecycleV1, review, plotEvents.approve('eeb'))).toBe(true);
    expect(canSend(plotLifecycleV1, review, plotEvents.return('eeb', ' '))).toBe(false);
    expect(canSend(plotLifecycleV1, review, plotEvents.applyRemoval())).toBe(false);
  });

  it('candidateEvents lists the event types with a transition from the current state, guards aside', () => {
    expect(candidateEvents(drivePlot(PLOT_SCENARIOS.preliminaryReview))).toEqual(['APPROVE', 'ASSIGN_CONSULTANT', 'RETURN']);
    expect(candidateEvents(drivePlot(PLOT_SCENARIOS.riskControl))).toEqual([
      'ASSIGN_CONSULTANT',
      'FILE_REMEDIATION_PLAN',
      'REQUEST_EFFECT_EVALUATION',
      'SUBMIT_MONITORING_REPORT',
    ]);
  });

  it('persist gives JSON-safe data', () => {
    const persisted = persist(plotLifecycleV1, drivePlot(PLOT_SCENARIOS.remediationInProgress));
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
  });
});
