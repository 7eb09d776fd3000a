/**
 * How callers reach the API, through real HTTP on the whole app: a change authenticated by the session
 * cookie needs the session's CSRF token (Bearer calls do not); X-Forwarded-* count only from the
 * proxies in TRUST_PROXY, for Secure cookies, HSTS and the address the sign-in throttle sees.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { createUser, startSession } from '../../src/services/accounts.service.ts';
import { SIGN_IN_POLICIES } from '../../src/services/sign-in-throttle.service.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';

const codeOf = (response: LightMyRequestResponse) => (response.json() as { error: { code: string } }).error.code;
const csrfCookie = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === 'pk_csrf');

describeOnEachEngine('API access: CSRF and trusted proxies', (database) => {
  const apps: FastifyInstance[] = [];
  let plain: FastifyInstance;
  let admin: TestUser;
  const build = async (options: Partial<Parameters<typeof buildApp>[0]> = {}) => {
    const app = await buildApp({ database: database(), ...options });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    plain = await build();
    admin = await buildUser(database().db, { name: 'Csrf Admin', isAdministrator: true });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('refuses a change made with the session cookie but without the session CSRF token with 403', async () => {
    const session = await startSession(database().db, { userId: admin.userId });
    const cookie = `protokoll_session=${session.token}`;
    const payload = { name: 'Csrf-förbundet', organizationType: 'kommunalforbund' };

    const bare = await plain.inject({ method: 'POST', url: '/api/organizations', headers: { cookie }, payload });
    expect(bare.statusCode).toBe(403);
    expect(codeOf(bare)).toBe('csrf_token_invalid');
    const wrong = await plain.inject({ method: 'POST', url: '/api/organizations', headers: { cookie, 'x-csrf-token': 'gissat' }, payload });
    expect(wrong.statusCode).toBe(403);
    // Another session's token is no good either.
    const other = await startSession(database().db, { userId: admin.userId });
    expect((await plain.inject({ method: 'POST', url: '/api/organizations', headers: { cookie, 'x-csrf-token': other.csrfToken }, payload })).statusCode).toBe(403);

    const right = await plain.inject({ method: 'POST', url: '/api/organizations', headers: { cookie, 'x-csrf-token': session.csrfToken }, payload });
    expect(right.statusCode).toBe(201);
    // Reading needs no token.
    expect((await plain.inject({ method: 'GET', url: '/api/meetings', headers: { cookie } })).statusCode).toBe(200);
  });

  it('lets a Bearer-authenticated change through without a CSRF token', async () => {
    const response = await plain.inject({ method: 'POST', url: '/api/organizations', headers: admin.headers, payload: { name: 'Bearer-förbundet', organizationType: 'kommunalforbund' } });
    expect(response.statusCode).toBe(201);
  });

  it('ignores X-Forwarded-Proto from a client when no proxy is trusted: no Secure cookie, no HSTS', async () => {
    const response = await plain.inject({ method: 'GET', url: '/logga-in', headers: { 'x-forwarded-proto': 'https' } });
    expect(csrfCookie(response)?.secure).toBeFalsy();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('believes X-Forwarded-Proto only from a trusted proxy, and an https PUBLIC_URL always', async () => {
    const proxied = await build({ trustProxy: ['10.0.0.0/8'] });
    const viaProxy = await proxied.inject({ method: 'GET', url: '/logga-in', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-proto': 'https' } });
    expect(csrfCookie(viaProxy)?.secure).toBe(true);
    expect(viaProxy.headers['strict-transport-security']).toContain('max-age=');
    const direct = await proxied.inject({ method: 'GET', url: '/logga-in', remoteAddress: '203.0.113.50', headers: { 'x-forwarded-proto': 'https' } });
    expect(csrfCookie(direct)?.secure).toBeFalsy();
    expect(direct.headers['strict-transport-security']).toBeUndefined();

    const published = await build({ publicUrl: 'https://protokoll.example.se' });
    const behindTls = await published.inject({ method: 'GET', url: '/logga-in' });
    expect(csrfCookie(behindTls)?.secure).toBe(true);
    expect(behindTls.headers['strict-transport-security']).toContain('max-age=');
  });

  it('throttles by the address a trusted proxy reports, and by the connecting address otherwise', async () => {
    const email = `ines.${randomBytes(3).toString('hex')}@example.test`;
    await createUser(database().db, { email, name: 'Ines', password: 'ett-langt-losenord-for-test' });
    const signIn = (app: FastifyInstance, remoteAddress: string, forwardedFor: string) =>
      app.inject({ method: 'POST', url: '/api/sessions', remoteAddress, headers: { 'x-forwarded-for': forwardedFor }, payload: { email, password: 'fel' } });

    // Untrusted: a new X-Forwarded-For each time does not make a new client.
    for (let i = 0; i < SIGN_IN_POLICIES.pair.free; i++) expect((await signIn(plain, '203.0.113.60', `192.0.2.${i}`)).statusCode).toBe(401);
    expect((await signIn(plain, '203.0.113.60', '192.0.2.200')).statusCode).toBe(429);

    // Trusted: the proxy's report is the client, so another client behind the same proxy is not slowed.
    const proxied = await build({ trustProxy: ['10.0.0.0/8'] });
    for (let i = 0; i < SIGN_IN_POLICIES.pair.free; i++) expect((await signIn(proxied, '10.9.9.9', '198.51.100.70')).statusCode).toBe(401);
    expect((await signIn(proxied, '10.9.9.9', '198.51.100.70')).statusCode).toBe(429);
    expect((await signIn(proxied, '10.9.9.9', '198.51.100.71')).statusCode).toBe(401);
  });
});
