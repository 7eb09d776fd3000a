/**
 * The web import's pages against the real app (issue 18): a multipart upload with a zip starts a batch; its page
 * reloads itself by the Refresh header only while files wait, with a link that stops it; a review with a bad
 * date is refused naming the field and stores nothing; notes are stored as notes, a document that says it is a
 * draft as a draft (not public), and a stored protocol's archive page links its original.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { ImportWorker } from '../../src/services/import-batches.service.ts';
import { createOrganization } from '../../src/services/meeting-cycle.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';
import { OWN_FIXTURES_DIR } from '../import/fixture-files.ts';

const fixture = (name: string) => readFileSync(join(OWN_FIXTURES_DIR, `${name}.txt`), 'utf8');
let handle: DatabaseHandle;
let app: FastifyInstance;
let web: { cookie: string; csrf: string };
let organizationId: string;

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  app = await buildApp({ database: handle, today: () => '2026-06-15' });
  organizationId = (await createOrganization(handle.db, { name: 'Kommunförbundet Webbimport', organizationType: 'association' })).id;
  const user = await buildUser(handle.db, { name: 'Webbsekreterare', roles: [{ role: 'secretary', organizationId }] });
  const session = await startSession(handle.db, { userId: user.userId });
  web = { cookie: `protokoll_session=${encodeURIComponent(session.token)}; pk_csrf=${session.csrfToken}`, csrf: session.csrfToken };
}, 120_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

function multipart(fields: Record<string, string>, files: { field: string; name: string; bytes: Uint8Array }[]): { payload: Buffer; contentType: string } {
  const boundary = '----protokoll-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const get = (url: string) => app.inject({ url, headers: { cookie: web.cookie } });
const post = (url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, headers: { cookie: web.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: web.csrf }).toString() });

describe('the web import pages', () => {
  it('uploads, refreshes only while reading, refuses a bad correction by its field, and stores notes as notes and drafts as drafts', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const draft = fixture('kommunstyrelsen-tabellhuvud').replace('Kommunstyrelsen\tSAMMANTRÄDESPROTOKOLL', 'UTKAST\nKommunstyrelsen\tSAMMANTRÄDESPROTOKOLL');
    const zip = zipSync({ 'anteckningar.txt': encode(fixture('natverk-minnesanteckningar')), 'utkast.txt': encode(draft), 'direktion.txt': encode(fixture('direktionen-narvarolista-sist')) });
    const form = multipart({ _csrf: web.csrf, target: `org:${organizationId}` }, [{ field: 'files', name: 'arkiv.zip', bytes: zip }]);
    const upload = await app.inject({ method: 'POST', url: '/arbetsyta/import', headers: { cookie: web.cookie, 'content-type': form.contentType }, payload: form.payload });
    expect(upload.statusCode).toBe(303);
    const batchUrl = upload.headers.location as string;

    const waiting = await get(batchUrl);
    expect(waiting.headers.refresh).toBe('5');
    expect(waiting.body).toContain(`href="${batchUrl}?uppdatera=nej"`);
    expect((await get(`${batchUrl}?uppdatera=nej`)).headers.refresh).toBeUndefined();

    await new ImportWorker(handle).runOnce();
    const done = await get(batchUrl);
    expect(done.headers.refresh).toBeUndefined();
    expect(done.body).toContain('Alla filer är lästa.');

    const files = await queryRows<{ id: string; name: string; status: string; store_as: string }>(handle.db, sql`select id, name, status, store_as from import_files order by position`);
    expect(files.map((f) => [f.name, f.status, f.store_as])).toEqual([
      ['arkiv.zip/anteckningar.txt', 'parsed', 'adjusted'],
      ['arkiv.zip/utkast.txt', 'parsed', 'held'],
      ['arkiv.zip/direktion.txt', 'parsed', 'adjusted'],
    ]);

    // A correction the schema refuses: the field is named, nothing is stored.
    const direktion = files[2]!;
    const refused = await post(`/arbetsyta/import/filer/${direktion.id}`, { date: '2024-13-45', storeAs: 'adjusted' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#falt-date"');
    expect(refused.body).toContain('value="2024-13-45"');
    // The fields not sent keep what was read.
    expect(refused.body).toMatch(/name="items\.0\.title" type="text" value="[^"]+"/u);
    expect((await queryRows(handle.db, sql`select id from meetings`)).length).toBe(0);

    const stored = await post(`/arbetsyta/import/filer/${direktion.id}`, { location: 'Förbundshuset' });
    expect(stored.statusCode).toBe(303);
    expect((await post(`${batchUrl}/godkann`, {})).headers.location).toBe(`${batchUrl}?lagrade=2&nekade=0`);

    const meetings = await queryRows<{ id: string; minutes_kind: string; status: string; location: string | null }>(
      handle.db,
      sql`select m.id, m.minutes_kind, m.status, m.location from import_files f join meetings m on m.id = f.meeting_id order by f.position`,
    );
    expect(meetings.map((m) => [m.minutes_kind, m.status])).toEqual([
      ['notes', 'adjusted'],
      ['protocol', 'held'],
      ['protocol', 'adjusted'],
    ]);
    expect(meetings[2]!.location).toBe('Förbundshuset');
    // The notes are public as notes; the draft is not public; the adjusted protocol's page links its original, which is the file as uploaded.
    const notes = await app.inject({ url: `/arkiv/sammantraden/${meetings[0]!.id}` });
    expect(notes.statusCode).toBe(200);
    const [notesBody] = await queryRows<{ body_id: string }>(handle.db, sql`select body_id from meetings where id = ${meetings[0]!.id}`);
    expect((await app.inject({ url: `/arkiv/organ/${notesBody!.body_id}` })).body).toContain('Minnesanteckningar');
    expect((await app.inject({ url: `/arkiv/sammantraden/${meetings[1]!.id}` })).statusCode).toBe(404);
    const page = await app.inject({ url: `/arkiv/sammantraden/${meetings[2]!.id}` });
    expect(page.body).toContain(`href="/arkiv/sammantraden/${meetings[2]!.id}/original"`);
    const original = await app.inject({ url: `/arkiv/sammantraden/${meetings[2]!.id}/original` });
    expect(original.statusCode).toBe(200);
    expect(original.body).toBe(fixture('direktionen-narvarolista-sist'));
  }, 120_000);
});
