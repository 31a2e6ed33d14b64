/**
 * The stored credit figures (诚信档案, 上政文〔2017〕147号 三（六）3), moved one review event at a time: the same
 * rounds as `reviewRounds` in credit-figures.ts counts over the whole trail, kept as each plot's open round and the
 * change each event makes to the figures of the round's firm, report kind and signatory.
 */
import type { EntityManager } from 'typeorm';
import type { PanelOutcome, ReviewEvent } from './credit-figures';

/** The officer of the consultant firm who submitted a round's report (the 报送 signatory of its filing). */
export interface TallyEvent extends ReviewEvent {
  auditId: string;
  signatoryUserId: string | null;
}

/** A plot's last round of review, as credit_rounds keeps it. */
export interface OpenRound {
  organisationId: string;
  reportKind: string;
  signatoryUserId: string;
  last: 'approve' | 'return' | null;
  returned: boolean;
}

export interface TallyCounts {
  submitted: number;
  resubmissions: number;
  decided: number;
  approved: number;
  firstPassApproved: number;
  returns: number;
  panelPass: number;
  panelPassWithRevisions: number;
  panelFail: number;
}

export interface TallyKey {
  organisationId: string;
  reportKind: string;
  signatoryUserId: string;
}

export interface TallyReturn extends TallyKey {
  auditId: string;
  plotId: string;
  at: string;
  reason: string;
}

/** What one event changes: the plot's open round (undefined: unchanged), the figures of a key, a return to list. */
export interface TallyStep {
  round?: OpenRound;
  delta?: { key: TallyKey; counts: TallyCounts };
  returned?: TallyReturn;
}

export const COUNT_NAMES: readonly (keyof TallyCounts)[] = [
  'submitted', 'resubmissions', 'decided', 'approved', 'firstPassApproved', 'returns', 'panelPass', 'panelPassWithRevisions', 'panelFail',
];

const PANEL_COUNT: Record<PanelOutcome, keyof TallyCounts> = { pass: 'panelPass', passWithRevisions: 'panelPassWithRevisions', fail: 'panelFail' };

export function zeroCounts(): TallyCounts {
  return { submitted: 0, resubmissions: 0, decided: 0, approved: 0, firstPassApproved: 0, returns: 0, panelPass: 0, panelPassWithRevisions: 0, panelFail: 0 };
}

/** What a round adds to decided, approved and first-pass approvals, as it stands. */
function standing(r: OpenRound): Pick<TallyCounts, 'decided' | 'approved' | 'firstPassApproved'> {
  return { decided: r.last ? 1 : 0, approved: r.last === 'approve' ? 1 : 0, firstPassApproved: r.last === 'approve' && !r.returned ? 1 : 0 };
}

const keyOf = (r: OpenRound): TallyKey => ({ organisationId: r.organisationId, reportKind: r.reportKind, signatoryUserId: r.signatoryUserId });

function decisionOf(e: ReviewEvent): 'approve' | 'return' | null {
  if (e.eventType === 'APPROVE') return 'approve';
  if (e.eventType === 'RETURN') return 'return';
  if (e.eventType === 'RECORD_DECISION') return e.payload.outcome === 'approved' ? 'approve' : e.payload.outcome === 'returned' ? 'return' : null;
  return null;
}

/** The change one review event of a plot makes, given the plot's open round. */
export function tallyStep(current: OpenRound | null, e: TallyEvent): TallyStep {
  if (e.eventType === 'SUBMIT_REPORT') {
    if (!e.reportKind || !e.authorId || !e.signatoryUserId) return {};
    const counts = zeroCounts();
    if (current && current.reportKind === e.reportKind && current.organisationId === e.authorId && current.last !== 'approve') {
      counts.resubmissions = 1;
      return { delta: { key: keyOf(current), counts } };
    }
    counts.submitted = 1;
    const round: OpenRound = { organisationId: e.authorId, reportKind: e.reportKind, signatoryUserId: e.signatoryUserId, last: null, returned: false };
    return { round, delta: { key: keyOf(round), counts } };
  }
  if (!current) return {};
  const counts = zeroCounts();
  const decision = decisionOf(e);
  if (decision) {
    const before = standing(current);
    const round: OpenRound = { ...current, last: decision, returned: current.returned || decision === 'return' };
    const after = standing(round);
    counts.decided = after.decided - before.decided;
    counts.approved = after.approved - before.approved;
    counts.firstPassApproved = after.firstPassApproved - before.firstPassApproved;
    if (decision === 'approve') return { round, delta: { key: keyOf(current), counts } };
    counts.returns = 1;
    const reason = String(e.payload.reason ?? '').trim();
    return { round, delta: { key: keyOf(current), counts }, returned: { ...keyOf(current), auditId: e.auditId, plotId: e.plotId, at: e.at, reason } };
  }
  const conclusion = e.payload.conclusion as PanelOutcome;
  if (e.eventType === 'CONCLUDE_PANEL' && Object.hasOwn(PANEL_COUNT, conclusion)) {
    counts[PANEL_COUNT[conclusion]] = 1;
    return { delta: { key: keyOf(current), counts } };
  }
  return {};
}

const keyString = (k: TallyKey) => `${k.organisationId}|${k.reportKind}|${k.signatoryUserId}`;

/** The rebuild's fold over the trail, one plot after another: the figures by key, each plot's last round, the returns. */
export class TallyFold {
  readonly counts = new Map<string, { key: TallyKey; counts: TallyCounts }>();
  readonly rounds = new Map<string, OpenRound>();
  readonly returns: TallyReturn[] = [];

  add(e: TallyEvent): void {
    const step = tallyStep(this.rounds.get(e.plotId) ?? null, e);
    if (step.round) this.rounds.set(e.plotId, step.round);
    if (step.delta) {
      const k = keyString(step.delta.key);
      let entry = this.counts.get(k);
      if (!entry) this.counts.set(k, (entry = { key: step.delta.key, counts: zeroCounts() }));
      for (const n of COUNT_NAMES) entry.counts[n] += step.delta.counts[n];
    }
    if (step.returned) this.returns.push(step.returned);
  }
}

const TALLIED_EVENTS = new Set(['SUBMIT_REPORT', 'APPROVE', 'RETURN', 'RECORD_DECISION', 'CONCLUDE_PANEL']);

/** The hook of the plot workflow (PlotWorkflowAdapter.afterTransition): moves the stored figures by the audit row just written. */
export async function tallyReviewStep(
  tallies: { reviewEvent(em: EntityManager, id: string): Promise<TallyEvent | undefined>; openRound(em: EntityManager, plotId: string): Promise<OpenRound | null>; apply(em: EntityManager, plotId: string, step: TallyStep): Promise<void> },
  em: EntityManager,
  plotId: string,
  eventType: unknown,
  auditId: string,
): Promise<void> {
  if (typeof eventType !== 'string' || !TALLIED_EVENTS.has(eventType)) return;
  const e = await tallies.reviewEvent(em, auditId);
  if (!e) return;
  const step = tallyStep(await tallies.openRound(em, plotId), e);
  if (step.round || step.delta || step.returned) await tallies.apply(em, plotId, step);
}
