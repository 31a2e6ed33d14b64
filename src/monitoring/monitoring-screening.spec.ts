import { loadAnalyteCatalogue } from '../evidence/analytes';
import { farmlandLimits, phBand } from './monitoring-reference';
import { factorOf, limitsOf, strictlyRising } from './monitoring-screening';

const analytes = loadAnalyteCatalogue();
const CD = '7440-43-9';

describe('monitoring screening by the point’s land (issue 20)', () => {
  it('GB 15618-2018 表1: cadmium 0.5 mg/kg at pH 6.0 on other farmland → screening 0.3, factor 1.667 (above)', () => {
    const l = limitsOf({ land: 'farmland', crop: 'other', landClass: null }, CD, 6.0, analytes);
    expect(l).toEqual({ screening: 0.3, intervention: 2.0, standard: 'GB 15618-2018' });
    expect(factorOf(0.5, l.screening)).toBe(1.667);
  });

  it('GB 15618-2018 表1: the pH bands close at their upper bound (5.5 is the first band, 7.5 the third)', () => {
    expect([5.5, 5.51, 6.5, 7.5, 7.51].map(phBand)).toEqual([0, 1, 1, 2, 3]);
  });

  it('GB 15618-2018 表1: 水田 has its own cadmium column (0.4 at pH 6.0), 果园 its own copper column (150), nickel one row', () => {
    expect(farmlandLimits(CD, 6.0, 'paddy')?.screening).toBe(0.4);
    expect(farmlandLimits('7440-50-8', 6.0, 'orchard')).toEqual({ screening: 150, intervention: null });
    expect(farmlandLimits('7440-50-8', 6.0, 'paddy')?.screening).toBe(50);
    expect(farmlandLimits('7440-02-0', 8.0, 'paddy')?.screening).toBe(190);
  });

  it('GB 15618-2018 表3: intervention values of arsenic fall as pH rises (200, 150, 120, 100)', () => {
    expect([5, 6, 7, 8].map((ph) => farmlandLimits('7440-38-2', ph, 'other')?.intervention)).toEqual([200, 150, 120, 100]);
  });

  it('GB 36600-2018 表1 on construction land by class; GB/T 14848-2017 Ⅲ类 for groundwater', () => {
    expect(limitsOf({ land: 'construction', crop: null, landClass: 1 }, CD, null, analytes).screening).toBe(20);
    expect(limitsOf({ land: 'construction', crop: null, landClass: 2 }, CD, null, analytes).screening).toBe(65);
    expect(limitsOf({ land: 'groundwater', crop: null, landClass: null }, CD, null, analytes)).toMatchObject({ screening: 0.005, intervention: 0.01 });
  });

  it('a farmland result without pH cannot be screened (GB 15618-2018 表1 is by pH band)', () => {
    expect(limitsOf({ land: 'farmland', crop: 'other', landClass: null }, CD, null, analytes).screening).toBeNull();
  });

  it('reference/monitoring.json risingTrend: three strictly rising values; a tie is no trend', () => {
    expect(strictlyRising([0.1, 0.12, 0.2], 3)).toBe(true);
    expect(strictlyRising([0.3, 0.1, 0.12, 0.2], 3)).toBe(true);
    expect(strictlyRising([0.1, 0.12, 0.12], 3)).toBe(false);
    expect(strictlyRising([0.1, 0.12], 3)).toBe(false);
  });
});
