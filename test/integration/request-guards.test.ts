/**
 * Bad input never reaches a query (src/api/request-guards.ts): ids that are not UUIDs, NUL characters
 * and over-long strings are refused with 400 (API) or the not-found page (web), naming the field, and
 * every answer carries the security headers. Through real HTTP on the whole app, on both engines.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';

interface ErrorBody {
  error: { code: string; details: { problems?: { path: string; code: string }[] } };
}

const problemsOf = (response: LightMyRequestResponse) => (response.json() as ErrorBody).error.details.problems ?? [];

describeOnEachEngine('bad input and security headers', (database) => {
  let app: FastifyInstance;
  let admin: TestUser;
  let meetingId: string;

  beforeAll(async () => {
    app = await buildApp({ database: database(), today: () => '2026-03-01' });
    admin = await buildUser(database().db, { name: 'Guard Admin', isAdministrator: true });
    const post = async (url: string, payload: object) => {
      const response = await app.inject({ method: 'POST', url, headers: admin.headers, payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(201);
      return (response.json() as { id: string }).id;
    };
    const organizationId = await post('/api/organizations', { name: 'Vaktförbundet', organizationType: 'kommunalforbund' });
    const bodyId = await post('/api/bodies', { organizationId, name: 'Direktionen' });
    meetingId = await post('/api/meetings', { bodyId, heldOn: '2026-03-10' });
  });
  afterAll(async () => app?.close());

  it('answers a public archive page with a malformed id with the Swedish not-found page, not a 500', async () => {
    for (const url of ['/arkiv/organ/xyz', '/arkiv/organ/xyz/2026', "/arkiv/organ/1'--/2026/3", '/arkiv/organ/%00']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body, url).toContain('Sidan finns inte');
    }
  });

  it('answers an OParl id that names nothing with OParl\'s own JSON 404 (its ids are not all UUIDs)', async () => {
    const response = await app.inject({ url: '/oparl/v1/bodies/abc' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/u);
  });

  it('answers an API route with a malformed id with 400 naming the parameter', async () => {
    const cases: ['GET' | 'PATCH' | 'POST', string, string][] = [
      ['GET', '/api/meetings/xyz', 'params.meetingId'],
      ['PATCH', '/api/paragraphs/12', 'params.paragraphId'],
      ['POST', '/api/bodies/1%27--/mandates', 'params.bodyId'],
      ['GET', '/api/files/not-a-uuid', 'params.fileId'],
    ];
    for (const [method, url, path] of cases) {
      const response = await app.inject({ method, url, headers: admin.headers, ...(method === 'GET' ? {} : { payload: {} }) });
      expect(response.statusCode, url).toBe(400);
      expect((response.json() as ErrorBody).error.code, url).toBe('invalid_id');
      expect(problemsOf(response), url).toEqual([expect.objectContaining({ path, code: 'invalid_id' })]);
    }
  });

  it('refuses a § title with a NUL character through the API with 400 naming the field', async () => {
    const response = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/agenda`, headers: admin.headers, payload: { title: 'Budget\u0000 2027' } });
    expect(response.statusCode).toBe(400);
    expect(problemsOf(response)).toEqual([expect.objectContaining({ path: 'body.title', code: 'invalid_character' })]);
    const ok = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/agenda`, headers: admin.headers, payload: { title: 'Budget 2027' } });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a NUL character in a query string and in nested JSON, naming each field', async () => {
    const query = await app.inject({ method: 'GET', url: '/api/search?q=a%00b', headers: admin.headers });
    expect(query.statusCode).toBe(400);
    expect(problemsOf(query)).toEqual([expect.objectContaining({ path: 'query.q', code: 'invalid_character' })]);
    const nested = await app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/agenda`,
      headers: admin.headers,
      payload: { title: 'Ok', presenters: ['Anna', 'Bo\u0000'] },
    });
    expect(nested.statusCode).toBe(400);
    expect(problemsOf(nested)).toEqual([expect.objectContaining({ path: 'body.presenters.1', code: 'invalid_character' })]);
  });

  it('refuses a § title with a NUL character through the web form with 400 and a Swedish message naming the field', async () => {
    const session = await startSession(database().db, { userId: admin.userId });
    const response = await app.inject({
      method: 'POST',
      url: `/arbetsyta/sammantraden/${meetingId}/paragrafer`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `protokoll_session=${session.token}` },
      payload: new URLSearchParams({ _csrf: session.csrfToken, title: 'Budget\u0000' }).toString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('otillåtet tecken');
    expect(response.body).toContain('fältet title');
  });

  it('refuses a 5-million-character title with 413 (over the JSON limit) and a 3,000-character title with 400', async () => {
    const huge = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/agenda`, headers: admin.headers, payload: { title: 'x'.repeat(5_000_000) } });
    expect(huge.statusCode).toBe(413);
    expect((huge.json() as ErrorBody).error.code).toBe('body_too_large');
    const long = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/agenda`, headers: admin.headers, payload: { title: 'x'.repeat(3_000) } });
    expect(long.statusCode).toBe(400);
    expect(problemsOf(long)).toEqual([expect.objectContaining({ path: 'body.title', code: 'too_long' })]);
    const text = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/agenda`, headers: admin.headers, payload: { title: 'Ok', text: 'y'.repeat(100_001) } });
    expect(text.statusCode).toBe(400);
    expect(problemsOf(text)).toEqual([expect.objectContaining({ path: 'body.text', code: 'too_long' })]);
  });

  it('sends the security headers on API answers, web pages and not-found pages alike', async () => {
    for (const url of ['/api/health', '/', '/logga-in', '/finns-inte', '/assets/site.css']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = response.headers['content-security-policy'] as string;
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("form-action 'self'");
      expect(csp, url).toContain("base-uri 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('same-origin');
      expect(response.headers['permissions-policy'], url).toContain('camera=()');
      expect(response.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      // Plain http here: no HSTS.
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('renders no page with inline script, inline style or event-handler attributes, so the policy holds', async () => {
    for (const url of ['/', '/logga-in', '/anslagstavla', '/arkiv', '/sok']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(response.body, url).not.toMatch(/\sstyle="/);
      expect(response.body, url).not.toMatch(/\son[a-z]+="/);
    }
  });
});
