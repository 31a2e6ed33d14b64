import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import { MissingMigrationError, SnapshotRestoreError, UnknownMachineVersionError } from './errors';
import { plotLifecycleV1 } from './plot-lifecycle/v1/machine';
import * as plotLabels from './plot-lifecycle/v1/labels';
import { plotLifecyclePolicy, plotLifecycleStart } from './plot-lifecycle/v1/policy';
import { completeContext, contextFromV1 } from './plot-lifecycle/v2/context';
import * as plotLabelsV2 from './plot-lifecycle/v2/labels';
import { plotLifecycleV2 } from './plot-lifecycle/v2/machine';
import { plotLifecyclePolicy as plotLifecyclePolicyV2 } from './plot-lifecycle/v2/policy';
import type { PlotLifecycleContext as PlotContextV1 } from './plot-lifecycle/v1/context';
import { restoreSnapshot, stateValueToPath } from './snapshots';
import { keyUnitV1 } from './key-unit/v1/machine';
import * as keyUnitLabels from './key-unit/v1/labels';
import { keyUnitPolicy, keyUnitStart } from './key-unit/v1/policy';
import { publicReportV1 } from './public-report/v1/machine';
import * as publicReportLabels from './public-report/v1/labels';
import { publicReportPolicy, publicReportStart } from './public-report/v1/policy';
import { monitoringWarningV1 } from './monitoring-warning/v1/machine';
import * as warningLabels from './monitoring-warning/v1/labels';
import { warningPolicy, warningStart } from './monitoring-warning/v1/policy';
import { soilTransportV1 } from './soil-transport/v1/machine';
import * as transportLabels from './soil-transport/v1/labels';
import { soilTransportPolicy, soilTransportStart } from './soil-transport/v1/policy';
import type { SoilTransportContext as TransportContextV1 } from './soil-transport/v1/context';
import { contextFromV1 as transportContextFromV1 } from './soil-transport/v2/context';
import * as transportLabelsV2 from './soil-transport/v2/labels';
import { soilTransportV2 } from './soil-transport/v2/machine';
import { soilTransportPolicyV2, soilTransportStartV2 } from './soil-transport/v2/policy';
import { isPlainObject, type PersistedSnapshot } from './snapshots';
import type { PolicyEntry, StartRule } from './types';

export {
  stateValueToPath,
  pathToValue,
  transitionFor,
  canSend,
  persist,
  statePathsOf,
  eventTypesOf,
  candidateEvents,
  type PersistedSnapshot,
} from './snapshots';

/** One version of one workflow: the statechart, who may send what, and its Chinese labels. */
export interface MachineDefinition {
  name: string;
  version: number;
  machine: AnyStateMachine;
  policy: Readonly<Record<string, PolicyEntry>>;
  /** How an entity starts on this version; its guards read the facts the engine's adapter loads for this machine. */
  start: StartRule<never>;
  stateLabel(path: string): string;
  eventLabel(type: string): string;
  /** Chinese reason of a refusing guard (see `refusingGuards`) for the refused event in its context. */
  guardReason(guard: { name: string; negated?: boolean }, event?: Record<string, unknown>, context?: Record<string, unknown>): string;
  /**
   * A snapshot of this version stored before later, purely additive changes to the version (new context facts with
   * defaults, a final state that became reopenable), brought up to date on restore.
   */
  upgrade?: (snapshot: PersistedSnapshot) => PersistedSnapshot;
}

/**
 * A snapshot as the database keeps it. XState's persisted snapshot carries no
 * machine id or version, so both are stored beside it.
 */
export interface StoredSnapshot {
  machine: string;
  version: number;
  snapshot: unknown;
}

/** Maps a persisted snapshot of version n to one of version n + 1 of the same machine. */
export type Migration = (snapshot: PersistedSnapshot) => PersistedSnapshot;

export interface RestoredSnapshot {
  definition: MachineDefinition;
  machine: AnyStateMachine;
  snapshot: AnyMachineSnapshot;
}

/**
 * Machines by name and version, and the one-step migrations between versions.
 * A plot keeps the version it started with until it is migrated explicitly.
 */
export class WorkflowRegistry {
  private readonly definitions = new Map<string, MachineDefinition>();
  private readonly migrations = new Map<string, Migration>();

