import { existsSync, mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) served on a
 * loopback socket, so that the application talks to it through the ordinary
 * `pg` driver exactly as it talks to a real server. The socket server's
 * multiplexer runs one transaction at a time, so transactions stay isolated
 * and row locks keep their meaning (a driver that shares PGlite's single
 * session among pooled connections would interleave transactions).
 */
export interface EmbeddedDatabase {
  url: string;
  /** true when the data directory held no database before this start */
  fresh: boolean;
  /**
   * The data directory as a tarball (PGlite's dumpDataDir), after a checkpoint; between transactions only. Not
   * compressed: a fresh directory loads it ~0.2 s sooner than the gzipped one, which was 6 MB of 44.
   */
  dump(): Promise<Buffer>;
  stop(): Promise<void>;
}

/**
 * The worker thread's code, as plain JavaScript (it runs from the compiled app and from the TypeScript sources under
 * test alike). PGlite executes PostgreSQL on the thread that calls it; on a thread of its own it opens its data
 * directory while the app's modules load, and its queries run beside the app's event loop instead of on it.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.modules.pglite);
const { PGLiteSocketServer } = require(workerData.modules.socket);
const { pg_trgm } = require(workerData.modules.pgTrgm);
(async () => {
  const { dataDir, template, maxConnections, port } = workerData;
  const loadDataDir = template ? new Blob([template]) : undefined;
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}), extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  await server.start();
  parentPort.on('message', async (m) => {
    try {
      if (m.type === 'dump') {
        await db.exec('CHECKPOINT');
        const data = await (await db.dumpDataDir('none')).arrayBuffer();
        parentPort.postMessage({ type: 'dumped', id: m.id, data }, [data]);
      } else if (m.type === 'stop') {
        await server.stop();
        await db.close();
        parentPort.close();
      }
    } catch (e) {
      parentPort.postMessage({ type: 'failed', id: m.id, message: String(e && e.stack || e) });
    }
  });
  parentPort.postMessage({ type: 'ready', port: server.server.address().port });
})().catch((e) => parentPort.postMessage({ type: 'failed', message: String(e && e.stack || e) }));
`;

type FromWorker =
  | { type: 'ready'; port: number }
  | { type: 'dumped'; id: number; data: ArrayBuffer }
  | { type: 'failed'; id?: number; message: string };

export async function startEmbeddedDatabase(opts: {
  dataDir?: string;
  maxConnections?: number;
  port?: number;
  /** A fresh data directory starts from this tarball (a dump()) instead of initdb; ignored when the directory exists. */
  template?: Buffer;
}): Promise<EmbeddedDatabase> {
  let fresh = true;
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = `${opts.dataDir}/pgdata`;
    mkdirSync(opts.dataDir, { recursive: true });
    fresh = !existsSync(`${dataDir}/PG_VERSION`);
  }
  // pg_trgm serves the plot lists' free-text search (migration PlotListIndexes). The CommonJS builds of PGlite and its
  // socket server, resolved here so that the worker loads the same files as this process would.
  const modules = {
    pglite: require.resolve('@electric-sql/pglite'),
    socket: require.resolve('@electric-sql/pglite-socket'),
    pgTrgm: require.resolve('@electric-sql/pglite/contrib/pg_trgm'),
  };
  const template = fresh && opts.template ? opts.template : undefined;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { modules, dataDir, template, maxConnections: opts.maxConnections ?? 32, port: opts.port ?? 0 },
  });
  const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  let stopping: (() => void) | undefined;
  let started = false;
  let exited = false;
  let nextId = 1;
  const starting = new Promise<number>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        started = true;
        resolve(m.port);
      } else if (m.type === 'dumped') pending.get(m.id)?.resolve(Buffer.from(m.data));
      else if (m.id !== undefined) pending.get(m.id)?.reject(new Error(m.message));
      else reject(new Error(`the embedded database did not start: ${m.message}`));
      if ('id' in m && m.id !== undefined) pending.delete(m.id);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      exited = true;
      if (stopping) return stopping();
      if (!started) return reject(new Error(`the embedded database stopped while starting (exit ${code})`));
      // A database that stops on its own leaves the app with nothing to answer from: say so and end, as an error
      // thrown inside PGlite would have ended the process when it ran on the main thread.
      process.stderr.write(`the embedded database stopped unexpectedly (exit ${code})\n`);
      process.exit(1);
    });
  });
  const port = await starting.catch(async (e: unknown) => {
    stopping = () => undefined;
    await worker.terminate();
    throw e;
  });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    fresh,
    dump() {
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'dump', id });
      });
    },
    stop() {
      if (exited) return Promise.resolve();
      // The worker closes the socket server and the database (which flushes its files), then ends.
      return new Promise<void>((resolve) => {
        stopping = resolve;
        worker.postMessage({ type: 'stop' });
      });
    },
  };
}
