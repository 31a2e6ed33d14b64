import { plotLifecyclePolicy, plotLifecycleV1, soilTransportPolicy, soilTransportV1 } from '../../workflows';
import { candidateStates, isPending } from './pending-events';

describe('to-do candidates from the statecharts and the policy tables', () => {
  it('a land officer has work in reviews and in prioritisation only (the guards then drop the effect evaluation, eeb-only)', () => {
    expect(candidateStates(plotLifecycleV1, plotLifecyclePolicy, 'land').sort()).toEqual([
      'investigation.detailed.underReview',
      'investigation.preliminary.underReview',
      'listed.effectEvaluation.underReview',
      'listed.prioritization',
      'listed.removalReview',
      'riskAssessment.underReview',
    ]);
  });

  it('an environment bureau also issues notices, acknowledges plans and reviews effect evaluations', () => {
    const eeb = candidateStates(plotLifecycleV1, plotLifecyclePolicy, 'eeb');
    expect(eeb).toEqual(expect.arrayContaining(['suspected', 'listed.remediation.planFiled', 'listed.effectEvaluation.underReview']));
    expect(eeb).not.toContain('listed.riskControl');
  });

  it('transports: the bureaus acknowledge and resolve, the holder drafts, dispatches and records receipts', () => {
    expect(candidateStates(soilTransportV1, soilTransportPolicy, 'eeb').sort()).toEqual(['discrepancy', 'filed']);
    expect(candidateStates(soilTransportV1, soilTransportPolicy, 'holder').sort()).toEqual(['acknowledged', 'draft', 'inTransit']);
    expect(candidateStates(soilTransportV1, soilTransportPolicy, 'land')).toEqual([]);
  });

  it('commissioning is pending only where the stage needs a consultant not yet assigned', () => {
    const none = new Set<string>();
    expect(isPending('ASSIGN_CONSULTANT', { state: 'suspected', context: { consultants: {} }, dueKinds: none })).toBe(true);
    expect(isPending('ASSIGN_CONSULTANT', { state: 'suspected', context: { consultants: { investigation: 'x' } }, dueKinds: none })).toBe(false);
    expect(isPending('ASSIGN_CONSULTANT', { state: 'listed.awaitingPlan', context: { consultants: {} }, dueKinds: none })).toBe(false);
    expect(isPending('SUBMIT_MONITORING_REPORT', { state: 'listed.riskControl', context: {}, dueKinds: none })).toBe(false);
    expect(isPending('SUBMIT_MONITORING_REPORT', { state: 'listed.riskControl', context: {}, dueKinds: new Set(['monitoring_report']) })).toBe(true);
    expect(isPending('RETURN', { state: 'riskAssessment.underReview', context: {}, dueKinds: none })).toBe(false);
  });
});
