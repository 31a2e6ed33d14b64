import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../database/embedded';
import { migrateDatabase } from '../database/migrate';

export interface CliDatabase {
  ds: DataSource;
  close(): Promise<void>;
}

/**
 * The database of a command-line tool: DATABASE_URL, or the embedded one in DATA_DIR (which
 * only one process may open: stop the app first). Migrated, so that the file tables exist.
 */
export async function openCliDatabase(config: AppConfig): Promise<CliDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 2 });
    url = embedded.url;
  }
  const ds = new DataSource(dataSourceOptions(url, 1));
  try {
    await ds.initialize();
    await migrateDatabase(ds);
  } catch (e) {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
    throw e;
  }
  return {
    ds,
    async close() {
      await ds.destroy();
      await embedded?.stop();
    },
  };
}
