import {
  and,
  getNextTransitions,
  not,
  or,
  type AnyMachineSnapshot,
  type EventObject,
} from 'xstate';

/**
 * Reading guards back out of a machine: as text for diagrams, and to tell
 * which rule refused an event (the engine's 422 `{guard, reason}`).
 */

interface GuardObject {
  type: string;
  params?: unknown;
}

/** A higher-order guard of XState (`and`, `or`, `not`): its evaluator and its operands. */
interface CompositeGuard {
  check?: unknown;
  guards?: unknown[];
}

// The evaluators are shared by every guard a combinator builds, so they identify it.
const checkOf = (guard: unknown) => (guard as CompositeGuard).check;
const COMBINATORS = new Map<unknown, 'and' | 'or' | 'not'>([
  [checkOf(and([])), 'and'],
  [checkOf(or([])), 'or'],
  [checkOf(not('x')), 'not'],
]);

function combinatorOf(guard: unknown): { kind: 'and' | 'or' | 'not'; operands: unknown[] } | null {
  if (typeof guard !== 'function') return null;
  const kind = COMBINATORS.get(checkOf(guard));
  return kind ? { kind, operands: (guard as CompositeGuard).guards ?? [] } : null;
}

function leafOf(guard: unknown): GuardObject {
  if (typeof guard === 'string') return { type: guard };
  if (typeof guard === 'function') return { type: guard.name || 'inline guard' };
  return guard as GuardObject;
}

/** Readable text of a guard: `a and b`, `not c`, `reportKindIs(control_plan)`. */
export function guardText(guard: unknown): string {
  const combinator = combinatorOf(guard);
  if (combinator) {
    const parts = combinator.operands.map(guardText);
    return combinator.kind === 'not' ? `not ${parts[0]}` : parts.join(` ${combinator.kind} `);
  }
  const { type, params } = leafOf(guard);
  if (typeof params !== 'object' || params === null) return type;
  return `${type}(${Object.values(params).map(String).join(', ')})`;
}

type GuardImplementation = (args: { context: unknown; event: EventObject }, params: unknown) => boolean;

function holds(snapshot: AnyMachineSnapshot, guard: unknown, event: EventObject): boolean {
  const combinator = combinatorOf(guard);
  if (combinator) {
    const results = combinator.operands.map((operand) => holds(snapshot, operand, event));
    if (combinator.kind === 'not') return !results[0];
    return combinator.kind === 'and' ? results.every(Boolean) : results.some(Boolean);
  }
  if (typeof guard === 'function') return (guard as GuardImplementation)({ context: snapshot.context, event }, undefined);
  const { type, params } = leafOf(guard);
  const implementation = snapshot.machine.implementations.guards[type] as GuardImplementation | undefined;
  if (!implementation) throw new Error(`Guard '${type}' is not implemented`);
  return implementation({ context: snapshot.context, event }, params);
}

/** A guard that refused an event: its name, its text with params, and whether it was negated (`not …`). */
export interface RefusingGuard {
  name: string;
  text: string;
  negated: boolean;
}

/** The smallest guards (leaves, or negated leaves) of `guard` that do not hold. */
function failingParts(snapshot: AnyMachineSnapshot, guard: unknown, event: EventObject): RefusingGuard[] {
  if (guard === undefined || holds(snapshot, guard, event)) return [];
  const combinator = combinatorOf(guard);
  if (combinator?.kind === 'and' || combinator?.kind === 'or') {
    return combinator.operands.flatMap((operand) => failingParts(snapshot, operand, event));
  }
  const negated = combinator?.kind === 'not';
  const leaf = negated ? combinator.operands[0] : guard;
  return [{ name: leafOf(leaf).type, text: guardText(guard), negated }];
}

/**
 * Why an event that has transitions from the current state is refused: the
 * guards that do not hold on the transitions that came closest (fewest
 * failing guards), in the machine's order, each once. Empty when the event is
 * accepted, and when the state has no transition for it at all (that is "not
 * allowed in this state", a different answer).
 */
export function refusingGuards(snapshot: AnyMachineSnapshot, event: EventObject): RefusingGuard[] {
  if (snapshot.status !== 'active' || snapshot.can(event)) return [];
  const perTransition = getNextTransitions(snapshot)
    .filter((t) => t.eventType === event.type)
    .map((t) => failingParts(snapshot, t.guard, event));
  let fewest = Infinity;
  for (const parts of perTransition) fewest = Math.min(fewest, parts.length);
  const seen = new Set<string>();
  const refusing: RefusingGuard[] = [];
  for (const guard of perTransition.filter((parts) => parts.length === fewest).flat()) {
    if (!seen.has(guard.text)) refusing.push(guard);
    seen.add(guard.text);
  }
  return refusing;
}
