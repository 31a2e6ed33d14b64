import { DomainError } from '../common/errors';
import { CalendarYearMissingError } from './working-days';

/** 422: a working-day question touches a year whose holiday arrangement has not been entered. Never guessed. */
export class CalendarYearMissingProblem extends DomainError {
  readonly status = 422;
  readonly code = 'CALENDAR_YEAR_MISSING';
  constructor(readonly year: number, message: string) {
    super(message);
  }
  details() {
    return { year: this.year, guard: 'calendarYearCovered', reason: this.message };
  }
}

/** Runs a calendar computation, turning a missing year into the 422 a client can act on. */
export function countingWorkingDays<T>(compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof CalendarYearMissingError) throw new CalendarYearMissingProblem(e.year, e.message);
    throw e;
  }
}
