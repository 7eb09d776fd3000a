/**
 * How a public search looks for its counted matches (the newest MAX_COUNTED_MATCHES), chosen from how
 * common its words are. No I/O: the word shares come from PostgreSQL's statistics (pg_stats of
 * `search_documents.document`) and the number of §§ the filters leave from the planner's estimate.
 *
 * - A word in a tenth of the §§ or more: the newest §§ are walked in date order and each is tested;
 *   1 000 matches are found within ten thousand rows (`walk`). The words' index is kept out of it:
 *   with filters the planner would otherwise AND the index's bitmap of 400 000 §§ with the filters'
 *   (120 ms for the bitmap alone at 1 000 000 §§), where testing the filters' few thousand is cheaper.
 * - A query whose matches are fewer than about 2 000 in all: the words' index gives them all; there
 *   is nothing to gain by asking for a date range first (`whole`).
 * - Between the two (a phrase, prefix or word in one § of ten to one of a thousand): walking the dates
 *   would test tens of thousands of §§, and the words' index would read every match's row to keep the
 *   newest 1 000. Ask instead for the matches in the newest part of the date span that should hold
 *   about 2 000 of them, then in four times that, and so on, and last in everything (`recent`).
 *   When a range holds 1 000 matches they are exactly the newest 1 000 of all.
 */

/** How often a lexeme occurs: the share of §§ whose document has it. */
export interface LexemeStatistics {
  shares: ReadonlyMap<string, number>;
  /** The smallest share PostgreSQL kept; a lexeme it did not keep is rarer than this. */
  floor: number;
}

/** A term of the query as the database's text search reads it. */
export interface TermLexemes {
  kind: 'word' | 'phrase' | 'prefix';
  /** A word's or phrase's lexemes (stemmed), or a prefix as typed (lower case). */
  lexemes: readonly string[];
}

/**
 * `walk`: test the newest §§ in date order without the words' index (a common word); `whole`: let the
 * planner choose over the whole archive; `recent`: ask these fractions of the date span, newest first.
 */
export type SearchPlan = { kind: 'walk' } | { kind: 'whole' } | { kind: 'recent'; fractions: readonly number[] };

/** A word at least this common is found among the newest §§ at once. */
export const COMMON_SHARE = 0.1;
/** A range is sized to hold about this many matches: twice the counted ones, for the estimate's error. */
export const RANGE_TARGET_MATCHES = 2000;
/** Each range after the first is this many times as long. */
export const RANGE_GROWTH = 4;

/**
 * The share of §§ one term matches, from the statistics: the rarest of a word's or phrase's lexemes
 * (a phrase is at most as common as its rarest word), the sum over the kept lexemes a prefix starts
 * (at least the floor). A lexeme the statistics did not keep counts as half the floor, as PostgreSQL
 * itself guesses.
 */
export function termShare(term: TermLexemes, statistics: LexemeStatistics): number {
  const unknown = statistics.floor / 2;
  if (term.kind === 'prefix') {
    const prefix = term.lexemes[0] ?? '';
    let sum = 0;
    for (const [lexeme, share] of statistics.shares) if (lexeme.startsWith(prefix)) sum += share;
    return Math.min(1, Math.max(sum, unknown));
  }
  if (term.lexemes.length === 0) return 0;
  return Math.min(...term.lexemes.map((lexeme) => statistics.shares.get(lexeme) ?? unknown));
}

/**
 * The share of §§ a query matches at most: every clause must match (the rarest clause bounds it), and
 * a clause matches when one of its terms does (the sum of its terms' shares). Negated terms only
 * remove matches, so they are left out of the bound.
 */
export function queryShare(clauses: readonly (readonly TermLexemes[])[], statistics: LexemeStatistics): number {
  if (clauses.length === 0) return 1;
  return Math.min(...clauses.map((clause) => Math.min(1, clause.reduce((sum, term) => sum + termShare(term, statistics), 0))));
}

/**
 * The plan for a query matching about `share` of the §§ among `rows` §§ the filters leave, when the
 * newest `counted` matches are wanted.
 */
export function planSearch(share: number, rows: number, counted: number): SearchPlan {
  const expected = share * rows;
  if (share >= COMMON_SHARE) return { kind: 'walk' };
  if (expected < RANGE_TARGET_MATCHES || expected < counted) return { kind: 'whole' };
  const fractions: number[] = [];
  for (let fraction = RANGE_TARGET_MATCHES / expected; fraction < 0.5; fraction *= RANGE_GROWTH) fractions.push(fraction);
  return fractions.length ? { kind: 'recent', fractions } : { kind: 'whole' };
}
