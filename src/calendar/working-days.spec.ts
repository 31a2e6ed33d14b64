import { join } from 'node:path';
import { findProjectRoot } from '../reference/reference-files';
import {
  CalendarYearMissingError,
  InvalidDateError,
  WorkingDayCalendar,
  loadCalendarYear,
  loadWorkingDayCalendar,
  todayInChina,
} from './working-days';

const year2026 = loadCalendarYear(join(findProjectRoot(), 'reference', 'cn-workdays-2026.tsv'));
const calendar = new WorkingDayCalendar([year2026]);

describe('WorkingDayCalendar with the State Council arrangement for 2026', () => {
  it('loads every cn-workdays-YYYY.tsv in reference/', () => {
    const loaded = loadWorkingDayCalendar();
    expect(loaded.hasYear(2026)).toBe(true);
    expect(loaded.hasYear(2027)).toBe(false);
    expect(year2026.days).toHaveLength(39);
  });

  it.each([
    ['2026-01-05', true, 'an ordinary Monday'],
    ['2026-01-10', false, 'an ordinary Saturday'],
    ['2026-01-01', false, '元旦 holiday on a Thursday'],
    ['2026-01-04', true, '元旦调休上班 on a Sunday'],
    ['2026-02-14', true, '春节调休上班 on a Saturday'],
    ['2026-02-16', false, '春节 holiday on a Monday'],
    ['2026-02-28', true, '春节调休上班 on a Saturday'],
    ['2026-09-20', true, '国庆节调休上班 on a Sunday'],
    ['2026-09-19', false, 'the Saturday before it'],
    ['2026-09-25', false, '中秋节 on a Friday'],
    ['2026-10-08', true, 'the Thursday after 国庆节'],
    ['2026-10-10', true, '国庆节调休上班 on a Saturday'],
  ])('isWorkingDay(%s) is %s: %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('counts a lead time across the Mid-Autumn and National Day holidays', () => {
    // From Thursday 09-24: 09-25..27 中秋 off, 09-28..30 worked, 10-01..07 国庆 off, 10-08, 10-09 worked.
    expect(calendar.addWorkingDays('2026-09-24', 1)).toBe('2026-09-28');
    expect(calendar.addWorkingDays('2026-09-24', 5)).toBe('2026-10-09');
    expect(calendar.addWorkingDays('2026-09-24', 6)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.workingDaysBetween('2026-09-24', '2026-10-09')).toBe(5);
  });

  it('a transport planned 2026-10-08 after a submission on 09-24 is 4 working days ahead: refused with the default 5', () => {
    expect(calendar.workingDaysBetween('2026-09-24', '2026-10-08')).toBe(4);
    expect(calendar.workingDaysBetween('2026-09-24', '2026-10-08') >= 5).toBe(false);
  });

  it('counts a lead time across the Spring Festival, with both adjusted working Saturdays', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(calendar.addWorkingDays('2026-02-13', 6)).toBe('2026-02-28');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-03-02')).toBe(7);
  });

  it('counts the adjusted working Sunday 2026-09-20 in a lead time', () => {
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
  });

  it('workingDaysBetween counts d with from < d <= to, and 0 when to <= from', () => {
    expect(calendar.workingDaysBetween('2026-01-05', '2026-01-05')).toBe(0);
    expect(calendar.workingDaysBetween('2026-01-05', '2026-01-06')).toBe(1);
    expect(calendar.workingDaysBetween('2026-01-06', '2026-01-05')).toBe(0);
    expect(calendar.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(1);
  });

  it('adds 0 and negative working days', () => {
    expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
    expect(calendar.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(calendar.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(() => calendar.addWorkingDays('2026-02-24', 1.5)).toThrow(RangeError);
  });
});

describe('years without data are refused, never guessed', () => {
  it('throws CalendarYearMissingError when New Year 2026 lead time crosses into 2027', () => {
    expect(calendar.addWorkingDays('2026-12-29', 2)).toBe('2026-12-31');
    expect(() => calendar.addWorkingDays('2026-12-29', 3)).toThrow(CalendarYearMissingError);
    expect(() => calendar.addWorkingDays('2026-12-29', 3)).toThrow('缺少 2027 年的节假日安排数据，请管理员在“工作日历”中补录');
    expect(() => calendar.workingDaysBetween('2026-12-20', '2027-01-10')).toThrow(CalendarYearMissingError);
  });

  it('refuses a date in a year without data, even the starting date', () => {
    expect(() => calendar.isWorkingDay('2025-12-31')).toThrow(expect.objectContaining({ year: 2025 }));
    expect(() => calendar.addWorkingDays('2025-12-31', 1)).toThrow(CalendarYearMissingError);
  });

  it('answers across the year end once the next year is entered', () => {
    const next = new WorkingDayCalendar([year2026, { year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] }]);
    expect(next.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });
});

describe('dates', () => {
  it('refuses malformed and impossible dates', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(InvalidDateError);
    expect(() => calendar.isWorkingDay('2026/10/01')).toThrow('日期无效');
  });

  it('todayInChina gives the date in UTC+8 whatever the server time zone', () => {
    expect(todayInChina(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(todayInChina(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
  });

  it('refuses duplicate years and misplaced days when built from data', () => {
    expect(() => new WorkingDayCalendar([year2026, year2026])).toThrow('2026 年的数据重复');
    const wrong = { year: 2027, days: [{ date: '2026-01-01', kind: 'holiday' as const, name: '元旦' }] };
    expect(() => new WorkingDayCalendar([wrong])).toThrow('不属于 2027 年');
  });
});
