import { driveV2, ORG, V2_ACTORS as A, type Sent } from '../../workflows/plot-lifecycle/v2/testing';
import type { AuditRow } from '../engine/audit.repository';
import { partiesAtStep } from './parties-at-step';

/**
 * D15 states who answers for the plot just after its step, from audit rows that never change; the fold must agree
 * with what plot-lifecycle v2 itself records (土壤法第四十五条、第四十八条、第六十八条; 42号令 on 责任主体).
 */

const takeBack = (formerHolderResponsible: boolean, organiser: string = ORG.land): Sent => ({
  type: 'TAKE_BACK', actor: A.land, documentNumber: ' 上政土收〔2026〕3号 ', decidedOn: '2026-11-30',
  organiserOrganisationId: organiser, formerHolderResponsible, organiserEligible: true,
});
const transfer = (to: string, agreed?: string): Sent => ({
  type: 'TRANSFER', actor: A.land, contractNumber: 'SJ-2026-017', transferredOn: '2026-11-29', transfereeOrganisationId: to,
  ...(agreed ? { agreedResponsibleOrganisationId: agreed } : {}), partiesRegistered: true,
});
const responsible = (status: string, extra: Record<string, unknown> = {}): Sent => ({
  type: 'RECORD_RESPONSIBLE_PARTY', actor: A.eeb, status, documentNumber: '上环认〔2026〕2号', decidedOn: '2026-11-30', organisationsRegistered: true, ...extra,
});

// The audit row of a sent event keeps what the client sent: not the actor, not the facts the engine loaded.
function rowsOf(events: Sent[]): AuditRow[] {
  const register = { eventType: 'REGISTER', payload: { holderOrganisationId: ORG.holder } };
  return [register, ...events.map(({ type, actor: _a, organiserEligible: _o, partiesRegistered: _p, organisationsRegistered: _r, ...payload }) => ({ eventType: type, payload }))] as unknown as AuditRow[];
}

const CASES: Array<[string, Sent[]]> = [
  ['nothing recorded: the holder answers for everything (土壤法第四十五条第一款)', []],
  ['收回 from the responsible holder: the government organises (土壤法第六十八条)', [takeBack(true)]],
  ['收回 from a holder not responsible', [takeBack(false)]],
  ['an identified third party, then 收回: that party keeps control and remediation (第四十五条第一款)', [responsible('identified', { organisationId: ORG.planner }), takeBack(false)]],
  ['收回, then the former holder identified: the government organises (第六十八条)', [takeBack(false), responsible('identified', { organisationId: ORG.holder })]],
  ['转让 (42号令 责任主体): the transferee answers', [transfer(ORG.planner)]],
  ['转让 with a responsible party agreed in the contract', [transfer(ORG.planner, ORG.contractor)]],
  ['责任主体灭失: the organiser of the government (42号令)', [responsible('extinct', { organiserOrganisationId: ORG.land })]],
  ['identified, then unidentifiable: the holder again (第四十五条第一款)', [responsible('identified', { organisationId: ORG.planner }), responsible('unidentifiable')]],
  ['转让, then identified, then 收回', [transfer(ORG.planner), responsible('identified', { organisationId: ORG.contractor }), takeBack(false, ORG.land)]],
];

describe('partiesAtStep: the parties a D15 record states, folded from the audit rows', () => {
  it.each(CASES)('%s — as plot-lifecycle v2 records them', (_, events) => {
    const s = driveV2(events);
    expect(partiesAtStep(rowsOf(events))).toEqual({ holderOrganisationId: s.context.holderOrganisationId, parties: s.context.parties });
  });

  it('stops at the step: rows after it are not folded in (a filing processed late states its own step)', () => {
    const events = [takeBack(true), responsible('unidentifiable')];
    expect(partiesAtStep(rowsOf(events).slice(0, 2)).parties.controlBasis).toBe('government');
    expect(partiesAtStep(rowsOf(events)).parties.controlBasis).toBe('holder');
  });
});
