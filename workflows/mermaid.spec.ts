import { toMermaid } from './mermaid';
import { stateLabel as plotStateLabel } from './plot-lifecycle/v1/labels';
import { plotLifecycleV1 } from './plot-lifecycle/v1/machine';
import { eventTypesOf, statePathsOf } from './registry';
import { soilTransportV1 } from './soil-transport/v1/machine';

describe('toMermaid', () => {
  it.each([
    ['plot-lifecycle', plotLifecycleV1],
    ['soil-transport', soilTransportV1],
  ])('mentions every state and every event of %s', (_name, machine) => {
    const text = toMermaid(machine);
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const path of statePathsOf(machine)) {
      const id = path.replaceAll('.', '_');
      const key = path.split('.').at(-1);
      expect(text).toContain(`state "${key}" as ${id}`);
    }
    for (const type of eventTypesOf(machine)) expect(text).toContain(` : ${type}`);
  });

  it('draws the guards and the decisions of a review', () => {
    const text = toMermaid(plotLifecycleV1);
    expect(text).toContain(
      'investigation_preliminary_underReview --> cleared : APPROVE [isRequiredReviewer(preliminary) and bureauHasNotApproved and allRequiredBureausApproved(preliminary) and samplesBelowScreening]',
    );
    expect(text).toContain('listed_riskControl --> listed_riskControl : SUBMIT_MONITORING_REPORT');
    expect(text).toContain('released --> [*]');
  });

  it('puts the Chinese label of a state beside its name', () => {
    const text = toMermaid(plotLifecycleV1, { stateLabel: plotStateLabel });
    expect(text).toContain('investigation_preliminary_underReview : 初步调查 · 审查中');
    expect(text).toContain('state "listed · 纳入名录" as listed {');
  });

  it('is deterministic', () => {
    expect(toMermaid(plotLifecycleV1)).toBe(toMermaid(plotLifecycleV1));
  });
});
