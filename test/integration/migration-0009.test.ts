/**
 * Migration 0009: files get `text_content` and search documents an internal-only `attachment_vector`,
 * on both engines. The database is migrated up to 0008, given minutes with an attached file, then
 * migrated on: the documents keep their public text, have empty underlag text, and follow a file's
 * text when it is set.
 */
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, queryRows, type DatabaseHandle } from '../../src/storage/database.ts';
import { searchDecisions } from '../../src/services/search.service.ts';
import { insertPlainMeeting, migrationsFolderBefore, openEmptyDatabase } from '../support/databases.ts';


for (const engine of ['pglite', 'postgres'] as const) {
  const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
  (available ? describe : describe.skip)(`migration 0009 [${engine}]`, () => {
    let handle: DatabaseHandle | undefined;
    const folder = migrationsFolderBefore(9);
    afterAll(async () => {
      await handle?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('adds the underlag text to files and search documents, empty for what was stored before', async () => {
      handle = await openEmptyDatabase(engine);
      const db = handle.db;
      if (engine === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
      else await migratePostgres(db as never, { migrationsFolder: folder });
      const { meetingId } = await insertPlainMeeting(db, { organization: 'Förbundet Före 0009', heldOn: '2025-05-06', number: 4, title: 'Avfallsplan' });
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
