import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 开发利用 of a plot (issue 18, 污染地块安全利用率; reference/safe-use-indicator.json): the day its development for a use
 * began, recorded by the land or environment bureau, with the plot's state and the land class the evidence permitted
 * as they stood when it was recorded. One row per plot: the indicator counts a plot once.
 */
export class PlotDevelopments1765930000000 implements MigrationInterface {
  name = 'PlotDevelopments1765930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plot_developments (
        plot_id uuid PRIMARY KEY REFERENCES plots(id),
        use varchar(100) NOT NULL,
        land_class smallint NOT NULL CHECK (land_class IN (1, 2)),
        began_on date NOT NULL,
        state_at_start varchar(100) NOT NULL,
        permitted_class_at_start smallint CHECK (permitted_class_at_start IN (1, 2)),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX plot_developments_began_idx ON plot_developments (began_on, plot_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plot_developments`);
  }
}
