/**
 * Integrity of adjusted minutes and of the audit log (issue 23, docs/integrity.md): sealing minutes when
 * they become adjusted, sealing and chaining what was stored before, and recomputing every hash
 * (`protokoll verify`, the public page's status line and its PDF).
 */
import {
  contentDifferences,
  auditEntryHash,
  sealedContentOf,
  sealedContentSha256,
  sealedParts,
  sha256Hex,
  type ContentDifference,
  type SealedParagraph,
  type SealedPart,
} from '../domain/integrity.ts';
import type { Minutes } from '../domain/minutes.ts';
import { InputError } from '../errors.ts';
import {
  appendAuditEvent,
  chainUnchainedAuditEvents,
  findFileById,
  findMeetingById,
  findOrganizationById,
  findOrganizationByName,
  findNextAuditEntry,
  findSeal,
  inTransaction,
  insertSeal,
  listAuditEntries,
  listAuditEntriesOf,
  listMeetingNames,
  listMeetingsToVerify,
  listUnsealedAdjustedMeetings,
  loadMinutes,
  lockAuditChain,
  lockMeeting,
  queryRows,
  readStoredFile,
  type AuditEntryRow,
  type Database,
  type DatabaseHandle,
  type SealRow,
} from '../storage/index.ts';
import { sql } from 'drizzle-orm';
import { refreshPublicationHold } from './privacy.service.ts';

/** What the `minutes.sealed` audit event records: the seal, the hash of each part and §, and whose minutes they are. */
export interface SealRecord {
  /** The meeting as the minutes name it, so that verify can name it even once it is gone. */
  meeting?: { organization: string | null; body: string | null; date: string | null; numberInYear: number | null };
  contentSha256: string;
  fileId: string | null;
  fileSha256: string | null;
  parts: Record<SealedPart, string>;
  paragraphs: SealedParagraph[];
}

/**
 * Seals adjusted minutes in the caller's transaction: SHA-256 over their canonical content and over
 * the sealed PDF (`fileId`: the signed document, or an imported original; a file that is not a PDF is
 * not sealed), stored in minutes_seals and in a `minutes.sealed` audit event with the hash of each part
 * and §. Minutes sealed already keep their seal.
 */
export async function sealAdjustedMinutes(tx: Database, input: { meetingId: string; fileId: string | null; at: Date; actor: string | null }): Promise<SealRow> {
  const existing = await findSeal(tx, input.meetingId);
  if (existing) return existing;
  const minutes = await loadMinutes(tx, input.meetingId);
  const sealed = sealedContentOf(minutes);
  const numberInYear = (await findMeetingById(tx, input.meetingId))?.numberInYear ?? null;
  const file = input.fileId ? await findFileById(tx, input.fileId) : null;
  const pdf = file && file.contentType === 'application/pdf' ? file : null;
  const seal = await insertSeal(tx, {
    meetingId: input.meetingId,
    contentSha256: sealed.contentSha256,
    fileId: pdf?.id ?? null,
    fileSha256: pdf?.sha256 ?? null,
    sealedAt: input.at,
  });
  const record: SealRecord = {
    meeting: { organization: minutes.organization, body: minutes.body, date: minutes.meeting.date, numberInYear },
    contentSha256: sealed.contentSha256, fileId: seal.fileId, fileSha256: seal.fileSha256, parts: sealed.parts, paragraphs: sealed.paragraphs };
  await appendAuditEvent(tx, { kind: 'minutes.sealed', entityType: 'meeting', entityId: input.meetingId, actor: input.actor, data: { ...record, sealedAt: input.at.toISOString() } });
  // Adjusted minutes are public unless a personnummer in them is unhandled (issue 17): held back until then.
  await refreshPublicationHold(tx, input.meetingId, { minutes });
  return seal;
}

/**
 * Run after the migrations: gives the audit events written before the chain their place in it, and
 * seals the adjusted minutes stored before seals existed. Cheap when there is nothing to do.
 */
