import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { guardText } from './inspect';

export interface MermaidOptions {
  /** A label shown under each state's name, e.g. its Chinese name, by dotted path. */
  stateLabel?: (path: string) => string | undefined;
}

/**
 * Mermaid `stateDiagram-v2` text of a machine, generated from its state nodes:
 * nested states become composite states, every transition an edge labelled
 * with its event type and, in brackets, its guard. Targetless transitions (they
 * only record data) are drawn as self-loops. Output is deterministic.
 */
export function toMermaid(machine: AnyStateMachine, options: MermaidOptions = {}): string {
  const lines = ['stateDiagram-v2'];
  writeChildren(machine.root, '  ', lines, options);
  for (const node of allNodes(machine.root)) {
    for (const transition of transitionsOf(node)) for (const e of edges(node, transition)) lines.push(`  ${e}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid ids are global, so a state's id is its whole path. */
function mermaidId(node: AnyStateNode): string {
  return node.path.join('_');
}

function writeChildren(parent: AnyStateNode, indent: string, lines: string[], options: MermaidOptions): void {
  const children = Object.values(parent.states);
  const initial = parent.config.initial;
  if (typeof initial === 'string') lines.push(`${indent}[*] --> ${mermaidId(parent.states[initial])}`);
  for (const child of children) {
    const id = mermaidId(child);
    const label = options.stateLabel?.(child.path.join('.'));
    if (Object.keys(child.states).length > 0) {
      // Mermaid gives a composite state a name only, so the label joins it.
      const name = label ? `${child.key} · ${oneLine(label)}` : child.key;
      lines.push(`${indent}state "${name}" as ${id} {`);
      writeChildren(child, `${indent}  `, lines, options);
      lines.push(`${indent}}`);
    } else {
      lines.push(`${indent}state "${child.key}" as ${id}`);
      if (label) lines.push(`${indent}${id} : ${oneLine(label)}`);
    }
    if (child.type === 'final') lines.push(`${indent}${id} --> [*]`);
  }
}

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child))];
}

function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...node.transitions.values()].flat();
}

function edges(source: AnyStateNode, transition: AnyTransitionDefinition): string[] {
  const targets = transition.target?.length ? transition.target : [source];
  const guard = transition.guard === undefined ? '' : ` [${guardText(transition.guard)}]`;
  return targets.map((target) => `${mermaidId(source)} --> ${mermaidId(target)} : ${transition.eventType}${guard}`);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n:;#"]+/g, ' ').trim();
}
