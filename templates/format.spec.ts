import { chineseDate, chineseDateTime, formatMeasure, formatNumber } from './format';

describe('dates in China Standard Time', () => {
  it.each([
    ['2026-11-29T16:00:00Z', '2026年11月30日'],
    ['2026-11-29T15:59:59Z', '2026年11月29日'],
    ['2026-12-31T20:00:00+00:00', '2027年1月1日'],
    ['2026-06-30', '2026年6月30日'],
  ])('%s is printed as %s', (value, printed) => {
    expect(chineseDate(value)).toBe(printed);
  });

  it('prints hours and minutes in UTC+8', () => {
    expect(chineseDateTime('2026-03-10T01:30:00Z')).toBe('2026年3月10日 09:30');
  });

  it('refuses what is not a date', () => {
    expect(() => chineseDate('30/11/2026')).toThrow(RangeError);
  });
});

describe('numbers', () => {
  it.each([
    [48215.37, 2, '48,215.37'],
    [1860.5, 2, '1,860.50'],
    [-1234567, 0, '-1,234,567'],
    [999, 1, '999.0'],
  ])('formatNumber(%d, %d) is %s', (value, digits, printed) => {
    expect(formatNumber(value, digits)).toBe(printed);
  });

  it('drops trailing zeros of measured values', () => {
    expect([formatMeasure(0.625), formatMeasure(4.32), formatMeasure(1830), formatMeasure(6.54545)]).toEqual(['0.625', '4.32', '1830', '6.545']);
  });
});
