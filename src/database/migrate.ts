import { DataSource, MigrationExecutor } from 'typeorm';

// Any constant shared by every process of this product; serialises migration runs.
const MIGRATION_LOCK = 7_361_004;

/**
 * Runs pending migrations under an advisory lock, so that several app
 * processes may start at once. The lock and the migrations share one
 * connection, which also suits the embedded database's single connection.
 */
export async function migrateDatabase(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(ds, runner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
