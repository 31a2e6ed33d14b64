import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { DeadlineKind } from '../deadlines/deadline-rules';
import { plotVisibility } from '../plots/plot-access';

export interface PlotListFilter {
  stage?: string;
  jurisdiction?: string;
  overdue?: boolean;
  today: string;
}

export interface ExportRow {
  id: string;
  code: string;
  name: string;
  address: string;
  jurisdictionName: string;
  state: string;
  holderName: string;
  areaM2: number;
  updatedAt: string;
  nearestKind: DeadlineKind | null;
  nearestDue: string | null;
}

/**
 * The plot list's figures and its export (issue 22 point 5): reads of the plot registry (owned by
 * src/plots/plots.repository.ts) under the same visibility rule, counted by stage or walked by code in batches.
 */
@Injectable()
export class PlotListRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async stageCounts(me: Principal, f: Omit<PlotListFilter, 'stage'>): Promise<Array<{ stage: string; count: number }>> {
    const params: unknown[] = [];
    const where = conditions(me, f, params);
    return this.ds.query(`SELECT p.stage, count(*)::int AS count FROM plots p WHERE ${where} GROUP BY p.stage`, params);
  }

  /** One batch of the filtered list after the code `after`, in code order (plots_code_unique). */
  async batchAfter(me: Principal, f: PlotListFilter, after: string, limit: number): Promise<ExportRow[]> {
    const params: unknown[] = [];
    const where = conditions(me, f, params);
    params.push(after, limit);
    return this.ds.query(
      `SELECT p.id, p.code, p.name, p.address, j.name AS "jurisdictionName", p.state, o.name AS "holderName",
              p.area_m2::float8 AS "areaM2", p.updated_at AS "updatedAt", nd.kind AS "nearestKind", nd.due AS "nearestDue"
         FROM plots p JOIN jurisdictions j ON j.code = p.jurisdiction_code JOIN organisations o ON o.id = p.holder_organisation_id
         LEFT JOIN LATERAL (SELECT d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS due FROM deadlines d
                             WHERE d.plot_id = p.id AND d.status <> 'done' ORDER BY d.due_date, d.kind LIMIT 1) nd ON TRUE
        WHERE ${where} AND p.code > $${params.length - 1}
        ORDER BY p.code LIMIT $${params.length}`,
      params,
    );
  }
}

function conditions(me: Principal, f: Partial<PlotListFilter>, params: unknown[]): string {
  const where = [plotVisibility(me, 'p', params)];
  if (f.stage) where.push(`p.stage = $${params.push(f.stage)}`);
  if (f.jurisdiction) where.push(`p.jurisdiction_code = $${params.push(f.jurisdiction)}`);
  if (f.overdue && f.today) {
    where.push(`EXISTS (SELECT 1 FROM deadlines d WHERE d.plot_id = p.id AND d.status <> 'done' AND d.due_date < $${params.push(f.today)}::date)`);
  }
  return where.join(' AND ');
}
