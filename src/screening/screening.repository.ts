import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CasTally, LimitTable } from '../evidence/screening';

/**
 * The figures of samples, counted where they are: a plot may hold any number
 * of results, and none of them is carried into the process. Samples are
 * written by ReportsRepository; sample_summaries by a trigger on samples.
 */
@Injectable()
export class ScreeningRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Per CAS number, the tally of a plot's results in reports of the kinds given,
   * against the limits given. The counts test the rule of countsAsExceedance in
   * screening.ts: above the limit, and above the background value where there is one.
   * A CAS number without limits comes back with zero counts, for the caller to refuse.
   */
  tallies(em: EntityManager | undefined, plotId: string, kinds: string[], limits: LimitTable): Promise<CasTally[]> {
    return (em ?? this.ds.manager).query(
      `WITH l AS (SELECT * FROM unnest($3::text[], $4::float8[], $5::float8[], $6::float8[]) AS l (cas, screening, intervention, background)),
            v AS (SELECT s.cas, CASE WHEN s.detected THEN s.value END AS value
                    FROM reports r JOIN samples s ON s.report_id = r.id
                   WHERE r.plot_id = $1 AND r.kind = ANY ($2))
       SELECT v.cas, count(*)::int AS n, count(v.value)::int AS "nDetected", max(v.value) AS max,
              count(*) FILTER (WHERE v.value > l.screening AND (l.background IS NULL OR v.value > l.background))::int AS "nAboveScreening",
              count(*) FILTER (WHERE v.value > l.intervention AND (l.background IS NULL OR v.value > l.background))::int AS "nAboveIntervention",
              count(*) FILTER (WHERE v.value > l.screening AND v.value <= l.background)::int AS "nExempt"
         FROM v LEFT JOIN l ON l.cas = v.cas
        GROUP BY v.cas`,
      [plotId, kinds, limits.cas, limits.screening, limits.intervention, limits.background],
    );
  }

  /** Per plot and CAS number, the highest detected value in the plots' reports of the kinds given, from the reports' summaries. */
  maxima(plotIds: string[], kinds: string[]): Promise<Array<{ plotId: string; cas: string; max: number | null }>> {
    if (!plotIds.length) return Promise.resolve([]);
    return this.ds.query(
      `SELECT r.plot_id AS "plotId", m.cas, max(m.max_detected) AS max
         FROM reports r JOIN sample_summaries m ON m.report_id = r.id
        WHERE r.plot_id = ANY ($1) AND r.kind = ANY ($2)
        GROUP BY r.plot_id, m.cas`,
      [plotIds, kinds],
    );
  }
}
