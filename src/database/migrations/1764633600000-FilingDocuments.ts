import { MigrationInterface, QueryRunner } from 'typeorm';

export class FilingDocuments1764633600000 implements MigrationInterface {
  name = 'FilingDocuments1764633600000';

  async up(q: QueryRunner): Promise<void> {
    // One gap-free sequence per issuing body, document kind and year (上环土备〔2026〕0007号).
    await q.query(`
      CREATE TABLE filing_counters (
        issuer_org_id uuid NOT NULL REFERENCES organisations(id),
        kind varchar(8) NOT NULL,
        year integer NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (issuer_org_id, kind, year)
      )`);
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        plot_id uuid REFERENCES plots(id),
        transport_id uuid REFERENCES transports(id),
        outbox_id bigint UNIQUE REFERENCES outbox(id),
        audit_id bigint REFERENCES audit_log(id),
        kind varchar(8) NOT NULL,
        variant varchar(32),
        title varchar(100) NOT NULL,
        issuer_org_id uuid NOT NULL REFERENCES organisations(id),
        jurisdiction_code varchar(12) REFERENCES jurisdictions(code),
        year integer NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        number varchar(64) NOT NULL,
        record jsonb NOT NULL,
        digest char(64) NOT NULL,
        pdf_sha256 char(64) NOT NULL,
        pdf_size integer NOT NULL,
        published boolean NOT NULL DEFAULT false,
        issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT documents_number_unique UNIQUE (issuer_org_id, kind, year, seq),
        CONSTRAINT documents_digest_unique UNIQUE (digest)
      )`);
    await q.query(`CREATE INDEX documents_plot_idx ON documents (plot_id, issued_at)`);
    await q.query(`CREATE INDEX documents_pdf_sha256_idx ON documents (pdf_sha256)`);
    await q.query(`CREATE INDEX documents_published_idx ON documents (published, issued_at) WHERE published`);
    await q.query(`CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE documents`);
    await q.query(`DROP TABLE filing_counters`);
  }
}
