import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';

/** pg-boss's database, and a way to wait for the statements it still has under way. */
export interface DrainableDb extends PgBoss.Db {
  /** Resolves once no statement is under way (pg-boss completes a finished job without awaiting it). */
  drain(): Promise<void>;
}

/**
 * pg-boss through the application's own TypeORM pool, so that it adds no
 * connection (the embedded database is served through exactly one). pg-boss
 * expects `executeSql` to answer `{ rows }` for every statement, UPDATE …
 * RETURNING included, which TypeORM's structured result gives. The statements
 * are pg-boss's own, on its schema `pgboss`.
 */
export function typeormExecutor(ds: DataSource): DrainableDb {
  const pending = new Set<Promise<unknown>>();
  const execute = async (text: string, values: unknown[]) => {
    const runner = ds.createQueryRunner();
    try {
      const result = await runner.query(text, values, true);
      return { rows: (result.records as unknown[] | undefined) ?? [] };
    } catch (e) {
      // A failed script that opened a transaction leaves its connection in an aborted transaction: roll it back
      // before the connection goes back to the pool. pg-boss installs its schema in one BEGIN … COMMIT and, when a
      // second process starting at once loses that race ('already exists'), carries on — on a pooled connection
      // that would otherwise answer every later statement with 'current transaction is aborted'.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
  };
  return {
    executeSql(text: string, values: unknown[] = []) {
      const run = execute(text, values);
      pending.add(run);
      const settled = () => pending.delete(run);
      run.then(settled, settled);
      return run;
    },
    async drain() {
      // A statement may start while an earlier one ends (a job's completion after its handler): look again until none.
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
