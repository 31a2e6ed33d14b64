import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per report and analyte, what its samples add up to regardless of any limit:
 * the number of results, of detected results, and the highest detected value.
 * The registers read a listed plot's figures from these few rows instead of
 * every sample (DESIGN §5): whether any result exceeds a value follows from the
 * highest one. Kept at import by a statement trigger on samples, so every way
 * samples are written (COPY, batched inserts, SQL) keeps it; samples are never
 * updated or deleted, so a summary only grows. Existing samples are summed here.
 */
export class SampleSummaries1765152000000 implements MigrationInterface {
  name = 'SampleSummaries1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sample_summaries (
        report_id uuid NOT NULL REFERENCES reports (id),
        cas varchar(32) NOT NULL,
        n integer NOT NULL,
        n_detected integer NOT NULL,
        max_detected double precision,
        PRIMARY KEY (report_id, cas)
      )`);
    await q.query(`
      CREATE FUNCTION summarise_samples() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Several statements may store one report's rows (batched inserts): each adds to the summary.
        INSERT INTO sample_summaries AS t (report_id, cas, n, n_detected, max_detected)
        SELECT report_id, cas, count(*), count(*) FILTER (WHERE detected AND value IS NOT NULL),
               max(value) FILTER (WHERE detected AND value IS NOT NULL)
          FROM new_samples GROUP BY report_id, cas
        ON CONFLICT (report_id, cas) DO UPDATE
          SET n = t.n + EXCLUDED.n, n_detected = t.n_detected + EXCLUDED.n_detected,
              max_detected = greatest(t.max_detected, EXCLUDED.max_detected);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER samples_summarise AFTER INSERT ON samples REFERENCING NEW TABLE AS new_samples
        FOR EACH STATEMENT EXECUTE FUNCTION summarise_samples()`);
    // Evidence never changes after upload: its summary is never taken away either.
    await q.query(`CREATE TRIGGER sample_summaries_kept BEFORE DELETE ON sample_summaries FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await q.query(`
      INSERT INTO sample_summaries (report_id, cas, n, n_detected, max_detected)
      SELECT report_id, cas, count(*), count(*) FILTER (WHERE detected AND value IS NOT NULL),
             max(value) FILTER (WHERE detected AND value IS NOT NULL)
        FROM samples GROUP BY report_id, cas`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER samples_summarise ON samples`);
    await q.query(`DROP FUNCTION summarise_samples()`);
    await q.query(`DROP TABLE sample_summaries`);
  }
}
