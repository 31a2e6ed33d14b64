import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../src/database/embedded';
import { writeConsoleBundle } from '../../src/web/console-bundle';
import { findPgBin, startThrowawayCluster } from './real-postgres';

/**
 * One embedded PostgreSQL (PGlite) for the whole run, and one real PostgreSQL
 * when available: TEST_DATABASE_URL / DATABASE_URL, or Debian's binaries, in
 * which case a throw-away cluster is started here and removed in teardown.
 * With CI=true a missing real PostgreSQL fails the run instead of skipping.
 */
export default async function globalSetup() {
  process.env.TZ = 'UTC';
  // The console bundle once for the run, as `npm start` does (dist/web), so no app a test starts loads esbuild. And where
  // a test does build, esbuild runs as a child process: its default worker thread lives as long as the process, and its
  // message ports hold on to the async context of the test that created them, and with it that test file's modules (one
  // module registry per file, ~40 MB each, kept to the end of the run: the heap exhaustion CI saw after 90 suites).
  process.env.ESBUILD_WORKER_THREADS = '0';
  writeConsoleBundle(join(__dirname, '..', '..', 'web'));
  const handles: Array<() => Promise<void> | void> = [];
  const embedded = await startEmbeddedDatabase({ maxConnections: 64 });
  handles.push(() => embedded.stop());
  process.env.TEST_EMBEDDED_URL = embedded.url;

  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    process.env.TEST_POSTGRES_URL = await databaseOfShard(given);
  } else {
    const bin = findPgBin();
    if (bin) {
      const cluster = await startThrowawayCluster(bin);
      handles.push(() => cluster.stop());
      process.env.TEST_POSTGRES_URL = cluster.url;
    } else if (process.env.CI === 'true') {
      throw new Error('CI=true but no PostgreSQL is available: install Debian postgresql or set TEST_DATABASE_URL');
    } else {
      process.stderr.write('\n[test setup] no real PostgreSQL found: database tests run on the embedded one only\n');
    }
  }
  // The app under test must never pick up a developer's DATABASE_URL by itself.
  delete process.env.DATABASE_URL;
  (globalThis as { __dbHandles?: typeof handles }).__dbHandles = handles;
}

/**
 * With a given server and side-by-side test processes (scripts/test.js sets TEST_SHARD), each process takes a database
 * of its own on it (`<name>_shard<i>`, created when missing): the suites reset their database as they start.
 */
async function databaseOfShard(given: string): Promise<string> {
  const shard = process.env.TEST_SHARD;
  if (!shard || process.env.TEST_SHARDS === '1') return given;
  const url = new URL(given);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || 'postgres'}_shard${shard}`;
  const client = new Client({ connectionString: given });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}
