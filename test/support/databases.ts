/**
 * The two-engine harness: `describeOnEachEngine` runs a block of tests once on an in-memory PGlite and
 * once on the PostgreSQL server named by TEST_DATABASE_URL (a fresh database per block, dropped after).
 * Without TEST_DATABASE_URL the PostgreSQL runs are skipped, visibly; `npm run test:postgres` and CI
 * start a throwaway server (scripts/with-throwaway-postgres.sh).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe } from 'vitest';
import { createServerDatabase } from './server-database.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle, type Engine } from '../../src/storage/database.ts';

export { createServerDatabase };

export const testEngines: Engine[] = ['pglite', 'postgres'];

/** Opens an empty database on `engine` with no migration applied; closing it also removes it. */
export async function openEmptyDatabase(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openDatabase({ dataDir: null });
  const server = await createServerDatabase();
  const handle = await openDatabase({ databaseUrl: server.url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await server.drop();
    },
  };
}

/** Opens a migrated, empty database on `engine`; closing it also removes it. */
export async function openTestDatabase(engine: Engine): Promise<DatabaseHandle> {
  const handle = await openEmptyDatabase(engine);
  await migrateDatabase(handle);
  return handle;
}

/** A copy of the migrations folder whose journal ends before migration `index`, to test that migration on data. */
export function migrationsFolderBefore(index: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx < index);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const migrationsFolder = fileURLToPath(new URL('../../src/storage/migrations', import.meta.url));

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

/**
 * A meeting with one § written in plain SQL, with only the columns every migration has had: for tests of
 * an old migration, where the use cases (which know today's columns) cannot write to yesterday's schema.
 */
export async function insertPlainMeeting(
  db: DatabaseHandle['db'],
  input: { organization: string; heldOn: string; number: number; title: string },
): Promise<{ organizationId: string; bodyId: string; meetingId: string; paragraphId: string }> {
  const year = Number(input.heldOn.slice(0, 4));
  const one = async <T>(query: ReturnType<typeof sql>): Promise<T> => ((await db.execute(query)) as unknown as { rows: T[] }).rows[0] as T;
  const { id: organizationId } = await one<{ id: string }>(sql`insert into organizations (name, organization_type) values (${input.organization}, 'kommunalforbund') returning id`);
  const { id: bodyId } = await one<{ id: string }>(sql`insert into bodies (organization_id, name) values (${organizationId}, 'Styrelsen') returning id`);
  const { id: meetingId } = await one<{ id: string }>(sql`insert into meetings (body_id, held_on, year, status) values (${bodyId}, ${input.heldOn}, ${year}, 'held') returning id`);
  const { id: paragraphId } = await one<{ id: string }>(
    sql`insert into paragraphs (meeting_id, body_id, year, position, number, title) values (${meetingId}, ${bodyId}, ${year}, 0, ${input.number}, ${input.title}) returning id`,
  );
  return { organizationId, bodyId, meetingId, paragraphId };
}
