/**
 * Filters of a search as SQL conditions on `search_documents sd`. Every value is a bound parameter;
 * lists travel as one JSON parameter, which both drivers pass the same way.
 */
import { sql, type SQL } from 'drizzle-orm';

export type Audience = 'public' | 'internal';

/** How a person took part in a §: was present at its meeting, voted by name, reserved, presented. */
export const PERSON_ROLES = ['attended', 'voted', 'reserved', 'presented'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Filters with the fuzzy ones (case number, person) already resolved to stored values. */
export interface ResolvedFilters {
  audience: Audience;
  /** The organisations the organisation filter (id, name or short name) named; an empty list matches nothing. */
  organizationIds?: string[] | undefined;
  /** The bodies the body filter (id, or a name in every organisation) named; an empty list matches nothing. */
  bodyIds?: string[] | undefined;
  year?: number | undefined;
  /** Meeting dates, inclusive (ISO). */
  from?: string | undefined;
  to?: string | undefined;
  /** Cases the case-number filter resolved to; an empty list matches nothing. */
  caseIds?: string[] | undefined;
  /** Names (as written) the person filter resolved to; an empty list matches nothing. */
  personNames?: string[] | undefined;
  personRoles: readonly PersonRole[];
  decisionsOnly: boolean;
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A list of texts as a subquery, for `x in (…)`. */
export function textList(values: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

function uuidList(values: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::uuid)`;
}

/**
 * `column = any(array)` with the ids as one array parameter: unlike `in (subquery)`, the planner sees a
 * list of values and can scan the index once for all of them (a body name matches one body in each of
 * hundreds of organisations).
 */
function isAnyOf(column: SQL, ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`false`;
  if (!ids.every(isUuid)) throw new Error('isAnyOf takes uuids only');
  // One id as `=`: PostgreSQL 15 reads `= any(array)` on an index's first column as unordered even for
  // one value, and would then walk the whole date index to keep the newest §§ of one organisation.
  if (ids.length === 1) return sql`${column} = ${ids[0]}::uuid`;
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}

export function filterConditions(filters: ResolvedFilters, options: { withPerson?: boolean } = {}): SQL[] {
  const conditions: SQL[] = [];
  if (filters.audience === 'public') conditions.push(sql`sd.published and not sd.confidential`);
  if (filters.organizationIds) conditions.push(isAnyOf(sql`sd.organization_id`, filters.organizationIds));
  if (filters.bodyIds) conditions.push(isAnyOf(sql`sd.body_id`, filters.bodyIds));
  if (filters.year !== undefined) conditions.push(sql`sd.year = ${filters.year}::int`);
  if (filters.from) conditions.push(sql`sd.held_on >= ${filters.from}::date`);
  if (filters.to) conditions.push(sql`sd.held_on <= ${filters.to}::date`);
  if (filters.caseIds) conditions.push(filters.caseIds.length ? sql`sd.case_id in ${uuidList(filters.caseIds)}` : sql`false`);
  if (filters.decisionsOnly) conditions.push(sql`sd.is_decision`);
  if (filters.personNames && options.withPerson !== false) conditions.push(personCondition(filters.personNames, filters.personRoles));
  return conditions;
}

/** §§ in which one of `names` took part in one of `roles`. */
export function personCondition(names: readonly string[], roles: readonly PersonRole[]): SQL {
  if (names.length === 0 || roles.length === 0) return sql`false`;
  const list = textList(names);
  const parts = roles.map((role) => {
    switch (role) {
      case 'attended':
        return sql`sd.meeting_id in (select a.meeting_id from attendance a where a.name in ${list})`;
      case 'voted':
        return sql`sd.paragraph_id in (select v.paragraph_id from votes v join ballots bl on bl.vote_id = v.id where bl.name in ${list} and bl.choice <> 'absent')`;
      case 'reserved':
        return sql`sd.paragraph_id in (select r.paragraph_id from reservations r where r.name in ${list})`;
      case 'presented':
        return sql`sd.paragraph_id in (select pr.paragraph_id from presenters pr where pr.name in ${list})`;
    }
  });
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Joins conditions with `and`; no conditions is `true`. */
export function allOf(conditions: readonly SQL[]): SQL {
  return conditions.length ? sql.join(conditions.map((c) => sql`(${c})`), sql` and `) : sql`true`;
}
