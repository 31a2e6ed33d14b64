import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScreeningTable } from './gb36600';
import { parseSampleCsv } from './sample-csv';
import { ScreenedValue, UnknownAnalyteError, exceedancesOf, limitTable, screenSamples, screeningOf, type CasTally } from './screening';

const standard = loadScreeningTable();
const AS = '7440-38-2';
const CD = '7440-43-9';
const PB = '7439-92-1';
const XYLENE = '108-38-3;106-42-3';
const hit = (cas: string, value: number): ScreenedValue => ({ cas, value, detected: true });
const nd = (cas: string): ScreenedValue => ({ cas, value: null, detected: false });

describe('screenSamples (GB 36600-2018)', () => {
  it('gives no_data for no samples, so that a plot without data can never be cleared', () => {
    expect(screenSamples([], 1, standard)).toEqual({ landClass: 1, verdict: 'no_data', analytes: [] });
  });

  it('§3: a result equal to the screening value is not an exceedance (超过 means strictly above)', () => {
    const result = screenSamples([hit(CD, 20)], 1, standard);
    expect(result.verdict).toBe('below_screening');
    expect(result.analytes[0]).toMatchObject({ max: 20, nAboveScreening: 0, factor: 1 });
  });

  it('§5: a result just above the class 1 screening value of cadmium (20) is above_screening', () => {
    const result = screenSamples([hit(CD, 20.01), hit(CD, 3)], 1, standard);
    expect(result.verdict).toBe('above_screening');
    expect(result.analytes[0]).toEqual({
      cas: CD,
      name: '镉',
      n: 2,
      nDetected: 2,
      max: 20.01,
      screeningValue: 20,
      interventionValue: 47,
      nAboveScreening: 1,
      nAboveIntervention: 0,
      factor: 1.001,
    });
  });

  it('§5: the same result is below the class 2 screening value (65)', () => {
    expect(screenSamples([hit(CD, 20.01)], 2, standard).verdict).toBe('below_screening');
  });

  it('§5: a result above the intervention value (管制值) is above_intervention', () => {
    const result = screenSamples([hit(PB, 2600), hit(CD, 30)], 2, standard);
    expect(result.verdict).toBe('above_intervention');
    expect(result.analytes.map((a) => [a.name, a.nAboveScreening, a.nAboveIntervention, a.factor])).toEqual([
      ['铅', 1, 1, 3.25],
      ['镉', 0, 0, 0.462],
    ]);
  });

  it('never counts a not-detected result as an exceedance, and reports max and factor as null', () => {
    const result = screenSamples([nd(CD), nd(CD)], 1, standard);
    expect(result.verdict).toBe('below_screening');
    expect(result.analytes[0]).toMatchObject({ n: 2, nDetected: 0, max: null, factor: null, nAboveScreening: 0 });
  });

  it('sorts analytes by exceedance factor, highest first, not-detected last', () => {
    const result = screenSamples([nd(PB), hit(CD, 10), hit(AS, 30)], 1, standard);
    expect(result.analytes.map((a) => [a.name, a.factor])).toEqual([
      ['砷', 1.5],
      ['镉', 0.5],
      ['铅', null],
    ]);
  });

  it('screens m- and p-xylene as the one item of the standard', () => {
    const result = screenSamples([hit(XYLENE, 200)], 1, standard);
    expect(result.analytes[0]).toMatchObject({ name: '间二甲苯+对二甲苯', screeningValue: 163, nAboveScreening: 1 });
  });

  it('refuses a CAS number that is not in the standard', () => {
    expect(() => screenSamples([hit('1234-56-6', 1)], 1, standard)).toThrow(UnknownAnalyteError);
  });

  it('refuses a land class other than 1 or 2', () => {
    expect(() => screenSamples([], 3 as 1, standard)).toThrow('用地类别必须是 1 或 2');
  });
});

describe('screenSamples: the background exception for arsenic (note to Tables 1 and 2)', () => {
  const background = new Map([[AS, 25]]);

  it('does not count a result above the screening value (20) but not above the background (25)', () => {
    const result = screenSamples([hit(AS, 25)], 1, standard, { background });
    expect(result.verdict).toBe('below_screening');
    expect(result.analytes[0]).toMatchObject({ nAboveScreening: 0, backgroundValue: 25, backgroundExempt: true, factor: 1.25 });
  });

  it('counts a result above the background value', () => {
    const result = screenSamples([hit(AS, 25.5)], 1, standard, { background });
    expect(result.verdict).toBe('above_screening');
    expect(result.analytes[0]).toMatchObject({ nAboveScreening: 1, backgroundExempt: false });
  });

  it('exempts from the intervention value too when the background is that high', () => {
    const high = new Map([[AS, 150]]);
    const result = screenSamples([hit(AS, 130)], 1, standard, { background: high });
    expect(result.verdict).toBe('below_screening');
    expect(result.analytes[0]).toMatchObject({ nAboveIntervention: 0, backgroundExempt: true });
  });

  it('counts the exceedance when the jurisdiction has no background value', () => {
    const result = screenSamples([hit(AS, 25)], 1, standard, { background: new Map() });
    expect(result.verdict).toBe('above_screening');
    expect(result.analytes[0].backgroundValue).toBeUndefined();
  });

  it('applies no exemption to items without the exception, whatever the map says', () => {
    const result = screenSamples([hit(CD, 25)], 1, standard, { background: new Map([[CD, 30]]) });
    expect(result.verdict).toBe('above_screening');
    expect(result.analytes[0].backgroundExempt).toBeUndefined();
  });
});

