// Transition throughput over HTTP (auth, validation, lock, statechart, audit,
// outbox) beside the raw-SQL floor: the same transaction shape issued with `pg`.
//
//   npm run bench:transitions                  (8 s per phase)
//   npm run bench:transitions -- 15            (seconds per phase)
//
// Starts a durable throw-away PostgreSQL (or uses BENCH_DATABASE_URL) and the
// app as its own process (FILING_WORKER=off: documents are a separate worker's
// job, so PDF rendering does not share the measured CPU). Prints figures; gates nothing.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { Pool } from 'pg';
import { BENCH_KEYS, benchDatabase, fmt, login, machine, percentile, postgresCpuSeconds, processCpuSeconds, resetSchema, startApp } from './lib/harness';

const SECONDS = Number(process.argv[2] ?? 8);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,16').split(',').map(Number);

interface Result {
  ops: number;
  seconds: number;
  latencies: number[];
  errors: number;
  /** CPU milliseconds per operation: the app's process, PostgreSQL's processes, this load generator. */
  cpu: { app?: number; db?: number; client: number };
}

let appPid: number | undefined;
/** The bench cluster's postmaster, so that only its processes' CPU is counted (other clusters share the machine). */
let postmasterPid: number | undefined;

// Due dates within the notice's six months (42号令 第十二条), a different one each time so that each notice changes the plot.
function dayAfter(days: number): string {
  return new Date(Date.now() + (2 + (days % 170)) * 86400000).toISOString().slice(0, 10);
}

async function loop(clients: number, op: (client: number, i: number) => Promise<boolean>): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const cpu0 = { app: appPid ? processCpuSeconds(appPid) : undefined, db: postgresCpuSeconds(postmasterPid), client: process.cpuUsage() };
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        const ok = await op(c, i);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const ops = latencies.length;
  const perOp = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined ? undefined : ((after - before) * 1000) / ops;
  const client = process.cpuUsage(cpu0.client);
  const cpu = {
    app: perOp(cpu0.app, appPid ? processCpuSeconds(appPid) : undefined),
    db: perOp(cpu0.db, postgresCpuSeconds(postmasterPid)),
    client: (client.user + client.system) / 1000 / ops,
  };
  return { ops, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), errors, cpu };
}

async function registerPlots(base: string, token: string, holderOrg: string, n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${base}/plots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        code: `${prefix}-${i}`, name: `压测地块 ${i}`, address: '上街区', jurisdiction: '410106', areaM2: 1000,
        formerIndustry: '化工', currentUse: '工业', plannedUse: '住宅', holderOrganisationId: holderOrg,
      }),
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/**
 * One kept-alive HTTP/1.1 connection that sends a POST and reads the status and the body's length, nothing more:
 * node:http's client (parser, agent, headers objects) cost the load generator about 1 ms of CPU per request on the
 * two shared cores, which the app then lacked.
 */
