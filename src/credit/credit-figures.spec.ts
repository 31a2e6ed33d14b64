import { checkCreditCode, creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../common/credit-code';
import { figuresByFirm, reviewRounds, type ReviewEvent } from './credit-figures';

const A = 'firm-a';
const B = 'firm-b';
let n = 0;
const at = () => `2026-01-${String(++n).padStart(2, '0')}`;
const submit = (plotId: string, kind: string, authorId: string): ReviewEvent => ({ plotId, eventType: 'SUBMIT_REPORT', payload: {}, at: at(), reportKind: kind, authorId });
const decide = (plotId: string, eventType: string, payload: Record<string, unknown> = {}): ReviewEvent => ({ plotId, eventType, payload, at: at(), reportKind: null, authorId: null });

describe('credit figures from the review trail (上政文〔2017〕147号 三（六）3 诚信档案)', () => {
  it('an approval with no return in its round is a first-pass approval; one after a return and resubmission is not', () => {
    const events = [
      submit('p1', 'preliminary_investigation', A),
      decide('p1', 'CONCLUDE_PANEL', { conclusion: 'pass' }),
      decide('p1', 'APPROVE'),
      decide('p1', 'APPROVE'), // 会同: the 自然资源 bureau approves the same round
      submit('p1', 'detailed_investigation', A),
      decide('p1', 'RETURN', { reason: '补充采样点位' }),
      submit('p1', 'detailed_investigation', A),
      decide('p1', 'CONCLUDE_PANEL', { conclusion: 'passWithRevisions' }),
      decide('p1', 'APPROVE'),
      submit('p2', 'effect_evaluation', B),
      decide('p2', 'RECORD_DECISION', { outcome: 'returned', reason: '未达修复目标' }),
    ];
    const f = figuresByFirm(reviewRounds(events));
    expect(f.get(A)).toMatchObject({
      submitted: 2, resubmissions: 1, decided: 2, approved: 2, firstPassApproved: 1, firstPassRate: 0.5,
      submittedByKind: { preliminary_investigation: 1, detailed_investigation: 1 },
      panelConclusions: { pass: 1, passWithRevisions: 1, fail: 0 },
    });
    expect(f.get(A)!.returns).toEqual([expect.objectContaining({ plotId: 'p1', reportKind: 'detailed_investigation', reason: '补充采样点位' })]);
    expect(f.get(B)).toMatchObject({ submitted: 1, decided: 1, approved: 0, firstPassApproved: 0, firstPassRate: 0 });
    expect(f.get(B)!.returns.map((r) => r.reason)).toEqual(['未达修复目标']);
  });

  it("a decision is the round's of its own plot, never carried to the next plot; a round not yet decided has no rate", () => {
    const f = figuresByFirm(reviewRounds([submit('p1', 'risk_assessment', A), decide('p2', 'APPROVE')]));
    expect(f.get(A)).toMatchObject({ submitted: 1, decided: 0, approved: 0, firstPassRate: null });
  });

  it('a new report of the same kind after an approval opens a new round (土壤法第六十五条 re-investigation)', () => {
    const f = figuresByFirm(reviewRounds([
      submit('p1', 'preliminary_investigation', A), decide('p1', 'APPROVE'),
      submit('p1', 'preliminary_investigation', A), decide('p1', 'RETURN', { reason: '数据不全' }),
    ]));
    expect(f.get(A)).toMatchObject({ submitted: 2, resubmissions: 0, decided: 2, firstPassApproved: 1, firstPassRate: 0.5 });
  });
});

describe('统一社会信用代码 of the export (GB 32100-2015)', () => {
  it.each([
    ['91370285MACJTLFM79', '青岛新广星石墨材料有限公司 (全国排污许可证管理信息平台)'],
    ['914403001922038216', '华为技术有限公司'],
  ])('the published code %s (%s) passes its check characters (GB 32100-2015; GB 11714)', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true });
  });

  it('the demo firms\' codes are built with both check characters (GB 11714 主体标识码校验位, GB 32100-2015 校验码)', () => {
    for (const [body, code] of [['MA40C1H2', '91410106MA40C1H27N'], ['MA40C2K5', '91410106MA40C2K530']]) {
      const first17 = `91410106${body}${organisationCodeCheckCharacter(body)}`;
      expect(first17 + creditCodeCheckCharacter(first17)).toBe(code);
      expect(checkCreditCode(code)).toEqual({ valid: true });
    }
  });
});
