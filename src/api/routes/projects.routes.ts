/**
 * The project portfolio over HTTP. Internal like the follow-up registers: reading needs a role in the
 * organisation, changing it a secretary or administrator of the organisation. The use cases check both
 * for every id they touch; every change is in the audit log with the caller.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { funderKinds, projectDecisionKinds, projectStatuses } from '../../domain/projects/index.ts';
import type { DatabaseHandle } from '../../services/system.service.ts';
import {
  attachPortfolioReport,
  createProject,
  exportProjects,
  getPortfolioReport,
  getProject,
  linkProjectDecision,
  linkProjectIndicator,
  listProjects,
  renderPortfolioReport,
  unlinkProjectDecision,
  unlinkProjectIndicator,
  updateProject,
} from '../../services/projects.service.ts';
import { actorOf, requireUser } from '../actor.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const tags = ['projects'];

const fundingRowSchema = z.object({
  funderKind: z.enum(funderKinds).describe('eu (EU-medel) | region | municipality (kommuner) | coordination_association (Samordningsförbund) | own (egna medel) | other'),
  funderName: z.string().describe('The funder as written, e.g. Europeiska socialfonden'),
  year: z.number().int(),
  amount: z.number().int().describe('Whole kronor'),
});

const projectInputSchema = z.object({
  title: z.string(),
  caseNumber: z.string().nullable().optional().describe('Dnr'),
  description: z.string().nullable().optional(),
  owner: z.string().nullable().optional().describe('Projektägare as written'),
  projectManager: z.string().nullable().optional().describe('Projektledare as written'),
  status: z.enum(projectStatuses),
  startsOn: isoDate.nullable().optional(),
  endsOn: isoDate.nullable().optional(),
  budget: z.number().int().nullable().optional().describe('Whole kronor'),
  outcome: z.number().int().nullable().optional().describe('Utfall, whole kronor'),
  results: z.string().nullable().optional(),
  funding: z.array(fundingRowSchema).default([]),
});

const projectSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  caseNumber: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  projectManager: z.string().nullable(),
  status: z.enum(projectStatuses),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  budget: z.number().nullable(),
  outcome: z.number().nullable(),
  remaining: z.number().nullable().describe('Budget minus outcome'),
  usedPercent: z.number().nullable(),
  results: z.string().nullable(),
  funding: z.array(fundingRowSchema),
  funders: z.array(
    z.object({
      funderKind: z.enum(funderKinds),
      funderName: z.string(),
      amounts: z.array(z.object({ year: z.number().int(), amount: z.number() })),
      total: z.number(),
    }),
  ),
  fundingTotal: z.number(),
  decisions: z.array(
    z.object({
      kind: z.enum(projectDecisionKinds),
      paragraphId: z.uuid(),
      number: z.number().int().nullable(),
      title: z.string(),
      meetingId: z.uuid(),
      heldOn: z.string().nullable(),
      bodyName: z.string(),
    }),
  ),
  indicators: z.array(
    z.object({
      indicatorId: z.uuid(),
      title: z.string(),
      unit: z.string().nullable(),
      targetValue: z.string().nullable(),
      goalTitle: z.string(),
      area: z.string(),
      planYear: z.number().int(),
    }),
  ),
  updatedAt: z.string(),
});

/** A project as the portfolio report prints it: the project's own fields, its decisions as references. */
const reportedProjectSchema = projectSchema
  .pick({ title: true, caseNumber: true, owner: true, projectManager: true, status: true, startsOn: true, endsOn: true, budget: true, outcome: true, results: true, funding: true })
  .extend({ decisions: z.array(z.object({ kind: z.enum(projectDecisionKinds), reference: z.string() })) });

const portfolioSchema = z.object({
  organizationName: z.string(),
  year: z.number().int(),
  tertial: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  groups: z.array(z.object({ group: z.enum(['incoming', 'ongoing', 'completed']), projects: z.array(reportedProjectSchema) })),
  totals: z.object({ budget: z.number(), outcome: z.number(), funding: z.number() }),
});

const projectParams = z.object({ projectId: z.uuid() });
const portfolioParams = z.object({ organizationId: z.uuid(), year: z.coerce.number().int(), tertial: z.string().describe('T1, T2 or T3') });

