import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One trigram index for the plot search instead of one per column. A plot row
 * that changes state is written anew with every index entry (state and
 * updated_at are indexed, so the update cannot be HOT); three GIN indexes made
 * each transition pay three times for text that never changes. The search
 * matches the three columns joined by U+001F, a character no search text holds,
 * so a match never spans two columns. The expression is the one in
 * PlotsRepository.list.
 */
export class PlotSearchIndex1765065600000 implements MigrationInterface {
  name = 'PlotSearchIndex1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX plots_code_trgm_idx, plots_name_trgm_idx, plots_address_trgm_idx`);
    await q.query(
      `CREATE INDEX plots_search_trgm_idx ON plots
         USING gin ((code::text || E'\\x1f' || name::text || E'\\x1f' || address::text) gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX plots_search_trgm_idx`);
    for (const column of ['code', 'name', 'address']) {
      await q.query(`CREATE INDEX plots_${column}_trgm_idx ON plots USING gin (${column} gin_trgm_ops)`);
    }
  }
}
