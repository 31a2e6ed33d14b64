import { landClassOfPlannedUse } from '../plots/dto/planned-use';
import { computeSafeUse, loadSafeUseDefinition, type SafeUsePlot } from './safe-use';

const definition = loadSafeUseDefinition();
const rate = (plots: SafeUsePlot[], year: number) => computeSafeUse(plots, { year, landClassOf: landClassOfPlannedUse, definition });

const plot = (id: string, state: string, planned: 1 | 2, permitted: 1 | 2 | null, developedFor: string | null, developedOn: string | null, enteredOn = '2019-03-01'): SafeUsePlot => ({
  id, state, plannedLandClass: planned, permittedLandClass: permitted, developedFor, developedOn, enteredOn,
});

// Ten plots of a district. `state` and `permitted` are as they stood when the development began.
// Counted by hand for 2026 (year end 2026-12-31):
//   id   state at development  permitted  developed for (class)  began       2026
//   P01  cleared               — (plan 1) 住宅 (1)               2024-05-01  safe: concluded, class 1 within 1
//   P02  released              2          工业用地 (2)            2025-03-01  safe: class 2 within 2
//   P03  released              2          住宅 (1)                2025-06-01  UNSAFE: class 1 beyond a class-2 permission
//   P04  listed.riskControl    —          商业 (2)                2023-01-01  UNSAFE: developed while listed
//   P05  investigation.…       —          物流仓储 (2)            2022-08-01  UNSAFE: developed before the conclusion
//   P06  released              1          中小学 (1)              2026-09-01  safe: class 1 within 1
//   P07  listed.awaitingPlan   —          never developed         —           not counted
//   P08  cleared               2          工业 (2)                2027-02-01  not counted: began after 2026
//   P09  cleared               2 (plan 2) 防护绿地 (2)            2021-04-01  safe: class 2 within 2
//   P10  suspected (entered 2027-01-10)   商业                    2027-06-01  not counted: entered after 2026
// Denominator 7 (P01–P06, P09), numerator 4 (P01, P02, P06, P09): 4 / 7 = 57.14 %, below the plan's 91 %.
// For 2025 P06 drops out: 3 / 6 = 50 %. For 2020 no development had begun (P09 began 2021): no rate.
const DISTRICT: SafeUsePlot[] = [
  plot('P01', 'cleared', 1, null, '住宅', '2024-05-01'),
  plot('P02', 'released', 2, 2, '工业用地', '2025-03-01'),
  plot('P03', 'released', 1, 2, '住宅', '2025-06-01'),
  plot('P04', 'listed.riskControl', 2, null, '商业', '2023-01-01'),
  plot('P05', 'investigation.preliminary.underReview', 2, null, '物流仓储', '2022-08-01'),
  plot('P06', 'released', 1, 1, '中小学', '2026-09-01'),
  plot('P07', 'listed.awaitingPlan', 1, null, null, null),
  plot('P08', 'cleared', 2, 2, '工业', '2027-02-01'),
  plot('P09', 'cleared', 2, 2, '防护绿地', '2021-04-01'),
  plot('P10', 'suspected', 2, null, '商业', '2027-06-01', '2027-01-10'),
];

