import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A monitoring campaign's report is a filing document (issue 20): D19 土壤环境监测批次结果报告, issued in the
 * campaign's transaction. The campaign keeps the document it issued; the campaigns of a district are listed newest first.
 */
export class MonitoringCampaignDocument1766275200000 implements MigrationInterface {
  name = 'MonitoringCampaignDocument1766275200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE monitoring_campaigns ADD COLUMN document_id uuid REFERENCES documents(id)`);
    await q.query(`CREATE INDEX monitoring_campaigns_listing_idx ON monitoring_campaigns (jurisdiction_code text_pattern_ops, created_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX monitoring_campaigns_listing_idx`);
    await q.query(`ALTER TABLE monitoring_campaigns DROP COLUMN document_id`);
  }
}
