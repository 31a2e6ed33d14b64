import { rolesOf, type Policy, type PolicyEntry, type Role } from '../../types';
import type { PlotEventType } from './events';

export { plotLifecycleStart, workForState } from '../v1/policy';

// Whoever carries the holder's duty now: the holder, or after 收回/转让 or the identification of the responsible party
// the organisation that took it over — a land-reserve centre, the land bureau, the organiser for the government.
const holder = {
  roles: ['holder', 'land', 'eeb'],
  scope: { holder: 'dutyBearer', land: 'dutyBearer', eeb: 'dutyBearer' },
} satisfies PolicyEntry;
const landOfPlot = { roles: ['land'], scope: { land: 'jurisdiction' } } satisfies PolicyEntry;
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
  SUBMIT_MONITORING_REPORT: { roles: [...holder.roles, 'consultant'], scope: { ...holder.scope, consultant: 'assignedConsultant' } },
  ACKNOWLEDGE_FILING: decidingEeb,
  START_WORKS: holder,
  COMPLETE_WORKS: holder,
  REQUEST_EFFECT_EVALUATION: holder,
  RECORD_DISCLOSURE: holder,
  APPLY_REMOVAL: holder,
  END_PUBLICITY: deciding,
  TAKE_BACK: landOfPlot,
  TRANSFER: landOfPlot,
  // 土壤法第四十八条: 生态环境主管部门会同自然资源主管部门认定; the district's environment bureau records it.
  RECORD_RESPONSIBLE_PARTY: districtEeb,
  REOPEN: districtEeb,
  ADD_AFTERCARE: districtEeb,
  FULFIL_AFTERCARE: holder,
  PLACE_UNDER_CONTROL_ZONE: districtEeb,
  RECORD_ZONE_MONITORING: { roles: [...holder.roles, 'consultant'], scope: { ...holder.scope, consultant: 'assignedConsultant' } },
};

export const allowedRolesFor: (eventType: PlotEventType) => Role[] = rolesOf(plotLifecyclePolicy);