describe('污染地块安全利用率 (上政文〔2017〕147号 二 主要指标, 三（四）2; reference/safe-use-indicator.json)', () => {
  it('the hand-counted district of ten plots gives 4 of 7 in 2026, below the plan\'s 2020 target of 91 % (上政文〔2017〕147号 二)', () => {
    const result = rate(DISTRICT, 2026);
    expect([result.numerator, result.denominator]).toEqual([4, 7]);
    expect(result.rate).toBeCloseTo(4 / 7, 10);
    expect(result.target).toEqual({ year: 2020, minRate: 0.91, source: '上政文〔2017〕147号 二（主要指标）' });
    expect(result.meetsTarget).toBe(false);
    expect(result.counted.filter((c) => c.safe).map((c) => c.id)).toEqual(['P01', 'P02', 'P06', 'P09']);
    expect(result.counted.filter((c) => !c.safe).map((c) => c.id)).toEqual(['P03', 'P04', 'P05']);
  });

  it('a plot developed for a class the evidence does not permit is not safely used (GB 36600-2018 §3.5、§3.6)', () => {
    const p03 = rate(DISTRICT, 2026).counted.find((c) => c.id === 'P03');
    expect(p03).toEqual({
      id: 'P03', safe: false, basis: 'GB 36600-2018 §3.5、§3.6',
      reason: '开发利用为“住宅”（第一类用地），超出调查评估结论允许的第二类用地',
    });
  });

  it('a plot developed while listed is not safely used (土壤法第六十一条第二款、第六十六条第三款)', () => {
    expect(rate(DISTRICT, 2026).counted.find((c) => c.id === 'P04')).toMatchObject({
      safe: false, basis: '《中华人民共和国土壤污染防治法》第六十一条第二款、第六十六条第三款',
    });
  });

  it('a plot developed before its investigation concluded is not safely used (土壤法第五十九条)', () => {
    expect(rate(DISTRICT, 2026).counted.find((c) => c.id === 'P05')).toMatchObject({
      safe: false, basis: '《中华人民共和国土壤污染防治法》第五十九条', reason: '调查评估程序未完成即开发利用为“物流仓储”',
    });
  });

  it('plots never developed, developed after the year or entered after it are in neither count (上政文〔2017〕147号 三（四）2)', () => {
    const ids = rate(DISTRICT, 2026).counted.map((c) => c.id);
    for (const id of ['P07', 'P08', 'P10']) expect(ids).not.toContain(id);
  });

  it('each year counts the developments begun by its end: 3 of 6 in 2025, none in 2020 (上政文〔2017〕147号 二)', () => {
    expect(rate(DISTRICT, 2025)).toMatchObject({ numerator: 3, denominator: 6, rate: 0.5, meetsTarget: false });
    expect(rate(DISTRICT, 2020)).toMatchObject({ numerator: 0, denominator: 0, rate: null, meetsTarget: null });
  });

  it('in 2030 the target is 95 % and a rate of exactly 95 % meets it (上政文〔2017〕147号 二)', () => {
    const plots = Array.from({ length: 20 }, (_, i) =>
      plot(`Q${i + 1}`, 'released', 2, 2, i === 0 ? '住宅' : '工业用地', '2029-05-01'),
    );
    const result = rate(plots, 2030);
    expect([result.numerator, result.denominator, result.rate]).toEqual([19, 20, 0.95]);
    expect(result.target?.minRate).toBe(0.95);
    expect(result.meetsTarget).toBe(true);
    expect(rate(plots.slice(0, 19), 2030).meetsTarget).toBe(false);
  });

  it('before 2020 no target of the plan is in force', () => {
    expect(rate([plot('R1', 'cleared', 2, null, '工业用地', '2018-05-01', '2017-12-01')], 2019)).toMatchObject({ rate: 1, target: null, meetsTarget: null });
  });

  it('a state outside the definition or a malformed date is refused, never guessed', () => {
    expect(() => rate([plot('X1', 'demolished', 2, null, '工业用地', '2020-01-01')], 2026)).toThrow('不在安全利用率的定义之内');
    expect(() => rate([plot('X2', 'cleared', 2, null, '工业用地', '2020/01/01')], 2026)).toThrow('YYYY-MM-DD');
  });

  it('the reference file carries the plan\'s targets with their section', () => {
    expect(definition.targets).toEqual([
      { year: 2020, minRate: 0.91, source: '上政文〔2017〕147号 二（主要指标）' },
      { year: 2030, minRate: 0.95, source: '上政文〔2017〕147号 二（主要指标）' },
    ]);
  });
});
