import { dutiesSinceListing } from './key-unit-workflow.adapter';
import { firstInspectionDue, nextInspectionDue, yearlyDeadlines, yearlyDueDate } from './key-unit-duties';
import { demolitionLeadWorkingDays, dutyReference, industryName, keyIndustries } from './key-unit-reference';

describe('key-unit duties from reference/key-unit-duties.json (deployment defaults; the law sets no dates)', () => {
  it('土壤法第二十一条第二款第三项 and 上政文〔2017〕147号 三（二）1: the self-monitoring of year N is due 31 December of year N', () => {
    expect(yearlyDueDate('selfMonitoring', 2026)).toBe('2026-12-31');
  });

  it('土壤法第二十一条第二款第一项 (按年度报告): the 有毒有害物质排放情况 report on year N is due 31 March of year N + 1', () => {
    expect(yearlyDueDate('toxicDischarge', 2025)).toBe('2026-03-31');
  });

  it('土壤法第二十一条第四款 and 三（二）1: the bureau monitors around each unit by 31 December every year', () => {
    expect(yearlyDueDate('bureauMonitoring', 2026)).toBe('2026-12-31');
    expect(yearlyDeadlines(2026).map((d) => d.kind).sort()).toEqual(['key_unit_bureau_monitoring', 'key_unit_self_monitoring', 'key_unit_toxic_discharge']);
  });

  it('土壤法第二十一条第二款第二项 (隐患排查; interval from the guide, second-hand): the first within a year of listing, then every two years; 29 February falls to the 28th', () => {
    expect(firstInspectionDue('2025-03-01')).toBe('2026-03-01');
    expect(nextInspectionDue('2026-03-01')).toBe('2028-03-01');
    expect(firstInspectionDue('2024-02-29')).toBe('2025-02-28');
  });

  it('a unit listed in 2025 owes, by 2026, the first inspection and both years’ yearly duties', () => {
    const dues = dutiesSinceListing('2025-03-01', '2026-07-01').map((d) => `${d.kind}@${d.dueDate}`);
    expect(dues).toEqual([
      'key_unit_hidden_danger_inspection@2026-03-01',
      'key_unit_self_monitoring@2025-12-31', 'key_unit_toxic_discharge@2026-03-31', 'key_unit_bureau_monitoring@2025-12-31',
      'key_unit_self_monitoring@2026-12-31', 'key_unit_toxic_discharge@2027-03-31', 'key_unit_bureau_monitoring@2026-12-31',
    ]);
  });

  it('土壤法第二十二条第二款: the demolition plan’s lead time is the reference’s 15 working days, filed with eeb and miit', () => {
    expect(demolitionLeadWorkingDays()).toBe(15);
    expect(dutyReference('demolitionPlan').basis).toContain('《中华人民共和国土壤污染防治法》第二十二条第二款');
  });

  it('上政文〔2017〕147号 三（一）1: the industries are the plan’s list, named in Chinese', () => {
    expect(keyIndustries()).toHaveLength(9);
    expect(industryName('carbon')).toBe('碳素生产');
  });
});
