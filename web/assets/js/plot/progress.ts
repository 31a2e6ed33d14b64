// Whose turn it is (issue 22 point 2): the progress of a joint or panel review ("生态环境 ✓ · 自然资源 待审", the
// experts' opinions n/3), and one line "下一步：…由谁…期限" derived from the statechart's transitions out of the plot's
// state (GET /workflows/plot-lifecycle: each event's policy names the roles that send it), the round's facts and the
// plot's open deadlines.
import { h } from '../dom.js';
import { BUREAU_LABELS, daysBetween, labelOf, today, WORK_LABELS } from '../format.js';
import { currentDecision, jurisdictionName, reviewOf, type DecidingBody, type ReviewRound } from './decisions.js';
import { isMachineNode, type MachineNode } from './lifecycle.js';
import type { Plot, PlotDecision, PlotDeadline } from './types.js';

/** Who may send an event (GET /workflows/plot-lifecycle `events[].policy`, workflows' policy tables). */
interface EventPolicy {
  roles?: string[];
}

/** The parts of GET /workflows/plot-lifecycle the next step reads: the definition and each event's label and policy. */
export interface NextStepWorkflow {
  definition?: unknown;
  events?: { type: string; label: string; policy?: EventPolicy }[];
}

/** The step under way, or the district's two bureaus where the plot has none (a plot on the first version). */
type RoundDecision = DecidingBody & Partial<PlotDecision>;

/** One step of the round's progress. */
interface ProgressStep {
  done: boolean;
  text: string;
  state: string;
  bureau?: string;
}

/** Steps beside the main path of a stage (part 2 of the law, site values, a refusal): never "the next step". */
const SIDE_EVENTS = new Set([
  'TAKE_BACK', 'TRANSFER', 'RECORD_RESPONSIBLE_PARTY', 'SET_SITE_VALUE', 'RETURN', 'ADD_AFTERCARE', 'FULFIL_AFTERCARE',
  'PLACE_UNDER_CONTROL_ZONE', 'RECORD_ZONE_MONITORING', 'REOPEN', 'RECORD_DECISION', 'SUBMIT_MONITORING_REPORT',
]);

/** The bureau named for a sentence: the registered organisation when the step names it, else level and kind. */
function bureauName(d: DecidingBody, b: string, i: number, names: ReadonlyMap<string, string>): string {
  return d.organisations?.[i] ?? `${jurisdictionName(d.jurisdiction, d.level, names)}${labelOf(BUREAU_LABELS, b) ?? ''}部门`;
}

function underReview(plot: Plot): boolean {
  return /underReview$|^listed\.removalReview$/.test(plot.state);
}

/** The review round's progress: each deciding bureau ✓ or 待审, the forwarding, the panel's opinions. */
export function reviewProgress(plot: Plot, names: ReadonlyMap<string, string>): HTMLElement | null {
  if (!underReview(plot)) return null;
  const d: RoundDecision = currentDecision(plot) ?? { bureaus: ['eeb', 'land'], level: 'district', jurisdiction: plot.jurisdiction };
  if (d.mode === 'recorded') return null;
  const review: ReviewRound = reviewOf(plot) ?? {};
  const approvals = plot.context?.approvals ?? {};
  const steps: ProgressStep[] = [];
  if (d.level && d.level !== 'district') {
    steps.push({ done: Boolean(review.forwarded), text: '所在地生态环境部门报送', state: review.forwarded ? '已报送' : '待报送' });
  }
  const panel = review.panel;
  if (d.expertReview) {
    const given = Object.keys(panel?.opinions ?? {}).length;
    steps.push(panel
      ? { done: given === panel.experts.length, text: '专家意见', state: `${given}/${panel.experts.length}` }
      : { done: false, text: '专家评审', state: '待组织' });
    if (panel) {
      steps.push({ done: Boolean(panel.conclusion), text: '专家组结论', state: panel.conclusion ? '已形成' : '待形成' });
    }
  }
  (d.bureaus ?? []).forEach((b, i) => {
    steps.push({ done: approvals[b] !== undefined, text: bureauName(d, b, i, names), state: approvals[b] !== undefined ? '已同意' : '待审', bureau: b });
  });
  return h('div', { class: 'review-progress', 'data-testid': 'review-progress', role: 'group', 'aria-label': '本轮审查进度' },
    h('ol', { class: 'progress-steps' }, steps.map((s) => h('li', {
      class: ['progress-step', s.done ? 'progress-done' : 'progress-pending'], dataset: s.bureau ? { bureau: s.bureau } : {},
    }, h('span', { class: 'progress-mark', 'aria-hidden': 'true' }, s.done ? '✓' : '…'), ` ${s.text} `, h('span', { class: 'progress-state' }, s.state)))));
}

