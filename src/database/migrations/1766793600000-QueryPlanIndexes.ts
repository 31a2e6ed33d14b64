import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists bench:queries reads at scale (issue 24), each asserted by its plan in
 * test/query-plans.e2e-spec.ts on both databases:
 * - key_units_list_idx: the key-unit list by name (上政文〔2017〕147号 三（二）1). A province's or the administrator's
 *   page of ids is walked in name order from the index alone — every filter of the list (jurisdiction, state, industry,
 *   organisation) is one of its columns — instead of reading and sorting every unit.
 * - monitoring_warnings_open_idx: the district's open warnings, newest first (issue 20). Only open warnings are in it;
 *   the page's ids and the count come from an index-only walk, the points joined for the page alone.
 */
export class QueryPlanIndexes1766793600000 implements MigrationInterface {
  name = 'QueryPlanIndexes1766793600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX key_units_list_idx ON key_units (name, id) INCLUDE (jurisdiction_code, state, industry, organisation_id)`);
    await q.query(`CREATE INDEX monitoring_warnings_open_idx ON monitoring_warnings (created_at DESC, id) INCLUDE (jurisdiction_code, point_id)
      WHERE state <> 'closed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX monitoring_warnings_open_idx`);
    await q.query(`DROP INDEX key_units_list_idx`);
  }
}
