/**
 * Open data: a read-only API in the shape of OParl 1.1 under /oparl/v1, for journalists, researchers
 * and other systems. Public: only adjusted minutes, never a confidential §.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { oparlBodies, oparlBody, oparlMeetings, oparlOrganizations, oparlPapers, oparlSystem } from '../../services/open-data.service.ts';
import type { Database } from '../../services/system.service.ts';

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  modified_since: z.iso.datetime({ offset: true }).optional().describe('Only objects changed since this moment (ISO 8601)'),
});
const anyObject = z.record(z.string(), z.unknown());
const listSchema = z.object({
  data: z.array(z.unknown()),
  pagination: z.object({ totalElements: z.number(), elementsPerPage: z.number(), currentPage: z.number(), totalPages: z.number() }),
  links: z.object({ first: z.string(), prev: z.string().optional(), next: z.string().optional(), last: z.string() }),
});

/** The API's own address as the caller reached it, so links work behind a proxy. */
function baseOf(request: FastifyRequest): string {
  const protocol = (request.headers['x-forwarded-proto'] as string | undefined)?.split(',')[0]?.trim() || request.protocol;
  return `${protocol}://${request.headers.host ?? 'localhost'}/oparl/v1`;
}

export const oparlRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  const tags = ['open data'];
  app.get('/oparl/v1/system', { schema: { tags, summary: 'OParl System: the entry point', response: { 200: anyObject } } }, async (request) => oparlSystem(baseOf(request)));
  app.get('/oparl/v1/bodies', { schema: { tags, summary: 'OParl Bodies: the organisations', response: { 200: listSchema } } }, async (request) => oparlBodies(db, baseOf(request)));
  app.get(
    '/oparl/v1/bodies/:id',
    { schema: { tags, summary: 'One OParl Body', params: z.object({ id: z.uuid() }), response: { 200: anyObject } } },
    async (request) => oparlBody(db, baseOf(request), request.params.id),
  );
  app.get(
    '/oparl/v1/bodies/:id/organizations',
    { schema: { tags, summary: 'OParl Organizations: the bodies (organ) of an organisation', params: z.object({ id: z.uuid() }), response: { 200: listSchema } } },
    async (request) => oparlOrganizations(db, baseOf(request), request.params.id),
  );
  app.get(
    '/oparl/v1/bodies/:id/meetings',
    {
      schema: {
        tags,
        summary: 'OParl Meetings with their agenda items and decisions (adjusted minutes only)',
        params: z.object({ id: z.uuid() }),
        querystring: pageQuery,
        response: { 200: listSchema },
      },
    },
    async (request) =>
      oparlMeetings(db, baseOf(request), request.params.id, { page: request.query.page, pageSize: request.query.limit, modifiedSince: request.query.modified_since ?? null }),
  );
  app.get(
    '/oparl/v1/bodies/:id/papers',
    { schema: { tags, summary: 'OParl Papers: the cases (ärenden) public §§ handled', params: z.object({ id: z.uuid() }), querystring: pageQuery, response: { 200: listSchema } } },
    async (request) => oparlPapers(db, baseOf(request), request.params.id, { page: request.query.page, pageSize: request.query.limit }),
  );
};