export async function sealAndChainExisting(handle: DatabaseHandle, options: { at?: Date } = {}): Promise<{ chained: number; sealed: number }> {
  const [pending] = await queryRows<{ unchained: boolean; unsealed: boolean }>(
    handle.db,
    sql`select exists (select 1 from audit_events where hash is null) as unchained,
      exists (select 1 from meetings m where m.status in ('adjusted', 'archived') and not exists (select 1 from minutes_seals s where s.meeting_id = m.id)
        and not exists (select 1 from audit_events e where e.entity_type = 'meeting' and e.entity_id = m.id and e.kind = 'minutes.sealed')) as unsealed`,
  );
  if (!pending?.unchained && !pending?.unsealed) return { chained: 0, sealed: 0 };
  return inTransaction(handle.db, async (tx) => {
    // The meetings first, then the chain, in the order every use case takes them (row locks, then the
    // chain last), so a server already running cannot deadlock with this one; a second server starting
    // at the same time waits here and then finds the seals made (sealAdjustedMinutes keeps a seal).
    const unsealed = await listUnsealedAdjustedMeetings(tx);
    for (const meeting of unsealed) await lockMeeting(tx, meeting.meetingId);
    await lockAuditChain(tx);
    const chained = await chainUnchainedAuditEvents(tx);
    const at = options.at ?? new Date();
    let sealed = 0;
    for (const meeting of unsealed) {
      if (await findSeal(tx, meeting.meetingId)) continue;
      await sealAdjustedMinutes(tx, { meetingId: meeting.meetingId, fileId: meeting.fileId, at, actor: 'system:migrate' });
      sealed++;
    }
    return { chained, sealed };
  });
}

// ————— verification —————

/** A meeting as findings name it. */
export interface MeetingName {
  meetingId: string;
  organizationName: string | null;
  bodyName: string;
  heldOn: string | null;
  numberInYear: number | null;
}

export type IntegrityFindingCode =
  | 'paragraph_changed'
  | 'paragraph_removed'
  | 'paragraph_added'
  | 'part_changed'
  | 'content_changed'
  | 'not_sealed'
  | 'seal_missing'
  | 'seal_differs_from_log'
  | 'no_longer_adjusted'
  | 'meeting_missing'
  | 'file_changed'
  | 'file_missing'
  | 'file_record_changed'
  | 'audit_entry_changed'
  | 'audit_link_broken'
  | 'audit_entry_missing'
  | 'audit_entry_unchained'
  | 'anchor_mismatch';

/** One thing that differs from what was sealed or chained. */
export interface IntegrityFinding {
  code: IntegrityFindingCode;
  meeting: MeetingName | null;
  /** The § concerned: its number (null for an unnumbered item) and place in the minutes. */
  paragraph: { number: number | null; position: number } | null;
  part: SealedPart | null;
  /** The audit entry concerned. */
  seq: number | null;
  message: string;
}

/** What `verify` checked and found. */
export interface IntegrityReport {
  findings: IntegrityFinding[];
  counts: { meetings: number; paragraphs: number; files: number; auditEntries: number };
  /** The last entry of the chain: recorded outside the database, it lets a later run prove the log was not rewritten. */
  chainHead: { seq: number; hash: string | null } | null;
}

const AUDIT_PAGE = 2000;

/**
 * Recomputes everything: each sealed meeting's content (whole, by part and by §) against its seal and the
 * seal's audit event, each sealed file's bytes, and the whole audit chain. `organization` (a name or id)
 * narrows the meetings, not the chain; `anchor` is a chain head recorded earlier, which must still be in
 * the chain. Reads only.
 */
