import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 12369 public reports (issue 21, 土壤法第八十四条) on the engine (entity type public_report, its own audit chain with no
 * plot; migration CreditAndPublicReports admitted the type in audit_log). The reporter's contact is kept only here,
 * never in the audit trail, and shown only to the handling district bureau (第八十四条: 对举报人的相关信息予以保密).
 * Photos are stored as blobs by SHA-256.
 */
export class PublicReports1766188900000 implements MigrationInterface {
  name = 'PublicReports1766188900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public_reports (
      id uuid PRIMARY KEY,
      receipt_code char(12) NOT NULL,
      jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
      lon double precision CHECK (lon BETWEEN -180 AND 180),
      lat double precision CHECK (lat BETWEEN -90 AND 90),
      address text CHECK (length(address) <= 300),
      seen_on date NOT NULL,
      contact_name text CHECK (length(contact_name) <= 50),
      contact_phone text CHECK (length(contact_phone) <= 30),
      plot_id uuid REFERENCES plots(id),
      unit_id uuid REFERENCES key_units(id),
      machine_name varchar(64) NOT NULL,
      machine_version integer NOT NULL,
      state varchar(32) NOT NULL,
      snapshot jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      audit_seq integer NOT NULL DEFAULT 0,
      audit_hash char(64),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT public_reports_receipt_unique UNIQUE (receipt_code),
      CONSTRAINT public_reports_place CHECK (address IS NOT NULL OR (lon IS NOT NULL AND lat IS NOT NULL)),
      CONSTRAINT public_reports_point_complete CHECK ((lon IS NULL) = (lat IS NULL))
    )`);
    await q.query(`CREATE INDEX public_reports_jurisdiction_idx ON public_reports (jurisdiction_code text_pattern_ops, created_at DESC, id)`);
    await q.query(`CREATE INDEX public_reports_state_idx ON public_reports (jurisdiction_code, state)`);
    await q.query(`CREATE TABLE public_report_photos (
      report_id uuid NOT NULL REFERENCES public_reports(id),
      seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 3),
      sha256 char(64) NOT NULL,
      size integer NOT NULL CHECK (size > 0),
      media_type varchar(16) NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
      PRIMARY KEY (report_id, seq)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE public_report_photos`);
    await q.query(`DROP TABLE public_reports`);
  }
}
