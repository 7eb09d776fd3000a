/**
 * Issue 15: e-mail watches (bevakningar) on a body and on a search. Minutes adjusted after a watch was
 * made are mailed once per watch and meeting, never with a confidential §; the mail goes through a real
 * SMTP server with List-Unsubscribe (RFC 8058), and the one-click POST ends the watch without cookies.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { addDays, todayInSweden } from '../../src/domain/legal-dates.ts';
import { NotFoundError } from '../../src/errors.ts';
import { getViewer } from '../../src/services/accounts.service.ts';
import { OutboxWorker } from '../../src/services/mail/outbox-worker.ts';
import { createMailTransport } from '../../src/services/mail/transport.ts';
import {
  addAgendaItem,
  addMandate,
  createBody,
  createOrganization,
  createPerson,
  finaliseMinutes,
  planMeeting,
  recordAttendance,
  sendMeetingNotice,
  updateParagraph,
} from '../../src/services/meeting-cycle.service.ts';
import { createWatch, listWatches, queueWatchMail, removeWatch, unsubscribe } from '../../src/services/watch.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const PUBLIC_URL = 'https://protokoll.example.se';
const SECRET_TITLE = 'Förhandling om Tranudden';
let handle: DatabaseHandle;
let app: FastifyInstance;
let smtp: TestSmtpServer;
let anna: TestUser;
let bo: TestUser;
const body = { id: '', secretaryId: '', chairId: '', meetings: 0 };

/** Adjusted minutes of the body, made through the meeting cycle now (the seal's time is the adjustment's). */
async function adjustedMeeting(items: { title: string; text: string; confidential?: boolean }[]): Promise<string> {
  const today = todayInSweden(new Date());
  const heldOn = addDays(today, -2);
  body.meetings += 1;
  const { meetingId } = await planMeeting(handle.db, { bodyId: body.id, heldOn, standardItems: false, numberInYear: body.meetings });
  await sendMeetingNotice(handle, meetingId, { sentAt: new Date(`${addDays(heldOn, -8)}T09:00:00Z`) }, { personId: body.secretaryId });
  await recordAttendance(handle.db, meetingId, { entries: [{ personId: body.chairId, present: true }] });
  for (const item of items) {
    const { paragraphId } = await addAgendaItem(handle.db, meetingId, { title: item.title, text: item.text });
    await updateParagraph(handle.db, paragraphId, {
      decisions: ['Styrelsen beslutar enligt förslaget.'],
      ...(item.confidential ? { confidential: true, confidentialReason: 'OSL 19 kap. 3 §' } : {}),
    });
  }
  await finaliseMinutes(handle, meetingId, { at: new Date() }, { personId: body.secretaryId });
  const [row] = await queryRows<{ status: string }>(handle.db, sql`select status from meetings where id = ${meetingId}`);
  expect(row!.status).toBe('adjusted');
  return meetingId;
}

