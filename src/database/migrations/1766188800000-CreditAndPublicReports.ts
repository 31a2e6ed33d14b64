import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit records of third-party firms (issue 21, 上政文〔2017〕147号 三（六）3) and the audit trail's room for 12369
 * public reports:
 * - `organisations.credit_code`: the firm's 统一社会信用代码 (GB 32100-2015), checked by the application (its check
 *   characters are computed in src/common/credit-code.ts), unique where present.
 * - `credit_findings`: what a 生态环境 bureau found against a firm (土壤法第九十条: a false or falsified report), with
 *   its decision document (number, date, the scan's SHA-256), a penalty and a ban with its period; a ban lasts from
 *   `ban_starts_on` to `ban_ends_on` inclusive.
 * - indexes for the credit figures: the reports a firm wrote, and the review events of the plots' audit trail.
 * - audit_log's entity types and plot rule as full lists (the monitoring migration sets the same, in either order).
 */
export class CreditAndPublicReports1766188800000 implements MigrationInterface {
  name = 'CreditAndPublicReports1766188800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations ADD COLUMN IF NOT EXISTS credit_code char(18)`);
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS organisations_credit_code_unique ON organisations (credit_code) WHERE credit_code IS NOT NULL`);
    await q.query(`CREATE TABLE credit_findings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      finding varchar(24) NOT NULL CHECK (finding IN ('false_report', 'falsified_report', 'other')),
      summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
      plot_id uuid REFERENCES plots(id),
      decision_number varchar(100) NOT NULL,
      decision_date date NOT NULL,
      decision_sha256 char(64) NOT NULL,
      decision_size bigint NOT NULL,
      decision_pages integer NOT NULL,
      penalty_yuan numeric(14, 2) CHECK (penalty_yuan > 0),
      ban_starts_on date,
      ban_ends_on date,
      issuer_org_id uuid NOT NULL REFERENCES organisations(id),
      recorded_by uuid NOT NULL REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT credit_findings_ban_period CHECK ((ban_starts_on IS NULL) = (ban_ends_on IS NULL) AND (ban_ends_on IS NULL OR ban_ends_on >= ban_starts_on)),
      CONSTRAINT credit_findings_decision_unique UNIQUE (issuer_org_id, decision_number)
    )`);
    await q.query(`CREATE INDEX credit_findings_org_idx ON credit_findings (organisation_id, decision_date DESC)`);
    await q.query(`CREATE INDEX credit_findings_ban_idx ON credit_findings (organisation_id, ban_ends_on) WHERE ban_ends_on IS NOT NULL`);
    await q.query(`CREATE TRIGGER credit_findings_append_only BEFORE UPDATE OR DELETE ON credit_findings FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await q.query(`CREATE INDEX IF NOT EXISTS reports_author_idx ON reports (author_organisation_id, plot_id)`);
    await q.query(`CREATE INDEX audit_log_review_idx ON audit_log (plot_id, id)
      WHERE event_type IN ('SUBMIT_REPORT', 'SUBMIT_REVISION', 'APPROVE', 'RETURN', 'RECORD_DECISION', 'CONCLUDE_PANEL')`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check`);
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('plot','transport','key_unit','warning','public_report'))`,
    );
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_plot_unless_unit`);
    await q.query(
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_plot_unless_unit CHECK (entity_type IN ('key_unit','warning','public_report') OR plot_id IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_plot_unless_unit`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_plot_unless_unit CHECK (entity_type IN ('key_unit','warning') OR plot_id IS NOT NULL)`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('plot','transport','key_unit','warning'))`);
    await q.query(`DROP INDEX audit_log_review_idx`);
    await q.query(`DROP INDEX IF EXISTS reports_author_idx`);
    await q.query(`DROP TABLE credit_findings`);
    await q.query(`DROP INDEX IF EXISTS organisations_credit_code_unique`);
    await q.query(`ALTER TABLE organisations DROP COLUMN IF EXISTS credit_code`);
  }
}
