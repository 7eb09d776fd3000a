/**
 * Search every decision: Swedish full-text search over §§ (title, att-satser, text, attachments'
 * titles, the meeting's names), with filters, facet counts and highlighted snippets. The public see
 * only adjusted (or archived) minutes and never a confidential §; internal searches also find the
 * words inside underlag (attached files), which the public never see.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { parseOrThrow } from '../domain/validation.ts';
import { InputError } from '../errors.ts';
import { addDays, daysBetween, isIsoDate } from '../domain/legal-dates.ts';
import { allOf, filterConditions, PERSON_ROLES, personCondition, type ResolvedFilters } from '../search/search-filters.ts';
import {
  hasNegatedTerms,
  hasPositiveTerms,
  hasTerms,
  looksLikeCaseNumber,
  parseSearchQuery,
  positiveClauseQueries,
  tsqueryOf,
  type ParsedQuery,
} from '../search/search-query.ts';
import { planSearch, queryShare, type SearchPlan } from '../search/search-plan.ts';
import { snippetHtml, snippetSegments, snippetText, type SnippetSegment } from '../search/snippet.ts';
import {
  countMatches,
  isEmptyTsquery,
  findBodyIds,
  findCaseCandidates,
  findFacetNames,
  findPublicDateRange,
  findLexemeStatistics,
  findTermLexemes,
  estimateRows,
  findOrganizationIds,
  findMatches,
  findNameCandidates,
  type Matches,
  type MatchQuery,
} from '../search/search.store.ts';
import type { Database } from '../storage/database.ts';
import { whileUnchanged } from './public-cache.ts';

export type { Audience, PersonRole } from '../search/search-filters.ts';
export { PERSON_ROLES } from '../search/search-filters.ts';
export { MAX_QUERY_LENGTH } from '../search/search-query.ts';

/**
 * Matches are counted up to this many, the most recent first, and these are the ones ranked: a word in
 * a third of a national corpus would otherwise count and rank hundreds of thousands of §§ for one page.
 * Beyond it `totalIsCapped` is true, the total means "more than", the facets count these newest matches,
 * and pages end there (50 pages of 20). Ranking reads each match's whole document.
 */
export const MAX_COUNTED_MATCHES = 1000;
export const MAX_PAGE_SIZE = 100;
/** Facet lists are cut to the largest this many values. */
export const MAX_FACET_VALUES = 50;

// The calendar check, not only the shape: 2020-13-01 would otherwise reach the database as a cast error.
const isoDate = z.string().refine(isIsoDate, 'a date of the calendar as YYYY-MM-DD');

export const searchFiltersSchema = z
  .object({
    organization: z.string().trim().min(1).max(200).optional().describe("An organisation's id, name or short name"),
    body: z.string().trim().min(1).max(200).optional().describe("A body's id or name (a name matches that body in every organisation)"),
    year: z.number().int().min(1800).max(2200).optional(),
    from: isoDate.optional().describe('Meetings on or after this date'),
    to: isoDate.optional().describe('Meetings on or before this date'),
    caseNumber: z.string().trim().min(1).max(100).optional().describe('A diarienummer; a misspelt one finds the most similar'),
    person: z.string().trim().min(1).max(200).optional().describe('A name as the minutes write it; a misspelt one finds the most similar'),
    personRoles: z.array(z.enum(PERSON_ROLES)).min(1).optional().describe('How the person took part (default: any)'),
    decisionsOnly: z.boolean().optional().describe('Only §§ with decision points (att-satser)'),
  })
  .strict();

export type SearchFilters = z.infer<typeof searchFiltersSchema>;

export const searchInputSchema = z.object({
  query: z.string().default(''),
  filters: searchFiltersSchema.default({}),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  audience: z.enum(['public', 'internal']),
});

export type SearchInput = z.input<typeof searchInputSchema>;

