import { rolesOf, type Policy, type PolicyEntry, type Role, type StartRule } from '../../types';
import { soilTransportPolicy as v1Policy } from '../v1/policy';
import { transportStartGuards, type TransportStartFacts } from '../v1/guards';
import type { TransportEventTypeV2 } from './events';
import { TRANSPORT_START_REFUSALS } from './labels';

const holder = { roles: ['holder'], scope: { holder: 'ownOrganisation' } } satisfies PolicyEntry;

/** Who may send each event of a soil transport v2 (docs/soil-transport.v2.md): v1's, and the holder completes the plan. */
export const soilTransportPolicyV2: Policy<TransportEventTypeV2> = {
  ...v1Policy,
  COMPLETE: holder,
};

export const allowedRolesForV2: (eventType: TransportEventTypeV2) => Role[] = rolesOf(soilTransportPolicyV2);

/** Opening a transport: as v1 (the plot's holder while the plot is under 治理与修复). */
export const soilTransportStartV2: StartRule<TransportStartFacts> = {
  event: 'OPEN',
  policy: holder,
  refusals: TRANSPORT_START_REFUSALS,
  guards: transportStartGuards,
};
