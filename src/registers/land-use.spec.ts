import { checkLandUse, loadLandUseTable, parseUse, type PlotForCheck } from './land-use';

const table = loadLandUseTable();
const check = (plot: PlotForCheck, use: string) => checkLandUse(table, plot, parseUse(table, use)!);
const listed = (negativeList: string[] = ['住宅', '公共管理与公共服务用地'], removalRefused = false): PlotForCheck => ({
  state: 'listed.remediation.inProgress',
  plannedLandClass: 1,
  context: { priority: { negativeList }, removalRefused },
});

describe('land-use check (土壤法 arts. 61, 66; GB 36600-2018 §3.5–3.6)', () => {
  it('reads GB 50137 names, common short names and the land classes', () => {
    expect(parseUse(table, '工业')).toMatchObject({ kind: 'use', use: { name: '工业用地', class: 2 } });
    expect(parseUse(table, '住宅')).toMatchObject({ kind: 'use', use: { name: '居住用地', class: 1 } });
    expect(parseUse(table, ' 2 ')).toEqual({ kind: 'class', landClass: 2 });
    expect(parseUse(table, '修复工程')).toMatchObject({ kind: 'riskControlProject' });
    expect(parseUse(table, '火星基地')).toBeNull();
  });

  it('art. 61: a listed plot is never for housing or public services, their sub-uses included, nor its negative list', () => {
    expect(check(listed(), '住宅')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十一条') });
    expect(check(listed(), '公共管理与公共服务用地').permitted).toBe(false);
    expect(check(listed(), '中小学用地').permitted).toBe(false);
    expect(check(listed(), '行政办公用地').permitted).toBe(false);
    expect(check(listed([]), '住宅').permitted).toBe(false);
    expect(check(listed(['商业']), '商业服务业设施用地').permitted).toBe(false);
    expect(check(listed(), '工业用地')).toMatchObject({ permitted: true });
    expect(check(listed(), '1').permitted).toBe(false);
  });

  it('art. 66: under a refused removal only risk-control and remediation projects', () => {
    expect(check(listed(undefined, true), '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条') });
    expect(check(listed(undefined, true), '风险管控和修复工程').permitted).toBe(true);
  });

  it('released or cleared: the permitted land class and every less sensitive use', () => {
    const released1: PlotForCheck = { state: 'released', plannedLandClass: 1, context: { permittedLandClass: 1 } };
    const cleared2: PlotForCheck = { state: 'cleared', plannedLandClass: 2, context: { permittedLandClass: 2 } };
    expect(check(released1, '住宅').permitted).toBe(true);
    expect(check(released1, '2').permitted).toBe(true);
    expect(check(cleared2, '住宅')).toMatchObject({ permitted: false, reason: expect.stringContaining('GB 36600') });
    expect(check(cleared2, '儿童公园').permitted).toBe(false);
    expect(check(cleared2, '公园绿地').permitted).toBe(true);
    expect(check(cleared2, '物流仓储').permitted).toBe(true);
  });

  it('suspected or under investigation: not yet decided', () => {
    for (const state of ['suspected', 'investigation.preliminary.drafting', 'riskAssessment.underReview']) {
      expect(check({ state, plannedLandClass: 2, context: {} }, '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('尚无结论') });
    }
  });
});