export interface SearchHit {
  paragraphId: string;
  meetingId: string;
  organization: string | null;
  body: string;
  meetingDate: string | null;
  number: number | null;
  title: string;
  caseNumber: string | null;
  /** The snippet as plain text. */
  snippet: string;
  /** The snippet in pieces, matched words marked; render each piece as text. */
  snippetSegments: SnippetSegment[];
  /** The snippet as HTML: text escaped, matched words in `<mark>`. */
  snippetHtml: string;
  /**
   * Internal searches only: the words were found in the §'s underlag (attached files), not in the §
   * itself, and the snippet quotes the underlag. Never set for the public.
   */
  snippetFromUnderlag?: true;
  rank: number;
  isDecision: boolean;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchResult {
  /** The number of matching §§; at least this many when `totalIsCapped`. */
  total: number;
  /** True when MAX_COUNTED_MATCHES or more §§ match: counting stopped there, and the facets count the newest ones. */
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: {
    organizations: FacetValue[];
    bodies: FacetValue[];
    years: FacetValue[];
    /** §§ with decision points among the matches. */
    decisions: number;
    /** The names the person filter matched, with their §§ (only with a person filter). */
    persons?: FacetValue[];
  };
  /** How fuzzy parts of the query were read, so that a caller can say "showing results for …". */
  interpretation: {
    /** 'text': full-text; 'case_number': the query is a case number; 'similar_titles': nothing matched the words, so titles like them are shown; 'browse': no words, filters only. */
    matchedBy: 'text' | 'case_number' | 'similar_titles' | 'browse';
    caseNumbers?: string[];
    persons?: string[];
  };
}

/**
 * Searches §§. A query of only a case number lists that case's §§; words that match nothing fall back
 * to titles that are similar (misspellings); no words at all lists the filters' §§, newest first.
 */
export async function searchDecisions(db: Database, input: SearchInput): Promise<SearchResult> {
  // The public's searches are the same for everyone, so they are kept while nothing changes (public-cache.ts).
  if (input.audience === 'public') return whileUnchanged(db, `search:${JSON.stringify(input)}`, () => runSearch(db, input));
  return runSearch(db, input);
}

/** The same search without the public cache: what a search costs the database (bench/search.ts). */
export async function searchDecisionsUncached(db: Database, input: SearchInput, tuning: SearchTuning = {}): Promise<SearchResult> {
  return runSearch(db, input, tuning);
}

/** For tests and the bench: a plan instead of the one the statistics give, and a smaller count limit. */
export interface SearchTuning {
  plan?: SearchPlan;
  countLimit?: number;
}

async function runSearch(db: Database, input: SearchInput, tuning: SearchTuning = {}): Promise<SearchResult> {
  const countLimit = tuning.countLimit ?? MAX_COUNTED_MATCHES;
  const { query, filters, page, pageSize, audience } = parseOrThrow(searchInputSchema, input);
  const parsed = parseSearchQuery(query, 'query');
  const interpretation: SearchResult['interpretation'] = { matchedBy: 'text' };

  const organizationIds = filters.organization ? await findOrganizationIds(db, filters.organization) : undefined;
  const resolved: ResolvedFilters = {
    audience,
    organizationIds,
    bodyIds: filters.body ? await findBodyIds(db, filters.body, organizationIds) : undefined,
    year: filters.year,
    from: filters.from,
    to: filters.to,
    personRoles: filters.personRoles ?? PERSON_ROLES,
    decisionsOnly: filters.decisionsOnly ?? false,
  };
  if (filters.caseNumber) {
    const cases = await findCaseCandidates(db, filters.caseNumber);
    resolved.caseIds = cases.map((c) => c.id);
    interpretation.caseNumbers = distinct(cases.map((c) => c.caseNumber));
  }
  if (filters.person) {
    const names = await findNameCandidates(db, filters.person);
    resolved.personNames = names.map((n) => n.name);
    interpretation.persons = resolved.personNames;
  }

  let match: SQL | null = null;
  let rank: SQL | null = null;
  let headlineQuery: SQL | null = null;
  if (!filters.caseNumber && looksLikeCaseNumber(query)) {
    const cases = await findCaseCandidates(db, query.trim());
    if (cases.length) {
      interpretation.matchedBy = 'case_number';
      interpretation.caseNumbers = distinct(cases.map((c) => c.caseNumber));
      resolved.caseIds = cases.map((c) => c.id);
    }
  }
  if (interpretation.matchedBy === 'text') {
    if (!hasTerms(parsed)) {
      if (!hasAnyFilter(filters)) {
        throw new InputError({
          path: 'query',
          code: 'query_empty',
          message: 'give words to search for, or a filter (organisation, body, year, dates, case number, person)',
        });
      }
      interpretation.matchedBy = 'browse';
    } else {
      const tsquery = tsqueryOf(parsed);
      if (audience === 'public') {
        match = sql`sd.document @@ ${tsquery}`;
        rank = sql`ts_rank(sd.document, ${tsquery}, 1) * (case when sd.is_decision then 1.2 else 1 end)`;
      } else {
        match = internalMatch(parsed, tsquery);
        // The underlag's vector has the lowest weight (D), so a match there ranks below one in the § itself.
        rank = sql`(ts_rank(sd.document, ${tsquery}, 1) + ts_rank(sd.attachment_vector, ${tsquery}, 1)) * (case when sd.is_decision then 1.2 else 1 end)`;
      }
      headlineQuery = tsquery;
    }
  }

  const conditions = filterConditions(resolved);
  const offset = (page - 1) * pageSize;
  const paging = { limit: pageSize, offset, rankWindow: countLimit, countLimit };
  let found: Matches | null = null;
  if (audience === 'public' && match) {
    // The 1 000 counted matches are the newest. For words in one § of ten to one of a thousand, ask
    // first for the matches in a recent part of the date span sized from how common the words are
    // (search-plan.ts); when a range holds 1 000 matches they are exactly the newest 1 000 of all.
    const plan = tuning.plan ?? (await planPublicSearch(db, parsed, conditions, countLimit));
    // A common word: tested on each of the newest §§ (coalesce keeps the words' index out of the plan,
    // search-plan.ts says why), estimated by the planner as a third of them, close to the truth.
    if (plan.kind === 'walk') match = sql`coalesce(${match}, false)`;
    // Only the ranges need the archive's dates; none at all means nothing to find in a range.
    const span = plan.kind === 'recent' ? await publicDateSpan(db, resolved) : null;
    if (plan.kind === 'recent' && span) found = await findInRecentRanges(db, { match, conditions, span, fractions: plan.fractions, query: { rank, headlineQuery, ...paging } });
  }
  found ??= await findMatches(db, { where: allOf(match ? [match, ...conditions] : conditions), rank, headlineQuery, ...paging, withUnderlag: audience === 'internal' });

  if (found.facets.total === 0 && headlineQuery && hasPositiveTerms(parsed) && parsed.plainText && !(await isEmptyTsquery(db, headlineQuery))) {
    // Nothing has these words: show §§ whose titles are like them (a misspelt word or name).
    const fallback = await findMatches(db, {
      where: allOf([sql`${parsed.plainText} <% sd.title`, ...conditions]),
      rank: sql`word_similarity(${parsed.plainText}, sd.title)`,
      headlineQuery: null,
      ...paging,
      countFirst: 'best',
    });
    if (fallback.facets.total > 0) {
      found = fallback;
      interpretation.matchedBy = 'similar_titles';
    }
  }
  const { facets, hits: rows } = found;

  const names = await findFacetNames(db, {
    organizationIds: facets.organizations.flatMap((o) => (o.id ? [o.id] : [])),
    bodyIds: facets.bodies.map((b) => b.id),
  });

  const result: SearchResult = {
    total: facets.total,
    totalIsCapped: found.capped,
    page,
    pageSize,
    hits: rows.map((row) => {
      const segments = snippetSegments(row.markedSnippet);
      return {
        paragraphId: row.paragraphId,
        meetingId: row.meetingId,
        organization: row.organization,
        body: row.body,
        meetingDate: row.meetingDate,
        number: row.number,
        title: row.title,
        caseNumber: row.caseNumber,
        snippet: snippetText(segments),
        snippetSegments: segments,
        snippetHtml: snippetHtml(segments),
        ...(row.snippetFromUnderlag ? { snippetFromUnderlag: true as const } : {}),
        rank: Math.round(row.rank * 1e6) / 1e6,
        isDecision: row.isDecision,
      };
    }),
    facets: {
      organizations: topValues(
        facets.organizations.map((o) => ({
          value: o.id ?? '',
          label: o.id ? (names.organizations.get(o.id) ?? o.id) : '(ingen organisation)',
          count: o.count,
        })),
      ),
      bodies: topValues(
        facets.bodies.map((b) => {
          const body = names.bodies.get(b.id);
          return { value: b.id, label: body ? (body.organization ? `${body.name}, ${body.organization}` : body.name) : b.id, count: b.count };
        }),
      ),
      years: facets.years
        .filter((y) => y.year !== null)
        .map((y) => ({ value: String(y.year), label: String(y.year), count: y.count }))
        .sort((a, b) => Number(b.value) - Number(a.value)),
      decisions: facets.decisions,
    },
    interpretation,
  };

  if (resolved.personNames) {
    // Per name: how many of the matches (without the person filter) that name took part in.
    const withoutPerson = allOf([...(match && interpretation.matchedBy !== 'similar_titles' ? [match] : []), ...filterConditions(resolved, { withPerson: false })]);
    const base = interpretation.matchedBy === 'similar_titles' ? allOf([sql`${parsed.plainText} <% sd.title`, ...filterConditions(resolved, { withPerson: false })]) : withoutPerson;
    const persons: FacetValue[] = [];
    for (const name of resolved.personNames) {
      const count = await countMatches(db, allOf([base, personCondition([name], resolved.personRoles)]), countLimit);
      if (count > 0) persons.push({ value: name, label: name, count });
    }
    result.facets.persons = topValues(persons);
  }
  return result;
}

/**
 * What an internal search matches: the query against the § and the text of its underlag together
 * (`document || attachment_vector`, so one word may be in the § and another in an underlag, and a
 * negated word excludes a § whose underlag has it). Each clause without negation must match one of
 * the two vectors, which the GIN indexes of both answer first; a query without negations is then
 * tested on each vector alone before the two are joined (the same answer, cheaper).
 */
function internalMatch(parsed: ParsedQuery, tsquery: SQL): SQL {
  const together = sql`(sd.document || sd.attachment_vector) @@ ${tsquery}`;
  const test = hasNegatedTerms(parsed) ? together : sql`(sd.document @@ ${tsquery} or sd.attachment_vector @@ ${tsquery} or ${together})`;
  const candidates = positiveClauseQueries(parsed).map((clause) => sql`(sd.document @@ ${clause} or sd.attachment_vector @@ ${clause})`);
  return allOf([...candidates, test]);
}

/**
 * The counted matches from the newest of these parts of the date span, when one holds them all (then
 * they are exactly the newest of the whole archive), or null when none does.
 */
async function findInRecentRanges(
  db: Database,
  input: { match: SQL; conditions: SQL[]; span: { from: string; to: string; days: number }; fractions: readonly number[]; query: Omit<MatchQuery, 'where'> },
): Promise<Matches | null> {
  for (const fraction of input.fractions) {
    const since = addDays(input.span.to, -Math.floor(input.span.days * fraction));
    if (since <= input.span.from) break;
    const where = allOf([input.match, ...input.conditions, sql`sd.held_on >= ${since}::date`]);
    const recent = await findMatches(db, { ...input.query, where, bitmapOnly: true });
    if (recent.capped) return recent;
  }
  return null;
}

/** How a public search looks for its matches, from how common its words are (search-plan.ts). */
async function planPublicSearch(db: Database, parsed: ParsedQuery, conditions: SQL[], countLimit: number): Promise<SearchPlan> {
  const statistics = await findLexemeStatistics(db);
  if (!statistics) return { kind: 'whole' };
  const positive = parsed.clauses.map((clause) => clause.filter((term) => !term.negated)).filter((clause) => clause.length > 0);
  const lexemes = await findTermLexemes(db, positive.flat());
  let next = 0;
  const clauses = positive.map((clause) => clause.map(() => lexemes[next++]!));
  return planSearch(queryShare(clauses, statistics), await estimateRows(db, allOf(conditions)), countLimit);
}

/**
 * The dates a public search can reach: the first and last meeting of the public archive, narrowed by
 * the year and date filters; null when nothing is there.
 */
async function publicDateSpan(db: Database, filters: ResolvedFilters): Promise<{ from: string; to: string; days: number } | null> {
  const range = await findPublicDateRange(db);
  if (!range) return null;
  const bounds = {
    from: [range.from, filters.from, filters.year === undefined ? undefined : `${filters.year}-01-01`],
    to: [range.to, filters.to, filters.year === undefined ? undefined : `${filters.year}-12-31`],
  };
  // ISO dates compare as text.
  const from = bounds.from.filter((d): d is string => d !== undefined).sort().at(-1)!;
  const to = bounds.to.filter((d): d is string => d !== undefined).sort()[0]!;
  return from <= to ? { from, to, days: daysBetween(from, to) } : null;
}

const swedish = new Intl.Collator('sv');

/** The largest values first, then by name in Swedish order; at most MAX_FACET_VALUES. */
function topValues(values: FacetValue[]): FacetValue[] {
  return values.sort((a, b) => b.count - a.count || swedish.compare(a.label, b.label)).slice(0, MAX_FACET_VALUES);
}

function hasAnyFilter(filters: SearchFilters): boolean {
  return Boolean(filters.organization || filters.body || filters.year !== undefined || filters.from || filters.to || filters.caseNumber || filters.person || filters.decisionsOnly);
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
