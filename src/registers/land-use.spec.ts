import { checkLandUse, loadLandUseTable, parseUse, type AftercareObligation, type PlotForCheck } from './land-use';

const table = loadLandUseTable();
const basis = table.legalBasis;
const check = (plot: PlotForCheck, use: string) => checkLandUse(table, plot, parseUse(table, use)!);
const plot = (state: string, context: PlotForCheck['context'] = {}, plannedLandClass: 1 | 2 = 1): PlotForCheck => ({ state, plannedLandClass, context });
/** A listed plot whose effect evaluation found the targets reached, permitted for `permittedLandClass`. */
const reached = (negativeList: string[] = ['住宅', '公共管理与公共服务用地'], permittedLandClass: 1 | 2 = 2, state = 'listed.awaitingRemoval') =>
  plot(state, { priority: { negativeList }, permittedLandClass, worksStage: 'remediation' });
const obligation = (restriction: string | null, fulfilledOn: string | null = null): AftercareObligation => ({
  kind: 'institutionalControl',
  description: '地下水长期监测与制度控制',
  dueOn: '2027-06-30',
  fulfilledOn,
  restriction,
});

const NOT_REACHED = [
  'listed.prioritization',
  'listed.awaitingPlan',
  'listed.riskControl',
  'listed.remediation.inProgress',
  'listed.effectEvaluation.underReview',
];

