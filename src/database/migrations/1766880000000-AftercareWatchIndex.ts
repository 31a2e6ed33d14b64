import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The aftercare watch list (后期管理, 土壤法第四十二条; issue 24). Its rows are the open aftercare obligations of plots
 * — a few per released or controlled plot — and the pending-deadlines index holds every open deadline of every kind
 * besides them, so at 100k plots the planner read all deadlines instead. This partial index holds the list's rows
 * alone; test/query-plans.e2e-spec.ts asserts the plan on both databases.
 */
export class AftercareWatchIndex1766880000000 implements MigrationInterface {
  name = 'AftercareWatchIndex1766880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX deadlines_aftercare_open_idx ON deadlines (plot_id) INCLUDE (status, due_date)
      WHERE kind = 'aftercare' AND status <> 'done' AND transport_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_aftercare_open_idx`);
  }
}
