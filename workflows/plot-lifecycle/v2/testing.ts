import { createActor, type SnapshotFrom } from 'xstate';
import { transitionFor, stateValueToPath } from '../../snapshots';
import type { Actor, DecidingBody, DecisionMode, JurisdictionLevel } from '../../types';
import { ORG, PLOT_INPUT, report } from '../v1/testing';
import { decisionStepOf, type DecisionStepName } from './decisions';
import type { ReportFactsV2 } from './events';
import { plotLifecycleV2 } from './machine';

export { ORG, PLOT_INPUT } from '../v1/testing';

/**
 * A driver of plot-lifecycle v2 for the pure tests: it enriches each event as the engine does — today's date, the
 * time limits, and the deciding body of the event's step in the current state (the defaults of
 * reference/decision-steps.json, or what a test sets) — and applies it.
 */
export type PlotSnapshotV2 = SnapshotFrom<typeof plotLifecycleV2>;

const STEP_DEFAULTS: Record<DecisionStepName, { bureaus: ('eeb' | 'land')[]; level: JurisdictionLevel; expertReview: boolean }> = {
  investigationNotice: { bureaus: ['eeb'], level: 'district', expertReview: false },
  investigationReview: { bureaus: ['eeb', 'land'], level: 'district', expertReview: true },
  riskAssessmentReview: { bureaus: ['eeb', 'land'], level: 'province', expertReview: true },
  priority: { bureaus: ['land'], level: 'district', expertReview: false },
  planFiling: { bureaus: ['eeb'], level: 'district', expertReview: false },
  effectEvaluationFiling: { bureaus: ['eeb'], level: 'district', expertReview: true },
  removal: { bureaus: ['eeb', 'land'], level: 'province', expertReview: false },
};

const JURISDICTION = { province: '410000', city: '410100', district: '410106' } as const;

export const PROVINCE = { eeb: 'org-eeb-prov', land: 'org-land-prov' } as const;

export const V2_ACTORS = {
  holder: { userId: 'user-holder', role: 'holder', organisationId: ORG.holder },
  investigator: { userId: 'user-investigator', role: 'consultant', organisationId: ORG.investigator },
  assessor: { userId: 'user-assessor', role: 'consultant', organisationId: ORG.assessor },
  evaluator: { userId: 'user-evaluator', role: 'consultant', organisationId: ORG.evaluator },
  eeb: { userId: 'user-eeb', role: 'eeb', organisationId: ORG.eeb },
  land: { userId: 'user-land', role: 'land', organisationId: ORG.land },
  eebProv: { userId: 'user-eeb-prov', role: 'eeb', organisationId: PROVINCE.eeb },
  landProv: { userId: 'user-land-prov', role: 'land', organisationId: PROVINCE.land },
  expert: { userId: 'user-expert-1', role: 'expert', organisationId: 'org-institute' },
} satisfies Record<string, Actor>;

export interface DriverOptions {
  today?: string;
  modes?: Partial<Record<DecisionStepName, DecisionMode>>;
  expertReview?: Partial<Record<DecisionStepName, boolean>>;
}

export function decidingFor(type: string, state: string, opts: DriverOptions = {}): DecidingBody | undefined {
  const step = decisionStepOf(type, state);
  if (step === null) return undefined;
  const d = STEP_DEFAULTS[step];
  return {
    step,
    bureaus: [...d.bureaus],
    level: d.level,
    jurisdiction: JURISDICTION[d.level],
    mode: opts.modes?.[step] ?? 'inSystem',
    expertReview: opts.expertReview?.[step] ?? d.expertReview,
    basis: [`${step} 的依据`],
  };
}

export function initialV2(): PlotSnapshotV2 {
  return createActor(plotLifecycleV2, { input: PLOT_INPUT }).getSnapshot();
}

/** An event as a client sends it plus the facts the engine would load: the driver adds the common enrichment. */
export type Sent = { type: string; actor: Actor } & Record<string, unknown>;

export function enrich(event: Sent, snapshot: PlotSnapshotV2, opts: DriverOptions = {}): Record<string, unknown> {
  const state = stateValueToPath(snapshot.value);
  const deciding = decidingFor(event.type, state, opts);
  return {
    today: opts.today ?? '2026-12-01',
    limits: { investigationNoticeMonths: 6, effectEvaluationPublicMonths: 2, controlMonitoringReportsMin: 1, basis: {} },
    ...(deciding ? { deciding } : {}),
    minExperts: 3,
    ...event,
  };
}

/** Applies one event; undefined when the machine does not accept it. */
export function step(snapshot: PlotSnapshotV2, event: Sent, opts: DriverOptions = {}): PlotSnapshotV2 | undefined {
  const { next, changed } = transitionFor(plotLifecycleV2, snapshot, enrich(event, snapshot, opts) as never);
  return changed ? (next as PlotSnapshotV2) : undefined;
}