/** Who sends an event, in words, from its policy's roles and the plot's parties. */
function whoSends(type: string, policy: EventPolicy | undefined, plot: Plot, names: ReadonlyMap<string, string>): string {
  const roles = policy?.roles ?? [];
  if (roles.includes('holder')) {
    const p = plot.parties ?? {};
    const bearer = plot.state.startsWith('listed') ? p.controlDuty : p.investigationDuty;
    return bearer?.name ?? plot.holderOrganisationName ?? '土地使用权人';
  }
  if (roles.includes('consultant')) {
    const work = workOf(plot.state);
    const c = (plot.commissions ?? []).filter((x) => x.work === work).at(-1);
    return c ? `${c.organisationName}（${labelOf(WORK_LABELS, work) ?? ''}单位）` : `受委托的${labelOf(WORK_LABELS, work) ?? ''}单位`;
  }
  const d = currentDecision(plot);
  if (type === 'FORWARD') return '所在地生态环境部门';
  if (type === 'RECORD_EXPERT_OPINION') {
    const panel = reviewOf(plot)?.panel;
    const given = Object.keys(panel?.opinions ?? {}).length;
    return panel ? `尚未提交意见的评审专家（已提交 ${given}/${panel.experts.length}）` : '评审专家';
  }
  if (d && roles.some((r) => d.bureaus?.includes(r))) {
    return d.bureaus.filter((b) => roles.includes(b)).map((b) => bureauName(d, b, d.bureaus.indexOf(b), names)).join('、');
  }
  return roles.map((r) => (r === 'eeb' ? '生态环境部门' : r === 'land' ? '自然资源部门' : r === 'expert' ? '评审专家' : '')).filter(Boolean).join('或') || '主管部门';
}

/** The events of the review round that are due now, from its facts (the order of 环办土壤〔2019〕63号). */
function roundEvents(plot: Plot): string[] {
  const d = currentDecision(plot);
  const review: ReviewRound = reviewOf(plot) ?? {};
  const panel = review.panel;
  if (d?.mode === 'recorded') return ['RECORD_DECISION'];
  if (d && d.level !== 'district' && !review.forwarded) return ['FORWARD'];
  if (d?.expertReview) {
    if (!panel) return ['FORM_PANEL'];
    if (Object.keys(panel.opinions ?? {}).length < panel.experts.length) return ['RECORD_EXPERT_OPINION'];
    if (!panel.conclusion) return ['CONCLUDE_PANEL'];
    if (panel.conclusion === 'passWithRevisions' && !review.revision) return ['SUBMIT_REVISION'];
    if (panel.conclusion === 'passWithRevisions' && !review.revision?.accepted) return ['ACCEPT_REVISION'];
  }
  return ['APPROVE'];
}

/** The main events out of the plot's state in the definition's `on` tables (the innermost state's). */
function mainEvents(definition: MachineNode, state: string): string[] {
  let node: MachineNode | undefined = definition;
  for (const key of state.split('.')) node = node?.states?.[key];
  return Object.keys(node?.on ?? {}).filter((e) => !SIDE_EVENTS.has(e));
}

function workOf(state: string): string {
  return state.startsWith('riskAssessment') ? 'riskAssessment' : state.startsWith('listed') ? 'effectEvaluation' : 'investigation';
}

