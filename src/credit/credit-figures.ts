/**
 * The credit figures of third-party firms (诚信档案, 上政文〔2017〕147号 三（六）3), counted from the plots' audit
 * trail: a round is one report under review — opened by its submission, resubmitted after a return, ended by the
 * review's last decision. A round is approved at the first pass when it ends approved with no return in it.
 */

export type PanelOutcome = 'pass' | 'passWithRevisions' | 'fail';

/** One review event of a plot's audit trail, with the submitted report's kind and author joined. */
export interface ReviewEvent {
  plotId: string;
  eventType: string;
  payload: Record<string, unknown>;
  at: string;
  reportKind: string | null;
  authorId: string | null;
}

export interface CreditReturn {
  plotId: string;
  reportKind: string;
  at: string;
  reason: string;
}

/** The counts both the audit-trail count and the tally tables give of a firm's (or a signatory's) review rounds. */
export interface RoundFigures {
  /** rounds opened per report kind (a report submitted for review) */
  submittedByKind: Record<string, number>;
  submitted: number;
  resubmissions: number;
  decided: number;
  approved: number;
  firstPassApproved: number;
  /** first-pass approvals over decided rounds, 0–1, or null before any decision */
  firstPassRate: number | null;
  panelConclusions: Record<PanelOutcome, number>;
}

/** First-pass approvals over decided rounds, 0–1, or null before any decision (the ranking's measure). */
export function firstPassRate(firstPassApproved: number, decided: number): number | null {
  return decided ? firstPassApproved / decided : null;
}

export interface FirmFigures extends RoundFigures {
  returns: CreditReturn[];
}

interface Round {
  plotId: string;
  kind: string;
  authorId: string;
  resubmissions: number;
  last: 'approve' | 'return' | null;
  returns: CreditReturn[];
  panel: PanelOutcome[];
}

const PANEL_OUTCOMES: readonly PanelOutcome[] = ['pass', 'passWithRevisions', 'fail'];

export function emptyFigures(): FirmFigures {
  return {
    submittedByKind: {},
    submitted: 0,
    resubmissions: 0,
    decided: 0,
    approved: 0,
    firstPassApproved: 0,
    firstPassRate: null,
    returns: [],
    panelConclusions: { pass: 0, passWithRevisions: 0, fail: 0 },
  };
}

/** The rounds of review in events ordered by plot, then by their place in the audit trail. */
export function reviewRounds(events: Iterable<ReviewEvent>): Round[] {
  const rounds: Round[] = [];
  let current: Round | null = null;
  for (const e of events) {
    if (current && current.plotId !== e.plotId) current = null;
    if (e.eventType === 'SUBMIT_REPORT') {
      if (!e.reportKind || !e.authorId) continue;
      const resubmission = current && current.kind === e.reportKind && current.authorId === e.authorId && current.last !== 'approve';
      if (resubmission) current!.resubmissions++;
      else rounds.push((current = { plotId: e.plotId, kind: e.reportKind, authorId: e.authorId, resubmissions: 0, last: null, returns: [], panel: [] }));
      continue;
    }
    if (!current) continue;
    const outcome = decisionOf(e);
    if (outcome === 'approve') current.last = 'approve';
    else if (outcome === 'return') {
      current.last = 'return';
      current.returns.push({ plotId: e.plotId, reportKind: current.kind, at: e.at, reason: String(e.payload.reason ?? '').trim() });
    } else if (e.eventType === 'CONCLUDE_PANEL' && PANEL_OUTCOMES.includes(e.payload.conclusion as PanelOutcome)) {
      current.panel.push(e.payload.conclusion as PanelOutcome);
    }
  }
  return rounds;
}

function decisionOf(e: ReviewEvent): 'approve' | 'return' | null {
  if (e.eventType === 'APPROVE') return 'approve';
  if (e.eventType === 'RETURN') return 'return';
  if (e.eventType === 'RECORD_DECISION') return e.payload.outcome === 'approved' ? 'approve' : e.payload.outcome === 'returned' ? 'return' : null;
  return null;
}

/** The figures of each author over the rounds (a firm with no round has none here). */
export function figuresByFirm(rounds: readonly Round[]): Map<string, FirmFigures> {
  const byFirm = new Map<string, FirmFigures>();
  for (const r of rounds) {
    let f = byFirm.get(r.authorId);
    if (!f) byFirm.set(r.authorId, (f = emptyFigures()));
    f.submitted++;
    f.submittedByKind[r.kind] = (f.submittedByKind[r.kind] ?? 0) + 1;
    f.resubmissions += r.resubmissions;
    f.returns.push(...r.returns);
    for (const p of r.panel) f.panelConclusions[p]++;
    if (r.last !== null) f.decided++;
    if (r.last === 'approve') {
      f.approved++;
      if (r.returns.length === 0) f.firstPassApproved++;
    }
  }
  for (const f of byFirm.values()) f.firstPassRate = firstPassRate(f.firstPassApproved, f.decided);
  return byFirm;
}
