import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database, Engine } from '../../services/system.service.ts';
import { isDatabaseReachable } from '../../services/registers.service.ts';

export const systemRoutes: FastifyPluginAsyncZod<{ db: Database; engine: Engine }> = async (app, { db, engine }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Whether the server and its database answer',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable'), database: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async (_request, reply) => {
      if (await isDatabaseReachable(db)) return { status: 'ok' as const, database: engine };
      return reply.status(503).send({ status: 'unavailable' as const, database: engine });
    },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
