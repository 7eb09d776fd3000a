/**
 * Importing existing minutes: files or folders of .txt, .pdf, .docx (parsed by import/) or .json
 * (interchange documents) become stored meetings. One document is one transaction: the original file
 * and everything parsed from it are stored together or not at all, and a batch goes on past a failure.
 * Importing the same file again changes nothing.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { checkMinutes, describeFinding } from '../domain/legal-checks/index.ts';
import { minutesSchema, type Minutes } from '../domain/minutes.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { InputError, isProtokollError } from '../errors.ts';
import { importedStatusOf, readAndParseMinutesFile, type ImportedStatus } from '../import/index.ts';
import {
  appendAuditEvent,
  findFileBySha256,
  findMeetingBySourceFile,
  inTransaction,
  sha256Of,
  storeFile,
  type Database,
  type DatabaseHandle,
} from '../storage/index.ts';
import { findStoredMeeting, storeMinutes } from './minutes.service.ts';
import { proposeFollowUpFromMeeting } from './follow-up.service.ts';

/** File types the importer reads, with the content type stored for the original. */
export const importableTypes: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.json': 'application/json',
};

export type ImportOutcome =
  | {
      file: string;
      status: 'imported';
      meetingId: string;
      paragraphs: number;
      proposals: { assignments: number; appointments: number; delegatedDecisions: number };
      /** What the legal checks find in the historical minutes: recorded as warnings, never a refusal. */
      findings: ImportFinding[];
    }
  | { file: string; status: 'skipped'; meetingId: string; reason: string }
  | { file: string; status: 'failed'; reason: string };

/** A legal check's finding on imported minutes, as recorded in the audit event of the import. */
export interface ImportFinding {
  code: string;
  /** What the rule would say of minutes made here; on import it is only recorded. */
  severity: 'error' | 'warning';
  paragraph: number | null;
  persons: string[];
  message: string;
}

export interface ImportOptions {
  /** Today in Sweden, for the checks that look at the calendar. */
  today?: string;
  /** Store under the organisation of this name, whatever the minutes say. */
  organizationName?: string;
  actor?: string;
}

export interface ImportSummary {
  imported: number;
  skipped: number;
  failed: number;
  outcomes: ImportOutcome[];
}

/** Lists the importable files under the given files and folders (folders recursively, sorted). */
export function collectImportFiles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (path: string, explicit: boolean) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError({ path, code: 'file_not_found', message: 'no such file or folder' });
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (!entry.startsWith('.')) visit(join(path, entry), false);
      }
    } else if (explicit) {
      // A file named explicitly is kept whatever its type, so that it is reported rather than ignored.
      out.push(path);
    } else if (extname(path).toLowerCase() in importableTypes && !path.endsWith('.expected.json')) {
      // In a folder, '<name>.expected.json' is the annotation of '<name>.txt' beside it, not more minutes.
      out.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  return out;
}

/** Imports one file in one transaction and says what happened; never throws for a bad document. */
export async function importMinutesFile(handle: DatabaseHandle, file: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  try {
    const contentType = contentTypeOf(file);
    const bytes = readFileSync(file);
    const known = await findImportedMeeting(handle, bytes);
    if (known) return { file, status: 'skipped', meetingId: known, reason: 'this file is imported already' };
    const { minutes, text } = await parseImportFile(file);
    const outcome = await storeImportedMinutes(handle, {
      bytes,
      contentType,
      originalName: basename(file),
      minutes,
      storeAs: importedStatusOf(minutes, text).storeAs,
      options,
    });
    return { ...outcome, file };
  } catch (error) {
    if (!isProtokollError(error)) throw error;
    return { file, status: 'failed', reason: describeFailure(error) };
  }
}

/** The content type the original of this file is stored with; refuses a type the importer does not read. */
export function contentTypeOf(file: string): string {
  const extension = extname(file).toLowerCase();
  const contentType = importableTypes[extension];
  if (!contentType) {
    throw new InputError({ path: basename(file), code: 'unsupported_file_type', message: `cannot import ${extension || 'files without an extension'}; use .txt, .pdf, .docx or .json` });
  }
  return contentType;
}

/** The meeting already imported from these exact bytes, if any. */
export async function findImportedMeeting(handle: DatabaseHandle, bytes: Uint8Array): Promise<string | null> {
  const known = await findFileBySha256(handle.db, sha256Of(bytes));
  return known ? ((await findMeetingBySourceFile(handle.db, known.id))?.id ?? null) : null;
}

/**
 * Reads one file into minutes (text, PDF and DOCX parsed by import/, .json validated as an interchange
 * document), with the text they were read from (null for .json), in which import/document-status.ts looks
 * for a draft marker. Refuses with an InputError naming the file.
 */
