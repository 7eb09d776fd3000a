/**
 * Queries of the återrapportering written in the web: the assignments whose report-back waits for a place
 * on their body's agenda, and those a meeting's §§ list (reported when its minutes are adjusted).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';

/** An assignment whose report-back is written, with what its agenda item needs. */
export interface ReportBackForAgenda {
  id: string;
  assignee: string | null;
  description: string;
  reportText: string;
  reportFileId: string | null;
  /** The § of an open meeting that lists it already, if any. */
  listedParagraphId: string | null;
}

/**
 * Open assignments of a body (the body that gave them) with a written report-back that no § lists yet,
 * or that a cancelled meeting listed: they go on the agenda of the body's next open meeting.
 */
export async function findReportBacksWaitingForAgenda(db: Database, bodyId: string): Promise<ReportBackForAgenda[]> {
  return queryRows<ReportBackForAgenda>(
    db,
    sql`select a.id, a.assignee, a.description, a.report_text as "reportText", a.report_file_id as "reportFileId",
          a.reported_paragraph_id as "listedParagraphId"
        from assignments a
        join paragraphs p on p.id = a.paragraph_id
        left join paragraphs lp on lp.id = a.reported_paragraph_id
        left join meetings lm on lm.id = lp.meeting_id
        where p.body_id = ${bodyId} and a.status = 'open' and a.report_submitted_on is not null
          and (a.reported_paragraph_id is null or lm.status = 'cancelled')
        order by a.report_submitted_on, a.created_at`,
  );
}

/** Ids of the open assignments with a written report-back that a § of the meeting lists. */
export async function findReportBacksListedInMeeting(db: Database, meetingId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select a.id from assignments a join paragraphs p on p.id = a.reported_paragraph_id
        where p.meeting_id = ${meetingId} and a.status = 'open' and a.report_submitted_on is not null
        order by p.position, a.created_at`,
  );
  return rows.map((r) => r.id);
}

/** The written report-back of assignments by id (text, document, day, who), for the register's view. */
export interface ReportBackRow {
  id: string;
  reportText: string | null;
  reportFileId: string | null;
  reportSubmittedOn: string | null;
  reportSubmittedBy: string | null;
}

export async function listReportBackRows(db: Database, ids: string[]): Promise<ReportBackRow[]> {
  if (ids.length === 0) return [];
  return queryRows<ReportBackRow>(
    db,
    sql`select a.id, a.report_text as "reportText", a.report_file_id as "reportFileId", a.report_submitted_on::text as "reportSubmittedOn",
          a.report_submitted_by as "reportSubmittedBy"
        from assignments a where a.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
}