export async function verifyIntegrity(
  handle: DatabaseHandle,
  options: { organization?: string | null; anchor?: { seq: number; hash: string } | null } = {},
): Promise<IntegrityReport> {
  const organizationId = options.organization ? await resolveOrganizationId(handle.db, options.organization) : null;
  const findings: IntegrityFinding[] = [];
  const chain = await verifyAuditChain(handle.db, findings, options.anchor ?? null);
  const meetings = await listMeetingsToVerify(handle.db, { organizationId });
  const counts = { meetings: meetings.length, paragraphs: 0, files: 0, auditEntries: chain.entries };
  for (const meeting of meetings) {
    const name: MeetingName = { meetingId: meeting.meetingId, organizationName: meeting.organizationName, bodyName: meeting.bodyName, heldOn: meeting.heldOn, numberInYear: meeting.numberInYear };
    const found = (code: IntegrityFindingCode, message: string, more: Partial<IntegrityFinding> = {}) =>
      findings.push({ code, meeting: name, paragraph: null, part: null, seq: null, message, ...more });
    const event = chain.sealEvents.get(meeting.meetingId) ?? null;
    const logged = event ? sealRecordOf(event.data) : null;
    const seal = meeting.seal;
    if (!seal && !logged) {
      found('not_sealed', 'the minutes are adjusted but were never sealed');
      continue;
    }
    if (meeting.status !== 'adjusted' && meeting.status !== 'archived') found('no_longer_adjusted', `the minutes were sealed but the meeting is now '${meeting.status}'`);
    if (!seal) found('seal_missing', 'the seal was removed; the audit log still records it', { seq: event!.seq });
    else if (logged && (seal.contentSha256 !== logged.contentSha256 || seal.fileSha256 !== logged.fileSha256 || seal.fileId !== logged.fileId)) {
      found('seal_differs_from_log', 'the stored seal differs from the one the audit log records', { seq: event!.seq });
    }
    // The audit event is the authority where there is one: the chain protects it, the seal row alone not.
    const sealedHash = logged?.contentSha256 ?? seal!.contentSha256;
    const current = sealedContentOf(await loadMinutes(handle.db, meeting.meetingId));
    counts.paragraphs += current.paragraphs.length;
    if (current.contentSha256 !== sealedHash) {
      const differences = logged ? contentDifferences(logged, current) : [];
      if (differences.length === 0) found('content_changed', 'the content differs from the seal');
      for (const difference of differences) pushDifference(difference, found);
    }
    const fileId = logged ? logged.fileId : seal!.fileId;
    const fileSha256 = logged ? logged.fileSha256 : seal!.fileSha256;
    if (fileId && fileSha256) {
      counts.files++;
      await verifyFile(handle, { fileId, fileSha256 }, found);
    }
  }
  // Sealed minutes whose meeting is gone (deleted with the foreign keys off) are not in the list above.
  if (!organizationId) {
    const listed = new Set(meetings.map((m) => m.meetingId));
    for (const [meetingId, event] of chain.sealEvents) {
      if (listed.has(meetingId)) continue;
      const named = sealRecordOf(event.data)?.meeting;
      findings.push({
        code: 'meeting_missing',
        meeting: { meetingId, organizationName: named?.organization ?? null, bodyName: named?.body ?? '(unknown body)', heldOn: named?.date ?? null, numberInYear: named?.numberInYear ?? null },
        paragraph: null,
        part: null,
        seq: event.seq,
        message: 'the sealed minutes are gone from the database',
      });
    }
  }
  return { findings, counts, chainHead: chain.head };
}

async function resolveOrganizationId(db: Database, nameOrId: string): Promise<string> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const found = isId ? await findOrganizationById(db, nameOrId) : await findOrganizationByName(db, nameOrId);
  if (!found) throw new InputError({ path: 'organization', code: 'unknown_organization', message: `no organisation named or with id '${nameOrId}'` });
  return found.id;
}

