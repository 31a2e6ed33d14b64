import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { migrateDatabase } from '../../src/database/migrate';
import { describeEachDatabase, resetDatabase } from '../helpers/databases';

/**
 * The same file runs against the embedded database and a real PostgreSQL:
 * the engine relies on each of these behaving the same on both.
 */
describeEachDatabase('PostgreSQL behaviour the engine relies on', (target) => {
  let ds: DataSource;

  beforeAll(async () => {
    await resetDatabase(target.url);
    ds = new DataSource(dataSourceOptions(target.url, target.name === 'embedded' ? 1 : 6));
    await ds.initialize();
    await migrateDatabase(ds);
    await ds.query(`CREATE TABLE parity (id int PRIMARY KEY, n int NOT NULL, doc jsonb NOT NULL DEFAULT '{}')`);
    await ds.query(`INSERT INTO parity (id, n, doc) VALUES (1, 0, '{"state":"suspected","approvals":{"eeb":true}}')`);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('migrations are applied once and recorded', async () => {
    const rows = await ds.query(`SELECT name FROM schema_migrations`);
    expect(rows.map((r: { name: string }) => r.name)).toContain('Foundation1764460800000');
    expect(await migrateDatabase(ds)).toEqual([]);
  });

  it('a failed transaction leaves nothing behind', async () => {
    await expect(
      ds.transaction(async (em) => {
        await em.query(`UPDATE parity SET n = 99 WHERE id = 1`);
        await em.query(`INSERT INTO parity (id, n) VALUES (2, 1)`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const rows = await ds.query(`SELECT id, n FROM parity ORDER BY id`);
    expect(rows).toEqual([{ id: 1, n: 0 }]);
  });

  it('SELECT … FOR UPDATE makes a second writer wait for the first to commit', async () => {
    // The embedded database serves the app through one connection: there b waits for the connection, not the lock.
    const a = ds.createQueryRunner();
    const b = ds.createQueryRunner();
    await a.connect();
    const order: string[] = [];
    try {
      await a.startTransaction();
      await a.query(`SELECT n FROM parity WHERE id = 1 FOR UPDATE`);
      const second = (async () => {
        await b.connect();
        await b.startTransaction();
        const [row] = await b.query(`SELECT n FROM parity WHERE id = 1 FOR UPDATE`);
        order.push(`b read ${row.n}`);
        await b.query(`UPDATE parity SET n = n + 1 WHERE id = 1`);
        await b.commitTransaction();
      })();
      await new Promise((r) => setTimeout(r, 200));
      order.push('a writes');
      await a.query(`UPDATE parity SET n = n + 10 WHERE id = 1`);
      await a.commitTransaction();
      await a.release();
      await second;
    } finally {
      if (!a.isReleased) await a.release();
      await b.release();
    }
    // b saw a's committed value: it waited on the lock instead of reading the old row.
    expect(order).toEqual(['a writes', 'b read 10']);
    const [row] = await ds.query(`SELECT n FROM parity WHERE id = 1`);
    expect(row.n).toBe(11);
  });

  it('an uncommitted write is invisible outside its transaction', async () => {
    const a = ds.createQueryRunner();
    await a.connect();
    try {
      await a.startTransaction();
      await a.query(`INSERT INTO parity (id, n) VALUES (3, 3)`);
      // On the embedded database a reader outside waits for the writer instead: either way it never sees row 3.
      const outside = ds.query(`SELECT count(*)::int AS c FROM parity WHERE id = 3`);
      await new Promise((r) => setTimeout(r, 100));
      await a.rollbackTransaction();
      await a.release();
      const [row] = await outside;
      expect(row.c).toBe(0);
    } finally {
      if (!a.isReleased) await a.release();
    }
  });

  it('jsonb paths, containment and updates work the same', async () => {
    const [row] = await ds.query(
      `SELECT doc->>'state' AS state, doc @> '{"approvals":{"eeb":true}}' AS has_eeb,
              jsonb_set(doc, '{approvals,land}', 'true') AS updated FROM parity WHERE id = 1`,
    );
    expect(row.state).toBe('suspected');
    expect(row.has_eeb).toBe(true);
    expect(row.updated).toEqual({ state: 'suspected', approvals: { eeb: true, land: true } });
  });

  it('a unique violation reports SQLSTATE 23505 with the constraint name', async () => {
    await ds.query(`INSERT INTO jurisdictions (code, name) VALUES ('410106', '郑州市上街区')`);
    const err = await ds.query(`INSERT INTO jurisdictions (code, name) VALUES ('410106', '重复')`).catch((e) => e);
    expect(err.driverError?.code ?? err.code).toBe('23505');
    expect(err.driverError?.constraint ?? err.constraint).toBe('jurisdictions_pkey');
  });

  it('append-only tables refuse UPDATE and DELETE', async () => {
    await ds.query(`INSERT INTO admin_changes (action, entity, entity_id) VALUES ('create', 'x', '1')`);
    await expect(ds.query(`UPDATE admin_changes SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM admin_changes`)).rejects.toThrow(/append-only/);
  });
});