export async function parseImportFile(file: string): Promise<{ minutes: Minutes; text: string | null }> {
  contentTypeOf(file);
  if (extname(file).toLowerCase() === '.json') return { minutes: readInterchange(file, readFileSync(file)), text: null };
  return readAndParseMinutesFile(file);
}

/**
 * Stores parsed (and perhaps reviewed) minutes with their original in one transaction: the path both
 * `protokoll import` and the web's import review take, so the same document gives the same meeting.
 * A meeting of the same body on the same day and time stored already is skipped, not stored twice.
 */
export async function storeImportedMinutes(
  handle: DatabaseHandle,
  input: {
    bytes: Uint8Array;
    contentType: string;
    originalName: string;
    minutes: Minutes;
    storeAs: ImportedStatus;
    options: ImportOptions & { organizationId?: string; bodyId?: string };
    /** Written in the same transaction, once the meeting is stored (the web's batch marks its file stored). */
    afterStore?: (tx: Database, meetingId: string) => Promise<void>;
  },
): Promise<ImportOutcome> {
  const { minutes, options } = input;
  const file = input.originalName;
  const sha256 = sha256Of(input.bytes);
  const storeOptions = {
    ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    ...(options.organizationName ? { organizationName: options.organizationName } : {}),
    ...(options.bodyId ? { bodyId: options.bodyId } : {}),
    source: file,
    actor: options.actor ?? 'import',
    auditKind: 'minutes.imported' as const,
    status: input.storeAs,
  };
  return inTransaction(handle.db, async (tx): Promise<ImportOutcome> => {
    const existing = await findStoredMeeting(tx, minutes, storeOptions);
    if (existing) return { file, status: 'skipped', meetingId: existing, reason: 'this meeting is stored already' };
    const stored = await storeFile(tx, handle.filesDir, { bytes: input.bytes, contentType: input.contentType, originalName: file });
    const { meetingId } = await storeMinutes(tx, minutes, { ...storeOptions, sourceFileId: stored.id });
    // Assignments, appointments and delegated decisions the text states, for the secretary to confirm.
    const proposals = await proposeFollowUpFromMeeting(tx, meetingId);
    // History is what it is: its findings are kept with the import, for the secretary and the auditor.
    const findings = legalFindingsOf(minutes, options.today ?? null);
    const ocr = minutes.extraction;
    // Text read by OCR with low confidence may have wrong names, dates or §§: it is stored, marked for checking.
    if (ocr?.needsReview) findings.push(ocrFinding(ocr));
    await appendAuditEvent(tx, {
      kind: 'minutes.imported',
      entityType: 'file',
      entityId: stored.id,
      actor: storeOptions.actor,
      data: { file, sha256, meetingId, storedAs: input.storeAs, proposals, findings },
    });
    await input.afterStore?.(tx, meetingId);
    return { file, status: 'imported', meetingId, paragraphs: minutes.items.length, proposals, findings };
  });
}

/** The legal checks' findings on historical minutes: recorded with the import, never a refusal. */
export function legalFindingsOf(minutes: Minutes, today: string | null): ImportFinding[] {
  return checkMinutes(minutes, { today }).map((f) => ({
    code: f.code,
    severity: f.severity,
    paragraph: f.paragraph,
    persons: f.persons,
    message: describeFinding(f, 'sv'),
  }));
}

/** Pages read by OCR with low confidence, for the secretary to compare with the scan. */
export function ocrFinding(ocr: NonNullable<Minutes['extraction']>): ImportFinding {
  return {
    code: 'ocr_low_confidence',
    severity: 'warning',
    paragraph: null,
    persons: [],
    message: `Sidorna ${ocr.ocrPages.join(', ')} är lästa med OCR med säkerheten ${ocr.ocrConfidence} av 100; jämför texten med den skannade förlagan.`,
  };
}

/** Imports files one by one (each its own transaction), calling `onProgress` after each. */
export async function importMinutesFiles(
  handle: DatabaseHandle,
  files: string[],
  options: ImportOptions & { onProgress?: (done: number, outcome: ImportOutcome) => void } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: 0, skipped: 0, failed: 0, outcomes: [] };
  for (const file of files) {
    const outcome = await importMinutesFile(handle, file, options);
    summary[outcome.status]++;
    summary.outcomes.push(outcome);
    options.onProgress?.(summary.outcomes.length, outcome);
  }
  return summary;
}

function readInterchange(file: string, bytes: Uint8Array): Minutes {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new InputError({ path: file, code: 'invalid_json', message: `not valid JSON (${(error as Error).message})` });
  }
  return parseOrThrow(minutesSchema, json, basename(file));
}

export function describeFailure(error: Error): string {
  if (error instanceof InputError) return error.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return error.message;
}
