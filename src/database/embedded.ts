import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

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
  /** The data directory as a gzipped tarball (PGlite's dumpDataDir), after a checkpoint; between transactions only. */
  dump(): Promise<Buffer>;
  stop(): Promise<void>;
}

// PGlite and its socket server are ES modules; load them without letting the
// TypeScript CommonJS output rewrite the dynamic import into require().
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(s: string) => Promise<T>;

export async function startEmbeddedDatabase(opts: {
  dataDir?: string;
  maxConnections?: number;
  port?: number;
  /** A fresh data directory starts from this tarball (a dump()) instead of initdb; ignored when the directory exists. */
  template?: Buffer;
}): Promise<EmbeddedDatabase> {
  const { PGlite } = await importEsm<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const { PGLiteSocketServer } = await importEsm<typeof import('@electric-sql/pglite-socket')>(
    '@electric-sql/pglite-socket',
  );
  let fresh = true;
  let dataDir: string | undefined;
  if (opts.dataDir) {
    dataDir = `${opts.dataDir}/pgdata`;
    mkdirSync(opts.dataDir, { recursive: true });
    const { existsSync } = await import('node:fs');
    fresh = !existsSync(`${dataDir}/PG_VERSION`);
  }
  // pg_trgm serves the plot lists' free-text search (migration PlotListIndexes).
  const { pg_trgm } = await importEsm<typeof import('@electric-sql/pglite/contrib/pg_trgm')>('@electric-sql/pglite/contrib/pg_trgm');
  const loadDataDir = fresh && opts.template ? new Blob([opts.template]) : undefined;
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}), extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: opts.port ?? 0,
    maxConnections: opts.maxConnections ?? 32,
  });
  await server.start();
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${address.port}/postgres`,
    fresh,
    async dump() {
      await db.exec('CHECKPOINT');
      return Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
