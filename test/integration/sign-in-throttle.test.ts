/**
 * Sign-in throttling kept in the database (src/services/sign-in-throttle.service.ts), through the real
 * web form and POST /api/sessions: one address guessing one account is slowed with 429 and Retry-After,
 * while the right password from another address still signs in; the pauses survive closing and
 * reopening the app and its database; the pause per account over all addresses is capped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { createUser } from '../../src/services/accounts.service.ts';
import { checkSignIn, recordSignInFailure, SIGN_IN_POLICIES } from '../../src/services/sign-in-throttle.service.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/storage/database.ts';
import { createServerDatabase, describeOnEachEngine, testEngines } from '../support/databases.ts';

const PASSWORD = 'ett-langt-losenord-for-test';
const FAILED = 'E-postadressen eller lösenordet stämmer inte.';
const FREE = SIGN_IN_POLICIES.pair.free;

async function newEmail(handle: DatabaseHandle, name: string): Promise<string> {
  const email = `${name}.${randomBytes(3).toString('hex')}@example.test`;
  await createUser(handle.db, { email, name, password: PASSWORD });
  return email;
}

/** Posts the sign-in form as a browser would: the CSRF cookie and the same token in the form. */
async function webSignIn(app: FastifyInstance, email: string, password: string, remoteAddress: string): Promise<LightMyRequestResponse> {
  const page = await app.inject({ method: 'GET', url: '/logga-in', remoteAddress });
  const csrf = page.cookies.find((c) => c.name === 'pk_csrf')!.value;
  return app.inject({
    method: 'POST',
    url: '/logga-in',
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `pk_csrf=${csrf}` },
    payload: new URLSearchParams({ _csrf: csrf, email, password, tillbaka: '/' }).toString(),
  });
}

const apiSignIn = (app: FastifyInstance, email: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/sessions', remoteAddress, payload: { email, password } });

const sessionCookie = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === 'protokoll_session' && c.value !== '');

describeOnEachEngine('sign-in throttling', (database) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ database: database() });
  });
  afterAll(async () => app?.close());

  it('slows one address guessing one account with 429, Retry-After and a Swedish message, while the right password from another address signs in', async () => {
    const email = await newEmail(database(), 'karin');
    for (let attempt = 1; attempt <= FREE; attempt++) {
      const response = await webSignIn(app, email, `fel-${attempt}`, '203.0.113.7');
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
      expect(response.body).toContain(FAILED);
    }
    const next = await webSignIn(app, email, PASSWORD, '203.0.113.7');
    expect(next.statusCode).toBe(429);
    const retryAfter = Number(next.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_POLICIES.pair.firstPauseMs / 1000);
    expect(next.body).toMatch(/role="alert"><p>För många misslyckade försök från den här adressen\. Vänta \d+ sekunder och försök igen\./);
    expect(next.body).toContain(`value="${email}"`);
    expect(sessionCookie(next)).toBeUndefined();

    // The owner, elsewhere, is not locked out.
    const elsewhere = await webSignIn(app, email, PASSWORD, '198.51.100.20');
    expect(elsewhere.statusCode).toBe(303);
    expect(sessionCookie(elsewhere)).toBeDefined();
    // The e-mail written another way is the same account at the same address: still slowed.
    expect((await webSignIn(app, email.toUpperCase(), PASSWORD, '203.0.113.7')).statusCode).toBe(429);
  });

  it('throttles POST /api/sessions the same way, with Retry-After and a JSON error, and its token works as Bearer until deleted', async () => {
    const email = await newEmail(database(), 'erik');
    for (let attempt = 1; attempt <= FREE; attempt++) {
      expect((await apiSignIn(app, email, 'fel', '203.0.113.8')).statusCode).toBe(401);
    }
    const throttled = await apiSignIn(app, email, PASSWORD, '203.0.113.8');
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((throttled.json() as { error: { code: string } }).error.code).toBe('too_many_attempts');
    // Failures through the web form and the API count together.
    expect((await webSignIn(app, email, PASSWORD, '203.0.113.8')).statusCode).toBe(429);

    const signedIn = await apiSignIn(app, email, PASSWORD, '198.51.100.21');
    expect(signedIn.statusCode).toBe(201);
    const { token } = signedIn.json() as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/meetings', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/api/sessions/current', headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/meetings', headers })).statusCode).toBe(401);
  });

  it('caps the pause of one account guessed from many addresses, so its owner waits half a minute at most', async () => {
    const email = await newEmail(database(), 'aisha');
    const now = new Date('2026-05-04T10:00:00Z');
    for (let i = 0; i < 40; i++) await recordSignInFailure(database().db, { email, address: `192.0.2.${i}`, now });
    const verdict = await checkSignIn(database().db, { email, address: '198.51.100.99', now });
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: SIGN_IN_POLICIES.account.maxPauseMs / 1000 });
    const later = await checkSignIn(database().db, { email, address: '198.51.100.99', now: new Date(now.getTime() + SIGN_IN_POLICIES.account.maxPauseMs) });
    expect(later).toEqual({ allowed: true });
  });
});

/** A database that outlives the app and its connection: a data folder (PGlite) or a server database. */
async function durableDatabase(engine: (typeof testEngines)[number]): Promise<{ open: () => Promise<DatabaseHandle>; remove: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'protokoll-throttle-'));
    return { open: () => openDatabase({ dataDir }), remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const server = await createServerDatabase();
  return { open: () => openDatabase({ databaseUrl: server.url }), remove: server.drop };
}

for (const engine of testEngines) {
  const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
  (available ? describe : describe.skip)(`sign-in throttling across a restart [${engine}]`, () => {
    let store: Awaited<ReturnType<typeof durableDatabase>>;
    beforeAll(async () => {
      store = await durableDatabase(engine);
    });
    afterAll(async () => store?.remove());

    it('still refuses the throttled address after the app and its database are closed and opened again', async () => {
      let handle = await store.open();
      await migrateDatabase(handle);
      const email = await newEmail(handle, 'birgitta');
      let app = await buildApp({ database: handle });
      for (let attempt = 1; attempt <= FREE; attempt++) expect((await webSignIn(app, email, 'fel', '203.0.113.9')).statusCode).toBe(401);
      expect((await webSignIn(app, email, PASSWORD, '203.0.113.9')).statusCode).toBe(429);
      await app.close();
      await handle.close();

      handle = await store.open();
      app = await buildApp({ database: handle });
      try {
        const again = await webSignIn(app, email, PASSWORD, '203.0.113.9');
        expect(again.statusCode).toBe(429);
        expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
        expect((await apiSignIn(app, email, PASSWORD, '203.0.113.9')).statusCode).toBe(429);
        expect((await webSignIn(app, email, PASSWORD, '198.51.100.22')).statusCode).toBe(303);
      } finally {
        await app.close();
        await handle.close();
      }
    });
  });
}
