import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlotsEvidenceEngine1764547200000 implements MigrationInterface {
  name = 'PlotsEvidenceEngine1764547200000';

  async up(q: QueryRunner): Promise<void> {
    // Short name of an issuing body, used in filing numbers (上环土备〔2026〕0007号).
    await q.query(`ALTER TABLE organisations ADD COLUMN short_name varchar(16)`);
    await q.query(`
      CREATE TABLE plots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        address varchar(300) NOT NULL,
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        area_m2 numeric(14,2) NOT NULL CHECK (area_m2 > 0),
        boundary jsonb,
        former_industry varchar(200) NOT NULL,
        current_use varchar(100) NOT NULL,
        planned_use varchar(100) NOT NULL,
        planned_land_class smallint NOT NULL CHECK (planned_land_class IN (1, 2)),
        holder_organisation_id uuid NOT NULL REFERENCES organisations(id),
        machine_name varchar(64) NOT NULL,
        machine_version integer NOT NULL,
        state varchar(100) NOT NULL,
        snapshot jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plots_code_unique UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX plots_state_idx ON plots (state)`);
    await q.query(`CREATE INDEX plots_jurisdiction_state_idx ON plots (jurisdiction_code, state)`);
    await q.query(`CREATE INDEX plots_holder_idx ON plots (holder_organisation_id)`);
    // Which consultant organisation holds which commission on a plot; written only by ASSIGN_CONSULTANT.
    await q.query(`
      CREATE TABLE plot_commissions (
        plot_id uuid NOT NULL REFERENCES plots(id),
        work varchar(32) NOT NULL CHECK (work IN ('investigation','riskAssessment','effectEvaluation')),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        assigned_by uuid NOT NULL REFERENCES users(id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plot_id, work)
      )`);
    await q.query(`CREATE INDEX plot_commissions_org_idx ON plot_commissions (organisation_id)`);
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plot_id uuid NOT NULL REFERENCES plots(id),
        kind varchar(32) NOT NULL CHECK (kind IN ('preliminary_investigation','detailed_investigation','risk_assessment',
          'control_plan','remediation_plan','monitoring','effect_evaluation','transport_receipt')),
        author_organisation_id uuid NOT NULL REFERENCES organisations(id),
        uploaded_by uuid NOT NULL REFERENCES users(id),
        file_sha256 char(64) NOT NULL,
        file_size bigint NOT NULL,
        file_name varchar(200) NOT NULL,
        pages integer NOT NULL,
        conclusion jsonb NOT NULL DEFAULT '{}'::jsonb,
        sample_count integer NOT NULL DEFAULT 0,
        screening jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reports_plot_idx ON reports (plot_id, created_at)`);
    await q.query(`
      CREATE TABLE samples (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES reports(id),
        plot_id uuid NOT NULL REFERENCES plots(id),
        line integer NOT NULL,
        sample_id varchar(64) NOT NULL,
        x double precision NOT NULL,
        y double precision NOT NULL,
        depth_m double precision NOT NULL,
        cas varchar(32) NOT NULL,
        analyte varchar(100) NOT NULL,
        value double precision,
        detected boolean NOT NULL,
        unit varchar(16) NOT NULL,
        detection_limit double precision NOT NULL
      )`);
    await q.query(`CREATE INDEX samples_plot_idx ON samples (plot_id, cas)`);
    await q.query(`CREATE INDEX samples_report_idx ON samples (report_id)`);
    // Evidence never changes after upload: a corrected report is a new report.
    for (const t of ['reports', 'samples']) {
      await q.query(`CREATE TRIGGER ${t}_immutable BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    }
    // Each soil-transport batch (污染土壤转运) runs its own statechart.
    await q.query(`
      CREATE TABLE transports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plot_id uuid NOT NULL REFERENCES plots(id),
        holder_organisation_id uuid NOT NULL REFERENCES organisations(id),
        origin_jurisdiction varchar(12) NOT NULL REFERENCES jurisdictions(code),
        destination_jurisdiction varchar(12) REFERENCES jurisdictions(code),
        machine_name varchar(64) NOT NULL,
        machine_version integer NOT NULL,
        state varchar(32) NOT NULL,
        snapshot jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX transports_plot_idx ON transports (plot_id, state)`);
    await q.query(`CREATE INDEX transports_destination_idx ON transports (destination_jurisdiction, state)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        entity_type varchar(16) NOT NULL CHECK (entity_type IN ('plot','transport')),
        entity_id uuid NOT NULL,
        plot_id uuid NOT NULL REFERENCES plots(id),
        seq integer NOT NULL CHECK (seq > 0),
        event_type varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        actor_user_id uuid REFERENCES users(id),
        actor_name varchar(100) NOT NULL,
        role varchar(16) NOT NULL,
        organisation_id uuid REFERENCES organisations(id),
        organisation_name varchar(200) NOT NULL,
        from_state varchar(100),
        to_state varchar(100) NOT NULL,
        machine_name varchar(64) NOT NULL,
        machine_version integer NOT NULL,
        at timestamptz NOT NULL,
        prev_hash char(64),
        hash char(64) NOT NULL,
        CONSTRAINT audit_log_seq_unique UNIQUE (entity_type, entity_id, seq)
      )`);
    await q.query(`CREATE INDEX audit_log_plot_idx ON audit_log (plot_id, id)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at)`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
    // Side effects of a transition, written in its transaction and run after commit.
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic varchar(32) NOT NULL,
        audit_id bigint NOT NULL REFERENCES audit_log(id),
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id),
        key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        status integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['idempotency_keys', 'outbox', 'audit_log', 'samples', 'reports', 'transports', 'plot_commissions', 'plots']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`ALTER TABLE organisations DROP COLUMN short_name`);
  }
}
