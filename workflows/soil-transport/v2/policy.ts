import { rolesOf, type Policy, type PolicyEntry, type Role, type StartRule } from '../../types';
import { soilTransportPolicy as v1Policy } from '../v1/policy';
import { transportStartGuards, type TransportStartFacts } from '../v1/guards';
import type { TransportEventTypeV2 } from './events';
import { TRANSPORT_START_REFUSALS } from './labels';

// Whoever bears the plot's control duty files its transports: the holder, or after 收回 or 转让 the organisation that
// took the duty over (a land-reserve centre, the land bureau, the organiser for the government; 土壤法第六十八条).
const holder = {
  roles: ['holder', 'land', 'eeb'],
  scope: { holder: 'ownOrganisation', land: 'ownOrganisation', eeb: 'ownOrganisation' },
} satisfies PolicyEntry;

/**
 * Who may send each event of a soil transport v2 (docs/soil-transport.v2.md): v1's, the holder's events open to
 * whoever bears the control duty, and the holder completes the plan.
 */
export const soilTransportPolicyV2: Policy<TransportEventTypeV2> = {
  ...v1Policy,
  SUBMIT: holder,
  DISPATCH: holder,
  RECORD_RECEIPT: holder,
  CANCEL: holder,
  COMPLETE: holder,
};

export const allowedRolesForV2: (eventType: TransportEventTypeV2) => Role[] = rolesOf(soilTransportPolicyV2);

/** Opening a transport: whoever bears the plot's control duty, while the plot is under 治理与修复. */
export const soilTransportStartV2: StartRule<TransportStartFacts> = {
  event: 'OPEN',
  policy: holder,
  refusals: TRANSPORT_START_REFUSALS,
  guards: transportStartGuards,
};