class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting?: { resolve(status: number): void; reject(e: Error): void };

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.read(chunk));
    socket.on('error', (e) => this.waiting?.reject(e));
  }

  static open(base: string): Promise<Connection> {
    const { hostname, port } = new URL(base);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(new Connection(socket)));
      socket.once('error', reject);
    });
  }

  post(path: string, token: string, body: string): Promise<number> {
    const head = `POST ${path} HTTP/1.1\r\nhost: bench\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(head + body);
    });
  }

  close() {
    this.socket.destroy();
  }

  private read(chunk: Buffer) {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffered.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    // The app answers JSON with a length; a chunked answer ends with its empty last chunk.
    const total = length ? end + 4 + Number(length[1]) : this.buffered.indexOf('\r\n0\r\n\r\n', end) + 7;
    if (total < end + 4 || this.buffered.length < total) return;
    this.buffered = this.buffered.subarray(total);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(Number(head.slice(9, 12)));
  }
}

/** The floor: lock the row, update state and snapshot, append the hash-chained audit row and an outbox row. */
async function rawTransition(pool: Pool, plotId: string, dueDate: string): Promise<boolean> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await c.query('SELECT snapshot, state, version FROM plots WHERE id = $1 FOR UPDATE', [plotId]);
    const snapshot = rows[0].snapshot;
    snapshot.context.investigationDueDate = dueDate;
    await c.query('UPDATE plots SET snapshot = $2, state = $3, version = version + 1, updated_at = now() WHERE id = $1', [plotId, snapshot, rows[0].state]);
    const last = await c.query(`SELECT seq, hash FROM audit_log WHERE entity_type = 'plot' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`, [plotId]);
    const seq = (last.rows[0]?.seq ?? 0) + 1;
    const at = new Date().toISOString();
    const payload = { dueDate };
    const hash = createHash('sha256').update(`${last.rows[0]?.hash ?? ''}\n${JSON.stringify({ plotId, seq, payload, at })}`).digest('hex');
    const audit = await c.query(
      `INSERT INTO audit_log (entity_type, entity_id, plot_id, seq, event_type, payload, actor_name, role, organisation_name,
         from_state, to_state, machine_name, machine_version, at, prev_hash, hash)
       VALUES ('plot', $1, $1, $2, 'ISSUE_INVESTIGATION_NOTICE', $3, 'bench', 'eeb', 'bench', 'suspected', 'suspected', 'plot-lifecycle', 1, $4, $5, $6)
       RETURNING id`,
      [plotId, seq, payload, at, last.rows[0]?.hash ?? null, hash],
    );
    await c.query(`INSERT INTO outbox (topic, audit_id, payload) VALUES ('filing', $1, '{"kind":"D2"}')`, [audit.rows[0].id]);
    await c.query('COMMIT');
    return true;
  } catch {
    await c.query('ROLLBACK').catch(() => undefined);
    return false;
  } finally {
    c.release();
  }
}

/** The postmaster's process id from its data directory, where this machine can read it. */
async function postmasterOf(pool: Pool): Promise<number | undefined> {
  if (process.env.BENCH_DATABASE_URL) return undefined;
  const [{ dir }] = (await pool.query(`SELECT current_setting('data_directory') AS dir`)).rows;
  const file = join(dir, 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

/**
 * Statements PostgreSQL executes per event (BEGIN and COMMIT included), counted from its own log with
 * log_statement = all over `n` events (kept in BENCH_PROFILE_DIR when set); undefined on a database the bench did not
 * start (BENCH_DATABASE_URL) or whose log it cannot read.
 */
async function statementsPerEvent(pool: Pool, n: number, send: (i: number) => Promise<boolean>, label?: string): Promise<number | undefined> {
  // Only on the bench's own cluster: a database given by BENCH_DATABASE_URL may be shared, its settings not ours.
  if (process.env.BENCH_DATABASE_URL) return undefined;
  const [{ dir }] = (await pool.query(`SELECT current_setting('data_directory') AS dir`)).rows;
  const log = join(dir, 'server.log');
  if (!existsSync(log)) return undefined;
  await pool.query(`ALTER SYSTEM SET log_statement = 'all'`);
  await pool.query('SELECT pg_reload_conf()');
  await new Promise((r) => setTimeout(r, 300));
  const from = statSync(log).size;
  for (let i = 0; i < n; i++) await send(i);
  const to = statSync(log).size;
  await pool.query('ALTER SYSTEM RESET log_statement');
  await pool.query('SELECT pg_reload_conf()');
  const text = readFileSync(log).subarray(from, to).toString('utf8');
  if (process.env.BENCH_PROFILE_DIR && label) {
    // The app writes its profile there only when it stops: the folder may not exist yet.
    mkdirSync(process.env.BENCH_PROFILE_DIR, { recursive: true });
    writeFileSync(join(process.env.BENCH_PROFILE_DIR, `statements-${label}.log`), text);
  }
  // One line per statement run: simple queries ("statement:") and extended-protocol executions ("execute <name>:").
  return (text.match(/LOG: {2}(statement|execute [^:]*):/g) ?? []).length / n;
}

function line(name: string, r: Result) {
  const tps = r.ops / r.seconds;
  console.log(
    `${name.padEnd(28)} ${fmt(tps, 0).padStart(7)} tx/s   p50 ${fmt(percentile(r.latencies, 50), 2).padStart(6)} ms   p99 ${fmt(percentile(r.latencies, 99), 2).padStart(6)} ms   errors ${r.errors}` +
      `   CPU ms/tx: app ${fmt(r.cpu.app ?? NaN, 2)} · db ${fmt(r.cpu.db ?? NaN, 2)} · client ${fmt(r.cpu.client, 2)}`,
  );
  return tps;
}

async function main() {
  console.log(`machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const db = await benchDatabase();
  await resetSchema(db.url);
  const app = await startApp({ DATABASE_URL: db.url, FILING_WORKER: 'off', DB_POOL_SIZE: '20' });
  appPid = app.child.pid;
  try {
    execFileSync(process.execPath, ['dist/src/cli/seed-demo.cli.js'], { env: { ...process.env, ...BENCH_KEYS, DATABASE_URL: db.url, LOG_LEVEL: 'error' }, stdio: 'ignore' });
    const token = await login(app.base, 'eeb');
    const pool = new Pool({ connectionString: db.url, max: 16 });
    postmasterPid = await postmasterOf(pool);
    const [holder] = (await pool.query(`SELECT id FROM organisations WHERE name = '上街区某铝业有限公司'`)).rows;
    const ours = await registerPlots(app.base, token, holder.id, 16, `BENCH-${Date.now()}`);
    const floorPlots = await registerPlots(app.base, token, holder.id, 16, `FLOOR-${Date.now()}`);
    console.log(`\n${SECONDS} s per phase, one plot per client (no lock contention), durable commits\n`);
    const ratios: string[] = [];
    for (const clients of CLIENTS) {
      const connections = await Promise.all(Array.from({ length: clients }, () => Connection.open(app.base)));
      const http = await loop(clients, async (c, i) => {
        const body = JSON.stringify({ type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: dayAfter(i * 7 + clients) });
        return (await connections[c].post(`/plots/${ours[c]}/events`, token, body)) === 200;
      });
      connections.forEach((c) => c.close());
      const raw = await loop(clients, (c, i) => rawTransition(pool, floorPlots[c], dayAfter(i * 7 + clients)));
      const a = line(`engine over HTTP, ${clients} client${clients > 1 ? 's' : ''}`, http);
      const b = line(`raw SQL floor, ${clients} client${clients > 1 ? 's' : ''}`, raw);
      ratios.push(`ratio ours / floor at ${clients} client${clients > 1 ? 's' : ''}: ${fmt(a / b, 2)}`);
    }
    const one = await Connection.open(app.base);
    const eventStatements = await statementsPerEvent(pool, 20, async (i) =>
      (await one.post(`/plots/${ours[0]}/events`, token, JSON.stringify({ type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: dayAfter(i * 3 + 1) }))) === 200, 'ours');
    one.close();
    const floorStatements = await statementsPerEvent(pool, 20, (i) => rawTransition(pool, floorPlots[0], dayAfter(i * 3 + 2)), 'floor');
    console.log(`\n${ratios.join('\n')}`);
    console.log(`statements per event: ours ${fmt(eventStatements ?? NaN, 1)}, floor ${fmt(floorStatements ?? NaN, 1)} (log_statement = all over 20 events)`);
    console.log('targets: ratio ≥ 0.5 at 16 clients; p50 ≤ 3 ms and p99 ≤ 15 ms at 1 client');
    console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores shared with other work: figures of one run compare with each other)`);
    await pool.end();
  } finally {
    await app.stop();
    db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
