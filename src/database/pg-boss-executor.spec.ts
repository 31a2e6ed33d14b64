import type { DataSource } from 'typeorm';
import { typeormExecutor } from './pg-boss-executor';

/** A data source whose one connection remembers what it was sent, failing the statements a test names. */
function fakeSource(failing: (text: string) => boolean) {
  const sent: string[] = [];
  let released = 0;
  const ds = {
    createQueryRunner: () => ({
      query: async (text: string) => {
        sent.push(text);
        if (failing(text)) throw new Error('relation "job" already exists');
        return { records: [{ ok: 1 }] };
      },
      release: async () => {
        released++;
      },
    }),
  } as unknown as DataSource;
  return { ds, sent, released: () => released };
}

describe('pg-boss through the application pool (src/database/pg-boss-executor.ts)', () => {
  it('answers the rows of a statement and gives the connection back', async () => {
    const f = fakeSource(() => false);
    await expect(typeormExecutor(f.ds).executeSql('SELECT 1', [])).resolves.toEqual({ rows: [{ ok: 1 }] });
    expect(f.sent).toEqual(['SELECT 1']);
    expect(f.released()).toBe(1);
  });

  it('a failed script is rolled back before its connection returns to the pool, so a lost schema-install race leaves no aborted transaction behind', async () => {
    const f = fakeSource((text) => text.includes('CREATE TABLE'));
    const script = 'BEGIN; SELECT pg_advisory_xact_lock(1); CREATE TABLE pgboss.job (id uuid); COMMIT;';
    await expect(typeormExecutor(f.ds).executeSql(script, [])).rejects.toThrow('already exists');
    expect(f.sent).toEqual([script, 'ROLLBACK']);
    expect(f.released()).toBe(1);
  });
});