export const projectRoutes: FastifyPluginAsyncZod<{ database: DatabaseHandle }> = async (app, { database }) => {
  const db = database.db;
  // The portfolio is internal: nothing here is public.
  app.addHook('preHandler', async (request) => {
    requireUser(request);
  });

  app.get(
    '/api/projects',
    {
      schema: {
        tags,
        summary: 'Projects of an organisation, or of every organisation the caller may read',
        querystring: z.object({ organization: z.uuid().optional(), status: z.enum(projectStatuses).optional() }),
        response: { 200: z.object({ data: z.array(projectSchema) }) },
      },
    },
    async (request) => ({
      data: await listProjects(
        db,
        { ...(request.query.organization ? { organizationId: request.query.organization } : {}), ...(request.query.status ? { status: request.query.status } : {}) },
        actorOf(request),
      ),
    }),
  );

  app.get(
    '/api/projects/export',
    {
      schema: {
        tags,
        summary: 'The projects as CSV or XLSX, one row per project (for auditors)',
        querystring: z.object({ organization: z.uuid().optional(), format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const file = await exportProjects(
        db,
        { ...(request.query.organization ? { organizationId: request.query.organization } : {}), format: request.query.format },
        actorOf(request),
      );
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.bytes));
    },
  );

  app.post(
    '/api/organizations/:organizationId/projects',
    {
      schema: {
        tags,
        summary: 'Register a project with its funders and amounts per year',
        params: z.object({ organizationId: z.uuid() }),
        body: projectInputSchema,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProject(db, { ...request.body, organizationId: request.params.organizationId }, actorOf(request))),
  );

  app.get(
    '/api/projects/:projectId',
    { schema: { tags, summary: 'A project with its funding, sums, linked §§ and indicators', params: projectParams, response: { 200: projectSchema } } },
    async (request) => getProject(db, request.params.projectId, actorOf(request)),
  );

  app.put(
    '/api/projects/:projectId',
    {
      schema: {
        tags,
        summary: 'Replace a project’s details and funding rows',
        params: projectParams,
        body: projectInputSchema,
        response: { 200: projectSchema },
      },
    },
    async (request) => updateProject(db, request.params.projectId, request.body, actorOf(request)),
  );

  const decisionParams = z.object({ projectId: z.uuid(), paragraphId: z.uuid(), kind: z.string().describe('start | change | final_report') });
  app.put(
    '/api/projects/:projectId/decisions/:paragraphId/:kind',
    { schema: { tags, summary: 'Link a § as the project’s start decision, a change or its final report', params: decisionParams, response: { 200: projectSchema } } },
    async (request) => linkProjectDecision(db, request.params, actorOf(request)),
  );
  app.delete(
    '/api/projects/:projectId/decisions/:paragraphId/:kind',
    { schema: { tags, summary: 'Remove the link between a project and a §', params: decisionParams, response: { 200: projectSchema } } },
    async (request) => unlinkProjectDecision(db, request.params, actorOf(request)),
  );

  const indicatorParams = z.object({ projectId: z.uuid(), indicatorId: z.uuid() });
  app.put(
    '/api/projects/:projectId/indicators/:indicatorId',
    { schema: { tags, summary: 'Link an indicator of the organisation’s operational plan to the project', params: indicatorParams, response: { 200: projectSchema } } },
    async (request) => linkProjectIndicator(db, request.params, actorOf(request)),
  );
  app.delete(
    '/api/projects/:projectId/indicators/:indicatorId',
    { schema: { tags, summary: 'Remove the link between a project and an indicator', params: indicatorParams, response: { 200: projectSchema } } },
    async (request) => unlinkProjectIndicator(db, request.params, actorOf(request)),
  );

  app.get(
    '/api/organizations/:organizationId/project-portfolio/:year/:tertial',
    {
      schema: {
        tags,
        summary: 'The tertial portfolio report: projects as incoming, ongoing and completed, with sums',
        description: 'T1 is January–April, T2 May–August, T3 September–December.',
        params: portfolioParams,
        response: { 200: portfolioSchema },
      },
    },
    async (request) => getPortfolioReport(db, request.params, actorOf(request)),
  );

  app.get(
    '/api/organizations/:organizationId/project-portfolio/:year/:tertial/document',
    { schema: { tags, summary: 'The tertial portfolio report as a tagged PDF/A', params: portfolioParams } },
    async (request, reply) => reply.type('application/pdf').header('cache-control', 'private, no-store').send(await renderPortfolioReport(db, request.params, actorOf(request))),
  );

  app.post(
    '/api/organizations/:organizationId/project-portfolio/:year/:tertial/attachments',
    {
      schema: {
        tags,
        summary: 'Attach the tertial portfolio report to a § of draft minutes as a bilaga',
        params: portfolioParams,
        body: z.object({ paragraphId: z.uuid() }),
        response: { 201: z.object({ fileId: z.uuid(), sha256: z.string(), title: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await attachPortfolioReport(database, { ...request.params, paragraphId: request.body.paragraphId }, actorOf(request))),
  );
};
