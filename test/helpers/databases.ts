import { Client } from 'pg';

export interface DbTarget {
  name: 'embedded' | 'postgres';
  url: string;
}

/** The databases every database test runs against: always the embedded one, and a real PostgreSQL when present. */
export function databaseTargets(): DbTarget[] {
  const targets: DbTarget[] = [];
  if (process.env.TEST_EMBEDDED_URL) targets.push({ name: 'embedded', url: process.env.TEST_EMBEDDED_URL });
  if (process.env.TEST_POSTGRES_URL) targets.push({ name: 'postgres', url: process.env.TEST_POSTGRES_URL });
  if (!targets.length) throw new Error('no test database: run the tests through jest (global setup starts them)');
  return targets;
}

/** Runs the same block of tests once per database. */
export function describeEachDatabase(title: string, block: (target: DbTarget) => void) {
  for (const target of databaseTargets()) {
    describe(`${title} [${target.name}]`, () => block(target));
  }
}

/** Drops everything the product created, so a suite starts from an empty database. */
export async function resetDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows: Array<{ nspname: string }> = (
      await client.query(
        `SELECT nspname FROM pg_namespace
          WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')`,
      )
    ).rows;
    for (const r of rows) await client.query(`DROP SCHEMA "${r.nspname}" CASCADE`);
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
    await client.query(`DROP FUNCTION IF EXISTS forbid_change() CASCADE`);
  } finally {
    await client.end();
  }
}
