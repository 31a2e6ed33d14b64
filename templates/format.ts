import type { LandClass, ScreeningVerdict } from '../workflows';
import type { CalendarDate, Instant } from './filing-record';

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Parts { y: number; m: number; d: number; hh: number; mm: number }

// China Standard Time has no daylight saving: a fixed +08:00 shift, whatever the process TZ.
function cstParts(value: Instant | CalendarDate): Parts {
  const date = CALENDAR_DATE.exec(value);
  if (date) return { y: Number(date[1]), m: Number(date[2]), d: Number(date[3]), hh: 0, mm: 0 };
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${value}`);
  const t = new Date(ms + CST_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes() };
}

// 2026年11月30日 (GB/T 9704: Arabic numerals, no leading zeros)
export function chineseDate(value: Instant | CalendarDate): string {
  const p = cstParts(value);
  return `${p.y}年${p.m}月${p.d}日`;
}

// 2026年11月30日 10:05
export function chineseDateTime(value: Instant): string {
  const p = cstParts(value);
  return `${chineseDate(value)} ${String(p.hh).padStart(2, '0')}:${String(p.mm).padStart(2, '0')}`;
}

export function landClassLabel(landClass: LandClass): string {
  return landClass === 1 ? '第一类用地' : '第二类用地';
}

export function yesNo(value: boolean): string {
  return value ? '是' : '否';
}

// Fixed grouping so the output does not depend on the ICU data of the runtime.
export function formatNumber(value: number, fractionDigits = 0): string {
  const [int, frac] = Math.abs(value).toFixed(fractionDigits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

// Up to 3 significant decimals, trailing zeros dropped: 0.5, 12.25, 1830.
export function formatMeasure(value: number): string {
  return String(Number(value.toFixed(3)));
}

export function areaLabel(areaM2: number): string {
  return `${formatNumber(areaM2, 2)} 平方米`;
}

export function tonnesLabel(t: number): string {
  return `${formatNumber(t, 2)} 吨`;
}

export const VERDICT_LABEL: Record<ScreeningVerdict, string> = {
  below_screening: '未超过筛选值',
  above_screening: '超过筛选值，未超过管制值',
  above_intervention: '超过管制值',
};
