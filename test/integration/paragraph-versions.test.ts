/**
 * Concurrent edits of a draft § (issue 23): every saved edit raises the §'s version, a save carries the
 * version it was based on, and a save based on an older version is refused with both texts, never a
 * silent overwrite.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { addAgendaItem, createBody, createOrganization, planMeeting } from '../../src/services/meeting-cycle.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';

let handle: DatabaseHandle;
let app: FastifyInstance;
let first: TestUser;
let second: TestUser;
let paragraphId = '';

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  const organization = await createOrganization(handle.db, { name: 'Räddningsförbundet Alfa', organizationType: 'kommunalforbund' });
  const body = await createBody(handle.db, { organizationId: organization.id, name: 'Direktionen' });
  const { meetingId } = await planMeeting(handle.db, { bodyId: body.id, heldOn: '2026-05-20', standardItems: false });
  paragraphId = (await addAgendaItem(handle.db, meetingId, { title: 'Budget 2027', text: 'Förslag från förbundschefen.' })).paragraphId;
  first = await buildUser(handle.db, { name: 'Sekreterare Ett', roles: [{ role: 'secretary', organizationId: organization.id }] });
  second = await buildUser(handle.db, { name: 'Sekreterare Tva', roles: [{ role: 'secretary', organizationId: organization.id }] });
  app = await buildApp({ database: handle, web: false });
}, 60_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

const stored = async () => (await queryRows<{ title: string; text: string | null; version: number }>(handle.db, sql`select title, text, version from paragraphs where id = ${paragraphId}`))[0]!;

describe('issue 23: two secretaries edit the same draft §', () => {
  it('the first save raises the version; the second, based on the old version, gets 409 with both texts and changes nothing', async () => {
    expect((await stored()).version).toBe(1);
    const saved = await app.inject({ method: 'PATCH', url: `/api/paragraphs/${paragraphId}`, headers: first.headers, payload: { text: 'Direktionen fastställer budgeten.', version: 1 } });
    expect(saved.statusCode).toBe(204);
    expect(await stored()).toEqual({ title: 'Budget 2027', text: 'Direktionen fastställer budgeten.', version: 2 });

    const stale = await app.inject({ method: 'PATCH', url: `/api/paragraphs/${paragraphId}`, headers: second.headers, payload: { text: 'Direktionen återremitterar ärendet.', version: 1 } });
    expect(stale.statusCode).toBe(409);
    const { error } = stale.json<{ error: { code: string; details: Record<string, unknown> } }>();
    expect(error.code).toBe('paragraph_edited_by_someone_else');
    expect(error.details).toMatchObject({
      yourVersion: 1,
      storedVersion: 2,
      stored: { text: 'Direktionen fastställer budgeten.' },
      yours: { text: 'Direktionen återremitterar ärendet.' },
    });
    expect(await stored()).toEqual({ title: 'Budget 2027', text: 'Direktionen fastställer budgeten.', version: 2 });

    const rebased = await app.inject({ method: 'PATCH', url: `/api/paragraphs/${paragraphId}`, headers: second.headers, payload: { text: 'Direktionen återremitterar ärendet.', version: 2 } });
    expect(rebased.statusCode).toBe(204);
    expect((await stored()).version).toBe(3);
  });

  it('a save without a version (older clients) still saves and raises the version', async () => {
    const saved = await app.inject({ method: 'PATCH', url: `/api/paragraphs/${paragraphId}`, headers: first.headers, payload: { title: 'Budget 2027 och plan 2028' } });
    expect(saved.statusCode).toBe(204);
    expect(await stored()).toMatchObject({ title: 'Budget 2027 och plan 2028', version: 4 });
  });
});
