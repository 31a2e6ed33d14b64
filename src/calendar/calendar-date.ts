/**
 * Calendar dates as plain 'YYYY-MM-DD' strings in China Standard Time. Arithmetic
 * is done on day numbers (days since 1970-01-01, UTC), so neither the server's
 * time zone nor daylight saving can shift a date.
 */

export class InvalidDateError extends Error {
  constructor(readonly value: unknown) {
    super(`日期无效：“${String(value)}”，应为 YYYY-MM-DD 格式的实际日期`);
    this.name = 'InvalidDateError';
  }
}

const DAY_MS = 86_400_000;
// China Standard Time is UTC+8 all year; daylight saving was last observed in 1991.
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Day number of a 'YYYY-MM-DD' date; throws InvalidDateError. */
export function toDayNumber(date: string): number {
  if (!isIsoDate(date)) throw new InvalidDateError(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function isWeekend(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

export const WEEKDAY_NAMES_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** Today's date in China Standard Time, whatever the server's time zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
