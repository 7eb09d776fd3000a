/**
 * Private notes (issue 19): a member keeps a note on a meeting's agenda item (§) or one of its documents
 * while reading the kallelse. A note belongs to the user who wrote it and to nobody else: no other member,
 * no secretary, no administrator reads it, and it is in no export, feed or open data (docs/decisions.md,
 * 2026-12-04). Every use case reads and writes the viewer's own notes only; there is no way to name
 * another user.
 */
import { InputError, NotFoundError } from '../errors.ts';
import {
  appendAuditEvent,
  deleteMemberNote,
  findParagraphById,
  inTransaction,
  listMemberNotes,
  listStoredAttachments,
  upsertMemberNote,
  type Database,
} from '../storage/index.ts';
import { requireMemberOfMeeting, type Viewer } from './accounts.service.ts';

/** The longest note kept, in characters. */
export const NOTE_MAX_LENGTH = 10_000;

export interface MemberNote {
  paragraphId: string | null;
  fileId: string | null;
  text: string;
  updatedAt: Date;
}

export interface SaveNoteInput {
  meetingId: string;
  paragraphId?: string | null;
  fileId?: string | null;
  text: string;
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/**
 * Writes the viewer's note on a § or document of a meeting the viewer may read as a member; empty text
 * deletes it. The § or document must belong to the meeting, so that no id of another meeting can be probed.
 */
export async function saveNote(db: Database, viewer: Viewer | null, input: SaveNoteInput): Promise<{ saved: boolean; deleted: boolean }> {
  if (!isUuid(input.meetingId)) throw new NotFoundError('meeting_not_found', `no meeting ${input.meetingId}`);
  await requireMemberOfMeeting(db, viewer, input.meetingId);
  const user = viewer!;
  const paragraphId = input.paragraphId ? input.paragraphId : null;
  const fileId = input.fileId ? input.fileId : null;
  const text = input.text.replace(/\r\n/g, '\n').trim();
  if (text.length > NOTE_MAX_LENGTH) {
    throw new InputError({ path: 'text', code: 'too_long', message: `a note holds at most ${NOTE_MAX_LENGTH} characters` });
  }
  return inTransaction(db, async (tx) => {
    if (paragraphId !== null) {
      const paragraph = isUuid(paragraphId) ? await findParagraphById(tx, paragraphId) : null;
      if (!paragraph || paragraph.meetingId !== input.meetingId) {
        throw new NotFoundError('paragraph_not_found', `no item ${paragraphId} in meeting ${input.meetingId}`);
      }
    }
    if (fileId !== null) {
      const documents = isUuid(fileId) ? await listStoredAttachments(tx, input.meetingId) : [];
      // With a § named too, the document must be that §'s.
      if (!documents.some((d) => d.fileId === fileId && (paragraphId === null || d.paragraphId === paragraphId))) throw new NotFoundError('file_not_found', `no document ${fileId} in meeting ${input.meetingId}`);
    }
    const place = { userId: user.id, meetingId: input.meetingId, paragraphId, fileId };
    // The audit entry names the place by ids only, never the text: the audit log is read by
    // administrators (and kept in exports of the log), and a note is private to its author.
    const audit = { paragraphId, fileId };
    if (text === '') {
      const deletedId = await deleteMemberNote(tx, place);
      if (deletedId) await appendAuditEvent(tx, { kind: 'member_note.deleted', entityType: 'meeting', entityId: input.meetingId, actor: user.id, data: { noteId: deletedId, ...audit } });
      return { saved: false, deleted: deletedId !== null };
    }
    const { id } = await upsertMemberNote(tx, place, text, new Date());
    await appendAuditEvent(tx, { kind: 'member_note.saved', entityType: 'meeting', entityId: input.meetingId, actor: user.id, data: { noteId: id, ...audit } });
    return { saved: true, deleted: false };
  });
}

/** The viewer's own notes on a meeting they may read as a member; nobody else's, whoever asks. */
export async function listNotes(db: Database, viewer: Viewer | null, meetingId: string): Promise<MemberNote[]> {
  await requireMemberOfMeeting(db, viewer, meetingId);
  const rows = await listMemberNotes(db, viewer!.id, meetingId);
  return rows.map((r) => ({ paragraphId: r.paragraphId, fileId: r.fileId, text: r.text, updatedAt: r.updatedAt }));
}
