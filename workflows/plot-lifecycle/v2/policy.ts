import { rolesOf, type Policy, type PolicyEntry, type Role } from '../../types';
import type { PlotEventType } from './events';

export { plotLifecycleStart, workForState } from '../v1/policy';

const holder = { roles: ['holder'], scope: { holder: 'ownOrganisation' } } satisfies PolicyEntry;
// The body the configuration names for the event's step (DESIGN §1.1); its own guards say which bureaus of it decide.
const deciding = { roles: ['eeb', 'land'], scope: { eeb: 'decidingBody', land: 'decidingBody' } } satisfies PolicyEntry;
const decidingEeb = { roles: ['eeb'], scope: { eeb: 'decidingBody' } } satisfies PolicyEntry;
// The district that follows its plots: forwards (报送) what it does not decide and records decisions taken outside the system.
const districtEeb = { roles: ['eeb'], scope: { eeb: 'jurisdiction' } } satisfies PolicyEntry;
const commissioned = { roles: ['consultant'], scope: { consultant: 'assignedConsultant' } } satisfies PolicyEntry;

/**
 * Who may send each event of plot-lifecycle v2 (docs/plot-lifecycle.v2.md). The engine checks this before the
 * guards: a role or scope failure is 403, a guard failure 422.
 */
export const plotLifecyclePolicy: Policy<PlotEventType> = {
  ISSUE_INVESTIGATION_NOTICE: decidingEeb,
  ASSIGN_CONSULTANT: holder,
  START_INVESTIGATION: holder,
  SUBMIT_REPORT: commissioned,
  FORWARD: districtEeb,
  FORM_PANEL: deciding,
  RECORD_EXPERT_OPINION: {
    roles: ['eeb', 'land', 'expert'],
    scope: { eeb: 'decidingBody', land: 'decidingBody', expert: 'panelMember' },
  },
  CONCLUDE_PANEL: deciding,
  SUBMIT_REVISION: commissioned,
  ACCEPT_REVISION: deciding,
  SET_SITE_VALUE: deciding,
  APPROVE: deciding,
  RETURN: deciding,
  RECORD_DECISION: { roles: ['eeb'], scope: { eeb: 'recordingDistrict' } },
  SET_PRIORITY: { roles: ['land'], scope: { land: 'decidingBody' } },
  FILE_CONTROL_PLAN: holder,
  FILE_REMEDIATION_PLAN: holder,
  SUBMIT_MONITORING_REPORT: {
    roles: ['holder', 'consultant'],
    scope: { holder: 'ownOrganisation', consultant: 'assignedConsultant' },
  },
  ACKNOWLEDGE_FILING: decidingEeb,
  START_WORKS: holder,
  COMPLETE_WORKS: holder,
  REQUEST_EFFECT_EVALUATION: holder,
  RECORD_DISCLOSURE: holder,
  APPLY_REMOVAL: holder,
  END_PUBLICITY: deciding,
};

export const allowedRolesFor: (eventType: PlotEventType) => Role[] = rolesOf(plotLifecyclePolicy);
