/**
 * Signers without an account (issue 16): finalising mails every pending signer with an address (a link to
 * the signing page for those with an account, a one-time link for those without), once per finalising.
 * The one-time link still asks for authentication: without OpenID Connect the signer chooses a password,
 * which creates their account and is the fresh sign-in signing asks for. The link then works no more;
 * an expired link is refused (410) and an unknown one is not found (404), neither showing the meeting.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { addDays, todayInSweden } from '../../src/domain/legal-dates.ts';
import {
  addAgendaItem,
  finaliseMinutes,
  planMeeting,
  recordAttendance,
  sendMeetingNotice,
  updateParagraph,
} from '../../src/services/meeting-cycle.service.ts';
import { queueSigningRequests } from '../../src/services/signing-links.service.ts';
import { insertSigningLink, queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { listSignatures } from '../../src/storage/meeting-cycle.store.ts';
import { openTestDatabase } from '../support/databases.ts';
import { buildBoard, type BoardWorld } from '../e2e/support/app.ts';

const PUBLIC_URL = 'https://protokoll.example.se';
const MAIL = { publicUrl: PUBLIC_URL, mailDomain: 'protokoll.example.se' };

let handle: DatabaseHandle;
let app: FastifyInstance;
let world: BoardWorld;
let meetingId: string;
let heldOn: string;

interface Mail { kind: string; recipient_address: string; person_id: string; text_body: string; html_body: string; dedupe_key: string }
const signingMails = () => queryRows<Mail>(handle.db, sql`select kind, recipient_address, person_id, text_body, html_body, dedupe_key from outbox_messages where kind = 'signing_requested' and meeting_id = ${meetingId} order by recipient_address`);
const tokenIn = (text: string) => /\/att-justera\/lank\/([A-Za-z0-9_-]{43})/u.exec(text)?.[1] ?? null;

/** A browser without an account: keeps the cookies the site sets. */
class Browser {
  cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(setCookie: string | string[] | undefined) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (/max-age=0/iu.test(line) || !value) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
  }
  async get(url: string) {
    const response = await app.inject({ url, headers: { cookie: this.header() } });
    this.keep(response.headers['set-cookie']);
    return response;
  }
  async post(url: string, fields: Record<string, string>) {
    const response = await app.inject({ method: 'POST', url, headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
    this.keep(response.headers['set-cookie']);
    return response;
  }
}
const field = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`, 'u').exec(page)?.[1] ?? '';

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  world = await buildBoard(handle, 'Lankar');
  const db = handle.db;
  // The chair has an account and an address; Göran (a second adjuster) has an address and no account; the adjuster has an account and no address.
  await db.execute(sql`update persons set email = 'karin@example.test' where id = ${world.persons.chair}`);
  await db.execute(sql`update persons set email = 'goran@example.test' where id = ${world.persons.other}`);
  heldOn = addDays(todayInSweden(new Date()), -1);
  ({ meetingId } = await planMeeting(db, { bodyId: world.bodyId, heldOn, start: '09:00', end: '11:00', location: 'Brandstationen' }, world.secretaryActor));
  const { paragraphId } = await addAgendaItem(db, meetingId, { title: 'Taxa för tillsyn' }, world.secretaryActor);
  await sendMeetingNotice(handle, meetingId, { sentAt: new Date(`${addDays(heldOn, -8)}T09:00:00Z`) }, world.secretaryActor);
  await recordAttendance(
    db,
    meetingId,
    { entries: [world.persons.chair, world.persons.adjuster, world.persons.member, world.persons.other].map((personId) => ({ personId, present: true })), adjusterPersonIds: [world.persons.adjuster, world.persons.other] },
    world.secretaryActor,
  );
  await updateParagraph(db, paragraphId, { decisions: ['Direktionen fastställer taxan.'] }, world.secretaryActor);
  await finaliseMinutes(handle, meetingId, { at: new Date(), mail: MAIL }, world.secretaryActor);
  app = await buildApp({ database: handle, publicUrl: PUBLIC_URL });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('signing requests by e-mail when minutes are finalised', () => {
  it('mails each pending signer with an address once: an account gets the signing page, no account a one-time link', async () => {
    const mails = await signingMails();
    expect(mails.map((m) => m.recipient_address)).toEqual(['goran@example.test', 'karin@example.test']);
    const karin = mails.find((m) => m.recipient_address === 'karin@example.test')!;
    expect(karin.text_body).toContain(`${PUBLIC_URL}/att-justera/${meetingId}`);
    expect(tokenIn(karin.text_body)).toBeNull();
    const goran = mails.find((m) => m.recipient_address === 'goran@example.test')!;
    const token = tokenIn(goran.text_body)!;
    expect(token).toHaveLength(43);
    expect(goran.html_body).toContain(`/att-justera/lank/${token}`);
    expect(goran.text_body).toContain('fungerar en gång');
    // Only the hash is stored.
    const links = await queryRows<{ token_sha256: string; person_id: string }>(handle.db, sql`select token_sha256, person_id from signing_links where meeting_id = ${meetingId}`);
    expect(links).toEqual([{ token_sha256: createHash('sha256').update(token).digest('hex'), person_id: world.persons.other }]);
    const audit = await queryRows<{ data: unknown }>(handle.db, sql`select data from audit_events where kind = 'signing_link.issued'`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('writes nothing twice when the requests are queued again for the same finalising', async () => {
    const again = await queueSigningRequests(handle.db, {
      meeting: { id: meetingId, heldOn },
      bodyName: 'Direktionen',
      organization: null,
      version: 1,
      signers: [world.persons.chair, world.persons.other].map((personId) => ({ personId, name: null })),
      ...MAIL,
      now: new Date(),
      actor: null,
    });
    expect(again).toMatchObject({ queued: 0, links: 0 });
    expect(await signingMails()).toHaveLength(2);
    expect(await queryRows(handle.db, sql`select id from signing_links`)).toHaveLength(1);
  });

  it('finalising without mail configured writes no signing mail (the other tests’ outbox counts stay)', async () => {
    const rows = await queryRows(handle.db, sql`select id from outbox_messages where kind = 'signing_requested' and meeting_id <> ${meetingId}`);
    expect(rows).toHaveLength(0);
  });
});

describe('the one-time link', () => {
  let token: string;
  beforeAll(async () => {
    token = tokenIn((await signingMails()).find((m) => m.recipient_address === 'goran@example.test')!.text_body)!;
  });

  it('shows who it is for and asks to authenticate, without the minutes', async () => {
    const browser = new Browser();
    const page = await browser.get(`/att-justera/lank/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('Göran Åkesson');
    expect(page.body).toContain('goran@example.test');
    expect(page.body).toContain('name="passwordRepeat"');
    expect(page.body).not.toContain('Direktionen fastställer taxan');
    expect(page.body).not.toContain('protokoll.pdf');
  });

  it('refuses a POST without the form token (CSRF) and a password too short or repeated wrong', async () => {
    const browser = new Browser();
    await browser.get(`/att-justera/lank/${token}`);
    expect((await browser.post(`/att-justera/lank/${token}`, { password: 'ett-langt-losenord', passwordRepeat: 'ett-langt-losenord' })).statusCode).toBe(403);
    const csrf = browser.cookies.get('pk_csrf')!;
    expect((await browser.post(`/att-justera/lank/${token}`, { _csrf: csrf, password: 'kort', passwordRepeat: 'kort' })).statusCode).toBe(400);
    expect((await browser.post(`/att-justera/lank/${token}`, { _csrf: csrf, password: 'ett-langt-losenord', passwordRepeat: 'ett-annat-losenord' })).statusCode).toBe(400);
    expect(await queryRows(handle.db, sql`select id from users where person_id = ${world.persons.other}`)).toHaveLength(0);
  });

  it('a chosen password creates the account, signs in freshly and leads to signing', async () => {
    const browser = new Browser();
    await browser.get(`/att-justera/lank/${token}`);
    const created = await browser.post(`/att-justera/lank/${token}`, { _csrf: browser.cookies.get('pk_csrf')!, password: 'ett-langt-losenord', passwordRepeat: 'ett-langt-losenord' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`/att-justera/${meetingId}`);
    expect(browser.cookies.get('protokoll_session')).toBeTruthy();
    const [user] = await queryRows<{ email: string; person_id: string; password_hash: string }>(handle.db, sql`select email, person_id, password_hash from users where person_id = ${world.persons.other}`);
    expect(user).toMatchObject({ email: 'goran@example.test', person_id: world.persons.other });
    expect(user!.password_hash).toMatch(/^\$argon2id\$/u);

    const signing = await browser.get(`/att-justera/${meetingId}`);
    expect(signing.statusCode).toBe(200);
    expect(signing.body).toContain(`action="/att-justera/${meetingId}/signera"`);
    const signed = await browser.post(`/att-justera/${meetingId}/signera`, { _csrf: field(signing.body, '_csrf'), documentSha256: field(signing.body, 'documentSha256') });
    expect(signed.statusCode).toBe(303);
    expect(signed.headers.location).toBe(`/att-justera/${meetingId}/kvitto`);
    const row = (await listSignatures(handle.db, meetingId)).find((s) => s.personId === world.persons.other)!;
    expect(row).toMatchObject({ status: 'signed', authenticationMethod: 'password' });

    const used = await queryRows<{ data: Record<string, unknown> }>(handle.db, sql`select data from audit_events where kind = 'signing_link.used'`);
    expect(used).toHaveLength(1);
    expect(used[0]!.data).toMatchObject({ meetingId, personId: world.persons.other, method: 'password' });
  });

  it('cannot be used again', async () => {
    const browser = new Browser();
    const page = await browser.get(`/att-justera/lank/${token}`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('redan använd');
    expect(page.body).toContain('sekreteraren');
    expect(page.body).not.toContain('Göran');
    const again = await browser.post(`/att-justera/lank/${token}`, { _csrf: browser.cookies.get('pk_csrf')!, password: 'ett-annat-losenord', passwordRepeat: 'ett-annat-losenord' });
    expect(again.statusCode).toBe(410);
    expect(await queryRows(handle.db, sql`select id from users where person_id = ${world.persons.other}`)).toHaveLength(1);
  });

  it('an expired link is refused and shows nothing of the meeting', async () => {
    const expired = randomBytes(32).toString('base64url');
    await insertSigningLink(handle.db, {
      tokenSha256: createHash('sha256').update(expired).digest('hex'),
      meetingId,
      personId: world.persons.member,
      approvalVersion: 1,
      expiresAt: new Date(Date.now() - 60_000),
    });
    const browser = new Browser();
    const page = await browser.get(`/att-justera/lank/${expired}`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('gått ut');
    expect(page.body).not.toContain('Direktionen');
    expect(page.body).not.toContain(meetingId);
    expect((await browser.post(`/att-justera/lank/${expired}`, { _csrf: browser.cookies.get('pk_csrf')!, password: 'ett-langt-losenord', passwordRepeat: 'ett-langt-losenord' })).statusCode).toBe(410);
    expect(await queryRows(handle.db, sql`select id from users where person_id = ${world.persons.member}`)).toHaveLength(1);
  });

  it('an unknown token is not found', async () => {
    const browser = new Browser();
    expect((await browser.get(`/att-justera/lank/${randomBytes(32).toString('base64url')}`)).statusCode).toBe(404);
    expect((await browser.get('/att-justera/lank/inte-en-token')).statusCode).toBe(404);
  });
});
