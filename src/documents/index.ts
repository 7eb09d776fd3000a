/**
 * The documents module: renders minutes, extracts and notices of meeting as accessible HTML and as
 * tagged PDF/A-2a. Input is always plain data (the minutes interchange object, or a NoticeOfMeeting),
 * so the same renderers serve `protokoll render` and the export of a stored meeting.
 */
import type { Minutes } from '../domain/minutes.ts';
import { buildMinutesContent, type MinutesRenderOptions } from './minutes-content.ts';
import { writePdf, type PdfRenderOptions } from './pdf-writer.ts';

export type { MinutesRenderOptions } from './minutes-content.ts';
export type { PdfRenderOptions } from './pdf-writer.ts';

/** Options of renderMinutesPdf. */
export type MinutesPdfOptions = MinutesRenderOptions & PdfRenderOptions;

/** The protocol as a tagged PDF/A-2a on A4. */
export function renderMinutesPdf(minutes: Minutes, options: MinutesPdfOptions = {}): Promise<Buffer> {
  return writePdf(buildMinutesContent(minutes, options), options);
}
