import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationFailedError, type FieldError } from '../common/errors';
import { DirectoryRepository } from '../organisations/directory.repository';
import { CalendarRepository, type CalendarYearRow } from './calendar.repository';
import { CalendarDataError, loadCalendarYears, parseCalendarTsv, type CalendarYear } from './calendar-tsv';
import { WorkingDayCalendar } from './working-days';

const REFERENCE_SOURCE = 'reference/cn-workdays-%s.tsv（随软件发布，国务院办公厅节假日安排通知）';

/**
 * The working-day calendar as data (calendar_years). A year shipped in
 * reference/cn-workdays-YYYY.tsv is added to the table whenever the table lacks
 * it; an admin enters each new year. Every use reads a cheap key (row count and
 * last change) and reloads when it moved, so all processes count with an
 * admin's change at once.
 */
@Injectable()
export class CalendarService {
  private cached?: { key: string; calendar: WorkingDayCalendar };
  /** The years shipped in reference/, validated when the application starts. */
  private readonly reference: CalendarYear[] = loadCalendarYears();

  constructor(private readonly calendarYears: CalendarRepository, private readonly directory: DirectoryRepository) {}

  /** The current calendar. Inside a transaction pass its manager (the embedded database has one connection). */
  async calendar(em?: EntityManager): Promise<WorkingDayCalendar> {
    const key = await this.currentKey(em);
    if (this.cached?.key === key) return this.cached.calendar;
    const calendar = new WorkingDayCalendar(await this.calendarYears.all(em));
    this.cached = { key, calendar };
    return calendar;
  }

  async list() {
    const rows = await this.rows();
    return {
      items: rows.map((r) => ({
        year: r.year,
        holidays: r.days.filter((d) => d.kind === 'holiday').length,
        workdays: r.days.filter((d) => d.kind === 'workday').length,
        source: r.source,
        updatedBy: r.updatedByName,
        updatedAt: new Date(r.updatedAt).toISOString(),
      })),
    };
  }

  async get(year: number) {
    const [row] = await this.rows(year);
    if (!row) throw new NotFoundError(`尚未录入 ${year} 年的节假日安排`);
    return toYearView(row);
  }

  /** Enters or replaces one year's arrangement; a bad file is refused with every bad line. */
  async put(me: Principal, year: number, tsv: string, source?: string) {
    let parsed;
    try {
      parsed = parseCalendarTsv(tsv, { year, file: `cn-workdays-${year}.tsv` });
    } catch (e) {
      if (!(e instanceof CalendarDataError)) throw e;
      const errors = e.errors.map((x) => ({ field: 'tsv', line: x.line, column: x.column, message: x.message }));
      throw new ValidationFailedError(errors as FieldError[], `节假日安排有 ${errors.length} 处错误，未保存`);
    }
    const entry = { year, days: parsed.days, source: source ?? `管理员录入（${me.displayName}）`, updatedBy: me.userId };
    // The year and the change log (变更记录) are written together, or neither.
    await this.directory.transaction(async (em) => {
      await this.calendarYears.put(entry, em);
      const holidays = parsed.days.filter((d) => d.kind === 'holiday').length;
      await this.directory.recordChange(em, {
        actorUserId: me.userId, action: 'update', entity: 'calendar', entityId: String(year),
        details: { year, source: entry.source, holidays, workdays: parsed.days.length - holidays },
      });
    });
    return this.get(year);
  }

  /** The table's change key, after adding any shipped year it lacks. */
  private async currentKey(em?: EntityManager): Promise<string> {
    const state = await this.calendarYears.state(em);
    const missing = this.reference.filter((y) => !state.years.includes(y.year));
    if (!missing.length) return state.key;
    for (const y of missing) await this.calendarYears.addShipped(y, REFERENCE_SOURCE.replace('%s', String(y.year)), em);
    return this.currentKey(em);
  }

  private async rows(year?: number): Promise<CalendarYearRow[]> {
    await this.currentKey();
    return this.calendarYears.rows(year);
  }
}

function toYearView(r: CalendarYearRow) {
  return {
    year: r.year,
    days: r.days,
    source: r.source,
    updatedBy: r.updatedByName,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
