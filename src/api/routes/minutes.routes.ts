import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { minutesSchema } from '../../domain/minutes.ts';
import type { Database } from '../../services/system.service.ts';
import { getMinutes, saveMinutes } from '../../services/minutes.service.ts';
import { requireMemberOfMeeting } from '../../services/accounts.service.ts';
import { requireAdministrator, requireUser } from '../actor.ts';

export const minutesRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.post(
    '/api/minutes',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Store a meeting from a minutes interchange document (administrators)',
        description:
          'Creates the organisation, body, persons, mandates and cases the document names when they are new. Refuses a § number the body already used in the same year.',
        body: z.unknown().describe('A minutes interchange document (shared/schema/minutes.schema.json)'),
        response: { 201: z.object({ meetingId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      requireAdministrator(request);
      // The body is validated by the use case so every problem is reported with its path.
      const result = await saveMinutes(db, request.body, { source: 'body', actor: 'api' });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/meetings/:meetingId/minutes',
    {
      schema: {
        tags: ['minutes'],
        summary: "A meeting's minutes as an interchange document",
        params: z.object({ meetingId: z.uuid() }),
        response: { 200: minutesSchema },
      },
    },
    async (request) => {
      await requireMemberOfMeeting(db, requireUser(request), request.params.meetingId);
      return getMinutes(db, request.params.meetingId);
    },
  );
};
