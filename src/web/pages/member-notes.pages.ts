/**
 * The member's private notes on the web: one route that saves (or, with empty text, deletes) the viewer's
 * note on an item or document of a meeting and goes back to the form. The use case
 * (services/member-notes.service) checks that the viewer may read the meeting and that the item or
 * document is the meeting's; the notes are drawn by member-notes.view on the member's meeting page.
 */
import type { FastifyInstance } from 'fastify';
import type { Viewer } from '../../services/accounts.service.ts';
import { listNotes, saveNote } from '../../services/member-notes.service.ts';
import type { Database } from '../../services/system.service.ts';
import { requireViewer } from '../context.ts';
import type { WebDependencies } from '../index.ts';
import { noteAnchor, notesFlashFrom, type NotesOnPage } from './member-notes.view.ts';


/** What the member's meeting page needs to draw the viewer's notes: their own notes and the status query. */
export async function notesOnPage(db: Database, viewer: Viewer, meetingId: string, query: { anteckning?: string; vid?: string }): Promise<NotesOnPage> {
  return { notes: await listNotes(db, viewer, meetingId), flash: notesFlashFrom(query) };
}

export async function registerMemberNotePages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  app.post('/mina-sammantraden/:meetingId/anteckningar', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const place = { paragraphId: form.get('paragraphId') || null, fileId: form.get('fileId') || null };
    const { saved } = await saveNote(db, viewer, { meetingId, ...place, text: form.get('text') ?? '' });
    const anchor = noteAnchor(place);
    const status = saved ? 'sparad' : 'borttagen';
    return reply.redirect(`/mina-sammantraden/${meetingId}?anteckning=${status}&vid=${anchor}#${anchor}`, 303);
  });
}
