import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence v2 (issue 17): samples carry their medium (土壤 soil, 地下水 groundwater; 土壤法
 * art. 36, GB/T 14848-2017), so a soil result and a groundwater result of one analyte are
 * never mixed, and the per-report summaries are kept per medium too. Every sample stored so
 * far is a soil result (the only medium accepted before), which the constant default says
 * without rewriting a row (samples are append-only). Remediation targets and the area and
 * volume to treat live in the risk assessment's structured conclusion (reports.conclusion).
 */
export class EvidenceV21765411200000 implements MigrationInterface {
  name = 'EvidenceV21765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE samples ADD COLUMN medium varchar(16) NOT NULL DEFAULT 'soil'
      CONSTRAINT samples_medium_check CHECK (medium IN ('soil', 'groundwater'))`);
    await q.query(`ALTER TABLE sample_summaries ADD COLUMN medium varchar(16) NOT NULL DEFAULT 'soil'`);
    await q.query(`ALTER TABLE sample_summaries DROP CONSTRAINT sample_summaries_pkey`);
    await q.query(`ALTER TABLE sample_summaries ADD CONSTRAINT sample_summaries_pkey PRIMARY KEY (report_id, medium, cas)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION summarise_samples() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Several statements may store one report's rows (batched inserts): each adds to the summary.
        INSERT INTO sample_summaries AS t (report_id, medium, cas, n, n_detected, max_detected)
        SELECT report_id, medium, cas, count(*), count(*) FILTER (WHERE detected AND value IS NOT NULL),
               max(value) FILTER (WHERE detected AND value IS NOT NULL)
          FROM new_samples GROUP BY report_id, medium, cas
        ON CONFLICT (report_id, medium, cas) DO UPDATE
          SET n = t.n + EXCLUDED.n, n_detected = t.n_detected + EXCLUDED.n_detected,
              max_detected = greatest(t.max_detected, EXCLUDED.max_detected);
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION summarise_samples() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO sample_summaries AS t (report_id, cas, n, n_detected, max_detected)
        SELECT report_id, cas, count(*), count(*) FILTER (WHERE detected AND value IS NOT NULL),
               max(value) FILTER (WHERE detected AND value IS NOT NULL)
          FROM new_samples GROUP BY report_id, cas
        ON CONFLICT (report_id, cas) DO UPDATE
          SET n = t.n + EXCLUDED.n, n_detected = t.n_detected + EXCLUDED.n_detected,
              max_detected = greatest(t.max_detected, EXCLUDED.max_detected);
        RETURN NULL;
      END $$`);
    // Groundwater summaries cannot be folded into the soil ones: they go, with the column.
    await q.query(`ALTER TABLE sample_summaries DISABLE TRIGGER sample_summaries_kept`);
    await q.query(`DELETE FROM sample_summaries WHERE medium <> 'soil'`);
    await q.query(`ALTER TABLE sample_summaries ENABLE TRIGGER sample_summaries_kept`);
    await q.query(`ALTER TABLE sample_summaries DROP CONSTRAINT sample_summaries_pkey`);
    await q.query(`ALTER TABLE sample_summaries ADD CONSTRAINT sample_summaries_pkey PRIMARY KEY (report_id, cas)`);
    await q.query(`ALTER TABLE sample_summaries DROP COLUMN medium`);
    await q.query(`ALTER TABLE samples DROP COLUMN medium`);
  }
}
