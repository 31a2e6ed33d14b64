import type { FilingRecordOf } from '../../templates/filing-record';
import { ACTORS, ORGS, filingHarness } from './testing';

/** The facts of D15–D17 as the filing worker builds them from the audit rows (in memory), step by step. */

const REGISTER = { type: 'REGISTER', by: ACTORS.eeb, from: null, to: 'suspected', payload: { holderOrganisationId: ORGS.holder.id } };

describe('filing worker, part 2 of the law', () => {
  it('终身责任制 (土壤法第五十九条第二款): D16 of a released plot names the removal decision (D12) issued before it and the class permitted until then', async () => {
    const reopened = { reopenings: [{ on: '2027-06-01', reason: 'useChange', from: 'released', plannedUse: '住宅', evidenceReportId: null, note: '规划调整', permittedLandClass: 2 }] };
    const h = filingHarness({ plot: { snapshot: { context: reopened } } as never });
    h.step(REGISTER);
    h.step({ type: 'APPROVE', by: ACTORS.eebProv, from: 'listed.removalReview', to: 'listed.removalPublicity', payload: { opinion: '同意' }, files: [{ kind: 'D12', variant: 'decision' }], at: '2027-04-01T02:00:00.000Z' });
    h.step({ type: 'REOPEN', by: ACTORS.eeb, from: 'released', to: 'investigation.preliminary.drafting', payload: { reason: 'useChange', plannedUse: '住宅', note: '规划调整' }, files: [{ kind: 'D16' }], at: '2027-06-01T02:00:00.000Z' });
    const filed = await h.file();
    const d12 = filed.find((d) => d.record.kind === 'D12')!;
    const d16 = filed.find((d) => d.record.kind === 'D16')!.record as FilingRecordOf<'D16'>;
    expect(d16.details).toMatchObject({ reason: 'useChange', reopenedFrom: 'released', plannedUse: '住宅', permittedLandClass: 2, earlierDecisionNumber: d12.number, dutyBearer: ORGS.holder.name });
    expect(d16.addressees).toEqual([ORGS.holder.name]);
    expect(d16.copyTo).toEqual([ORGS.land.name]);
  });

  it('土壤法第六十八条: a D15 filed after a later step still states its own step (who answered just after 收回)', async () => {
    const h = filingHarness();
    h.step(REGISTER);
    h.step({
      type: 'TAKE_BACK', by: ACTORS.land, from: 'suspected', to: 'suspected', files: [{ kind: 'D15', variant: 'takeBack' }],
      payload: { documentNumber: '上政土收〔2026〕3号', decidedOn: '2026-09-01', organiserOrganisationId: ORGS.land.id, formerHolderResponsible: true },
    });
    // recorded before the worker ran: the plot's parties now are another's
    h.step({ type: 'RECORD_RESPONSIBLE_PARTY', by: ACTORS.eeb, from: 'suspected', to: 'suspected', payload: { status: 'unidentifiable', documentNumber: '上环认〔2026〕3号', decidedOn: '2026-09-02' } });
    const [d15] = await h.file();
    const record = d15.record as FilingRecordOf<'D15'>;
    expect(d15.issuerOrgId).toBe(ORGS.land.id);
    expect(record.details).toMatchObject({
      variant: 'takeBack', formerHolder: ORGS.holder.name, holder: ORGS.land.name, formerHolderResponsible: true, controlBasis: 'government',
      responsible: { status: 'identified', organisation: ORGS.holder.name }, investigationDuty: ORGS.land.name, controlDuty: ORGS.land.name,
    });
    expect(record.addressees).toEqual([ORGS.land.name]);
    expect(record.copyTo).toEqual([ORGS.holder.name, ORGS.eeb.name]);
  });

  it('42号令 (责任主体): D15 of a transfer to a party agreed in the contract is addressed to the party the contract names and copied to the transferor and the transferee', async () => {
    const h = filingHarness();
    h.step(REGISTER);
    h.step({
      type: 'TRANSFER', by: ACTORS.land, from: 'suspected', to: 'suspected', files: [{ kind: 'D15', variant: 'transfer' }],
      payload: { contractNumber: 'SJ-2026-017', transferredOn: '2026-09-01', transfereeOrganisationId: ORGS.holder2.id, agreedResponsibleOrganisationId: ORGS.contractor.id },
    });
    const record = (await h.file())[0].record as FilingRecordOf<'D15'>;
    expect(record.details).toMatchObject({ holder: ORGS.holder2.name, agreedResponsible: ORGS.contractor.name, investigationDuty: ORGS.contractor.name, controlBasis: 'contract' });
    expect(record.addressees).toEqual([ORGS.contractor.name]);
    expect(record.copyTo).toEqual([ORGS.holder.name, ORGS.holder2.name, ORGS.eeb.name]);
  });

  it('土壤法第四十二条第三款: each D17 aftercare requirement is numbered in the order the obligations were set; a control zone\'s first reports fall due one interval after the signs were posted', async () => {
    const h = filingHarness();
    h.step(REGISTER);
    const add = (description: string) => h.step({
      type: 'ADD_AFTERCARE', by: ACTORS.eeb, from: 'released', to: 'released', files: [{ kind: 'D17', variant: 'aftercare' }],
      payload: { kind: 'monitoring', description, dueOn: '2027-06-30' },
    });
    add('地下水长期监测');
    add('土壤气监测');
    h.step({
      type: 'PLACE_UNDER_CONTROL_ZONE', by: ACTORS.eeb, from: 'listed.riskControl', to: 'listed.riskControl', files: [{ kind: 'D17', variant: 'controlZone' }],
      payload: { noticeNumber: '上环告〔2026〕5号', signsPostedOn: '2026-08-31', monitoring: [{ medium: 'groundwater', intervalMonths: 6 }] },
    });
    const records = (await h.file()).map((d) => d.record as FilingRecordOf<'D17'>);
    expect(records.map((r) => (r.details.variant === 'aftercare' ? r.details.ordinal : r.details.monitoring[0].firstDueOn))).toEqual([1, 2, '2027-02-28']);
    expect(records[2].addressees).toEqual(['社会公众', ORGS.holder.name]);
  });
});
