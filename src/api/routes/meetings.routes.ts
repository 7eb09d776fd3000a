/**
 * The meeting cycle over HTTP: registers, planning, kallelse, roll-call, §§, finalising, signing, the
 * notice and extracts. The web application uses exactly these use cases.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decisionMethods, minutesSchema, motionSchema, protocolNoteSchema, reservationSchema, voteSchema } from '../../domain/minutes.ts';
import { organisationTypes } from '../../domain/rule-profile.ts';
import { todayInSweden } from '../../domain/legal-dates.ts';
import {
  addAgendaItem,
  addMandate,
  attachDocument,
  attachableTypes,
  MAX_ATTACHMENT_BYTES,
  readFileForDownload,
  meetingOfFile,
  adjustParagraphAtMeeting,
  createBody,
  createExtract,
  createOrganization,
  createPerson,
  exportMinutes,
  finaliseMinutes,
  getMeetingOverview,
  listAwaitingSignature,
  listMeetings,
  planMeeting,
  postNotice,
  recordAttendance,
  rejectMinutes,
  sendMeetingNotice,
  signMinutes,
  updateParagraph,
} from '../../services/meeting-cycle.service.ts';
import { bodyOfMeeting, bodyOfParagraph } from '../../services/registers.service.ts';
import { canActAsSecretary, canAdminister, canReadAsMember, requireMemberOfMeeting, requireSecretaryOfBody } from '../../services/accounts.service.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { DatabaseHandle } from '../../services/system.service.ts';
import { actorOf, requireAdministrator, requireUser } from '../actor.ts';
import { legalCheckRefusalSchema, legalReasonField } from './legal-check.schemas.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const clock = z.string().regex(/^\d{2}:\d{2}$/, 'expected a time HH:MM');
const idParams = z.object({ meetingId: z.uuid() });
const created = z.object({ id: z.uuid() });

/** Today in Sweden: the only place the API reads the clock for the legal dates. */
const today = () => todayInSweden(new Date());

