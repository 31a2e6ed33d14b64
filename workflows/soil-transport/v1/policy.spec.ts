import { eventTypesOf, statePathsOf } from '../../registry';
import { soilTransportGuards, transportStartGuards } from './guards';
import { TRANSPORT_EVENT_LABELS, TRANSPORT_GUARD_REASONS, TRANSPORT_STATE_LABELS, eventLabel } from './labels';
import { soilTransportV1 } from './machine';
import { allowedRolesFor, soilTransportPolicy, soilTransportStart } from './policy';

describe('soil-transport v1 policy', () => {
  it('has an entry for every event of the machine, and none for an event the machine lacks', () => {
    expect(Object.keys(soilTransportPolicy).sort()).toEqual(eventTypesOf(soilTransportV1));
  });

  it('gives every allowed role exactly one scope rule', () => {
    for (const entry of Object.values(soilTransportPolicy)) {
      expect(Object.keys(entry.scope).sort()).toEqual([...entry.roles].sort());
    }
  });

  it('docs/soil-transport.v1.md: the holder reports and moves the soil; the bureaus of origin and destination review it', () => {
    for (const type of ['SUBMIT', 'DISPATCH', 'RECORD_RECEIPT', 'CANCEL'] as const) {
      expect(soilTransportPolicy[type]).toEqual({ roles: ['holder'], scope: { holder: 'ownOrganisation' } });
    }
    expect(soilTransportPolicy.ACKNOWLEDGE.scope).toEqual({ eeb: 'originOrDestinationJurisdiction' });
    expect(soilTransportPolicy.OBJECT.scope).toEqual({ eeb: 'originOrDestinationJurisdiction' });
    expect(soilTransportPolicy.RESOLVE.scope).toEqual({ eeb: 'destinationJurisdiction' });
    expect(allowedRolesFor('RESOLVE')).toEqual(['eeb']);
  });

  it('docs/soil-transport.v1.md, 土壤法 art. 41: a batch is opened (OPEN) by the plot\'s holder for its own organisation, while the plot is under 治理与修复', () => {
    expect(soilTransportStart.event).toBe('OPEN');
    expect(soilTransportStart.policy).toEqual({ roles: ['holder'], scope: { holder: 'ownOrganisation' } });
    expect(soilTransportStart.guards).toEqual({ plotInRemediation: transportStartGuards.plotInRemediation });
    expect(soilTransportStart.refusals.otherRoles).toBe('只有本地块的土地使用权人可以新建转运批次');
  });
});

describe('soil-transport v1 labels', () => {
  it('labels every state and every event', () => {
    expect(Object.keys(TRANSPORT_STATE_LABELS).sort()).toEqual(statePathsOf(soilTransportV1).sort());
    expect(Object.keys(TRANSPORT_EVENT_LABELS).sort()).toEqual(eventTypesOf(soilTransportV1));
  });

  it('labels the start event (OPEN) in Chinese: no internal code in the text a person reads', () => {
    expect(eventLabel(soilTransportStart.event)).toBe('新建转运批次');
  });

  it('describes every state in Chinese and English', () => {
    for (const path of statePathsOf(soilTransportV1)) {
      const { description } = soilTransportV1.getStateNodeById(`soil-transport.${path}`);
      expect(description).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/);
    }
  });

  it('gives a Chinese reason for every guard', () => {
    const guards = [...Object.keys(soilTransportGuards), ...Object.keys(transportStartGuards)];
    expect(Object.keys(TRANSPORT_GUARD_REASONS).sort()).toEqual(guards.sort());
  });
});
