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
  configureSigning,
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
import { listenAsOpenIdProvider, TEST_CLIENT, type TestOpenIdProvider } from '../support/openid-provider.ts';
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

const address = (w: BoardWorld, who: 'karin' | 'goran') => `${who}.${w.bodyId.slice(0, 8)}@example.test`;

/** A board meeting finalised with mail: the chair (account, address), Erik (account, no address) and Göran (address, no account) to sign. */
async function finalisedWithMail(h: DatabaseHandle, w: BoardWorld): Promise<{ meetingId: string; heldOn: string }> {
  const db = h.db;
  await db.execute(sql`update persons set email = ${address(w, 'karin')} where id = ${w.persons.chair}`);
  await db.execute(sql`update persons set email = ${address(w, 'goran')} where id = ${w.persons.other}`);
  const day = addDays(todayInSweden(new Date()), -1);
  const { meetingId: id } = await planMeeting(db, { bodyId: w.bodyId, heldOn: day, start: '09:00', end: '11:00', location: 'Brandstationen' }, w.secretaryActor);
  const { paragraphId } = await addAgendaItem(db, id, { title: 'Taxa för tillsyn' }, w.secretaryActor);
  await sendMeetingNotice(h, id, { sentAt: new Date(`${addDays(day, -8)}T09:00:00Z`) }, w.secretaryActor);
  await recordAttendance(
    db,
    id,
    { entries: [w.persons.chair, w.persons.adjuster, w.persons.member, w.persons.other].map((personId) => ({ personId, present: true })), adjusterPersonIds: [w.persons.adjuster, w.persons.other] },
    w.secretaryActor,
  );
  await updateParagraph(db, paragraphId, { decisions: ['Direktionen fastställer taxan.'] }, w.secretaryActor);
  await finaliseMinutes(h, id, { at: new Date(), mail: MAIL }, w.secretaryActor);
  return { meetingId: id, heldOn: day };
}

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  world = await buildBoard(handle, 'Lankar');
  ({ meetingId, heldOn } = await finalisedWithMail(handle, world));
  app = await buildApp({ database: handle, publicUrl: PUBLIC_URL });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('signing requests by e-mail when minutes are finalised', () => {
  it('mails each pending signer with an address once: an account gets the signing page, no account a one-time link', async () => {
    const mails = await signingMails();
    // With an account, its address is used (as the reminders do): Karin's rather than the register's, and Erik's, who has none there.
    expect(mails.map((m) => m.recipient_address)).toEqual([address(world, 'goran'), world.emails.adjuster, world.emails.chair].sort());
    expect(mails.find((m) => m.recipient_address === world.emails.adjuster)!.text_body).toContain(`${PUBLIC_URL}/att-justera/${meetingId}`);
    const karin = mails.find((m) => m.recipient_address === world.emails.chair)!;
    expect(karin.text_body).toContain(`${PUBLIC_URL}/att-justera/${meetingId}`);
    expect(tokenIn(karin.text_body)).toBeNull();
    const goran = mails.find((m) => m.recipient_address === address(world, 'goran'))!;
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
      signers: [world.persons.chair, world.persons.adjuster, world.persons.other].map((personId) => ({ personId, name: null })),
      ...MAIL,
      now: new Date(),
      actor: null,
    });
    expect(again).toMatchObject({ queued: 0, links: 0 });
    expect(await signingMails()).toHaveLength(3);
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
    token = tokenIn((await signingMails()).find((m) => m.recipient_address === address(world, 'goran'))!.text_body)!;
  });

  it('shows who it is for and asks to authenticate, without the minutes', async () => {
    const browser = new Browser();
    const page = await browser.get(`/att-justera/lank/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('Göran Åkesson');
    expect(page.body).toContain(address(world, 'goran'));
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
    expect(user).toMatchObject({ email: address(world, 'goran'), person_id: world.persons.other });
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

/**
 * With OpenID Connect configured, against a real OpenID Provider (oidc-provider) as in
 * signing-step-up.test.ts: the link sends the signer to the provider with prompt=login, max_age and the
 * signing acr; the first sign-in creates the account for the link's person with the provider's subject,
 * marks the link used, and counts as the step-up.
 */
describe('the one-time link with OpenID Connect', () => {
  const ACR = 'http://id.elegnamnden.se/loa/1.0/loa3';
  let oidcHandle: DatabaseHandle;
  let oidcApp: FastifyInstance;
  let appUrl: string;
  let op: TestOpenIdProvider | undefined;
  let w: BoardWorld;
  let id: string;
  const cookies = new Map<string, Map<string, string>>();
  async function go(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = cookies.get(target.origin) ?? new Map<string, string>();
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/iu.test(line) || !value) jar.delete(pair.slice(0, at).trim());
      else jar.set(pair.slice(0, at).trim(), value);
    }
    cookies.set(target.origin, jar);
    return response;
  }
  async function follow(start: Response, from: string): Promise<{ visited: URL[]; last: Response }> {
    const visited: URL[] = [];
    let response = start;
    let base = new URL(from);
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 20; hops++) {
      base = new URL(response.headers.get('location')!, base);
      visited.push(base);
      response = await go(base);
    }
    return { visited, last: response };
  }

  beforeAll(async () => {
    oidcHandle = await openTestDatabase('pglite');
    w = await buildBoard(oidcHandle, 'LankOidc');
    ({ meetingId: id } = await finalisedWithMail(oidcHandle, w));
    op = await listenAsOpenIdProvider();
    const issuer = op.issuer;
    const oidc = { issuer, ...TEST_CLIENT, redirectUrl: '', signingAcr: ACR };
    oidcApp = await buildApp({ database: oidcHandle, oidc, publicUrl: PUBLIC_URL });
    appUrl = await oidcApp.listen({ port: 0, host: '127.0.0.1' });
    oidc.redirectUrl = `${appUrl}/logga-in/oidc/callback`;
    configureSigning(oidcHandle, { stepUpMinutes: 5, requiredAcr: ACR });
    // The provider knows Göran by another address than the registers: the link, not the e-mail, ties him to the person.
    op.serve({ redirectUri: `${appUrl}/logga-in/oidc/callback`, acrValues: [ACR], account: { sub: 'subjekt-goran-akesson', email: 'goran.privat@example.test', name: 'Göran Åkesson', acr: ACR } });
  }, 120_000);

  afterAll(async () => {
    await oidcApp?.close();
    await op?.close();
    await oidcHandle?.close();
  });

  it('signs in at the provider (prompt=login, the acr), creates the account with the subject, and signs', async () => {
    const [mail] = await queryRows<{ text_body: string }>(oidcHandle.db, sql`select text_body from outbox_messages where kind = 'signing_requested' and person_id = ${w.persons.other}`);
    const token = tokenIn(mail!.text_body)!;
    const page = await (await go(`${appUrl}/att-justera/lank/${token}`)).text();
    expect(page).toContain(`/logga-in/oidc?lank=${token}`);
    expect(page).not.toContain('name="password"');

    const started = await go(`${appUrl}/logga-in/oidc?lank=${token}`);
    const authorize = new URL(started.headers.get('location')!);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ prompt: 'login', max_age: '300', acr_values: ACR });
    const { visited, last } = await follow(started, appUrl);
    expect(visited.some((url) => url.pathname.startsWith('/interaction/'))).toBe(true);
    expect(visited.at(-1)!.href).toBe(`${appUrl}/att-justera/${id}`);
    const signingPage = await last.text();
    expect(last.status, signingPage.slice(0, 300)).toBe(200);

    const [user] = await queryRows<{ id: string; email: string; password_hash: string | null }>(oidcHandle.db, sql`select id, email, password_hash from users where person_id = ${w.persons.other}`);
    expect(user).toMatchObject({ email: address(w, 'goran'), password_hash: null });
    const identities = await queryRows<{ subject: string }>(oidcHandle.db, sql`select subject from user_identities where user_id = ${user!.id}`);
    expect(identities).toEqual([{ subject: 'subjekt-goran-akesson' }]);

    const signed = await go(`${appUrl}/att-justera/${id}/signera`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: field(signingPage, '_csrf'), documentSha256: field(signingPage, 'documentSha256') }).toString(),
    });
    expect(signed.status).toBe(303);
    const row = (await listSignatures(oidcHandle.db, id)).find((s) => s.personId === w.persons.other)!;
    expect(row).toMatchObject({ status: 'signed', authenticationMethod: 'oidc', identitySubject: 'subjekt-goran-akesson', assuranceLevel: ACR });

    // Used: the link answers 410, and starting the provider's flow with it again creates nothing.
    expect((await go(`${appUrl}/att-justera/lank/${token}`)).status).toBe(410);
    const again = await go(`${appUrl}/logga-in/oidc?lank=${token}`);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/att-justera/lank/${token}`);
    expect(await queryRows(oidcHandle.db, sql`select id from users where person_id = ${w.persons.other}`)).toHaveLength(1);
  });
});
