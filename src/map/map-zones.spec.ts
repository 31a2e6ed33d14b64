import { PLOT_STATE_LABELS } from '../../workflows/plot-lifecycle/v2/labels';
import { mapZones, zoneOf } from './map-zones';

describe('一张图 zones (上政文〔2017〕147号 三（一）4: 保护区、预警区、风险管控区、治理修复区) from reference/map-zones.json', () => {
  it.each([
    ['suspected', '预警区'],
    ['investigation.preliminary.drafting', '预警区'],
    ['riskAssessment.underReview', '预警区'],
    ['listed.prioritization', '风险管控区'],
    ['listed.riskControl', '风险管控区'],
    ['listed.remediation.inProgress', '治理修复区'],
    ['listed.effectEvaluation.drafting', '治理修复区'],
  ])('三（一）4: a plot in %s lies in %s', (state, label) => {
    expect(zoneOf(state, false).zoneLabel).toBe(label);
  });

  it('三（一）4 and 上政文〔2017〕147号 三（四）2: a plot under a control zone (划定管控区域) is in 风险管控区 whatever its state; released and cleared plots are in no zone', () => {
    expect(zoneOf('cleared', true)).toEqual({ zone: 'riskControl', zoneLabel: '风险管控区' });
    expect(zoneOf('released', false)).toEqual({ zone: null, zoneLabel: null });
    expect(zoneOf('cleared', false)).toEqual({ zone: null, zoneLabel: null });
  });

  it('三（一）4: 保护区 is never derived from a plot state (imported by an administrator); every rule names a known state and zone', () => {
    const z = mapZones();
    expect(z.zones.protection).toMatchObject({ label: '保护区', derived: false });
    for (const state of Object.keys(PLOT_STATE_LABELS)) expect(zoneOf(state, false).zone).not.toBe('protection');
    for (const r of z.rules) {
      expect(Object.keys(PLOT_STATE_LABELS)).toContain(r.statePrefix);
      expect(z.zones[r.zone].derived).toBe(true);
    }
  });
});