describe('screening an imported file end to end', () => {
  it('screens the good fixture for 上街区 (410106) as class 1', async () => {
    const parsed = await parseSampleCsv(readFileSync(join(__dirname, 'fixtures/ok/basic.csv')), standard);
    if (!parsed.ok) throw new Error('fixture should parse');
    const result = screenSamples(parsed.rows, 1, standard);
    // Arsenic 15.3 is below the class 1 screening value 20; nothing else comes near.
    expect(result.verdict).toBe('below_screening');
    expect(result.analytes[0]).toMatchObject({ name: '砷', max: 15.3, factor: 0.765 });
  });
});

describe('screening at scale and from counts made elsewhere', () => {
  const background = new Map([[AS, 25]]);

  it('hardening #4: screens 200,000 detected results of one analyte in one pass: no call receives the results as its arguments (README, Evidence and screening)', () => {
    const rows: ScreenedValue[] = [];
    for (let i = 0; i < 200_000; i++) rows.push(hit(AS, (i % 1000) / 10));
    const result = screenSamples(rows, 1, standard, { background });
    // Above 25 (the background, above the screening value 20): 25.1 … 99.9 in each thousand.
    expect(result.analytes[0]).toMatchObject({ n: 200_000, nDetected: 200_000, max: 99.9, nAboveScreening: 749 * 200, nAboveIntervention: 0, backgroundExempt: true });
  });

  // A small set that touches every rule: equal values, not detected, the exemption, a sum item with two CAS numbers.
  const rows: ScreenedValue[] = [
    hit(AS, 20), hit(AS, 24), hit(AS, 25), hit(AS, 130), nd(AS),
    hit(CD, 20), hit(CD, 47.5), nd(CD),
    hit('108-38-3', 100), hit('106-42-3', 170), hit(XYLENE, 50),
    nd(PB),
  ];

  it('hardening #4: tallies counted per CAS number elsewhere (the database) give the same result as one pass over the rows (README, Evidence and screening)', () => {
    for (const landClass of [1, 2] as const) {
      const limits = limitTable(standard, landClass, background);
      const at = (cas: string) => limits.cas.indexOf(cas);
      const tallies = new Map<string, CasTally>();
      for (const r of rows) {
        const i = at(r.cas);
        const t = tallies.get(r.cas) ?? { cas: r.cas, n: 0, nDetected: 0, max: null, nAboveScreening: 0, nAboveIntervention: 0, nExempt: 0 };
        tallies.set(r.cas, t);
        t.n++;
        if (!r.detected || r.value === null) continue;
        const v = r.value;
        const bg = limits.background[i];
        t.nDetected++;
        t.max = t.max === null || v > t.max ? v : t.max;
        if (v > limits.screening[i]! && (bg === null || v > bg)) t.nAboveScreening++;
        if (v > limits.intervention[i]! && (bg === null || v > bg)) t.nAboveIntervention++;
        if (bg !== null && v > limits.screening[i]! && v <= bg) t.nExempt++;
      }
      expect(screeningOf([...tallies.values()], landClass, standard, { background })).toEqual(screenSamples(rows, landClass, standard, { background }));
    }
  });

  it('hardening #2: the registers’ figures from the highest results alone agree with the full screening: some result counts exactly when the highest does (README, Registers)', () => {
    for (const landClass of [1, 2] as const) {
      for (const bg of [undefined, background, new Map([[AS, 150]])]) {
        const full = screenSamples(rows, landClass, standard, { background: bg });
        const maxima = rows.map((r) => ({ cas: r.cas, max: r.detected ? r.value : null }));
        const fromMaxima = exceedancesOf(maxima, landClass, standard, { background: bg });
        expect(fromMaxima).toEqual(
          full.analytes.map((a) => ({
            cas: a.cas, name: a.name, max: a.max, factor: a.factor, aboveScreening: a.nAboveScreening > 0, aboveIntervention: a.nAboveIntervention > 0,
          })),
        );
      }
    }
    expect(() => exceedancesOf([{ cas: '1234-56-6', max: 1 }], 1, standard)).toThrow(UnknownAnalyteError);
  });
});
