import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';

type GuardImpl = (args: { context: unknown; event: unknown }, params?: unknown) => boolean;
type GuardFn = ((...a: unknown[]) => boolean) & { guards?: unknown[]; name: string };
interface StateNodeLike {
  parent?: StateNodeLike;
  transitions: Map<string, Array<{ guard?: unknown }>>;
}

/**
 * Names the guard that refused an event: evaluates each candidate transition's
 * guards (including and/or/not combinations) and reports the first failing named
 * guard of the candidate that came closest to passing.
 */
export function failingGuard(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: { type: string }): string | undefined {
  const impls = (machine.implementations.guards ?? {}) as Record<string, GuardImpl>;
  const args = { context: snapshot.context, event };
  const nodes = (snapshot as unknown as { _nodes: StateNodeLike[] })._nodes;
  let best: string[] | undefined;
  for (const node of nodes) {
    for (let n: StateNodeLike | undefined = node; n; n = n.parent) {
      for (const t of n.transitions.get(event.type) ?? []) {
        const failed: string[] = [];
        if (!evaluate(t.guard, impls, args, failed)) {
          if (!best || failed.length < best.length) best = failed;
        } else {
          return undefined;
        }
      }
    }
  }
  return best?.[0];
}

function evaluate(guard: unknown, impls: Record<string, GuardImpl>, args: { context: unknown; event: unknown }, failed: string[]): boolean {
  if (guard === undefined) return true;
  if (typeof guard === 'string') return named(guard, undefined, impls, args, failed);
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const g = guard as { type: string; params?: unknown };
    return named(g.type, g.params, impls, args, failed);
  }
  if (typeof guard === 'function') {
    const fn = guard as GuardFn;
    if (fn.guards && fn.name === 'and') {
      // Every sub-guard is evaluated so that all failing rules are known.
      return fn.guards.map((g) => evaluate(g, impls, args, failed)).every(Boolean);
    }
    if (fn.guards && fn.name === 'or') {
      const local: string[] = [];
      const ok = fn.guards.some((g) => evaluate(g, impls, args, local));
      if (!ok) failed.push(...local);
      return ok;
    }
    if (fn.guards && fn.name === 'not') {
      const ok = !evaluate(fn.guards[0], impls, args, []);
      if (!ok) failed.push(`not:${guardName(fn.guards[0])}`);
      return ok;
    }
    const ok = Boolean(fn(args, undefined));
    if (!ok) failed.push(fn.name || 'inline');
    return ok;
  }
  return true;
}

function named(name: string, params: unknown, impls: Record<string, GuardImpl>, args: { context: unknown; event: unknown }, failed: string[]) {
  const impl = impls[name];
  const ok = impl ? Boolean(impl(args, params)) : false;
  if (!ok) failed.push(name);
  return ok;
}

function guardName(g: unknown): string {
  if (typeof g === 'string') return g;
  if (g && typeof g === 'object' && 'type' in g) return String((g as { type: string }).type);
  if (typeof g === 'function') return (g as GuardFn).name;
  return 'guard';
}
