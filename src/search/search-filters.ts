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
  /** An organisation's id, name or short name. */
  organization?: string | undefined;
  /** A body's id or name (a name matches that body in every organisation). */
  body?: string | undefined;
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

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A list of texts as a subquery, for `x in (…)`. */
export function textList(values: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

function uuidList(values: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::uuid)`;
}

export function filterConditions(filters: ResolvedFilters, options: { withPerson?: boolean } = {}): SQL[] {
  const conditions: SQL[] = [];
  if (filters.audience === 'public') conditions.push(sql`sd.published and not sd.confidential`);
  if (filters.organization) {
    const value = filters.organization;
    conditions.push(
      isUuid(value)
        ? sql`sd.organization_id = ${value}::uuid`
        : sql`sd.organization_id in (select o.id from organizations o where lower(o.name) = lower(${value}) or lower(o.short_name) = lower(${value}))`,
    );
  }
  if (filters.body) {
    const value = filters.body;
    conditions.push(
      isUuid(value)
        ? sql`sd.body_id = ${value}::uuid`
        : sql`sd.body_id in (select b.id from bodies b where lower(b.name) = lower(${value}))`,
    );
  }
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
