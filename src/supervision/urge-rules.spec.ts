import type { Principal } from '../auth/principal';
import { bandOf, kindsOwedBy, partyOf } from './supervision-reference';
import { urgeRefusal } from './urge-rules';

const bureau = (role: Principal['role'], jurisdictionCode: string | null) => ({ role, jurisdictionCode });
const holderDuty = (daysLeft: number) => ({ party: 'holder' as const, jurisdictionCode: '410106', daysLeft });
const bureauDuty = { party: 'bureau' as const, jurisdictionCode: '410106', daysLeft: -3 };

describe('催办 and 督办 (reference/supervision.json urge.kinds)', () => {
  it.each([
    ['the district bureau urges a holder’s duty of its district', bureau('eeb', '410106'), holderDuty(5), 'urge', null],
    ['the district land bureau urges it too', bureau('land', '410106'), holderDuty(5), 'urge', null],
    ['the city bureau urges it (DESIGN §1.1: its subtree)', bureau('eeb', '410100'), holderDuty(5), 'urge', null],
    ['another district’s bureau may not', bureau('eeb', '410182'), holderDuty(5), 'urge', '该期限不在本部门管辖范围内'],
    ['督办 waits until the duty is overdue', bureau('eeb', '410106'), holderDuty(0), 'supervise', '期限尚未届满，只能催办；逾期后方可督办'],
    ['督办 of an overdue holder’s duty by the district bureau itself', bureau('eeb', '410106'), holderDuty(-1), 'supervise', null],
    ['a bureau does not urge its own duty', bureau('eeb', '410106'), bureauDuty, 'urge', '该期限由本级主管部门承担，须由上级主管部门催办、督办'],
    ['the level above urges and supervises a bureau’s duty', bureau('eeb', '410000'), bureauDuty, 'supervise', null],
    ['a holder never urges', bureau('holder', null), holderDuty(-1), 'urge', '只有生态环境、自然资源主管部门可以催办、督办'],
  ] as const)('%s', (_title, me, duty, kind, reason) => {
    expect(urgeRefusal(me, duty, kind)).toBe(reason);
  });
});

describe('who owes a duty and its overdue band (reference/supervision.json parties, bands)', () => {
  it('the holder owes the investigation under a notice (土壤法第五十九条), the bureau the review, the unit its self-monitoring (第二十一条)', () => {
    expect(partyOf('investigation_notice')).toBe('holder');
    expect(partyOf('review')).toBe('bureau');
    expect(partyOf('key_unit_self_monitoring')).toBe('unit');
    expect(kindsOwedBy('bureau')).toEqual(expect.arrayContaining(['review', 'annual_progress_report', 'key_unit_bureau_monitoring']));
  });
  it.each([
    [-40, 'overdue30'], [-31, 'overdue30'], [-30, 'overdue8'], [-8, 'overdue8'], [-7, 'overdue1'], [-1, 'overdue1'],
    [0, 'soon'], [7, 'soon'], [8, 'later'], [365, 'later'],
  ])('%i days left falls in %s', (days, band) => {
    expect(bandOf(days)).toBe(band);
  });
});
