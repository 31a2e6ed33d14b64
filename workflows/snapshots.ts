import {
  createActor,
  getNextTransitions,
  pathToStateValue,
  type ActorScope,
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type EventFromLogic,
  type SnapshotFrom,
  type StateValue,
} from 'xstate';

/**
 * Pure helpers the engine runs around a restored snapshot: state paths, the
 * next snapshot for an event, what may be sent, and what to store.
 */

/** The JSON shape of an XState persisted snapshot, as stored and as a migration sees it. */
export interface PersistedSnapshot {
  value: StateValue;
  context: Record<string, unknown>;
  status: string;
  [key: string]: unknown;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The dotted path of a (non-parallel) state value: { listed: { remediation: 'inProgress' } } → 'listed.remediation.inProgress'. */
export function stateValueToPath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new Error(`A parallel state value has no single path: ${JSON.stringify(value)}`);
  const [key] = keys;
  const child = value[key];
  const isLeaf = child === undefined || (typeof child === 'object' && Object.keys(child).length === 0);
  return isLeaf ? key : `${key}.${stateValueToPath(child)}`;
}

/** The state value of a dotted path: 'listed.remediation.inProgress' → { listed: { remediation: 'inProgress' } }. */
export function pathToValue(path: string): StateValue {
  return pathToStateValue(path.split('.'));
}

/** Compares JSON data regardless of key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a).filter((key) => a[key] !== undefined);
  const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => sameJson(a[key], b[key]));
}

// XState's `transition()` builds a throw-away actor per call, and the actor computes the machine's whole initial
// snapshot: a third of the statechart's cost per event. Our machines spawn and invoke nothing, so one inert actor per
// machine serves as `self` for every pure step; each step still gets its own scope, whose actions are only collected.
const inertSelves = new WeakMap<AnyStateMachine, AnyActorRef>();

function inertScope(machine: AnyStateMachine): ActorScope<AnyMachineSnapshot, never> {
  let self = inertSelves.get(machine);
  if (!self) {
    self = createActor(machine);
    inertSelves.set(machine, self);
  }
  const ignore = () => undefined;
  return { self, system: self.system, id: '', sessionId: '', defer: ignore, logger: ignore, stopChild: ignore, emit: ignore, actionExecutor: ignore } as never;
}

/** The machine's snapshot for a persisted one, without an actor (what `createActor(machine, { snapshot })` computes). */
export function restoreSnapshot(machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot {
  return machine.restoreSnapshot!(persisted as never, inertScope(machine) as never) as AnyMachineSnapshot;
}

/**
 * The pure next snapshot for an event, and whether anything the engine stores
 * changed (state value, context or status). An event the state does not accept,
 * or whose guards fail, leaves the snapshot unchanged.
 */
export function transitionFor<TMachine extends AnyStateMachine>(
  machine: TMachine,
  snapshot: SnapshotFrom<TMachine>,
  event: EventFromLogic<TMachine>,
): { next: SnapshotFrom<TMachine>; changed: boolean } {
  const next = machine.transition(snapshot, event, inertScope(machine) as never) as SnapshotFrom<TMachine>;
  const before = snapshot as AnyMachineSnapshot;
  const after = next as AnyMachineSnapshot;
  const changed =
    before.status !== after.status ||
    !sameJson(before.value, after.value) ||
    !sameJson(JSON.parse(JSON.stringify(before.context)), JSON.parse(JSON.stringify(after.context)));
  return { next, changed };
}

/** Whether the machine, in this snapshot, accepts the (enriched) event: a transition exists and its guards pass. */
export function canSend<TMachine extends AnyStateMachine>(
  machine: TMachine,
  snapshot: SnapshotFrom<TMachine>,
  event: EventFromLogic<TMachine>,
): boolean {
  const current = snapshot as AnyMachineSnapshot;
  if (current.status !== 'active') return false;
  return machine.getTransitionData(current, event).some((t) => t.target !== undefined || t.actions.length > 0);
}

/** The JSON-safe snapshot to store (beside the machine name and version). */
export function persist<TMachine extends AnyStateMachine>(
  machine: TMachine,
  snapshot: SnapshotFrom<TMachine>,
): PersistedSnapshot {
  return machine.getPersistedSnapshot(snapshot as AnyMachineSnapshot) as unknown as PersistedSnapshot;
}

/** The dotted path of every state node of the machine, in document order. */
export function statePathsOf(machine: AnyStateMachine): string[] {
  const walk = (node: AnyStateNode): string[] =>
    Object.values(node.states).flatMap((child) => [child.path.join('.'), ...walk(child)]);
  return walk(machine.root);
}

/** Every event type the machine handles anywhere, sorted. */
export function eventTypesOf(machine: AnyStateMachine): string[] {
  const types = machine.events.filter((type) => !type.startsWith('xstate.') && type !== '*');
  return [...new Set(types)].sort();
}

/**
 * Event types with a transition from the current state (from the active state
 * nodes and their ancestors), before any guard is evaluated; sorted.
 */
export function candidateEvents(snapshot: AnyMachineSnapshot): string[] {
  if (snapshot.status !== 'active') return [];
  const types = getNextTransitions(snapshot)
    .map((t) => t.eventType)
    .filter((type) => type !== '' && !type.startsWith('xstate.'));
  return [...new Set(types)].sort();
}
