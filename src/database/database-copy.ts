import { Client } from 'pg';

const PAGE = 500;

export interface TableCopy {
  table: string;
  rows: number;
}

async function tables(c: Client): Promise<string[]> {
  const { rows } = await c.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name`,
  );
  return rows.map((r) => r.name as string);
}

/** Columns a row is written with: every one but the generated (computed) ones, which the target computes again. */
async function writableColumns(c: Client, table: string): Promise<string[]> {
  const { rows } = await c.query(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name as string);
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies every row of the product's tables from one database to another migrated to the same schema
 * (the embedded database to a PostgreSQL server: Debian's pg_dump cannot read PGlite's newer version).
 * The target's rows are replaced (its migrations' seed rows included), with triggers and foreign keys
 * off for the load (session_replication_role = replica, which needs a superuser), in one transaction;
 * rows are read through a cursor, 500 at a time, and identity counters are set past the copied ids.
 */
export async function copyDatabase(sourceUrl: string, targetUrl: string, progress?: (t: TableCopy) => void): Promise<TableCopy[]> {
  const src = new Client({ connectionString: sourceUrl });
  const dst = new Client({ connectionString: targetUrl });
  await src.connect();
  await dst.connect();
  const done: TableCopy[] = [];
  try {
    const names = await tables(src);
    await src.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await dst.query('BEGIN');
    await dst.query(`SET LOCAL session_replication_role = replica`);
    await dst.query(`TRUNCATE ${(await tables(dst)).map(q).join(', ')}`);
    for (const table of names) {
      const cols = (await writableColumns(dst, table)).map(q).join(', ');
      await src.query(`DECLARE copy_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t) AS r FROM ${q(table)} t`);
      let rows = 0;
      for (;;) {
        const page = await src.query(`FETCH ${table === 'blob_chunks' ? 4 : PAGE} FROM copy_rows`);
        if (!page.rows.length) break;
        await dst.query(
          `INSERT INTO ${q(table)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM jsonb_populate_recordset(NULL::${q(table)}, $1::jsonb)`,
          [JSON.stringify(page.rows.map((r) => r.r))],
        );
        rows += page.rows.length;
      }
      await src.query('CLOSE copy_rows');
      await resetIdentities(dst, table);
      done.push({ table, rows });
      progress?.({ table, rows });
    }
    await dst.query('COMMIT');
    await src.query('COMMIT');
    return done;
  } catch (e) {
    await dst.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await src.end();
    await dst.end();
  }
}

async function resetIdentities(c: Client, table: string) {
  const { rows } = await c.query(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'YES'`,
    [table],
  );
  for (const { name } of rows) {
    await c.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${q(name)}) FROM ${q(table)}), 0) + 1, false)`,
      [`public.${q(table)}`, name],
    );
  }
}
