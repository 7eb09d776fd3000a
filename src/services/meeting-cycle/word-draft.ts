/**
 * Word import of a draft § text (issue 19): a secretary who wrote the ärendebeskrivning in Word takes its
 * text into the § form instead of copying it by hand. Nothing is stored here: the text fills the form, and
 * the secretary reads it and saves through the form as usual (with its version check and audit event).
 * The file is read with the underlag reader's limits (size, unpacked size, time and memory in a worker).
 */
import { InputError, NotFoundError } from '../../errors.ts';
import { extractUnderlagText } from '../../search/underlag-text.ts';
import { findMeetingById } from '../../storage/index.ts';
import { findParagraphById } from '../../storage/meeting-cycle.store.ts';
import type { Database } from '../../storage/database.ts';
import { requireSecretaryOf } from '../access.ts';
import type { Actor } from './common.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The text of a Word document (.docx) for the § `paragraphId`, which the actor must be the secretary of. */
export async function readParagraphDraftFromWord(db: Database, paragraphId: string, file: { bytes: Uint8Array; name: string }, actor: Actor): Promise<string> {
  const paragraph = await findParagraphById(db, paragraphId);
  const meeting = paragraph ? await findMeetingById(db, paragraph.meetingId) : null;
  const notFound = () => new NotFoundError('paragraph_not_found', `no § with id ${paragraphId}`, { paragraphId });
  if (!paragraph || !meeting) throw notFound();
  await requireSecretaryOf(db, actor, { bodyId: meeting.bodyId }, notFound);
  // A DOCX is a ZIP: anything else (an old .doc, a PDF renamed) is refused by what it is, not by its name.
  const isZip = file.bytes.byteLength > 4 && file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
  if (!isZip) throw new InputError({ path: 'file', code: 'not_docx', message: `${file.name || 'the file'} is not a Word document (.docx)` });
  const text = await extractUnderlagText(file.bytes, DOCX, { name: file.name });
  if (!text?.trim()) throw new InputError({ path: 'file', code: 'unreadable_docx', message: `${file.name || 'the file'} has no text that could be read` });
  return text.trim();
}
