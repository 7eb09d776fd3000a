/**
 * Migration 0008: an assignment or delegated decision stored before it with '' for "no one named" reads
 * NULL afterwards, on both engines. The database is migrated up to 0007, given such rows, then migrated on.
 */
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, queryRows, type DatabaseHandle } from '../../src/storage/database.ts';
import { insertPlainMeeting, migrationsFolderBefore, openEmptyDatabase } from '../support/databases.ts';


for (const engine of ['pglite', 'postgres'] as const) {
  const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
  (available ? describe : describe.skip)(`migration 0008 [${engine}]`, () => {
    let handle: DatabaseHandle | undefined;
    const folder = migrationsFolderBefore(8);
    afterAll(async () => {
      await handle?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it("turns an assignee or delegate stored as '' into NULL and leaves named ones alone", async () => {
      handle = await openEmptyDatabase(engine);
      const db = handle.db;
      if (engine === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
      else await migratePostgres(db as never, { migrationsFolder: folder });
      const { meetingId } = await insertPlainMeeting(db, { organization: 'Förbundet Före 0008', heldOn: '2021-05-06', number: 4, title: 'Ärende 1' });
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
