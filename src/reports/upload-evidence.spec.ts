import { loadAnalyteCatalogue } from '../evidence/analytes';
import type { SampleRow } from '../evidence/sample-row';
import type { AnalyteScreening } from '../evidence/screening';
import type { RemediationTarget } from './dto/evidence-conclusions.dto';
import { assertRiskAcceptableAllowed, assertStageExpects, assertTargetsAchieved, expectedKinds, missingRequiredItems, resolveTargets } from './upload-evidence';

const catalogue = loadAnalyteCatalogue();
const row = (cas: string, analyteName: string, value: number | null, more: Partial<SampleRow> = {}): SampleRow => ({
  sampleId: 'S1', x: 113.3, y: 34.8, depthM: 0.5, cas, analyteName, medium: 'soil', value, detected: value !== null, unit: 'mg/kg', detectionLimit: 0.01, line: 2, ...more,
});

describe('reports are accepted only in stages that expect them (《污染地块土壤环境管理办法（试行）》; 土壤法第五十九条至第六十六条)', () => {
  it.each([
    ['suspected', 'preliminary_investigation', true],
    ['suspected', 'risk_assessment', false],
    ['investigation.preliminary.drafting', 'preliminary_investigation', true],
    ['investigation.preliminary.underReview', 'detailed_investigation', false],
    ['investigation.detailed.drafting', 'detailed_investigation', true],
    ['riskAssessment.drafting', 'risk_assessment', true],
    ['riskAssessment.drafting', 'remediation_plan', false],
    ['listed.awaitingPlan', 'remediation_plan', true],
    ['listed.riskControl', 'monitoring', true],
    ['listed.remediation.inProgress', 'transport_receipt', true],
    ['listed.effectEvaluation.drafting', 'effect_evaluation', true],
    ['listed.removalPublicity', 'effect_evaluation', false],
    ['listed.removalPublicity', 'monitoring', true],
    // 终身责任制 (土壤法第五十九条): monitoring after clearing may bring the evidence that reopens a plot.
    ['cleared', 'monitoring', true],
    ['cleared', 'preliminary_investigation', false],
  ] as const)('in %s a %s is %s', (state, kind, accepted) => {
    const run = () => assertStageExpects(state, kind);
    if (accepted) expect(run).not.toThrow();
    else expect(run).toThrow(/阶段，不接收/);
  });

  it('the refusal names the stage in Chinese and the kinds it expects, never a state code', () => {
    expect(() => assertStageExpects('riskAssessment.drafting', 'remediation_plan')).toThrow('地块处于“风险评估 · 编制报告”阶段，不接收修复方案；本阶段接收风险评估报告');
    expect(() => assertStageExpects('cleared', 'control_plan')).toThrow('本阶段接收定期监测报告');
    expect(expectedKinds('listed.remediation.ready')).toEqual(['remediation_plan', 'monitoring', 'transport_receipt']);
  });

  it('the scan of a decision recorded by the district is accepted in any stage; an unknown state refuses nothing', () => {
    expect(() => assertStageExpects('suspected', 'decision_record' as never)).not.toThrow();
    expect(() => assertStageExpects('somethingNew', 'risk_assessment')).not.toThrow();
  });
});

describe('GB 36600-2018 表1: the required items of a sampled preliminary investigation', () => {
  it('three metals miss the other 42 basic items, by Chinese name in the table order', () => {
    const rows = [row('7440-38-2', '砷', 9), row('7439-92-1', '铅', 60), row('7440-43-9', '镉', null)];
    const missing = missingRequiredItems('preliminary_investigation', rows, catalogue.soil);
    expect(missing).toHaveLength(42);
    expect(missing.slice(0, 3)).toEqual(['铬(六价)', '铜', '汞']);
    expect(missing).toContain('间二甲苯+对二甲苯');
  });

  it('a not-detected result counts as tested; a groundwater result does not; other kinds and the non-sampling stage have no required items', () => {
    const all = catalogue.soil.items.filter((i) => i.basic).map((i) => row(i.cas, i.nameZh, null));
    expect(missingRequiredItems('preliminary_investigation', all, catalogue.soil)).toEqual([]);
    const water = all.map((r) => (r.cas === '7440-38-2' ? { ...r, medium: 'groundwater' as const } : r));
    expect(missingRequiredItems('preliminary_investigation', water, catalogue.soil)).toEqual(['砷']);
    expect(missingRequiredItems('detailed_investigation', [row('7440-38-2', '砷', 9)], catalogue.soil)).toEqual([]);
    expect(missingRequiredItems('preliminary_investigation', undefined, catalogue.soil)).toEqual([]);
  });
});

