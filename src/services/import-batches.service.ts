/**
 * Imports through the web (issue 18): a secretary or administrator uploads one file, several, or a zip of
 * hundreds; every file's original is kept at once and queued, the import worker in the server process parses
 * them one at a time, and the secretary reviews what was read, corrects it and stores it, or accepts in bulk
 * the files without findings. Storing takes the same path as `protokoll import` (import.service.ts), so a
 * document gives the same meeting either way. A batch survives a restart: the queue is in the database, and a
 * file a stopped process left 'parsing' is queued again when the next worker starts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { minutesSchema, type Minutes } from '../domain/minutes.ts';
import { findPersonalData, type PersonalDataKind } from '../domain/personal-data/detect.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { ForbiddenError, InputError, isProtokollError, NotFoundError, RuleError, type Problem } from '../errors.ts';
import { isIsoDate } from '../domain/legal-dates.ts';
import { importedStatusOf, MAX_FILE_BYTES, type ImportedStatus, type ImportedStatusBasis } from '../import/index.ts';
import { readZipEntries } from '../import/zip-limits.ts';
import {
  appendAuditEvent,
  claimNextImportFile,
  findBodyById,
  findFileById,
  findImportBatch,
  findImportFile,
  inTransaction,
  insertImportBatch,
  insertImportFile,
  listBodies,
  listImportBatches,
  listImportFiles,
  listImportFilesWithType,
  listOrganizations,
  findOrganizationById,
  lockImportFile,
  readStoredFile,
  refreshImportBatchStatus,
  requeueAbandonedImportFiles,
  sha256Of,
  storeFile,
  updateImportFile,
  type Database,
  type DatabaseHandle,
  type ImportBatchRow,
  type ImportFileRow,
  type ImportFileStatus,
} from '../storage/index.ts';
import { canActAsSecretary, type Viewer } from './accounts.service.ts';
import {
  contentTypeOf,
  describeFailure,
  findImportedMeeting,
  legalFindingsOf,
  ocrFinding,
  parseImportFile,
  storeImportedMinutes,
  type ImportFinding,
} from './import.service.ts';
import { PollingWorker } from './polling-worker.ts';

/** The most files one upload may hold (a zip's entries count one by one). */
export const MAX_BATCH_FILES = 2_000;
/** The largest upload the import form takes: a zip of a few hundred PDFs. */
export const MAX_IMPORT_UPLOAD_BYTES = 200 * 1024 * 1024;

/** A finding on a parsed file; `review` ones keep it out of the bulk accept until a person has looked. */
export interface ReviewFinding extends ImportFinding {
  review: boolean;
}

/** One correction the reviewer made: which field, what the parser read, what it became. */
export interface ImportCorrection {
  field: string;
  from: string | null;
  to: string | null;
}

export interface ImportFileView {
  id: string;
  position: number;
  name: string;
  status: ImportFileStatus;
  reason: string | null;
  fileId: string | null;
  contentType: string | null;
  minutes: Minutes | null;
  findings: ReviewFinding[];
  corrections: ImportCorrection[];
  storeAs: ImportedStatus | null;
  meetingId: string | null;
}

export interface ImportBatchView {
  id: string;
  organizationId: string;
  organizationName: string;
  bodyId: string | null;
  bodyName: string | null;
  createdByName: string | null;
  createdAt: Date;
  status: 'running' | 'done';
  files: ImportFileView[];
  counts: Record<ImportFileStatus, number>;
}

/** Where the viewer may import to: a body, or an organisation whose documents name their own body. */
export interface ImportTarget {
  organizationId: string;
  organizationName: string;
  bodyId: string | null;
  bodyName: string | null;
}

/**
 * The bodies (and, for secretaries and administrators of a whole organisation, organisations) the viewer may
 * import to; refuses a viewer who may import nowhere.
 */
export async function listImportTargets(db: Database, viewer: Viewer): Promise<ImportTarget[]> {
  const collator = new Intl.Collator('sv');
  const targets: ImportTarget[] = [];
  const organizations = (await listOrganizations(db)).sort((a, b) => collator.compare(a.name, b.name));
  for (const organization of organizations) {
    if (canActAsSecretary(viewer, { organizationId: organization.id })) {
      targets.push({ organizationId: organization.id, organizationName: organization.name, bodyId: null, bodyName: null });
    }
    const bodies = (await listBodies(db, organization.id)).sort((a, b) => collator.compare(a.name, b.name));
    for (const body of bodies) {
      if (canActAsSecretary(viewer, { organizationId: organization.id, bodyId: body.id })) {
        targets.push({ organizationId: organization.id, organizationName: organization.name, bodyId: body.id, bodyName: body.name });
      }
    }
  }
  if (targets.length === 0) throw new ForbiddenError('not_secretary', 'only a secretary or an administrator may import minutes');
  return targets;
}