function pushDifference(difference: ContentDifference, found: (code: IntegrityFindingCode, message: string, more?: Partial<IntegrityFinding>) => void): void {
  if (difference.kind === 'part') {
    const what = { meeting: 'the heading (body, date, time, place, § range)', attendees: 'the attendance list', adjustment: 'the justering and signatures' }[difference.part];
    found('part_changed', `${what} changed since the seal`, { part: difference.part });
    return;
  }
  const label = difference.number === null ? `item ${difference.position + 1}` : `§ ${difference.number}`;
  const paragraph = { number: difference.number, position: difference.position };
  if (difference.change === 'changed') found('paragraph_changed', `${label} changed since the seal`, { paragraph });
  else if (difference.change === 'removed') found('paragraph_removed', `${label} was removed since the seal`, { paragraph });
  else found('paragraph_added', `${label} was added since the seal`, { paragraph });
}

async function verifyFile(
  handle: DatabaseHandle,
  sealed: { fileId: string; fileSha256: string },
  found: (code: IntegrityFindingCode, message: string) => void,
): Promise<void> {
  const file = await findFileById(handle.db, sealed.fileId);
  if (!file) {
    found('file_missing', 'the sealed PDF is no longer stored');
    return;
  }
  if (file.sha256 !== sealed.fileSha256) found('file_record_changed', 'the stored hash of the sealed PDF differs from the seal');
  let bytes: Uint8Array;
  try {
    bytes = readStoredFile(handle.filesDir, file);
  } catch {
    found('file_missing', 'the bytes of the sealed PDF cannot be read');
    return;
  }
  if (sha256Hex(bytes) !== sealed.fileSha256) found('file_changed', 'the bytes of the sealed PDF differ from the seal');
}

/** Walks the whole chain in `seq` order, recomputing each hash; collects the sealing events on the way. */
async function verifyAuditChain(
  db: Database,
  findings: IntegrityFinding[],
  anchor: { seq: number; hash: string } | null,
): Promise<{ entries: number; head: { seq: number; hash: string | null } | null; sealEvents: Map<string, AuditEntryRow> }> {
  const sealEvents = new Map<string, AuditEntryRow>();
  const broken: AuditEntryRow[] = [];
  const pushFinding = (entry: AuditEntryRow, code: IntegrityFindingCode, message: string) => {
    broken.push(entry);
    findings.push({ code, meeting: null, paragraph: null, part: null, seq: entry.seq, message: `audit entry ${entry.seq} (${entry.kind}, ${entry.at}): ${message}` });
  };
  let previous: AuditEntryRow | null = null;
  let entries = 0;
  let anchorSeen = false;
  for (let from = 1; ; ) {
    const page = await listAuditEntries(db, { fromSeq: from, limit: AUDIT_PAGE });
    if (page.length === 0) break;
    for (const entry of page) {
      entries++;
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (entry.seq !== expectedSeq) {
        findings.push({
          code: 'audit_entry_missing',
          meeting: null,
          paragraph: null,
          part: null,
          seq: expectedSeq,
          message: entry.seq - expectedSeq === 1 ? `audit entry ${expectedSeq} is missing` : `audit entries ${expectedSeq}–${entry.seq - 1} are missing`,
        });
      }
      if (entry.hash === null) pushFinding(entry, 'audit_entry_unchained', 'has no hash (not chained)');
      else {
        if (auditEntryHash(entry.previousHash, entry) !== entry.hash) pushFinding(entry, 'audit_entry_changed', 'its content does not match its hash');
        if (entry.previousHash !== (previous?.hash ?? null)) pushFinding(entry, 'audit_link_broken', 'its previous hash is not the hash of the entry before it');
      }
      if (anchor && entry.seq === anchor.seq) {
        anchorSeen = true;
        if (entry.hash !== anchor.hash) pushFinding(entry, 'anchor_mismatch', `its hash is not the recorded ${anchor.hash}`);
      }
      // A seal is written once: the first sealing event is the one that counts (a later one would be a re-seal).
      if (entry.kind === 'minutes.sealed' && entry.entityType === 'meeting' && entry.entityId && !sealEvents.has(entry.entityId)) sealEvents.set(entry.entityId, entry);
      previous = entry;
    }
    from = page[page.length - 1]!.seq + 1;
  }
  if (anchor && !anchorSeen) {
    findings.push({ code: 'anchor_mismatch', meeting: null, paragraph: null, part: null, seq: anchor.seq, message: `audit entry ${anchor.seq} of the recorded chain head is not in the log` });
  }
  // Name the meeting an altered entry is about.
  const meetingIds = [...new Set(broken.flatMap((e) => (e.entityType === 'meeting' && e.entityId ? [e.entityId] : [])))];
  const names = new Map((await listMeetingNames(db, meetingIds)).map((m) => [m.meetingId, m]));
  for (const finding of findings) {
    const entry = broken.find((e) => e.seq === finding.seq);
    const name = entry?.entityId ? names.get(entry.entityId) : undefined;
    if (name) finding.meeting = name;
  }
  return { entries, head: previous ? { seq: previous.seq, hash: previous.hash } : null, sealEvents };
}

