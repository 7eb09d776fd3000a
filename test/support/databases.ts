/**
 * The two-engine harness: `describeOnEachEngine` runs a block of tests once on an in-memory PGlite and
 * once on the PostgreSQL server named by TEST_DATABASE_URL (a fresh database per block, dropped after).
 * Without TEST_DATABASE_URL the PostgreSQL runs are skipped, visibly; `npm run test:postgres` and CI
 * start a throwaway server (scripts/with-throwaway-postgres.sh).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrateDatabase, openDatabase, type DatabaseHandle, type Engine } from '../../src/storage/database.ts';

export const testEngines: Engine[] = ['pglite', 'postgres'];

/** Opens a migrated, empty database on `engine`; closing it also removes it. */
export async function openTestDatabase(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: null });
    await migrateDatabase(handle);
    return handle;
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `protokoll_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Runs `body` once per engine with a database of its own; `database()` gives the open handle. */
export function describeOnEachEngine(title: string, body: (database: () => DatabaseHandle) => void): void {
  for (const engine of testEngines) {
    const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
    const block = available ? describe : describe.skip;
    block(`${title} [${engine}]`, () => {
      let handle: DatabaseHandle | undefined;
      beforeAll(async () => {
        handle = await openTestDatabase(engine);
      });
      afterAll(async () => {
        await handle?.close();
      });
      body(() => {
        if (!handle) throw new Error('database not open');
        return handle;
      });
    });
  }
}
