/**
 * Throwaway databases on a PostgreSQL server, for the tests and the benches. Its own module without
 * vitest, so that the benches (plain node) can import it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh, empty database on a PostgreSQL server (by default the one TEST_DATABASE_URL names): its name,
 * its URL, and `drop` to remove it. The benches make theirs with it too.
 */
export async function createServerDatabase(
  prefix = 'protokoll_test',
  serverUrl = process.env.TEST_DATABASE_URL,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
