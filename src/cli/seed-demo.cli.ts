import 'reflect-metadata';
import { createApp, migrate } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { createRootLogger } from '../common/logging';
import { seedDemo } from '../demo/seed';

/** `npm run seed:demo`: adds the demo data to the PostgreSQL server named by DATABASE_URL. */
async function run() {
  const config = loadConfig();
  if (!config.databaseUrl) {
    process.stderr.write('seed:demo seeds a PostgreSQL server: set DATABASE_URL. The embedded database seeds itself on first start.\n');
    process.exit(2);
  }
  const logger = createRootLogger(config);
  const app = await createApp(config, { url: config.databaseUrl, embedded: false }, logger);
  await migrate(app);
  const seeded = await seedDemo(app, logger);
  process.stdout.write(seeded ? 'Demo data seeded.\n' : 'Demo data already present; nothing changed.\n');
  await app.close();
}

run().catch((e) => {
  process.stderr.write(`seed:demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