  register(definition: MachineDefinition): this {
    const key = versionKey(definition.name, definition.version);
    if (this.definitions.has(key)) throw new Error(`'${definition.name}' v${definition.version} is already registered`);
    this.definitions.set(key, definition);
    return this;
  }

  registerMigration(name: string, fromVersion: number, migration: Migration): this {
    this.migrations.set(versionKey(name, fromVersion), migration);
    return this;
  }

  getMachine(name: string, version: number): MachineDefinition {
    const definition = this.definitions.get(versionKey(name, version));
    if (!definition) throw new UnknownMachineVersionError(name, version);
    return definition;
  }

  /**
   * Restores a stored snapshot into a resolved XState snapshot of its own
   * machine version. Throws SnapshotRestoreError instead of handing back an
   * actor that XState would leave silently in `status: 'error'`.
   */
  restore(stored: StoredSnapshot): RestoredSnapshot {
    const definition = this.getMachine(stored.machine, stored.version);
    const fail = (reason: string) => new SnapshotRestoreError(stored.machine, stored.version, reason);
    const raw = stored.snapshot;
    if (!isPersistedSnapshot(raw)) throw fail('not a persisted machine snapshot');
    const persisted = definition.upgrade ? definition.upgrade(raw) : raw;
    if (persisted.status !== 'active' && persisted.status !== 'done') throw fail(`status '${persisted.status}'`);
    const unknownState = findUnknownState(definition.machine.root, persisted.value, []);
    if (unknownState !== null) throw fail(`no state '${unknownState}' in this machine`);
    let snapshot: AnyMachineSnapshot;
    try {
      snapshot = restoreSnapshot(definition.machine, persisted);
    } catch (e) {
      throw fail(String(e));
    }
    if (snapshot.status === 'error') throw fail(String(snapshot.error));
    return { definition, machine: definition.machine, snapshot };
  }

  /**
   * Applies the registered one-step migrations up to `toVersion` and checks
   * that the result restores into that version.
   */
  migrate(stored: StoredSnapshot, toVersion: number): StoredSnapshot {
    this.getMachine(stored.machine, stored.version);
    if (toVersion < stored.version) throw new MissingMigrationError(stored.machine, stored.version, toVersion);
    let current = stored;
    while (current.version < toVersion) {
      const step = this.migrations.get(versionKey(current.machine, current.version));
      if (!step) throw new MissingMigrationError(current.machine, current.version, current.version + 1);
      const input = structuredClone(current.snapshot);
      if (!isPersistedSnapshot(input)) {
        throw new SnapshotRestoreError(current.machine, current.version, 'not a persisted machine snapshot');
      }
      current = { machine: current.machine, version: current.version + 1, snapshot: step(input) };
    }
    this.restore(current);
    return current;
  }
}

function versionKey(name: string, version: number): string {
  return `${name}@${version}`;
}

function isPersistedSnapshot(value: unknown): value is PersistedSnapshot {
  return (
    isPlainObject(value) &&
    (typeof value.value === 'string' || isPlainObject(value.value)) &&
    isPlainObject(value.context) &&
    typeof value.status === 'string'
  );
}

/**
 * The dotted path of the first part of a persisted state value that is not a
 * complete state of `node` (an unknown name, or a compound state without its
 * child), or null when the value fits. XState writes an atomic child as a
 * string and a compound one as an object.
 */
function findUnknownState(node: AnyStateNode, value: unknown, path: string[]): string | null {
  const at = (...keys: string[]) => [...path, ...keys].join('.') || '(root)';
  if (typeof value === 'string') {
    const child = node.states[value];
    if (child === undefined) return at(value);
    return child.type === 'atomic' || child.type === 'final' ? null : at(value, '?');
  }
  if (!isPlainObject(value)) return at('?');
  const keys = Object.keys(value);
  const expected = node.type === 'parallel' ? Object.keys(node.states) : null;
  if (expected ? keys.length !== expected.length : keys.length !== 1) return at('?');
  for (const key of keys) {
    const child = node.states[key];
    if (child === undefined) return at(key);
    const unknown = findUnknownState(child, value[key], [...path, key]);
    if (unknown !== null) return unknown;
  }
  return null;
}

/**
 * Part 2 of the law added facts to plot-lifecycle v2 and made `released` and `cleared` reopenable: a snapshot stored
 * before gains the facts' defaults, and one that XState had marked done is active again.
 */
