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
  /** When the kallelse was sent, if it was. */
  convened_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** One page of the adjusted meetings of an organisation's bodies, oldest first, changed since a moment. */
export async function pageOpenMeetings(
  db: Database,
  input: { organizationId: string; modifiedSince: string | null; limit: number; offset: number },
): Promise<{ rows: OpenMeetingRow[]; total: number }> {
  const where = sql`b.organization_id = ${input.organizationId} and m.status in ('adjusted', 'archived') and not exists (select 1 from publication_holds h where h.meeting_id = m.id) and m.held_on is not null
    and (${input.modifiedSince}::timestamptz is null or m.updated_at >= ${input.modifiedSince}::timestamptz)`;
  const [count] = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from meetings m join bodies b on b.id = m.body_id where ${where}`);
  const rows = await queryRows<OpenMeetingRow>(
    db,
    sql`select m.id, m.body_id, b.name as body_name, m.held_on::text as held_on, m.start_time::text as start_time, m.end_time::text as end_time,
               m.location, m.remote, m.status, m.minutes_kind, m.convened_at, m.created_at, m.updated_at,
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
  position: number;
  created_at: Date | string;
  updated_at: Date | string;
}

/** The public §§ of the given meetings, in agenda order, with their decisions. */
export async function listOpenAgendaItems(db: Database, meetingIds: string[]): Promise<OpenAgendaItemRow[]> {
  if (meetingIds.length === 0) return [];
  return queryRows<OpenAgendaItemRow>(
    db,
    // Masked §§ (issue 17) give their masked title and att-satser.
    sql`select p.id, p.meeting_id, p.number, coalesce(pt.title, p.title) as title, c.case_number, p.case_id, p.position, p.created_at, p.updated_at,
               coalesce((select array_agg(t.value order by t.ord) from jsonb_array_elements_text(pt.decisions) with ordinality as t(value, ord)),
                 (select array_agg(d.text order by d.position) from decision_points d where d.paragraph_id = p.id)) as decisions
        from paragraphs p left join cases c on c.id = p.case_id left join paragraph_public_texts pt on pt.paragraph_id = p.id
        where p.meeting_id in (${sql.join(meetingIds.map((id) => sql`${id}::uuid`), sql`, `)}) and not (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id))
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
      where p.case_id = c.id and not (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id)) and m.status in ('adjusted', 'archived') and not exists (select 1 from publication_holds h where h.meeting_id = m.id))`;
  const [count] = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from cases c where ${where}`);
  const rows = await queryRows<OpenPaperRow>(
    db,
    // Only what public §§ say: no date of a coming agenda, and the title of the first public §, not the
    // case's own title, which may come from a confidential or draft §.
    sql`select c.id, c.case_number, first_public.title, c.created_at, first_public.held_on as first_handled_on
        from cases c
        cross join lateral (
          select coalesce((select pt.title from paragraph_public_texts pt where pt.paragraph_id = p.id), p.title) as title, m.held_on::text as held_on from paragraphs p join meetings m on m.id = p.meeting_id
          where p.case_id = c.id and not (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id)) and m.status in ('adjusted', 'archived') and not exists (select 1 from publication_holds h where h.meeting_id = m.id)
          order by m.held_on, p.position limit 1) first_public
        where ${where}
        order by c.case_number limit ${input.limit} offset ${input.offset}`,
  );
  return { rows, total: Number(count?.n ?? 0) };
}

export interface OpenMandateRow {
  id: string;
  person_id: string;
  person_name: string;
  body_id: string;
  organization_id: string;
  role: string;
  party: string | null;
  starts_on: string | null;
  ends_on: string | null;
  created_at: Date | string;
  person_created_at: Date | string;
  person_updated_at: Date | string;
}

/**
 * The mandates (uppdrag) in an organisation's bodies with the elected person's name: public under the
 * principle of public access. Never the person's e-mail or any other contact detail.
 */
export async function listOpenMandates(db: Database, organizationId: string): Promise<OpenMandateRow[]> {
  return queryRows<OpenMandateRow>(
    db,
    sql`select md.id, md.person_id, p.name as person_name, md.body_id, b.organization_id, md.role, md.party,
               md.starts_on::text as starts_on, md.ends_on::text as ends_on, md.created_at,
               p.created_at as person_created_at, p.updated_at as person_updated_at
        from mandates md join persons p on p.id = md.person_id join bodies b on b.id = md.body_id
        where b.organization_id = ${organizationId}
        order by p.name, md.starts_on nulls first, md.id`,
  );
}

export interface OpenProtocolFileRow {
  meeting_id: string;
  file_id: string | null;
  size: number | string | null;
  content_type: string | null;
  created_at: Date | string | null;
}

/** The signed protocol file of each given meeting, when one was stored. */
export async function listOpenProtocolFiles(db: Database, meetingIds: string[]): Promise<OpenProtocolFileRow[]> {
  if (meetingIds.length === 0) return [];
  return queryRows<OpenProtocolFileRow>(
    db,
    sql`select m.id as meeting_id, f.id as file_id, f.size, f.content_type, f.created_at
        from meetings m left join files f on f.id = m.signed_file_id
        where m.id in (${sql.join(meetingIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
}

/** The organisation an open-data object belongs to, from the object's own id (null when there is none). */
export async function findOrganizationOfOpenObject(db: Database, kind: string, id: string): Promise<string | null> {
  const queries: Record<string, ReturnType<typeof sql>> = {
    organizations: sql`select organization_id as id from bodies where id = ${id}::uuid`,
    persons: sql`select b.organization_id as id from mandates md join bodies b on b.id = md.body_id where md.person_id = ${id}::uuid`,
    memberships: sql`select b.organization_id as id from mandates md join bodies b on b.id = md.body_id where md.id = ${id}::uuid`,
    meetings: sql`select b.organization_id as id from meetings m join bodies b on b.id = m.body_id where m.id = ${id}::uuid`,
    agendaitems: sql`select b.organization_id as id from paragraphs p join bodies b on b.id = p.body_id where p.id = ${id}::uuid`,
    papers: sql`select organization_id as id from cases where id = ${id}::uuid`,
    attachments: sql`select b.organization_id as id from paragraph_attachments a join paragraphs p on p.id = a.paragraph_id join bodies b on b.id = p.body_id where a.id = ${id}::uuid`,
  };
  const query = queries[kind];
  if (!query || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const rows = await queryRows<{ id: string | null }>(db, query);
  return rows.find((r) => r.id)?.id ?? null;
}

const idList = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

export interface OpenSealRow {
  meeting_id: string;
  file_sha256: string | null;
  content_sha256: string;
  sealed_at: Date | string;
  /** The ids of the meeting's §§ under secrecy, sorted and joined: the masked rendition changes with them. */
  confidential_ids: string | null;
}

/** The seal of each given meeting with the §§ under secrecy: what the public PDF's bytes depend on. */
export async function listOpenSeals(db: Database, meetingIds: string[]): Promise<OpenSealRow[]> {
  if (meetingIds.length === 0) return [];
  return queryRows<OpenSealRow>(
    db,
    sql`select s.meeting_id, s.file_sha256, s.content_sha256, s.sealed_at,
               (select string_agg(p.id::text, ',' order by p.id) from paragraphs p where p.meeting_id = s.meeting_id and p.confidential) as confidential_ids
        from minutes_seals s where s.meeting_id in (${idList(meetingIds)})`,
  );
}

export interface AnnouncedMeetingRow extends Omit<OpenMeetingRow, 'has_public_pdf'> {
  organization_name: string;
  convened_at: Date | string;
}

/**
 * Meetings whose kallelse has gone out and whose minutes are not adjusted yet (convened, held, finalised or
 * cancelled), whatever their date: the public knows of them from the kallelse, as the calendar does.
 */
export async function listAnnouncedMeetings(db: Database, organizationId: string): Promise<AnnouncedMeetingRow[]> {
  return queryRows<AnnouncedMeetingRow>(
    db,
    sql`select m.id, m.body_id, b.name as body_name, o.name as organization_name, m.held_on::text as held_on, m.start_time::text as start_time,
               m.end_time::text as end_time, m.location, m.remote, m.status, m.minutes_kind, m.convened_at, m.created_at, m.updated_at
        from meetings m join bodies b on b.id = m.body_id join organizations o on o.id = b.organization_id
        where b.organization_id = ${organizationId} and m.convened_at is not null and m.held_on is not null
          and m.status in ('convened', 'held', 'finalised', 'cancelled')
        order by m.held_on, m.id`,
  );
}

export interface OpenParagraphKeyRow {
  id: string;
  meeting_id: string;
  case_id: string | null;
  number: number | null;
  title: string;
  confidential: boolean;
  position: number;
  created_at: Date | string;
  updated_at: Date | string;
}

/** Every § of the given meetings in agenda order, confidential ones too: the service decides what the public sees. */
export async function listParagraphKeysOf(db: Database, meetingIds: string[]): Promise<OpenParagraphKeyRow[]> {
  if (meetingIds.length === 0) return [];
  return queryRows<OpenParagraphKeyRow>(
    db,
    sql`select p.id, p.meeting_id, p.case_id, p.number, coalesce((select pt.title from paragraph_public_texts pt where pt.paragraph_id = p.id), p.title) as title,
               (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id)) as confidential, p.position, p.created_at, p.updated_at
        from paragraphs p where p.meeting_id in (${idList(meetingIds)}) order by p.meeting_id, p.position`,
  );
}

export interface OpenAttachmentRow {
  id: string;
  paragraph_id: string;
  meeting_id: string;
  title: string;
  confidential: boolean;
  file_id: string;
  sha256: string;
  size: number | string;
  content_type: string;
  original_name: string | null;
  file_created_at: Date | string;
  paragraph_updated_at: Date | string;
}

/** The stored bilagor of the given meetings' §§ (of every §: the service leaves out those under secrecy). */
export async function listAttachmentsOf(db: Database, meetingIds: string[]): Promise<OpenAttachmentRow[]> {
  if (meetingIds.length === 0) return [];
  return queryRows<OpenAttachmentRow>(
    db,
    sql`select a.id, a.paragraph_id, p.meeting_id, a.title, (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id) or exists (select 1 from withheld_parts wa where wa.target_kind = 'attachment' and wa.target_id = a.id) or exists (select 1 from personal_data_maskings k where k.target_kind = 'attachment' and k.target_id = a.id::text)) as confidential, f.id as file_id, f.sha256, f.size, f.content_type, f.original_name,
               f.created_at as file_created_at, p.updated_at as paragraph_updated_at
        from paragraph_attachments a join paragraphs p on p.id = a.paragraph_id join files f on f.id = a.file_id
        where p.meeting_id in (${idList(meetingIds)}) order by p.meeting_id, p.position, a.position`,
  );
}

/** One bilaga the public may download: a stored file of a § not under secrecy in adjusted minutes. */
export async function findPublicAttachment(db: Database, attachmentId: string): Promise<(OpenAttachmentRow & { held_on: string }) | null> {
  const rows = await queryRows<OpenAttachmentRow & { held_on: string }>(
    db,
    sql`select a.id, a.paragraph_id, p.meeting_id, a.title, (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id) or exists (select 1 from withheld_parts wa where wa.target_kind = 'attachment' and wa.target_id = a.id) or exists (select 1 from personal_data_maskings k where k.target_kind = 'attachment' and k.target_id = a.id::text)) as confidential, f.id as file_id, f.sha256, f.size, f.content_type, f.original_name,
               f.created_at as file_created_at, p.updated_at as paragraph_updated_at, m.held_on::text as held_on
        from paragraph_attachments a join paragraphs p on p.id = a.paragraph_id join files f on f.id = a.file_id join meetings m on m.id = p.meeting_id
        where a.id = ${attachmentId}::uuid and not (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id) or exists (select 1 from withheld_parts wa where wa.target_kind = 'attachment' and wa.target_id = a.id) or exists (select 1 from personal_data_maskings k where k.target_kind = 'attachment' and k.target_id = a.id::text)) and m.status in ('adjusted', 'archived') and not exists (select 1 from publication_holds h where h.meeting_id = m.id)`,
  );
  return rows[0] ?? null;
}

/** One meeting whose kallelse has gone out and whose minutes are not adjusted yet, or null. */
export async function findAnnouncedMeeting(db: Database, meetingId: string): Promise<AnnouncedMeetingRow | null> {
  const rows = await queryRows<AnnouncedMeetingRow>(
    db,
    sql`select m.id, m.body_id, b.name as body_name, o.name as organization_name, m.held_on::text as held_on, m.start_time::text as start_time,
               m.end_time::text as end_time, m.location, m.remote, m.status, m.minutes_kind, m.convened_at, m.created_at, m.updated_at
        from meetings m join bodies b on b.id = m.body_id join organizations o on o.id = b.organization_id
        where m.id = ${meetingId}::uuid and m.convened_at is not null and m.held_on is not null
          and m.status in ('convened', 'held', 'finalised', 'cancelled')`,
  );
  return rows[0] ?? null;
}

/** When a meeting's public PDF last changed: its seal, or the meeting itself (archived, masked). */
export async function findOpenMeetingStamp(db: Database, meetingId: string): Promise<{ updated_at: Date | string; sealed_at: Date | string | null } | null> {
  const rows = await queryRows<{ updated_at: Date | string; sealed_at: Date | string | null }>(
    db,
    sql`select greatest(m.updated_at, (select max(p.updated_at) from paragraphs p where p.meeting_id = m.id)) as updated_at, s.sealed_at
        from meetings m left join minutes_seals s on s.meeting_id = m.id where m.id = ${meetingId}::uuid`,
  );
  return rows[0] ?? null;
}

export interface SitemapMeetingRow {
  id: string;
  body_id: string;
  year: number | null;
  /** The meeting's or any of its §§' last change (a § put under secrecy changes the page). */
  modified: Date | string;
  public_paragraphs: { id: string; modified: string }[] | null;
}

/** Every adjusted meeting with its public §§: the pages of the archive a search engine may list. */
export async function listSitemapMeetings(db: Database): Promise<SitemapMeetingRow[]> {
  return queryRows<SitemapMeetingRow>(
    db,
    sql`select m.id, m.body_id, m.year,
               greatest(m.updated_at, (select max(p.updated_at) from paragraphs p where p.meeting_id = m.id)) as modified,
               (select json_agg(json_build_object('id', p.id, 'modified', p.updated_at) order by p.position) from paragraphs p
                where p.meeting_id = m.id and not (p.confidential or exists (select 1 from withheld_parts w where w.target_kind = 'paragraph' and w.target_id = p.id))) as public_paragraphs
        from meetings m
        where m.status in ('adjusted', 'archived') and not exists (select 1 from publication_holds h where h.meeting_id = m.id) and m.held_on is not null
        order by m.held_on, m.id`,
  );
}
