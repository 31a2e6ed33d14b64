import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationFailedError, type FieldError } from '../common/errors';
import { CalendarDataError, loadCalendarYears, parseCalendarTsv, type CalendarDay, type CalendarYear } from './calendar-tsv';
import { WorkingDayCalendar } from './working-days';

const REFERENCE_SOURCE = 'reference/cn-workdays-%s.tsv（随软件发布，国务院办公厅节假日安排通知）';

interface YearRow {
  year: number;
  days: CalendarDay[];
  source: string;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
}

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

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The current calendar. Inside a transaction pass its manager (the embedded database has one connection). */
  async calendar(em: EntityManager = this.ds.manager): Promise<WorkingDayCalendar> {
    const key = await this.currentKey(em);
    if (this.cached?.key === key) return this.cached.calendar;
    const rows: Array<{ year: number; days: CalendarDay[] }> = await em.query(`SELECT year, days FROM calendar_years ORDER BY year`);
    const calendar = new WorkingDayCalendar(rows);
    this.cached = { key, calendar };
    return calendar;
  }

  async list() {
    const rows: YearRow[] = await this.rows();
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
    await this.ds.query(
      `INSERT INTO calendar_years (year, days, source, updated_by, updated_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (year) DO UPDATE SET days = EXCLUDED.days, source = EXCLUDED.source,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [year, JSON.stringify(parsed.days), source ?? `管理员录入（${me.displayName}）`, me.userId],
    );
    return this.get(year);
  }

  /** Row count and last change of the table, after adding any shipped year it lacks. */
  private async currentKey(em: EntityManager): Promise<string> {
    const [state] = await em.query(
      `SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS key, coalesce(array_agg(year), '{}') AS years
         FROM calendar_years`,
    );
    const missing = this.reference.filter((y) => !state.years.includes(y.year));
    if (!missing.length) return state.key;
    for (const y of missing) {
      await em.query(`INSERT INTO calendar_years (year, days, source) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING`, [
        y.year,
        JSON.stringify(y.days),
        REFERENCE_SOURCE.replace('%s', String(y.year)),
      ]);
    }
    return this.currentKey(em);
  }

  private async rows(year?: number): Promise<YearRow[]> {
    await this.currentKey(this.ds.manager);
    return this.ds.query(
      `SELECT c.year, c.days, c.source, c.updated_by AS "updatedBy", u.display_name AS "updatedByName", c.updated_at AS "updatedAt"
         FROM calendar_years c LEFT JOIN users u ON u.id = c.updated_by
        WHERE $1::int IS NULL OR c.year = $1 ORDER BY c.year`,
      [year ?? null],
    );
  }
}

function toYearView(r: YearRow) {
  return {
    year: r.year,
    days: r.days,
    source: r.source,
    updatedBy: r.updatedByName,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