export const meetingRoutes: FastifyPluginAsyncZod<{ database: DatabaseHandle; publicUrl?: string }> = async (app, { database, publicUrl }) => {
  // Kallelse mail goes to the outbox when the site's address is known (the server always gives it).
  const mail = publicUrl ? { publicUrl, mailDomain: new URL(publicUrl).hostname } : null;
  const db = database.db;

  // Underlag arrive as the raw file with its own content type (only on these routes: the plugin is encapsulated).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(Object.keys(attachableTypes), { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/api/paragraphs/:paragraphId/attachments',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Attach a document (underlag, bilaga) to a § of draft minutes; the body is the file itself',
        params: z.object({ paragraphId: z.uuid() }),
        querystring: z.object({ title: z.string().min(1).describe('The bilaga as it is named in the §') }),
        body: z.any().describe('The file: PDF, DOCX, XLSX, ODT, text, PNG or JPEG, with its content type'),
        response: { 201: z.object({ fileId: z.uuid(), sha256: z.string() }) },
      },
    },
    async (request, reply) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfParagraph(db, request.params.paragraphId));
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const result = await attachDocument(database, request.params.paragraphId, { title: request.query.title, bytes, contentType: request.headers['content-type'] ?? '' }, actorOf(request));
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/files/:fileId',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Download a stored document (signed-in users)',
        params: z.object({ fileId: z.uuid() }),
        response: { 200: z.any() },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      // A file is readable by those who may read the meeting it belongs to; otherwise it does not exist.
      const meetingId = await meetingOfFile(database, request.params.fileId);
      if (!meetingId) throw new NotFoundError('file_not_found', `no file with id ${request.params.fileId}`);
      await requireMemberOfMeeting(db, user, meetingId);
      const file = await readFileForDownload(database, request.params.fileId);
      const name = (file.name ?? 'dokument').replace(/[^\p{L}\p{N}._ -]+/gu, '_');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(Buffer.from(file.bytes));
    },
  );

  app.post(
    '/api/organizations',
    {
      schema: {
        tags: ['registers'],
        summary: 'Register an organisation (administrators)',
        body: z.object({
          name: z.string(),
          organizationType: z.enum(organisationTypes).describe('The rule profile'),
          shortName: z.string().nullable().optional(),
          minutesStorage: z.string().nullable().optional().describe('Förvaringsplats printed on notices'),
        }),
        response: { 201: created },
      },
    },
    async (request, reply) => {
      requireAdministrator(request);
      const row = await createOrganization(db, request.body, actorOf(request));
      return reply.status(201).send({ id: row.id });
    },
  );

  app.post(
    '/api/bodies',
    {
      schema: {
        tags: ['registers'],
        summary: 'Register a body of an organisation (administrators)',
        body: z.object({
          organizationId: z.uuid(),
          name: z.string(),
          bodyKind: z.string().optional(),
          decisionMaking: z.boolean().optional(),
          seats: z.number().int().positive().nullable().optional(),
          rules: z.record(z.string(), z.unknown()).optional(),
        }),
        response: { 201: created },
      },
    },
    async (request, reply) => {
      requireAdministrator(request, { organizationId: request.body.organizationId });
      const row = await createBody(db, request.body, actorOf(request));
      return reply.status(201).send({ id: row.id });
    },
  );

  app.post(
    '/api/persons',
    {
      schema: {
        tags: ['registers'],
        summary: 'Register a person (administrators)',
        body: z.object({ name: z.string(), email: z.string().nullable().optional() }),
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!canAdminister(user) && !canActAsSecretary(user)) throw new ForbiddenError('not_administrator', 'only an administrator or a secretary may register persons');
      const row = await createPerson(db, request.body, actorOf(request));
      return reply.status(201).send({ id: row.id });
    },
  );

  app.post(
    '/api/bodies/:bodyId/mandates',
    {
      schema: {
        tags: ['registers'],
        summary: 'Give a person a mandate in the body (administrators and secretaries)',
        params: z.object({ bodyId: z.uuid() }),
        body: z.object({
          personId: z.uuid(),
          role: z.enum(['chair', 'vice-chair', 'member', 'substitute']),
          party: z.string().nullable().optional(),
          viceChairRank: z.number().int().positive().nullable().optional(),
          substituteRank: z.number().int().positive().nullable().optional(),
          appointedById: z.uuid().nullable().optional(),
          startsOn: isoDate.nullable().optional(),
          endsOn: isoDate.nullable().optional(),
        }),
        response: { 201: created },
      },
    },
    async (request, reply) => {
      await requireSecretaryOfBody(db, requireUser(request), request.params.bodyId);
      const row = await addMandate(db, { ...request.body, bodyId: request.params.bodyId }, actorOf(request));
      return reply.status(201).send({ id: row.id });
    },
  );

  app.get(
    '/api/meetings',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Meetings, newest first',
        querystring: z.object({ body: z.uuid().optional(), year: z.coerce.number().int().optional() }),
        response: {
          200: z.object({
            data: z.array(
              z.object({ id: z.uuid(), bodyId: z.uuid(), bodyName: z.string(), organizationName: z.string().nullable(), heldOn: z.string().nullable(), status: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const viewer = requireUser(request);
      const all = await listMeetings(db, { ...(request.query.body ? { bodyId: request.query.body } : {}), ...(request.query.year ? { year: request.query.year } : {}) });
      // Only the meetings of bodies the caller belongs to, or administers.
      const rows = all.filter((r) => canReadAsMember(viewer, { organizationId: r.organizationId, bodyId: r.bodyId }) || viewer.signatoryMeetingIds.includes(r.id));
      return { data: rows.map((r) => ({ id: r.id, bodyId: r.bodyId, bodyName: r.bodyName, organizationName: r.organizationName, heldOn: r.heldOn, status: r.status })) };
    },
  );

  app.get(
    '/api/me/awaiting-signature',
    {
      schema: {
        tags: ['minutes'],
        summary: "Minutes awaiting the signed-in person's signature",
        response: { 200: z.object({ data: z.array(z.object({ id: z.uuid(), bodyName: z.string(), heldOn: z.string().nullable() })) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = user.personId ? await listAwaitingSignature(db, user.personId) : [];
      return { data: rows.map((r) => ({ id: r.id, bodyName: r.bodyName, heldOn: r.heldOn })) };
    },
  );

  app.post(
    '/api/meetings',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Plan a meeting with the standard agenda items',
        body: z.object({
          bodyId: z.uuid(),
          heldOn: isoDate,
          start: clock.nullable().optional(),
          end: clock.nullable().optional(),
          location: z.string().nullable().optional(),
          remote: z.boolean().nullable().optional(),
          standardItems: z.boolean().optional(),
          numberInYear: z.number().int().positive().nullable().optional(),
        }),
        response: { 201: created },
      },
    },
    async (request, reply) => {
      await requireSecretaryOfBody(db, requireUser(request), request.body.bodyId);
      const { meetingId } = await planMeeting(db, request.body, actorOf(request));
      return reply.status(201).send({ id: meetingId });
    },
  );

  app.get(
    '/api/meetings/:meetingId',
    {
      schema: {
        tags: ['minutes'],
        summary: 'A meeting as the secretary sees it: minutes, quorum, signatures and legal clocks',
        params: idParams,
        response: {
          200: z.object({
            meeting: z.object({ id: z.uuid(), bodyId: z.uuid(), status: z.string(), heldOn: z.string().nullable(), convenedAt: z.string().nullable(), minutesSha256: z.string().nullable() }),
            paragraphIds: z.array(z.uuid()),
            minutes: minutesSchema,
            quorum: z.object({ quorate: z.boolean(), votingCount: z.number(), required: z.number(), reasons: z.array(z.object({ code: z.string(), message: z.string(), personId: z.string().optional() })) }).nullable(),
            signatures: z.array(z.object({ role: z.string(), name: z.string().nullable(), personId: z.string().nullable(), status: z.string(), signedAt: z.string().nullable(), documentSha256: z.string().nullable() })),
            invitations: z.array(z.object({ name: z.string(), role: z.string(), sentAt: z.string() })),
            documents: z.array(z.object({ paragraphId: z.uuid(), number: z.number().int().nullable(), title: z.string(), fileId: z.uuid() })),
            clocks: z.object({
              adjustmentDeadline: z.string().nullable(),
              adjustmentStatus: z.string().nullable(),
              notice: z.object({ postedOn: z.string(), lastAppealOn: z.string(), postedUntilOn: z.string(), takeDownOn: z.string(), latestPostingOn: z.string().nullable(), postedLate: z.boolean() }).nullable(),
            }),
          }),
        },
      },
    },
    async (request) => {
      await requireMemberOfMeeting(db, requireUser(request), request.params.meetingId);
      const overview = await getMeetingOverview(db, request.params.meetingId, { today: today() });
      return overview;
    },
  );

  app.post(
    '/api/meetings/:meetingId/agenda',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Add an item (§) to the agenda; the §§ are renumbered through the year',
        params: idParams,
        body: z.object({
          title: z.string(),
          caseNumber: z.string().nullable().optional(),
          presenters: z.array(z.string()).optional(),
          proposal: z.string().nullable().optional(),
          text: z.string().nullable().optional(),
          position: z.number().int().nonnegative().optional(),
        }),
        response: { 201: z.object({ id: z.uuid(), number: z.number().int().nullable() }) },
      },
    },
    async (request, reply) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfMeeting(db, request.params.meetingId));
      const result = await addAgendaItem(db, request.params.meetingId, request.body, actorOf(request));
      return reply.status(201).send({ id: result.paragraphId, number: result.number });
    },
  );

  app.patch(
    '/api/paragraphs/:paragraphId',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Change a § of draft minutes: text, proposal, decisions, yrkanden, propositionsordning, votes, reservations, protokollsanteckningar, jäv',
        params: z.object({ paragraphId: z.uuid() }),
        body: z.object({
          title: z.string().optional(),
          caseNumber: z.string().nullable().optional(),
          text: z.string().nullable().optional(),
          proposal: z.string().nullable().optional(),
          presenters: z.array(z.string()).optional(),
          decisions: z.array(z.string()).optional(),
          attachments: z.array(z.string()).optional(),
          votes: z.array(voteSchema).optional(),
          reservations: z.array(reservationSchema).optional(),
          disqualified: z.array(z.string()).optional(),
          leftRoom: z.array(z.string()).optional().describe('Those of disqualified who left the room (jäv); saved with disqualified'),
          proposedBy: z.string().nullable().optional().describe('Who put the förslag till beslut'),
          motions: z.array(motionSchema).optional().describe('Yrkanden with their mover and bifall'),
          propositionOrder: z.string().nullable().optional().describe('Propositionsordning as typed'),
          decisionMethod: z.enum(decisionMethods).nullable().optional().describe('acclamation or vote (votering)'),
          protocolNotes: z.array(protocolNoteSchema).optional().describe('Protokollsanteckningar'),
          confidential: z.boolean().optional(),
          confidentialReason: z.string().nullable().optional(),
          version: z.number().int().positive().optional().describe('The version of the § this edit is based on; a stale one is refused with 409 paragraph_edited_by_someone_else'),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfParagraph(db, request.params.paragraphId));
      await updateParagraph(db, request.params.paragraphId, request.body, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/meetings/:meetingId/kallelse',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Send the notice of meeting (kallelse) with the agenda to every member and substitute',
        params: idParams,
        body: z.object({ absenceContact: z.string().nullable().optional(), legalReason: legalReasonField }).optional(),
        response: {
          200: z.object({
            invited: z.number().int(),
            fileId: z.uuid(),
            status: z.string().nullable(),
            mailed: z.number().int().describe('Messages written to the outbox, one per member and substitute with an e-mail address'),
            withoutAddress: z.array(z.string()).describe('Those with no e-mail address, to reach another way'),
          }),
          422: legalCheckRefusalSchema,
        },
      },
    },
    async (request) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfMeeting(db, request.params.meetingId));
      const result = await sendMeetingNotice(database, request.params.meetingId, { sentAt: new Date(), absenceContact: request.body?.absenceContact ?? null, mail, legalReason: request.body?.legalReason ?? null }, actorOf(request));
      return { invited: result.invited, fileId: result.fileId, status: result.status, mailed: result.mailed, withoutAddress: result.withoutAddress };
    },
  );

  app.put(
    '/api/meetings/:meetingId/attendance',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Record the roll-call: members and substitutes from the mandate register, serving substitutes, others present, adjusters',
        params: idParams,
        body: z.object({
          entries: z.array(
            z.object({
              personId: z.uuid(),
              present: z.boolean(),
              remote: z.boolean().optional(),
              servingForPersonId: z.uuid().nullable().optional(),
              paragraphs: z.string().nullable().optional(),
            }),
          ),
          others: z
            .array(z.object({ name: z.string(), role: z.enum(['secretary', 'official', 'guest']), represents: z.string().nullable().optional(), personId: z.uuid().nullable().optional(), remote: z.boolean().optional() }))
            .optional(),
          adjusterPersonIds: z.array(z.uuid()).optional(),
          pickSubstitutes: z.boolean().optional(),
        }),
        response: {
          200: z.object({
            quorum: z.object({ quorate: z.boolean(), votingCount: z.number(), required: z.number(), reasons: z.array(z.object({ code: z.string(), message: z.string(), personId: z.string().optional() })) }),
            servingSubstitutes: z.array(z.object({ memberId: z.string(), substituteId: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfMeeting(db, request.params.meetingId));
      return recordAttendance(db, request.params.meetingId, request.body, actorOf(request));
    },
  );

  app.post(
    '/api/meetings/:meetingId/finalise',
    {
      schema: {
        tags: ['minutes'],
        summary: 'The secretary finalises the draft; the PDF/A is stored and its SHA-256 is what the signers sign',
        description: 'The legal checks run first: an error refuses (422 legal_check_failed), warnings need legalReason (422 legal_reason_required).',
        params: idParams,
        // Nullish: a finalise without a reason is a POST without a body.
        body: z.object({ legalReason: legalReasonField }).nullish(),
        response: { 200: z.object({ sha256: z.string(), fileId: z.uuid() }), 422: legalCheckRefusalSchema },
      },
    },
    async (request) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfMeeting(db, request.params.meetingId));
      return finaliseMinutes(database, request.params.meetingId, { at: new Date(), legalReason: request.body?.legalReason ?? null, mail }, actorOf(request));
    },
  );

  app.post(
    '/api/meetings/:meetingId/signatures',
    {
      schema: {
        tags: ['minutes'],
        summary: 'The chair or an adjuster signs the finalised minutes',
        params: idParams,
        description: 'The legal checks run on the minutes as this signature leaves them: an error refuses (422 legal_check_failed), warnings not yet answered need legalReason (422 legal_reason_required).',
        body: z.object({ documentSha256: z.string().optional().describe('The SHA-256 of the document the signer read'), legalReason: legalReasonField }).optional(),
        response: {
          200: z.object({
            adjusted: z.boolean(),
            adjustedOn: z.string().nullable(),
            notice: z.object({ postedOn: z.string().nullable(), lastAppealOn: z.string().nullable(), postedUntilOn: z.string().nullable(), takeDownOn: z.string().nullable(), storage: z.string().nullable() }).nullable(),
          }),
          422: legalCheckRefusalSchema,
        },
      },
    },
    async (request) => {
      const result = await signMinutes(database, request.params.meetingId, { at: new Date(), ...(request.body?.documentSha256 ? { documentSha256: request.body.documentSha256 } : {}), legalReason: request.body?.legalReason ?? null }, actorOf(request));
      return {
        adjusted: result.adjusted,
        adjustedOn: result.adjustedOn,
        notice: result.notice
          ? { postedOn: result.notice.postedOn, lastAppealOn: result.notice.lastAppealOn, postedUntilOn: result.notice.postedUntilOn, takeDownOn: result.notice.takeDownOn, storage: result.notice.storage }
          : null,
      };
    },
  );

  app.post(
    '/api/meetings/:meetingId/rejections',
    {
      schema: {
        tags: ['minutes'],
        summary: 'The chair or an adjuster refuses to sign, with a reason; the minutes go back to draft',
        params: idParams,
        body: z.object({ reason: z.string().min(1) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await rejectMinutes(db, request.params.meetingId, { at: new Date(), reason: request.body.reason }, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/meetings/:meetingId/immediate-adjustments',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Omedelbar justering of one § at the meeting',
        params: idParams,
        body: z.object({ paragraph: z.number().int().positive() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfMeeting(db, request.params.meetingId));
      await adjustParagraphAtMeeting(db, request.params.meetingId, { paragraph: request.body.paragraph, on: today() }, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/meetings/:meetingId/notice',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Post or re-date the notice (anslag) of adjusted minutes; the legal dates are computed',
        params: idParams,
        description: 'The legal checks run on the minutes with the notice posted that day: an error refuses (422 legal_check_failed), warnings need legalReason (422 legal_reason_required).',
        body: z.object({ postedOn: isoDate, legalReason: legalReasonField }),
        response: { 200: z.object({ postedOn: z.string().nullable(), lastAppealOn: z.string().nullable(), postedUntilOn: z.string().nullable(), takeDownOn: z.string().nullable() }), 422: legalCheckRefusalSchema },
      },
    },
    async (request) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfMeeting(db, request.params.meetingId));
      const notice = await postNotice(db, request.params.meetingId, { postedOn: request.body.postedOn, at: new Date(), legalReason: request.body.legalReason ?? null }, actorOf(request));
      return { postedOn: notice.postedOn, lastAppealOn: notice.lastAppealOn, postedUntilOn: notice.postedUntilOn, takeDownOn: notice.takeDownOn };
    },
  );

  app.post(
    '/api/meetings/:meetingId/extracts',
    {
      schema: {
        tags: ['minutes'],
        summary: 'A certified extract (protokollsutdrag) of chosen §§, as PDF',
        description:
          'recipient "public" (the default: a party, the press, anyone outside) renders the masked view of the §§ with the reasons listed, and is refused with 422 while a chosen § holds an unhandled personnummer; "internal" (a signed-in reader inside the organisation) renders the original, logged as personal_data.original_viewed when the meeting has maskings.',
        params: idParams,
        body: z.object({
          paragraphs: z.array(z.number().int().positive()).min(1),
          certifiedBy: z.string(),
          certifiedOn: isoDate,
          recipient: z.enum(['public', 'internal']).optional().describe('who the extract goes to; public unless said'),
        }),
        response: { 201: z.any().describe('application/pdf'), 422: legalCheckRefusalSchema },
      },
    },
    async (request, reply) => {
      await requireSecretaryOfBody(db, requireUser(request), await bodyOfMeeting(db, request.params.meetingId));
      const extract = await createExtract(database, request.params.meetingId, request.body, actorOf(request));
      return reply.status(201).header('content-type', 'application/pdf').header('x-extract-id', extract.extractId).header('x-extract-recipient', extract.recipient).header('x-sha256', extract.sha256).send(extract.pdf);
    },
  );

  app.get(
    '/api/meetings/:meetingId/minutes.:format',
    {
      schema: {
        tags: ['minutes'],
        summary: 'Export the minutes as PDF/A (for adjusted minutes: exactly as signed), HTML or an editable Word document (docx)',
        params: idParams.extend({ format: z.enum(['pdf', 'html', 'docx']) }),
        response: { 200: z.any() },
      },
    },
    async (request, reply) => {
      const reader = requireUser(request);
      await requireMemberOfMeeting(db, reader, request.params.meetingId);
      const document = await exportMinutes(database, request.params.meetingId, request.params.format, { viewedBy: reader.id, via: `api.minutes.${request.params.format}` });
      return reply.header('content-type', document.contentType).send(document.body);
    },
  );
};
