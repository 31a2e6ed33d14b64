import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { candidateEvents, persist, restore, stateValueToPath, statePathsOf, transitionFor } from '../../registry';
import { plotLifecycleV1 } from './machine';
import {
  ALL_PLOT_EVENTS,
  eventsForSimplePaths,
  serializeForReachability,
  serializeForSimplePaths,
} from './graph.fixtures';
import { approveJointly, drivePlot, PLOT_INPUT, PLOT_SCENARIOS, plotEvents, type PlotSnapshot } from './testing';
import type { PlotLifecycleEvent } from './events';

const pathOf = (snapshot: PlotSnapshot) => stateValueToPath(snapshot.value);
const eventsOf = (steps: { event: { type: string } }[]) =>
  steps.map((step) => step.event).filter((event) => event.type !== 'xstate.init') as PlotLifecycleEvent[];

const LEAF_STATES = statePathsOf(plotLifecycleV1).filter((path) => {
  return !statePathsOf(plotLifecycleV1).some((other) => other.startsWith(`${path}.`));
});

describe('plot-lifecycle v1: shape of the statechart', () => {
  const reachable = getShortestPaths(plotLifecycleV1, {
    input: PLOT_INPUT,
    events: ALL_PLOT_EVENTS,
    serializeState: serializeForReachability,
  });

  it('has 26 state nodes, 19 of them leaves, and 38 transition definitions', () => {
    const definitions = statePathsOf(plotLifecycleV1)
      .map((path) => plotLifecycleV1.getStateNodeById(`plot-lifecycle.${path}`))
      .reduce((sum, node) => sum + [...node.transitions.values()].flat().length, 0);
    expect(statePathsOf(plotLifecycleV1)).toHaveLength(26);
    expect(LEAF_STATES).toHaveLength(19);
    expect(definitions).toBe(38);
  });

  it('reaches every leaf state with enriched events', () => {
    const reached = new Set(reachable.map((path) => pathOf(path.state)));
    expect([...reached].sort()).toEqual([...LEAF_STATES].sort());
  });

  it('takes 48 distinct transitions (state, event, next state) between them', () => {
    const adjacency = getAdjacencyMap(plotLifecycleV1, {
      input: PLOT_INPUT,
      events: ALL_PLOT_EVENTS,
      serializeState: serializeForReachability,
    });
    const edges = new Set<string>();
    for (const [vertex, { state, transitions }] of Object.entries(adjacency)) {
      for (const { event, state: next } of Object.values<{ event: PlotLifecycleEvent; state: PlotSnapshot }>(transitions)) {
        if (serializeForReachability(next) !== vertex) edges.add(`${pathOf(state)} ${event.type} ${pathOf(next)}`);
      }
    }
    expect(edges.size).toBe(48);
  });

  it('walks each of the 274 simple paths from registration to released or cleared', () => {
    const paths = getSimplePaths(plotLifecycleV1, {
      input: PLOT_INPUT,
      events: eventsForSimplePaths,
      serializeState: serializeForSimplePaths,
      toState: (snapshot) => snapshot.status === 'done',
    });
    expect(paths).toHaveLength(274);
    for (const path of paths) {
      const end = drivePlot(eventsOf(path.steps));
      expect(end.status).toBe('done');
      expect(['released', 'cleared']).toContain(pathOf(end));
      expect(end.context.permittedLandClass).not.toBeNull();
    }
  });

  it('restores every reachable snapshot from JSON with the same state, context and candidate events', () => {
    for (const { state } of reachable) {
      const stored = { machine: 'plot-lifecycle', version: 1, snapshot: JSON.parse(JSON.stringify(persist(plotLifecycleV1, state))) };
      const { snapshot } = restore(stored);
      expect(snapshot.value).toEqual(state.value);
      expect(snapshot.context).toEqual(state.context);
      expect(snapshot.status).toBe(state.status);
      expect(candidateEvents(snapshot)).toEqual(candidateEvents(state));
    }
  });
});