const mailCount = async () => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from outbox_messages where kind = 'watch'`))[0]!.n;
const queue = () => queueWatchMail(handle.db, { today: todayInSweden(new Date()), publicUrl: PUBLIC_URL, mailDomain: 'protokoll.example.se' });
const cookie = (user: TestUser) => `protokoll_session=${encodeURIComponent(user.token)}`;
async function csrfOf(user: TestUser): Promise<string> {
  const [row] = await queryRows<{ csrf_token: string }>(handle.db, sql`select csrf_token from sessions where user_id = ${user.userId} order by created_at desc limit 1`);
  return row!.csrf_token;
}
async function post(user: TestUser, url: string, fields: Record<string, string>) {
  const csrf = await csrfOf(user);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookie(user), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });
}

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  smtp = await startSmtpServer();
  const organization = await createOrganization(handle.db, { name: 'Förbundet Bevakning', organizationType: 'association' });
  const created = await createBody(handle.db, { organizationId: organization.id, name: 'Direktionen', seats: 1, rules: { adjusterCount: 0, signerRoles: ['secretary'] } });
  body.id = created.id;
  body.secretaryId = (await createPerson(handle.db, { name: 'Sekreterare Bevakning' })).id;
  body.chairId = (await createPerson(handle.db, { name: 'Ordförande Bevakning' })).id;
  await addMandate(handle.db, { bodyId: body.id, personId: body.chairId, role: 'chair', startsOn: `${todayInSweden(new Date()).slice(0, 4)}-01-01` });
  anna = await buildUser(handle.db, { name: 'Anna Bevakare' });
  bo = await buildUser(handle.db, { name: 'Bo Annan' });
  app = await buildApp({ database: handle, publicUrl: PUBLIC_URL });
}, 120_000);
afterAll(async () => {
  await app.close();
  await smtp.close();
  await handle.close();
});

describe('issue 15: e-mail watches', () => {
  let bodyWatchId = '';
  let searchWatchId = '';
  let secondMeeting = '';
  let mails: ParsedMail[] = [];

  it('mails minutes adjusted after the watch, once per watch and meeting, never a confidential §', async () => {
    // Adjusted before anyone watched: never mailed.
    await adjustedMeeting([{ title: 'Budget för Kvarnbacken', text: 'Budgeten för Kvarnbacken fastställs.' }]);
    const viewer = await getViewer(handle.db, anna.userId);

    // Signed in only; a query is 2–200 characters; a body must be public.
    await expect(createWatch(handle.db, null, { query: 'Kvarnbacken' })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(createWatch(handle.db, viewer, { query: ' x ' })).rejects.toMatchObject({ problems: [{ code: 'watch_query_length' }] });
    await expect(createWatch(handle.db, viewer, { bodyId: crypto.randomUUID() })).rejects.toMatchObject({ problems: [{ code: 'body_not_public' }] });

    // On the web: the body form and the search form.
    const byBody = await post(anna, '/mina-bevakningar', { typ: 'organ', bodyId: body.id });
    expect(byBody.statusCode).toBe(303);
    const bySearch = await post(anna, '/mina-bevakningar', { typ: 'sokning', query: '  Kvarnbacken  ' });
    expect(bySearch.statusCode).toBe(303);
    const again = await post(anna, '/mina-bevakningar', { typ: 'sokning', query: 'KVARNBACKEN' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('error-summary');
    expect(again.body).toContain('Du bevakar redan det här.');
    const watches = await listWatches(handle.db, viewer);
    expect(watches.map((w) => w.query ?? w.bodyName)).toEqual(['Direktionen', 'Kvarnbacken']);
    bodyWatchId = watches[0]!.id;
    searchWatchId = watches[1]!.id;
    expect(await queue()).toEqual({ written: 0 });

    secondMeeting = await adjustedMeeting([
      { title: 'Kvarnbacken, detaljplan', text: 'Planen för Kvarnbacken antas.' },
      { title: SECRET_TITLE, text: 'Kvarnbacken och Tranudden: förhandlingsläget.', confidential: true },
      { title: 'Övrigt om hamnen', text: 'Inget om det.' },
    ]);
    expect(await queue()).toEqual({ written: 2 });
    expect(await queue()).toEqual({ written: 0 });
    expect(await mailCount()).toBe(2);
    const rows = await queryRows<{ dedupe_key: string; text_body: string; html_body: string }>(handle.db, sql`select dedupe_key, text_body, html_body from outbox_messages where kind = 'watch' order by dedupe_key`);
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual([`watch:${bodyWatchId}:${secondMeeting}`, `watch:${searchWatchId}:${secondMeeting}`].sort());
    for (const row of rows) {
      expect(row.text_body).not.toContain('Tranudden');
      expect(row.html_body).not.toContain('Tranudden');
    }
    const ofSearch = rows.find((r) => r.dedupe_key.startsWith(`watch:${searchWatchId}`))!;
    expect(ofSearch.text_body).toContain('Kvarnbacken, detaljplan');
    expect(ofSearch.text_body).not.toContain('Övrigt om hamnen');
    const ofBody = rows.find((r) => r.dedupe_key.startsWith(`watch:${bodyWatchId}`))!;
    expect(ofBody.text_body).toContain('Övrigt om hamnen');
  }, 120_000);

  it('sends them with List-Unsubscribe and the link, through a real SMTP server', async () => {
    const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Protokoll <protokoll@protokoll.example.se>', folder: '/nonexistent' });
    const worker = new OutboxWorker(handle, transport);
    expect((await worker.runOnce()).sent).toBe(2);
    transport.close();
    mails = await smtp.waitFor(2);
    const [token] = await queryRows<{ unsubscribe_token: string }>(handle.db, sql`select unsubscribe_token from watches where id = ${searchWatchId}`);
    const unsubscribeUrl = `${PUBLIC_URL}/bevakning/avsluta/${token!.unsubscribe_token}`;
    expect(token!.unsubscribe_token).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    const mail = mails.find((m) => m.text?.includes('sökningen'))!;
    expect(mail.subject).toMatch(/^Nytt justerat protokoll: Direktionen/u);
    // The header lines as they arrived (mailparser also reads List-* into headers.get('list')).
    const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/gu, ' ');
    expect(line('list-unsubscribe')).toBe(`List-Unsubscribe: <${unsubscribeUrl}>`);
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.headers.get('list')).toMatchObject({ unsubscribe: { url: unsubscribeUrl } });
    expect(mail.text).toContain(unsubscribeUrl);
    expect(mail.html).toContain(`href="${unsubscribeUrl}"`);
    expect(mail.text).toContain(`${PUBLIC_URL}/arkiv/sammantraden/${secondMeeting}`);
    expect(mail.html).toContain('<html lang="sv">');
    for (const m of mails) expect(`${m.text ?? ''}${String(m.html)}`).not.toContain('Tranudden');
  });

  it('another user cannot remove the watch; the web page lists only your own', async () => {
    const foreign = await post(bo, `/mina-bevakningar/${searchWatchId}/ta-bort`, {});
    expect(foreign.statusCode).toBe(404);
    await expect(removeWatch(handle.db, await getViewer(handle.db, bo.userId), bodyWatchId)).rejects.toBeInstanceOf(NotFoundError);
    const page = await app.inject({ url: '/mina-bevakningar', headers: { cookie: cookie(bo) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Kvarnbacken');
    const own = await app.inject({ url: '/mina-bevakningar', headers: { cookie: cookie(anna) } });
    expect(own.body).toContain('Sökningen ”Kvarnbacken”');
    expect(own.body).toContain(`/mina-bevakningar/${searchWatchId}/ta-bort`);
    const signedOut = await app.inject({ url: '/mina-bevakningar' });
    expect(signedOut.statusCode).toBe(303);
  });

  it('the search page offers to watch the search to a signed-in user', async () => {
    const page = await app.inject({ url: '/sok?q=hamnen', headers: { cookie: cookie(bo) } });
    expect(page.body).toContain('Bevaka sökningen med e-post');
    expect(page.body).toContain('name="query" value="hamnen"');
    const anonymous = await app.inject({ url: '/sok?q=hamnen' });
    expect(anonymous.body).not.toContain('Bevaka sökningen med e-post');
  });

  it('the one-click POST ends the watch without cookies or a form token, and no more mail comes', async () => {
    const [row] = await queryRows<{ unsubscribe_token: string }>(handle.db, sql`select unsubscribe_token from watches where id = ${searchWatchId}`);
    const path = `/bevakning/avsluta/${row!.unsubscribe_token}`;
    const shown = await app.inject({ url: path });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('sökningen ”Kvarnbacken”');
    expect(await queryRows(handle.db, sql`select id from watches where id = ${searchWatchId}`)).toHaveLength(1);

    const done = await app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('är avslutad');
    expect(await queryRows(handle.db, sql`select id from watches where id = ${searchWatchId}`)).toHaveLength(0);
    expect((await app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(404);
    await expect(unsubscribe(handle.db, 'made-up')).rejects.toBeInstanceOf(NotFoundError);
    // Every other form still needs its token.
    const forged = await app.inject({ method: 'POST', url: '/mina-bevakningar', headers: { cookie: cookie(anna), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'typ=sokning&query=hamnen' });
    expect(forged.statusCode).toBe(403);

    // Next minutes: the body watch still mails, the ended search watch does not.
    const third = await adjustedMeeting([{ title: 'Kvarnbacken, genomförande', text: 'Kvarnbacken byggs.' }]);
    expect(await queue()).toEqual({ written: 1 });
    const keys = await queryRows<{ dedupe_key: string }>(handle.db, sql`select dedupe_key from outbox_messages where meeting_id = ${third} and kind = 'watch'`);
    expect(keys.map((k) => k.dedupe_key)).toEqual([`watch:${bodyWatchId}:${third}`]);
  }, 120_000);
});
