import { rolesOf, type Policy, type PolicyEntry, type Role, type StartRule } from '../../types';
import type { ConsultantWork, PlotEventType } from './events';
import { PLOT_START_REFUSALS } from './labels';

const holder = { roles: ['holder'], scope: { holder: 'ownOrganisation' } } satisfies PolicyEntry;
const eeb = { roles: ['eeb'], scope: { eeb: 'jurisdiction' } } satisfies PolicyEntry;
const land = { roles: ['land'], scope: { land: 'jurisdiction' } } satisfies PolicyEntry;
// 会同: either bureau of the plot's jurisdiction; the guards decide whether this stage needs it.
const bureaus = {
  roles: ['eeb', 'land'],
  scope: { eeb: 'jurisdiction', land: 'jurisdiction' },
} satisfies PolicyEntry;

/**
 * Who may send each event of the plot lifecycle (docs/plot-lifecycle.v1.md). The engine
 * checks this before the guards: a role or scope failure is 403, a guard
 * failure 422.
 */
export const plotLifecyclePolicy: Policy<PlotEventType> = {
  ISSUE_INVESTIGATION_NOTICE: eeb,
  ASSIGN_CONSULTANT: holder,
  START_INVESTIGATION: holder,
  SUBMIT_REPORT: { roles: ['consultant'], scope: { consultant: 'assignedConsultant' } },
  APPROVE: bureaus,
  RETURN: bureaus,
  SET_PRIORITY: land,
  FILE_CONTROL_PLAN: holder,
  FILE_REMEDIATION_PLAN: holder,
  SUBMIT_MONITORING_REPORT: {
    roles: ['holder', 'consultant'],
    scope: { holder: 'ownOrganisation', consultant: 'assignedConsultant' },
  },
  ACKNOWLEDGE_FILING: eeb,
  START_WORKS: holder,
  COMPLETE_WORKS: holder,
  REQUEST_EFFECT_EVALUATION: holder,
  APPLY_REMOVAL: holder,
};

export const allowedRolesFor: (eventType: PlotEventType) => Role[] = rolesOf(plotLifecyclePolicy);

/**
 * Registering a plot on the suspected list (D1 疑似污染地块登记表; 土壤法 art.
 * 59, 42号令 arts. 2–3; docs/plot-lifecycle.v1.md): the environment bureau of the plot's
 * jurisdiction, or a holder for its own organisation. Its first audit row is
 * REGISTER. The registration's other conditions are checks of its input (the
 * holder organisation and the jurisdiction exist, the boundary is valid, the
 * code is unique), answered as invalid input rather than by guards.
 */
export const plotLifecycleStart: StartRule<Record<string, never>> = {
  event: 'REGISTER',
  policy: { roles: ['eeb', 'holder'], scope: { eeb: 'jurisdiction', holder: 'ownOrganisation' } },
  refusals: PLOT_START_REFUSALS,
  guards: {},
};

/**
 * The work whose commissioned consultant the `assignedConsultant` scope names
 * in a given state (dotted path), or null where no report is drafted.
 */
export function workForState(path: string): ConsultantWork | null {
  if (path.startsWith('investigation.')) return 'investigation';
  if (path.startsWith('riskAssessment.')) return 'riskAssessment';
  if (path.startsWith('listed.effectEvaluation.')) return 'effectEvaluation';
  return null;
}
