/**
 * Read queries for open data (the OParl-shaped API): only adjusted minutes, never a confidential §.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';

export interface OpenOrganizationRow {
  id: string;
  name: string;
  short_name: string | null;
  organization_type: string;
  created_at: Date | string;
  updated_at: Date | string;
}

export async function listOpenOrganizations(db: Database): Promise<OpenOrganizationRow[]> {
  return queryRows<OpenOrganizationRow>(db, sql`select id, name, short_name, organization_type, created_at, updated_at from organizations`);
}

export async function findOpenOrganization(db: Database, id: string): Promise<OpenOrganizationRow | null> {
  const rows = await queryRows<OpenOrganizationRow>(
    db,
    sql`select id, name, short_name, organization_type, created_at, updated_at from organizations where id = ${id}`,
  );
  return rows[0] ?? null;
}

export interface OpenBodyRow {
  id: string;
  organization_id: string;
  name: string;
  body_kind: string;
  decision_making: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

export async function listOpenBodies(db: Database, organizationId: string): Promise<OpenBodyRow[]> {
  return queryRows<OpenBodyRow>(
    db,
    sql`select id, organization_id, name, body_kind, decision_making, created_at, updated_at from bodies where organization_id = ${organizationId}`,
  );
}

export interface OpenMeetingRow {
  id: string;
  body_id: string;
  body_name: string;
  held_on: string;
  start_time: string | null;
  end_time: string | null;
  location: string | null;
  remote: boolean | null;
  status: string;
  minutes_kind: string;
  /** The public PDF exists: the sealed file, or a masked rendition of sealed minutes with §§ under secrecy (docs/integrity.md). */
  has_public_pdf: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

/** One page of the adjusted meetings of an organisation's bodies, oldest first, changed since a moment. */
export async function pageOpenMeetings(
  db: Database,
  input: { organizationId: string; modifiedSince: string | null; limit: number; offset: number },
): Promise<{ rows: OpenMeetingRow[]; total: number }> {
  const where = sql`b.organization_id = ${input.organizationId} and m.status in ('adjusted', 'archived') and m.held_on is not null
    and (${input.modifiedSince}::timestamptz is null or m.updated_at >= ${input.modifiedSince}::timestamptz)`;
  const [count] = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from meetings m join bodies b on b.id = m.body_id where ${where}`);
  const rows = await queryRows<OpenMeetingRow>(
    db,
    sql`select m.id, m.body_id, b.name as body_name, m.held_on::text as held_on, m.start_time::text as start_time, m.end_time::text as end_time,
               m.location, m.remote, m.status, m.minutes_kind, m.created_at, m.updated_at,
               exists (select 1 from minutes_seals s where s.meeting_id = m.id
                       and (s.file_id is not null or exists (select 1 from paragraphs p where p.meeting_id = m.id and p.confidential))) as has_public_pdf
        from meetings m join bodies b on b.id = m.body_id
        where ${where}
        order by m.held_on, m.id
        limit ${input.limit} offset ${input.offset}`,
  );
  return { rows, total: Number(count?.n ?? 0) };
}

export interface OpenAgendaItemRow {
  id: string;
  meeting_id: string;
  number: number | null;
  title: string;
  case_number: string | null;
  case_id: string | null;
  decisions: string[] | null;
}

/** The public §§ of the given meetings, in agenda order, with their decisions. */
export async function listOpenAgendaItems(db: Database, meetingIds: string[]): Promise<OpenAgendaItemRow[]> {
  if (meetingIds.length === 0) return [];
  return queryRows<OpenAgendaItemRow>(
    db,
    sql`select p.id, p.meeting_id, p.number, p.title, c.case_number, p.case_id,
               (select array_agg(d.text order by d.position) from decision_points d where d.paragraph_id = p.id) as decisions
        from paragraphs p left join cases c on c.id = p.case_id
        where p.meeting_id in (${sql.join(meetingIds.map((id) => sql`${id}::uuid`), sql`, `)}) and not p.confidential
        order by p.meeting_id, p.position`,
  );
}

export interface OpenPaperRow {
  id: string;
  case_number: string;
  title: string | null;
  created_at: Date | string;
  first_handled_on: string | null;
}

/** One page of the organisation's cases that a public § has handled. */
export async function pageOpenPapers(
  db: Database,
  input: { organizationId: string; limit: number; offset: number },
): Promise<{ rows: OpenPaperRow[]; total: number }> {
  const where = sql`c.organization_id = ${input.organizationId} and exists (
      select 1 from paragraphs p join meetings m on m.id = p.meeting_id
      where p.case_id = c.id and not p.confidential and m.status in ('adjusted', 'archived'))`;
  const [count] = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from cases c where ${where}`);
  const rows = await queryRows<OpenPaperRow>(
    db,
    // Only what public §§ say: no date of a coming agenda, and the title of the first public §, not the
    // case's own title, which may come from a confidential or draft §.
    sql`select c.id, c.case_number, first_public.title, c.created_at, first_public.held_on as first_handled_on
        from cases c
        cross join lateral (
          select p.title, m.held_on::text as held_on from paragraphs p join meetings m on m.id = p.meeting_id
          where p.case_id = c.id and not p.confidential and m.status in ('adjusted', 'archived')
          order by m.held_on, p.position limit 1) first_public
        where ${where}
        order by c.case_number limit ${input.limit} offset ${input.offset}`,
  );
  return { rows, total: Number(count?.n ?? 0) };
}
