import { todayInChina } from '../calendar/calendar-date';

/** Where the application reads the time from; one provider, so tests can drive deadlines and lead times. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

/**
 * The application's clock: the system time, unless a test has put another
 * source in (`use`). Dates that rules count on are China Standard Time days.
 */
export class AppClock implements Clock {
  private source: Clock = { now: () => new Date() };

  now(): Date {
    return this.source.now();
  }

  /** Today's date, YYYY-MM-DD in China Standard Time. */
  today(): string {
    return todayInChina(this.now());
  }

  /** Replaces the time source (tests: a fake clock shared by several app instances). */
  use(source: Clock): void {
    this.source = source;
  }

  /** The time source in use, so that a test that moves time for one step can put it back. */
  current(): Clock {
    return this.source;
  }
}
