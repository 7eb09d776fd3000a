/**
 * What a person types into the search box, read into terms and turned into a PostgreSQL `tsquery`
 * built only from bound parameters (never by joining strings into SQL).
 *
 * The syntax is that of web search engines, as `websearch_to_tsquery` reads it, plus prefixes:
 *   familjehem handlingar      both words (Swedish stemming: "handlingarna" finds "handling")
 *   "lägga till handlingarna"  the words as a phrase, in that order
 *   famil*                     any word starting with "famil"
 *   -covid                     not this word (or phrase, or prefix)
 *   skola or förskola          either (also OR, ELLER)
 * An unbalanced quote runs to the end of the query. Characters that are neither letters, digits nor
 * the joiners of case numbers and compounds (. - / : _) separate words.
 */
import { sql, type SQL } from 'drizzle-orm';
import { InputError } from '../errors.ts';

/** Longer queries are refused: nobody types them, and every term costs index work. */
export const MAX_QUERY_LENGTH = 500;
export const MAX_QUERY_TERMS = 32;

export type TermKind = 'word' | 'phrase' | 'prefix';

export interface Term {
  kind: TermKind;
  /** The words of the term, cleaned; for a prefix, letters and digits only. */
  text: string;
  negated: boolean;
}

/** Terms that must all match; each clause matches when any of its alternatives does. */
export interface ParsedQuery {
  clauses: Term[][];
  /** The words of the query without operators, for similarity searches. */
  plainText: string;
}

const orWords = new Set(['or', 'OR', 'ELLER']);
// Strips control characters (NUL cannot be stored in PostgreSQL text) and lone surrogates.
const unsafeCharacters = /[\p{Cc}\p{Cf}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const wordCharacters = /[\p{L}\p{N}]+(?:[.\-/:_][\p{L}\p{N}]+)*/gu;
const alphanumeric = /[\p{L}\p{N}]+/gu;

/** Removes what a query may not carry to the database, and collapses whitespace. */
export function cleanQueryText(raw: string): string {
  return raw.replace(unsafeCharacters, ' ').normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Reads a query. Refuses one that is too long or has too many terms (InputError); a query with no
 * words at all (empty, or only operators and punctuation) gives no clauses.
 */
export function parseSearchQuery(raw: string, path = 'query'): ParsedQuery {
  if (raw.length > MAX_QUERY_LENGTH) {
    throw new InputError({
      path,
      code: 'query_too_long',
      message: `the query is ${raw.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed`,
    });
  }
  const text = cleanQueryText(raw);
  const clauses: Term[][] = [];
  const plainWords: string[] = [];
  let pendingOr = false;
  let index = 0;

  const add = (term: Term) => {
    const last = clauses[clauses.length - 1];
    if (pendingOr && last) last.push(term);
    else clauses.push([term]);
    pendingOr = false;
    if (!term.negated) plainWords.push(term.text);
  };

  while (index < text.length) {
    const char = text[index]!;
    if (char === ' ') {
      index += 1;
      continue;
    }
    let negated = false;
    let start = index;
    if (char === '-' && index + 1 < text.length && text[index + 1] !== ' ') {
      negated = true;
      start = index + 1;
    }
    if (text[start] === '"') {
      const end = text.indexOf('"', start + 1);
      const inner = text.slice(start + 1, end === -1 ? text.length : end);
      index = end === -1 ? text.length : end + 1;
      const words = inner.match(wordCharacters) ?? [];
      if (words.length === 1) add({ kind: 'word', text: words[0]!, negated });
      else if (words.length > 1) add({ kind: 'phrase', text: words.join(' '), negated });
      continue;
    }
    let end = start;
    while (end < text.length && text[end] !== ' ' && text[end] !== '"') end += 1;
    const token = text.slice(start, end);
    index = end;
    if (!negated && orWords.has(token)) {
      if (clauses.length > 0) pendingOr = true;
      continue;
    }
    if (token.endsWith('*')) {
      // A prefix: the last run of letters and digits is the prefix; runs before it are words.
      const runs = token.match(alphanumeric) ?? [];
      const prefix = runs.pop();
      for (const run of runs) add({ kind: 'word', text: run, negated });
      if (prefix) add({ kind: 'prefix', text: prefix.toLocaleLowerCase('sv'), negated });
      continue;
    }
    const words = token.match(wordCharacters) ?? [];
    for (const word of words) add({ kind: 'word', text: word, negated });
  }

  const termCount = clauses.reduce((sum, clause) => sum + clause.length, 0);
  if (termCount > MAX_QUERY_TERMS) {
    throw new InputError({
      path,
      code: 'query_too_many_terms',
      message: `the query has ${termCount} terms; at most ${MAX_QUERY_TERMS} are allowed`,
    });
  }
  return { clauses, plainText: plainWords.join(' ') };
}

export function hasTerms(query: ParsedQuery): boolean {
  return query.clauses.length > 0;
}

/** True when some term must match (a query of only negations matches by exclusion). */
export function hasPositiveTerms(query: ParsedQuery): boolean {
  return query.clauses.some((clause) => clause.some((term) => !term.negated));
}

/**
 * The query as a SQL expression of type tsquery. Words and phrases are stemmed with the Swedish
 * dictionary; prefixes are matched as typed (lower case), since a word's beginning has no stem.
 * Stop words ("och", "att") drop out, so a query of only stop words is an empty tsquery.
 */
export function tsqueryOf(query: ParsedQuery): SQL {
  if (query.clauses.length === 0) return sql`''::tsquery`;
  const clauses = query.clauses.map((clause) => {
    const alternatives = clause.map(termQuery);
    return alternatives.length === 1 ? alternatives[0]! : sql`(${sql.join(alternatives, sql` || `)})`;
  });
  return sql`(${sql.join(clauses, sql` && `)})`;
}

/** True when some term is negated (`-covid`). */
export function hasNegatedTerms(query: ParsedQuery): boolean {
  return query.clauses.some((clause) => clause.some((term) => term.negated));
}

/**
 * The tsqueries of the clauses in which every alternative is positive. A § matches the whole query
 * only if it matches each of these; internal searches use them to find candidates through the GIN
 * indexes of both vectors before testing the query against the § and its underlag together.
 */
export function positiveClauseQueries(query: ParsedQuery): SQL[] {
  return query.clauses
    .filter((clause) => clause.every((term) => !term.negated))
    .map((clause) => {
      const alternatives = clause.map(termQuery);
      return alternatives.length === 1 ? alternatives[0]! : sql`(${sql.join(alternatives, sql` || `)})`;
    });
}

function termQuery(term: Term): SQL {
  let query: SQL;
  switch (term.kind) {
    case 'word':
      query = sql`plainto_tsquery('swedish', ${term.text})`;
      break;
    case 'phrase':
      query = sql`phraseto_tsquery('swedish', ${term.text})`;
      break;
    case 'prefix':
      // The text is letters and digits only, so `:*` is the only tsquery syntax it carries.
      query = sql`to_tsquery('simple', ${`${term.text}:*`})`;
      break;
  }
  return term.negated ? sql`(!! ${query})` : query;
}

/**
 * Whether a query is a case number on its own (diarienummer: `2010.009-7`, `20:06`, `KS 2018/124`,
 * `P20/01`): such a query asks for every § of that case.
 */
export function looksLikeCaseNumber(raw: string): boolean {
  return /^(?:\p{L}{1,6} ?)?\d{1,4}[.:/-]\d{1,5}(?:[.:/-]\d{1,5})?$/u.test(cleanQueryText(raw));
}
