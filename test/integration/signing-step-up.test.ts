/**
 * Step-up before signing, against a real OpenID Provider (oidc-provider) started here, not a mock: a
 * sign-in older than SIGN_STEP_UP_MINUTES is refused (API 401 step_up_required, web sends the signer
 * to sign in again), the fresh login at the provider asks prompt=login, max_age and the acr, and the
 * signature then records the provider's subject and level in the PDF, the signature row and the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { verifyPdf } from '../../src/documents/pades/index.ts';
import { findUserByEmail } from '../../src/storage/accounts.store.ts';
import { configureSigning } from '../../src/services/meeting-cycle.service.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { findFileById, listAuditEntriesOf, readStoredFile, type DatabaseHandle } from '../../src/storage/index.ts';
import { listSignatures } from '../../src/storage/meeting-cycle.store.ts';
import { openTestDatabase } from '../support/databases.ts';
import { listenAsOpenIdProvider, TEST_CLIENT, type TestOpenIdProvider } from '../support/openid-provider.ts';
import { buildBoard, buildFinalisedMeeting, type BoardWorld } from '../e2e/support/app.ts';

const ACR = 'http://id.elegnamnden.se/loa/1.0/loa3';
const LOWER_ACR = 'http://id.elegnamnden.se/loa/1.0/loa2';

/** A browser's cookie handling, enough for one host: every cookie set is sent back to the origin that set it. */
class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.cookies.get(url.origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(url: URL, response: Response): void {
    const jar = this.cookies.get(url.origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/iu.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(url.origin, jar);
  }

  set(url: URL, name: string, value: string): void {
    const jar = this.cookies.get(url.origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.cookies.set(url.origin, jar);
  }
}

/** One request with the jar's cookies and no automatic redirects. */
async function request(jar: CookieJar, url: string | URL, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const headers = new Headers(init.headers);
  const cookie = jar.header(target);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(target, { ...init, headers, redirect: 'manual' });
  jar.store(target, response);
  return response;
}

/** Follows redirects as a browser would (GET after 303), returning every URL visited and the last answer. */
async function follow(jar: CookieJar, start: Response, from: string): Promise<{ visited: URL[]; last: Response }> {
  const visited: URL[] = [];
  let response = start;
  let base = new URL(from);
  for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 20; hops++) {
    const next = new URL(response.headers.get('location')!, base);
    visited.push(next);
    base = next;
    response = await request(jar, next);
  }
  return { visited, last: response };
}

function formValue(page: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`, 'u').exec(page);
  if (!match) throw new Error(`no ${name} in the page`);
  return match[1]!;
}

describe('signing with step-up through a real OpenID Provider', () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let appUrl: string;
  let op: TestOpenIdProvider | undefined;
  let world: BoardWorld;
  let meetingId: string;

  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    world = await buildBoard(handle, 'Stegvis');
    ({ meetingId } = await buildFinalisedMeeting(handle, world));

    // The identity provider: listen first, so that the issuer can name its port.
    op = await listenAsOpenIdProvider();
    const issuer = op.issuer;

    const oidc = { issuer, ...TEST_CLIENT, redirectUrl: '', signingAcr: ACR };
    app = await buildApp({ database: handle, oidc });
    appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    // The redirect URL names the app's port, known only now; the pages read this same settings object.
    oidc.redirectUrl = `${appUrl}/logga-in/oidc/callback`;

    // The provider's login screen logs in the test's subject at loa3.
    op.serve({ redirectUri: `${appUrl}/logga-in/oidc/callback`, acrValues: [LOWER_ACR, ACR], account: { sub: 'subjekt-karin-lindqvist', email: world.emails.chair, name: 'Karin Lindqvist', acr: ACR } });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await op?.close();
    await handle?.close();
  });

  it('refuses a sign-in older than the limit, asks the provider for a fresh login at the acr, then signs and records subject and level', async () => {
    configureSigning(handle, { stepUpMinutes: 5, requiredAcr: ACR });
    const jar = new CookieJar();
    const app_ = new URL(appUrl);
    // The chair signed in with a password ten minutes ago.
    const chair = (await findUserByEmail(handle.db, world.emails.chair))!;
    const stale = await startSession(handle.db, { userId: chair.id, authentication: { method: 'password', at: new Date(Date.now() - 10 * 60_000) } });
    jar.set(app_, 'protokoll_session', stale.token);

    // The API refuses with a code the client can act on.
    const refused = await request(jar, `${appUrl}/api/meetings/${meetingId}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': stale.csrfToken },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string; details: { maxAgeMinutes: number; acr: string } } }).error).toMatchObject({
      code: 'step_up_required',
      details: { maxAgeMinutes: 5, acr: ACR },
    });

    // The web page offers no sign button, only signing in again; a forced POST is sent there too.
    const page = await (await request(jar, `${appUrl}/att-justera/${meetingId}`)).text();
    expect(page).toContain('Logga in igen för att signera');
    expect(page).not.toContain(`action="/att-justera/${meetingId}/signera"`);
    const forced = await request(jar, `${appUrl}/att-justera/${meetingId}/signera`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: stale.csrfToken }).toString(),
    });
    expect(forced.status).toBe(303);
    expect(forced.headers.get('location')).toBe(`/logga-in/bekrafta?tillbaka=${encodeURIComponent(`/att-justera/${meetingId}`)}`);
    // With an acr asked for, a password cannot vouch for it: the step-up page offers only the provider.
    const stepUpPage = await (await request(jar, new URL(forced.headers.get('location')!, appUrl))).text();
    expect(stepUpPage).not.toContain('name="password"');
    expect(stepUpPage).toContain('/logga-in/oidc?stegvis=1');

    // The step-up at the provider: prompt=login, max_age and acr_values in the authorisation request.
    const started = await request(jar, `${appUrl}/logga-in/oidc?stegvis=1&tillbaka=${encodeURIComponent(`/att-justera/${meetingId}`)}`);
    const authorize = new URL(started.headers.get('location')!);
    expect(authorize.origin).not.toBe(app_.origin);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ prompt: 'login', max_age: '300', acr_values: ACR });
    const { visited, last } = await follow(jar, started, appUrl);
    expect(visited.some((url) => url.pathname.startsWith('/interaction/'))).toBe(true);
    expect(visited.at(-1)!.href).toBe(`${appUrl}/att-justera/${meetingId}`);
    const signingPage = await last.text();
    expect(last.status, signingPage.slice(0, 300)).toBe(200);

    // Signed in afresh: the page offers the sign button; signing leads to the receipt.
    const signed = await request(jar, `${appUrl}/att-justera/${meetingId}/signera`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: formValue(signingPage, '_csrf'), documentSha256: formValue(signingPage, 'documentSha256') }).toString(),
    });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe(`/att-justera/${meetingId}/kvitto`);
    const receipt = await (await request(jar, new URL(signed.headers.get('location')!, appUrl))).text();
    expect(receipt).toContain('subjekt-karin-lindqvist');
    expect(receipt).toContain(ACR);

    const row = (await listSignatures(handle.db, meetingId)).find((s) => s.role === 'chair')!;
    expect(row).toMatchObject({ status: 'signed', authenticationMethod: 'oidc', identitySubject: 'subjekt-karin-lindqvist', assuranceLevel: ACR });
    expect(Date.now() - row.authenticatedAt!.getTime()).toBeLessThan(5 * 60_000);
    const audit = (await listAuditEntriesOf(handle.db, { entityType: 'meeting', entityId: meetingId, kind: 'minutes.signed' })).at(-1)!;
    expect(audit.data).toMatchObject({ authentication: { method: 'oidc', subject: 'subjekt-karin-lindqvist', acr: ACR } });
    // The PDF itself names the provider's subject and level in the chair's signature.
    const pdf = readStoredFile(handle.filesDir, (await findFileById(handle.db, row.fileId!))!);
    const chairSignature = (await verifyPdf(pdf)).signatures.find((s) => s.name === 'Karin Lindqvist')!;
    expect(chairSignature.valid).toBe(true);
    expect(chairSignature.contactInfo).toContain('subject subjekt-karin-lindqvist');
    expect(chairSignature.contactInfo).toContain(ACR);
  });

  it('refuses a fresh sign-in at a lower level than the acr asked for', async () => {
    configureSigning(handle, { stepUpMinutes: 5, requiredAcr: ACR });
    const adjuster = (await findUserByEmail(handle.db, world.emails.adjuster))!;
    const lower = await startSession(handle.db, { userId: adjuster.id, authentication: { method: 'oidc', at: new Date(), issuer: 'http://idp', subject: 'x', acr: LOWER_ACR } });
    const jar = new CookieJar();
    jar.set(new URL(appUrl), 'protokoll_session', lower.token);
    const refused = await request(jar, `${appUrl}/api/meetings/${meetingId}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': lower.csrfToken },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('step_up_required');
    expect((await listSignatures(handle.db, meetingId)).find((s) => s.role === 'adjuster')?.status).toBe('pending');
  });
});
