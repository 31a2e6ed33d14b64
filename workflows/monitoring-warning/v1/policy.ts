import { rolesOf, type Policy, type PolicyEntry, type Role, type StartRule } from '../../types';
import type { WarningEventType } from './events';
import { warningStartGuards, type WarningStartFacts } from './guards';
import { WARNING_START_REFUSALS } from './labels';

// 上政文〔2017〕147号 三（一）2、4: the district environment bureau (区环保局牵头) runs the network and its warnings.
const districtEeb = { roles: ['eeb'], scope: { eeb: 'jurisdiction' } } satisfies PolicyEntry;

export const warningPolicy: Policy<WarningEventType> = {
  VERIFY_START: districtEeb,
  CONFIRM: districtEeb,
  DISMISS: districtEeb,
  RECORD_MEASURES: districtEeb,
  PROPOSE_INVESTIGATION: districtEeb,
  PROPOSE_HIDDEN_DANGER_INSPECTION: districtEeb,
  CLOSE: districtEeb,
};

export const allowedRolesFor: (eventType: WarningEventType) => Role[] = rolesOf(warningPolicy);

/** Raised by the campaign upload of the point's district bureau; its first audit row is RAISE. */
export const warningStart: StartRule<WarningStartFacts> = {
  event: 'RAISE',
  policy: districtEeb,
  refusals: WARNING_START_REFUSALS,
  guards: warningStartGuards,
};
