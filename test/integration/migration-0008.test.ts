/**
 * Migration 0008: an assignment or delegated decision stored before it with '' for "no one named" reads
 * NULL afterwards, on both engines. The database is migrated up to 0007, given such rows, then migrated on.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, queryRows, type DatabaseHandle, type Engine } from '../../src/storage/database.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { buildMinutes } from '../support/factories.ts';

const migrations = fileURLToPath(new URL('../../src/storage/migrations', import.meta.url));

/** A copy of the migrations folder whose journal ends before 0008. */
function migrationsBefore0008(): string {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-migrations-'));
  cpSync(migrations, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx < 8);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

async function openEmpty(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openDatabase({ dataDir: null });
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `protokoll_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
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

for (const engine of ['pglite', 'postgres'] as const) {
  const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
  (available ? describe : describe.skip)(`migration 0008 [${engine}]`, () => {
    let handle: DatabaseHandle | undefined;
    const folder = migrationsBefore0008();
    afterAll(async () => {
      await handle?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it("turns an assignee or delegate stored as '' into NULL and leaves named ones alone", async () => {
      handle = await openEmpty(engine);
      const db = handle.db;
      if (engine === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
      else await migratePostgres(db as never, { migrationsFolder: folder });
      const { meetingId } = await saveMinutes(db, buildMinutes({ organization: 'Förbundet Före 0008', paragraphs: [4] }));
      const [paragraph] = await queryRows<{ id: string; bodyId: string }>(db, sql`select id, body_id as "bodyId" from paragraphs where meeting_id = ${meetingId}`);
      await db.execute(sql`insert into assignments (paragraph_id, assignee, description, status)
        values (${paragraph!.id}, '', 'Ta fram en plan', 'open'), (${paragraph!.id}, 'Förbundschefen', 'Återkomma i frågan', 'open')`);
      await db.execute(sql`insert into delegated_decisions (body_id, delegate, description, status)
        values (${paragraph!.bodyId}, '', 'Avtal om lokaler', 'registered'), (${paragraph!.bodyId}, 'Ordföranden', 'Yttrande', 'registered')`);

      await migrateDatabase(handle);

      const assignees = await queryRows<{ assignee: string | null }>(db, sql`select assignee from assignments order by assignee nulls first`);
      expect(assignees).toEqual([{ assignee: null }, { assignee: 'Förbundschefen' }]);
      const delegates = await queryRows<{ delegate: string | null }>(db, sql`select delegate from delegated_decisions order by delegate nulls first`);
      expect(delegates).toEqual([{ delegate: null }, { delegate: 'Ordföranden' }]);
      // And an unnamed one can now be stored as NULL.
      await db.execute(sql`insert into assignments (paragraph_id, assignee, description) values (${paragraph!.id}, null, 'Utreda')`);
    });
  });
}
