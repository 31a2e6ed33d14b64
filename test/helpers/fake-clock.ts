import type { Clock } from '../../src/clock/clock';

/** A clock the test sets: `at('2026-09-24')` is 10:00 China Standard Time that day. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(date: string) {
    this.current = FakeClock.chinaMorning(date);
  }

  static chinaMorning(date: string): Date {
    return new Date(`${date}T10:00:00+08:00`);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  at(date: string): this {
    this.current = FakeClock.chinaMorning(date);
    return this;
  }
}
