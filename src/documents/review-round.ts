import type { AuditRow } from '../engine/audit.repository';
import type { FilingFacts } from './filing-facts';

const REVIEW_EVENTS = ['APPROVE', 'RECORD_DECISION', 'FORM_PANEL', 'RECORD_EXPERT_OPINION', 'CONCLUDE_PANEL', 'SUBMIT_REVISION'];

/** The expert panel of a round (环办土壤〔2019〕63号): who sat on it, what each said, what it concluded. */
export interface PanelRows {
  formed: AuditRow;
  opinions: AuditRow[];
  concluded?: AuditRow;
}

/** The audit rows of one review round, oldest first: from the report (or application) entering review up to a step. */
export interface ReviewRound {
  approvals: AuditRow[];
  /** The last decision of the round taken in the system (APPROVE) or recorded (RECORD_DECISION). */
  decision?: AuditRow;
  panel?: PanelRows;
  /** Revised reports submitted during the round (修改后通过), oldest first. */
  revisions: AuditRow[];
}

/**
 * The state a review is decided in: `riskAssessment.underReview`, or for removal
 * `listed.removalReview` (its publicity period `listed.removalPublicity` belongs to it).
 */
export function reviewStateOf(state: string): string {
  const at = state.indexOf('.underReview');
  if (at >= 0) return state.slice(0, at + '.underReview'.length);
  if (state.startsWith('listed.removal')) return 'listed.removalReview';
  return state;
}

/**
 * The round a step belongs to. It opens when the report is submitted for review
 * (SUBMIT_REPORT from drafting) or removal applied for (APPLY_REMOVAL); a revised
 * report submitted during the review (修改后通过) stays in the same round, and a
 * return ends it (the next submission opens a new one).
 */
export async function reviewRound(f: FilingFacts, plotId: string, step: AuditRow): Promise<ReviewRound> {
  const review = reviewStateOf(step.fromState ?? '');
  const opener = review === 'listed.removalReview' ? 'APPLY_REMOVAL' : 'SUBMIT_REPORT';
  const rows = await f.plotEvents(plotId, [opener, ...REVIEW_EVENTS], step.id);
  let start = -1;
  rows.forEach((r, i) => {
    if (r.eventType === opener && !(r.fromState ?? '').startsWith(review)) start = i;
  });
  const round = rows.slice(start + 1);
  const decisions = round.filter((r) => r.eventType === 'APPROVE' || r.eventType === 'RECORD_DECISION');
  return {
    approvals: round.filter((r) => r.eventType === 'APPROVE'),
    decision: decisions.at(-1),
    panel: panelOf(round),
    revisions: round.filter((r) => r.eventType === 'SUBMIT_REVISION'),
  };
}

function panelOf(round: AuditRow[]): PanelRows | undefined {
  const at = round.map((r) => r.eventType).lastIndexOf('FORM_PANEL');
  if (at < 0) return undefined;
  const after = round.slice(at + 1);
  return {
    formed: round[at],
    opinions: after.filter((r) => r.eventType === 'RECORD_EXPERT_OPINION'),
    concluded: after.filter((r) => r.eventType === 'CONCLUDE_PANEL').at(-1),
  };
}
