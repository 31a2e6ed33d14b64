// The lifecycle diagram, drawn from the machine definition (GET /workflows/plot-lifecycle):
// top-level stages in the machine's order, sub-states nested inside, the current state
// and its ancestors highlighted, states the plot has been through marked, and the
// transitions out of the current state listed from the definition's `on` tables.
import { h } from '../dom.js';
import { workflowLabel, zhText } from '../format.js';

/** A transition of the machine definition: its targets as ids ('#plot-lifecycle.cleared'). */
export interface MachineTransition {
  target?: string[];
}

/** A state node of the machine definition (GET /workflows/:name `definition`, the statechart as JSON). */
export interface MachineNode {
  id?: string;
  key?: string;
  description?: string;
  order?: number;
  type?: string;
  states?: Record<string, MachineNode>;
  on?: Record<string, MachineTransition | MachineTransition[]>;
}

/** A state's label in GET /workflows/:name `states`. */
export interface StateLabel {
  path: string;
  label: string;
  description?: string;
}

/** GET /workflows/plot-lifecycle (src/engine/engine.controller.ts `workflow`): the definition with its labels. */
export interface LifecycleWorkflow {
  definition: MachineNode;
  states: StateLabel[];
  events?: { type: string; label: string }[];
  version?: number;
}

/** Whether a definition read as unknown is a state node (an object), so that it can be walked. */
export const isMachineNode = (value: unknown): value is MachineNode => typeof value === 'object' && value !== null;

/** What the diagram shows of the plot: its current state, the states it went through, the labels. */
interface DiagramView {
  current: string;
  visited: ReadonlySet<string>;
  labels: ReadonlyMap<string, StateLabel>;
}

interface Entry {
  key: string;
  node: MachineNode;
}

function ordered(states: Record<string, MachineNode> | undefined): Entry[] {
  return Object.entries(states ?? {})
    .map(([key, node]) => ({ key, node }))
    .sort((a, b) => (a.node.order ?? 0) - (b.node.order ?? 0));
}

function rootId(definition: MachineNode): string {
  return `#${definition.id ?? definition.key}.`;
}

/** A child's label without its parent's, e.g. '编制报告' inside '初步调查' for '初步调查 · 编制报告'. */
function shortLabel(label: string, parentLabel: string | undefined): string {
  return parentLabel && label.startsWith(`${parentLabel} · `) ? label.slice(parentLabel.length + 3) : label;
}

function stateBox(key: string, node: MachineNode, path: string, view: DiagramView, parentLabel?: string): HTMLElement {
  const children = ordered(node.states);
  const isCurrent = path === view.current;
  const isAncestor = !isCurrent && view.current.startsWith(`${path}.`);
  const visited = !isCurrent && !isAncestor && view.visited.has(path);
  const label = view.labels.get(path)?.label ?? key;
  const description = zhText(view.labels.get(path)?.description ?? node.description);
  return h('li', {
    class: ['lc-state', children.length ? 'lc-compound' : 'lc-atomic', node.type === 'final' && 'lc-final',
      isCurrent && 'lc-current', isAncestor && 'lc-active', visited && 'lc-visited'],
    'aria-current': isCurrent ? 'step' : undefined,
    dataset: { state: path },
  },
  h('div', { class: 'lc-label', title: [label, description].filter(Boolean).join('\n') },
    visited ? h('span', { class: 'lc-check', 'aria-hidden': 'true' }, '✓') : null,
    h('span', { class: 'lc-name' }, shortLabel(label, parentLabel)),
    isCurrent ? h('span', { class: 'lc-tag' }, '当前') : null,
    visited ? h('span', { class: 'visually-hidden' }, '（已经过）') : null,
    node.type === 'final' ? h('span', { class: 'visually-hidden' }, '（终止状态）') : null),
  children.length
    ? h('ol', { class: 'lc-children' }, children.map((c) => stateBox(c.key, c.node, `${path}.${c.key}`, view, label)))
    : null);
}

/** The nodes on the way to a dotted path: [root child, …, leaf]. */
function chain(definition: MachineNode, path: string): { path: string; node: MachineNode }[] {
  const out: { path: string; node: MachineNode }[] = [];
  let node: MachineNode | undefined = definition;
  let prefix = '';
  for (const key of path.split('.')) {
    node = node?.states?.[key];
    if (!node) break;
    prefix = prefix ? `${prefix}.${key}` : key;
    out.push({ path: prefix, node });
  }
  return out;
}

/** Transitions out of the current state and its ancestors, innermost first, as the definition gives them. */
function outgoing(definition: MachineNode, current: string, labels: ReadonlyMap<string, StateLabel>, eventLabels: Record<string, string>): HTMLElement[] {
  const prefix = rootId(definition);
  const seen = new Set<string>();
  const rows: { event: string; from: string; targets: string[] }[] = [];
  for (const { path, node } of chain(definition, current).reverse()) {
    for (const [event, transitions] of Object.entries(node.on ?? {})) {
      for (const t of ([] as MachineTransition[]).concat(transitions)) {
        const targets = (t.target ?? []).map((x) => String(x).replace(prefix, '').replace(/^#/, ''));
        const key = `${event}->${targets.join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ event, from: path, targets });
      }
    }
  }
  return rows.map((r) => h('li', {},
    h('span', { class: 'chip' }, eventLabels[r.event] ?? r.event),
    ' → ',
    r.targets.length ? r.targets.map((t) => labels.get(t)?.label ?? t).join(' 或 ') : '（留在本状态，记录事项）'));
}

/**
 * workflow: {states: [{path, label, description}], events: [{type, label}], definition}.
 * current: the plot's dotted state; visited: the states its history has entered.
 */
export function lifecycleDiagram(workflow: LifecycleWorkflow, current: string, visited: ReadonlySet<string>): HTMLElement {
  const definition = workflow.definition;
  const labels = new Map(workflow.states.map((s) => [s.path, s]));
  const eventLabels = Object.fromEntries((workflow.events ?? []).map((e) => [e.type, e.label]));
  const view: DiagramView = { current, visited, labels };
  const stages = ordered(definition.states);
  // The stages in the machine's order; the final states (the ways out) stacked at the end.
  const running = stages.filter((s) => s.node.type !== 'final');
  const finals = stages.filter((s) => s.node.type === 'final');
  const moves = outgoing(definition, current, labels, eventLabels);
  return h('div', { class: 'lifecycle' },
    h('ol', { class: 'lc-track', 'aria-label': `流程：${zhText(definition.description) || '污染地块全生命周期'}` },
      running.map((s) => stateBox(s.key, s.node, s.key, view)),
      finals.length
        ? h('li', { class: 'lc-ends' },
          h('p', { class: 'lc-ends-title' }, '结束'),
          h('ol', { class: 'lc-children' }, finals.map((s) => stateBox(s.key, s.node, s.key, view))))
        : null),
    h('div', { class: 'lc-legend', 'aria-hidden': 'true' },
      h('span', { class: 'lc-key lc-key-current' }, '当前状态'),
      h('span', { class: 'lc-key lc-key-active' }, '所在阶段'),
      h('span', { class: 'lc-key lc-key-visited' }, '✓ 已经过'),
      h('span', { class: 'lc-key lc-key-final' }, '结束状态')),
    h('h3', {}, '从当前状态出发（据流程定义）'),
    moves.length ? h('ul', { class: 'lc-moves' }, moves) : h('p', { class: 'muted' }, '当前为终止状态，流程已结束。'),
    h('p', { class: 'muted small' }, `流程：${workflowLabel(workflow.version)}`));
}
