import { checkModel, loadPriorityModel, normalise, rankByScore, scorePlot, type PriorityModel } from './priority-model';

describe('priority scoring model (reference/priority-model.json)', () => {
  const model = loadPriorityModel();

  it('normalises on log10, linear and boolean scales, capped to 0–1', () => {
    expect(normalise(10, { kind: 'log10', full: 100 })).toBeCloseTo(0.5);
    expect(normalise(0.8, { kind: 'log10', full: 100 })).toBe(0);
    expect(normalise(1000, { kind: 'log10', full: 100 })).toBe(1);
    expect(normalise(25000, { kind: 'linear', full: 50000 })).toBe(0.5);
    expect(normalise(true, { kind: 'boolean' })).toBe(1);
    expect(normalise(null, { kind: 'linear', full: 3 })).toBe(0);
  });

  it('scores 0–100 over the indicators with data; an unavailable indicator is not counted', () => {
    const top = scorePlot(model, { maxExceedanceFactor: 100, aboveInterventionCount: 3, plannedSensitiveUse: true, areaM2: 50000 });
    expect(top.score).toBe(100);
    expect(top.parts.map((p) => p.key)).not.toContain('distanceToSensitiveTargetM');
    const some = scorePlot(model, { maxExceedanceFactor: 10, aboveInterventionCount: 0, plannedSensitiveUse: false, areaM2: 25000 });
    expect(some.score).toBe(27.5);
  });

  it('ranks by score, ties by code', () => {
    const ranks = rankByScore([
      { key: 'a', code: 'B', score: 50 },
      { key: 'b', code: 'A', score: 50 },
      { key: 'c', code: 'C', score: 80 },
    ]);
    expect([...ranks.entries()]).toEqual([['c', 1], ['b', 2], ['a', 3]]);
  });

  it('refuses a model without a usable weight or with an unknown indicator', () => {
    const bad = (m: unknown) => () => checkModel(m as PriorityModel);
    expect(bad({ version: 1, indicators: [{ key: 'areaM2', label: 'x', weight: 0, scale: { kind: 'linear', full: 1 } }] })).toThrow('权重');
    expect(bad({ version: 1, indicators: [{ key: 'colour', label: 'x', weight: 1, scale: { kind: 'boolean' } }] })).toThrow('key');
  });
});
