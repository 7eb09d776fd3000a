/**
 * Reads a minutes file from disk: refuses what it cannot read (too large, empty, binary, a scan in which OCR
 * finds no text) with an InputError that names the file and the reason, extracts the text, and parses it.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Minutes } from '../domain/minutes.ts';
import { InputError } from '../errors.ts';
import { extractTextInWorker, type ExtractionLimits } from './extract-in-worker.ts';
import type { PdfPage } from './extract-pdf.ts';
import { ocrPdfPages, summariseOcr, type OcrSummary } from './ocr.ts';
import { parseMinutesText } from './parse-minutes-text.ts';
import { checkZipLimits } from './zip-limits.ts';

/** Files above this size are refused before they are read: minutes are kilobytes, not tens of megabytes. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

function refuse(path: string, code: string, message: string, cause?: unknown): InputError {
  return new InputError({ path, code, message }, cause === undefined ? undefined : { cause });
}

type Format = 'pdf' | 'docx' | 'text';

function formatOf(bytes: Uint8Array): Format | 'binary' {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return 'docx';
  // Text: no NUL bytes and valid UTF-8 (or mostly printable Latin-1) in the first 64 KiB.
  const sample = bytes.subarray(0, 65536);
  if (sample.includes(0)) return 'binary';
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) control++;
  return control > sample.length * 0.01 ? 'binary' : 'text';
}

function decodeText(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // Windows-1252 files decode with replacement characters; Latin-1 keeps their å, ä and ö.
  if ((utf8.match(/\uFFFD/gu)?.length ?? 0) > 3) return Buffer.from(bytes).toString('latin1');
  return utf8;
}

/** The text of a minutes file, and what OCR did when some of its pages were scans. */
export interface MinutesDocument {
  text: string;
  ocr?: OcrSummary;
}

/**
 * Reads and extracts the text of a minutes file, refusing unreadable files with an InputError. PDF and
 * DOCX are read in a worker within `limits` (extract-in-worker.ts), a DOCX only after its ZIP directory
 * passed the size limits (zip-limits.ts).
 */
export async function readMinutesText(path: string, limits: Partial<ExtractionLimits> = {}): Promise<string> {
  return (await readMinutesDocument(path, limits)).text;
}

/** As readMinutesText, and PDF pages without a text layer are read by OCR (ocr.ts), whose confidence is kept. */
export async function readMinutesDocument(path: string, limits: Partial<ExtractionLimits> = {}): Promise<MinutesDocument> {
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw refuse(name, 'not_a_file', 'is not a file');
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw refuse(name, 'file_not_readable', `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, error);
  }
  if (size > MAX_FILE_BYTES) {
    throw refuse(name, 'file_too_large', `is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 50 MB`);
  }
  if (size === 0) throw refuse(name, 'empty_file', 'is empty');
  const handle = await open(path, 'r');
  let bytes: Uint8Array;
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const format = formatOf(bytes);
  if (format === 'binary') throw refuse(name, 'unsupported_file', 'is a binary file, not text, PDF or DOCX');
  if (format === 'pdf') return readPdf(bytes, name, limits);
  if (format === 'docx') {
    checkZipLimits(bytes, name, 'DOCX');
    return { text: await extractTextInWorker(bytes, 'docx', name, limits) };
  }
  const text = decodeText(bytes);
  if (text.trim() === '') throw refuse(name, 'empty_file', 'contains only whitespace');
  return { text };
}

/** Fewer letters than this in the whole document: nothing to parse. */
const MIN_LETTERS = 20;
const letters = (text: string) => text.replace(/\s+/gu, '').length;

async function readPdf(bytes: Uint8Array, name: string, limits: Partial<ExtractionLimits>): Promise<MinutesDocument> {
  const pages = JSON.parse(await extractTextInWorker(bytes, 'pdf-pages', name, limits)) as PdfPage[];
  const texts = pages.map((p) => p.text);
  const scanned = pages.flatMap((page, k) => (page.scanned ? [k + 1] : []));
  if (scanned.length === 0) {
    if (letters(texts.join('')) < MIN_LETTERS) throw refuse(name, 'no_text_layer', 'is a PDF without a text layer and without a scanned image');
    return { text: texts.join('\n\n') };
  }
  const read = await ocrPdfPages(bytes, name, scanned);
  read.forEach((page, k) => (texts[scanned[k]! - 1] = page.text));
  const text = texts.join('\n\n');
  if (letters(text) < MIN_LETTERS) throw refuse(name, 'no_text_layer', 'is a PDF without a text layer, and OCR found no text in it');
  return { text, ocr: summariseOcr(scanned, read) };
}

/**
 * Reads one minutes file (.txt, .pdf, .docx) into the interchange format. When pages were read by OCR, the
 * minutes say so in `extraction`, with the mean word confidence and, below OCR_REVIEW_CONFIDENCE, a review mark.
 */
export async function parseMinutesFile(path: string, limits: Partial<ExtractionLimits> = {}): Promise<Minutes> {
  return (await readAndParseMinutesFile(path, limits)).minutes;
}

/** As parseMinutesFile, with the text the minutes were read from (the importer looks for a draft marker in it). */
export async function readAndParseMinutesFile(path: string, limits: Partial<ExtractionLimits> = {}): Promise<{ minutes: Minutes; text: string }> {
  const { text, ocr } = await readMinutesDocument(path, limits);
  const minutes = parseMinutesText(text, { source: basename(path) });
  if (!ocr) return { minutes, text };
  return { minutes: { ...minutes, extraction: { ocrPages: ocr.pages, ocrConfidence: ocr.meanConfidence, needsReview: ocr.needsReview } }, text };
}
