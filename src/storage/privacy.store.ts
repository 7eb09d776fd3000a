/**
 * Maskings, reviewed findings, withheld parts and publication holds (issue 17, docs/personal-data.md).
 * Nothing here changes the minutes: the public rendition is built from these rows beside them.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';
import {
  meetings,
  paragraphAttachments,
  paragraphPublicTexts,
  paragraphs,
  personalDataMaskings,
  personalDataReviews,
  personalDataScans,
  publicationHolds,
  withheldParts,
} from './schema.ts';

/** Public queries add this: minutes on hold (an unhandled personnummer) are not public anywhere. */
export const notHeld = sql`not exists (select 1 from publication_holds h where h.meeting_id = ${meetings.id})`;

export type MaskingRow = typeof personalDataMaskings.$inferSelect;
export type ReviewRow = typeof personalDataReviews.$inferSelect;
export type WithheldRow = typeof withheldParts.$inferSelect;

export async function listMaskings(db: Database, meetingId: string): Promise<MaskingRow[]> {
  return db.select().from(personalDataMaskings).where(eq(personalDataMaskings.meetingId, meetingId)).orderBy(asc(personalDataMaskings.createdAt), asc(personalDataMaskings.id));
}

export async function insertMasking(tx: Database, row: typeof personalDataMaskings.$inferInsert): Promise<MaskingRow> {
  const [inserted] = await tx.insert(personalDataMaskings).values(row).returning();
  return inserted!;
}

export async function deleteMasking(tx: Database, meetingId: string, maskingId: string): Promise<MaskingRow | null> {
  const [deleted] = await tx
    .delete(personalDataMaskings)
    .where(and(eq(personalDataMaskings.meetingId, meetingId), eq(personalDataMaskings.id, maskingId)))
    .returning();
  return deleted ?? null;
}

export async function listReviews(db: Database, meetingId: string): Promise<ReviewRow[]> {
  return db.select().from(personalDataReviews).where(eq(personalDataReviews.meetingId, meetingId)).orderBy(asc(personalDataReviews.reviewedAt));
}

export async function insertReview(tx: Database, row: typeof personalDataReviews.$inferInsert): Promise<ReviewRow> {
  const [inserted] = await tx.insert(personalDataReviews).values(row).returning();
  return inserted!;
}

export async function listWithheld(db: Database, meetingId: string): Promise<WithheldRow[]> {
  return db.select().from(withheldParts).where(eq(withheldParts.meetingId, meetingId)).orderBy(asc(withheldParts.createdAt));
}

export async function upsertWithheld(tx: Database, row: typeof withheldParts.$inferInsert): Promise<void> {
  await tx
    .insert(withheldParts)
    .values(row)
    .onConflictDoUpdate({ target: [withheldParts.targetKind, withheldParts.targetId], set: { reason: row.reason, showTitle: row.showTitle ?? false, createdBy: row.createdBy } });
}

export async function deleteWithheld(tx: Database, meetingId: string, targetId: string): Promise<boolean> {
  const deleted = await tx.delete(withheldParts).where(and(eq(withheldParts.meetingId, meetingId), eq(withheldParts.targetId, targetId))).returning();
  return deleted.length > 0;
}

export async function findHold(db: Database, meetingId: string): Promise<{ blocking: number } | null> {
  const [row] = await db.select({ blocking: publicationHolds.blocking }).from(publicationHolds).where(eq(publicationHolds.meetingId, meetingId));
  return row ?? null;
}

/** Puts minutes on hold with the number of blocking findings, or lifts the hold when there are none. */
export async function setHold(tx: Database, meetingId: string, blocking: number): Promise<void> {
  if (blocking === 0) {
    await tx.delete(publicationHolds).where(eq(publicationHolds.meetingId, meetingId));
    return;
  }
  await tx
    .insert(publicationHolds)
    .values({ meetingId, blocking })
    .onConflictDoUpdate({ target: publicationHolds.meetingId, set: { blocking, checkedAt: sql`now()` } });
}

/** Replaces the masked search texts of a meeting's §§ (only §§ with maskings have one). */
export async function replaceParagraphPublicTexts(
  tx: Database,
  meetingId: string,
  rows: { paragraphId: string; title: string; decisions: string[]; bodyText: string }[],
): Promise<void> {
  await tx.execute(sql`delete from paragraph_public_texts where paragraph_id in (select id from paragraphs where meeting_id = ${meetingId})`);
  if (rows.length > 0) await tx.insert(paragraphPublicTexts).values(rows);
}

/** Whether any § of the meeting has masked search texts. */
export async function hasPublicTexts(db: Database, meetingId: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(db, sql`select exists (select 1 from paragraph_public_texts t join paragraphs p on p.id = t.paragraph_id where p.meeting_id = ${meetingId}) as found`);
  return row?.found === true;
}

/** Rebuilds the search documents of a meeting's §§ (0019's search_refresh_paragraphs reads holds, withheld parts and masked texts). */
export async function refreshSearchOfMeeting(tx: Database, meetingId: string): Promise<void> {
  await tx.execute(sql`select search_refresh_paragraphs(array(select id from paragraphs where meeting_id = ${meetingId}))`);
}

/** The attachments of a meeting's §§ with their extracted text, in document order. */
export interface AttachmentTextRow {
  id: string;
  paragraphId: string;
  title: string;
  fileId: string | null;
  text: string | null;
}

export async function listAttachmentTexts(db: Database, meetingId: string): Promise<AttachmentTextRow[]> {
  return queryRows<AttachmentTextRow>(
    db,
    sql`select a.id, a.paragraph_id as "paragraphId", a.title, a.file_id as "fileId", f.text_content as "text"
        from ${paragraphAttachments} a join ${paragraphs} p on p.id = a.paragraph_id left join files f on f.id = a.file_id
        where p.meeting_id = ${meetingId} order by p.position, a.position`,
  );
}

/** Whether an attachment may be handed out publicly: not withheld and without maskings of its text. */
export async function isAttachmentWithheld(db: Database, attachmentId: string): Promise<boolean> {
  const [row] = await queryRows<{ withheld: boolean }>(
    db,
    sql`select exists (select 1 from withheld_parts w where w.target_kind = 'attachment' and w.target_id = ${attachmentId}::uuid)
        or exists (select 1 from personal_data_maskings k where k.target_kind = 'attachment' and k.target_id = ${attachmentId}) as withheld`,
  );
  return row?.withheld === true;
}

/** Records that a meeting's minutes were scanned for personal data. */
export async function markScanned(tx: Database, meetingId: string): Promise<void> {
  await tx.insert(personalDataScans).values({ meetingId }).onConflictDoNothing();
}

/** Adjusted (or archived) minutes never scanned: those adjusted before migration 0019. */
export async function listUnscannedPublicMeetings(db: Database): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select m.id from meetings m where m.status in ('adjusted', 'archived') and not exists (select 1 from personal_data_scans s where s.meeting_id = m.id) order by m.held_on, m.id`,
  );
  return rows.map((r) => r.id);
}
