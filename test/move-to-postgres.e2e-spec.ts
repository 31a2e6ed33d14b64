import { DataSource } from 'typeorm';
import { copyDatabase } from '../src/database/database-copy';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrateDatabase } from '../src/database/migrate';
import { FilingService } from '../src/documents/filing.service';
import { databaseTargets } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot } from './factories/plots';
import { createScratchDatabase, realPostgresUrl, type ScratchDatabase } from './reliability/process-app';

const embedded = databaseTargets().find((t) => t.name === 'embedded')!;

(realPostgresUrl() ? describe : describe.skip)('move-to-postgres (issue 23): the embedded database copied row for row into a fresh PostgreSQL [embedded → postgres]', () => {
  let source: TestApp;
  let moved: TestApp;
  let db: ScratchDatabase;
  const COUNTED = ['audit_log', 'documents', 'plots', 'outbox', 'organisations', 'users', 'jurisdictions', 'deadlines'];
  const counts = async (ds: DataSource) => {
    const out: Record<string, number> = {};
    for (const t of COUNTED) out[t] = (await ds.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n;
    return out;
  };

  beforeAll(async () => {
    source = await startTestApp(embedded);
    await registerPlot(source);
    await registerPlot(source);
    await source.app.get(FilingService).drain();
    db = await createScratchDatabase('mv_pg');
    const dest = new DataSource(dataSourceOptions(db.url, 1));
    await dest.initialize();
    await migrateDatabase(dest);
    await dest.destroy();
    await copyDatabase(embedded.url, db.url);
    moved = await startTestApp({ name: 'postgres', url: db.url }, {}, { resetDatabase: false });
  });
  afterAll(async () => {
    await source?.close();
    await moved?.close();
    await db?.drop();
  });

  it('every table arrives with the same rows (the target migrations’ own seed rows replaced, not doubled)', async () => {
    const before = await counts(source.ds);
    expect(before.audit_log).toBeGreaterThan(0);
    expect(await counts(moved.ds)).toEqual(before);
    const ids = (ds: DataSource) => ds.query('SELECT id, seq, entity_id FROM audit_log ORDER BY id');
    expect(await ids(moved.ds)).toEqual(await ids(source.ds));
  });

  it('the audit chain copied verifies as valid with every row checked, and new rows continue the identity counters', async () => {
    const res = await moved.http.get('/audit/verify').set(await moved.as('admin'));
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.checked).toBe((await moved.ds.query('SELECT count(*)::int AS n FROM audit_log'))[0].n);
    await registerPlot(moved);
    const after = await moved.http.get('/audit/verify').set(await moved.as('admin'));
    expect(after.body.valid).toBe(true);
  });
});
