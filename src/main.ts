import 'reflect-metadata';
import type * as Bootstrap from './bootstrap';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { resolveKeys } from './config/keys';
import { createRootLogger, isHumanReadable } from './common/logging';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database/embedded';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-directory';
import { keepDemoTemplate, prepareDemoStart, type DemoStart } from './demo/demo-start';
import type * as DemoSeed from './demo/seed';
import type * as Filing from './documents/filing.service';

async function main() {
  const phases = startPhases();
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
  // The embedded database opens on its own thread while this one loads the app's modules (~1 s, the most of a start).
  if (!config.databaseUrl) logger.info({ dataDir: config.dataDir }, 'starting embedded PostgreSQL (PGlite)');
  const opening = config.databaseUrl ? undefined : startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 8, template: demoStart?.template?.pgdata });
  opening?.catch(() => undefined); // awaited below; not an unhandled rejection while the modules load
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createApp, migrate } = require('./bootstrap') as typeof Bootstrap;
  const { seedDemo } = require('./demo/seed') as typeof DemoSeed;
  const { FilingService } = require('./documents/filing.service') as typeof Filing;
  /* eslint-enable @typescript-eslint/no-require-imports */
  phases.mark('modules');
  if (opening) {
    embedded = await opening;
    phases.mark('database');
  }
  const url = embedded ? embedded.url : config.databaseUrl!;
  const app = await createApp(config, { url, embedded: Boolean(embedded) }, logger);
  phases.mark('app');
  const applied = await migrate(app);
  phases.mark('migrations');
  if (applied.length) {
    logger.debug({ migrations: applied }, 'migrations applied');
    logger.info(`${applied.length} migrations applied`);
  }
  if (embedded) {
    const seeded = await seedDemo(app, logger);
    if (seeded) logger.info('demo data seeded');
    if (demoStart) await keepDemoTemplate(demoStart, embedded, app.get(FilingService), config.dataDir, auditKey, logger);
    phases.mark('demo');
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
  phases.mark('listen');
  // One line for a log collector (how long each step of this start took); a person at a terminal sees it at debug.
  logger[isHumanReadable(config) ? 'debug' : 'info']({ startMs: phases.all() }, 'start-up phases (ms)');
  announce(config, logger, Boolean(embedded));
}

/** How long each step of the start took, from the process's own start; the database opens while the modules load. */
function startPhases() {
  const all: Record<string, number> = { process: Math.round(performance.now()) };
  let last = performance.now();
  return {
    mark(name: string) {
      const now = performance.now();
      all[name] = Math.round(now - last);
      last = now;
    },
    all: () => ({ ...all, total: Math.round(performance.now()) }),
  };
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
