/**
 * Migration 0019: adjusted minutes stored before the personal-data scan existed are scanned once after the
 * migrations (applyMigrations), on both engines: those with a personnummer are held back from the public
 * side, the others stay public, and a second start scans nothing.
 */
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { getPublicMeeting } from '../../src/services/publication.service.ts';
import { scanExistingMinutes } from '../../src/services/privacy.service.ts';
import { applyMigrations } from '../../src/services/system.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/database.ts';
import { insertPlainMeeting, migrationsFolderBefore, openEmptyDatabase } from '../support/databases.ts';

for (const engine of ['pglite', 'postgres'] as const) {
  const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
  (available ? describe : describe.skip)(`migration 0019 [${engine}]`, () => {
    let handle: DatabaseHandle | undefined;
    const folder = migrationsFolderBefore(19);
    afterAll(async () => {
      await handle?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('scans the adjusted minutes stored before it once, holding back those with a personnummer', async () => {
      handle = await openEmptyDatabase(engine);
      const db = handle.db;
      if (engine === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
      else await migratePostgres(db as never, { migrationsFolder: folder });
      const withNumber = await insertPlainMeeting(db, { organization: 'Förbundet Före 0019', heldOn: '2025-05-06', number: 4, title: 'Bidrag till 19121212-1212' });
      const clean = await insertPlainMeeting(db, { organization: 'Förbundet Rent', heldOn: '2025-05-07', number: 5, title: 'Avfallsplan' });
      for (const m of [withNumber, clean]) await db.execute(sql`update meetings set status = 'adjusted', adjusted_on = '2025-05-10' where id = ${m.meetingId}`);

      await applyMigrations(handle);

      const holds = await queryRows<{ meeting_id: string }>(db, sql`select meeting_id from publication_holds`);
      expect(holds.map((h) => h.meeting_id)).toEqual([withNumber.meetingId]);
      await expect(getPublicMeeting(handle, withNumber.meetingId)).rejects.toMatchObject({ code: 'meeting_not_found' });
      expect((await getPublicMeeting(handle, clean.meetingId)).paragraphs).toHaveLength(1);
      const [search] = await queryRows<{ published: boolean }>(db, sql`select published from search_documents where paragraph_id = ${withNumber.paragraphId}`);
      expect(search!.published).toBe(false);
      expect(await scanExistingMinutes(handle)).toEqual({ scanned: 0, held: 0 });
    });
  });
}
