import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SampleMedium } from '../evidence/sample-row';
import type { CasTally, LimitTable } from '../evidence/screening';

/**
 * The figures of samples, counted where they are: a plot may hold any number
 * of results, and none of them is carried into the process. Samples are
 * written by ReportsRepository; sample_summaries by a trigger on samples.
 * Only the reports named count: the deciding ones (workflows/plot-lifecycle/v2/evidence.ts).
 */
@Injectable()
export class ScreeningRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Per CAS number, the tally of the results of one medium in the named reports of the kinds
   * given, against the limits given. The counts test the rule of countsAsExceedance in
   * screening.ts: above the limit, and above the background value where there is one; a null
   * limit (a pollutant without a standard value) is never exceeded.
   * A CAS number without limits comes back with zero counts, for the caller to refuse.
   */
  tallies(
    em: EntityManager | undefined,
    q: { plotId: string; reportIds: string[]; kinds: string[]; medium: SampleMedium },
    limits: LimitTable,
  ): Promise<CasTally[]> {
    if (!q.reportIds.length) return Promise.resolve([]);
    return (em ?? this.ds.manager).query(
      `WITH l AS (SELECT * FROM unnest($4::text[], $5::float8[], $6::float8[], $7::float8[]) AS l (cas, screening, intervention, background)),
            v AS (SELECT s.cas, CASE WHEN s.detected THEN s.value END AS value
                    FROM reports r JOIN samples s ON s.report_id = r.id
                   WHERE r.plot_id = $1 AND r.id = ANY ($2::uuid[]) AND r.kind = ANY ($3) AND s.medium = $8)
       SELECT v.cas, count(*)::int AS n, count(v.value)::int AS "nDetected", max(v.value) AS max,
              count(*) FILTER (WHERE v.value > l.screening AND (l.background IS NULL OR v.value > l.background))::int AS "nAboveScreening",
              count(*) FILTER (WHERE v.value > l.intervention AND (l.background IS NULL OR v.value > l.background))::int AS "nAboveIntervention",
              count(*) FILTER (WHERE v.value > l.screening AND v.value <= l.background)::int AS "nExempt"
         FROM v LEFT JOIN l ON l.cas = v.cas
        GROUP BY v.cas`,
      [q.plotId, q.reportIds, q.kinds, limits.cas, limits.screening, limits.intervention, limits.background, q.medium],
    );
  }

  /**
   * Per plot and CAS number, the highest detected soil value in the named reports of the kinds
   * given, from the reports' summaries (a report belongs to one plot). Each report's summaries are read by the
   * primary key (report_id, medium, cas): the planner, left to itself, hashed the whole table for a register's page
   * (bench:queries, issue 24); OFFSET 0 keeps the lateral read per report.
   */
  maxima(reportIds: string[], kinds: string[]): Promise<Array<{ plotId: string; cas: string; max: number | null }>> {
    if (!reportIds.length) return Promise.resolve([]);
    return this.ds.query(
      `SELECT r.plot_id AS "plotId", m.cas, max(m.max_detected) AS max
         FROM reports r
        CROSS JOIN LATERAL (SELECT s.cas, s.max_detected FROM sample_summaries s
                             WHERE s.report_id = r.id AND s.medium = 'soil' OFFSET 0) m
        WHERE r.id = ANY ($1::uuid[]) AND r.kind = ANY ($2)
        GROUP BY r.plot_id, m.cas`,
      [reportIds, kinds],
    );
  }

  /** The highest detected soil value per CAS number in the named reports (any kind), for the intervention check at upload. */
  async soilMaxima(em: EntityManager | undefined, reportIds: string[]): Promise<Array<{ cas: string; max: number | null }>> {
    if (!reportIds.length) return [];
    return (em ?? this.ds.manager).query(
      `SELECT m.cas, max(m.max_detected) AS max FROM sample_summaries m
        WHERE m.report_id = ANY ($1::uuid[]) AND m.medium = 'soil' GROUP BY m.cas`,
      [reportIds],
    );
  }
}
