import 'reflect-metadata';
import { createApp, migrate } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { resolveKeys } from './config/keys';
import { JsonLogger } from './common/json-logger';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-directory';
import { seedDemo } from './demo/seed';

async function main() {
  let config;
  try {
    config = loadConfig();
    // Generate the embedded default's keys now, so that a DATA_DIR that cannot keep them is a configuration error.
    resolveKeys(config, (file) => process.stdout.write(`Generated a new key in ${file} (kept for later starts)\n`));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = new JsonLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ msg: 'starting embedded PostgreSQL (PGlite)', dataDir: config.dataDir });
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 8 });
    url = embedded.url;
  }
  const app = await createApp(config, { url, embedded: Boolean(embedded) }, logger);
  const applied = await migrate(app);
  if (applied.length) logger.info({ msg: 'migrations applied', migrations: applied });
  if (embedded) {
    const seeded = await seedDemo(app, logger);
    if (seeded) logger.info({ msg: 'demo data seeded' });
  }
  const shutdown = async (signal: string) => {
    logger.info({ msg: 'shutting down', signal });
    await app.close();
    // The embedded database flushes its files on close.
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.port, config.host);
  const base = config.publicBaseUrl;
  process.stdout.write(
    [
      '',
      `污染地块全生命周期管理 is running at ${base}/`,
      `  API docs:  ${base}/api/docs`,
      `  Health:    ${base}/health`,
      `  Database:  ${embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL'}`,
      ...(embedded ? [`  Demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}`] : []),
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  process.stderr.write(`Failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
