/**
 * Migration 0009: files get `text_content` and search documents an internal-only `attachment_vector`,
 * on both engines. The database is migrated up to 0008, given minutes with an attached file, then
 * migrated on: the documents keep their public text, have empty underlag text, and follow a file's
 * text when it is set.
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
import { searchDecisions } from '../../src/services/search.service.ts';
import { buildMinutes } from '../support/factories.ts';

const migrations = fileURLToPath(new URL('../../src/storage/migrations', import.meta.url));

/** A copy of the migrations folder whose journal ends before 0009. */
function migrationsBefore0009(): string {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-migrations-'));
  cpSync(migrations, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx < 9);
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
  (available ? describe : describe.skip)(`migration 0009 [${engine}]`, () => {
    let handle: DatabaseHandle | undefined;
    const folder = migrationsBefore0009();
    afterAll(async () => {
      await handle?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('adds the underlag text to files and search documents, empty for what was stored before', async () => {
      handle = await openEmpty(engine);
      const db = handle.db;
      if (engine === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
      else await migratePostgres(db as never, { migrationsFolder: folder });
      const minutes = buildMinutes({ organization: 'Förbundet Före 0009', date: '2025-05-06', paragraphs: [4] });
      minutes.items[0]!.title = 'Avfallsplan';
      const { meetingId } = await saveMinutes(db, minutes);
      const [paragraph] = await queryRows<{ id: string }>(db, sql`select id from paragraphs where meeting_id = ${meetingId}`);
      const [file] = await queryRows<{ id: string }>(
        db,
        sql`insert into files (sha256, content_type, size, storage, content) values ('ab', 'application/pdf', 1, 'database', '\\x00'::bytea) returning id`,
      );
      await db.execute(sql`insert into paragraph_attachments (paragraph_id, position, title, file_id) values (${paragraph!.id}, 1, 'Avfallsutredning', ${file!.id})`);
      await db.execute(sql`update meetings set status = 'adjusted' where id = ${meetingId}`);

      await migrateDatabase(handle);

      const [document] = await queryRows<{ title: string; attachments: string; attachmentText: string; empty: boolean }>(
        db,
        sql`select title, attachments, attachment_text as "attachmentText", attachment_vector = ''::tsvector as empty from search_documents where paragraph_id = ${paragraph!.id}`,
      );
      expect(document).toEqual({ title: 'Avfallsplan', attachments: 'Avfallsutredning', attachmentText: '', empty: true });
      const [stored] = await queryRows<{ text: string | null }>(db, sql`select text_content as text from files where id = ${file!.id}`);
      expect(stored!.text).toBeNull();

      // A text set afterwards reaches the § internally, never publicly.
      await db.execute(sql`update files set text_content = 'Sophämtningen blir varannan vecka.' where id = ${file!.id}`);
      const internal = await searchDecisions(db, { query: 'sophämtningen', audience: 'internal' });
      expect(internal.hits.map((h) => h.title)).toEqual(['Avfallsplan']);
      const external = await searchDecisions(db, { query: 'sophämtningen', audience: 'public' });
      expect(external.total).toBe(0);
      expect((await searchDecisions(db, { query: 'avfallsplan', audience: 'public' })).hits.map((h) => h.title)).toEqual(['Avfallsplan']);
    });
  });
}
