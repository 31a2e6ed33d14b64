import { and, not } from 'xstate';
import { guardText, refusingGuards } from './inspect';
import { drivePlot, initialPlotSnapshot, PLOT_SCENARIOS, plotEvents } from './plot-lifecycle/v1/testing';
import { driveTransport, TRANSPORT_SCENARIOS, transportEvents } from './soil-transport/v1/testing';

describe('guardText', () => {
  it('writes combined and parameterized guards as text', () => {
    expect(guardText(and(['a', not({ type: 'b', params: { stage: 'x' } })]))).toBe('a and not b(x)');
    expect(guardText('reportExists')).toBe('reportExists');
  });
});

describe('refusingGuards', () => {
  it('names the rule that refused the event', () => {
    const suspected = initialPlotSnapshot();
    expect(refusingGuards(suspected, plotEvents.startInvestigation())).toEqual([
      { name: 'investigationConsultantAssigned', text: 'investigationConsultantAssigned', negated: false },
    ]);
    const works = drivePlot(PLOT_SCENARIOS.remediationInProgress);
    expect(refusingGuards(works, plotEvents.completeWorks(2)).map((g) => g.name)).toEqual(['noOpenTransports']);
  });

  it('names only the failing parts of a combined guard', () => {
    const awaitingPlan = drivePlot([...PLOT_SCENARIOS.prioritization, plotEvents.setPriority()]);
    const wrongKind = plotEvents.fileControlPlan({ kind: 'monitoring', plotId: 'plot-2' });
    expect(refusingGuards(awaitingPlan, wrongKind).map((g) => g.text)).toEqual([
      'reportKindIs(control_plan)',
      'reportBelongsToPlot',
    ]);
  });

  it('lists the guards of the branches that came closest to deciding a review', () => {
    const review = drivePlot([...PLOT_SCENARIOS.preliminaryReview, plotEvents.approve('eeb')]);
    expect(refusingGuards(review, plotEvents.approve('land')).map((g) => g.text)).toEqual([
      'samplesBelowScreening',
      'samplesAboveScreening',
      'not allRequiredBureausApproved(preliminary)',
    ]);
    expect(refusingGuards(review, plotEvents.approve('eeb')).map((g) => g.name)).toEqual(['bureauHasNotApproved']);
  });

  it('is empty when the event is accepted or has no transition from the state', () => {
    const suspected = initialPlotSnapshot();
    expect(refusingGuards(suspected, plotEvents.assign('investigation'))).toEqual([]);
    expect(refusingGuards(suspected, plotEvents.applyRemoval())).toEqual([]);
  });

  it('works for the soil transport', () => {
    const acknowledged = driveTransport(TRANSPORT_SCENARIOS.acknowledged);
    expect(refusingGuards(acknowledged, transportEvents.dispatch('2026-07-01')).map((g) => g.name)).toEqual([
      'plannedStartReached',
    ]);
  });
});
