/**
 * The text inside an underlag (a file attached to a §), for internal searches (docs/search.md, "Public
 * and internal"): the PDF text layer and DOCX text with the importer's readers, plain text as it is.
 * Other types (images, spreadsheets, ODT) and scans have none. Extraction is bounded in size, in
 * unpacked size (a DOCX is a ZIP), in time and in memory (a worker thread, import/extract-in-worker.ts),
 * and never fails: a file that cannot be read safely gives null, and the upload goes on without text.
 */
import { checkZipLimits, extractTextInWorker } from '../import/index.ts';

/** Files larger than this are stored without text (a 20 MB PDF is mostly images). */
export const MAX_EXTRACTED_FILE_BYTES = 10 * 1024 * 1024;
/** Extraction that takes longer is given up, and its worker ended. */
export const EXTRACTION_TIMEOUT_MS = 15_000;
/** The heap of the worker that reads one underlag. */
export const EXTRACTION_HEAP_MB = 256;
/** The text kept of one file, in characters: a tsvector must stay below 1 MB. */
export const MAX_EXTRACTED_CHARACTERS = 200_000;

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TEXT = 'text/plain';

// Characters PostgreSQL text cannot hold (NUL) or that mean nothing in a search, and lone surrogates.
const unsafeCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Whether files of this content type have text that can be extracted. */
export function hasExtractableText(contentType: string): boolean {
  return [PDF, DOCX, TEXT].includes(normalisedType(contentType));
}

/**
 * The searchable text of a file, or null when it has none, is too large (packed or unpacked), cannot be
 * read, takes more than `timeoutMs` or more than `maxHeapMb` of memory. Whitespace is collapsed within
 * lines and the text cut at MAX_EXTRACTED_CHARACTERS.
 */
export async function extractUnderlagText(
  bytes: Uint8Array,
  contentType: string,
  options: { name?: string; timeoutMs?: number; maxBytes?: number; maxHeapMb?: number } = {},
): Promise<string | null> {
  const type = normalisedType(contentType);
  if (!hasExtractableText(type) || bytes.byteLength === 0 || bytes.byteLength > (options.maxBytes ?? MAX_EXTRACTED_FILE_BYTES)) return null;
  const name = options.name ?? 'underlag';
  try {
    if (type === TEXT) return cleanText(decodeText(bytes));
    if (type === DOCX) checkZipLimits(bytes, name, 'DOCX');
    const limits = { timeoutMs: options.timeoutMs ?? EXTRACTION_TIMEOUT_MS, maxHeapMb: options.maxHeapMb ?? EXTRACTION_HEAP_MB };
    return cleanText(await extractTextInWorker(bytes, type === PDF ? 'pdf' : 'docx', name, limits));
  } catch {
    // The member's document is stored all the same; only its text is missing from internal search.
    return null;
  }
}

function normalisedType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Windows-1252, as old Windows programs wrote it. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function cleanText(text: string): string | null {
  const cleaned = text
    .normalize('NFC')
    .replace(unsafeCharacters, ' ')
    .replace(/[ \t\u00a0]+/gu, ' ')
    .replace(/ *\r?\n */gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  if (cleaned === '') return null;
  if (cleaned.length <= MAX_EXTRACTED_CHARACTERS) return cleaned;
  // Cut at a character boundary, not inside a surrogate pair.
  const cut = cleaned.slice(0, MAX_EXTRACTED_CHARACTERS);
  return /[\uD800-\uDBFF]$/u.test(cut) ? cut.slice(0, -1) : cut;
}