/** Applies events in order; throws naming the first one not accepted. */
export function driveV2(events: readonly Sent[], opts: DriverOptions = {}, from: PlotSnapshotV2 = initialV2()): PlotSnapshotV2 {
  return events.reduce((snapshot, event, index) => {
    const next = step(snapshot, event, opts);
    if (!next) throw new Error(`event #${index} ${event.type} was not accepted in ${stateValueToPath(snapshot.value)}`);
    return next;
  }, from);
}

export function reportV2(kind: Parameters<typeof report>[0], author: string, overrides: Partial<ReportFactsV2> = {}): ReportFactsV2 {
  return { ...report(kind, author), revisesReportId: null, missingRequiredItems: [], missingItemsReason: null, ...overrides };
}

const A = V2_ACTORS;

export const v2 = {
  notice: (dueDate = '2027-03-31'): Sent => ({ type: 'ISSUE_INVESTIGATION_NOTICE', actor: A.eeb, dueDate }),
  assign: (work: 'investigation' | 'riskAssessment' | 'effectEvaluation', orgId: string): Sent => ({
    type: 'ASSIGN_CONSULTANT', actor: A.holder, orgId, work, organisationKind: 'consultant',
  }),
  start: (): Sent => ({ type: 'START_INVESTIGATION', actor: A.holder }),
  submit: (r: ReportFactsV2, actor: Actor): Sent => ({ type: 'SUBMIT_REPORT', actor, reportId: r.id, report: r }),
  forward: (): Sent => ({ type: 'FORWARD', actor: A.eeb }),
  panel: (actor: Actor, experts: { name: string; organisationId: string; userId?: string }[], reportAuthorOrganisationId: string | null, unknownExperts = 0): Sent => ({
    type: 'FORM_PANEL', actor, experts, reportAuthorOrganisationId, unknownExperts,
  }),
  opinion: (actor: Actor, expertIndex: number, opinion = '同意'): Sent => ({ type: 'RECORD_EXPERT_OPINION', actor, expertIndex, opinion }),
  conclude: (actor: Actor, conclusion: 'pass' | 'passWithRevisions' | 'fail', summary = '专家组评审结论'): Sent => ({
    type: 'CONCLUDE_PANEL', actor, conclusion, summary,
  }),
  revision: (r: ReportFactsV2, actor: Actor): Sent => ({ type: 'SUBMIT_REVISION', actor, reportId: r.id, report: r }),
  acceptRevision: (actor: Actor): Sent => ({ type: 'ACCEPT_REVISION', actor }),
  approve: (actor: Actor, facts: Record<string, unknown> = {}): Sent => ({ type: 'APPROVE', actor, opinion: '同意', ...facts }),
  ret: (actor: Actor, reason = '补充材料'): Sent => ({ type: 'RETURN', actor, reason }),
  record: (outcome: 'approved' | 'returned', facts: Record<string, unknown> = {}): Sent => ({
    type: 'RECORD_DECISION',
    actor: A.eeb,
    documentNumber: '豫环审〔2026〕12号',
    decisionDate: '2026-11-30',
    outcome,
    scanReportId: 'scan-1',
    scan: { ...reportV2('decision_record' as never, ORG.eeb, { id: 'scan-1' }) },
    ...(outcome === 'returned' ? { reason: '报告结论依据不足' } : {}),
    ...facts,
  }),
  disclose: (work: 'investigation' | 'riskAssessment' | 'effectEvaluation', publishedOn: string): Sent => ({
    type: 'RECORD_DISCLOSURE', actor: A.holder, work, publishedOn, place: 'https://example.invalid/gongkai',
  }),
  priority: (): Sent => ({ type: 'SET_PRIORITY', actor: A.land, rank: 1, negativeList: ['商业'] }),
  endPublicity: (actor: Actor): Sent => ({ type: 'END_PUBLICITY', actor }),
};

/** Three experts of an institute and a university: none works for the author, the holder or the contractor. */
export const EXPERTS = [
  { name: '王专家', organisationId: 'org-institute', userId: 'user-expert-1' },
  { name: '李专家', organisationId: 'org-institute' },
  { name: '赵专家', organisationId: 'org-university' },
];

/** Forms a panel, records every opinion and concludes `pass`, as `actor` (the organising bureau). */
export function panelPasses(actor: Actor, author: string | null): Sent[] {
  return [
    v2.panel(actor, EXPERTS, author),
    ...EXPERTS.map((_, i) => v2.opinion(actor, i)),
    v2.conclude(actor, 'pass'),
  ];
}
