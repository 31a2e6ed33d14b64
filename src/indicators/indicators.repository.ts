import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { jurisdictionPrefix } from '../common/jurisdiction';
import { subtreePattern } from '../organisations/jurisdiction-subtree';

export interface DevelopmentInsert {
  plotId: string;
  jurisdictionCode: string;
  enteredAt: string;
  plannedLandClass: 1 | 2;
  use: string;
  landClass: 1 | 2;
  beganOn: string;
  stateAtStart: string;
  permittedClassAtStart: 1 | 2 | null;
  recordedBy: string;
}

export interface SafeUseBounds {
  /** the jurisdiction whose subtree is counted */
  code: string;
  /** 31 December of the year (a development began on or before it) */
  lastDay: string;
  /** 1 January of the next year 00:00 China Standard Time (a plot entered the procedure before it) */
  yearEnd: string;
  concludedStates: string[];
}

export interface SafeUseCountRow {
  child: string | null;
  childName: string | null;
  numerator: number;
  denominator: number;
}

export interface CountedPlotRow {
  id: string;
  code: string;
  name: string;
  jurisdictionCode: string;
  enteredOn: string;
  state: string;
  plannedLandClass: 1 | 2;
  permittedLandClass: 1 | 2 | null;
  use: string;
  beganOn: string;
}

/**
 * 污染地块安全利用率 (reference/safe-use-indicator.json): owner of `plot_developments`, and the indicator's read-only
 * counts over it and `plots` (written by src/plots/plots.repository.ts).
 */
@Injectable()
export class IndicatorsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The plot's row as the recording of its development needs it, locked for the recording's transaction. */
  async plotForDevelopment(em: EntityManager, plotId: string) {
    const rows: Array<{ id: string; jurisdictionCode: string; state: string; permitted: number | null; planned: 1 | 2; enteredAt: string; enteredOn: string; recorded: boolean }> = await em.query(
      `SELECT p.id, p.jurisdiction_code AS "jurisdictionCode", p.state, p.planned_land_class AS planned, p.created_at AS "enteredAt",
              (p.snapshot->'context'->>'permittedLandClass')::int AS permitted,
              to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "enteredOn",
              EXISTS (SELECT 1 FROM plot_developments d WHERE d.plot_id = p.id) AS recorded
         FROM plots p WHERE p.id = $1 FOR UPDATE`,
      [plotId],
    );
    return rows[0];
  }

  async insertDevelopment(em: EntityManager, d: DevelopmentInsert): Promise<void> {
    await em.query(
      `INSERT INTO plot_developments (plot_id, use, land_class, began_on, state_at_start, permitted_class_at_start, recorded_by,
         jurisdiction_code, entered_at, planned_land_class)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10)`,
      [d.plotId, d.use, d.landClass, d.beganOn, d.stateAtStart, d.permittedClassAtStart, d.recordedBy, d.jurisdictionCode, d.enteredAt, d.plannedLandClass],
    );
  }

  /**
   * Numerator and denominator of the subtree, per child jurisdiction when `byChild` (a province's cities, a city's
   * districts). Safe: the state when the development began is a concluded one and the developed class is within the
   * permitted one (1 permits both classes, 2 only the second; without a recorded permission the planned class).
   */
  counts(b: SafeUseBounds, byChild: boolean, em: EntityManager = this.ds.manager): Promise<SafeUseCountRow[]> {
    const prefixLength = jurisdictionPrefix(b.code).length;
    const child = byChild ? `rpad(left(d.jurisdiction_code, ${prefixLength + 2}), 6, '0')` : 'NULL::varchar';
    return em.query(
      `SELECT c.child, j.name AS "childName", c.numerator, c.denominator
         FROM (SELECT ${child} AS child,
                      (count(*) FILTER (WHERE split_part(d.state_at_start, '.', 1) = ANY($4)
                                          AND d.land_class >= coalesce(d.permitted_class_at_start, d.planned_land_class)))::int AS numerator,
                      count(*)::int AS denominator
                 FROM plot_developments d
                WHERE d.jurisdiction_code LIKE $1 AND d.began_on <= $2::date AND d.entered_at < $3
                GROUP BY 1) c
         LEFT JOIN jurisdictions j ON j.code = c.child
        ORDER BY c.child`,
      [subtreePattern(b.code), b.lastDay, b.yearEnd, b.concludedStates],
    );
  }

  /** Plots of the subtree that had entered the procedure by the year's end (those not counted were not developed). */
  async entered(b: SafeUseBounds, em: EntityManager = this.ds.manager): Promise<number> {
    const [row] = await em.query(`SELECT count(*)::int AS n FROM plots p WHERE p.jurisdiction_code LIKE $1 AND p.created_at < $2`, [
      subtreePattern(b.code), b.yearEnd,
    ]);
    return row.n;
  }

  /** One page of the counted plots, by jurisdiction and the day their development began (the index's order), then joined to the plots. */
  countedPage(b: SafeUseBounds, limit: number, offset: number, em: EntityManager = this.ds.manager): Promise<CountedPlotRow[]> {
    return em.query(
      `SELECT p.id, p.code, p.name, d.jurisdiction_code AS "jurisdictionCode",
              to_char(d.entered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "enteredOn",
              d.state_at_start AS state, d.planned_land_class AS "plannedLandClass",
              d.permitted_class_at_start AS "permittedLandClass", d.use, to_char(d.began_on, 'YYYY-MM-DD') AS "beganOn"
         FROM (SELECT * FROM plot_developments d
                WHERE d.jurisdiction_code LIKE $1 AND d.began_on <= $2::date AND d.entered_at < $3
                ORDER BY d.jurisdiction_code USING ~<~, d.began_on, d.plot_id LIMIT $4 OFFSET $5) d
         JOIN plots p ON p.id = d.plot_id
        ORDER BY d.jurisdiction_code USING ~<~, d.began_on, d.plot_id`,
      [subtreePattern(b.code), b.lastDay, b.yearEnd, limit, offset],
    );
  }
}