function upgradePlotV2(snapshot: PersistedSnapshot): PersistedSnapshot {
  const context = completeContext(snapshot.context as Record<string, unknown>) as never;
  if (snapshot.status !== 'done') return context === snapshot.context ? snapshot : { ...snapshot, context };
  const { output: _output, ...rest } = snapshot as PersistedSnapshot & { output?: unknown };
  return { ...rest, status: 'active', context };
}

export type MachineName = 'plot-lifecycle' | 'soil-transport' | 'key-unit' | 'monitoring-warning' | 'public-report';

/** The version new plots and transports start with. */
export const CURRENT_VERSION: Readonly<Record<MachineName, number>> = {
  'plot-lifecycle': 2,
  'soil-transport': 2,
  'key-unit': 1,
  'monitoring-warning': 1,
  'public-report': 1,
};

/** The application's registry. */
export const registry = new WorkflowRegistry()
  .register({
    name: 'plot-lifecycle',
    version: 1,
    machine: plotLifecycleV1,
    policy: plotLifecyclePolicy,
    start: plotLifecycleStart,
    stateLabel: plotLabels.stateLabel,
    eventLabel: plotLabels.eventLabel,
    guardReason: plotLabels.guardReason,
  })
  .register({
    name: 'plot-lifecycle',
    version: 2,
    machine: plotLifecycleV2,
    policy: plotLifecyclePolicyV2,
    start: plotLifecycleStart,
    stateLabel: plotLabelsV2.stateLabel,
    eventLabel: plotLabelsV2.eventLabel,
    guardReason: plotLabelsV2.guardReason,
    upgrade: upgradePlotV2,
  })
  // v2 keeps v1's states and adds its facts beside v1's: a v1 snapshot keeps its state and gains them empty.
  .registerMigration('plot-lifecycle', 1, (snapshot) => ({
    ...snapshot,
    context: contextFromV1(snapshot.context as unknown as PlotContextV1, stateValueToPath(snapshot.value as never)) as never,
  }))
  .register({
    name: 'soil-transport',
    version: 1,
    machine: soilTransportV1,
    policy: soilTransportPolicy,
    start: soilTransportStart,
    stateLabel: transportLabels.stateLabel,
    eventLabel: transportLabels.eventLabel,
    guardReason: transportLabels.guardReason,
  })
  .register({
    name: 'soil-transport',
    version: 2,
    machine: soilTransportV2,
    policy: soilTransportPolicyV2,
    start: soilTransportStartV2,
    stateLabel: transportLabelsV2.stateLabel,
    eventLabel: transportLabelsV2.eventLabel,
    guardReason: transportLabelsV2.guardReason,
  })
  // v2 keeps v1's states; a v1 transport's one dispatch and receipt become batch 1.
  .registerMigration('soil-transport', 1, (snapshot) => ({
    ...snapshot,
    context: transportContextFromV1(snapshot.context as unknown as TransportContextV1, stateValueToPath(snapshot.value as never)) as never,
  }))
  .register({
    name: 'key-unit',
    version: 1,
    machine: keyUnitV1,
    policy: keyUnitPolicy,
    start: keyUnitStart,
    stateLabel: keyUnitLabels.stateLabel,
    eventLabel: keyUnitLabels.eventLabel,
    guardReason: keyUnitLabels.guardReason,
  })
  .register({
    name: 'monitoring-warning',
    version: 1,
    machine: monitoringWarningV1,
    policy: warningPolicy,
    start: warningStart,
    stateLabel: warningLabels.stateLabel,
    eventLabel: warningLabels.eventLabel,
    guardReason: warningLabels.guardReason,
  })
  .register({
    name: 'public-report',
    version: 1,
    machine: publicReportV1,
    policy: publicReportPolicy,
    start: publicReportStart,
    stateLabel: publicReportLabels.stateLabel,
    eventLabel: publicReportLabels.eventLabel,
    guardReason: publicReportLabels.guardReason,
  });

export const getMachine = (name: string, version: number): MachineDefinition => registry.getMachine(name, version);
export const restore = (stored: StoredSnapshot): RestoredSnapshot => registry.restore(stored);
export const migrate = (stored: StoredSnapshot, toVersion: number): StoredSnapshot => registry.migrate(stored, toVersion);
export const registerMigration = (name: string, fromVersion: number, migration: Migration): WorkflowRegistry =>
  registry.registerMigration(name, fromVersion, migration);
