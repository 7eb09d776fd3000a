/**
 * The queries of search, on `search_documents` (migration 0003_search.sql): resolve fuzzy case
 * numbers and names with pg_trgm, count facets, and find one page of ranked hits with snippets.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../storage/database.ts';
import { isUuid } from './search-filters.ts';
import { HEADLINE_OPTIONS, MATCH_END, MATCH_START } from './snippet.ts';
import type { LexemeStatistics, TermLexemes } from './search-plan.ts';

export interface CaseCandidate {
  id: string;
  caseNumber: string;
  score: number;
}

/**
 * Cases whose number is the one asked for, ignoring case and punctuation; when there is none, the
 * most similar numbers (trigram similarity), so that `2010.09-7` still finds `2010.009-7`.
 */
export async function findCaseCandidates(db: Database, caseNumber: string): Promise<CaseCandidate[]> {
  // The exact number first, through its index (migration 0023); the similarity search compares the
  // number with every case, so it runs only when no case has the number asked for.
  const exact = await queryRows<{ id: string; case_number: string }>(
    db,
    sql`select c.id, c.case_number from cases c
        where regexp_replace(lower(c.case_number), '[^[:alnum:]]', '', 'g') = regexp_replace(lower(${caseNumber}), '[^[:alnum:]]', '', 'g')
        order by c.case_number, c.id
        limit 200`,
  );
  if (exact.length) return exact.map((r) => ({ id: r.id, caseNumber: r.case_number, score: 1 }));
  const rows = await queryRows<{ id: string; case_number: string; score: number }>(
    db,
    sql`select c.id, c.case_number, similarity(c.case_number, ${caseNumber})::float8 as score
        from cases c
        where c.case_number % ${caseNumber}
        order by score desc, c.case_number
        limit 200`,
  );
  return closestOf(rows, 0.1).map((r) => ({ id: r.id, caseNumber: r.case_number, score: Number(r.score) }));
}

/** The organisations with this id, or this name or short name (ignoring case). */
export async function findOrganizationIds(db: Database, value: string): Promise<string[]> {
  const rows = isUuid(value)
    ? await queryRows<{ id: string }>(db, sql`select o.id from organizations o where o.id = ${value}::uuid`)
    : await queryRows<{ id: string }>(db, sql`select o.id from organizations o where lower(o.name) = lower(${value}) or lower(o.short_name) = lower(${value})`);
  return rows.map((r) => r.id);
}

/**
 * The bodies with this id, or with this name (ignoring case) in any organisation, or only in
 * `withinOrganizations` when an organisation filter is given too: a body name such as
 * "Kommunstyrelsen" names one body in each of hundreds of organisations, and one id lets a search
 * walk that body's own date index instead of filtering every organisation's §§.
 */
export async function findBodyIds(db: Database, value: string, withinOrganizations?: readonly string[]): Promise<string[]> {
  const named = isUuid(value) ? sql`b.id = ${value}::uuid` : sql`lower(b.name) = lower(${value})`;
  const within =
    withinOrganizations === undefined
      ? sql`true`
      : withinOrganizations.length
        ? sql`b.organization_id = any(${`{${withinOrganizations.filter(isUuid).join(',')}}`}::uuid[])`
        : sql`false`;
  const rows = await queryRows<{ id: string }>(db, sql`select b.id from bodies b where ${named} and ${within}`);
  return rows.map((r) => r.id);
}

export interface NameCandidate {
  name: string;
  score: number;
}

/**
 * Names as written in attendance lists, roll calls, reservations and presenter lines that are like
 * `name` (whole-name or word similarity, so "Nyberg" finds "Gunhild Nyberg" and "Gunild Nyberg" too),
 * keeping those close to the best.
 */
