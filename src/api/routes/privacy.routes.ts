/**
 * Publishing lawfully over HTTP (issue 17, docs/personal-data.md): the secretary's review of personal data
 * in a meeting's minutes, maskings with their reasons, §§ and attachments withheld, findings marked as
 * reviewed, the (logged) original, and the masked copy handed out on a begäran om allmän handling. The use
 * cases (services/privacy.service) check who may do each.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getPersonalDataReview,
  markFindingReviewed,
  maskSpan,
  producePublicCopy,
  removeMasking,
  viewOriginalMinutes,
  withholdPart,
} from '../../services/privacy.service.ts';
import type { DatabaseHandle } from '../../services/system.service.ts';
import { actorOf } from '../actor.ts';

const params = z.object({ meetingId: z.uuid() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u);
const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), paragraphId: z.uuid(), field: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('attendee'), position: z.number().int().nonnegative(), field: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('attachment'), attachmentId: z.uuid(), field: z.literal('text') }),
]);
const reason = z.string().min(1).max(100).describe('"OSL <kapitel>:<paragraf>" (e.g. OSL 26:1) or "GDPR art. <artikel>"');

export const privacyRoutes: FastifyPluginAsyncZod<{ database: DatabaseHandle }> = async (app, { database }) => {
  const { db } = database;
  const tags = ['minutes'];

  app.get(
    '/api/meetings/:meetingId/personal-data',
    { schema: { tags, summary: 'Personal data found in the minutes before web publication, with place and whether handled; maskings and withheld parts (secretary)', params, response: { 200: z.any() } } },
    async (request) => getPersonalDataReview(db, request.params.meetingId, actorOf(request)),
  );

  app.post(
    '/api/meetings/:meetingId/maskings',
    {
      schema: {
        tags,
        summary: 'Mask a span of a text (a § field, an attendee line, an attachment text) with its reason; the original is not changed',
        params,
        body: z.object({ target, start: z.number().int().nonnegative().nullable().optional(), end: z.number().int().positive().nullable().optional(), exactText: z.string().max(2000).nullable().optional(), reason }),
        response: { 201: z.object({ maskingId: z.uuid() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await maskSpan(db, request.params.meetingId, request.body, actorOf(request))),
  );

  app.delete(
    '/api/meetings/:meetingId/maskings/:maskingId',
    { schema: { tags, summary: 'Remove a masking', params: params.extend({ maskingId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      await removeMasking(db, request.params.meetingId, request.params.maskingId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/meetings/:meetingId/personal-data/reviews',
    {
      schema: {
        tags,
        summary: 'Mark a finding as reviewed: published on purpose, with the reason',
        params,
        body: z.object({ target, start: z.number().int().nonnegative(), end: z.number().int().positive(), reason: z.string().min(1).max(500) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markFindingReviewed(db, request.params.meetingId, request.body, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/meetings/:meetingId/withheld',
    {
      schema: {
        tags,
        summary: 'Withhold a whole § or attachment from the public rendition with its reason (reason null publishes it again)',
        params,
        body: z.object({ kind: z.enum(['paragraph', 'attachment']), targetId: z.uuid(), reason: reason.nullable(), showTitle: z.boolean().optional() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await withholdPart(db, request.params.meetingId, request.body, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/meetings/:meetingId/original',
    { schema: { tags, summary: 'The original, unmasked minutes (secretary); every view is logged', params, response: { 200: z.any() } } },
    async (request) => viewOriginalMinutes(db, request.params.meetingId, actorOf(request)),
  );

  app.post(
    '/api/meetings/:meetingId/public-copies',
    {
      schema: {
        tags,
        summary: 'Begäran om allmän handling: a copy of the minutes with the maskings and their reasons, as PDF; logged with who asked',
        params,
        body: z.object({ requestedBy: z.string().min(1).max(200), handedOutOn: isoDate }),
        response: { 201: z.any().describe('application/pdf') },
      },
    },
    async (request, reply) => {
      const copy = await producePublicCopy(database, request.params.meetingId, request.body, actorOf(request));
      return reply.status(201).header('content-type', 'application/pdf').header('x-sha256', copy.sha256).send(copy.pdf);
    },
  );
};
