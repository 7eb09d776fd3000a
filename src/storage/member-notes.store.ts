/** A member's private notes (migration 0017): read, written and deleted only for the one user. */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Database } from './database.ts';
import { memberNotes } from './schema.ts';

export type MemberNoteRow = typeof memberNotes.$inferSelect;

export interface NotePlace {
  userId: string;
  meetingId: string;
  paragraphId: string | null;
  fileId: string | null;
}

function atPlace(place: NotePlace): SQL {
  return and(
    eq(memberNotes.userId, place.userId),
    eq(memberNotes.meetingId, place.meetingId),
    place.paragraphId === null ? isNull(memberNotes.paragraphId) : eq(memberNotes.paragraphId, place.paragraphId),
    place.fileId === null ? isNull(memberNotes.fileId) : eq(memberNotes.fileId, place.fileId),
  )!;
}

/** Writes the user's note at its place, replacing the one there; returns whether it was new. */
export async function upsertMemberNote(db: Database, place: NotePlace, text: string, at: Date): Promise<{ created: boolean; id: string }> {
  const updated = await db.update(memberNotes).set({ text, updatedAt: at }).where(atPlace(place)).returning({ id: memberNotes.id });
  if (updated[0]) return { created: false, id: updated[0].id };
  const [inserted] = await db.insert(memberNotes).values({ ...place, text, updatedAt: at }).returning({ id: memberNotes.id });
  return { created: true, id: inserted!.id };
}

/** Deletes the user's note at its place; the id of the one deleted, or null when there was none. */
export async function deleteMemberNote(db: Database, place: NotePlace): Promise<string | null> {
  const rows = await db.delete(memberNotes).where(atPlace(place)).returning({ id: memberNotes.id });
  return rows[0]?.id ?? null;
}

/** The notes one user keeps on one meeting; never another user's. */
export async function listMemberNotes(db: Database, userId: string, meetingId: string): Promise<MemberNoteRow[]> {
  return db
    .select()
    .from(memberNotes)
    .where(and(eq(memberNotes.userId, userId), eq(memberNotes.meetingId, meetingId)))
    .orderBy(asc(memberNotes.updatedAt));
}
