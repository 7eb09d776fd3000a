/**
 * After migration 0010, what was stored before it is chained and sealed once (`applyMigrations`, run by
 * `migrate` and `serve`): the old audit events in `seq` order, and every adjusted meeting, with the
 * imported original when it is a PDF. On both engines.
 */
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyIntegrity } from '../../src/services/integrity.service.ts';
import { applyMigrations } from '../../src/services/system.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { migrationsFolderBefore, openEmptyDatabase } from '../support/databases.ts';

for (const engine of ['pglite', 'postgres'] as const) {
  const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
  (available ? describe : describe.skip)(`chaining and sealing what came before migration 0010 [${engine}]`, () => {
    let handle: DatabaseHandle | undefined;
    const folder = migrationsFolderBefore(10);
    afterAll(async () => {
      await handle?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('chains the old audit events in order and seals the adjusted meetings once, then verifies clean', async () => {
      handle = await openEmptyDatabase(engine);
      const db = handle.db;
      if (engine === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
      else await migratePostgres(db as never, { migrationsFolder: folder });
      const [organization] = await queryRows<{ id: string }>(db, sql`insert into organizations (name) values ('Förbundet Före 0010') returning id`);
      const [body] = await queryRows<{ id: string }>(db, sql`insert into bodies (organization_id, name) values (${organization!.id}, 'Styrelsen') returning id`);
      const [pdf] = await queryRows<{ id: string }>(
        db,
        sql`insert into files (sha256, content_type, size, storage, content)
            values (encode(sha256('%PDF-1.7 gammalt protokoll'::bytea), 'hex'), 'application/pdf', 26, 'database', '%PDF-1.7 gammalt protokoll'::bytea) returning id`,
      );
      const meetings: string[] = [];
      for (const [heldOn, status, source] of [['2025-03-03', 'adjusted', pdf!.id], ['2025-04-07', 'held', null]] as const) {
        const [meeting] = await queryRows<{ id: string }>(
          db,
          sql`insert into meetings (body_id, held_on, year, status, body_as_written, source_file_id) values (${body!.id}, ${heldOn}, 2025, 'held', 'Styrelsen', ${source}) returning id`,
        );
        const [paragraph] = await queryRows<{ id: string }>(
          db,
          sql`insert into paragraphs (meeting_id, body_id, year, position, number, title, text) values (${meeting!.id}, ${body!.id}, 2025, 0, ${heldOn === '2025-03-03' ? 7 : 8}, 'Budget', 'Underlag.') returning id`,
        );
        await db.execute(sql`insert into decision_points (paragraph_id, position, text) values (${paragraph!.id}, 0, 'Styrelsen fastställer budgeten.')`);
        if (status === 'adjusted') await db.execute(sql`update meetings set status = 'adjusted', adjusted_on = '2025-03-05' where id = ${meeting!.id}`);
        meetings.push(meeting!.id);
      }
      for (const [kind, at] of [['organization.created', '2025-01-01T10:00:00.123456Z'], ['meeting.created', '2025-03-01T09:00:00Z'], ['minutes.adjusted', '2025-03-05T12:00:00Z']] as const) {
        await db.execute(sql`insert into audit_events (kind, entity_type, entity_id, at, data) values (${kind}, 'meeting', ${meetings[0]}, ${at}, '{"gammal": true}'::jsonb)`);
      }

      await applyMigrations(handle);

      const events = await queryRows<{ seq: string | number; kind: string; previous_hash: string | null; hash: string | null; actor: string | null }>(
        db,
        sql`select seq, kind, previous_hash, hash, actor from audit_events order by seq`,
      );
      expect(events.map((e) => e.kind)).toEqual(['organization.created', 'meeting.created', 'minutes.adjusted', 'minutes.sealed']);
      expect(events.map((e) => Number(e.seq))).toEqual([1, 2, 3, 4]);
      events.forEach((e, index) => expect(e.previous_hash).toBe(index === 0 ? null : events[index - 1]!.hash));
      expect(events[3]!.actor).toBe('system:migrate');
      const seals = await queryRows<{ meeting_id: string; file_id: string | null }>(db, sql`select meeting_id, file_id from minutes_seals`);
      // Only the adjusted meeting is sealed, with its imported original, a PDF.
      expect(seals).toEqual([{ meeting_id: meetings[0], file_id: pdf!.id }]);

      // Once: a second start changes nothing.
      await applyMigrations(handle);
      expect((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_events`))[0]!.n).toBe(4);

      const report = await verifyIntegrity(handle);
      expect(report.findings).toEqual([]);
      expect(report.counts).toMatchObject({ meetings: 1, paragraphs: 1, files: 1, auditEntries: 4 });
      expect(report.chainHead).toEqual({ seq: 4, hash: events[3]!.hash });
    });
  });
}