export async function findNameCandidates(db: Database, name: string): Promise<NameCandidate[]> {
  const rows = await queryRows<{ name: string; score: number }>(
    db,
    sql`select name, max(score)::float8 as score from (
          select p.name, greatest(similarity(p.name, ${name}), word_similarity(${name}, p.name)) as score
            from persons p where p.name % ${name} or ${name} <% p.name
          union all
          select pr.name, greatest(similarity(pr.name, ${name}), word_similarity(${name}, pr.name))
            from presenters pr where pr.name % ${name} or ${name} <% pr.name
          union all
          select r.name, greatest(similarity(r.name, ${name}), word_similarity(${name}, r.name))
            from reservations r where r.name % ${name} or ${name} <% r.name
          union all
          select bl.name, greatest(similarity(bl.name, ${name}), word_similarity(${name}, bl.name))
            from ballots bl where bl.name % ${name} or ${name} <% bl.name
        ) candidates
        group by name
        order by score desc, name
        limit 50`,
  );
  return closestOf(rows, 0.15)
    .slice(0, 10)
    .map((r) => ({ name: r.name, score: Number(r.score) }));
}

function closestOf<T extends { score: number }>(rows: T[], margin: number): T[] {
  const best = rows[0] ? Number(rows[0].score) : 0;
  return rows.filter((r) => Number(r.score) >= best - margin);
}

export interface FacetCounts {
  total: number;
  organizations: { id: string | null; count: number }[];
  bodies: { id: string; count: number }[];
  years: { year: number | null; count: number }[];
  decisions: number;
}

/** Whether a tsquery has no lexemes left (only stop words), so it can match nothing. */
export async function isEmptyTsquery(db: Database, tsquery: SQL): Promise<boolean> {
  const [row] = await queryRows<{ nodes: number }>(db, sql`select numnode(${tsquery})::int as nodes`);
  return Number(row?.nodes ?? 0) === 0;
}

