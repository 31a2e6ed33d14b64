import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A leaner samples table for large imports (100k rows and more per report).
 * A sample row is known by its report and its line in the report's file, so
 * the surrogate id goes, and the primary key (report_id, line) serves the
 * reads (by report; a plot's samples are found through its reports). The two
 * row-by-row foreign keys become one check per statement: every row inserted
 * must belong to an existing report of the same plot. Reports can be neither
 * updated nor deleted (reports_immutable), so a sample's report stays.
 */
export class LeanSamples1764979200000 implements MigrationInterface {
  name = 'LeanSamples1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE samples DROP CONSTRAINT samples_report_id_fkey, DROP CONSTRAINT samples_plot_id_fkey`);
    await q.query(`ALTER TABLE samples DROP COLUMN id`);
    await q.query(`ALTER TABLE samples ADD CONSTRAINT samples_pkey PRIMARY KEY (report_id, line)`);
    await q.query(`DROP INDEX samples_report_idx, samples_plot_idx`);
    await q.query(`
      CREATE FUNCTION samples_belong_to_reports() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One lookup per distinct (report, plot) of the statement: a COPY of 100k rows checks one pair.
        IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id, plot_id FROM new_samples) n
                    WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = n.report_id AND r.plot_id = n.plot_id)) THEN
          RAISE EXCEPTION 'samples must belong to an existing report of the same plot' USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER samples_belong_to_reports AFTER INSERT ON samples REFERENCING NEW TABLE AS new_samples
        FOR EACH STATEMENT EXECUTE FUNCTION samples_belong_to_reports()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER samples_belong_to_reports ON samples`);
    await q.query(`DROP FUNCTION samples_belong_to_reports()`);
    await q.query(`ALTER TABLE samples DROP CONSTRAINT samples_pkey`);
    await q.query(`CREATE INDEX samples_plot_idx ON samples (plot_id, cas)`);
    await q.query(`CREATE INDEX samples_report_idx ON samples (report_id)`);
    await q.query(`ALTER TABLE samples ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`);
    await q.query(
      `ALTER TABLE samples ADD CONSTRAINT samples_report_id_fkey FOREIGN KEY (report_id) REFERENCES reports (id),
         ADD CONSTRAINT samples_plot_id_fkey FOREIGN KEY (plot_id) REFERENCES plots (id)`,
    );
  }
}
