import { MigrationInterface, QueryRunner } from 'typeorm';

const REPORT_KINDS_BEFORE = `('preliminary_investigation','detailed_investigation','risk_assessment','control_plan',
  'remediation_plan','monitoring','effect_evaluation','transport_receipt','decision_record')`;
// workflows/key-unit/v1/events.ts KEY_UNIT_REPORT_KINDS
const UNIT_REPORT_KINDS = `'key_unit_toxic_discharge','key_unit_hidden_danger_inspection','key_unit_self_monitoring',
  'key_unit_bureau_monitoring','key_unit_demolition_plan'`;
const DEADLINE_KINDS_BEFORE = `('investigation_notice','transport_acknowledgement','monitoring_report','annual_progress_report',
  'review','aftercare','zone_monitoring')`;
// The yearly duties of a key unit and the bureau's monitoring around it (reference/key-unit-duties.json).
const UNIT_DEADLINE_KINDS = `'key_unit_self_monitoring','key_unit_hidden_danger_inspection','key_unit_toxic_discharge',
  'key_unit_bureau_monitoring'`;

/** The statement trigger's function of migration LeanSamples, with the owner columns compared as given. */
function belongsToReports(sameOwner: string, ownerColumns: string): string {
  return `
    CREATE OR REPLACE FUNCTION samples_belong_to_reports() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- One lookup per distinct (report, owner) of the statement: a COPY of 100k rows checks one pair.
      IF EXISTS (SELECT 1 FROM (SELECT DISTINCT report_id, ${ownerColumns} FROM new_samples) n
                  WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = n.report_id AND ${sameOwner})) THEN
        RAISE EXCEPTION 'samples must belong to an existing report of the same plot or key unit' USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NULL;
    END $$`;
}

/**
 * 土壤污染重点监管单位 (issue 18): the units on the engine, with their own audit chain (entity type `key_unit`, no
 * plot), and their reports, samples, deadlines and filing documents, which belong to a unit instead of a plot. The
 * unit's site becomes a plot when it closes (key_units.plot_id). `reports.kind` grows to 40 characters for the
 * unit's longer kind codes (a widening of varchar rewrites nothing).
 */
