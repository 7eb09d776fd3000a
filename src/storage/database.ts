/**
 * Opens the database: PGlite (PostgreSQL in WebAssembly) in a data folder by default, or a PostgreSQL
 * server when a URL is given. Both are driven through the same Drizzle schema and migrations.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { isWriteStatement, noteCommitted } from './commit-generation.ts';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { SerialClient } from './serial-client.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database or a transaction on it: every query function takes one of these. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Where file contents are kept on disk, or null when they are kept in the database. */
  filesDir: string | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL server, e.g. postgres://user@127.0.0.1:5432/protokoll. */
  databaseUrl?: string | null;
  /** Folder of the embedded database; null or ':memory:' keeps it in memory (tests). */
  dataDir?: string | null;
  /** Folder for file contents with a server; without it they are kept in the database. */
  filesDir?: string | null;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens the database the options name, without migrating it. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, Client: SerialClient as unknown as typeof pg.Client });
    // An idle connection the server closes (restart, failover, a dropped test database) must not take the
    // process down: the pool discards it and opens a new one for the next query, which reports any error.
    pool.on('error', () => {});
    // Fail now with a clear cause rather than on the first query.
    const client = await pool.connect();
    client.release();
    const db = drizzlePostgres({ client: pool, schema }) as unknown as Database;
    pool.query = noticingWrites(db, pool.query.bind(pool)) as typeof pool.query;
    if (options.filesDir) mkdirSync(options.filesDir, { recursive: true });
    return { db, engine: 'postgres', filesDir: options.filesDir ?? null, close: () => pool.end() };
  }
  const inMemory = !options.dataDir || options.dataDir === ':memory:';
  let client: PGlite;
  let filesDir: string | null = null;
  if (inMemory) {
    client = await PGlite.create({ extensions: { pg_trgm } });
  } else {
    const dataDir = options.dataDir as string;
    mkdirSync(dataDir, { recursive: true });
    filesDir = join(dataDir, 'files');
    mkdirSync(filesDir, { recursive: true });
    client = await PGlite.create({ dataDir: join(dataDir, 'pg'), extensions: { pg_trgm } });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  client.query = noticingWrites(db, client.query.bind(client)) as typeof client.query;
  return { db, engine: 'pglite', filesDir, close: () => client.close() };
}

/**
 * The client's query function, raising the commit generation after each statement outside a
 * transaction that may have written (commit-generation.ts); statements in a transaction go through
 * the transaction's own client, and `inTransaction` raises it on commit.
 */
function noticingWrites<Args extends unknown[], Result>(db: Database, query: (...args: Args) => Result): (...args: Args) => Result {
  return (...args: Args) => {
    const result = query(...args);
    if (!isWriteStatement(args[0]) || !(result instanceof Promise)) return result;
    const noted = result.finally(() => noteCommitted(db));
    // Callback-style calls (pg's pool.query with a callback) return nothing to wait for.
    return noted as Result;
  };
}

/** Applies every migration not yet applied. Safe to run on every start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as never, { migrationsFolder });
  }
}

/** Opens and migrates: what the server and most commands want. */
export async function openMigratedDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/**
 * Runs raw SQL and returns its rows. Both drivers answer with `{ rows }`; counts come back as numbers
 * from PGlite and as strings from pg, so cast them in SQL (`::int`) or convert with Number().
 */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
