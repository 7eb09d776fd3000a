/**
 * Open data: a read-only OParl 1.1 API under /oparl/v1, for journalists, researchers and other systems.
 * Public: only adjusted minutes, never a draft or a confidential §. Every object answers at its own id;
 * ids use the configured public address (PUBLIC_URL), never the request's Host header. Any origin may read
 * it (CORS), and errors are OParl-style JSON, also for unknown paths under /oparl/.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allOparlObjects, BODY_LISTS, OBJECT_KINDS, oparlBodies, oparlBodyList, oparlObject, oparlSystem, type ListRequest } from '../../services/open-data.service.ts';
import { NotFoundError } from '../../errors.ts';
import { keepPublicAnswers } from '../public-answers.ts';
import type { DatabaseHandle } from '../../services/system.service.ts';

const instant = z.iso.datetime({ offset: true });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  created_since: instant.optional().describe('Only objects created at or after this moment (ISO 8601)'),
  created_until: instant.optional().describe('Only objects created at or before this moment (ISO 8601)'),
  modified_since: instant.optional().describe('Only objects changed at or after this moment (ISO 8601)'),
  modified_until: instant.optional().describe('Only objects changed at or before this moment (ISO 8601)'),
  omit_internal: z.enum(['true', 'false']).optional().describe('true: leave out embedded objects'),
});
const anyObject = z.record(z.string(), z.unknown());
const listSchema = z.object({
  data: z.array(z.unknown()),
  pagination: z.object({ totalElements: z.number(), elementsPerPage: z.number(), currentPage: z.number(), totalPages: z.number() }),
  links: z.object({ first: z.string(), prev: z.string().optional(), next: z.string().optional(), last: z.string() }),
});

function listRequest(query: z.infer<typeof listQuery>): ListRequest {
  return {
    page: query.page,
    pageSize: query.limit,
    createdSince: query.created_since,
    createdUntil: query.created_until,
    modifiedSince: query.modified_since,
    modifiedUntil: query.modified_until,
    omitInternal: query.omit_internal === 'true',
  };
}

export const oparlRoutes: FastifyPluginAsyncZod<{ database: DatabaseHandle; publicUrl: string }> = async (app, { database, publicUrl }) => {
  const base = `${publicUrl.replace(/\/+$/, '')}/oparl/v1`;
  const tags = ['open data'];
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/oparl/')) void reply.header('access-control-allow-origin', '*');
  });
  // Conditional GET: a client that already holds an answer gets 304 with no body.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
    void reply.header('etag', etag);
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
  // The lists and objects are made once while nothing changes (public-answers.ts); they depend on nothing but the address.
  keepPublicAnswers(app, {
    db: database.db,
    routes: ['/oparl/v1/system', '/oparl/v1/bodies', '/oparl/v1/bodies/:id/:list', '/oparl/v1/:kind/:id'],
    variant: () => '',
    cacheControl: 'public, no-cache',
  });
  app.get('/oparl/v1/system', { schema: { tags, summary: 'OParl System: the entry point', response: { 200: anyObject } } }, async () => oparlSystem(base));
  app.get('/oparl/v1/bodies', { schema: { tags, summary: 'OParl Bodies: the organisations', querystring: listQuery, response: { 200: listSchema } } }, async (request) =>
    oparlBodies(database, base, listRequest(request.query)),
  );
  app.get(
    '/oparl/v1/bodies/:id/:list',
    {
      schema: {
        tags,
        summary: 'One of a Body’s OParl lists (organizations, persons, meetings, papers, legislativeterms, agendaitems, consultations, files, locations, memberships)',
        params: z.object({ id: z.uuid(), list: z.enum(BODY_LISTS) }),
        querystring: listQuery,
        response: { 200: listSchema },
      },
    },
    async (request) => oparlBodyList(database, base, request.params.id, request.params.list, listRequest(request.query)),
  );
  app.get('/oparl/v1/dump.jsonl', { schema: { tags, summary: 'Every public OParl object, one JSON object per line (JSON Lines)' } }, async (_request, reply) => {
    const lines: string[] = [];
    for await (const object of allOparlObjects(database, base)) lines.push(JSON.stringify(object));
    return reply.type('application/jsonl; charset=utf-8').send(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  });
  app.get(
    '/oparl/v1/:kind/:id',
    {
      schema: {
        tags,
        summary: 'One OParl object at its own id',
        params: z.object({ kind: z.string().describe(OBJECT_KINDS.join(', ')), id: z.string().max(64) }),
        response: { 200: anyObject },
      },
    },
    async (request) => {
      const kind = OBJECT_KINDS.find((k) => k === request.params.kind);
      if (!kind) throw new NotFoundError('oparl_route_not_found', `no OParl objects called ${request.params.kind}`);
      return oparlObject(database, base, kind, request.params.id);
    },
  );
  app.get('/oparl/*', { schema: { hide: true } }, async (request) => {
    throw new NotFoundError('oparl_route_not_found', `no OParl resource at ${request.url}`);
  });
};
