import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sources of suspected plots (issue 18): the lists the 工业和信息化 bureau (closures, relocations, bankruptcies) and
 * the 自然资源 bureau (the quarterly list of parcels to be taken back or supplied) hand in, and one proposed
 * suspected plot per row for the district 生态环境 bureau to confirm (registering the plot through the engine) or
 * dismiss with a reason. Bounding boxes as on plots (migration PlotBoundingBoxes) for the overlap queries.
 */
export class PlotProposals1766016000000 implements MigrationInterface {
  name = 'PlotProposals1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE proposal_lists (
      id uuid PRIMARY KEY,
      source text NOT NULL CHECK (source IN ('miit_closures', 'land_quarterly')),
      jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
      quarter text CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
      late boolean NOT NULL DEFAULT false,
      file_name text NOT NULL,
      sha256 text NOT NULL,
      row_count integer NOT NULL CHECK (row_count > 0),
      uploaded_by uuid NOT NULL REFERENCES users(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((source = 'land_quarterly') = (quarter IS NOT NULL)),
      CHECK (source = 'land_quarterly' OR NOT late)
    )`);
    await q.query(`CREATE INDEX proposal_lists_org_idx ON proposal_lists (organisation_id, created_at DESC)`);
    await q.query(`CREATE INDEX proposal_lists_jurisdiction_idx ON proposal_lists (jurisdiction_code text_pattern_ops, created_at DESC)`);
    await q.query(`CREATE TABLE plot_proposals (
      id uuid PRIMARY KEY,
      list_id uuid NOT NULL REFERENCES proposal_lists(id),
      line integer NOT NULL CHECK (line > 0),
      jurisdiction_code varchar(12) NOT NULL REFERENCES jurisdictions(code),
      reason text NOT NULL CHECK (reason IN ('closure', 'relocation', 'bankruptcy', 'takeBack', 'supply', 'useChange')),
      name text NOT NULL,
      credit_code text,
      parcel_code text,
      address text NOT NULL,
      area_m2 double precision CHECK (area_m2 > 0),
      intended_use text,
      key_unit text,
      boundary jsonb,
      bbox_min_lon double precision, bbox_min_lat double precision, bbox_max_lon double precision, bbox_max_lat double precision,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'dismissed')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_reason text,
      plot_id uuid REFERENCES plots(id),
      matched_plot_id uuid REFERENCES plots(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (list_id, line),
      CHECK ((status = 'proposed') = (decided_at IS NULL)),
      CHECK ((status = 'proposed') = (decided_by IS NULL)),
      CHECK (status <> 'dismissed' OR decision_reason IS NOT NULL),
      CHECK ((boundary IS NULL) = (bbox_min_lon IS NULL)),
      CHECK (bbox_min_lon IS NULL OR (bbox_min_lon <= bbox_max_lon AND bbox_min_lat <= bbox_max_lat))
    )`);
    await q.query(`CREATE INDEX plot_proposals_jurisdiction_idx ON plot_proposals (jurisdiction_code text_pattern_ops, status, created_at DESC)`);
    await q.query(`CREATE INDEX plot_proposals_list_idx ON plot_proposals (list_id, line)`);
    await q.query(`CREATE INDEX plot_proposals_parcel_idx ON plot_proposals (parcel_code) WHERE parcel_code IS NOT NULL AND status = 'proposed'`);
    await q.query(`CREATE INDEX plot_proposals_bbox_idx ON plot_proposals (bbox_min_lon, bbox_max_lon, bbox_min_lat, bbox_max_lat)
      WHERE bbox_min_lon IS NOT NULL AND status = 'proposed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plot_proposals`);
    await q.query(`DROP TABLE proposal_lists`);
  }
}
