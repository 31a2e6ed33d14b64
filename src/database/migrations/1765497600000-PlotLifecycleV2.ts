import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * plot-lifecycle v2 (levels of government):
 * - reports of kind `decision_record`: the scan of a decision taken outside the system, which the district records;
 * - `plot_panel_members`: the expert users named on a plot's review panels, so that an expert sees the plots of the
 *   reviews they sit on through an index rather than by reading every snapshot. Written by the engine's adapter in
 *   the transaction of the FORM_PANEL event;
 * - deadlines of kind `review`: the organising bureau's time for a review (reference/decision-steps.json).
 */
export class PlotLifecycleV21765497600000 implements MigrationInterface {
  name = 'PlotLifecycleV21765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_kind_check`);
    await q.query(`
      ALTER TABLE reports ADD CONSTRAINT reports_kind_check CHECK (kind IN ('preliminary_investigation',
        'detailed_investigation','risk_assessment','control_plan','remediation_plan','monitoring','effect_evaluation',
        'transport_receipt','decision_record'))`);
    await q.query(`
      CREATE TABLE plot_panel_members (
        plot_id uuid NOT NULL REFERENCES plots(id),
        user_id uuid NOT NULL REFERENCES users(id),
        audit_id bigint NOT NULL,
        PRIMARY KEY (user_id, plot_id)
      )`);
    await q.query(`CREATE INDEX plot_panel_members_plot_idx ON plot_panel_members (plot_id)`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check CHECK (kind IN
        ('investigation_notice', 'transport_acknowledgement', 'monitoring_report', 'annual_progress_report', 'review'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadlines WHERE kind = 'review'`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check CHECK (kind IN
        ('investigation_notice', 'transport_acknowledgement', 'monitoring_report', 'annual_progress_report'))`);
    await q.query(`DROP TABLE plot_panel_members`);
    await q.query(`DELETE FROM reports WHERE kind = 'decision_record'`);
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_kind_check`);
    await q.query(`
      ALTER TABLE reports ADD CONSTRAINT reports_kind_check CHECK (kind IN ('preliminary_investigation',
        'detailed_investigation','risk_assessment','control_plan','remediation_plan','monitoring','effect_evaluation',
        'transport_receipt'))`);
  }
}
