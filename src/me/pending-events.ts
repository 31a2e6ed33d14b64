import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { statePathsOf, type PolicyEntry, type Role } from '../../workflows';

/**
 * Which of a caller's allowed events are something awaiting them (a to-do),
 * as opposed to something they may always do. Returning a report goes with
 * approving it, an objection with acknowledging, a cancellation is never due.
 */
const NEVER_PENDING = new Set([
  'RETURN',
  'OBJECT',
  'CANCEL',
  'REQUEST_EFFECT_EVALUATION',
  'SET_SITE_VALUE',
  // Records of what happened to the land or what the bureau decides to do, whenever it happens (土壤法 arts. 42, 48, 59, 68).
  'TAKE_BACK',
  'TRANSFER',
  'RECORD_RESPONSIBLE_PARTY',
  'REOPEN',
  'ADD_AFTERCARE',
  'PLACE_UNDER_CONTROL_ZONE',
]);

/** Where a consultant must be commissioned before the stage can go on, and for which work. */
const COMMISSION_NEEDED: Record<string, 'investigation' | 'riskAssessment' | 'effectEvaluation'> = {
  suspected: 'investigation',
  'riskAssessment.drafting': 'riskAssessment',
  'listed.effectEvaluation.drafting': 'effectEvaluation',
};

export interface PendingFacts {
  state: string;
  context: Record<string, unknown>;
  /** a deadline of this kind is due or overdue */
  dueKinds: ReadonlySet<string>;
}

/** Whether an event could ever be pending in a state (used to pick candidate rows in SQL). */
export function couldBePending(type: string, state: string): boolean {
  if (NEVER_PENDING.has(type)) return false;
  if (type === 'ASSIGN_CONSULTANT') return state in COMMISSION_NEEDED;
  if (type === 'FILE_REMEDIATION_PLAN') return state !== 'listed.riskControl';
  if (type === 'ISSUE_INVESTIGATION_NOTICE') return state === 'suspected';
  return true;
}

/** Whether an allowed event awaits the caller now. */
export function isPending(type: string, f: PendingFacts): boolean {
  if (!couldBePending(type, f.state)) return false;
  if (type === 'ASSIGN_CONSULTANT') {
    const consultants = (f.context.consultants ?? {}) as Record<string, unknown>;
    return !consultants[COMMISSION_NEEDED[f.state]];
  }
  if (type === 'ISSUE_INVESTIGATION_NOTICE') return !f.context.investigationDueDate;
  // Monitoring reports are periodic: due when their deadline is.
  if (type === 'SUBMIT_MONITORING_REPORT') return f.dueKinds.has('monitoring_report');
  if (type === 'RECORD_ZONE_MONITORING') return f.dueKinds.has('zone_monitoring');
  // A plan's first batch awaits dispatch; while batches are on the road another one is the holder's choice.
  if (type === 'DISPATCH') return f.state !== 'inTransit' && f.state !== 'discrepancy';
  // 后期管理 (土壤法第四十二条): the plot stays on the to-do of whoever answers for it until every obligation is fulfilled.
  if (type === 'FULFIL_AFTERCARE') {
    const list = Array.isArray(f.context.aftercare) ? (f.context.aftercare as Array<{ fulfilledOn: string | null }>) : [];
    return list.some((o) => o.fulfilledOn === null);
  }
  if (type in REVIEW_ROUND_PENDING) return REVIEW_ROUND_PENDING[type](reviewOf(f.context));
  if (type === 'RECORD_DISCLOSURE') {
    // 42号令: the effect evaluation is public before removal can be applied for.
    return f.state === 'listed.awaitingRemoval' && !(f.context.disclosures as Record<string, unknown> | undefined)?.effectEvaluation;
  }
  return true;
}

interface ReviewFacts {
  panel?: { experts: unknown[]; opinions: Record<string, string>; conclusion: string | null } | null;
  revision?: { accepted: boolean } | null;
}

const reviewOf = (context: Record<string, unknown>) => (context.review ?? {}) as ReviewFacts;

/** plot-lifecycle v2's review round (环办土壤〔2019〕63号): which of its steps awaits whom, from the round's facts. */
const REVIEW_ROUND_PENDING: Record<string, (r: ReviewFacts) => boolean> = {
  FORM_PANEL: (r) => !r.panel,
  RECORD_EXPERT_OPINION: (r) => Boolean(r.panel && r.panel.conclusion === null && Object.keys(r.panel.opinions).length < r.panel.experts.length),
  CONCLUDE_PANEL: (r) => Boolean(r.panel && r.panel.conclusion === null && Object.keys(r.panel.opinions).length === r.panel.experts.length),
  SUBMIT_REVISION: (r) => r.panel?.conclusion === 'passWithRevisions' && !r.revision,
};

/**
 * The atomic states in which some event of the machine could be pending for
 * the role: the to-do list reads only plots and transports in these states
 * (plus those with a deadline due), so it stays cheap as the registry grows.
 */
export function candidateStates(machine: AnyStateMachine, policy: Readonly<Record<string, PolicyEntry>>, role: Role): string[] {
  const out: string[] = [];
  for (const path of statePathsOf(machine)) {
    const node = machine.getStateNodeById(`${machine.id}.${path}`);
    if (node.type !== 'atomic') continue;
    const events = eventsFrom(node);
    if (events.some((type) => policy[type]?.roles.includes(role) && couldBePending(type, path))) out.push(path);
  }
  return out;
}

function eventsFrom(node: AnyStateNode): string[] {
  const types = new Set<string>();
  for (let n: AnyStateNode | undefined = node; n; n = n.parent) {
    for (const type of Object.keys(n.on)) types.add(type);
  }
  return [...types];
}
