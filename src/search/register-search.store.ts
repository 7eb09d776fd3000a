/**
 * Search in the registers: each register kind is one source, a query over its own table that finds the
 * entries whose fields hold every word asked for (case-insensitive substring, so "2026/7" finds the Dnr
 * "DEL 2026/7"). A source says what the public may see of it and what users who read an organisation's
 * registers see. Another register (projects) is added by one more entry in REGISTER_SEARCH_SOURCES.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../storage/database.ts';

/** One register entry found. */
export interface RegisterHit {
  /** The source's kind: delegated_decision, delegation_item, assignment, consultation, … */
  kind: string;
  id: string;
  organizationId: string | null;
  /** What the entry is called: the decision, the matter, the assignment, the remiss. */
  title: string;
  caseNumber: string | null;
  /** Who: the delegate, the one responsible, the sender. */
  who: string | null;
  /** Its date: decided, due, received, valid from. */
  on: string | null;
  /** The § it links to, when the public may open it (a reported delegationsbeslut). */
  publicParagraphId: string | null;
}

/** Who is searching: the public, or a user who reads these organisations' registers. */
export type RegisterSearchScope = { audience: 'public' } | { audience: 'internal'; organizationIds: string[] };

/** A register kind that search can look in. */
export interface RegisterSearchSource {
  kind: string;
  /** The entries matching every pattern (`%word%`) that the scope may see; null when the scope sees none of this kind. */
  find(db: Database, patterns: SQL, scope: RegisterSearchScope, limit: number): Promise<RegisterHit[]> | null;
}

/** `and` over the patterns: every word is in the text. */
function allIn(text: SQL, patterns: SQL): SQL {
  return sql`${text} ilike all (${patterns})`;
}

function inOrganizations(column: SQL, scope: RegisterSearchScope): SQL {
  if (scope.audience === 'public') return sql`false`;
  return scope.organizationIds.length ? sql`${column} in (${sql.join(scope.organizationIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`;
}

const delegatedDecisions: RegisterSearchSource = {
  kind: 'delegated_decision',
  find: (db, patterns, scope, limit) =>
    queryRows<RegisterHit>(
      db,
      sql`select 'delegated_decision' as kind, d.id, b.organization_id as "organizationId", d.description as title, c.case_number as "caseNumber",
            d.delegate as who, d.decided_on::text as "on",
            case when d.status = 'reported' and m.status in ('adjusted', 'archived') and not p.confidential then p.id end as "publicParagraphId"
          from delegated_decisions d
          join bodies b on b.id = d.body_id
          left join cases c on c.id = d.case_id
          left join paragraphs p on p.id = d.reported_paragraph_id
          left join meetings m on m.id = p.meeting_id
          where d.status <> 'proposed'
            and ${allIn(sql`concat_ws(' ', c.case_number, d.description, d.delegate, d.rule_point)`, patterns)}
            and ((d.status = 'reported' and m.status in ('adjusted', 'archived') and not p.confidential) or ${inOrganizations(sql`b.organization_id`, scope)})
          order by d.decided_on desc nulls last, d.created_at desc
          limit ${limit}`,
    ),
};

const delegationItems: RegisterSearchSource = {
  kind: 'delegation_item',
  // The delegationsordning is a public decision: everyone finds its points.
  find: (db, patterns, _scope, limit) =>
    queryRows<RegisterHit>(
      db,
      sql`select 'delegation_item' as kind, i.id, i.organization_id as "organizationId", concat(i.code, ' ', i.matter) as title, null as "caseNumber",
            i.delegate as who, i.valid_from::text as "on", null as "publicParagraphId"
          from delegation_order_items i
          where ${allIn(sql`concat_ws(' ', i.code, i.matter, i.delegate, i.limits, i.legal_basis)`, patterns)}
          order by i.valid_from desc, i.code
          limit ${limit}`,
    ),
};

const assignments: RegisterSearchSource = {
  kind: 'assignment',
  find: (db, patterns, scope, limit) =>
    scope.audience === 'public'
      ? null
      : queryRows<RegisterHit>(
          db,
          sql`select 'assignment' as kind, a.id, b.organization_id as "organizationId", a.description as title, c.case_number as "caseNumber",
                a.assignee as who, a.due_on::text as "on", null as "publicParagraphId"
              from assignments a
              join paragraphs p on p.id = a.paragraph_id
              join bodies b on b.id = p.body_id
              left join cases c on c.id = p.case_id
              where a.status <> 'proposed'
                and ${allIn(sql`concat_ws(' ', c.case_number, a.description, a.assignee)`, patterns)}
                and ${inOrganizations(sql`b.organization_id`, scope)}
              order by a.due_on desc nulls last, a.created_at desc
              limit ${limit}`,
        ),
};

const consultations: RegisterSearchSource = {
  kind: 'consultation',
  find: (db, patterns, scope, limit) =>
    scope.audience === 'public'
      ? null
      : queryRows<RegisterHit>(
          db,
          sql`select 'consultation' as kind, r.id, r.organization_id as "organizationId", r.title, c.case_number as "caseNumber",
                r.sender as who, r.due_on::text as "on", null as "publicParagraphId"
              from consultations r
              left join cases c on c.id = r.case_id
              where ${allIn(sql`concat_ws(' ', c.case_number, r.title, r.sender)`, patterns)}
                and ${inOrganizations(sql`r.organization_id`, scope)}
              order by r.due_on desc nulls last, r.created_at desc
              limit ${limit}`,
        ),
};

const projects: RegisterSearchSource = {
  kind: 'project',
  // The portfolio is an internal register: found by those who read the organisation's registers.
  find: (db, patterns, scope, limit) =>
    scope.audience === 'public'
      ? null
      : queryRows<RegisterHit>(
          db,
          sql`select 'project' as kind, p.id, p.organization_id as "organizationId", p.title, p.case_number as "caseNumber",
                coalesce(p.project_manager, p.owner) as who, p.starts_on::text as "on", null as "publicParagraphId"
              from projects p
              where ${allIn(
                sql`concat_ws(' ', p.case_number, p.title, p.description, p.owner, p.project_manager, p.results,
                  (select string_agg(distinct f.funder_name, ' ') from project_funding f where f.project_id = p.id))`,
                patterns,
              )}
                and ${inOrganizations(sql`p.organization_id`, scope)}
              order by p.starts_on desc nulls last, p.created_at desc
              limit ${limit}`,
        ),
};

/** The registers search looks in, in the order their hits are shown. */
export const REGISTER_SEARCH_SOURCES: RegisterSearchSource[] = [delegatedDecisions, delegationItems, assignments, consultations, projects];

/** The words of a query as `%word%` patterns for ILIKE, with %, _ and \ taken literally. */
export function likePatterns(words: string[]): SQL {
  return sql`array[${sql.join(words.map((w) => sql`${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`), sql`, `)}]::text[]`;
}