export class KeyUnits1765929600000 implements MigrationInterface {
  name = 'KeyUnits1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE key_units (
        id uuid PRIMARY KEY,
        credit_code char(18) NOT NULL,
        name varchar(200) NOT NULL,
        industry varchar(64) NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
        address varchar(300) NOT NULL,
        site_area_m2 numeric(14,2) CHECK (site_area_m2 > 0),
        site_boundary jsonb,
        bbox_min_lon double precision, bbox_min_lat double precision,
        bbox_max_lon double precision, bbox_max_lat double precision,
        listed_on date NOT NULL,
        plot_id uuid REFERENCES plots(id),
        machine_name varchar(64) NOT NULL,
        machine_version integer NOT NULL,
        state varchar(32) NOT NULL,
        snapshot jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        audit_seq integer NOT NULL DEFAULT 0,
        audit_hash char(64),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT key_units_credit_code_unique UNIQUE (credit_code),
        CONSTRAINT key_units_bbox_complete CHECK (
          (bbox_min_lon IS NULL AND bbox_min_lat IS NULL AND bbox_max_lon IS NULL AND bbox_max_lat IS NULL)
          OR (bbox_min_lon <= bbox_max_lon AND bbox_min_lat <= bbox_max_lat))
      )`);
    await q.query(`CREATE INDEX key_units_jurisdiction_state_idx ON key_units (jurisdiction_code, state)`);
    // Bureaus above the district read their subtree by a prefix LIKE (see migration JurisdictionLevels).
    await q.query(`CREATE INDEX key_units_jurisdiction_pattern_idx ON key_units (jurisdiction_code text_pattern_ops, name, id)`);
    await q.query(`CREATE INDEX key_units_organisation_idx ON key_units (organisation_id)`);
    await q.query(`CREATE INDEX key_units_bbox_idx ON key_units (bbox_min_lon, bbox_max_lon, bbox_min_lat, bbox_max_lat)
      WHERE bbox_min_lon IS NOT NULL`);
    await q.query(`CREATE INDEX key_units_plot_idx ON key_units (plot_id) WHERE plot_id IS NOT NULL`);

    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_type_check`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('plot','transport','key_unit'))`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN plot_id DROP NOT NULL`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_plot_unless_unit CHECK (entity_type = 'key_unit' OR plot_id IS NOT NULL) NOT VALID`);
    await q.query(`ALTER TABLE audit_log VALIDATE CONSTRAINT audit_log_plot_unless_unit`);

    await q.query(`ALTER TABLE reports ALTER COLUMN kind TYPE varchar(40)`);
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_kind_check`);
    await q.query(`ALTER TABLE reports ADD CONSTRAINT reports_kind_check CHECK (kind IN ${REPORT_KINDS_BEFORE.slice(0, -1)}, ${UNIT_REPORT_KINDS}))`);
    await q.query(`ALTER TABLE reports ALTER COLUMN plot_id DROP NOT NULL, ADD COLUMN unit_id uuid REFERENCES key_units(id)`);
    await q.query(`ALTER TABLE reports ADD CONSTRAINT reports_plot_or_unit CHECK ((plot_id IS NULL) <> (unit_id IS NULL)) NOT VALID`);
    await q.query(`ALTER TABLE reports VALIDATE CONSTRAINT reports_plot_or_unit`);
    await q.query(`CREATE INDEX reports_unit_idx ON reports (unit_id, created_at) WHERE unit_id IS NOT NULL`);

    await q.query(`ALTER TABLE samples ALTER COLUMN plot_id DROP NOT NULL, ADD COLUMN unit_id uuid`);
    await q.query(`ALTER TABLE samples ADD CONSTRAINT samples_plot_or_unit CHECK ((plot_id IS NULL) <> (unit_id IS NULL)) NOT VALID`);
    await q.query(`ALTER TABLE samples VALIDATE CONSTRAINT samples_plot_or_unit`);
    // Samples belong to an existing report of the same plot, or of the same key unit (see migration LeanSamples).
    await q.query(belongsToReports(`r.plot_id IS NOT DISTINCT FROM n.plot_id AND r.unit_id IS NOT DISTINCT FROM n.unit_id`, 'plot_id, unit_id'));

    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check CHECK (kind IN ${DEADLINE_KINDS_BEFORE.slice(0, -1)}, ${UNIT_DEADLINE_KINDS}))`);
    await q.query(`ALTER TABLE deadlines ALTER COLUMN plot_id DROP NOT NULL, ADD COLUMN unit_id uuid REFERENCES key_units(id)`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_plot_or_unit CHECK ((plot_id IS NULL) <> (unit_id IS NULL)) NOT VALID`);
    await q.query(`ALTER TABLE deadlines VALIDATE CONSTRAINT deadlines_plot_or_unit`);
    // One deadline per unit, duty and due date, however many times it is opened.
    await q.query(`CREATE UNIQUE INDEX deadlines_unit_unique ON deadlines (unit_id, kind, due_date) WHERE unit_id IS NOT NULL`);

    await q.query(`ALTER TABLE documents ADD COLUMN unit_id uuid REFERENCES key_units(id)`);
    await q.query(`CREATE INDEX documents_unit_idx ON documents (unit_id, issued_at) WHERE unit_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX documents_unit_idx`);
    await q.query(`ALTER TABLE documents DROP COLUMN unit_id`);
    await q.query(`DELETE FROM deadlines WHERE unit_id IS NOT NULL`);
    await q.query(`DROP INDEX deadlines_unit_unique`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_plot_or_unit, DROP COLUMN unit_id, ALTER COLUMN plot_id SET NOT NULL`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check CHECK (kind IN ${DEADLINE_KINDS_BEFORE})`);
    // Reports, samples and audit rows are immutable: a database holding a unit's cannot go back.
    await q.query(belongsToReports('r.plot_id = n.plot_id', 'plot_id'));
    await q.query(`ALTER TABLE samples DROP CONSTRAINT samples_plot_or_unit, DROP COLUMN unit_id, ALTER COLUMN plot_id SET NOT NULL`);
    await q.query(`DROP INDEX reports_unit_idx`);
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_plot_or_unit, DROP COLUMN unit_id, ALTER COLUMN plot_id SET NOT NULL`);
    await q.query(`ALTER TABLE reports DROP CONSTRAINT reports_kind_check`);
    await q.query(`ALTER TABLE reports ADD CONSTRAINT reports_kind_check CHECK (kind IN ${REPORT_KINDS_BEFORE})`);
    await q.query(`ALTER TABLE reports ALTER COLUMN kind TYPE varchar(32)`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_plot_unless_unit`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN plot_id SET NOT NULL`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_type_check`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('plot','transport'))`);
    await q.query(`DROP TABLE key_units`);
  }
}
