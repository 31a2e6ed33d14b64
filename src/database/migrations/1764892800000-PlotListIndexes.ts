import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the plot lists and registers at scale: the newest-first order,
 * within a jurisdiction and over all plots, the stage filter, the register's
 * listing date, and trigram indexes for the free-text
 * search (`q` matches anywhere in code, name or address, so a b-tree cannot
 * serve it). pg_trgm ships with PostgreSQL's contrib modules and with PGlite.
 */
export class PlotListIndexes1764892800000 implements MigrationInterface {
  name = 'PlotListIndexes1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX plots_recent_idx ON plots (updated_at DESC, id)`);
    await q.query(`CREATE INDEX plots_jurisdiction_recent_idx ON plots (jurisdiction_code, updated_at DESC, id)`);
    for (const column of ['code', 'name', 'address']) {
      await q.query(`CREATE INDEX plots_${column}_trgm_idx ON plots USING gin (${column} gin_trgm_ops)`);
    }
    // A stage is the state's first segment ('listed' of 'listed.remediation'). LIKE 'listed.%' cannot use a b-tree
    // in every collation, and an expression index cannot answer a count by itself: a stored column can.
    await q.query(`ALTER TABLE plots ADD COLUMN stage varchar(100) GENERATED ALWAYS AS (split_part(state, '.', 1)) STORED`);
    await q.query(`CREATE INDEX plots_stage_idx ON plots (stage, updated_at DESC, id)`);
    await q.query(`CREATE INDEX transports_destination_plot_idx ON transports (destination_jurisdiction, plot_id)`);
    // The register's 纳入名录 date: the steps that entered it, a small part of a plot's audit chain.
    await q.query(
      `CREATE INDEX audit_log_listing_idx ON audit_log (entity_id, at)
        WHERE entity_type = 'plot' AND to_state LIKE 'listed.%' AND (from_state IS NULL OR from_state NOT LIKE 'listed.%')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['plots_recent_idx', 'plots_jurisdiction_recent_idx', 'plots_code_trgm_idx', 'plots_name_trgm_idx',
      'plots_address_trgm_idx', 'plots_stage_idx', 'transports_destination_plot_idx', 'audit_log_listing_idx']) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`ALTER TABLE plots DROP COLUMN stage`);
  }
}