/** Refuses unless the viewer may import into the batch's organisation and body. */
function requireImporter(viewer: Viewer, target: { organizationId: string; bodyId: string | null }): void {
  if (!canActAsSecretary(viewer, { organizationId: target.organizationId, bodyId: target.bodyId })) {
    throw new ForbiddenError('not_secretary', 'only a secretary or an administrator of the organisation may import its minutes', { organizationId: target.organizationId });
  }
}

/** The batch, for a viewer allowed to see it; to anyone else it does not exist. */
async function batchFor(db: Database, viewer: Viewer, batchId: string): Promise<ImportBatchRow> {
  const batch = await findImportBatch(db, batchId);
  if (!batch || !canActAsSecretary(viewer, { organizationId: batch.organizationId, bodyId: batch.bodyId })) {
    throw new NotFoundError('import_batch_not_found', `no import ${batchId}`, { batchId });
  }
  return batch;
}

async function fileFor(db: Database, viewer: Viewer, fileId: string): Promise<{ batch: ImportBatchRow; file: ImportFileRow }> {
  const file = await findImportFile(db, fileId);
  if (!file) throw new NotFoundError('import_file_not_found', `no imported file ${fileId}`, { fileId });
  const batch = await batchFor(db, viewer, file.batchId).catch(() => {
    throw new NotFoundError('import_file_not_found', `no imported file ${fileId}`, { fileId });
  });
  return { batch, file };
}

/** One uploaded file as the form gives it. */
export interface ImportUpload {
  name: string;
  bytes: Uint8Array;
}

/**
 * Starts a batch: a zip is opened within the limits of zip-limits.ts and each entry becomes a file of the
 * batch; each file's original is stored and queued for the worker. A file the importer cannot read (another
 * type, too large, a broken zip) is recorded as failed with its reason; the rest of the batch goes on. One
 * transaction with its audit entry.
 */
export async function createImportBatch(
  handle: DatabaseHandle,
  viewer: Viewer,
  input: { organizationId: string; bodyId: string | null; uploads: ImportUpload[] },
): Promise<{ batchId: string }> {
  const db = handle.db;
  if (input.bodyId) {
    const body = await findBodyById(db, input.bodyId);
    if (!body || body.organizationId !== input.organizationId) {
      throw new InputError({ path: 'target', code: 'unknown_body', message: `no body ${input.bodyId} in organisation ${input.organizationId}` });
    }
  }
  requireImporter(viewer, input);
  const uploads = input.uploads.filter((u) => u.name !== '' || u.bytes.byteLength > 0);
  if (uploads.length === 0) throw new InputError({ path: 'files', code: 'import_files_missing', message: 'choose one or more files or a zip to import' });

  // Expanded before the transaction: inflating takes time, and nothing is written until it is known what to write.
  const entries: { name: string; bytes: Uint8Array | null; reason: string | null }[] = [];
  for (const upload of uploads) {
    if (extname(upload.name).toLowerCase() !== '.zip') {
      entries.push({ name: upload.name, bytes: upload.bytes, reason: null });
      continue;
    }
    try {
      for (const entry of readZipEntries(upload.bytes, upload.name)) {
        entries.push({ name: `${upload.name}/${entry.name}`, bytes: entry.bytes, reason: entry.reason });
      }
    } catch (error) {
      if (!isProtokollError(error)) throw error;
      entries.push({ name: upload.name, bytes: null, reason: describeFailure(error) });
    }
  }
  if (entries.length > MAX_BATCH_FILES) {
    throw new InputError({ path: 'files', code: 'import_too_many_files', message: `${entries.length} files; one import takes at most ${MAX_BATCH_FILES}` });
  }

  return inTransaction(db, async (tx) => {
    const batch = await insertImportBatch(tx, { organizationId: input.organizationId, bodyId: input.bodyId, createdBy: viewer.id, createdByName: viewer.name });
    let position = 0;
    let queued = 0;
    for (const entry of entries) {
      position++;
      const reason = entry.reason ?? refusalOf(entry.name, entry.bytes);
      if (reason !== null || entry.bytes === null) {
        await insertImportFile(tx, { batchId: batch.id, position, name: entry.name, sha256: entry.bytes ? sha256Of(entry.bytes) : null, fileId: null, status: 'failed', reason: reason ?? 'unreadable' });
        continue;
      }
      const stored = await storeFile(tx, handle.filesDir, { bytes: entry.bytes, contentType: contentTypeOf(entry.name), originalName: basename(entry.name) });
      await insertImportFile(tx, { batchId: batch.id, position, name: entry.name, sha256: stored.sha256, fileId: stored.id, status: 'queued' });
      queued++;
    }
    await refreshImportBatchStatus(tx, batch.id);
    await appendAuditEvent(tx, {
      kind: 'import.batch_created',
      entityType: 'import_batch',
      entityId: batch.id,
      actor: viewer.id,
      data: { organizationId: input.organizationId, bodyId: input.bodyId, files: entries.length, queued },
    });
    return { batchId: batch.id };
  });
}

