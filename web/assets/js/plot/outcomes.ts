// What a decision leads to, said before it is sent (issue 22 point 1): the states an event can move the plot to are
// read from the statechart's definition (GET /workflows/plot-lifecycle); which of them applies is chosen by the facts
// the machine's guards read (the screening verdict, the report's structured conclusion, the first-stage flag); the
// documents are those the step issues (src/plots/plot-filings.ts).
import { currentDecision, jurisdictionName } from './decisions.js';
import { BUREAU_LABELS, labelOf } from '../format.js';
import { isMachineNode, type MachineNode, type MachineTransition, type StateLabel } from './lifecycle.js';
import type { Plot } from './types.js';

/** The parts of GET /workflows/plot-lifecycle the outcomes read; the definition is walked once it is an object. */
export interface OutcomeWorkflow {
  states?: StateLabel[];
  definition?: unknown;
}

/**
 * The facts an approval's guards read: the screening answer (GET /plots/:id/screening, its `verdict`), the report under
 * review with its structured conclusion, and the approving user's role.
 */
export interface OutcomeFacts {
  screening?: unknown;
  report?: { conclusion?: Record<string, unknown> | null } | null;
  myRole?: string;
}

/** The screening answer's verdict, when the answer has one. */
function verdictOf(screening: unknown): unknown {
  return typeof screening === 'object' && screening !== null && 'verdict' in screening ? screening.verdict : undefined;
}

const PREFIX = '#plot-lifecycle.';

/** The distinct targets of an event out of the plot's state (innermost state first), as dotted paths. */
export function targetsOf(definition: MachineNode, state: string, type: string): string[] {
  const chain: MachineNode[] = [];
  let node: MachineNode | undefined = definition;
  for (const key of state.split('.')) {
    node = node?.states?.[key];
    if (!node) break;
    chain.unshift(node);
  }
  const out: string[] = [];
  for (const n of chain) {
    for (const t of ([] as MachineTransition[]).concat(n.on?.[type] ?? [])) {
      for (const target of t.target ?? []) {
        const path = String(target).replace(PREFIX, '');
        if (!out.includes(path)) out.push(path);
      }
    }
    if (n.on?.[type]) break;
  }
  return out;
}

/** The state an approval moves to, by the facts its guards read; null when the facts do not say. */
function chosenTarget(plot: Plot, targets: readonly string[], { screening, report }: OutcomeFacts): string | null {
  if (targets.length <= 1) return targets[0] ?? null;
  const c = report?.conclusion ?? {};
  const has = (p: string) => targets.find((t) => t.startsWith(p)) ?? null;
  if (plot.state.startsWith('investigation.preliminary')) {
    if (plot.context?.firstStageOnly) return has('cleared');
    if (verdictOf(screening) === 'above_screening' || verdictOf(screening) === 'above_intervention') return has('investigation.detailed');
    if (verdictOf(screening) === 'below_screening') return has('cleared');
    return null;
  }
  if (plot.state.startsWith('riskAssessment')) {
    if (c.riskAcceptable === true) return has('cleared');
    if (c.riskAcceptable === false) return has('listed');
    return null;
  }
  if (plot.state.startsWith('listed.effectEvaluation')) {
    if (c.targetsAchieved === true) return has('listed.awaitingRemoval');
    if (c.targetsAchieved === false) return plot.context?.worksContractorOrgId ? has('listed.remediation') : has('listed.riskControl');
    return null;
  }
  return null;
}

/** The documents a decided review issues (src/plots/plot-filings.ts `decided`). */
function documentsOf(from: string, to: string): string[] {
  const out: string[] = [];
  if (from !== 'listed.removalReview') out.push('评审意见（D4）');
  if (to === 'listed' || to.startsWith('listed.prioritization')) out.push('纳入名录公告（D6）');
  if (to === 'released' || to === 'listed.removalPublicity') out.push('移出名录决定（D12）');
  return out;
}

function stateName(labels: ReadonlyMap<string, StateLabel>, path: string): string {
  // A compound target enters its first child: 'listed' is entered at 确定优先控制次序.
  return labels.get(path)?.label ?? path;
}

/**
 * The lines of APPROVE's confirmation: whether this approval decides the round (会同: the other bureaus' approvals),
 * and if it does, the stage the plot enters and the documents issued, e.g.
 * "通过后：进入“详细调查 · 编制报告”，签发评审意见（D4）".
 */
export function approveOutcome(plot: Plot, workflow: OutcomeWorkflow | null | undefined, facts: OutcomeFacts, names: ReadonlyMap<string, string>): string[] {
  const labels = new Map((workflow?.states ?? []).map((s) => [s.path, s]));
  const d = currentDecision(plot);
  const approvals = plot.context?.approvals ?? {};
  const bureaus = d?.bureaus ?? ['eeb', 'land'];
  const others = bureaus.filter((b) => approvals[b] === undefined && b !== facts.myRole);
  const name = (b: string) => d?.organisations?.[bureaus.indexOf(b)] ?? `${jurisdictionName(d?.jurisdiction, d?.level, names)}${labelOf(BUREAU_LABELS, b) ?? ''}部门`;
  const targets = isMachineNode(workflow?.definition) ? targetsOf(workflow.definition, plot.state, 'APPROVE') : [];
  const to = chosenTarget(plot, targets, facts);
  const where = to
    ? `进入“${stateName(labels, to)}”`
    : targets.length
      ? `按${plot.state.startsWith('investigation') ? '样品筛查结果' : '报告结论'}进入${targets.map((t) => `“${stateName(labels, t)}”`).join('或')}`
      : '进入下一阶段';
  const docs = to ? documentsOf(plot.state, to) : ['评审意见（D4）'];
  const decided = `${where}，签发${docs.join('、')}`;
  if (others.length) {
    return [`同意后：记录本部门的同意意见；尚待${others.map(name).join('、')}同意。`, `全部同意后：${decided}。`];
  }
  return [`通过后：${decided}。`];
}

/** RETURN's line: where the report goes back to, from the definition. */
export function returnOutcome(plot: Plot, workflow: OutcomeWorkflow | null | undefined): string {
  const labels = new Map((workflow?.states ?? []).map((s) => [s.path, s]));
  const [to] = isMachineNode(workflow?.definition) ? targetsOf(workflow.definition, plot.state, 'RETURN') : [];
  const back = to ? `“${stateName(labels, to)}”` : '编制阶段';
  return plot.state.startsWith('listed.removal')
    ? `退回后：不予移出名录，地块回到${back}，系统出具评审意见（退回）。`
    : `退回后：报告回到${back}，本轮已有的同意意见和专家意见作废，系统出具评审意见（退回）。`;
}
