import { MigrationInterface, QueryRunner } from 'typeorm';

export class TransportsDeadlinesRegisters1764720000000 implements MigrationInterface {
  name = 'TransportsDeadlinesRegisters1764720000000';

  async up(q: QueryRunner): Promise<void> {
    // The State Council's holiday arrangement per year (国务院办公厅节假日安排), maintained by an admin.
    await q.query(`
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        days jsonb NOT NULL,
        source text NOT NULL,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Deadlines opened on entering a state and closed when satisfied (DESIGN §2.4).
    await q.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plot_id uuid NOT NULL REFERENCES plots(id),
        transport_id uuid REFERENCES transports(id),
        kind varchar(40) NOT NULL CHECK (kind IN
          ('investigation_notice', 'transport_acknowledgement', 'monitoring_report', 'annual_progress_report')),
        due_date date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'due', 'overdue', 'done')),
        opened_at timestamptz NOT NULL,
        status_changed_at timestamptz,
        closed_at timestamptz,
        closed_reason varchar(40),
        audit_id bigint REFERENCES audit_log(id),
        closed_audit_id bigint REFERENCES audit_log(id),
        CHECK ((status = 'done') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX deadlines_pending_idx ON deadlines (status, due_date) WHERE status <> 'done'`);
    await q.query(`CREATE INDEX deadlines_plot_idx ON deadlines (plot_id, status)`);
    await q.query(`CREATE INDEX deadlines_transport_idx ON deadlines (transport_id) WHERE transport_id IS NOT NULL`);
    // One annual progress report per listed plot and year, however many runners open it.
    await q.query(`CREATE UNIQUE INDEX deadlines_annual_unique ON deadlines (plot_id, due_date) WHERE kind = 'annual_progress_report'`);
    // What the deadline job recorded: once per deadline and status, whatever the number of app processes.
    await q.query(`
      CREATE TABLE notifications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        deadline_id uuid NOT NULL REFERENCES deadlines(id),
        status varchar(16) NOT NULL CHECK (status IN ('due', 'overdue')),
        plot_id uuid NOT NULL REFERENCES plots(id),
        transport_id uuid REFERENCES transports(id),
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        holder_organisation_id uuid REFERENCES organisations(id),
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_once UNIQUE (deadline_id, status)
      )`);
    await q.query(`CREATE INDEX notifications_jurisdiction_idx ON notifications (jurisdiction_code, created_at)`);
    await q.query(`CREATE INDEX notifications_holder_idx ON notifications (holder_organisation_id, created_at)`);
    // Registers and the annual report read states as of a date from the audit log.
    await q.query(`CREATE INDEX audit_log_plot_at_idx ON audit_log (entity_type, plot_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_plot_at_idx`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE deadlines`);
    await q.query(`DROP TABLE calendar_years`);
  }
}