/** Why a file cannot be imported at all, before the worker tries it; null when it may be. */
function refusalOf(name: string, bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  try {
    contentTypeOf(name);
  } catch (error) {
    return describeFailure(error as Error);
  }
  if (bytes.byteLength === 0) return `${basename(name)}: is empty`;
  if (bytes.byteLength > MAX_FILE_BYTES) return `${basename(name)}: is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is 50 MB`;
  return null;
}

/** The viewer's batches, newest first. */
export async function listImportBatchesFor(db: Database, viewer: Viewer): Promise<ImportBatchView[]> {
  // A role for one body may carry no organisation; such a viewer's batches are found by filtering all of them.
  const everywhere = viewer.isAdministrator || viewer.roles.some((r) => r.organizationId === null);
  const rows = await listImportBatches(db, everywhere ? null : [...new Set(viewer.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : [])))]);
  const views: ImportBatchView[] = [];
  for (const row of rows) {
    if (canActAsSecretary(viewer, { organizationId: row.organizationId, bodyId: row.bodyId })) views.push(await viewOf(db, row));
  }
  return views;
}

export async function getImportBatch(db: Database, viewer: Viewer, batchId: string): Promise<ImportBatchView> {
  return viewOf(db, await batchFor(db, viewer, batchId));
}

export async function getImportFile(db: Database, viewer: Viewer, fileId: string): Promise<{ batch: ImportBatchView; file: ImportFileView }> {
  const { batch } = await fileFor(db, viewer, fileId);
  const view = await viewOf(db, batch);
  return { batch: view, file: view.files.find((f) => f.id === fileId)! };
}

/** The stored original of an imported file, for the review screen beside the parsed fields. */
export async function readImportOriginal(handle: DatabaseHandle, viewer: Viewer, fileId: string): Promise<{ bytes: Uint8Array; contentType: string; name: string }> {
  const { file } = await fileFor(handle.db, viewer, fileId);
  const stored = file.fileId ? await findFileById(handle.db, file.fileId) : null;
  if (!stored) throw new NotFoundError('import_file_not_found', `the original of ${file.name} is not kept`, { fileId });
  return { bytes: readStoredFile(handle.filesDir, stored), contentType: stored.contentType, name: basename(file.name) };
}

