import { safeUseLine } from './safe-use-line';
import type { SafeUseSummary } from './indicators.service';

const summary = (over: Partial<SafeUseSummary>): SafeUseSummary => ({
  year: 2026, jurisdiction: { code: '410106', name: '郑州市上街区' }, numerator: 5, denominator: 7, rate: 5 / 7, rateText: '71.43%',
  target: { year: 2020, minRate: 0.91, source: '上政文〔2017〕147号 二（主要指标）' }, meetsTarget: false, notDeveloped: 1, children: [], basis: 'b', ...over,
});

describe('D14 section 污染地块安全利用率 (上政文〔2017〕147号 二（主要指标）)', () => {
  it('names the rate, the target with its source and whether it is met, in Chinese', () => {
    expect(safeUseLine(summary({}))).toMatchObject({ rateText: '71.43%', targetText: '不低于 91%（上政文〔2017〕147号 二（主要指标））', verdict: '未达到目标' });
    expect(safeUseLine(summary({ meetsTarget: true })).verdict).toBe('达到目标');
    expect(safeUseLine(summary({ numerator: 0, denominator: 0, rate: null, rateText: '无', meetsTarget: null })).verdict).toBe('本年度无开发利用的地块，不计算');
    expect(safeUseLine(summary({ target: null, meetsTarget: null })).targetText).toBeNull();
  });
});