/** The number of matches, counting at most `countLimit`. */
export async function countMatches(db: Database, where: SQL, countLimit: number): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from (select 1 from search_documents sd where ${where} limit ${countLimit}) counted`,
  );
  return Number(row?.count ?? 0);
}

export interface HitRow {
  paragraphId: string;
  meetingId: string;
  organizationId: string | null;
  organization: string | null;
  bodyId: string;
  body: string;
  meetingDate: string | null;
  number: number | null;
  title: string;
  caseNumber: string | null;
  /** Sentinel-marked snippet (see snippet.ts). */
  markedSnippet: string;
  /** True when the snippet quotes the §'s underlag (internal searches only): the § itself does not match. */
  snippetFromUnderlag: boolean;
  rank: number;
  isDecision: boolean;
}

export interface MatchQuery {
  where: SQL;
  /** How a match is ranked (on `sd`), or null to list by date. */
  rank: SQL | null;
  /** The tsquery whose words the snippet highlights, or null for the beginning of the text. */
  headlineQuery: SQL | null;
  limit: number;
  offset: number;
  /** Only this many matches, the most recent, are ranked: ranking reads each match's whole document. */
  rankWindow: number;
  /** Matches are counted up to this many, the most recent; the facets count the same ones. */
  countLimit: number;
  /**
   * Which matches are counted when there are more than `countLimit`: the newest, or the best ranked
   * (for similar titles, where the trigram index finds the candidates and a date order would make the
   * planner walk the whole table by date).
   */
  countFirst?: 'newest' | 'best';
  /**
   * Internal searches only: the matches carry `attachment_vector` too (for `rank`), and a § whose own
   * text does not match is quoted from its underlag (`attachment_text`). Never for the public.
   */
  withUnderlag?: boolean;
  /**
   * Plan the statement with bitmap scans only: the caller knows that the words are in one § of ten
   * or fewer and the range is recent, where a walk of the date index testing every § (which the
   * planner prefers when it takes a phrase's words for common) reads many times the rows that the
   * words' and dates' GIN index gives (see search-plan.ts).
   */
  bitmapOnly?: boolean;
}

export interface Matches {
  /** Counts over the counted matches: all of them, or the newest `countLimit` when `capped`. */
  facets: FacetCounts;
  /** True when counting stopped at `countLimit`: at least `facets.total` §§ match. */
  capped: boolean;
  hits: HitRow[];
}

/**
 * Counts, facets and one page of hits, best first, in one statement that reads the matches once:
 * the newest `countLimit` matches are counted per organisation, body, year and decision (GROUPING
 * SETS), the newest `rankWindow` of them are ranked, and snippets are made only for the page
 * (ts_headline re-reads the text, so it runs after LIMIT).
 */
export async function findMatches(db: Database, query: MatchQuery): Promise<Matches> {
  const rank = query.rank ?? sql`0::float4`;
  const source = sql`translate(concat_ws(E'\n', nullif(sd.decisions, ''), nullif(sd.body_text, ''), nullif(sd.attachments, '')), ${MATCH_START + MATCH_END}, '')`;
  let snippet = query.headlineQuery
    ? sql`ts_headline('swedish', ${source}, ${query.headlineQuery}, ${HEADLINE_OPTIONS})`
    : sql`left(${source}, 240)`;
  let fromUnderlag: SQL | null = null;
  if (query.withUnderlag && query.headlineQuery) {
    const underlag = sql`translate(sd.attachment_text, ${MATCH_START + MATCH_END}, '')`;
    fromUnderlag = sql`(sd.attachment_text <> '' and not (sd.document @@ ${query.headlineQuery}))`;
    snippet = sql`case when ${fromUnderlag} then ts_headline('swedish', ${underlag}, ${query.headlineQuery}, ${HEADLINE_OPTIONS}) else ${snippet} end`;
  }
  // Without underlag (the public) the statement is the same as before migration 0009, column for column.
  const underlagColumn = query.withUnderlag ? sql`, sd.attachment_vector` : sql``;
  const fromUnderlagNull = fromUnderlag ? sql`, null::boolean as from_underlag` : sql``;
  const fromUnderlagValue = fromUnderlag ? sql`, ${fromUnderlag}` : sql``;
  const rankWindow = Math.min(query.rankWindow, query.countLimit);
  const countOrder =
    query.countFirst === 'best' ? sql`(${rank}) desc, sd.held_on desc nulls last, sd.number, sd.paragraph_id` : sql`sd.held_on desc nulls last, sd.number, sd.paragraph_id`;
  type Row = {
    kind: 'facet' | 'hit';
    set: number | null;
    organization_id: string | null;
    body_id: string | null;
    year: number | null;
    is_decision: boolean | null;
    count: number | null;
    position: number | null;
    paragraph_id: string | null;
    meeting_id: string | null;
    organization: string | null;
    body: string | null;
    meeting_date: string | null;
    number: number | null;
    title: string | null;
    case_number: string | null;
    snippet: string | null;
    from_underlag?: boolean | null;
    rank: number | null;
  };
  const statement = sql`with matches as materialized (
          select sd.paragraph_id, sd.held_on, sd.number, sd.organization_id, sd.body_id, sd.year, sd.is_decision, sd.document, sd.title${underlagColumn}
          from search_documents sd
          where ${query.where}
          order by ${countOrder}
          limit ${query.countLimit}
        ), facet_counts as (
          select m.organization_id, m.body_id, m.year, m.is_decision, count(*)::int as count,
            (grouping(m.organization_id) * 8 + grouping(m.body_id) * 4 + grouping(m.year) * 2 + grouping(m.is_decision))::int as set
          from matches m
          group by grouping sets ((m.organization_id), (m.body_id), (m.year), (m.is_decision), ())
        ), window_matches as (
          select * from matches
          order by held_on desc nulls last, number, paragraph_id
          limit ${rankWindow}
        ), ranked as (
          select sd.paragraph_id, sd.held_on, sd.number, (${rank})::float8 as rank
          from window_matches sd
        ), page as (
          select ranked.*, row_number() over (order by rank desc, held_on desc nulls last, number, paragraph_id)::int as position
          from ranked
          order by rank desc, held_on desc nulls last, number, paragraph_id
          limit ${query.limit} offset ${query.offset}
        )
        select 'facet' as kind, f.set, f.organization_id, f.body_id, f.year, f.is_decision, f.count,
          null::int as position, null::uuid as paragraph_id, null::uuid as meeting_id, null::text as organization, null::text as body,
          null::text as meeting_date, null::int as number, null::text as title, null::text as case_number, null::text as snippet${fromUnderlagNull},
          null::float8 as rank
        from facet_counts f
        union all
        select 'hit', null, sd.organization_id, sd.body_id, null, sd.is_decision, null,
          page.position, sd.paragraph_id, sd.meeting_id, coalesce(o.name, m.organization_as_written), b.name,
          sd.held_on::text, sd.number, sd.title, sd.case_number, ${snippet}${fromUnderlagValue}, page.rank
        from page
        join search_documents sd on sd.paragraph_id = page.paragraph_id
        join meetings m on m.id = sd.meeting_id
        join bodies b on b.id = sd.body_id
        left join organizations o on o.id = sd.organization_id`;
  const rows = query.bitmapOnly
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_indexscan = off`);
        return queryRows<Row>(tx as unknown as Database, statement);
      })
    : await queryRows<Row>(db, statement);
  // `set` has a 0 bit for each column the row is grouped by: 7 = organisation, 11 = body, 13 = year, 14 = decision, 15 = all.
  const facets: FacetCounts = { total: 0, organizations: [], bodies: [], years: [], decisions: 0 };
  const hits: (HitRow & { position: number })[] = [];
  for (const row of rows) {
    if (row.kind === 'hit') {
      hits.push({
        position: Number(row.position),
        paragraphId: row.paragraph_id!,
        meetingId: row.meeting_id!,
        organizationId: row.organization_id,
        organization: row.organization,
        bodyId: row.body_id!,
        body: row.body!,
        meetingDate: row.meeting_date,
        number: row.number === null ? null : Number(row.number),
        title: row.title!,
        caseNumber: row.case_number,
        markedSnippet: row.snippet ?? '',
        snippetFromUnderlag: row.from_underlag === true,
        rank: Number(row.rank),
        isDecision: Boolean(row.is_decision),
      });
      continue;
    }
    const count = Number(row.count);
    switch (Number(row.set)) {
      case 7:
        facets.organizations.push({ id: row.organization_id, count });
        break;
      case 11:
        if (row.body_id) facets.bodies.push({ id: row.body_id, count });
        break;
      case 13:
        facets.years.push({ year: row.year === null ? null : Number(row.year), count });
        break;
      case 14:
        if (row.is_decision) facets.decisions = count;
        break;
      case 15:
        facets.total = count;
        break;
    }
  }
  hits.sort((a, b) => a.position - b.position);
  return { facets, capped: facets.total >= query.countLimit, hits: hits.map(({ position: _, ...hit }) => hit) };
}

