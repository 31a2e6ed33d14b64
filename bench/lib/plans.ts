import { Client } from 'pg';

/**
 * The plans of the statements the app itself runs for one request, read from PostgreSQL's auto_explain: the bench
 * loads the module into every session before the app starts (session_preload_libraries, logging off), turns logging
 * on for one request and reads what it wrote to the server's log. So the plan printed is the plan of the SQL the
 * endpoint really sends, with its real parameters, not of a copy kept in the bench.
 *
 * Works on a cluster whose log the bench can read with pg_read_file (the throw-away cluster: data/server.log); elsewhere
 * `available` is false and no plan is printed.
 */
export class PlanProbe {
  available = false;
  private bigTables = new Set<string>();
  private constructor(private readonly c: Client, private readonly logFile: string) {}

  /** Call before the app starts: its pooled sessions must load auto_explain when they open. */
  static async open(url: string): Promise<PlanProbe> {
    const c = new Client({ connectionString: url });
    await c.connect();
    const probe = new PlanProbe(c, 'server.log');
    try {
      await c.query(`LOAD 'auto_explain'`);
      await c.query(`ALTER SYSTEM SET session_preload_libraries = 'auto_explain'`);
      await c.query(`ALTER SYSTEM SET auto_explain.log_min_duration = -1`);
      await c.query(`ALTER SYSTEM SET auto_explain.log_format = 'text'`);
      await c.query(`SELECT pg_reload_conf()`);
      await c.query(`SELECT length(pg_read_file($1)) AS n`, [probe.logFile]);
      probe.available = true;
    } catch {
      probe.available = false;
    }
    return probe;
  }

  /** Tables large enough that a sequential scan of them would show at scale (a small table's scan is no regression). */
  async noteBigTables(minRows = 5000): Promise<void> {
    const rows = (await this.c.query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= $1`, [minRows])).rows;
    this.bigTables = new Set(rows.map((r) => r.relname as string));
  }

  /** Runs `work` with every statement's plan logged; returns the scan nodes of its statements, in order, de-duplicated. */
  async scans(work: () => Promise<unknown>): Promise<string> {
    if (!this.available) return '';
    const before = await this.logSize();
    await this.c.query(`ALTER SYSTEM SET auto_explain.log_min_duration = 0`);
    await this.c.query(`SELECT pg_reload_conf()`);
    await new Promise((r) => setTimeout(r, 150));
    try {
      await work();
    } finally {
      await this.c.query(`ALTER SYSTEM SET auto_explain.log_min_duration = -1`);
      await this.c.query(`SELECT pg_reload_conf()`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const after = await this.logSize();
    if (after <= before) return 'no statement';
    const text = (await this.c.query(`SELECT pg_read_file($1, $2, $3) AS t`, [this.logFile, before, after - before])).rows[0].t as string;
    return summarise(text, this.bigTables);
  }

  async close(): Promise<void> {
    if (this.available) {
      // Leaves the server's configuration as it found it (BENCH_DATABASE_URL may be a cluster of its own).
      for (const name of ['session_preload_libraries', 'auto_explain.log_min_duration', 'auto_explain.log_format']) {
        await this.c.query(`ALTER SYSTEM RESET ${name}`).catch(() => undefined);
      }
      await this.c.query(`SELECT pg_reload_conf()`).catch(() => undefined);
    }
    await this.c.end();
  }

  private async logSize(): Promise<number> {
    return Number((await this.c.query(`SELECT (pg_stat_file($1)).size AS n`, [this.logFile])).rows[0].n);
  }
}

const SCAN = /((?:Parallel )?(?:Seq Scan|Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Heap Scan|Bitmap Index Scan))(?: using (\S+))? on (\S+)/g;

/**
 * "Index Scan monitoring_results_history_idx · Seq Scan plots (big!)": every scan of a big table (and every index scan),
 * over the statements of the log text; small tables' sequential scans are left out.
 */
export function summarise(log: string, bigTables: Set<string>): string {
  const seen: string[] = [];
  for (const m of log.matchAll(SCAN)) {
    const [, kind, usingIndex, target] = m;
    let label: string;
    if (kind.startsWith('Bitmap Index')) label = `Bitmap Index Scan ${target}`;
    else if (kind.startsWith('Bitmap Heap')) continue; // its Bitmap Index Scan names the index
    else if (usingIndex) label = `${kind} ${usingIndex}`;
    else if (bigTables.has(target)) label = `${kind} ${target} (big table!)`;
    else continue;
    if (!seen.includes(label)) seen.push(label);
  }
  return seen.join(' · ') || 'small tables only';
}
