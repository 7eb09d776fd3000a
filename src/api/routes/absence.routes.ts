/**
 * Anmäl förhinder over HTTP: a member reports that they cannot come (or takes it back); the secretary
 * sees who has and whom to call, and calls a substitute. The use cases check who may do each.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callSubstitute, getAbsenceOverview, reportAbsence, withdrawAbsence } from '../../services/absence.service.ts';
import type { Database } from '../../services/system.service.ts';
import { requireUser } from '../actor.ts';

const params = z.object({ meetingId: z.uuid() });
const person = z.object({ personId: z.uuid(), name: z.string(), party: z.string().nullable(), rank: z.number().nullable(), email: z.string().nullable() });

export const absenceRoutes: FastifyPluginAsyncZod<{ db: Database; publicUrl: string }> = async (app, { db, publicUrl }) => {
  app.post(
    '/api/meetings/:meetingId/absence',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Anmäl förhinder: report that you (or, as secretary, a member) cannot come to the meeting',
        params,
        body: z.object({ personId: z.uuid().nullable().optional().describe('Only the secretary reports for someone else'), note: z.string().max(500).nullable().optional() }),
        response: { 201: z.object({ created: z.boolean() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await reportAbsence(db, requireUser(request), { meetingId: request.params.meetingId, ...request.body })),
  );

  app.delete(
    '/api/meetings/:meetingId/absence',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Take back a reported absence',
        params,
        querystring: z.object({ personId: z.uuid().optional() }),
        response: { 200: z.object({ withdrawn: z.boolean() }) },
      },
    },
    async (request) => withdrawAbsence(db, requireUser(request), { meetingId: request.params.meetingId, personId: request.query.personId ?? null }),
  );

  app.get(
    '/api/meetings/:meetingId/absence',
    {
      schema: {
        tags: ['minutes'],
        summary: "Who has reported absence, the substitute to call for each absent member in the body's order, and who has been called (secretary)",
        params,
        response: {
          200: z.object({
            absent: z.array(z.object({ personId: z.uuid(), name: z.string(), role: z.string(), party: z.string().nullable(), reportedAt: z.date(), note: z.string().nullable(), channel: z.string() })),
            toCall: z.array(z.object({ forPersonId: z.uuid(), forName: z.string(), substitute: person.nullable() })),
            called: z.array(z.object({ personId: z.uuid().nullable(), to: z.string(), status: z.string(), at: z.date() })),
            available: z.array(person).describe('Substitutes still free to call, in rank order'),
            servingFor: z.array(z.object({ substitutePersonId: z.uuid(), substituteName: z.string().nullable(), forPersonId: z.uuid(), forName: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => getAbsenceOverview(db, requireUser(request), request.params.meetingId),
  );

  app.post(
    '/api/meetings/:meetingId/substitute-calls',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Call a substitute in for an absent member: an e-mail to the substitute (secretary)',
        params,
        body: z.object({ substitutePersonId: z.uuid(), forPersonId: z.uuid() }),
        response: { 201: z.object({ messageId: z.string() }) },
      },
    },
    async (request, reply) => {
      const viewer = requireUser(request);
      const result = await callSubstitute(db, viewer, {
        meetingId: request.params.meetingId,
        ...request.body,
        publicUrl,
        mailDomain: new URL(publicUrl).hostname,
        contact: `${viewer.name}, ${viewer.email}`,
      });
      return reply.status(201).send(result);
    },
  );
};
