/**
 * DOCX, XLSX and ODT files are ZIP archives, and a 1 MB archive can unpack to gigabytes (a zip bomb).
 * Their central directory states every entry's packed and unpacked size, so an archive is judged from
 * those numbers before any reader inflates a byte (`checkZipLimits`). A lying directory, stating smaller
 * sizes than the data really unpacks to, is caught by `verifyZipSizes`, which inflates each entry with
 * its stated size as the cap, inside the extraction worker (extract-in-worker.ts).
 */
import { inflateRawSync } from 'node:zlib';
import { InputError, type Problem } from '../errors.ts';

/** The most one entry may unpack to: a document.xml of 50 MB is already a book of tens of thousands of pages. */
export const MAX_ZIP_ENTRY_BYTES = 50 * 1024 * 1024;
/** The most all entries together may unpack to (images in a DOCX are stored, not inflated, but count here). */
export const MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024;
/** Office documents have tens of parts; thousands of entries is an archive, not a document. */
export const MAX_ZIP_ENTRIES = 2_000;
/** XML packs 5–20 times; a ratio above this for an entry over 1 MB is a bomb, not a document. */
export const MAX_ZIP_RATIO = 200;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_MARKER = 0xffffffff;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Refuses, with an InputError naming the file and each limit broken, a ZIP archive that would unpack to
 * more than the limits, has too many entries or a suspicious compression ratio, or has no readable
 * central directory. `kind` names the format in messages and codes ('DOCX' → `unreadable_docx`).
 */
export function checkZipLimits(bytes: Uint8Array, name: string, kind = 'ZIP'): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unreadable = (why: string) =>
    new InputError({ path: name, code: `unreadable_${kind.toLowerCase()}`, message: `is not a readable ${kind} document (${why})` });

  // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('no ZIP central directory');
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directoryOffset === ZIP64_MARKER) {
    throw new InputError({ path: name, code: 'zip_too_large', message: `is a ZIP64 archive, which no document within the limit of ${megabytes(MAX_ZIP_TOTAL_BYTES)} needs` });
  }
  if (directoryOffset + directorySize > end) throw unreadable('the central directory lies outside the file');

  const problems: Problem[] = [];
  if (entryCount > MAX_ZIP_ENTRIES) {
    problems.push({ path: name, code: 'zip_too_many_entries', message: `has ${entryCount} entries; the limit is ${MAX_ZIP_ENTRIES}` });
  }
  let total = 0;
  let at = directoryOffset;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < Math.min(entryCount, MAX_ZIP_ENTRIES + 1); i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw unreadable('a broken central directory');
    const packed = view.getUint32(at + 20, true);
    const unpacked = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name: entry, method: view.getUint16(at + 10, true), packed, unpacked, localOffset: view.getUint32(at + 42, true) });
    at += 46 + nameLength + extraLength + commentLength;
    if (packed === ZIP64_MARKER || unpacked === ZIP64_MARKER) {
      problems.push({ path: name, code: 'zip_too_large', message: `${entry} is a ZIP64 entry, larger than the limit of ${megabytes(MAX_ZIP_ENTRY_BYTES)}` });
      continue;
    }
    total += unpacked;
    if (unpacked > MAX_ZIP_ENTRY_BYTES) {
      problems.push({ path: name, code: 'zip_entry_too_large', message: `${entry} unpacks to ${megabytes(unpacked)}; the limit is ${megabytes(MAX_ZIP_ENTRY_BYTES)} per entry` });
    } else if (unpacked > 1024 * 1024 && unpacked > packed * MAX_ZIP_RATIO) {
      problems.push({ path: name, code: 'zip_ratio_too_high', message: `${entry} unpacks ${Math.round(unpacked / Math.max(1, packed))} times its packed size; the limit is ${MAX_ZIP_RATIO} times` });
    }
  }
  // An entry over its own limit already says why; the total adds nothing then.
  if (total > MAX_ZIP_TOTAL_BYTES && problems.length === 0) {
    problems.push({ path: name, code: 'zip_too_large', message: `unpacks to ${megabytes(total)} in all; the limit is ${megabytes(MAX_ZIP_TOTAL_BYTES)}` });
  }
  if (problems.length) throw new InputError(problems);
  return entries;
}

/** An entry of a ZIP central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  packed: number;
  unpacked: number;
  localOffset: number;
}

/**
 * `checkZipLimits`, then inflates every deflated entry with its stated size as the cap, so an archive
 * whose directory understates what its data unpacks to is refused before a reader holds the result.
 * Costs one inflation of at most MAX_ZIP_TOTAL_BYTES; run it where that may take time (the worker).
 */
export function verifyZipSizes(bytes: Uint8Array, name: string, kind = 'ZIP'): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of checkZipLimits(bytes, name, kind)) {
    if (entry.method !== 8) continue;
    const local = entry.localOffset;
    if (local + 30 > bytes.byteLength) continue; // the reader will call the file broken
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    try {
      inflateRawSync(bytes.subarray(start, start + entry.packed), { maxOutputLength: Math.max(1, entry.unpacked) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue; // broken data: the reader says so
      throw new InputError({
        path: name,
        code: 'zip_entry_too_large',
        message: `${entry.name} unpacks to more than the ${megabytes(entry.unpacked)} its directory states; the file is refused`,
      });
    }
  }
}

/** One file of an uploaded zip: its bytes, or why it cannot be taken out (`bytes` null). */
export interface ZipFile {
  name: string;
  bytes: Uint8Array | null;
  reason: string | null;
}

/**
 * The files of an uploaded zip (a folder of minutes), each inflated with its stated size as the cap after
 * the whole archive passed checkZipLimits: a bomb or a broken directory refuses the zip with an InputError,
 * while one entry that cannot be read (another compression method, broken data, a lying size) is returned
 * with its reason and the rest are kept. Folders, and the hidden files of macOS and Windows, are left out.
 */
export function readZipEntries(bytes: Uint8Array, name: string): ZipFile[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: ZipFile[] = [];
  for (const entry of checkZipLimits(bytes, name, 'ZIP')) {
    const base = entry.name.split('/').pop() ?? '';
    if (entry.name.endsWith('/') || base === '' || base.startsWith('.') || entry.name.startsWith('__MACOSX/') || base === 'Thumbs.db') continue;
    const fail = (why: string) => out.push({ name: entry.name, bytes: null, reason: `${entry.name}: ${why}` });
    const local = entry.localOffset;
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== 0x04034b50) {
      fail('the zip entry is broken');
      continue;
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + entry.packed);
    if (entry.method === 0) {
      out.push({ name: entry.name, bytes: data.slice(), reason: null });
    } else if (entry.method === 8) {
      try {
        const inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.unpacked) });
        if (inflated.byteLength !== entry.unpacked) fail(`unpacks to ${inflated.byteLength} bytes, not the ${entry.unpacked} its directory states`);
        else out.push({ name: entry.name, bytes: new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength), reason: null });
      } catch (error) {
        fail((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `unpacks to more than the ${megabytes(entry.unpacked)} its directory states` : 'the compressed data is broken');
      }
    } else {
      fail(`uses compression method ${entry.method}; only stored and deflated entries are read`);
    }
  }
  return out;
}
