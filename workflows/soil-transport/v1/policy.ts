import { rolesOf, type Policy, type PolicyEntry, type Role, type StartRule } from '../../types';
import type { TransportEventType } from './events';
import { transportStartGuards, type TransportStartFacts } from './guards';
import { TRANSPORT_START_REFUSALS } from './labels';

const holder = { roles: ['holder'], scope: { holder: 'ownOrganisation' } } satisfies PolicyEntry;

/** Who may send each event of a soil transport (docs/soil-transport.v1.md). */
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

/**
 * Opening a batch (docs/soil-transport.v1.md): the plot's holder, for its own organisation,
 * while the plot is under 治理与修复 (土壤法 art. 41). Its first audit row is OPEN.
 */
export const soilTransportStart: StartRule<TransportStartFacts> = {
  event: 'OPEN',
  policy: holder,
  refusals: TRANSPORT_START_REFUSALS,
  guards: transportStartGuards,
};
