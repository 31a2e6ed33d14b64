import { rolesOf, type Policy, type PolicyEntry, type Role } from '../../types';
import type { TransportEventType } from './events';

const holder = { roles: ['holder'], scope: { holder: 'ownOrganisation' } } satisfies PolicyEntry;

/** Who may send each event of a soil transport (DESIGN §2.3). */
export const soilTransportPolicy: Policy<TransportEventType> = {
  SUBMIT: holder,
  ACKNOWLEDGE: { roles: ['eeb'], scope: { eeb: 'originOrDestinationJurisdiction' } },
  OBJECT: { roles: ['eeb'], scope: { eeb: 'originOrDestinationJurisdiction' } },
  DISPATCH: holder,
  RECORD_RECEIPT: holder,
  RESOLVE: { roles: ['eeb'], scope: { eeb: 'destinationJurisdiction' } },
  CANCEL: holder,
};

export const allowedRolesFor: (eventType: TransportEventType) => Role[] = rolesOf(soilTransportPolicy);
