import { loadAnalyteCatalogue } from './analytes';
import { groundwaterLimitTable, groundwaterScreeningOf, screenGroundwater } from './groundwater-screening';
import { limitTable, screenSamples, type ScreenedValue, type SiteValue } from './screening';

const catalogue = loadAnalyteCatalogue();
const soil = catalogue.soil;
const hit = (cas: string, value: number): ScreenedValue => ({ cas, value, detected: true });
const AS = '7440-38-2';
const F = '16984-48-8';

describe('GB 36600-2018 Table 2 is screened like Table 1', () => {
  it('GB 36600-2018 表2: 石油烃(C10-C40) at 5000 mg/kg on a class-2 plot is above screening (4500) and not above intervention (9000)', () => {
    const tph = catalogue.find('石油烃(C10-C40)', 'soil')!;
    const result = screenSamples([hit(tph.cas, 5000)], 2, soil);
    expect(result.verdict).toBe('above_screening');
    expect(result.analytes[0]).toMatchObject({ name: '石油烃(C10-C40)', screeningValue: 4500, interventionValue: 9000, nAboveScreening: 1, nAboveIntervention: 0, factor: 1.111 });
  });

  it('GB 36600-2018 表2: the same 5000 mg/kg on a class-1 plot is above intervention (5000 is not above, 5000.1 is)', () => {
    const tph = catalogue.find('石油烃', 'soil')!.cas;
    expect(screenSamples([hit(tph, 5000)], 1, soil).verdict).toBe('above_screening');
    expect(screenSamples([hit(tph, 5000.1)], 1, soil).verdict).toBe('above_intervention');
  });
});

describe('pollutants without a standard value (无标准值)', () => {
  const noStandard = catalogue.noStandard;

  it('氟化物 (the signature pollutant of aluminium smelting) is accepted in soil although GB 36600 gives it no value', () => {
    expect(soil.find('氟化物')).toBeUndefined();
    expect(catalogue.find('氟化物', 'soil')).toMatchObject({ cas: F, nameZh: '氟化物' });
    expect(catalogue.find('F-', 'soil')?.cas).toBe(F);
    expect(catalogue.find('砒霜', 'soil')).toBeUndefined();
  });

  it('GB 36600-2018 (no value for 氟化物): it is listed as 无标准值 with screeningValue null and never counts as an exceedance', () => {
    const result = screenSamples([hit(F, 2500), hit(AS, 5)], 1, soil, { noStandard });
    expect(result.verdict).toBe('below_screening');
    const f = result.analytes.find((a) => a.cas === F)!;
    expect(f).toMatchObject({ name: '氟化物', max: 2500, screeningValue: null, interventionValue: null, nAboveScreening: 0, factor: null, noStandardValue: true, note: '无标准值' });
  });

  it('a value the deciding bureau set for the plot (with its source) screens the pollutant and is shown with its source', () => {
    const siteValues: SiteValue[] = [{ cas: F, name: '氟化物', medium: 'soil', value: 2000, unit: 'mg/kg', source: '风险评估报告（2026）' }];
    const result = screenSamples([hit(F, 2500)], 1, soil, { noStandard, siteValues });
    expect(result.verdict).toBe('above_screening');
    expect(result.analytes[0]).toMatchObject({ screeningValue: 2000, interventionValue: null, nAboveScreening: 1, factor: 1.25, siteValue: { value: 2000, source: '风险评估报告（2026）' } });
    expect(result.analytes[0].note).toContain('风险评估报告（2026）');
    // The database counts against the same value: the limit table carries it.
    const limits = limitTable(soil, 1, { noStandard, siteValues });
    expect(limits.screening[limits.cas.indexOf(F)]).toBe(2000);
    expect(limits.intervention[limits.cas.indexOf(F)]).toBeNull();
  });
});

