import { toDayNumber } from '../calendar/calendar-date';
import { CalendarYearMissingError, type WorkingDayCalendar } from '../calendar/working-days';
import type { DeadlineKind } from '../deadlines/deadline-rules';
import { SUPERVISION } from './supervision-reference';

export interface DaysLeft {
  /** Calendar days to the due date (negative: overdue). The sort, the overdue flag and the bands use it. */
  daysLeft: number;
  overdue: boolean;
  /** How the time left is told: in working days where the deadline is set in working days (reference/supervision.json). */
  daysUnit: 'workingDays' | 'calendarDays';
  /** Working days from today (not counted) to the due date (counted); negative when overdue. Only for working-day duties. */
  workingDaysLeft?: number;
  /** 剩余 N 个工作日 / 剩余 N 日 / 今日到期 / 已逾期 N 个工作日 / 已逾期 N 日. */
  daysText: string;
}

export function countsInWorkingDays(kind: DeadlineKind): boolean {
  return SUPERVISION.parties[kind]?.countedIn === 'workingDays';
}

/**
 * The time left on a duty as a person reads it. A review's time is set in working days (its due date is so many
 * working days after submission), so its time left is counted with the working-day calendar (holidays off, 调休
 * workdays on); every other duty in calendar days. A year missing from the calendar falls back to calendar days.
 */
export function daysLeftOf(kind: DeadlineKind, dueDate: string, today: string, calendar?: WorkingDayCalendar): DaysLeft {
  const daysLeft = toDayNumber(dueDate) - toDayNumber(today);
  const overdue = daysLeft < 0;
  const calendarText = overdue ? `已逾期 ${-daysLeft} 日` : daysLeft === 0 ? '今日到期' : `剩余 ${daysLeft} 日`;
  const plain: DaysLeft = { daysLeft, overdue, daysUnit: 'calendarDays', daysText: calendarText };
  if (!calendar || !countsInWorkingDays(kind)) return plain;
  try {
    if (!overdue) {
      const left = calendar.workingDaysBetween(today, dueDate);
      return { daysLeft, overdue, daysUnit: 'workingDays', workingDaysLeft: left, daysText: daysLeft === 0 ? '今日到期' : `剩余 ${left} 个工作日` };
    }
    const late = calendar.workingDaysBetween(dueDate, today);
    // Past a due date on the eve of a rest day, no working day has gone by yet: say the calendar days.
    return { daysLeft, overdue, daysUnit: 'workingDays', workingDaysLeft: late > 0 ? -late : 0, daysText: late > 0 ? `已逾期 ${late} 个工作日` : calendarText };
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return plain;
    throw e;
  }
}
