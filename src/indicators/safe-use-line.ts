import type { SafeUseLine } from '../../templates/filing-record';
import type { SafeUseSummary } from './indicators.service';

/** The indicator as D14 prints it (Chinese only). */
export function safeUseLine(s: SafeUseSummary): SafeUseLine {
  const verdict = s.meetsTarget === null ? (s.denominator === 0 ? '本年度无开发利用的地块，不计算' : '本年度无目标值') : s.meetsTarget ? '达到目标' : '未达到目标';
  return {
    numerator: s.numerator,
    denominator: s.denominator,
    rateText: s.rateText,
    targetText: s.target ? `不低于 ${Math.round(s.target.minRate * 100)}%（${s.target.source}）` : null,
    verdict,
    notDeveloped: s.notDeveloped,
    basis: s.basis,
    children: s.children.map((c) => ({ name: c.name, numerator: c.numerator, denominator: c.denominator, rateText: c.rateText })),
  };
}