describe('groundwater (土壤法第三十六条; GB/T 14848-2017)', () => {
  const gw = catalogue.groundwater;

  it('GB/T 14848-2017 表1: the class III and IV limits shipped for the aluminium and carbon plants of 上街 are those of the standard (mg/L)', () => {
    const limits = (name: string) => [catalogue.find(name, 'groundwater')?.nameZh, (gw.find(name) as { class3?: number })?.class3, gw.find(name)?.class4];
    expect(limits('砷')).toEqual(['砷', 0.01, 0.05]);
    expect(limits('铅')).toEqual(['铅', 0.01, 0.1]);
    expect(limits('镉')).toEqual(['镉', 0.005, 0.01]);
    expect(limits('六价铬')).toEqual(['铬(六价)', 0.05, 0.1]);
    expect(limits('汞')).toEqual(['汞', 0.001, 0.002]);
    expect(limits('氟化物')).toEqual(['氟化物', 1, 2]);
    expect(limits('氰化物')).toEqual(['氰化物', 0.05, 0.1]);
    expect(limits('苯并[a]芘')).toEqual(['苯并[a]芘', 0.00001, 0.0005]);
  });

  it('GB/T 14848-2017 §6.2: arsenic at 0.02 mg/L is above class III (0.01) and within class IV (0.05)', () => {
    const result = screenGroundwater([hit(AS, 0.02)], gw);
    expect(result.verdict).toBe('above_class3');
    expect(result.verdictLabel).toBe('超过Ⅲ类限值（Ⅳ类）');
    expect(result.analytes[0]).toMatchObject({ name: '砷', max: 0.02, unit: 'mg/L', class3Limit: 0.01, class4Limit: 0.05, nAboveClass3: 1, nAboveClass4: 0, factor: 2 });
  });

  it('GB/T 14848-2017 §6.2: a limit is inclusive (0.01 is class III); above class IV is class V', () => {
    expect(screenGroundwater([hit(AS, 0.01)], gw).verdict).toBe('within_class3');
    expect(screenGroundwater([hit(AS, 0.06)], gw).verdict).toBe('above_class4');
    expect(screenGroundwater([], gw).verdict).toBe('no_data');
  });

  it('石油类 has no GB/T 14848-2017 index: accepted in groundwater as 无标准值; in groundwater 氟化物 has its limit', () => {
    const oil = catalogue.find('石油类', 'groundwater')!;
    expect(oil).toMatchObject({ nameZh: '石油类' });
    const result = screenGroundwater([hit(oil.cas, 3)], gw, { noStandard: catalogue.noStandard });
    expect(result.analytes[0]).toMatchObject({ class3Limit: null, noStandardValue: true, note: '无标准值', nAboveClass3: 0 });
    expect(result.verdict).toBe('within_class3');
    expect(catalogue.find('氟化物', 'groundwater')).toMatchObject({ class3: 1 });
    expect(catalogue.find('石油类', 'soil')).toBeUndefined();
  });

  it('the database path (tallies against the limit table) gives the same groundwater result as one pass over the rows', () => {
    const rows = [hit(AS, 0.02), hit(AS, 0.004), hit('7439-92-1', 0.2), { cas: AS, value: null, detected: false }];
    const limits = groundwaterLimitTable(gw);
    const tallies = new Map<string, { cas: string; n: number; nDetected: number; max: number | null; nAboveScreening: number; nAboveIntervention: number; nExempt: number }>();
    for (const r of rows) {
      const i = limits.cas.indexOf(r.cas);
      const t = tallies.get(r.cas) ?? { cas: r.cas, n: 0, nDetected: 0, max: null, nAboveScreening: 0, nAboveIntervention: 0, nExempt: 0 };
      tallies.set(r.cas, t);
      t.n++;
      if (!r.detected || r.value === null) continue;
      t.nDetected++;
      t.max = t.max === null || r.value > t.max ? r.value : t.max;
      if (r.value > limits.screening[i]!) t.nAboveScreening++;
      if (r.value > limits.intervention[i]!) t.nAboveIntervention++;
    }
    expect(groundwaterScreeningOf([...tallies.values()], gw)).toEqual(screenGroundwater(rows, gw));
  });
});
