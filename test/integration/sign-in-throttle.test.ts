/**
 * Rate-limited sign-in (src/web/sign-in-throttle.ts) through the real web form: after the allowed
 * number of failures the next attempt is refused with 429 and a Swedish message, and during the
 * lock-out even the right password signs nobody in.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { createUser } from '../../src/services/accounts.service.ts';
import { DEFAULT_LIMITS, SignInThrottle } from '../../src/web/sign-in-throttle.ts';
import { describeOnEachEngine } from '../support/databases.ts';

const PASSWORD = 'ett-langt-losenord-for-test';
const FAILED = 'E-postadressen eller lösenordet stämmer inte.';
const THROTTLED = 'För många försök. Vänta en stund och försök igen.';

describeOnEachEngine('sign-in with too many failed attempts', (database) => {
  let app: FastifyInstance;
  let csrf: string;

  const newEmail = async (name: string) => {
    const email = `${name}.${randomBytes(3).toString('hex')}@example.test`;
    await createUser(database().db, { email, name, password: PASSWORD });
    return email;
  };

  /** Posts the sign-in form as a browser would: the CSRF cookie and the same token in the form. */
  const signIn = (email: string, password: string, remoteAddress = '127.0.0.1'): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url: '/logga-in',
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `pk_csrf=${csrf}` },
      payload: new URLSearchParams({ _csrf: csrf, email, password, tillbaka: '/' }).toString(),
    });

  const sessionCookie = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === 'protokoll_session' && c.value !== '');

  beforeAll(async () => {
    app = await buildApp({ database: database() });
    const page = await app.inject({ method: 'GET', url: '/logga-in' });
    csrf = page.cookies.find((c) => c.name === 'pk_csrf')!.value;
    expect(csrf).toBeTruthy();
  });

  it('refuses the attempt after the allowed failures for one email with 429 and a Swedish message, even with the right password', async () => {
    const email = await newEmail('karin');
    for (let attempt = 1; attempt <= DEFAULT_LIMITS.perEmail; attempt++) {
      const response = await signIn(email, `fel-${attempt}`);
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
      expect(response.body).toContain(FAILED);
    }

    const next = await signIn(email, 'fel-igen');
    expect(next.statusCode).toBe(429);
    expect(next.headers['content-type']).toContain('text/html');
    expect(next.body).toContain(THROTTLED);
    expect(next.body).toMatch(/role="alert"><p>För många försök/);
    expect(next.body).toContain('lang="sv"');
    // The email typed stays in the form.
    expect(next.body).toContain(`value="${email}"`);

    const right = await signIn(email, PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain(THROTTLED);
    expect(sessionCookie(right)).toBeUndefined();
    expect(right.headers.location).toBeUndefined();

    // The email is written another way: still the same account, still locked.
    const shouted = await signIn(email.toUpperCase(), PASSWORD);
    expect(shouted.statusCode).toBe(429);
  });

  it('locks only that email: another account signs in from the same address', async () => {
    const locked = await newEmail('erik');
    for (let attempt = 0; attempt < DEFAULT_LIMITS.perEmail; attempt++) await signIn(locked, 'fel');
    expect((await signIn(locked, PASSWORD)).statusCode).toBe(429);

    const other = await newEmail('aisha');
    const response = await signIn(other, PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/mina-sammantraden');
    expect(sessionCookie(response)).toBeDefined();
  });

  it('locks an address that tries many emails, but not the other addresses', async () => {
    const address = '203.0.113.7';
    for (let attempt = 0; attempt < DEFAULT_LIMITS.perAddress; attempt++) {
      expect((await signIn(`gissning-${attempt}@example.test`, 'fel', address)).statusCode).toBe(401);
    }
    const email = await newEmail('goran');
    const refused = await signIn(email, PASSWORD, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain(THROTTLED);
    expect(sessionCookie(refused)).toBeUndefined();

    const elsewhere = await signIn(email, PASSWORD, '198.51.100.20');
    expect(elsewhere.statusCode).toBe(303);
    expect(sessionCookie(elsewhere)).toBeDefined();
  });
});

describe('the sign-in throttle', () => {
  it('forgives the failures once the window has passed, and a success clears the email', () => {
    let now = 1_000_000;
    const throttle = new SignInThrottle({ windowMs: 60_000, perAddress: 10, perEmail: 2 }, () => now);
    throttle.recordFailure('10.0.0.1', 'a@example.test');
    throttle.recordFailure('10.0.0.1', 'A@example.test');
    expect(throttle.allows('10.0.0.1', 'a@example.test')).toBe(false);
    now += 59_999;
    expect(throttle.allows('10.0.0.1', 'a@example.test')).toBe(false);
    now += 2;
    expect(throttle.allows('10.0.0.1', 'a@example.test')).toBe(true);

    throttle.recordFailure('10.0.0.1', 'b@example.test');
    throttle.recordSuccess('b@example.test');
    throttle.recordFailure('10.0.0.1', 'b@example.test');
    expect(throttle.allows('10.0.0.1', 'b@example.test')).toBe(true);
  });
});
