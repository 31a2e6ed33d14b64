import 'reflect-metadata';
import { createApp, migrate } from './bootstrap';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { resolveKeys } from './config/keys';
import { createRootLogger, isHumanReadable } from './common/logging';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-directory';
import { keepDemoTemplate, prepareDemoStart, type DemoStart } from './demo/demo-start';
import { seedDemo } from './demo/seed';

async function main() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createRootLogger(config);
  // A fresh embedded directory may start from a prepared demo database, whose audit key it adopts before keys are resolved.
  const demoStart: DemoStart | undefined = config.databaseUrl ? undefined : prepareDemoStart(config.dataDir, config.auditKey, logger);
  let auditKey: string;
  try {
    // Generate the embedded default's keys now, so that a DATA_DIR that cannot keep them is a configuration error.
    auditKey = resolveKeys(config, (file) => logger.info({ file }, 'generated a new key (kept in this file for later starts)')).auditKey;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.dataDir }, 'starting embedded PostgreSQL (PGlite)');
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 8, template: demoStart?.template?.pgdata });
    url = embedded.url;
  }
  const app = await createApp(config, { url, embedded: Boolean(embedded) }, logger);
  const applied = await migrate(app);
  if (applied.length) {
    logger.debug({ migrations: applied }, 'migrations applied');
    logger.info(`${applied.length} migrations applied`);
  }
  if (embedded) {
    const seeded = await seedDemo(app, logger);
    if (seeded) logger.info('demo data seeded');
    if (demoStart) await keepDemoTemplate(demoStart, embedded, config.dataDir, auditKey, logger);
  }
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    // The embedded database flushes its files on close.
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.port, config.host);
  keepConnectionsOpen(app.getHttpServer());
  announce(config, logger, Boolean(embedded));
}

/**
 * Idle keep-alive connections stay open 65 s instead of Node's 5 s. A client (or a reverse proxy, whose idle timeout is
 * commonly 60 s) that sends on a connection just as the server closes it gets the request cut off: the known race at
 * keep-alive expiry (nodejs/undici#3141), seen as "other side closed" under load. The headers' timeout must exceed it.
 */
function keepConnectionsOpen(server: { keepAliveTimeout: number; headersTimeout: number }) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/** Where the app answers: a short banner for a person at a terminal, one JSON line for a log collector. */
function announce(config: AppConfig, logger: ReturnType<typeof createRootLogger>, embedded: boolean) {
  const base = config.publicBaseUrl;
  const facts = {
    url: `${base}/`,
    apiDocs: `${base}/api/docs`,
    health: `${base}/health`,
    database: embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL',
    ...(embedded ? { demoLogins: DEMO_USERS.map((u) => u.username), demoPassword: DEMO_PASSWORD } : {}),
  };
  if (!isHumanReadable(config)) {
    logger.info(facts, `listening at ${facts.url}`);
    return;
  }
  process.stdout.write(
    [
      '',
      `污染地块全生命周期管理 is running at ${facts.url}`,
      `  API docs:  ${facts.apiDocs}`,
      `  Health:    ${facts.health} (readiness: ${base}/health/ready)`,
      `  Database:  ${facts.database}`,
      ...(embedded ? [`  Demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}`] : []),
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  process.stderr.write(`Failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
