import { rolesOf, type Policy, type PolicyEntry, type Role, type StartRule } from '../../types';
import type { KeyUnitEventType } from './events';
import { keyUnitStartGuards, type KeyUnitStartFacts } from './guards';
import { KEY_UNIT_START_REFUSALS } from './labels';

// The unit's own users act for their enterprise as a holder does for its plot.
const unit = { roles: ['holder'], scope: { holder: 'ownOrganisation' } } satisfies PolicyEntry;
const districtEeb = { roles: ['eeb'], scope: { eeb: 'jurisdiction' } } satisfies PolicyEntry;

/**
 * Who may send each event of a key unit (a 工业和信息化 role does not exist yet: it would receive the demolition
 * plan's filing and hand in closure and relocation lists, which the district eeb records as CLOSE until then).
 * The engine checks this before the guards: a role or scope failure is 403, a guard failure 422.
 */
export const keyUnitPolicy: Policy<KeyUnitEventType> = {
  FILE_DUTY_REPORT: unit,
  FILE_DEMOLITION_PLAN: unit,
  START_DEMOLITION: unit,
  COMPLETE_DEMOLITION: unit,
  RECORD_BUREAU_MONITORING: districtEeb,
  RECORD_UNFILED_DEMOLITION: districtEeb,
  // Either side: the unit declares its own closure; the bureau records one it learns of — a bankrupt or relocated
  // enterprise often has no one left to act, and the 工信 lists reach the bureau, not the unit.
  CLOSE: { roles: ['holder', 'eeb'], scope: { holder: 'ownOrganisation', eeb: 'jurisdiction' } },
  REMOVE: districtEeb,
};

export const allowedRolesFor: (eventType: KeyUnitEventType) => Role[] = rolesOf(keyUnitPolicy);

/**
 * Listing a unit (土壤法第二十一条第一款: the list is the bureau's): the environment bureau of the unit's district
 * records it; its first audit row is LIST.
 */
export const keyUnitStart: StartRule<KeyUnitStartFacts> = {
  event: 'LIST',
  policy: districtEeb,
  refusals: KEY_UNIT_START_REFUSALS,
  guards: keyUnitStartGuards,
};