/** Of the main events, those still to do: a notice issued or a commission given is done; a report needs its author first. */
function pending(plot: Plot, events: readonly string[]): string[] {
  const c = plot.context ?? {};
  const commissioned = (plot.commissions ?? []).some((x) => x.work === workOf(plot.state));
  let out = events.filter((e) => !(e === 'ISSUE_INVESTIGATION_NOTICE' && c.investigationDueDate));
  if (out.includes('ASSIGN_CONSULTANT') && out.includes('START_INVESTIGATION')) {
    out = out.filter((e) => e !== (commissioned ? 'ASSIGN_CONSULTANT' : 'START_INVESTIGATION'));
  }
  // 土壤法第六十五条: the effect evaluation (and each report) is drafted by a commissioned firm, commissioned first.
  if (out.includes('SUBMIT_REPORT') && !commissioned) out = ['ASSIGN_CONSULTANT'];
  return out;
}

function deadlineText(plot: Plot): { text: string; overdue: boolean | undefined } | null {
  const open: PlotDeadline[] = (plot.deadlines ?? []).filter((x) => x.dueDate ?? x.due);
  // The notice's due date (42号令第十二条) binds the whole investigation, whether or not a deadline row tracks it.
  const notice = plot.context?.investigationDueDate;
  if (notice && /^(suspected|investigation)/.test(plot.state)) open.push({ label: '调查完成期限', dueDate: notice });
  open.sort((a, b) => String(a.dueDate ?? a.due).localeCompare(String(b.dueDate ?? b.due)));
  if (!open.length) return null;
  const first = open[0];
  const due = first.dueDate ?? first.due;
  const left = daysBetween(today(), due);
  const when = left === null ? '' : left < 0 ? `，已逾期 ${-left} 天` : left === 0 ? '，今天到期' : `，还有 ${left} 天`;
  return { text: `期限：${first.label ?? '办理期限'} ${due}${when}`, overdue: first.overdue || (left !== null && left < 0) };
}

/**
 * "下一步：由…办理“…”；期限：…" for the plot as it stands; the reader's own turn is said first. `workflow` is
 * GET /workflows/plot-lifecycle ({definition, events: [{type, label, policy}]}).
 */
export function nextStep(plot: Plot, workflow: NextStepWorkflow | null | undefined, names: ReadonlyMap<string, string>): HTMLElement | null {
  if (!isMachineNode(workflow?.definition)) return null;
  const events = new Map((workflow.events ?? []).map((e) => [e.type, e]));
  const label = (t: string) => events.get(t)?.label ?? '办理';
  let due: string[];
  if (underReview(plot) && plot.machine?.version !== 1) {
    due = roundEvents(plot);
    if (due[0] === 'APPROVE') {
      const d = currentDecision(plot);
      const approvals = plot.context?.approvals ?? {};
      const pending = (d?.bureaus ?? []).map((b, i): [string, number] => [b, i]).filter(([b]) => approvals[b] === undefined);
      const whom = d ? pending.map(([b, i]) => bureauName(d, b, i, names)).join('、') : '';
      return line(plot, `下一步：由${whom || '主管部门'}作出审查决定（同意或退回）`, due);
    }
  } else {
    due = pending(plot, mainEvents(workflow.definition, plot.state));
  }
  if (!due.length) {
    return h('p', { class: 'next-step next-step-end', 'data-testid': 'next-step' },
      plot.state === 'released' || plot.state === 'cleared' ? '流程已办结：地块不在名录中，按规划用途开发利用；后期管理要求和新证据见下文。' : '本阶段没有待办的下一步。');
  }
  // One clause per sender: "由某公司办理“委托第三方机构”或“启动调查”".
  const bySender = new Map<string, string[]>();
  for (const t of due) {
    const who = whoSends(t, events.get(t)?.policy, plot, names);
    bySender.set(who, [...(bySender.get(who) ?? []), `“${label(t)}”`]);
  }
  const clauses = [...bySender].map(([who, labels]) => `由${who}办理${labels.join('或')}`);
  return line(plot, `下一步：${clauses.join('；')}`, due);
}

function line(plot: Plot, text: string, due: readonly string[]): HTMLElement {
  const mine = due.some((t) => plot.allowedEvents.includes(t));
  const deadline = deadlineText(plot);
  return h('p', { class: ['next-step', mine && 'next-step-mine'], 'data-testid': 'next-step' },
    mine ? h('strong', { class: 'next-step-turn' }, '轮到您办理。') : null,
    text,
    deadline ? h('span', { class: ['next-step-due', deadline.overdue && 'overdue-text'] }, `；${deadline.text}`) : null,
    '。');
}
