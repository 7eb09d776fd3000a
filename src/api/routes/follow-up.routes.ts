/**
 * The follow-up registers over HTTP. They are internal: reading an organisation's registers needs a role
 * in it (or system administration), changing them a secretary or administrator of that organisation (or,
 * for assignments and delegated decisions, of the entry's body). Lists without `organization` hold only
 * what the caller may read. Every change is recorded in the audit log with the caller.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInSweden } from '../../domain/legal-dates.ts';
import type { Database } from '../../services/system.service.ts';
import {
  canActAsSecretary,
  canReadRegisters,
  requireRegisterKeeper,
  requireRegisterReader,
  requireSecretaryOfMeeting,
  scopeOfBody,
  type Scope,
  type Viewer,
} from '../../services/accounts.service.ts';
import { getOrganizations } from '../../services/registers.service.ts';
import { ForbiddenError } from '../../errors.ts';
import { actorOf, requireUser } from '../actor.ts';
import {
  answerConsultation,
  confirmAllProposals,
  confirmProposal,
  createGoal,
  createIndicator,
  deleteGoal,
  dueReportBacks,
  listAppointments,
  listAssignments,
  listConsultations,
  listDelegatedDecisions,
  listGoals,
  proposeFollowUp,
  recordIndicatorFollowUp,
  refreshDelegatedDecisionsOnAgenda,
  registerAppointment,
  registerConsultation,
  registerDelegatedDecision,
  reportBackAssignment,
  reportDelegatedDecisions,
  scopeOfFollowUpEntry,
  scopeOfParagraph,
  updateGoal,
} from '../../services/follow-up.service.ts';
import {
  draftAnnualReport,
  getAnnualReport,
  renderAnnualReportAsHtml,
  renderAnnualReportAsPdf,
  updateAnnualReportSections,
} from '../../services/annual-report.service.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

const paragraphRefSchema = z
  .object({
    paragraphId: z.uuid(),
    number: z.number().int().nullable(),
    title: z.string(),
    meetingId: z.uuid(),
    heldOn: z.string().nullable(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    organizationId: z.uuid().nullable(),
  })
  .describe('The § an entry links to');

const assignmentSchema = z.object({
  id: z.uuid(),
  assignee: z.string().nullable().describe('Uppdragstagare as written; null when the decision does not say'),
  description: z.string(),
  dueOn: z.string().nullable(),
  dueMeetingId: z.uuid().nullable(),
  status: z.string().describe('proposed | open | reported | cancelled'),
  overdue: z.boolean(),
  source: paragraphRefSchema,
  reportedIn: paragraphRefSchema.nullable(),
});

const delegatedDecisionSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  delegate: z.string().nullable().describe('Who decided, as written; null when the anmälan does not say'),
  rulePoint: z.string().nullable(),
  decidedOn: z.string().nullable(),
  caseNumber: z.string().nullable(),
  description: z.string(),
  status: z.string().describe('proposed | registered | reported'),
  source: paragraphRefSchema.nullable(),
  reportedIn: paragraphRefSchema.nullable(),
  listedIn: paragraphRefSchema.nullable().describe('The § of a coming meeting whose anmälan lists it, until those minutes are adjusted'),
});

const appointmentSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  personName: z.string(),
  externalBody: z.string(),
  role: z.string().describe('ordinary | substitute'),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  since: z.string().nullable(),
  replacesId: z.uuid().nullable(),
  status: z.string().describe('proposed | confirmed | ended'),
  decidedIn: paragraphRefSchema.nullable(),
});

const consultationSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  sender: z.string(),
  title: z.string(),
  caseNumber: z.string().nullable(),
  receivedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  answerFileId: z.uuid().nullable(),
  overdue: z.boolean(),
  answeredIn: paragraphRefSchema.nullable(),
});

const followUpSchema = z.object({
  id: z.uuid(),
  indicatorId: z.uuid(),
  year: z.number().int(),
  period: z.string(),
  value: z.string().nullable(),
  comment: z.string().nullable(),
  reportedParagraphId: z.uuid().nullable(),
});
const indicatorSchema = z.object({
  id: z.uuid(),
  goalId: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  unit: z.string().nullable(),
  baseline: z.string().nullable(),
  targetValue: z.string().nullable(),
});
const goalSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  bodyId: z.uuid().nullable(),
  planYear: z.number().int(),
  area: z.string(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  decidedParagraphId: z.uuid().nullable(),
  indicators: z.array(indicatorSchema.extend({ followUps: z.array(followUpSchema) })),
});

const sectionSchema = z.object({ heading: z.string(), text: z.string() });
const annualReportSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  year: z.number().int(),
  status: z.string(),
  sections: z.array(sectionSchema),
});

const confirmedSchema = z.object({ register: z.enum(['assignment', 'appointment', 'delegated_decision']), id: z.uuid(), status: z.string() });
const tags = ['follow-up'];

export const followUpRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  // The registers are internal: nothing here is public.
  app.addHook('preHandler', async (request) => {
    requireUser(request);
  });

  /** A list filter naming an organisation or a body must name one the caller may read. */
  const requireReadableFilter = async (user: Viewer, query: { organization?: string | undefined; body?: string | undefined }) => {
    if (query.organization) requireRegisterReader(user, { organizationId: query.organization });
    if (query.body) {
      const scope = await scopeOfBody(db, query.body);
      // An unknown body has no entries: only a system administrator learns that it is unknown.
      requireRegisterReader(user, scope ?? { organizationId: null, bodyId: query.body });
    }
  };
  const readable = <T>(user: Viewer, entries: T[], scopeOf: (entry: T) => Scope): T[] => entries.filter((entry) => canReadRegisters(user, scopeOf(entry)));
  /** The caller must keep the registers of an organisation; an unknown one is left for the use case to refuse (400). */
  const requireKeeperOfOrganization = (user: Viewer, organizationId: string) => requireRegisterKeeper(user, { organizationId });
  const requireKeeperOfEntry = async (user: Viewer, id: string, registers: Parameters<typeof scopeOfFollowUpEntry>[2]) =>
    requireRegisterKeeper(user, await scopeOfFollowUpEntry(db, id, registers));

  app.post(
    '/api/meetings/:meetingId/follow-up-proposals',
    {
      schema: {
        tags,
        summary: 'Propose assignments, appointments and delegated decisions from a stored meeting',
        description: 'Reads every § of the meeting; creates proposed register entries linked to their §. Running it again creates no duplicates.',
        params: z.object({ meetingId: z.uuid() }),
        response: { 200: z.object({ assignments: z.number().int(), appointments: z.number().int(), delegatedDecisions: z.number().int() }) },
      },
    },
    async (request) => {
      await requireSecretaryOfMeeting(db, requireUser(request), request.params.meetingId);
      return proposeFollowUp(db, request.params.meetingId, actorOf(request));
    },
  );

  app.post(
    '/api/follow-up/proposals/:id/confirm',
    { schema: { tags, summary: 'Confirm one proposed register entry', params: z.object({ id: z.uuid() }), response: { 200: confirmedSchema } } },
    async (request) => {
      await requireKeeperOfEntry(requireUser(request), request.params.id, ['assignment', 'appointment', 'delegated_decision']);
      return confirmProposal(db, request.params.id, actorOf(request));
    },
  );

  app.post(
    '/api/follow-up/proposals/confirm-all',
    {
      schema: {
        tags,
        summary: 'Confirm every proposed register entry (of one organisation, or of every organisation whose registers the caller keeps)',
        querystring: z.object({ organization: z.uuid().optional() }),
        response: { 200: list(confirmedSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const organizationId = request.query.organization;
      if (organizationId) {
        requireKeeperOfOrganization(user, organizationId);
        return { data: await confirmAllProposals(db, { organizationId }, actorOf(request)) };
      }
      if (user.isAdministrator) return { data: await confirmAllProposals(db, {}, actorOf(request)) };
      const organizationIds = (await getOrganizations(db)).filter((o) => canActAsSecretary(user, { organizationId: o.id })).map((o) => o.id);
      if (organizationIds.length === 0) {
        throw new ForbiddenError('not_secretary', 'only a secretary or an administrator of an organisation may confirm its proposals');
      }
      return { data: await confirmAllProposals(db, { organizationIds }, actorOf(request)) };
    },
  );

  app.get(
    '/api/follow-up/assignments',
    {
      schema: {
        tags,
        summary: 'The assignment register (uppdrag): open, overdue or all, per organisation, body or assignee',
        querystring: z.object({
          organization: z.uuid().optional(),
          body: z.uuid().optional(),
          assignee: z.string().optional(),
          status: z.enum(['open', 'overdue', 'proposed', 'reported', 'all']).default('open'),
          today: isoDate.optional().describe('The day to judge overdue on; default today in Sweden'),
        }),
        response: { 200: list(assignmentSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      await requireReadableFilter(user, q);
      const entries = await listAssignments(db, {
        ...(q.organization ? { organizationId: q.organization } : {}),
        ...(q.body ? { bodyId: q.body } : {}),
        ...(q.assignee ? { assignee: q.assignee } : {}),
        status: q.status,
        today: q.today ?? todayInSweden(new Date()),
      });
      return { data: readable(user, entries, (a) => a.source) };
    },
  );

  app.post(
    '/api/follow-up/assignments/:assignmentId/report-back',
    {
      schema: {
        tags,
        summary: 'Close an open assignment with its report-back (återrapportering) in a later § of the same body',
        params: z.object({ assignmentId: z.uuid() }),
        body: z.object({ paragraphId: z.uuid() }),
        response: { 200: assignmentSchema },
      },
    },
    async (request) => {
      await requireKeeperOfEntry(requireUser(request), request.params.assignmentId, ['assignment']);
      return reportBackAssignment(db, { assignmentId: request.params.assignmentId, paragraphId: request.body.paragraphId }, actorOf(request));
    },
  );

  app.get(
    '/api/bodies/:bodyId/due-report-backs',
    {
      schema: {
        tags,
        summary: "Report-backs due at a body's meeting, for its agenda",
        params: z.object({ bodyId: z.uuid() }),
        querystring: z.object({ meetingOn: isoDate }),
        response: { 200: list(assignmentSchema) },
      },
    },
    async (request) => {
      await requireReadableFilter(requireUser(request), { body: request.params.bodyId });
      return { data: await dueReportBacks(db, request.params.bodyId, request.query.meetingOn) };
    },
  );

  app.get(
    '/api/follow-up/delegated-decisions',
    {
      schema: {
        tags,
        summary: 'Delegated decisions (delegationsbeslut); status=unreported gives those for the next anmälan',
        querystring: z.object({
          organization: z.uuid().optional(),
          body: z.uuid().optional(),
          status: z.enum(['unreported', 'proposed', 'reported', 'all']).default('all'),
        }),
        response: { 200: list(delegatedDecisionSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      await requireReadableFilter(user, q);
      const entries = await listDelegatedDecisions(db, {
        ...(q.organization ? { organizationId: q.organization } : {}),
        ...(q.body ? { bodyId: q.body } : {}),
        status: q.status,
      });
      return { data: readable(user, entries, (d) => d) };
    },
  );

  app.post(
    '/api/follow-up/delegated-decisions',
    {
      schema: {
        tags,
        summary: 'Register a decision taken under delegation',
        body: z.object({
          bodyId: z.uuid(),
          delegate: z.string(),
          description: z.string(),
          decidedOn: z.string(),
          caseNumber: z.string().nullable().optional(),
          rulePoint: z.string().nullable().optional(),
        }),
        response: { 201: delegatedDecisionSchema },
      },
    },
    async (request, reply) => {
      const scope = await scopeOfBody(db, request.body.bodyId);
      // An unknown body is refused by the use case, naming the field.
      if (scope) requireRegisterKeeper(requireUser(request), scope);
      return reply.status(201).send(await registerDelegatedDecision(db, request.body, actorOf(request)));
    },
  );

  app.post(
    '/api/meetings/:meetingId/delegated-decisions',
    {
      schema: {
        tags,
        summary: 'List the delegated decisions not yet reported in the meeting\'s "Anmälan av delegationsbeslut" item (planning does this too); they are reported when the minutes are adjusted',
        params: z.object({ meetingId: z.uuid() }),
        response: {
          200: z.object({ paragraphId: z.uuid(), number: z.number().int().nullable(), delegatedDecisionIds: z.array(z.uuid()) }),
        },
      },
    },
    async (request) => {
      await requireSecretaryOfMeeting(db, requireUser(request), request.params.meetingId);
      return refreshDelegatedDecisionsOnAgenda(db, request.params.meetingId, actorOf(request));
    },
  );

  app.post(
    '/api/follow-up/delegated-decisions/report',
    {
      schema: {
        tags,
        summary: 'Mark delegated decisions as reported by a § of their body (each only once)',
        body: z.object({ ids: z.array(z.uuid()), paragraphId: z.uuid() }),
        response: { 200: list(delegatedDecisionSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const target = await scopeOfParagraph(db, request.body.paragraphId);
      if (target) requireRegisterKeeper(user, target);
      for (const id of request.body.ids) {
        // Unknown ids are refused by the use case with their paths; known ones must be the caller's.
        const scope = await scopeOfFollowUpEntry(db, id).catch(() => null);
        if (scope) requireRegisterKeeper(user, scope);
      }
      return { data: await reportDelegatedDecisions(db, request.body, actorOf(request)) };
    },
  );

  app.get(
    '/api/follow-up/appointments',
    {
      schema: {
        tags,
        summary: 'The representation register: who represents the organisation where, since when and by which §',
        querystring: z.object({
          organization: z.uuid().optional(),
          status: z.enum(['active', 'proposed', 'all']).default('active'),
          activeOn: isoDate.optional(),
        }),
        response: { 200: list(appointmentSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      await requireReadableFilter(user, q);
      const entries = await listAppointments(db, {
        ...(q.organization ? { organizationId: q.organization } : {}),
        status: q.status,
        ...(q.activeOn ? { activeOn: q.activeOn } : {}),
      });
      return { data: readable(user, entries, (a) => ({ organizationId: a.organizationId })) };
    },
  );

  app.post(
    '/api/follow-up/appointments',
    {
      schema: {
        tags,
        summary: 'Register an appointment to an external body (a fyllnadsval names the appointment it replaces)',
        body: z.object({
          organizationId: z.uuid(),
          personName: z.string(),
          externalBody: z.string(),
          role: z.enum(['ordinary', 'substitute']),
          startsOn: z.string().nullable().optional(),
          endsOn: z.string().nullable().optional(),
          decidedParagraphId: z.uuid().nullable().optional(),
          replacesId: z.uuid().nullable().optional(),
        }),
        response: { 201: appointmentSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireKeeperOfOrganization(user, request.body.organizationId);
      // A fyllnadsval ends the appointment it replaces, which must be one the caller keeps too.
      if (request.body.replacesId) {
        const replaced = await scopeOfFollowUpEntry(db, request.body.replacesId, ['appointment']).catch(() => null);
        if (replaced) requireRegisterKeeper(user, replaced);
      }
      return reply.status(201).send(await registerAppointment(db, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/follow-up/consultations',
    {
      schema: {
        tags,
        summary: 'Remisser with their deadlines and answering §',
        querystring: z.object({ organization: z.uuid().optional(), unanswered: z.coerce.boolean().optional(), today: isoDate.optional() }),
        response: { 200: list(consultationSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      await requireReadableFilter(user, q);
      const entries = await listConsultations(db, {
        ...(q.organization ? { organizationId: q.organization } : {}),
        ...(q.unanswered ? { unanswered: true } : {}),
        today: q.today ?? todayInSweden(new Date()),
      });
      return { data: readable(user, entries, (c) => ({ organizationId: c.organizationId })) };
    },
  );

  app.post(
    '/api/follow-up/consultations',
    {
      schema: {
        tags,
        summary: 'Register a remiss received',
        body: z.object({
          organizationId: z.uuid(),
          sender: z.string(),
          title: z.string(),
          caseNumber: z.string().nullable().optional(),
          receivedOn: z.string().nullable().optional(),
          dueOn: z.string().nullable().optional(),
        }),
        response: { 201: consultationSchema },
      },
    },
    async (request, reply) => {
      requireKeeperOfOrganization(requireUser(request), request.body.organizationId);
      return reply.status(201).send(await registerConsultation(db, request.body, actorOf(request)));
    },
  );

  app.post(
    '/api/follow-up/consultations/:consultationId/answer',
    {
      schema: {
        tags,
        summary: 'Record the § that decided the answer to a remiss',
        params: z.object({ consultationId: z.uuid() }),
        body: z.object({ paragraphId: z.uuid(), answerFileId: z.uuid().nullable().optional() }),
        response: { 200: consultationSchema },
      },
    },
    async (request) => {
      await requireKeeperOfEntry(requireUser(request), request.params.consultationId, ['consultation']);
      return answerConsultation(db, { consultationId: request.params.consultationId, ...request.body }, actorOf(request));
    },
  );

  app.get(
    '/api/follow-up/goals',
    {
      schema: {
        tags,
        summary: 'Goals of the operational plan with indicators and follow-ups',
        querystring: z.object({ organization: z.uuid(), planYear: z.coerce.number().int().optional() }),
        response: { 200: list(goalSchema) },
      },
    },
    async (request) => {
      requireRegisterReader(requireUser(request), { organizationId: request.query.organization });
      return {
        data: await listGoals(db, {
          organizationId: request.query.organization,
          ...(request.query.planYear !== undefined ? { planYear: request.query.planYear } : {}),
        }),
      };
    },
  );

  const goalBody = z.object({
    organizationId: z.uuid(),
    planYear: z.number().int(),
    area: z.string(),
    title: z.string(),
    description: z.string().nullable().optional(),
    bodyId: z.uuid().nullable().optional(),
    position: z.number().int().optional(),
    decidedParagraphId: z.uuid().nullable().optional(),
  });

  app.post(
    '/api/follow-up/goals',
    { schema: { tags, summary: 'Add a goal (mål)', body: goalBody, response: { 201: goalSchema } } },
    async (request, reply) => {
      requireKeeperOfOrganization(requireUser(request), request.body.organizationId);
      return reply.status(201).send(await createGoal(db, request.body, actorOf(request)));
    },
  );

  app.patch(
    '/api/follow-up/goals/:goalId',
    {
      schema: { tags, summary: 'Change a goal', params: z.object({ goalId: z.uuid() }), body: goalBody.omit({ organizationId: true }).partial(), response: { 200: goalSchema } },
    },
    async (request) => {
      await requireKeeperOfEntry(requireUser(request), request.params.goalId, ['goal']);
      return updateGoal(db, request.params.goalId, request.body, actorOf(request));
    },
  );

  app.delete(
    '/api/follow-up/goals/:goalId',
    { schema: { tags, summary: 'Remove a goal with its indicators and follow-ups', params: z.object({ goalId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      await requireKeeperOfEntry(requireUser(request), request.params.goalId, ['goal']);
      await deleteGoal(db, request.params.goalId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/follow-up/goals/:goalId/indicators',
    {
      schema: {
        tags,
        summary: 'Add an indicator to a goal',
        params: z.object({ goalId: z.uuid() }),
        body: z.object({
          title: z.string(),
          unit: z.string().nullable().optional(),
          baseline: z.string().nullable().optional(),
          targetValue: z.string().nullable().optional(),
          position: z.number().int().optional(),
        }),
        response: { 201: indicatorSchema },
      },
    },
    async (request, reply) => {
      await requireKeeperOfEntry(requireUser(request), request.params.goalId, ['goal']);
      return reply.status(201).send(await createIndicator(db, { goalId: request.params.goalId, ...request.body }, actorOf(request)));
    },
  );

  app.put(
    '/api/follow-up/indicators/:indicatorId/follow-ups/:year/:period',
    {
      schema: {
        tags,
        summary: 'Record the follow-up of an indicator for a tertial (T1–T3) or the year (helår)',
        params: z.object({ indicatorId: z.uuid(), year: z.coerce.number().int(), period: z.string() }),
        body: z.object({ value: z.string().nullable().optional(), comment: z.string().nullable().optional(), reportedParagraphId: z.uuid().nullable().optional() }),
        response: { 200: followUpSchema },
      },
    },
    async (request) => {
      await requireKeeperOfEntry(requireUser(request), request.params.indicatorId, ['indicator']);
      return recordIndicatorFollowUp(db, { ...request.params, ...request.body }, actorOf(request));
    },
  );

  const reportParams = z.object({ organizationId: z.uuid(), year: z.coerce.number().int() });

  app.post(
    '/api/organizations/:organizationId/annual-reports/:year/draft',
    {
      schema: {
        tags,
        summary: 'Draft the verksamhetsberättelse of a year from the meetings and registers',
        description: 'Keeps an existing draft unless regenerate=true; a decided report is never redrafted.',
        params: reportParams,
        querystring: z.object({ regenerate: z.coerce.boolean().optional() }),
        response: { 200: annualReportSchema },
      },
    },
    async (request) => {
      requireKeeperOfOrganization(requireUser(request), request.params.organizationId);
      return draftAnnualReport(db, { ...request.params, regenerate: Boolean(request.query.regenerate) }, actorOf(request));
    },
  );

  app.get(
    '/api/organizations/:organizationId/annual-reports/:year',
    { schema: { tags, summary: 'The stored verksamhetsberättelse of a year', params: reportParams, response: { 200: annualReportSchema } } },
    async (request) => {
      requireRegisterReader(requireUser(request), { organizationId: request.params.organizationId });
      return getAnnualReport(db, request.params);
    },
  );

  app.put(
    '/api/organizations/:organizationId/annual-reports/:year/sections',
    {
      schema: {
        tags,
        summary: "Replace the draft's sections with edited text",
        params: reportParams,
        body: z.object({ sections: z.array(sectionSchema) }),
        response: { 200: annualReportSchema },
      },
    },
    async (request) => {
      requireKeeperOfOrganization(requireUser(request), request.params.organizationId);
      return updateAnnualReportSections(db, { ...request.params, sections: request.body.sections }, actorOf(request));
    },
  );

  app.get(
    '/api/organizations/:organizationId/annual-reports/:year/document',
    {
      schema: {
        tags,
        summary: 'The verksamhetsberättelse as PDF or HTML',
        params: reportParams,
        querystring: z.object({ format: z.enum(['pdf', 'html']).default('pdf') }),
      },
    },
    async (request, reply) => {
      requireRegisterReader(requireUser(request), { organizationId: request.params.organizationId });
      if (request.query.format === 'html') {
        return reply.type('text/html; charset=utf-8').send(await renderAnnualReportAsHtml(db, request.params));
      }
      return reply.type('application/pdf').send(await renderAnnualReportAsPdf(db, request.params));
    },
  );
};
