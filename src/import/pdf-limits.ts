/**
 * A PDF's streams are compressed, and pdfjs inflates a content stream whole, into memory that the
 * worker's heap limit does not count (array buffers). A 1 MB PDF can hold a stream that inflates to
 * gigabytes. Before pdfjs reads a PDF, every compressed stream that text extraction reads (not images,
 * which it skips) is inflated with a cap, so such a file is refused with its limit named.
 */
import { inflateSync } from 'node:zlib';
import { InputError } from '../errors.ts';

/** The most one stream may inflate to: a page's text is kilobytes, a large embedded font a few MB. */
export const MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024;
/** The most all such streams together may inflate to. */
export const MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Refuses a PDF whose Flate streams (other than images) inflate beyond the limits. */
export function verifyPdfStreamSizes(bytes: Uint8Array, name: string): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const streamStart = /(?<!end)stream\r?\n/gu;
  let total = 0;
  let previousEnd = 0;
  for (let match = streamStart.exec(text); match; match = streamStart.exec(text)) {
    const dataStart = match.index + match[0].length;
    const dataEnd = text.indexOf('endstream', dataStart);
    if (dataEnd < 0) break;
    // The stream's dictionary is what lies between the end of the previous stream and this one's keyword.
    const dictionary = text.slice(Math.max(previousEnd, text.lastIndexOf(' obj', match.index)), match.index);
    previousEnd = dataEnd;
    streamStart.lastIndex = dataEnd + 'endstream'.length;
    if (!dictionary.includes('/FlateDecode') || /\/Subtype\s*\/Image/u.test(dictionary)) continue;
    const cap = Math.min(MAX_PDF_STREAM_BYTES, MAX_PDF_INFLATED_BYTES - total);
    try {
      total += inflateSync(bytes.subarray(dataStart, dataEnd), { maxOutputLength: cap, finishFlush: 2 /* Z_SYNC_FLUSH: accept a stream without its end */ }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue; // broken data: pdfjs decides
      const message =
        cap === MAX_PDF_STREAM_BYTES
          ? `has a compressed stream that unpacks to more than ${megabytes(cap)}; the limit is ${megabytes(cap)} per stream`
          : `has compressed streams that unpack to more than ${megabytes(MAX_PDF_INFLATED_BYTES)}; the limit is ${megabytes(MAX_PDF_INFLATED_BYTES)} in all`;
      throw new InputError({ path: name, code: 'pdf_too_large', message });
    }
  }
}