function sealRecordOf(data: Record<string, unknown>): SealRecord | null {
  const record = data as Partial<SealRecord>;
  if (typeof record.contentSha256 !== 'string' || !Array.isArray(record.paragraphs) || typeof record.parts !== 'object' || record.parts === null) return null;
  if (!sealedParts.every((part) => typeof record.parts![part] === 'string')) return null;
  return {
    ...(record.meeting ? { meeting: record.meeting } : {}),
    contentSha256: record.contentSha256,
    fileId: typeof record.fileId === 'string' ? record.fileId : null,
    fileSha256: typeof record.fileSha256 === 'string' ? record.fileSha256 : null,
    parts: record.parts,
    paragraphs: record.paragraphs,
  };
}

// ————— the public side —————

/** Why adjusted minutes have no PDF to download. */
export type NoPdfReason = 'not_sealed' | 'no_sealed_file' | 'file_changed' | 'confidential';

/** Whether published minutes are as sealed (unchanged, changed, or never sealed), and whether their sealed PDF may be downloaded. */
export interface PublishedIntegrity {
  status: 'unchanged' | 'changed' | 'unsealed';
  /**
   * 'available': the sealed PDF; 'rendition': minutes with §§ under secrecy, whose sealed PDF is whole, get
   * a rendition with those §§ masked, drawn only from content that verifies against the seal.
   */
  pdf: 'available' | 'rendition' | NoPdfReason;
}

interface DeepCheck {
  /** The sealing event still records this seal and is in place in the chain. */
  log: boolean;
  /** The sealed file's bytes match (true when there is no sealed file). */
  file: boolean;
  checkedAt: number;
}

/** Results of the costlier checks (the seal against its audit event, the file's bytes), per meeting and seal. */
const deepChecks = new Map<string, DeepCheck>();
const DEEP_CHECK_SECONDS = 300;
const DEEP_CHECK_ENTRIES = 5000;

/**
 * Whether the minutes a public page shows (`minutes`: the whole document, confidential §§ included, as
 * loaded for the page) are as sealed. Their content hash is recomputed on every call (a millisecond for
 * a long protocol); the seal's audit event and the sealed file's bytes are checked at most every five
 * minutes per meeting and seal.
 */
export async function checkPublishedMinutes(handle: DatabaseHandle, meetingId: string, minutes: Minutes, options: { hasConfidential: boolean }): Promise<PublishedIntegrity> {
  const seal = await findSeal(handle.db, meetingId);
  if (!seal) return { status: 'unsealed', pdf: 'not_sealed' };
  const deep = await deepCheck(handle, seal);
  const unchanged = sealedContentSha256(minutes) === seal.contentSha256 && deep.log && deep.file;
  const pdf = options.hasConfidential
    ? unchanged ? 'rendition' : 'confidential'
    : !seal.fileId || !seal.fileSha256 ? 'no_sealed_file' : deep.file ? 'available' : 'file_changed';
  return { status: unchanged ? 'unchanged' : 'changed', pdf };
}

