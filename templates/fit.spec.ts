import { FIT_SCALES, largestFitting } from './parts/fit';

describe('one-page fitting (GB/T 9704-2012 habits, issue 22 point 10): the largest scale that fits, in two trials at most', () => {
  // Every monotonic outcome over the three scales: fits from some index on, or never.
  it.each([0, 1, 2, 3])('a body fitting from FIT_SCALES[%i] on gets the scale a scan in order gives, asking at most twice', (from) => {
    const asked: number[] = [];
    const fits = (scale: number) => {
      asked.push(scale);
      return FIT_SCALES.indexOf(scale as (typeof FIT_SCALES)[number]) >= from ? `doc@${scale}` : undefined;
    };
    const linear = FIT_SCALES.find((s, i) => i >= from);
    const got = largestFitting(fits);
    expect(got?.scale).toBe(linear);
    expect(got?.value).toBe(linear === undefined ? undefined : `doc@${linear}`);
    expect(asked.length).toBeLessThanOrEqual(2);
  });
});
