import { loadCalendarYears, WorkingDayCalendar } from '../calendar/working-days';
import { countsInWorkingDays, daysLeftOf } from './days-left';

// The shipped calendar (reference/cn-workdays-2026.tsv): 国庆节 2026-10-01..07 off, 2026-10-10 (Saturday) 调休上班.
const calendar = new WorkingDayCalendar(loadCalendarYears());

describe('days left on a duty: working days where the deadline is set in working days (reference/supervision.json countedIn)', () => {
  it('reference/decision-steps.json reviewWorkingDays: a review counts in working days; a holder’s investigation notice (42号令第十二条, a date) in calendar days', () => {
    expect(countsInWorkingDays('review')).toBe(true);
    expect(countsInWorkingDays('investigation_notice')).toBe(false);
    expect(countsInWorkingDays('monitoring_report')).toBe(false);
  });

  it('国务院办公厅 2026 年节假日安排 (国庆节): a review due 2026-10-09 read on 2026-09-28 has 剩余 4 个工作日 (11 calendar days across the holiday)', () => {
    expect(daysLeftOf('review', '2026-10-09', '2026-09-28', calendar)).toEqual({
      daysLeft: 11, overdue: false, daysUnit: 'workingDays', workingDaysLeft: 4, daysText: '剩余 4 个工作日',
    });
    expect(daysLeftOf('investigation_notice', '2026-10-09', '2026-09-28', calendar)).toEqual({
      daysLeft: 11, overdue: false, daysUnit: 'calendarDays', daysText: '剩余 11 日',
    });
  });

  it('国庆节调休上班 2026-10-10: a Saturday workday counts; a review due Monday 2026-10-12 read on Friday 2026-10-09 has 剩余 2 个工作日', () => {
    expect(daysLeftOf('review', '2026-10-12', '2026-10-09', calendar)).toMatchObject({ daysLeft: 3, workingDaysLeft: 2, daysText: '剩余 2 个工作日' });
  });

  it('overdue stays the calendar reading (the due date has passed); the text counts the working days gone by', () => {
    expect(daysLeftOf('review', '2026-09-30', '2026-10-08', calendar)).toEqual({
      daysLeft: -8, overdue: true, daysUnit: 'workingDays', workingDaysLeft: -1, daysText: '已逾期 1 个工作日',
    });
    // Past a due date on the eve of the holiday, no working day has gone by: the calendar days are said.
    expect(daysLeftOf('review', '2026-09-30', '2026-10-03', calendar)).toMatchObject({ overdue: true, workingDaysLeft: 0, daysText: '已逾期 3 日' });
    expect(daysLeftOf('review', '2026-10-09', '2026-10-09', calendar)).toMatchObject({ daysLeft: 0, overdue: false, daysText: '今日到期' });
  });

  it('a year without holiday data is never guessed (CalendarYearMissingError): calendar days are said instead', () => {
    expect(daysLeftOf('review', '2031-01-10', '2031-01-02', calendar)).toEqual({
      daysLeft: 8, overdue: false, daysUnit: 'calendarDays', daysText: '剩余 8 日',
    });
  });
});
