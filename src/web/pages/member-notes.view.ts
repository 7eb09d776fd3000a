/**
 * A member's private notes drawn on their view of a meeting (issue 19): under each agenda item and beside
 * each document, a small form "Min anteckning" with the note kept. Plain forms that post and come back to
 * the same place (no JavaScript); each form has its own ids, since a page holds many.
 */
import type { MeetingOverview } from '../../services/meeting-cycle.service.ts';
import { NOTE_MAX_LENGTH, type MemberNote } from '../../services/member-notes.service.ts';
import type { PageContext } from '../context.ts';
import { instant } from '../format.ts';
import { csrfField } from '../forms.ts';
import { html, nonEmpty, type Html } from '../html.ts';
import { documentHref } from './documents.pages.ts';

/** The viewer's notes on one meeting, and the place just saved (for the status message). */
export interface NotesOnPage {
  notes: MemberNote[];
  /** The anchor of the form just saved, with what happened there. */
  flash: { at: string; deleted: boolean } | null;
}

/** Where the note form of an item or a document sits on the page (the redirect's fragment). */
export function noteAnchor(place: { paragraphId?: string | null; fileId?: string | null }): string {
  return place.fileId ? `anteckning-fil-${place.fileId}` : `anteckning-${place.paragraphId ?? 'sammantradet'}`;
}

/** Reads the status query the note route redirects with (?anteckning=sparad|borttagen&vid=anchor). */
export function notesFlashFrom(query: { anteckning?: string; vid?: string }): NotesOnPage['flash'] {
  if (!query.vid || !/^anteckning-[a-z0-9-]+$/.test(query.vid)) return null;
  if (query.anteckning !== 'sparad' && query.anteckning !== 'borttagen') return null;
  return { at: query.vid, deleted: query.anteckning === 'borttagen' };
}

function noteForm(context: PageContext, meetingId: string, page: NotesOnPage, place: { paragraphId: string | null; fileId: string | null }, label: string, accessibleName: string): Html {
  const n = context.t.memberNotes;
  const anchor = noteAnchor(place);
  const note = page.notes.find((x) => x.paragraphId === place.paragraphId && x.fileId === place.fileId);
  const textId = `${anchor}-text`;
  const hintId = `${anchor}-hjalp`;
  const flash = page.flash?.at === anchor ? page.flash : null;
  return html`<form method="post" action="/mina-sammantraden/${meetingId}/anteckningar" class="member-note" id="${anchor}">
  ${csrfField(context)}
  ${place.paragraphId && html`<input type="hidden" name="paragraphId" value="${place.paragraphId}">`}
  ${place.fileId && html`<input type="hidden" name="fileId" value="${place.fileId}">`}
  ${flash && html`<div class="flash" role="status"><p>${flash.deleted ? n.deleted : n.saved}</p></div>`}
  <div class="field">
    <label for="${textId}">${label}</label>
    <p class="hint" id="${hintId}">${n.hint}${note && html` ${n.emptyDeletes}`}</p>
    <textarea id="${textId}" name="text" rows="${note ? '4' : '2'}" maxlength="${String(NOTE_MAX_LENGTH)}" aria-describedby="${hintId}">${note?.text ?? ''}</textarea>
  </div>
  <p class="member-note-actions"><button type="submit" class="button small secondary">${n.save}<span class="visually-hidden"> – ${accessibleName}</span></button>
  ${note && html` <span class="count">${n.updated(instant(note.updatedAt, context.language))}</span>`}</p>
</form>`;
}

/** The note form of one agenda item (§), to put under it. */
export function itemNoteForm(context: PageContext, meetingId: string, page: NotesOnPage, paragraphId: string | undefined, itemLabel: string): Html {
  if (!paragraphId) return html``;
  return noteForm(context, meetingId, page, { paragraphId, fileId: null }, context.t.memberNotes.label, itemLabel);
}

/** The documents of one § as links, each with the member's note form beside it. */
export function documentsWithNotes(context: PageContext, meetingId: string, page: NotesOnPage, documents: MeetingOverview['documents'], paragraphId: string | undefined): Html {
  const mine = documents.filter((d) => d.paragraphId === paragraphId);
  if (!nonEmpty(mine)) return html``;
  return html`<ul class="document-list with-notes" aria-label="${context.t.documents.title}">${mine.map(
    (d) => html`<li><a href="${documentHref(meetingId, d.fileId)}">${d.title}</a>
    ${noteForm(context, meetingId, page, { paragraphId: null, fileId: d.fileId }, context.t.memberNotes.labelOn(d.title), d.title)}</li>`,
  )}</ul>`;
}