describe('land-use check (土壤法 arts. 37, 42, 61, 63, 66; GB 36600-2018 §3.5–3.6)', () => {
  it('reads GB 50137 names, common short names and the land classes', () => {
    expect(parseUse(table, '工业')).toMatchObject({ kind: 'use', use: { name: '工业用地', class: 2 } });
    expect(parseUse(table, '住宅')).toMatchObject({ kind: 'use', use: { name: '居住用地', class: 1 } });
    expect(parseUse(table, ' 2 ')).toEqual({ kind: 'class', landClass: 2 });
    expect(parseUse(table, '修复工程')).toMatchObject({ kind: 'riskControlProject' });
    expect(parseUse(table, '火星基地')).toBeNull();
  });

  it('the reference file gives every legal basis the check cites, each citing its law or standard', () => {
    expect(basis.targetsNotReached).toBe('《中华人民共和国土壤污染防治法》第六十六条第三款');
    expect(basis.listed).toContain('第六十一条第二款');
    expect(basis.aftercare).toContain('第四十二条第三款');
    for (const text of Object.values(basis)) expect(text).toMatch(/《中华人民共和国土壤污染防治法》|GB 36600|上政文/);
  });

  describe('土壤法第六十六条第三款: a listed plot whose targets are not reached takes no project but risk control and remediation', () => {
    it.each(NOT_REACHED)('土壤法第六十六条第三款: in %s a listed plot whose targets are not reached is refused for 工业 as for 住宅', (state) => {
      const p = plot(state, { priority: { negativeList: ['住宅', '公共管理与公共服务用地'] }, permittedLandClass: 2 });
      for (const use of ['工业', '物流仓储', '商业', '住宅', '1', '2']) {
        expect(check(p, use)).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十六条第三款') });
      }
      expect(check(p, '风险管控和修复工程')).toMatchObject({ permitted: true, reason: expect.stringContaining('第六十六条第三款') });
    });

    it('土壤法第六十六条第三款 and 第六十一条第二款: a use also on the negative list is refused citing both; the reason names no state code', () => {
      const { reason } = check(plot('listed.awaitingPlan', { priority: { negativeList: ['住宅', '教育用地'] } }), '教育用地');
      expect(reason).toContain('第六十六条第三款');
      expect(reason).toContain('第六十一条第二款');
      expect(reason).toContain('负面清单');
      expect(reason).not.toMatch(/listed|awaitingPlan|[A-Za-z]{4,}/);
      expect(check(plot('listed.awaitingPlan', {}), '工业').reason).not.toContain('第六十一条');
    });

    it('土壤法第六十六条第二款、第三款: under a refused removal the plot counts as not reached, even waiting for a new application', () => {
      const refused = { ...reached(undefined, 1), context: { ...reached(undefined, 1).context, removalRefused: true } };
      expect(check(refused, '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('移出名录申请未获同意') });
      expect(check(refused, '工业').reason).toContain(basis.removalRefused);
      expect(check(refused, '风险管控和修复工程').permitted).toBe(true);
    });
  });

  describe('土壤法第六十一条第二款: targets reached but still on the register (application, review, publicity of the removal)', () => {
    it.each(['listed.awaitingRemoval', 'listed.removalReview', 'listed.removalPublicity'])(
      '土壤法第六十一条第二款: in %s housing, public services (their sub-uses included) and the negative list stay refused',
      (state) => {
        const p = reached(['住宅', '公共管理与公共服务用地', '商业'], 1, state);
        for (const use of ['住宅', '公共管理与公共服务用地', '中小学用地', '行政办公用地', '商业服务业设施用地', '1', '2']) {
          expect(check(p, use)).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十一条第二款') });
        }
        expect(check(p, '工业用地')).toMatchObject({ permitted: true, reason: expect.stringContaining('GB 36600') });
      },
    );

    it('土壤法第六十一条第二款 even on an empty stored negative list: the mandatory uses come from the reference file', () => {
      expect(check(reached([]), '住宅').permitted).toBe(false);
    });

    it('GB 36600-2018 §3.5–3.6: beyond the negative list the use must be within the permitted land class (class 1 covers class 2)', () => {
      const class2 = reached(['住宅', '公共管理与公共服务用地'], 2);
      expect(check(class2, '儿童公园')).toMatchObject({ permitted: false, reason: expect.stringContaining('仅准予第二类用地') });
      expect(check(reached(['住宅', '公共管理与公共服务用地'], 1), '儿童公园').permitted).toBe(true);
      expect(check(class2, '工业').permitted).toBe(true);
    });

    it('土壤法第四十二条第二款: with no permitted land class recorded by the effect evaluation the answer is not permitted', () => {
      const p = plot('listed.awaitingRemoval', { priority: { negativeList: [] } });
      expect(check(p, '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('效果评估未载明') });
    });
  });

  describe('released (土壤法第六十六条第二款): the permitted class, the plot’s own negative list and the aftercare', () => {
    it('土壤法第六十一条第二款 no longer binds a released plot: housing is supplied when class 1 is permitted', () => {
      const p = plot('released', { priority: { negativeList: ['住宅', '公共管理与公共服务用地'] }, permittedLandClass: 1, worksStage: 'remediation' });
      expect(check(p, '住宅')).toMatchObject({ permitted: true, reason: expect.stringContaining('第一类用地') });
      expect(check(p, '中小学用地').permitted).toBe(true);
      expect(check(p, '2').permitted).toBe(true);
    });

    it('上政文〔2017〕147号 三（四）1: the land bureau’s own negative list still binds a released plot', () => {
      const p = plot('released', { priority: { negativeList: ['住宅', '公共管理与公共服务用地', '教育用地'] }, permittedLandClass: 1 });
      expect(check(p, '教育用地')).toMatchObject({ permitted: false, reason: expect.stringContaining(basis.negativeList) });
      expect(check(p, '1')).toMatchObject({ permitted: false, reason: expect.stringContaining('请按具体用途核查') });
      expect(check(p, '住宅').permitted).toBe(true);
    });

    it('GB 36600-2018 §3.5–3.6: a released plot permitted for class 2 is refused a class-1 use', () => {
      const p = plot('released', { permittedLandClass: 2 });
      expect(check(p, '住宅')).toMatchObject({ permitted: false, reason: expect.stringContaining('GB 36600') });
      expect(check(p, '物流仓储').permitted).toBe(true);
    });

    it('土壤法第四十二条第三款: an open aftercare restriction is cited, a use it names is refused, a fulfilled one is not', () => {
      const aftercare = [obligation('禁止开挖地下水；不得建设住宅地下室'), obligation('不得作为工业用地', '2026-10-01')];
      const p = plot('released', { permittedLandClass: 1, aftercare });
      expect(check(p, '住宅')).toMatchObject({ permitted: false, reason: expect.stringContaining('第四十二条第三款') });
      expect(check(p, '住宅').reason).toContain('禁止开挖地下水');
      const industry = check(p, '工业');
      expect(industry.permitted).toBe(true);
      expect(industry.reason).toContain('须遵守后期管理要求：禁止开挖地下水；不得建设住宅地下室');
      expect(industry.reason).not.toContain('不得作为工业用地');
      expect(check(p, '1').permitted).toBe(false);
      expect(check(p, '2').permitted).toBe(true);
    });

    it('土壤法第四十二条第三款: an obligation without a restriction cites nothing and refuses nothing', () => {
      const p = plot('released', { permittedLandClass: 1, aftercare: [obligation(null)] });
      expect(check(p, '住宅')).toMatchObject({ permitted: true });
      expect(check(p, '住宅').reason).not.toContain('后期管理');
    });
  });

  describe('土壤法第三十七条第二款第四项、第四十二条第二款: after risk control the class is never wider than the risk assessment’s scenario', () => {
    it('土壤法第三十七条第二款第四项: a risk-controlled plot assessed for class 2 is refused a class-1 use though the evaluation permits class 1', () => {
      for (const state of ['released', 'listed.awaitingRemoval']) {
        const p = plot(state, { permittedLandClass: 1, worksStage: 'riskControl', assessedLandClass: 2, priority: { negativeList: [] } });
        expect(check(p, '儿童公园')).toMatchObject({ permitted: false, reason: expect.stringContaining('第三十七条第二款第四项') });
        expect(check(p, '儿童公园').reason).toContain('第二类用地暴露情景');
        expect(check(p, '工业')).toMatchObject({ permitted: true, reason: expect.stringContaining('准予第二类用地') });
      }
      expect(check(plot('released', { permittedLandClass: 1, worksStage: 'riskControl', assessedLandClass: 2 }), '1').permitted).toBe(false);
    });

    it('土壤法第四十二条第二款: after remediation, or with a class-1 scenario, the evaluated class stands', () => {
      expect(check(plot('released', { permittedLandClass: 1, worksStage: 'remediation', assessedLandClass: 2 }), '住宅').permitted).toBe(true);
      expect(check(plot('released', { permittedLandClass: 1, worksStage: 'riskControl', assessedLandClass: 1 }), '住宅').permitted).toBe(true);
    });
  });

  it('土壤法第六十三条第一项、第六十六条第三款: under a control zone (暂不开发利用) nothing but risk-control projects, whatever the state', () => {
    const controlZone = { noticeNumber: '上环〔2026〕1号', signsPostedOn: '2026-11-01', monitoring: [] };
    for (const state of ['listed.riskControl', 'listed.awaitingRemoval', 'released']) {
      const p = plot(state, { controlZone, permittedLandClass: 2, priority: { negativeList: [] } });
      expect(check(p, '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('第六十三条第一项') });
      expect(check(p, '2').reason).toContain('暂不开发利用');
      expect(check(p, '风险管控和修复工程').permitted).toBe(true);
    }
  });

  it('GB 36600-2018 §3.5–3.6: a cleared plot, as before: the permitted (or planned) land class and every less sensitive use', () => {
    const cleared2 = plot('cleared', { permittedLandClass: 2 }, 2);
    expect(check(cleared2, '住宅')).toMatchObject({ permitted: false, reason: expect.stringContaining('GB 36600') });
    expect(check(cleared2, '儿童公园').permitted).toBe(false);
    expect(check(cleared2, '公园绿地').permitted).toBe(true);
    expect(check(cleared2, '物流仓储').permitted).toBe(true);
    expect(check(plot('cleared', {}, 1), '住宅').permitted).toBe(true);
  });

  it('suspected, under investigation or reopened to investigation: not yet decided, whatever an earlier release permitted', () => {
    for (const state of ['suspected', 'investigation.preliminary.drafting', 'riskAssessment.underReview']) {
      expect(check(plot(state, { permittedLandClass: 1 }, 2), '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('尚无结论') });
    }
  });

  it('facts of older snapshots or of the wrong shape are read as absent, never thrown on', () => {
    const odd = { priority: { negativeList: 'x' }, aftercare: 'none', controlZone: 'yes', permittedLandClass: '1', assessedLandClass: 3 } as unknown as PlotForCheck['context'];
    expect(check(plot('released', odd), '工业')).toMatchObject({ permitted: false, reason: expect.stringContaining('效果评估未载明') });
    expect(check(plot('released', { permittedLandClass: 2, aftercare: [null as unknown as AftercareObligation] }), '工业').permitted).toBe(true);
    expect(check({ state: 'released', plannedLandClass: 1, context: undefined as unknown as PlotForCheck['context'] }, '工业').permitted).toBe(false);
  });
});
