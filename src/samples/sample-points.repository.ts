import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SamplePointLimits {
  medium: string[];
  cas: string[];
  screening: Array<number | null>;
  background: Array<number | null>;
}

export interface SamplePointRow {
  x: number;
  y: number;
  sampleIds: string[];
  samples: number;
  results: number;
  /** highest detected value over its screening value, among the results that have one */
  maxRatio: number | null;
  worstAnalyte: string | null;
  exceeds: boolean;
  detected: boolean;
  total: number;
}

/**
 * The plot map's sample locations (一张图, issue 19): a read-only query over `samples` and `reports` (written by
 * src/reports/reports.repository.ts). One row per location (x, y), worst first.
 */
@Injectable()
export class SamplePointsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The reports of the plot among those asked for (all of the plot's when none is named). */
  async reportsOf(plotId: string, reportId?: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM reports WHERE plot_id = $1 AND ($2::uuid IS NULL OR id = $2::uuid) ORDER BY created_at LIMIT 200`,
      [plotId, reportId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The locations in two passes: the exceedance of every location first (max and bool_or only), then the sample ids and
   * the worst analyte for the page's locations alone, so that a report of 100k locations sorts no array but the page's.
   */
  locations(reportIds: string[], limits: SamplePointLimits, limit: number): Promise<SamplePointRow[]> {
    return this.ds.query(
      `WITH l AS (SELECT * FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[]) AS l (medium, cas, screening, background)),
            v AS MATERIALIZED (
              SELECT s.x, s.y, s.sample_id, s.analyte, CASE WHEN s.detected THEN s.value END AS value, l.screening, l.background
                FROM samples s LEFT JOIN l ON l.cas = s.cas AND l.medium = s.medium
               WHERE s.report_id = ANY ($1::uuid[])),
            loc AS (SELECT v.x, v.y, count(*)::int AS results,
                           max(v.value / v.screening) FILTER (WHERE v.screening > 0) AS "maxRatio",
                           coalesce(bool_or(v.value > v.screening AND (v.background IS NULL OR v.value > v.background)), false) AS exceeds,
                           bool_or(v.value IS NOT NULL) AS detected
                      FROM v GROUP BY v.x, v.y),
            top AS (SELECT loc.*, count(*) OVER ()::int AS total FROM loc
                     ORDER BY loc.exceeds DESC, loc."maxRatio" DESC NULLS LAST, loc.x, loc.y LIMIT $6),
            d AS (SELECT v.x, v.y,
                         (array_agg(DISTINCT v.sample_id ORDER BY v.sample_id))[1:20] AS "sampleIds",
                         count(DISTINCT v.sample_id)::int AS samples,
                         (array_agg(v.analyte ORDER BY v.value / v.screening DESC NULLS LAST) FILTER (WHERE v.screening > 0 AND v.value IS NOT NULL))[1] AS "worstAnalyte"
                    FROM v JOIN top ON top.x = v.x AND top.y = v.y GROUP BY v.x, v.y)
       SELECT top.*, d."sampleIds", d.samples, d."worstAnalyte" FROM top JOIN d ON d.x = top.x AND d.y = top.y
        ORDER BY top.exceeds DESC, top."maxRatio" DESC NULLS LAST, top.x, top.y`,
      [reportIds, limits.medium, limits.cas, limits.screening, limits.background, limit],
    );
  }
}
