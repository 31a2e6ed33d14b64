import { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURES = `submitted integer NOT NULL DEFAULT 0, resubmissions integer NOT NULL DEFAULT 0, decided integer NOT NULL DEFAULT 0,
  approved integer NOT NULL DEFAULT 0, first_pass_approved integer NOT NULL DEFAULT 0, returns integer NOT NULL DEFAULT 0,
  panel_pass integer NOT NULL DEFAULT 0, panel_pass_with_revisions integer NOT NULL DEFAULT 0, panel_fail integer NOT NULL DEFAULT 0`;

/**
 * Stored credit figures (issue 21, 上政文〔2017〕147号 三（六）3), kept in the transaction of the audit row that changes
 * them (src/credit/credit-tally.ts), so that the ranking and the export read a row per firm instead of the audit trail:
 * - `credit_tallies`: per firm, report kind and signatory (the consultant's officer who submitted the round's report);
 * - `credit_firm_tallies`: per firm, with its first-pass rate, indexed in the ranking's order;
 * - `credit_rounds`: each plot's last review round (whose report, its last decision, whether it was returned);
 * - `credit_returns`: the returns with their reasons, for the firm's page.
 * An administrator rebuilds all four from the audit trail (POST /credit/tallies/rebuild); after this migration on a
 * database with review events, once.
 * And a 12369 case's proposal of a suspected plot (PROPOSE_SUSPECTED_PLOT) is a `plot_proposals` row with the case as
 * its source instead of a list: `public_report_id` (one per case), the bureau's reason in `note`, reason `publicReport`;
 * and the bureau's located cases are read by viewport for 一张图 (public_reports_map_idx).
 */
export class CreditTallies1766361600000 implements MigrationInterface {
  name = 'CreditTallies1766361600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE credit_tallies (
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      report_kind varchar(32) NOT NULL,
      signatory_user_id uuid NOT NULL REFERENCES users(id),
      ${FIGURES},
      PRIMARY KEY (organisation_id, report_kind, signatory_user_id)
    )`);
    await q.query(`CREATE TABLE credit_firm_tallies (
      organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
      ${FIGURES},
      first_pass_rate double precision GENERATED ALWAYS AS (CASE WHEN decided > 0 THEN first_pass_approved::double precision / decided END) STORED
    )`);
    await q.query(`CREATE INDEX credit_firm_tallies_rank_idx ON credit_firm_tallies (first_pass_rate DESC NULLS LAST, decided DESC, organisation_id)`);
    await q.query(`CREATE TABLE credit_rounds (
      plot_id uuid PRIMARY KEY REFERENCES plots(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      report_kind varchar(32) NOT NULL,
      signatory_user_id uuid NOT NULL REFERENCES users(id),
      last_decision text CHECK (last_decision IN ('approve', 'return')),
      returned boolean NOT NULL DEFAULT false
    )`);
    await q.query(`CREATE TABLE credit_returns (
      audit_id bigint PRIMARY KEY,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      signatory_user_id uuid NOT NULL REFERENCES users(id),
      plot_id uuid NOT NULL REFERENCES plots(id),
      report_kind varchar(32) NOT NULL,
      at timestamptz NOT NULL,
      reason text NOT NULL
    )`);
    await q.query(`CREATE INDEX credit_returns_org_idx ON credit_returns (organisation_id, at DESC)`);
    await q.query(`CREATE INDEX public_reports_map_idx ON public_reports (jurisdiction_code, lon, lat) WHERE lon IS NOT NULL`);
    await q.query(`ALTER TABLE plot_proposals ALTER COLUMN list_id DROP NOT NULL`);
    await q.query(`ALTER TABLE plot_proposals ADD COLUMN public_report_id uuid UNIQUE REFERENCES public_reports(id), ADD COLUMN note text`);
    await q.query(`ALTER TABLE plot_proposals ADD CONSTRAINT plot_proposals_one_source CHECK ((list_id IS NULL) <> (public_report_id IS NULL))`);
    await q.query(`ALTER TABLE plot_proposals DROP CONSTRAINT plot_proposals_reason_check`);
    await q.query(`ALTER TABLE plot_proposals ADD CONSTRAINT plot_proposals_reason_check
      CHECK (reason IN ('closure', 'relocation', 'bankruptcy', 'takeBack', 'supply', 'useChange', 'publicReport'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM plot_proposals WHERE public_report_id IS NOT NULL`);
    await q.query(`ALTER TABLE plot_proposals DROP CONSTRAINT plot_proposals_reason_check`);
    await q.query(`ALTER TABLE plot_proposals ADD CONSTRAINT plot_proposals_reason_check
      CHECK (reason IN ('closure', 'relocation', 'bankruptcy', 'takeBack', 'supply', 'useChange'))`);
    await q.query(`ALTER TABLE plot_proposals DROP CONSTRAINT plot_proposals_one_source`);
    await q.query(`ALTER TABLE plot_proposals DROP COLUMN public_report_id, DROP COLUMN note`);
    await q.query(`ALTER TABLE plot_proposals ALTER COLUMN list_id SET NOT NULL`);
    await q.query(`DROP INDEX public_reports_map_idx`);
    await q.query(`DROP TABLE credit_returns`);
    await q.query(`DROP TABLE credit_rounds`);
    await q.query(`DROP TABLE credit_firm_tallies`);
    await q.query(`DROP TABLE credit_tallies`);
  }
}