async function viewOf(db: Database, batch: ImportBatchRow): Promise<ImportBatchView> {
  const rows = await listImportFilesWithType(db, batch.id);
  const organization = await findOrganizationById(db, batch.organizationId);
  const body = batch.bodyId ? await findBodyById(db, batch.bodyId) : null;
  const counts: Record<ImportFileStatus, number> = { queued: 0, parsing: 0, parsed: 0, needs_review: 0, failed: 0, stored: 0 };
  const files: ImportFileView[] = [];
  for (const row of rows) {
    const status = row.status as ImportFileStatus;
    counts[status]++;
    files.push({
      id: row.id,
      position: row.position,
      name: row.name,
      status,
      reason: row.reason,
      fileId: row.fileId,
      contentType: row.contentType,
      minutes: (row.minutes as Minutes | null) ?? null,
      findings: row.findings as ReviewFinding[],
      corrections: row.corrections as ImportCorrection[],
      storeAs: (row.storeAs as ImportedStatus | null) ?? null,
      meetingId: row.meetingId,
    });
  }
  return {
    id: batch.id,
    organizationId: batch.organizationId,
    organizationName: organization?.name ?? '',
    bodyId: batch.bodyId,
    bodyName: body?.name ?? null,
    createdByName: batch.createdByName,
    createdAt: batch.createdAt,
    status: batch.status === 'done' ? 'done' : 'running',
    files,
    counts,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The worker's step: parse one queued file.

/** What the reviewer must look at before the minutes are stored, and what is only recorded. */
export function reviewFindingsOf(minutes: Minutes, basis: ImportedStatusBasis, options: { bodyGiven: boolean; today: string | null }): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  const review = (code: string, message: string, paragraph: number | null = null) =>
    findings.push({ code, severity: 'warning', paragraph, persons: [], message, review: true });
  if (!minutes.meeting.date) review('import_date_missing', 'Sammanträdets datum kunde inte läsas; ange det.');
  if (!minutes.body && !options.bodyGiven) review('import_body_missing', 'Organet som sammanträdde kunde inte läsas; ange det.');
  if (minutes.items.length === 0) review('import_no_paragraphs', 'Inga paragrafer kunde läsas ur dokumentet; jämför med originalet.');
  if (minutes.extraction?.needsReview) findings.push({ ...ocrFinding(minutes.extraction), review: true });
  if (basis === 'nothing_shown') {
    review('import_adjustment_not_shown', 'Dokumentet visar varken justering eller anslag; det lagras som justerat och offentligt om du inte väljer utkast.');
  }
  if (basis === 'draft_marker') {
    findings.push({ code: 'import_draft', severity: 'warning', paragraph: null, persons: [], message: 'Dokumentet säger att det är ett utkast; det lagras ojusterat och visas inte för allmänheten.', review: false });
  }
  for (const item of minutes.items) {
    const text = [item.title, item.text ?? '', ...item.decisions].join('\n');
    for (const found of findPersonalData(text)) {
      review(`personal_data_${found.kind}`, `${personalDataLabels[found.kind]}: ”${found.text}”${found.blocking ? ' (hindrar publicering tills den maskerats eller granskats)' : ''}`, item.number);
    }
  }
  for (const finding of legalFindingsOf(minutes, options.today)) findings.push({ ...finding, review: false });
  return findings;
}

const personalDataLabels: Record<PersonalDataKind, string> = {
  personal_identity_number: 'Personnummer',
  phone_number: 'Telefonnummer',
  email_address: 'E-postadress',
  street_address: 'Gatuadress',
  sensitive_category: 'Känslig personuppgift',
};

/**
 * Claims the next queued file and parses it: parsed (nothing to look at), needs review (findings), failed
 * (with the reason), or stored already (the same bytes were imported before). Returns false when the queue
 * is empty. A failure of one file never stops the batch.
 */
export async function processNextImportFile(handle: DatabaseHandle, options: { today?: string | null; now?: Date } = {}): Promise<boolean> {
  const db = handle.db;
  const file = await inTransaction(db, (tx) => claimNextImportFile(tx, options.now ?? new Date()));
  if (!file) return false;
  const batch = await findImportBatch(db, file.batchId);
  const finish = async (patch: Parameters<typeof updateImportFile>[2]) => {
    await inTransaction(db, async (tx) => {
      await updateImportFile(tx, file.id, patch);
      await refreshImportBatchStatus(tx, file.batchId);
    });
  };
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-import-'));
  try {
    const stored = file.fileId ? await findFileById(db, file.fileId) : null;
    if (!stored || !batch) {
      await finish({ status: 'failed', reason: 'the original file is no longer kept' });
      return true;
    }
    const bytes = readStoredFile(handle.filesDir, stored);
    const known = await findImportedMeeting(handle, bytes);
    if (known) {
      await finish({ status: 'stored', meetingId: known, reason: 'this file is imported already' });
      return true;
    }
    // The parser reads from a path; the name keeps only safe characters, the extension decides the reader.
    const path = join(folder, basename(file.name).replace(/[^\p{L}\p{N}._-]+/gu, '_'));
    writeFileSync(path, bytes);
    const { minutes, text } = await parseImportFile(path);
    const decision = importedStatusOf(minutes, text);
    const findings = reviewFindingsOf(minutes, decision.basis, { bodyGiven: batch.bodyId !== null, today: options.today ?? null });
    await finish({
      status: findings.some((f) => f.review) ? 'needs_review' : 'parsed',
      reason: null,
      minutes: minutes as unknown as Record<string, unknown>,
      findings,
      storeAs: decision.storeAs,
    });
  } catch (error) {
    const reason = error instanceof Error ? (isProtokollError(error) ? describeFailure(error) : `could not be read (${error.message})`) : String(error);
    await finish({ status: 'failed', reason: reason.slice(0, 2000) });
    if (!isProtokollError(error)) throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return true;
}

/**
 * The import worker of the server process: on start it queues again what a stopped process left 'parsing',
 * then claims and parses one file at a time until the queue is empty, and looks again every `intervalMs`.
 */
export class ImportWorker extends PollingWorker<number> {
  private recovered = false;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly options: { intervalMs?: number; today?: () => string; onError?: (error: unknown) => void } = {},
  ) {
    super({ intervalMs: options.intervalMs ?? 1000, onError: options.onError });
  }

  /** One round: the queue until empty. Returns how many files it parsed. */
  protected async round(): Promise<number> {
    if (!this.recovered) {
      // Only one worker runs per database (the server process), so a file found 'parsing' before the
      // first round was left by a process that stopped: parsing wrote nothing else, so it is parsed again.
      await inTransaction(this.handle.db, async (tx) => {
        await requeueAbandonedImportFiles(tx);
      });
      this.recovered = true;
    }
    let parsed = 0;
    for (;;) {
      try {
        if (!(await processNextImportFile(this.handle, { today: this.options.today?.() ?? null }))) return parsed;
      } catch (error) {
        // The file is marked failed with the reason; the error is a bug worth logging, not a reason to stop.
        this.options.onError?.(error);
      }
      parsed++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Review and storing.

/** The fields the review screen edits, as the form sends them (see applyCorrections). */
export type ReviewForm = Record<string, string>;

/**
 * Applies the review form to parsed minutes: header (date, times, place, body), attendees (name, role,
 * party), §§ (number, title, decisions, one per line) and how they are stored. Returns the corrected
 * minutes and the list of what changed.
 */
export function applyCorrections(minutes: Minutes, form: ReviewForm): { minutes: Minutes; corrections: ImportCorrection[] } {
  const corrections: ImportCorrection[] = [];
  const next: Minutes = structuredClone(minutes);
  const text = (key: string, from: string | null, set: (value: string | null) => void) => {
    if (!(key in form)) return;
    const to = form[key]!.trim() === '' ? null : form[key]!.trim();
    if (to === from) return;
    set(to);
    corrections.push({ field: key, from, to });
  };
  text('body', next.body, (v) => (next.body = v));
  text('date', next.meeting.date, (v) => (next.meeting.date = v));
  text('start', next.meeting.start, (v) => (next.meeting.start = v));
  text('end', next.meeting.end, (v) => (next.meeting.end = v));
  text('location', next.meeting.location, (v) => (next.meeting.location = v));
  next.attendees.forEach((attendee, k) => {
    text(`attendees.${k}.name`, attendee.name, (v) => (attendee.name = v ?? ''));
    text(`attendees.${k}.party`, attendee.party, (v) => (attendee.party = v));
    text(`attendees.${k}.role`, attendee.role, (v) => (attendee.role = (v ?? 'member') as typeof attendee.role));
  });
  next.items.forEach((item, k) => {
    text(`items.${k}.number`, item.number === null ? null : String(item.number), (v) => (item.number = v === null ? null : Number(v)));
    text(`items.${k}.title`, item.title, (v) => (item.title = v ?? ''));
    const decisions = item.decisions.join('\n');
    text(`items.${k}.decisions`, decisions === '' ? null : decisions, (v) => (item.decisions = (v ?? '').split(/\r?\n/u).map((d) => d.trim()).filter(Boolean)));
  });
  // A removed attendee (empty name) is left out; the schema then checks everything else.
  next.attendees = next.attendees.filter((a) => a.name !== '');
  return { minutes: next, corrections };
}

/** What the schema's patterns let through but the database would refuse: a date or time that does not exist. */
function correctionProblems(minutes: Minutes): Problem[] {
  const problems: Problem[] = [];
  if (minutes.meeting.date !== null && !isIsoDate(minutes.meeting.date)) problems.push({ path: 'date', code: 'invalid_date', message: `${minutes.meeting.date} is not a date (YYYY-MM-DD)` });
  for (const key of ['start', 'end'] as const) {
    const time = minutes.meeting[key];
    if (time !== null && !/^(?:[01]\d|2[0-3]):[0-5]\d$/u.test(time)) problems.push({ path: key, code: 'invalid_time', message: `${time} is not a time (HH:MM)` });
  }
  minutes.items.forEach((item, k) => {
    if (item.number !== null && !(Number.isInteger(item.number) && item.number > 0 && item.number < 100_000)) {
      problems.push({ path: `items.${k}.number`, code: 'invalid_number', message: 'a § number is a whole number from 1' });
    }
  });
  return problems;
}

/**
 * Stores one reviewed file: the corrections are checked against the interchange schema (a wrong date or
 * § number is refused naming the field, and nothing is stored), recorded in the audit log with who made
 * them, and the minutes are stored with their original as `protokoll import` stores them. A refusal of the
 * store itself (a § number used already that year) is kept as the file's reason for the reviewer.
 */
export async function storeImportFile(
  handle: DatabaseHandle,
  viewer: Viewer,
  fileId: string,
  input: { form?: ReviewForm; storeAs?: ImportedStatus; today?: string | null } = {},
): Promise<{ status: 'stored' | 'refused'; meetingId: string | null; reason: string | null }> {
  const db = handle.db;
  const { batch, file } = await fileFor(db, viewer, fileId);
  requireImporter(viewer, batch);
  if (file.status !== 'parsed' && file.status !== 'needs_review') {
    throw new RuleError('import_file_not_reviewable', `${file.name} is ${file.status}; only parsed files can be stored`, { fileId });
  }
  const parsed = file.minutes as unknown as Minutes;
  const { minutes: corrected, corrections } = applyCorrections(parsed, input.form ?? {});
  const problems = correctionProblems(corrected);
  if (problems.length) throw new InputError(problems);
  const minutes = parseOrThrow(minutesSchema, corrected, basename(file.name));
  const storeAs: ImportedStatus = input.storeAs ?? ((file.storeAs as ImportedStatus | null) ?? 'adjusted');
  const stored = file.fileId ? await findFileById(db, file.fileId) : null;
  if (!stored) throw new RuleError('import_file_not_reviewable', `the original of ${file.name} is no longer kept`, { fileId });
  const allCorrections = [...(file.corrections as ImportCorrection[]), ...corrections];

  try {
    const outcome = await storeImportedMinutes(handle, {
      bytes: readStoredFile(handle.filesDir, stored),
      contentType: stored.contentType,
      originalName: basename(file.name),
      minutes,
      storeAs,
      options: { organizationId: batch.organizationId, ...(batch.bodyId ? { bodyId: batch.bodyId } : {}), actor: viewer.id, ...(input.today ? { today: input.today } : {}) },
      afterStore: async (tx, meetingId) => {
        const locked = await lockImportFile(tx, fileId);
        if (locked?.status === 'stored') throw new RuleError('import_file_stored', `${file.name} is stored already`, { fileId });
        await updateImportFile(tx, fileId, { status: 'stored', meetingId, reason: null, minutes: minutes as unknown as Record<string, unknown>, corrections: allCorrections, storeAs });
        if (corrections.length || input.storeAs) {
          await appendAuditEvent(tx, { kind: 'import.file_corrected', entityType: 'import_file', entityId: fileId, actor: viewer.id, data: { meetingId, corrections, storeAs } });
        }
      },
    });
    if (outcome.status === 'skipped') {
      await inTransaction(db, (tx) => updateImportFile(tx, fileId, { status: 'stored', meetingId: outcome.meetingId, reason: outcome.reason }));
      return { status: 'stored', meetingId: outcome.meetingId, reason: outcome.reason };
    }
    return { status: 'stored', meetingId: outcome.status === 'imported' ? outcome.meetingId : null, reason: null };
  } catch (error) {
    if (!(error instanceof InputError) && !(error instanceof RuleError && error.code !== 'import_file_stored')) throw error;
    const reason = describeFailure(error);
    // The corrections are kept with the reason, so the reviewer goes on from what they typed.
    await inTransaction(db, (tx) =>
      updateImportFile(tx, fileId, { status: 'needs_review', reason, minutes: minutes as unknown as Record<string, unknown>, corrections: allCorrections, storeAs }),
    );
    return { status: 'refused', meetingId: null, reason };
  }
}

/** Stores every file of the batch that was parsed without findings; those refused keep their reason for review. */
export async function acceptCleanImportFiles(handle: DatabaseHandle, viewer: Viewer, batchId: string, options: { today?: string | null } = {}): Promise<{ stored: number; refused: number }> {
  const batch = await batchFor(handle.db, viewer, batchId);
  requireImporter(viewer, batch);
  let stored = 0;
  let refused = 0;
  for (const file of await listImportFiles(handle.db, batchId)) {
    if (file.status !== 'parsed') continue;
    const outcome = await storeImportFile(handle, viewer, file.id, { today: options.today ?? null });
    if (outcome.status === 'stored') stored++;
    else refused++;
  }
  return { stored, refused };
}
