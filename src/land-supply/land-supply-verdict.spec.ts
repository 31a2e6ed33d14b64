import { loadProposalReference } from '../proposals/proposal-reference';
import { summarise } from './land-supply-verdict';

const ref = loadProposalReference();
const yes = { permitted: true, reason: '可以供应' };
const no = { permitted: false, reason: '不得供应' };

describe('land-supply check summary (供地核查, issue 18)', () => {
  it('a parcel on a plot whose verdict refuses the use: 不得供地 (土壤法第六十六条第三款)', () => {
    const s = summarise(ref, [{ state: 'listed.controlOrRemediation', verdict: no }, { state: 'released', verdict: yes }], 0);
    expect(s.verdict).toBe('refuse');
    expect(s.text).toMatch(/^不得供地：.*土壤法第六十六条第三款/);
  });

  it('a parcel on a plot not yet investigated or on an open proposal: 须先开展土壤污染状况调查 (土壤法第五十九条、第六十七条)', () => {
    expect(summarise(ref, [{ state: 'investigation.preliminary.inProgress', verdict: no }], 0).verdict).toBe('investigateFirst');
    const onProposal = summarise(ref, [], 1);
    expect(onProposal.verdict).toBe('investigateFirst');
    expect(onProposal.text).toContain('1 个待确认的疑似地块线索');
    expect(onProposal.basis).toBe('土壤法第五十九条、第六十七条');
  });

  it('a parcel on released plots that permit the use, or on nothing: 可按拟供用途供地, with the reminder of 第五十九条第二款 when nothing is known', () => {
    expect(summarise(ref, [{ state: 'released', verdict: yes }], 0).verdict).toBe('supplyAsIntended');
    const nothing = summarise(ref, [], 0);
    expect(nothing.verdict).toBe('supplyAsIntended');
    expect(nothing.text).toContain('土壤法第五十九条第二款');
  });

  it('a plot in risk assessment has a conclusion (polluted) and refuses: 不得供地, not an investigation', () => {
    expect(summarise(ref, [{ state: 'riskAssessment.inProgress', verdict: no }], 0).verdict).toBe('refuse');
  });
});
