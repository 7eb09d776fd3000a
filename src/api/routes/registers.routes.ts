import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../services/system.service.ts';
import { getBodies, getMandates, getOrganizations } from '../../services/registers.service.ts';

const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  organizationType: z.string().describe('Rule profile: kommunalforbund, samordningsforbund, association, municipal, …'),
});

const bodySchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  name: z.string(),
  bodyKind: z.string(),
  decisionMaking: z.boolean(),
  seats: z.number().int().nullable(),
});

const mandateSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  role: z.enum(['chair', 'vice-chair', 'member', 'substitute']),
  viceChairRank: z.number().int().nullable(),
  substituteRank: z.number().int().nullable(),
  party: z.string().nullable(),
  appointedById: z.uuid().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
});

const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const registerRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/api/organizations',
    { schema: { tags: ['registers'], summary: 'Organisations (förbund and their members)', response: { 200: list(organizationSchema) } } },
    async () => ({ data: await getOrganizations(db) }),
  );

  app.get(
    '/api/bodies',
    {
      schema: {
        tags: ['registers'],
        summary: 'Bodies (organ): boards, committees and networks',
        querystring: z.object({ organization: z.uuid().optional() }),
        response: { 200: list(bodySchema) },
      },
    },
    async (request) => ({ data: await getBodies(db, request.query.organization) }),
  );

  app.get(
    '/api/bodies/:bodyId/mandates',
    {
      schema: {
        tags: ['registers'],
        summary: "A body's mandates: chair, vice-chairs, members and substitutes",
        params: z.object({ bodyId: z.uuid() }),
        response: { 200: list(mandateSchema) },
      },
    },
    async (request) => ({
      data: (await getMandates(db, request.params.bodyId)).map((m) => ({ ...m, role: m.role as z.infer<typeof mandateSchema>['role'] })),
    }),
  );
};
