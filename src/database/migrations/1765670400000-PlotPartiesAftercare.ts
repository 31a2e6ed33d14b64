import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * plot-lifecycle v2, part 2 of the law (土壤法 arts. 42, 45–47, 59, 68):
 * - `plot_parties`: organisations that answer for a plot besides its current holder — a former holder after 收回 or
 *   转让 (it stays named), the responsible party (土壤污染责任人), an organisation carrying a duty for the government
 *   or by contract — so that each keeps seeing the plot through an index. Written by the engine's adapter in the
 *   transaction of the event that names them;
 * - deadlines of kind `aftercare` (后期管理) and `zone_monitoring` (the periodic monitoring of a control zone).
 */
export class PlotPartiesAftercare1765670400000 implements MigrationInterface {
  name = 'PlotPartiesAftercare1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plot_parties (
        plot_id uuid NOT NULL REFERENCES plots(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        relation varchar(16) NOT NULL CHECK (relation IN ('formerHolder', 'responsible', 'dutyBearer')),
        audit_id bigint NOT NULL,
        PRIMARY KEY (organisation_id, plot_id, relation)
      )`);
    await q.query(`CREATE INDEX plot_parties_plot_idx ON plot_parties (plot_id)`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check CHECK (kind IN ('investigation_notice',
        'transport_acknowledgement', 'monitoring_report', 'annual_progress_report', 'review', 'aftercare', 'zone_monitoring'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadlines WHERE kind IN ('aftercare', 'zone_monitoring')`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check CHECK (kind IN
        ('investigation_notice', 'transport_acknowledgement', 'monitoring_report', 'annual_progress_report', 'review'))`);
    await q.query(`DROP TABLE plot_parties`);
  }
}
