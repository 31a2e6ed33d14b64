import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarDay, CalendarYear } from './calendar-tsv';

export interface CalendarYearRow {
  year: number;
  days: CalendarDay[];
  source: string;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
}

/** Owns the SQL of `calendar_years`, the State Council's holiday arrangement per year. */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A key that moves with every change (row count and last change) and the years the table holds. */
  async state(em: EntityManager = this.ds.manager): Promise<{ key: string; years: number[] }> {
    const [state] = await em.query(
      `SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS key, coalesce(array_agg(year), '{}') AS years
         FROM calendar_years`,
    );
    return state;
  }

  all(em: EntityManager = this.ds.manager): Promise<CalendarYear[]> {
    return em.query(`SELECT year, days FROM calendar_years ORDER BY year`);
  }

  /** Adds a shipped year unless the table has it (an admin's entry of that year is never overwritten). */
  async addShipped(year: CalendarYear, source: string, em: EntityManager = this.ds.manager): Promise<void> {
    await em.query(`INSERT INTO calendar_years (year, days, source) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING`, [
      year.year,
      JSON.stringify(year.days),
      source,
    ]);
  }

  /** Enters or replaces a year as an admin's entry. */
  async put(entry: { year: number; days: CalendarDay[]; source: string; updatedBy: string }, em: EntityManager = this.ds.manager): Promise<void> {
    await em.query(
      `INSERT INTO calendar_years (year, days, source, updated_by, updated_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (year) DO UPDATE SET days = EXCLUDED.days, source = EXCLUDED.source,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [entry.year, JSON.stringify(entry.days), entry.source, entry.updatedBy],
    );
  }

  /** Every year, or the one asked for, with the name of whoever entered it. */
  rows(year?: number, em: EntityManager = this.ds.manager): Promise<CalendarYearRow[]> {
    return em.query(
      `SELECT c.year, c.days, c.source, c.updated_by AS "updatedBy", u.display_name AS "updatedByName", c.updated_at AS "updatedAt"
         FROM calendar_years c LEFT JOIN users u ON u.id = c.updated_by
        WHERE $1::int IS NULL OR c.year = $1 ORDER BY c.year`,
      [year ?? null],
    );
  }
}