describe('GB 36600-2018 (管制值): risk acceptable is refused above an intervention value', () => {
  const analyte = (name: string, nAboveIntervention: number) => ({ name, cas: 'x', max: 150, interventionValue: 120, nAboveIntervention }) as AnalyteScreening;

  it('refuses riskAcceptable: true naming each analyte above its intervention value', () => {
    expect(() => assertRiskAcceptableAllowed({ riskAcceptable: true }, [analyte('砷', 2), analyte('铅', 0)])).toThrow(/砷（最大值 150 mg\/kg，管制值 120 mg\/kg）超过管制值/);
    try {
      assertRiskAcceptableAllowed({ riskAcceptable: true }, [analyte('砷', 2), analyte('铅', 0)]);
    } catch (e) {
      expect((e as Error).message).not.toContain('铅');
    }
  });

  it('accepts risk not acceptable, and risk acceptable below the intervention values', () => {
    expect(() => assertRiskAcceptableAllowed({ riskAcceptable: false }, [analyte('砷', 2)])).not.toThrow();
    expect(() => assertRiskAcceptableAllowed({ riskAcceptable: true }, [analyte('砷', 0)])).not.toThrow();
  });
});

describe('HJ 25.5-2018: targets achieved only when every effect-evaluation sample meets its target', () => {
  const conclusion = { riskAcceptable: false, targets: [{ analyte: '砷', kind: '修复目标值', value: 20 }, { analyte: '氟化物', kind: '风险控制值', value: 2000 }] };
  resolveTargets(conclusion, catalogue);
  const targets = conclusion.targets as RemediationTarget[];

  it('a risk assessment\'s targets are resolved to their items; an unknown analyte is a 400 naming it', () => {
    expect(targets.map((t) => [t.cas, t.name, t.medium])).toEqual([['7440-38-2', '砷', 'soil'], ['16984-48-8', '氟化物', 'soil']]);
    expect(() => resolveTargets({ targets: [{ analyte: '砒霜', kind: '修复目标值', value: 1 }] }, catalogue)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'conclusion.targets.0.analyte' })] }));
  });

  it('refuses "targets achieved" naming the samples above their targets; a result equal to the target meets it', () => {
    const rows = [row('7440-38-2', '砷', 20, { sampleId: 'EE-1' }), row('7440-38-2', '砷', 26, { sampleId: 'EE-2' }), row('16984-48-8', '氟化物', 2100, { sampleId: 'EE-3' })];
    expect(() => assertTargetsAchieved({ targetsAchieved: true }, rows, targets)).toThrow(/EE-2 砷 26 mg\/kg（修复目标值 20）；EE-3 氟化物 2100 mg\/kg（风险控制值 2000）/);
    expect(() => assertTargetsAchieved({ targetsAchieved: true }, rows.slice(0, 1), targets)).not.toThrow();
    expect(() => assertTargetsAchieved({ targetsAchieved: false }, rows, targets)).not.toThrow();
    // A groundwater result is judged only against a groundwater target.
    expect(() => assertTargetsAchieved({ targetsAchieved: true }, [row('7440-38-2', '砷', 0.5, { medium: 'groundwater', unit: 'mg/L' })], targets)).not.toThrow();
  });
});