describe('plot-lifecycle v1: decisions', () => {
  const preliminaryReview = drivePlot(PLOT_SCENARIOS.preliminaryReview);

  it('会同 (土壤法 art. 59): the preliminary review waits for both bureaus, in either order', () => {
    for (const [first, second] of [['eeb', 'land'], ['land', 'eeb']] as const) {
      const halfway = drivePlot([plotEvents.approve(first)], preliminaryReview);
      expect(pathOf(halfway)).toBe('investigation.preliminary.underReview');
      expect(Object.keys(halfway.context.approvals)).toEqual([first]);
      const end = drivePlot([plotEvents.approve(second, { screeningVerdict: 'below_screening' })], halfway);
      expect(pathOf(end)).toBe('cleared');
      expect(end.context.permittedLandClass).toBe(PLOT_INPUT.plannedLandClass);
    }
  });

  it('GB 36600 §5.3 / 土壤法 art. 90: there is no path that clears a plot whose verdict is above screening', () => {
    for (const screeningVerdict of ['above_screening', 'above_intervention', undefined] as const) {
      const halfway = drivePlot([plotEvents.approve('eeb', { screeningVerdict })], preliminaryReview);
      const { next, changed } = transitionFor(plotLifecycleV1, halfway, plotEvents.approve('land', { screeningVerdict }));
      expect(pathOf(next)).not.toBe('cleared');
      // Without a verdict the deciding approval is refused, not recorded.
      expect(pathOf(next)).toBe(screeningVerdict ? 'investigation.detailed.drafting' : 'investigation.preliminary.underReview');
      expect(changed).toBe(screeningVerdict !== undefined);
    }
    // Walking the whole chart with no "below screening" verdict, a plot is cleared only by a risk assessment.
    const aboveOnly = ALL_PLOT_EVENTS.filter((e) => e.type !== 'APPROVE' || e.screeningVerdict !== 'below_screening');
    const acceptableRisk = approveJointly({ screeningVerdict: 'above_intervention', conclusion: { riskAcceptable: true } });
    const toCleared = getShortestPaths(plotLifecycleV1, {
      input: PLOT_INPUT,
      events: [...aboveOnly, ...acceptableRisk],
      serializeState: serializeForReachability,
    }).filter((path) => pathOf(path.state) === 'cleared');
    expect(toCleared.length).toBeGreaterThan(0);
    for (const path of toCleared) {
      expect(path.steps.map((step) => pathOf(step.state))).toContain('riskAssessment.underReview');
    }
  });

  it('土壤法 arts. 60–61: the risk assessment conclusion decides; without one the deciding approval is refused', () => {
    const review = drivePlot(PLOT_SCENARIOS.riskAssessmentReview);
    expect(pathOf(drivePlot(approveJointly({ conclusion: { riskAcceptable: true } }), review))).toBe('cleared');
    expect(pathOf(drivePlot(approveJointly({ conclusion: { riskAcceptable: false } }), review))).toBe('listed.prioritization');
    const halfway = drivePlot([plotEvents.approve('eeb')], review);
    expect(transitionFor(plotLifecycleV1, halfway, plotEvents.approve('land')).changed).toBe(false);
  });

  it('approvals belong to one review round: cleared on every stage change and on RETURN', () => {
    const halfway = drivePlot([plotEvents.approve('eeb')], preliminaryReview);
    expect(drivePlot([plotEvents.return('land')], halfway).context.approvals).toEqual({});
    const detailed = drivePlot(PLOT_SCENARIOS.detailedDrafting);
    expect(detailed.context.approvals).toEqual({});
  });

  it('会同评审: a bureau gives one opinion per round', () => {
    const halfway = drivePlot([plotEvents.approve('eeb')], preliminaryReview);
    expect(transitionFor(plotLifecycleV1, halfway, plotEvents.approve('eeb')).changed).toBe(false);
  });

  it('土壤法 art. 61: a listed plot is never for housing or public services, whatever the land bureau adds', () => {
    const listed = drivePlot(PLOT_SCENARIOS.prioritization);
    expect(listed.context.priority?.negativeList).toEqual(['住宅', '公共管理与公共服务用地']);
    const prioritized = drivePlot([plotEvents.setPriority(['住宅', '商业'], 3)], listed);
    expect(pathOf(prioritized)).toBe('listed.awaitingPlan');
    expect(prioritized.context.priority).toEqual({
      rank: 3,
      negativeList: ['住宅', '公共管理与公共服务用地', '商业'],
      reason: null,
    });
  });

  it('土壤法 art. 65: an effect evaluator that built the works is refused, at commission and at submission', () => {
    const works = drivePlot([...PLOT_SCENARIOS.remediationInProgress, plotEvents.completeWorks()]);
    const byContractor = transitionFor(plotLifecycleV1, works, plotEvents.assign('effectEvaluation', 'org-contractor'));
    expect(byContractor.changed).toBe(false);
    // Commissioned before the works, then made contractor: its report is refused.
    const early = drivePlot([...PLOT_SCENARIOS.prioritization, plotEvents.assign('effectEvaluation', 'org-contractor')]);
    const built = drivePlot(
      [
        plotEvents.setPriority(),
        plotEvents.fileRemediationPlan(),
        plotEvents.acknowledgeFiling(),
        plotEvents.startWorks(),
        plotEvents.completeWorks(),
      ],
      early,
    );
    const submitted = plotEvents.submit('effect_evaluation', { authorOrganisationId: 'org-contractor' });
    expect(transitionFor(plotLifecycleV1, built, submitted).changed).toBe(false);
  });

  it('土壤法 art. 66: a failed effect evaluation returns to the works the plot was under', () => {
    const remediation = drivePlot([...PLOT_SCENARIOS.effectEvaluationReview, plotEvents.approve('eeb', { conclusion: { targetsAchieved: false } })]);
    expect(pathOf(remediation)).toBe('listed.remediation.inProgress');
    const control = drivePlot([
      ...PLOT_SCENARIOS.riskControl,
      plotEvents.requestEffectEvaluation(),
      plotEvents.assign('effectEvaluation'),
      plotEvents.submit('effect_evaluation'),
      plotEvents.approve('eeb', { conclusion: { targetsAchieved: false } }),
    ]);
    expect(pathOf(control)).toBe('listed.riskControl');
  });

  it('土壤法 art. 65: the effect evaluation is reviewed by the environment bureau alone', () => {
    const review = drivePlot(PLOT_SCENARIOS.effectEvaluationReview);
    const achieved = { conclusion: { targetsAchieved: true, permittedLandClass: 2 } } as const;
    expect(transitionFor(plotLifecycleV1, review, plotEvents.approve('land', achieved)).changed).toBe(false);
    const passed = drivePlot([plotEvents.approve('eeb', achieved)], review);
    expect(pathOf(passed)).toBe('listed.awaitingRemoval');
    expect(passed.context.permittedLandClass).toBe(2);
  });

  it('土壤法 art. 66: a refused removal stays on the register; an approved one is released with its land class', () => {
    const review = drivePlot(PLOT_SCENARIOS.removalReview);
    const refused = drivePlot([plotEvents.return('land', '地下水监测数据不足')], review);
    expect(pathOf(refused)).toBe('listed.awaitingRemoval');
    expect(refused.context.removalRefused).toBe(true);
    const reapplied = drivePlot([plotEvents.applyRemoval()], refused);
    expect(reapplied.context.removalRefused).toBe(false);
    const released = drivePlot(approveJointly(), reapplied);
    expect(pathOf(released)).toBe('released');
    expect(released.status).toBe('done');
    expect(released.context.permittedLandClass).toBe(1);
  });

  it('土壤法 art. 62: each monitoring report is an accepted transition that changes the context', () => {
    const control = drivePlot(PLOT_SCENARIOS.riskControl);
    const twice = drivePlot([plotEvents.monitoring('m-1'), plotEvents.monitoring('m-2')], control);
    expect(pathOf(twice)).toBe('listed.riskControl');
    expect(twice.context.monitoringReportIds).toEqual(['m-1', 'm-2']);
  });

  it('土壤法 art. 41: works cannot complete while a soil transport is open', () => {
    const works = drivePlot(PLOT_SCENARIOS.remediationInProgress);
    expect(transitionFor(plotLifecycleV1, works, plotEvents.completeWorks(1)).changed).toBe(false);
    expect(pathOf(drivePlot([plotEvents.completeWorks(0)], works))).toBe('listed.effectEvaluation.drafting');
  });

  it('records the notice due date, the commissioned consultants, the plan authors and the works', () => {
    const works = drivePlot([plotEvents.issueNotice('2026-09-30'), ...PLOT_SCENARIOS.remediationInProgress]);
    expect(works.context).toMatchObject({
      investigationDueDate: '2026-09-30',
      consultants: { investigation: 'org-investigator', riskAssessment: 'org-assessor' },
      planAuthorOrgIds: ['org-planner'],
      worksStage: 'remediation',
      worksContractorOrgId: 'org-contractor',
      currentReportId: 'report-risk_assessment',
    });
  });

  it('a consultant can be commissioned in every stage before the end, and in none after it', () => {
    const stages = Object.values(PLOT_SCENARIOS).map((events) => drivePlot(events));
    for (const stage of stages) expect(candidateEvents(stage)).toContain('ASSIGN_CONSULTANT');
    const cleared = drivePlot([...PLOT_SCENARIOS.preliminaryReview, ...approveJointly({ screeningVerdict: 'below_screening' })]);
    expect(candidateEvents(cleared)).toEqual([]);
    expect(transitionFor(plotLifecycleV1, cleared, plotEvents.assign('riskAssessment')).changed).toBe(false);
  });
});