async function deepCheck(handle: DatabaseHandle, seal: SealRow): Promise<DeepCheck> {
  const key = deepCheckKey(seal);
  const cached = deepChecks.get(key);
  if (cached && Date.now() - cached.checkedAt < DEEP_CHECK_SECONDS * 1000) return cached;
  const checked = {
    log: await sealMatchesLog(handle.db, seal),
    file: !seal.fileId || !seal.fileSha256 || (await fileMatches(handle, seal.fileId, seal.fileSha256)),
    checkedAt: Date.now(),
  };
  rememberDeepCheck(key, checked);
  return checked;
}

function deepCheckKey(seal: SealRow): string {
  return `${seal.meetingId}:${seal.contentSha256}:${seal.fileSha256 ?? ''}`;
}

function rememberDeepCheck(key: string, checked: DeepCheck): void {
  if (deepChecks.size >= DEEP_CHECK_ENTRIES && !deepChecks.has(key)) deepChecks.delete(deepChecks.keys().next().value!);
  deepChecks.set(key, checked);
}

/** The seal's audit event exists, records this seal, still has its own hash and is linked from the next entry. */
async function sealMatchesLog(db: Database, seal: SealRow): Promise<boolean> {
  const events = await listAuditEntriesOf(db, { entityType: 'meeting', entityId: seal.meetingId, kind: 'minutes.sealed' });
  const event = events[0];
  if (!event?.hash) return false;
  const record = sealRecordOf(event.data);
  if (!record || record.contentSha256 !== seal.contentSha256 || record.fileSha256 !== seal.fileSha256) return false;
  if (auditEntryHash(event.previousHash, event) !== event.hash) return false;
  const next = await findNextAuditEntry(db, event.seq);
  return !next || next.previousHash === event.hash;
}

async function fileMatches(handle: DatabaseHandle, fileId: string, sha256: string): Promise<boolean> {
  const file = await findFileById(handle.db, fileId);
  if (!file || file.sha256 !== sha256) return false;
  try {
    return sha256Hex(readStoredFile(handle.filesDir, file)) === sha256;
  } catch {
    return false;
  }
}

/** The sealed PDF of adjusted minutes, as published: the bytes exactly as sealed, or why there are none. */
export type SealedPdf =
  | { status: 'sealed'; bytes: Uint8Array }
  | { status: 'none'; reason: NoPdfReason };

/**
 * The PDF the public may download: the sealed file, never a rendering. None when the minutes have no
 * sealed PDF (imported from text), when its bytes no longer match the seal, or when it holds §§ under
 * secrecy (the signed document is whole; a masked copy would not be the sealed one).
 */
export async function readSealedMinutesPdf(handle: DatabaseHandle, meetingId: string, options: { hasConfidential: boolean }): Promise<SealedPdf> {
  const seal = await findSeal(handle.db, meetingId);
  if (!seal) return { status: 'none', reason: 'not_sealed' };
  if (!seal.fileId || !seal.fileSha256) return { status: 'none', reason: 'no_sealed_file' };
  if (options.hasConfidential) return { status: 'none', reason: 'confidential' };
  const file = await findFileById(handle.db, seal.fileId);
  let bytes: Uint8Array | null = null;
  try {
    bytes = file ? readStoredFile(handle.filesDir, file) : null;
  } catch {
    bytes = null;
  }
  const ok = bytes !== null && sha256Hex(bytes) === seal.fileSha256;
  if (!ok || !bytes) {
    // The page says so from now on, without waiting for its cached check to expire.
    const key = deepCheckKey(seal);
    rememberDeepCheck(key, { log: deepChecks.get(key)?.log ?? (await sealMatchesLog(handle.db, seal)), file: false, checkedAt: Date.now() });
    return { status: 'none', reason: 'file_changed' };
  }
  return { status: 'sealed', bytes };
}
