import { MigrationInterface, QueryRunner } from 'typeorm';

const ENTITY_TYPES_BEFORE = `('plot','transport','key_unit')`;
// The full lists: the public-reports migration writes the same ones, so either may run last.
const ENTITY_TYPES = `('plot','transport','key_unit','warning','public_report')`;
const WITHOUT_PLOT = `('key_unit','warning','public_report')`;

/**
 * 土壤环境监测网络与预警 (issue 20; 上政文〔2017〕147号 三（一）2、4，四（四）2): monitoring points with their kind and
 * frequency, campaigns with their report, results (10M rows: a point's history by point, CAS and date), and warnings
 * on the engine with audit chains of their own (entity `warning`, no plot).
 */
export class Monitoring1766102400000 implements MigrationInterface {
  name = 'Monitoring1766102400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monitoring_points (
        id uuid PRIMARY KEY,
        code varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN ('basic','risk','keyUnitSurroundings','controlZone','waterSource')),
        media text[] NOT NULL CHECK (cardinality(media) > 0 AND media <@ ARRAY['soil','groundwater','surfaceWater','air']::text[]),
        lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        land varchar(16) NOT NULL CHECK (land IN ('farmland','construction','groundwater')),
        crop varchar(16) CHECK (crop IN ('paddy','orchard','other')),
        land_class smallint CHECK (land_class IN (1, 2)),
        plot_id uuid REFERENCES plots(id),
        unit_id uuid REFERENCES key_units(id),
        frequency_years smallint NOT NULL CHECK (frequency_years BETWEEN 1 AND 10),
        responsible_organisation_id uuid NOT NULL REFERENCES organisations(id),
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        next_due_on date NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT monitoring_points_code_unique UNIQUE (jurisdiction_code, code),
        CONSTRAINT monitoring_points_crop_on_farmland CHECK ((land = 'farmland') = (crop IS NOT NULL)),
        CONSTRAINT monitoring_points_class_on_construction CHECK ((land = 'construction') = (land_class IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX monitoring_points_due_idx ON monitoring_points (jurisdiction_code, next_due_on)`);
    await q.query(`CREATE INDEX monitoring_points_pattern_idx ON monitoring_points (jurisdiction_code text_pattern_ops, code, id)`);
    await q.query(`CREATE INDEX monitoring_points_lonlat_idx ON monitoring_points (lon, lat)`);
    await q.query(`CREATE INDEX monitoring_points_responsible_idx ON monitoring_points (responsible_organisation_id, next_due_on)`);

    await q.query(`
      CREATE TABLE monitoring_campaigns (
        id uuid PRIMARY KEY,
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        name varchar(200) NOT NULL,
        report_sha256 char(64),
        report_pages integer,
        report_name varchar(255),
        results_count integer NOT NULL DEFAULT 0,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX monitoring_campaigns_jurisdiction_idx ON monitoring_campaigns (jurisdiction_code, year)`);

    await q.query(`
      CREATE TABLE monitoring_results (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES monitoring_campaigns(id),
        point_id uuid NOT NULL REFERENCES monitoring_points(id),
        sampled_on date NOT NULL,
        medium varchar(16) NOT NULL,
        cas varchar(32) NOT NULL,
        analyte varchar(100) NOT NULL,
        value double precision,
        unit varchar(16) NOT NULL,
        detected boolean NOT NULL,
        detection_limit double precision,
        ph numeric(4,2),
        screening_value double precision,
        intervention_value double precision,
        factor double precision
      )`);
    await q.query(`CREATE INDEX monitoring_results_history_idx ON monitoring_results (point_id, cas, sampled_on)`);
    await q.query(`CREATE INDEX monitoring_results_campaign_idx ON monitoring_results (campaign_id)`);

    await q.query(`
      CREATE TABLE monitoring_warnings (
        id uuid PRIMARY KEY,
        point_id uuid NOT NULL REFERENCES monitoring_points(id),
        cas varchar(32) NOT NULL,
        analyte varchar(100) NOT NULL,
        factor double precision,
        result_id bigint REFERENCES monitoring_results(id),
        rule varchar(16) NOT NULL CHECK (rule IN ('aboveScreening','risingTrend')),
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        machine_name varchar(64) NOT NULL,
        machine_version integer NOT NULL,
        state varchar(32) NOT NULL,
        snapshot jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        audit_seq integer NOT NULL DEFAULT 0,
        audit_hash char(64),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX monitoring_warnings_state_idx ON monitoring_warnings (jurisdiction_code, state)`);
    await q.query(`CREATE INDEX monitoring_warnings_pattern_idx ON monitoring_warnings (jurisdiction_code text_pattern_ops, state, created_at)`);
    await q.query(`CREATE INDEX monitoring_warnings_point_idx ON monitoring_warnings (point_id, cas)`);

    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ${ENTITY_TYPES})`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_plot_unless_unit`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_plot_unless_unit CHECK (entity_type IN ${WITHOUT_PLOT} OR plot_id IS NOT NULL) NOT VALID`);
    await q.query(`ALTER TABLE audit_log VALIDATE CONSTRAINT audit_log_plot_unless_unit`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Audit rows are immutable: a database holding a warning's chain cannot go back.
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_plot_unless_unit`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_plot_unless_unit CHECK (entity_type = 'key_unit' OR plot_id IS NOT NULL)`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ${ENTITY_TYPES_BEFORE})`);
    await q.query(`DROP TABLE monitoring_warnings`);
    await q.query(`DROP TABLE monitoring_results`);
    await q.query(`DROP TABLE monitoring_campaigns`);
    await q.query(`DROP TABLE monitoring_points`);
  }
}
