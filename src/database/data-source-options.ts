import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one data source definition, shared by the application and the TypeORM
 * CLI. Both database modes speak PostgreSQL over the `pg` driver: a real
 * server, or the embedded PGlite served on a loopback socket.
 */
/**
 * The external server's address, or the embedded database's loopback address.
 * The embedded server multiplexes its single PostgreSQL session message by
 * message, so statements of two connections may interleave outside a
 * transaction; the application therefore uses one connection to it, which
 * serialises all database work (PGlite runs one query at a time anyway).
 */
export interface DatabaseTarget {
  url: string;
  embedded: boolean;
}

/** Which database the app talks to, for the few paths that differ: the embedded one has no COPY FROM STDIN. */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/** `namedStatements`: prepare hot statements by name (a real PostgreSQL; see named-statement.ts). */
export function dataSourceOptions(url: string, poolSize = 10, namedStatements = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL >= 13; no extension needed.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10000, namedStatements },
  };
}
