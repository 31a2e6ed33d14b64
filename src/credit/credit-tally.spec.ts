import { figuresByFirm, reviewRounds, type ReviewEvent } from './credit-figures';
import { TallyFold, tallyStep, type TallyEvent } from './credit-tally';

const A = 'firm-a';
const B = 'firm-b';
let n = 0;
const ev = (plotId: string, eventType: string, extra: Partial<TallyEvent> = {}): TallyEvent => ({
  auditId: String(++n), plotId, eventType, payload: {}, at: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
  reportKind: null, authorId: null, signatoryUserId: null, ...extra,
});
const submit = (plotId: string, kind: string, authorId: string, signatoryUserId = `${authorId}-liu`) => ev(plotId, 'SUBMIT_REPORT', { reportKind: kind, authorId, signatoryUserId });
const decide = (plotId: string, eventType: string, payload: Record<string, unknown> = {}) => ev(plotId, eventType, { payload });

/** The stored tally's figures of a firm, summed over its kinds and signatories. */
function folded(events: TallyEvent[]) {
  const fold = new TallyFold();
  for (const e of [...events].sort((x, y) => (x.plotId < y.plotId ? -1 : x.plotId > y.plotId ? 1 : Number(x.auditId) - Number(y.auditId)))) fold.add(e);
  const byFirm = new Map<string, Record<string, number>>();
  for (const { key, counts } of fold.counts.values()) {
    const f = byFirm.get(key.organisationId) ?? byFirm.set(key.organisationId, {}).get(key.organisationId)!;
    for (const [k, v] of Object.entries(counts)) f[k] = (f[k] ?? 0) + v;
  }
  return { byFirm, fold };
}

describe('stored credit tally (上政文〔2017〕147号 三（六）3 诚信档案): one event at a time, the same figures as the count over the trail', () => {
  const trail: TallyEvent[] = [
    submit('p1', 'preliminary_investigation', A),
    decide('p1', 'CONCLUDE_PANEL', { conclusion: 'pass' }),
    decide('p1', 'APPROVE'),
    decide('p1', 'APPROVE'), // 会同: the 自然资源 bureau approves the same round
    submit('p1', 'detailed_investigation', A),
    decide('p1', 'RETURN', { reason: '补充采样点位' }),
    submit('p1', 'detailed_investigation', A, 'firm-a-wang'),
    decide('p1', 'CONCLUDE_PANEL', { conclusion: 'passWithRevisions' }),
    decide('p1', 'APPROVE'),
    submit('p2', 'effect_evaluation', B),
    decide('p2', 'RECORD_DECISION', { outcome: 'returned', reason: '未达修复目标' }),
    decide('p3', 'APPROVE'), // no round open on p3: counts for nobody
    submit('p3', 'risk_assessment', A),
    decide('p3', 'RETURN', { reason: '暴露途径不全' }),
    decide('p3', 'RECORD_DECISION', { outcome: 'approved' }),
    submit('p3', 'risk_assessment', A), // after an approval: a new round
    ev('p3', 'SUBMIT_REPORT'), // a submission whose report is unknown changes nothing
  ];

  it('the folded tally equals figuresByFirm over the same trail, firm by firm', () => {
    const { byFirm } = folded(trail);
    const counted = figuresByFirm(reviewRounds(trail as ReviewEvent[]));
    expect([...byFirm.keys()].sort()).toEqual([...counted.keys()].sort());
    for (const [firm, f] of counted) {
      expect(byFirm.get(firm)).toEqual({
        submitted: f.submitted, resubmissions: f.resubmissions, decided: f.decided, approved: f.approved, firstPassApproved: f.firstPassApproved,
        returns: f.returns.length, panelPass: f.panelConclusions.pass, panelPassWithRevisions: f.panelConclusions.passWithRevisions, panelFail: f.panelConclusions.fail,
      });
    }
    expect(byFirm.get(A)).toMatchObject({ submitted: 4, decided: 3, approved: 3, firstPassApproved: 1 });
  });

  it('a round belongs to the signatory who submitted it first; a resubmission by a colleague counts to the same round', () => {
    const { fold } = folded(trail);
    const wang = [...fold.counts.values()].filter((c) => c.key.signatoryUserId === 'firm-a-wang');
    expect(wang).toEqual([]);
    const liuDetailed = [...fold.counts.values()].find((c) => c.key.signatoryUserId === 'firm-a-liu' && c.key.reportKind === 'detailed_investigation');
    expect(liuDetailed?.counts).toMatchObject({ submitted: 1, resubmissions: 1, decided: 1, approved: 1, firstPassApproved: 0, returns: 1 });
  });

  it('a return after an approval of the same round takes the first-pass approval back (会同: one bureau approves, the other returns)', () => {
    const round = tallyStep(null, submit('p9', 'risk_assessment', A)).round!;
    const approved = tallyStep(round, decide('p9', 'APPROVE'));
    expect(approved.delta!.counts).toMatchObject({ decided: 1, approved: 1, firstPassApproved: 1 });
    const returned = tallyStep(approved.round!, decide('p9', 'RETURN', { reason: '补充' }));
    expect(returned.delta!.counts).toMatchObject({ decided: 0, approved: -1, firstPassApproved: -1, returns: 1 });
    expect(returned.returned).toMatchObject({ plotId: 'p9', reportKind: 'risk_assessment', reason: '补充', organisationId: A });
  });
});
