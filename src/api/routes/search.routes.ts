import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../services/system.service.ts';
import { keepPublicAnswers } from '../public-answers.ts';
import { MAX_PAGE_SIZE, PERSON_ROLES, searchDecisions, type SearchFilters } from '../../services/search.service.ts';

const facetValueSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int() });

const searchResultSchema = z.object({
  total: z.number().int().describe('The number of matching §§; when totalIsCapped, at least this many'),
  totalIsCapped: z
    .boolean()
    .describe('True when more §§ match than are counted (1 000): total then means "more than", and the facets count the newest matches'),
  page: z.number().int(),
  pageSize: z.number().int(),
  hits: z.array(
    z.object({
      paragraphId: z.uuid(),
      meetingId: z.uuid(),
      organization: z.string().nullable(),
      body: z.string(),
      meetingDate: z.string().nullable(),
      number: z.number().int().nullable(),
      title: z.string(),
      caseNumber: z.string().nullable(),
      snippet: z.string().describe('The snippet as plain text'),
      snippetSegments: z
        .array(z.object({ text: z.string(), match: z.boolean() }))
        .describe('The snippet in pieces; matched words have match: true. Render each piece as text.'),
      snippetHtml: z.string().describe('The snippet as HTML: text escaped, matched words in <mark>'),
      rank: z.number(),
      isDecision: z.boolean(),
    }),
  ),
  facets: z.object({
    organizations: z.array(facetValueSchema),
    bodies: z.array(facetValueSchema),
    years: z.array(facetValueSchema),
    decisions: z.number().int().describe('§§ with decision points among the matches'),
    persons: z.array(facetValueSchema).optional().describe('The names the person filter matched'),
  }),
  interpretation: z.object({
    matchedBy: z.enum(['text', 'case_number', 'similar_titles', 'browse']),
    caseNumbers: z.array(z.string()).optional(),
    persons: z.array(z.string()).optional(),
  }),
});

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')
  .optional();

const searchQuerySchema = z.object({
  q: z.string().max(10_000).optional().describe('Words, "phrases", prefix*, -excluded, or. A case number alone lists its §§. At most 500 characters.'),
  organization: z.string().optional().describe("An organisation's id, name or short name"),
  body: z.string().optional().describe("A body's id or name"),
  year: z.coerce.number().int().optional(),
  from: z.string().optional().describe('Meetings on or after this date (YYYY-MM-DD)'),
  to: z.string().optional().describe('Meetings on or before this date (YYYY-MM-DD)'),
  case: z.string().optional().describe('A case number (diarienummer); misspellings find the most similar'),
  person: z.string().optional().describe('A name; misspellings find the most similar'),
  role: z.string().optional().describe(`How the person took part, comma-separated: ${PERSON_ROLES.join(', ')}`),
  decisions: flag.describe('Only §§ with decision points'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export const searchRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  // The answer is the public's whoever asks: serialised once while nothing changes (public-answers.ts).
  keepPublicAnswers(app, { db, routes: ['/api/search'], variant: () => '', cacheControl: 'public, no-cache' });
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search the §§ of adjusted minutes',
        description:
          'Swedish full-text search over titles, decisions, text and attachments of §§, ranked with titles and decisions first, with highlighted snippets and facet counts. Shows only adjusted minutes and never a confidential §.',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return searchDecisions(db, {
        query: q.q ?? '',
        filters: {
          ...(q.organization ? { organization: q.organization } : {}),
          ...(q.body ? { body: q.body } : {}),
          ...(q.year !== undefined ? { year: q.year } : {}),
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
          ...(q.case ? { caseNumber: q.case } : {}),
          ...(q.person ? { person: q.person } : {}),
          ...(q.role ? { personRoles: (q.role.split(',').map((r) => r.trim()) as SearchFilters['personRoles']) } : {}),
          ...(q.decisions ? { decisionsOnly: true } : {}),
        },
        page: q.page,
        pageSize: q.pageSize,
        // Until signed-in users reach the API, it answers as to the public.
        audience: 'public',
      });
    },
  );
};
