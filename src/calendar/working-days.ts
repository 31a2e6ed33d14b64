import { fromDayNumber, isWeekend, toDayNumber, yearOfDay } from './calendar-date';
import { CalendarDayKind, CalendarYear, loadCalendarYears } from './calendar-tsv';

export { InvalidDateError, todayInChina } from './calendar-date';
export { CalendarDataError, loadCalendarYear, loadCalendarYears, parseCalendarTsv } from './calendar-tsv';
export type { CalendarDay, CalendarDayKind, CalendarYear } from './calendar-tsv';

/** A question about a year whose holiday arrangement has not been entered. Never guessed. */
export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(`缺少 ${year} 年的节假日安排数据，请管理员在“工作日历”中补录`);
    this.name = 'CalendarYearMissingError';
  }
}

/**
 * The Chinese working-day calendar. Saturdays and Sundays are rest days unless
 * listed as `workday` (调休上班); listed `holiday` dates are rest days; every other
 * weekday is a working day. Dates are 'YYYY-MM-DD' in China Standard Time.
 * Any question touching a date in a year without data throws CalendarYearMissingError.
 */
export class WorkingDayCalendar {
  private readonly years = new Map<number, Map<number, CalendarDayKind>>();

  constructor(years: Iterable<CalendarYear>) {
    for (const y of years) this.addYear(y);
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  /** Years with data, ascending. */
  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /**
   * The n-th working day after `date` (n > 0), or before it (n < 0); `date`
   * itself when n = 0. `date` need not be a working day. From Thursday 2026-09-24,
   * the eve of the Mid-Autumn break, 1 working day later is Monday 2026-09-28.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n)) throw new RangeError(`工作日数必须是整数，实际为 ${n}`);
    let day = toDayNumber(date);
    this.requireYear(yearOfDay(day));
    const step = Math.sign(n);
    for (let left = Math.abs(n); left > 0; ) {
      day += step;
      if (this.isWorkingDayNumber(day)) left--;
    }
    return fromDayNumber(day);
  }

  /**
   * The number of working days d with from < d <= to: `from` itself is not
   * counted, `to` is. 0 when to <= from. So a date that must be "at least N working
   * days after today" satisfies workingDaysBetween(today, date) >= N.
   */
  workingDaysBetween(from: string, to: string): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    this.requireYear(yearOfDay(start));
    this.requireYear(yearOfDay(end));
    let count = 0;
    for (let day = start + 1; day <= end; day++) {
      if (this.isWorkingDayNumber(day)) count++;
    }
    return count;
  }

  private isWorkingDayNumber(day: number): boolean {
    const listed = this.requireYear(yearOfDay(day)).get(day);
    if (listed === 'holiday') return false;
    if (listed === 'workday') return true;
    return !isWeekend(day);
  }

  private requireYear(year: number): Map<number, CalendarDayKind> {
    const days = this.years.get(year);
    if (!days) throw new CalendarYearMissingError(year);
    return days;
  }

  private addYear({ year, days }: CalendarYear): void {
    if (this.years.has(year)) throw new Error(`工作日历：${year} 年的数据重复`);
    const byDay = new Map<number, CalendarDayKind>();
    for (const { date, kind } of days) {
      const day = toDayNumber(date);
      if (yearOfDay(day) !== year) throw new Error(`工作日历：${date} 不属于 ${year} 年`);
      if (kind !== 'holiday' && kind !== 'workday') throw new Error(`工作日历：${date} 的类型“${String(kind)}”无效`);
      if (byDay.has(day)) throw new Error(`工作日历：${date} 重复`);
      byDay.set(day, kind);
    }
    this.years.set(year, byDay);
  }
}

/** The calendar of every cn-workdays-YYYY.tsv in `dir` (default: the project's reference/ folder). */
export function loadWorkingDayCalendar(dir?: string): WorkingDayCalendar {
  return new WorkingDayCalendar(loadCalendarYears(dir));
}
