import { refusingGuards } from '../../inspect';
import { banReason, type ConsultantBan } from './ban';
import { guardReason } from './labels';
import { driveV2, enrich, ORG, step, v2, type PlotSnapshotV2, type Sent } from './testing';

const refusedBy = (s: PlotSnapshotV2, event: Sent) => refusingGuards(s as never, enrich(event, s) as never)[0]?.name;

const BAN: ConsultantBan = {
  organisationName: '某环境调查评估有限公司',
  issuerName: '上街区生态环境局',
  decisionNumber: '上环罚〔2026〕7号',
  decisionDate: '2026-03-01',
  startsOn: '2026-03-02',
  endsOn: '2026-03-31',
};

describe('plot-lifecycle v2: a banned firm is not commissioned (土壤法第九十条)', () => {
  const noticed = () => driveV2([v2.notice()]);

  it('土壤法第九十条: ASSIGN_CONSULTANT naming a firm under a ban in force is refused by consultantNotBanned', () => {
    expect(refusedBy(noticed(), { ...v2.assign('investigation', ORG.investigator), ban: BAN })).toBe('consultantNotBanned');
    expect(step(noticed(), { ...v2.assign('investigation', ORG.investigator), ban: BAN })).toBeUndefined();
  });

  it('土壤法第九十条: with no ban in force (none, or its period over: the engine then loads null) the firm is commissioned', () => {
    expect(step(noticed(), { ...v2.assign('investigation', ORG.investigator), ban: null })).toBeDefined();
    expect(step(noticed(), v2.assign('investigation', ORG.investigator))).toBeDefined();
  });

  it('土壤法第九十条: the refusal names the decision — its number, date and the period of the ban — in Chinese', () => {
    const reason = guardReason({ name: 'consultantNotBanned' }, { ban: BAN });
    expect(reason).toBe(banReason(BAN));
    expect(reason).toContain('上环罚〔2026〕7号');
    expect(reason).toContain('2026-03-01');
    expect(reason).toContain('2026-03-02 至 2026-03-31');
    expect(reason).toContain('土壤法第九十条');
  });
});
