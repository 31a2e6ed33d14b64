import { eventTypesOf, statePathsOf } from '../../registry';
import { plotLifecycleGuards } from './guards';
import { PLOT_EVENT_LABELS, PLOT_GUARD_REASONS, PLOT_STATE_LABELS, eventLabel, stateLabel } from './labels';
import { plotLifecycleV1 } from './machine';
import { allowedRolesFor, plotLifecyclePolicy, plotLifecycleStart, workForState } from './policy';

describe('plot-lifecycle v1 policy', () => {
  it('has an entry for every event of the machine, and none for an event the machine lacks', () => {
    expect(Object.keys(plotLifecyclePolicy).sort()).toEqual(eventTypesOf(plotLifecycleV1));
  });

  it('gives every allowed role exactly one scope rule', () => {
    for (const entry of Object.values(plotLifecyclePolicy)) {
      expect(Object.keys(entry.scope).sort()).toEqual([...entry.roles].sort());
    }
  });

  it.each([
    ['ISSUE_INVESTIGATION_NOTICE', ['eeb']],
    ['ASSIGN_CONSULTANT', ['holder']],
    ['SUBMIT_REPORT', ['consultant']],
    ['APPROVE', ['eeb', 'land']],
    ['SET_PRIORITY', ['land']],
    ['SUBMIT_MONITORING_REPORT', ['holder', 'consultant']],
    ['ACKNOWLEDGE_FILING', ['eeb']],
    ['APPLY_REMOVAL', ['holder']],
  ] as const)('docs/plot-lifecycle.v1.md: %s may be sent by %j', (type, roles) => {
    expect(allowedRolesFor(type)).toEqual(roles);
  });

  it('scopes a consultant to its commission and a bureau to its jurisdiction', () => {
    expect(plotLifecyclePolicy.SUBMIT_REPORT.scope).toEqual({ consultant: 'assignedConsultant' });
    expect(plotLifecyclePolicy.SUBMIT_MONITORING_REPORT.scope).toEqual({
      holder: 'ownOrganisation',
      consultant: 'assignedConsultant',
    });
    expect(plotLifecyclePolicy.APPROVE.scope).toEqual({ eeb: 'jurisdiction', land: 'jurisdiction' });
  });

  it('土壤法 art. 59, 42号令 arts. 2–3 (D1): a plot is registered by the environment bureau of its jurisdiction or by a holder for its own organisation', () => {
    expect(plotLifecycleStart.event).toBe('REGISTER');
    expect(plotLifecycleStart.policy).toEqual({ roles: ['eeb', 'holder'], scope: { eeb: 'jurisdiction', holder: 'ownOrganisation' } });
    expect(Object.keys(plotLifecycleStart.guards)).toEqual([]);
  });

  it('tells each refused registrant why: a bureau outside the jurisdiction, a holder for another organisation, any other role', () => {
    expect(plotLifecycleStart.refusals).toEqual({
      eeb: '只能登记本辖区内的地块',
      holder: '土地使用权人只能登记本单位的地块',
      otherRoles: '只有生态环境局或土地使用权人可以登记地块',
    });
    expect(Object.keys(plotLifecycleStart.policy.scope).sort()).toEqual([...plotLifecycleStart.policy.roles].sort());
  });

  it('names the commissioned work of each drafting and review state', () => {
    expect(workForState('investigation.detailed.underReview')).toBe('investigation');
    expect(workForState('riskAssessment.drafting')).toBe('riskAssessment');
    expect(workForState('listed.effectEvaluation.drafting')).toBe('effectEvaluation');
    expect(workForState('listed.riskControl')).toBeNull();
  });
});

describe('plot-lifecycle v1 labels', () => {
  it('labels every state node and nothing else', () => {
    expect(Object.keys(PLOT_STATE_LABELS).sort()).toEqual(statePathsOf(plotLifecycleV1).sort());
    expect(stateLabel('investigation.preliminary.underReview')).toBe('初步调查 · 审查中');
  });

  it('labels every event', () => {
    expect(Object.keys(PLOT_EVENT_LABELS).sort()).toEqual(eventTypesOf(plotLifecycleV1));
    expect(eventLabel('APPLY_REMOVAL')).toBe('申请移出名录');
  });

  it('labels the start event (REGISTER) in Chinese: no internal code in the text a person reads', () => {
    expect(eventLabel(plotLifecycleStart.event)).toBe('登记疑似污染地块');
  });

  it('describes every state in Chinese and English', () => {
    for (const path of statePathsOf(plotLifecycleV1)) {
      const { description } = plotLifecycleV1.getStateNodeById(`plot-lifecycle.${path}`);
      expect(description).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/);
    }
  });

  it('gives a Chinese reason for every guard', () => {
    expect(Object.keys(PLOT_GUARD_REASONS).sort()).toEqual(Object.keys(plotLifecycleGuards).sort());
  });
});
