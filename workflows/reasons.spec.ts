import { refusingGuards } from './inspect';
import { getMachine } from './registry';
import { PLOT_GUARD_REASONS } from './plot-lifecycle/v1/labels';
import { drivePlot, PLOT_SCENARIOS, plotEvents } from './plot-lifecycle/v1/testing';
import { TRANSPORT_GUARD_REASONS } from './soil-transport/v1/labels';

// An internal code in a sentence: camelCase, UPPER_SNAKE or snake_case identifiers, or an HTTP status.
const INTERNAL_CODE = /[a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}_[A-Z_]+|[a-z]+_[a-z_]+|\b[45]\d\d\b/;
const SAMPLE_EVENT = {
  screeningVerdict: 'above_screening',
  openTransports: 2,
  leadTime: { workingDaysUntilStart: 3, requiredWorkingDays: 5 },
  plotState: 'listed.effectEvaluation.drafting',
};

describe('the Chinese reasons of refusing guards come from workflows/', () => {
  const tables = { 'plot-lifecycle': PLOT_GUARD_REASONS, 'soil-transport': TRANSPORT_GUARD_REASONS };

  it.each(Object.entries(tables))('%s: every guard has a Chinese reason without internal codes', (name, table) => {
    const definition = getMachine(name, 1);
    const guards = [...Object.keys(definition.machine.implementations.guards), ...Object.keys(definition.start.guards)];
    for (const guard of guards) {
      const reason = definition.guardReason({ name: guard, negated: false }, SAMPLE_EVENT, {});
      expect(Object.keys(table)).toContain(guard);
      expect(reason).toMatch(/[\u4e00-\u9fff]/);
      expect(reason).not.toMatch(INTERNAL_CODE);
    }
  });

  it('the reason of the refusing guard carries the facts of the refused event (土壤法第四十一条: open transports)', () => {
    const works = drivePlot(PLOT_SCENARIOS.remediationInProgress);
    const event = plotEvents.completeWorks(2);
    const [guard] = refusingGuards(works, event);
    expect(getMachine('plot-lifecycle', 1).guardReason(guard, event as never, {})).toBe(
      '本地块尚有 2 批污染土壤转运未办结，不能完成修复施工（土壤法第四十一条）',
    );
  });

  it('opening a transport names the plot\'s state (土壤法第四十一条: only a plot under 治理与修复)', () => {
    const reason = getMachine('soil-transport', 1).guardReason({ name: 'plotInRemediation' }, { plotState: 'listed.effectEvaluation.drafting' });
    expect(reason).toBe('地块处于“效果评估 · 编制报告”，只有治理与修复阶段的地块可以外运污染土壤（土壤法第四十一条）');
  });

  it.each(['plot-lifecycle', 'soil-transport'])('%s: every refusal of its start policy is Chinese, without internal codes', (name) => {
    for (const text of Object.values(getMachine(name, 1).start.refusals)) {
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(INTERNAL_CODE);
    }
  });

  it('a guard refusing because it holds (a negated guard) has its own reason, and an unknown guard a neutral one', () => {
    const plot = getMachine('plot-lifecycle', 1);
    expect(plot.guardReason({ name: 'allRequiredBureausApproved', negated: true })).toBe('会同审查已全部同意');
    expect(plot.guardReason({ name: 'noSuchGuard' })).toBe('不符合办理条件');
    expect(getMachine('soil-transport', 1).guardReason({ name: 'reasonGiven' })).toBe('须说明理由');
  });
});
