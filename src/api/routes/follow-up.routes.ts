import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInSweden } from '../../domain/legal-dates.ts';
import type { Database } from '../../services/system.service.ts';
import { canActAsSecretary } from '../../services/accounts.service.ts';
import { ForbiddenError } from '../../errors.ts';
import { requireUser } from '../actor.ts';
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
  registerAppointment,
  registerConsultation,
  registerDelegatedDecision,
  reportBackAssignment,
  reportDelegatedDecisions,
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
  bodyId: z.uuid(),
  bodyName: z.string(),
  delegate: z.string().nullable(),
  rulePoint: z.string().nullable(),
  decidedOn: z.string().nullable(),
  caseNumber: z.string().nullable(),
  description: z.string(),
  status: z.string().describe('proposed | registered | reported'),
  source: paragraphRefSchema.nullable(),
  reportedIn: paragraphRefSchema.nullable(),
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
  // The registers are internal: reading needs a signed-in user, changing them a secretary or administrator.
  app.addHook('preHandler', async (request) => {
    const user = requireUser(request);
    if (request.method !== 'GET' && !canActAsSecretary(user)) {
      throw new ForbiddenError('not_secretary', 'only a secretary or an administrator may change the follow-up registers');
    }
  });
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
    async (request) => proposeFollowUp(db, request.params.meetingId),
  );

  app.post(
    '/api/follow-up/proposals/:id/confirm',
    { schema: { tags, summary: 'Confirm one proposed register entry', params: z.object({ id: z.uuid() }), response: { 200: confirmedSchema } } },
    async (request) => confirmProposal(db, request.params.id),
  );

  app.post(
    '/api/follow-up/proposals/confirm-all',
    {
      schema: {
        tags,
        summary: 'Confirm every proposed register entry (of one organisation)',
        querystring: z.object({ organization: z.uuid().optional() }),
        response: { 200: list(confirmedSchema) },
      },
    },
    async (request) => ({ data: await confirmAllProposals(db, request.query.organization ? { organizationId: request.query.organization } : {}) }),
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
      const q = request.query;
      return {
        data: await listAssignments(db, {
          ...(q.organization ? { organizationId: q.organization } : {}),
          ...(q.body ? { bodyId: q.body } : {}),
          ...(q.assignee ? { assignee: q.assignee } : {}),
          status: q.status,
          today: q.today ?? todayInSweden(new Date()),
        }),
      };
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
    async (request) => reportBackAssignment(db, { assignmentId: request.params.assignmentId, paragraphId: request.body.paragraphId }),
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
    async (request) => ({ data: await dueReportBacks(db, request.params.bodyId, request.query.meetingOn) }),
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
      const q = request.query;
      return {
        data: await listDelegatedDecisions(db, {
          ...(q.organization ? { organizationId: q.organization } : {}),
          ...(q.body ? { bodyId: q.body } : {}),
          status: q.status,
        }),
      };
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
    async (request, reply) => reply.status(201).send(await registerDelegatedDecision(db, request.body)),
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
    async (request) => ({ data: await reportDelegatedDecisions(db, request.body) }),
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
      const q = request.query;
      return {
        data: await listAppointments(db, {
          ...(q.organization ? { organizationId: q.organization } : {}),
          status: q.status,
          ...(q.activeOn ? { activeOn: q.activeOn } : {}),
        }),
      };
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
    async (request, reply) => reply.status(201).send(await registerAppointment(db, request.body)),
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
      const q = request.query;
      return {
        data: await listConsultations(db, {
          ...(q.organization ? { organizationId: q.organization } : {}),
          ...(q.unanswered ? { unanswered: true } : {}),
          today: q.today ?? todayInSweden(new Date()),
        }),
      };
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
    async (request, reply) => reply.status(201).send(await registerConsultation(db, request.body)),
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
    async (request) => answerConsultation(db, { consultationId: request.params.consultationId, ...request.body }),
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
    async (request) => ({
      data: await listGoals(db, {
        organizationId: request.query.organization,
        ...(request.query.planYear !== undefined ? { planYear: request.query.planYear } : {}),
      }),
    }),
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
    async (request, reply) => reply.status(201).send(await createGoal(db, request.body)),
  );

  app.patch(
    '/api/follow-up/goals/:goalId',
    {
      schema: { tags, summary: 'Change a goal', params: z.object({ goalId: z.uuid() }), body: goalBody.omit({ organizationId: true }).partial(), response: { 200: goalSchema } },
    },
    async (request) => updateGoal(db, request.params.goalId, request.body),
  );

  app.delete(
    '/api/follow-up/goals/:goalId',
    { schema: { tags, summary: 'Remove a goal with its indicators and follow-ups', params: z.object({ goalId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteGoal(db, request.params.goalId);
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
    async (request, reply) => reply.status(201).send(await createIndicator(db, { goalId: request.params.goalId, ...request.body })),
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
    async (request) => recordIndicatorFollowUp(db, { ...request.params, ...request.body }),
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
    async (request) => draftAnnualReport(db, { ...request.params, regenerate: Boolean(request.query.regenerate) }),
  );

  app.get(
    '/api/organizations/:organizationId/annual-reports/:year',
    { schema: { tags, summary: 'The stored verksamhetsberättelse of a year', params: reportParams, response: { 200: annualReportSchema } } },
    async (request) => getAnnualReport(db, request.params),
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
    async (request) => updateAnnualReportSections(db, { ...request.params, sections: request.body.sections }),
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
      if (request.query.format === 'html') {
        return reply.type('text/html; charset=utf-8').send(await renderAnnualReportAsHtml(db, request.params));
      }
      return reply.type('application/pdf').send(await renderAnnualReportAsPdf(db, request.params));
    },
  );
};
