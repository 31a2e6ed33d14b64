import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A leaner samples table for large imports. A sample row is known by its
 * report and its line in the report's file, so the surrogate id and its
 * sequence go, and the primary key (report_id, line) also serves the lookups
 * by report. One foreign key (report_id, plot_id) → reports (id, plot_id)
 * replaces two, and also guarantees that a sample belongs to its report's plot.
 */
export class LeanSamples1764979200000 implements MigrationInterface {
  name = 'LeanSamples1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports ADD CONSTRAINT reports_id_plot_unique UNIQUE (id, plot_id)`);
    await q.query(`ALTER TABLE samples DROP CONSTRAINT samples_report_id_fkey, DROP CONSTRAINT samples_plot_id_fkey`);
    await q.query(`ALTER TABLE samples DROP COLUMN id`);
    await q.query(`ALTER TABLE samples ADD CONSTRAINT samples_pkey PRIMARY KEY (report_id, line)`);
    await q.query(`DROP INDEX samples_report_idx`);
    await q.query(
      `ALTER TABLE samples ADD CONSTRAINT samples_report_fkey FOREIGN KEY (report_id, plot_id) REFERENCES reports (id, plot_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE samples DROP CONSTRAINT samples_report_fkey, DROP CONSTRAINT samples_pkey`);
    await q.query(`CREATE INDEX samples_report_idx ON samples (report_id)`);
    await q.query(`ALTER TABLE samples ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`);
    await q.query(
      `ALTER TABLE samples ADD CONSTRAINT samples_report_id_fkey FOREIGN KEY (report_id) REFERENCES reports (id),
         ADD CONSTRAINT samples_plot_id_fkey FOREIGN KEY (plot_id) REFERENCES plots (id)`,
    );
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_id_plot_unique`);
  }
}