/** The first and last meeting date among the public's §§ (two probes of the public date index), or null. */
export async function findPublicDateRange(db: Database): Promise<{ from: string; to: string } | null> {
  const [row] = await queryRows<{ from: string | null; to: string | null }>(
    db,
    sql`select min(sd.held_on)::text as from, max(sd.held_on)::text as to from search_documents sd where sd.published and not sd.confidential`,
  );
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

const statisticsKept = new WeakMap<Database, { at: number; value: LexemeStatistics | null }>();
/** ANALYZE refreshes the statistics after many writes; reading them again every ten minutes is enough. */
const STATISTICS_KEPT_MS = 10 * 60_000;

/** Reads the statistics again on the next search (after an ANALYZE, e.g. at the end of a bulk import). */
export function forgetLexemeStatistics(db: Database): void {
  statisticsKept.delete(db);
}

/**
 * How common the most common lexemes of the §§ are (pg_stats of `search_documents.document`, kept by
 * ANALYZE), or null when the table has not been analysed (a new or embedded database).
 */
export async function findLexemeStatistics(db: Database): Promise<LexemeStatistics | null> {
  const kept = statisticsKept.get(db);
  if (kept && Date.now() - kept.at < STATISTICS_KEPT_MS) return kept.value;
  const [row] = await queryRows<{ elems: string[] | null; freqs: number[] | null }>(
    db,
    sql`select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs::float8[] as freqs
        from pg_stats s
        where s.tablename = 'search_documents' and s.attname = 'document' and s.schemaname = current_schema()
        limit 1`,
  );
  let value: LexemeStatistics | null = null;
  if (row?.elems?.length && row.freqs && row.freqs.length > row.elems.length) {
    const shares = new Map<string, number>();
    row.elems.forEach((lexeme, i) => shares.set(lexeme, Number(row.freqs![i])));
    // After the per-lexeme shares PostgreSQL stores their minimum, maximum and the share of nulls.
    value = { shares, floor: Number(row.freqs[row.elems.length]) };
  }
  statisticsKept.set(db, { at: Date.now(), value });
  return value;
}

/** The lexemes of words and phrases as the Swedish configuration stems them; a prefix in lower case. */
export async function findTermLexemes(db: Database, terms: readonly { kind: TermLexemes['kind']; text: string }[]): Promise<TermLexemes[]> {
  if (terms.length === 0) return [];
  const rows = await queryRows<{ i: number; lexemes: string[] }>(
    db,
    sql`select t.i::int as i,
          case when t.kind = 'prefix' then array[lower(t.text)]
               else array(select u.lexeme from unnest(to_tsvector('swedish', t.text)) u) end as lexemes
        from jsonb_to_recordset(${JSON.stringify(terms.map((term, i) => ({ i, kind: term.kind, text: term.text })))}::jsonb) as t(i int, kind text, text text)`,
  );
  const byIndex = new Map(rows.map((row) => [Number(row.i), row.lexemes ?? []]));
  return terms.map((term, i) => ({ kind: term.kind, lexemes: byIndex.get(i) ?? [] }));
}

/** The planner's estimate of how many §§ meet `where` (planning only, nothing is read). */
export async function estimateRows(db: Database, where: SQL): Promise<number> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`explain (format json) select 1 from search_documents sd where ${where}`);
  const plan = row ? Object.values(row)[0] : null;
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[] | null;
  return Number(parsed?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** Names of organisations and bodies (with their organisation's name), for facets. */
export async function findFacetNames(
  db: Database,
  input: { organizationIds: string[]; bodyIds: string[] },
): Promise<{ organizations: Map<string, string>; bodies: Map<string, { name: string; organization: string | null }> }> {
  const organizations = new Map<string, string>();
  const bodies = new Map<string, { name: string; organization: string | null }>();
  if (input.organizationIds.length) {
    const rows = await queryRows<{ id: string; name: string }>(
      db,
      sql`select o.id, o.name from organizations o where o.id in (select jsonb_array_elements_text(${JSON.stringify(input.organizationIds)}::jsonb)::uuid)`,
    );
    for (const row of rows) organizations.set(row.id, row.name);
  }
  if (input.bodyIds.length) {
    const rows = await queryRows<{ id: string; name: string; organization: string | null }>(
      db,
      sql`select b.id, b.name, o.name as organization from bodies b left join organizations o on o.id = b.organization_id
          where b.id in (select jsonb_array_elements_text(${JSON.stringify(input.bodyIds)}::jsonb)::uuid)`,
    );
    for (const row of rows) bodies.set(row.id, { name: row.name, organization: row.organization });
  }
  return { organizations, bodies };
}
