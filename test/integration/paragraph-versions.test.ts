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
let meetingId = '';

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  const organization = await createOrganization(handle.db, { name: 'Räddningsförbundet Alfa', organizationType: 'kommunalforbund' });
  const body = await createBody(handle.db, { organizationId: organization.id, name: 'Direktionen' });
  ({ meetingId } = await planMeeting(handle.db, { bodyId: body.id, heldOn: '2026-05-20', standardItems: false }));
  paragraphId = (await addAgendaItem(handle.db, meetingId, { title: 'Budget 2027', text: 'Förslag från förbundschefen.' })).paragraphId;
  first = await buildUser(handle.db, { name: 'Sekreterare Ett', roles: [{ role: 'secretary', organizationId: organization.id }] });
  second = await buildUser(handle.db, { name: 'Sekreterare Tva', roles: [{ role: 'secretary', organizationId: organization.id }] });
  app = await buildApp({ database: handle });
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

  it('in the web form a stale save is refused in Swedish with the stored text beside what was typed, which stays in the form', async () => {
    const [session] = await queryRows<{ csrf_token: string }>(handle.db, sql`select csrf_token from sessions where user_id = ${first.userId} order by created_at desc limit 1`);
    const cookie = `protokoll_session=${encodeURIComponent(first.token)}; pk_csrf=${session!.csrf_token}`;
    const url = `/arbetsyta/sammantraden/${meetingId}/paragrafer/${paragraphId}`;
    const page = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const opened = /name="version" value="(\d+)"/.exec(page.body)?.[1];
    expect(opened).toBe(String((await stored()).version));
    expect(page.body).toContain(`data-version="${opened}"`);

    const meanwhile = await app.inject({ method: 'PATCH', url: `/api/paragraphs/${paragraphId}`, headers: second.headers, payload: { text: 'Sparat av den andra sekreteraren.', version: Number(opened) } });
    expect(meanwhile.statusCode).toBe(204);
    const before = await stored();

    const post = (accept?: string) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(accept ? { accept } : {}) },
        payload: new URLSearchParams({ _csrf: session!.csrf_token, version: opened!, title: 'Budget 2027', text: 'Det jag skrev i formuläret.' }).toString(),
      });
    const refused = await post();
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Någon annan har sparat paragrafen');
    expect(refused.body).toContain('Sparat av den andra sekreteraren.');
    expect(refused.body).toContain('Det jag skrev i formuläret.');
    expect(await stored()).toEqual(before);

    const autosave = await post('application/json');
    expect(autosave.statusCode).toBe(409);
    expect(autosave.json<{ error: { code: string } }>().error.code).toBe('paragraph_edited_by_someone_else');
    expect(await stored()).toEqual(before);
  });
});
