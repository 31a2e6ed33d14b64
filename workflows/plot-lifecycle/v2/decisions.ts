/**
 * Which configured step (reference/decision-steps.json, DESIGN §1.1) an event of plot-lifecycle v2 belongs to in a
 * state: the engine passes the body that decides that step in the event, and checks the sender against it.
 */
export type DecisionStepName =
  | 'investigationNotice'
  | 'investigationReview'
  | 'riskAssessmentReview'
  | 'priority'
  | 'planFiling'
  | 'effectEvaluationFiling'
  | 'removal';

const REVIEW_EVENTS = new Set([
  'FORWARD',
  'FORM_PANEL',
  'RECORD_EXPERT_OPINION',
  'CONCLUDE_PANEL',
  'SUBMIT_REVISION',
  'ACCEPT_REVISION',
  'SET_SITE_VALUE',
  'APPROVE',
  'RETURN',
  'RECORD_DECISION',
  'END_PUBLICITY',
]);

/** The review step of a state (dotted path), or null outside a review. */
export function reviewStepOf(state: string): DecisionStepName | null {
  if (state.startsWith('investigation.')) return 'investigationReview';
  if (state.startsWith('riskAssessment.')) return 'riskAssessmentReview';
  if (state.startsWith('listed.effectEvaluation.')) return 'effectEvaluationFiling';
  if (state === 'listed.removalReview' || state === 'listed.removalPublicity' || state === 'listed.awaitingRemoval') return 'removal';
  return null;
}

export function decisionStepOf(eventType: string, state: string): DecisionStepName | null {
  if (eventType === 'ISSUE_INVESTIGATION_NOTICE') return 'investigationNotice';
  if (eventType === 'SET_PRIORITY') return 'priority';
  if (eventType === 'ACKNOWLEDGE_FILING') return 'planFiling';
  if (REVIEW_EVENTS.has(eventType)) return reviewStepOf(state);
  return null;
}

/** The steps a plot passes, in order, for the plot page's "who decides" table. */
export const DECISION_STEP_ORDER: readonly DecisionStepName[] = [
  'investigationNotice',
  'investigationReview',
  'riskAssessmentReview',
  'priority',
  'planFiling',
  'effectEvaluationFiling',
  'removal',
];
