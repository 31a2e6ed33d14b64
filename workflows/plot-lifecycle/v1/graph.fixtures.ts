import { stateValueToPath } from '../../snapshots';
import type { PlotLifecycleEvent } from './events';
import { plotEvents, type PlotSnapshot } from './testing';

/**
 * Concrete enriched events for walking the plot lifecycle with xstate/graph.
 * Each APPROVE comes in a "passing" and a "failing" variant of the data that
 * decides the review, so every branch of every review is taken.
 */
const decidesForward = {
  screeningVerdict: 'below_screening',
  conclusion: { riskAcceptable: true, targetsAchieved: true, permittedLandClass: 2 },
} as const;
const decidesBack = {
  screeningVerdict: 'above_screening',
  conclusion: { riskAcceptable: false, targetsAchieved: false },
} as const;

/** Every event, with enrichment that lets its guards pass where the rules allow. */
export const ALL_PLOT_EVENTS: readonly PlotLifecycleEvent[] = [
  plotEvents.issueNotice(),
  plotEvents.assign('investigation'),
  plotEvents.assign('riskAssessment'),
  plotEvents.assign('effectEvaluation'),
  plotEvents.startInvestigation(),
  plotEvents.submit('preliminary_investigation'),
  plotEvents.submit('detailed_investigation'),
  plotEvents.submit('risk_assessment'),
  plotEvents.submit('effect_evaluation'),
  plotEvents.approve('eeb', decidesForward),
  plotEvents.approve('eeb', decidesBack),
  plotEvents.approve('land', decidesForward),
  plotEvents.approve('land', decidesBack),
  plotEvents.return('eeb'),
  plotEvents.return('land'),
  plotEvents.setPriority(),
  plotEvents.fileControlPlan(),
  plotEvents.fileRemediationPlan(),
  plotEvents.monitoring(),
  plotEvents.acknowledgeFiling(),
  plotEvents.startWorks(),
  plotEvents.completeWorks(),
  plotEvents.requestEffectEvaluation(),
  plotEvents.applyRemoval(),
];

/**
 * A vertex of the reachability graph: state value and context, except that
 * the list of monitoring reports (which grows with every report) counts only
 * as "some or none", so the graph is finite.
 */
export function serializeForReachability(snapshot: PlotSnapshot): string {
  const monitored = snapshot.context.monitoringReportIds.length > 0;
  return JSON.stringify({ value: snapshot.value, context: { ...snapshot.context, monitoringReportIds: monitored } });
}

/**
 * The events offered when enumerating every simple path to a final state.
 * Enumerating simple paths over all events and full contexts is too large
 * (every ASSIGN_CONSULTANT, notice and monitoring report multiplies the paths
 * without changing any decision), so here:
 * - each consultant is commissioned once, in the stage that needs it;
 * - bureaus approve eeb first, then land (the other order is tested directly);
 * - RETURN is sent by eeb before any approval;
 * - notices and monitoring reports, which decide nothing, are left out.
 */
export function eventsForSimplePaths(snapshot: PlotSnapshot): PlotLifecycleEvent[] {
  const path = stateValueToPath(snapshot.value);
  const { consultants, approvals } = snapshot.context;
  const events: PlotLifecycleEvent[] = [];
  if (path === 'suspected') events.push(plotEvents.assign('investigation'), plotEvents.startInvestigation());
  if (path === 'riskAssessment.drafting' && !consultants.riskAssessment) events.push(plotEvents.assign('riskAssessment'));
  if (path === 'listed.effectEvaluation.drafting' && !consultants.effectEvaluation) {
    events.push(plotEvents.assign('effectEvaluation'));
  }
  events.push(
    plotEvents.submit('preliminary_investigation'),
    plotEvents.submit('detailed_investigation'),
    plotEvents.submit('risk_assessment'),
    plotEvents.submit('effect_evaluation'),
    plotEvents.approve('eeb', decidesForward),
    plotEvents.approve('eeb', decidesBack),
  );
  if (approvals.eeb) events.push(plotEvents.approve('land', decidesForward), plotEvents.approve('land', decidesBack));
  else events.push(plotEvents.return('eeb'));
  events.push(
    plotEvents.setPriority(),
    plotEvents.fileControlPlan(),
    plotEvents.fileRemediationPlan(),
    plotEvents.acknowledgeFiling(),
    plotEvents.startWorks(),
    plotEvents.completeWorks(),
    plotEvents.requestEffectEvaluation(),
    plotEvents.applyRemoval(),
  );
  return events;
}

/** A vertex for simple paths: the state and the facts that decide what comes next. */
export function serializeForSimplePaths(snapshot: PlotSnapshot): string {
  const { approvals, consultants, worksStage, removalRefused } = snapshot.context;
  return JSON.stringify({
    value: snapshot.value,
    approvals: Object.keys(approvals).sort(),
    consultants: Object.keys(consultants).sort(),
    worksStage,
    removalRefused,
  });
}
