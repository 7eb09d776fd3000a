import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';
import { annotatedSeeds } from '../support/seeds.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';

describeOnEachEngine('the HTTP API', (database) => {
  let app: FastifyInstance;
  let admin: TestUser;
  const appFor = async () => {
    admin ??= await buildUser(database().db, { name: 'Api Admin', isAdministrator: true });
    return (app ??= await buildApp({ database: database(), web: false }));
  };

  it('answers /api/health with the engine in use', async () => {
    const response = await (await appFor()).inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: database().engine });
  });

  it('serves an OpenAPI 3.1 document naming every route', async () => {
    const response = await (await appFor()).inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    // Each area adds its routes; these are the foundation's and the meeting cycle's.
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/bodies',
        '/api/bodies/{bodyId}/mandates',
        '/api/health',
        '/api/meetings',
        '/api/meetings/{meetingId}',
        '/api/meetings/{meetingId}/minutes',
        '/api/meetings/{meetingId}/finalise',
        '/api/meetings/{meetingId}/signatures',
        '/api/minutes',
        '/api/organizations',
        '/api/paragraphs/{paragraphId}',
        '/api/search',
        '/api/meetings/{meetingId}/follow-up-proposals',
        '/api/follow-up/proposals/{id}/confirm',
        '/api/follow-up/proposals/confirm-all',
        '/api/follow-up/assignments',
        '/api/follow-up/assignments/{assignmentId}/report-back',
        '/api/bodies/{bodyId}/due-report-backs',
        '/api/follow-up/delegated-decisions',
        '/api/follow-up/delegated-decisions/report',
        '/api/follow-up/appointments',
        '/api/follow-up/consultations',
        '/api/follow-up/consultations/{consultationId}/answer',
        '/api/follow-up/goals',
        '/api/follow-up/goals/{goalId}',
        '/api/follow-up/goals/{goalId}/indicators',
        '/api/follow-up/indicators/{indicatorId}/follow-ups/{year}/{period}',
        '/api/organizations/{organizationId}/annual-reports/{year}',
        '/api/organizations/{organizationId}/annual-reports/{year}/draft',
        '/api/organizations/{organizationId}/annual-reports/{year}/sections',
        '/api/organizations/{organizationId}/annual-reports/{year}/document',
      ]),
    );
  });

  it('stores minutes and gives them back, with the body and its mandates in the registers', async () => {
    const seed = annotatedSeeds().find((s) => s.name.startsWith('002'))!;
    const server = await appFor();
    expect((await server.inject({ method: 'POST', url: '/api/minutes', payload: seed.expected as object })).statusCode).toBe(401);
    const created = await server.inject({ method: 'POST', url: '/api/minutes', headers: admin.headers, payload: seed.expected as object });
    expect(created.statusCode).toBe(201);
    const { meetingId } = created.json() as { meetingId: string };

    const minutes = await server.inject({ method: 'GET', url: `/api/meetings/${meetingId}/minutes`, headers: admin.headers });
    // Someone of another organisation is told the meeting does not exist, and does not see it listed.
    const outsider = await buildUser(database().db, { name: 'Annan Organisation' });
    expect((await server.inject({ method: 'GET', url: `/api/meetings/${meetingId}/minutes`, headers: outsider.headers })).statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: '/api/meetings', headers: outsider.headers })).json()).toEqual({ data: [] });
    expect(((await server.inject({ method: 'GET', url: '/api/meetings', headers: admin.headers })).json() as { data: { id: string }[] }).data.map((m) => m.id)).toContain(meetingId);
    expect(minutes.json()).toStrictEqual(seed.expected);

    const organizations = (await server.inject({ method: 'GET', url: '/api/organizations' })).json() as { data: { id: string; name: string; organizationType: string }[] };
    const organization = organizations.data.find((o) => o.name === 'Samordningsförbundet i Jämtlands län');
    expect(organization?.organizationType).toBe('samordningsforbund');
    const bodies = (await server.inject({ method: 'GET', url: `/api/bodies?organization=${organization!.id}` })).json() as { data: { id: string; name: string }[] };
    expect(bodies.data.map((b) => b.name)).toEqual(['Styrelsen']);
    const mandates = (await server.inject({ method: 'GET', url: `/api/bodies/${bodies.data[0]!.id}/mandates` })).json() as { data: { personName: string; role: string }[] };
    expect(mandates.data[0]).toMatchObject({ personName: 'Cristine Persson', role: 'chair' });
    expect(mandates.data.filter((m) => m.role === 'substitute')).toHaveLength(3);
  });

  it('answers bad input with 400 and every problem located', async () => {
    const bad = { ...buildMinutes(), meeting: { date: '2020-13-45x', start: null, end: null, location: null, remote: 'ja' } };
    const response = await (await appFor()).inject({ method: 'POST', url: '/api/minutes', headers: admin.headers, payload: bad });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { code: string; details: { problems: { path: string }[] } } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.details.problems.map((p) => p.path).sort()).toEqual(['body.meeting.date', 'body.meeting.remote']);
  });

  it('answers malformed JSON with 400, not a server error', async () => {
    const response = await (await appFor()).inject({
      method: 'POST',
      url: '/api/minutes',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"kind": "protocol",',
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as { error: { code: string } }).error.code).toBeTruthy();
  });

  it('answers an unknown meeting with 404 and a stable code', async () => {
    const response = await (await appFor()).inject({ method: 'GET', url: '/api/meetings/00000000-0000-4000-8000-000000000000/minutes', headers: admin.headers });
    expect(response.statusCode).toBe(404);
    expect((response.json() as { error: { code: string } }).error.code).toBe('meeting_not_found');
  });

  it('answers a malformed id with 400', async () => {
    const response = await (await appFor()).inject({ method: 'GET', url: '/api/meetings/inte-ett-id/minutes' });
    expect(response.statusCode).toBe(400);
  });
});

it('the committed OpenAPI document (docs/openapi.json) is up to date with the routes', async () => {
  const { generateOpenApiDocument } = await import('../../scripts/export-openapi.ts');
  const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as unknown;
  expect(await generateOpenApiDocument()).toEqual(committed);
});
