/**
 * The documents module: renders minutes, extracts and notices of meeting as accessible HTML and as
 * tagged PDF/A-2a. Input is always plain data (the minutes interchange object, or a NoticeOfMeeting),
 * so the same renderers serve `protokoll render` and the export of a stored meeting.
 */
import type { Minutes } from '../domain/minutes.ts';
import { buildExtractContent, type ExtractOptions } from './extract-content.ts';
import { writeDocx } from './docx-writer.ts';
import { writeHtml } from './html-writer.ts';
import { buildMinutesContent, type MinutesRenderOptions } from './minutes-content.ts';
import { buildNoticeOfMeetingContent, type NoticeOfMeeting } from './notice-of-meeting.ts';
import { writePdf, type PdfRenderOptions } from './pdf-writer.ts';

export type { MinutesRenderOptions, SignatureRecord } from './minutes-content.ts';
export type { PdfRenderOptions } from './pdf-writer.ts';
export type { ExtractOptions } from './extract-content.ts';
export type { AgendaItem, InvitedPerson, NoticeOfMeeting } from './notice-of-meeting.ts';

/** Options of renderMinutesPdf. */
export type MinutesPdfOptions = MinutesRenderOptions & PdfRenderOptions;
/** Options of renderExtractPdf. */
export type ExtractPdfOptions = ExtractOptions & PdfRenderOptions;

/** The protocol as a tagged PDF/A-2a on A4. */
export async function renderMinutesPdf(minutes: Minutes, options: MinutesPdfOptions = {}): Promise<Buffer> {
  return writePdf(buildMinutesContent(minutes, options), options);
}

/** The protocol as one self-contained HTML page. */
export function renderMinutesHtml(minutes: Minutes, options: MinutesRenderOptions = {}): string {
  return writeHtml(buildMinutesContent(minutes, options));
}

/** The protocol as an editable Word document (.docx), same words and order as the PDF. */
export async function renderMinutesDocx(minutes: Minutes, options: MinutesRenderOptions = {}): Promise<Buffer> {
  return writeDocx(buildMinutesContent(minutes, options));
}

/** A certified extract (protokollsutdrag) of chosen §§ as PDF; unknown §§ raise an InputError. */
export async function renderExtractPdf(minutes: Minutes, options: ExtractPdfOptions): Promise<Buffer> {
  return writePdf(buildExtractContent(minutes, options), options);
}

/** A certified extract (protokollsutdrag) of chosen §§ as HTML; unknown §§ raise an InputError. */
export function renderExtractHtml(minutes: Minutes, options: ExtractOptions): string {
  return writeHtml(buildExtractContent(minutes, options));
}

/** A notice of meeting (kallelse) with its agenda as PDF. */
export async function renderNoticeOfMeetingPdf(notice: NoticeOfMeeting, options: PdfRenderOptions = {}): Promise<Buffer> {
  return writePdf(buildNoticeOfMeetingContent(notice), options);
}

/** A notice of meeting (kallelse) with its agenda as an editable Word document (.docx). */
export async function renderNoticeOfMeetingDocx(notice: NoticeOfMeeting): Promise<Buffer> {
  return writeDocx(buildNoticeOfMeetingContent(notice));
}

/** A notice of meeting (kallelse) with its agenda as HTML. */
export function renderNoticeOfMeetingHtml(notice: NoticeOfMeeting): string {
  return writeHtml(buildNoticeOfMeetingContent(notice));
}
