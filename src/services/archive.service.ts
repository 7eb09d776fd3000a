/**
 * E-archive delivery (arkivlagen; Riksarkivet's FGS 2.0 on E-ARK CSIP/SIP): a year's adjusted minutes of an
 * organisation become submission packages, one per body (or per meeting), made only from minutes whose
 * stored files still match their recorded SHA-256. The export is recorded in the audit log.
 */
import { verifyIntegrity } from './integrity.service.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { asciiName, buildSubmissionPackage, type ArchiveAgent, type ArchiveDocument, type ArchiveEvent, type ArchiveMeeting, type PackageFile } from '../archive/package.ts';
import { InputError, NotFoundError, RuleError } from '../errors.ts';
import { findActorNames, listAuditEventsOfMeeting, listMeetingsOfOrganizationYear, type AuditEventRow } from '../storage/archive.store.ts';
import {
  appendAuditEvent,
  findFileById,
  findNotice,
  findOrganizationById,
  findOrganizationByName,
  inTransaction,
  listSignatures,
  listStoredAttachments,
  loadMinutes,
  readStoredFile,
  sha256Of,
  type DatabaseHandle,
  type FileRow,
  type MeetingRow,
} from '../storage/index.ts';

/** Statuses of minutes that may leave for the archive: adjusted (justerat) and already archived. */
const DELIVERABLE_STATUSES = new Set(['adjusted', 'archived']);
/** Meetings with no minutes to deliver: nothing was held, or nothing is written yet. */
const WITHOUT_MINUTES = new Set(['planned', 'convened', 'cancelled']);

/** Content types kept in an e-archive as they are (RA-FS 2009:2 and FGS's list of formats); PDF only as PDF/A. */
const ARCHIVAL_TYPES: Record<string, string> = {
  'text/plain': '.txt',
  'text/csv': '.csv',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'image/tiff': '.tif',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

const SOFTWARE_AGENT = 'software:protokoll';

export interface ArchiveExportOptions {
  /** The organisation's id or exact name. */
  organization: string;
  year: number;
  /** One package per body and year (default), or per meeting. */
  per?: 'body' | 'meeting';
  now: Date;
  actor?: string | null;
}

/** A meeting of the year that is not in any package, and why. */
export interface SkippedMeeting {
  meetingId: string;
  heldOn: string | null;
  body: string;
  reason: string;
}

export interface BuiltPackage {
  objectId: string;
  label: string;
  meetingIds: string[];
  files: PackageFile[];
}

export interface ArchiveExport {
  organization: { id: string; name: string };
  packages: BuiltPackage[];
  skipped: SkippedMeeting[];
  /** Stored documents left out of the packages (not in an archival format), by meeting. */
  leftOut: { meetingId: string; title: string; reason: string }[];
}

interface DeliverableMeeting {
  meeting: MeetingRow;
  bodyName: string;
}

/** A stored file read back, with its bytes checked against the recorded SHA-256. */
interface VerifiedFile {
  file: FileRow;
  bytes: Uint8Array;
}

interface VerifiedMeeting {
  /** The document kept as the minutes: as signed, else as finalised, else the imported original. */
  kept: VerifiedFile;
  keptRole: 'minutes' | 'source';
  attachments: { title: string; paragraph: number | null; file: VerifiedFile }[];
}

function describeMeeting(entry: DeliverableMeeting): string {
  return `${entry.bodyName} ${entry.meeting.heldOn ?? '(no date)'} (meeting ${entry.meeting.id})`;
}

/**
 * Refuses, naming every meeting, unless each is adjusted and its stored documents (the one kept as the
 * minutes, the finalised one, attachments) match their recorded SHA-256 when read back, and every
 * signature signed the finalised document. Returns what it read. The seal check of `protokoll verify`
 * belongs here too, as one more call per meeting, once it lands.
 */
export async function assertMeetingsVerified(handle: DatabaseHandle, meetings: DeliverableMeeting[]): Promise<Map<string, VerifiedMeeting>> {
  const { db } = handle;
  const problems: string[] = [];
  const verified = new Map<string, VerifiedMeeting>();
  const readChecked = async (entry: DeliverableMeeting, fileId: string, what: string, expected?: string | null): Promise<VerifiedFile | null> => {
    const file = await findFileById(db, fileId);
    if (!file) {
      problems.push(`${describeMeeting(entry)}: the stored file of its ${what} is missing`);
      return null;
    }
    let bytes: Uint8Array;
    try {
      bytes = readStoredFile(handle.filesDir, file);
    } catch (error) {
      problems.push(`${describeMeeting(entry)}: the stored file of its ${what} cannot be read (${(error as Error).message})`);
      return null;
    }
    const actual = sha256Of(bytes);
    if (actual !== file.sha256 || (expected && actual !== expected)) {
      problems.push(`${describeMeeting(entry)}: the stored file of its ${what} does not match its recorded SHA-256 (recorded ${expected ?? file.sha256}, read ${actual})`);
      return null;
    }
    return { file, bytes };
  };

  for (const entry of meetings) {
    const { meeting } = entry;
    if (!DELIVERABLE_STATUSES.has(meeting.status)) {
      problems.push(`${describeMeeting(entry)}: the minutes are ${meeting.status}, not adjusted; only adjusted minutes are delivered`);
      continue;
    }
    const before = problems.length;
    if (meeting.minutesFileId) {
      await readChecked(entry, meeting.minutesFileId, 'finalised minutes', meeting.minutesSha256);
      const signatures = await listSignatures(db, meeting.id);
      for (const signature of signatures.filter((s) => s.status === 'signed' && s.documentSha256)) {
        if (signature.documentSha256 !== meeting.minutesSha256) {
          problems.push(`${describeMeeting(entry)}: ${signature.name ?? signature.role} signed a document other than the finalised minutes`);
        }
      }
    }
    const keptId = meeting.signedFileId ?? meeting.minutesFileId ?? meeting.sourceFileId;
    if (!keptId) {
      problems.push(`${describeMeeting(entry)}: no document of the minutes is stored`);
      continue;
    }
    const keptWhat = meeting.signedFileId ? 'signed minutes' : meeting.minutesFileId ? 'finalised minutes' : 'imported original';
    const kept = await readChecked(entry, keptId, keptWhat, keptId === meeting.minutesFileId ? meeting.minutesSha256 : null);
    const attachments: VerifiedMeeting['attachments'] = [];
    for (const attachment of await listStoredAttachments(db, meeting.id)) {
      const file = await readChecked(entry, attachment.fileId, `attachment '${attachment.title}'`);
      if (file) attachments.push({ title: attachment.title, paragraph: attachment.number, file });
    }
    if (kept && problems.length === before) {
      verified.set(meeting.id, { kept, keptRole: meeting.signedFileId || meeting.minutesFileId ? 'minutes' : 'source', attachments });
    }
  }
  // The seals too (protokoll verify): content, each § and the sealed PDF as they were at justering.
  const wanted = new Set(meetings.map((m) => m.meeting.id));
  const report = await verifyIntegrity(handle, {});
  for (const finding of report.findings) {
    if (finding.meeting && wanted.has(finding.meeting.meetingId)) {
      const entry = meetings.find((m) => m.meeting.id === finding.meeting?.meetingId);
      if (entry) problems.push(`${describeMeeting(entry)}: ${finding.message}`);
      verified.delete(finding.meeting.meetingId);
    }
  }
  if (problems.length) {
    throw new RuleError('minutes_not_archivable', `cannot deliver to the e-archive: ${problems.join('; ')}`, { problems });
  }
  return verified;
}

/** Builds the packages of an organisation's year in memory, refusing unless every minutes is verified. */
export async function buildArchivePackages(handle: DatabaseHandle, options: ArchiveExportOptions): Promise<ArchiveExport> {
  const { db } = handle;
  if (!Number.isInteger(options.year) || options.year < 1000 || options.year > 9999) {
    throw new InputError({ path: 'year', code: 'invalid_year', message: `not a year: ${options.year}` });
  }
  const organization = await findOrganization(handle, options.organization);
  const rows = await listMeetingsOfOrganizationYear(db, organization.id, options.year);

  const skipped: SkippedMeeting[] = [];
  const deliverable: DeliverableMeeting[] = [];
  for (const row of rows) {
    const summary = { meetingId: row.meeting.id, heldOn: row.meeting.heldOn, body: row.bodyName };
    if (WITHOUT_MINUTES.has(row.meeting.status)) skipped.push({ ...summary, reason: `${row.meeting.status}: no minutes to deliver` });
    else if (row.meeting.minutesKind === 'notes') skipped.push({ ...summary, reason: 'minnesanteckningar, not a protocol: not adjusted, so not delivered' });
    else deliverable.push({ meeting: row.meeting, bodyName: row.bodyName });
  }
  if (deliverable.length === 0) {
    throw new RuleError('nothing_to_archive', `${organization.name} has no minutes of ${options.year} to deliver`, { organizationId: organization.id, year: options.year });
  }
  const verified = await assertMeetingsVerified(handle, deliverable);

  const agents = new Map<string, ArchiveAgent>();
  agents.set(SOFTWARE_AGENT, { id: SOFTWARE_AGENT, name: 'Protokoll', type: 'software', version: softwareVersion() });
  const organizationAgent = `organization:${organization.id}`;
  agents.set(organizationAgent, { id: organizationAgent, name: organization.name, type: 'organization' });

  const usedFolders = new Set<string>();
  const leftOut: ArchiveExport['leftOut'] = [];
  const parts: { entry: DeliverableMeeting; part: ArchiveMeeting; leftOut: { folder: string; title: string; reason: string }[] }[] = [];
  const exportedAt = options.now.toISOString();
  for (const entry of deliverable) {
    const checked = verified.get(entry.meeting.id)!;
    let folder = `${entry.meeting.heldOn ?? 'odaterat'}-${asciiName(entry.bodyName)}`;
    for (let n = 2; usedFolders.has(folder); n++) folder = `${entry.meeting.heldOn ?? 'odaterat'}-${asciiName(entry.bodyName)}-${n}`;
    usedFolders.add(folder);

    const documents: ArchiveDocument[] = [];
    const meetingLeftOut: { folder: string; title: string; reason: string }[] = [];
    const keptName = checked.keptRole === 'minutes' ? 'protokoll.pdf' : `original${extensionOf(checked.kept.file)}`;
    documents.push(documentOf(checked.kept, {
      name: keptName,
      role: checked.keptRole,
      title: checked.keptRole === 'minutes' ? (entry.meeting.signedFileId ? 'Justerat protokoll med underskrifter' : 'Protokoll som slutfört') : 'Protokollet som importerat (original)',
    }));
    for (const [index, attachment] of checked.attachments.entries()) {
      const type = baseType(attachment.file.file.contentType);
      const archival = type === 'application/pdf' ? pdfaOf(attachment.file.bytes) !== null : type in ARCHIVAL_TYPES;
      if (!archival) {
        const reason = `not in an archival format (${type}${type === 'application/pdf' ? ' without PDF/A' : ''})`;
        meetingLeftOut.push({ folder, title: attachment.title, reason });
        leftOut.push({ meetingId: entry.meeting.id, title: attachment.title, reason });
        continue;
      }
      const stem = `bilaga-${attachment.paragraph ?? 'x'}-${index + 1}-${asciiName(attachment.title)}`;
      documents.push(documentOf(attachment.file, { name: `${stem}${extensionOf(attachment.file.file)}`, role: 'attachment', title: attachment.title }));
    }

    const events = await eventsOf(handle, entry, documents, agents, organizationAgent);
    events.push({
      id: `event-${entry.meeting.id}-fixity`,
      type: 'fixity check',
      at: exportedAt,
      detail: 'SHA-256 of every document recomputed from the stored bytes at export and equal to the one recorded when it was stored.',
      outcome: 'success',
      agents: [{ id: SOFTWARE_AGENT, role: 'executing program' }],
      documents: documents.map((d) => d.name),
    });
    const minutes = await loadMinutes(db, entry.meeting.id);
    parts.push({ entry, part: { meetingId: entry.meeting.id, folder, minutes, documents, events }, leftOut: meetingLeftOut });
  }

  const per = options.per ?? 'body';
  const groups = new Map<string, typeof parts>();
  for (const part of parts) {
    const key = per === 'body' ? part.entry.meeting.bodyId : part.entry.meeting.id;
    groups.set(key, [...(groups.get(key) ?? []), part]);
  }
  const packages: BuiltPackage[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const bodyName = first.entry.bodyName;
    const when = per === 'body' ? String(options.year) : (first.entry.meeting.heldOn ?? String(options.year));
    const objectId = `${asciiName(organization.shortName ?? organization.name)}-${asciiName(bodyName)}-${when}-${randomUUID()}`;
    const label = `Protokoll ${when}, ${bodyName}, ${organization.name}`;
    const files = buildSubmissionPackage({
      objectId,
      label,
      createdAt: exportedAt,
      software: { name: 'Protokoll', version: softwareVersion() },
      organization: { id: organization.id, name: organization.name },
      body: { name: bodyName },
      year: options.year,
      meetings: group.map((g) => g.part),
      agents: [...agents.values()],
      leftOut: group.flatMap((g) => g.leftOut),
    });
    packages.push({ objectId, label, meetingIds: group.map((g) => g.part.meetingId), files });
  }
  return { organization: { id: organization.id, name: organization.name }, packages, skipped, leftOut };
}

/** What was written: one folder or zip per package. */
export interface WrittenPackage {
  objectId: string;
  label: string;
  path: string;
  meetings: number;
  files: number;
}

/**
 * Builds the packages and writes each to `outDir` as a folder named by its id, or as `<id>.zip` holding
 * that folder, then records the export in the audit log (one event per package).
 */
export async function exportArchivePackages(
  handle: DatabaseHandle,
  options: ArchiveExportOptions & { outDir: string; zip?: boolean },
): Promise<{ written: WrittenPackage[]; skipped: SkippedMeeting[]; leftOut: ArchiveExport['leftOut'] }> {
  const built = await buildArchivePackages(handle, options);
  const written: WrittenPackage[] = [];
  for (const item of built.packages) {
    const path = options.zip ? join(options.outDir, `${item.objectId}.zip`) : join(options.outDir, item.objectId);
    try {
      mkdirSync(options.outDir, { recursive: true });
      if (existsSync(path)) throw new Error('it exists already');
      if (options.zip) writeFileSync(path, zipPackage(item));
      else {
        for (const file of item.files) {
          const target = join(path, file.path);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, file.bytes);
        }
      }
    } catch (error) {
      throw new InputError({ path, code: 'cannot_write', message: `cannot write the package (${(error as Error).message})` }, { cause: error });
    }
    written.push({ objectId: item.objectId, label: item.label, path, meetings: item.meetingIds.length, files: item.files.length });
  }
  await recordExport(handle, built, { ...options, format: options.zip ? 'zip' : 'folder', paths: written.map((w) => w.path) });
  return { written, skipped: built.skipped, leftOut: built.leftOut };
}

/**
 * The packages as one download for the web: the package's zip when there is one body, else a zip holding
 * each package's zip. Recorded in the audit log like an export to a folder.
 */
export async function downloadArchivePackages(handle: DatabaseHandle, options: ArchiveExportOptions): Promise<{ fileName: string; bytes: Uint8Array; built: ArchiveExport }> {
  const built = await buildArchivePackages(handle, options);
  const zips = built.packages.map((item) => ({ name: `${item.objectId}.zip`, bytes: zipPackage(item) }));
  const single = zips.length === 1 ? zips[0]! : null;
  const fileName = single ? single.name : `leverans-${asciiName(built.organization.name)}-${options.year}.zip`;
  const bytes = single ? single.bytes : zipSync(Object.fromEntries(zips.map((z) => [z.name, z.bytes])), { level: 0, mtime: new Date('2000-01-01T00:00:00Z') });
  await recordExport(handle, built, { ...options, format: 'download', paths: zips.map((z) => z.name) });
  return { fileName, bytes, built };
}

/** One `archive.exported` event per package, in one transaction. */
async function recordExport(handle: DatabaseHandle, built: ArchiveExport, options: ArchiveExportOptions & { format: string; paths: string[] }): Promise<void> {
  await inTransaction(handle.db, async (tx) => {
    for (const [index, item] of built.packages.entries()) {
      await appendAuditEvent(tx, {
        kind: 'archive.exported',
        entityType: 'organization',
        entityId: built.organization.id,
        actor: options.actor ?? null,
        data: {
          objectId: item.objectId,
          year: options.year,
          per: options.per ?? 'body',
          meetingIds: item.meetingIds,
          files: item.files.length,
          format: options.format,
          path: options.paths[index] ?? null,
          leftOut: built.leftOut.filter((l) => item.meetingIds.includes(l.meetingId)),
        },
      });
    }
  });
}

/** The package as a zip holding one folder named by the package id (E-ARK's packaging of a SIP). */
export function zipPackage(item: Pick<BuiltPackage, 'objectId' | 'files'>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const file of item.files) entries[`${item.objectId}/${file.path}`] = file.bytes;
  // A fixed time keeps the zip's bytes a function of the package's content.
  return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

// ————— helpers of this use case —————

async function findOrganization(handle: DatabaseHandle, idOrName: string) {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName) ? await findOrganizationById(handle.db, idOrName) : null;
  const found = byId ?? (await findOrganizationByName(handle.db, idOrName));
  if (!found) throw new NotFoundError('organization_not_found', `no organisation with id or name '${idOrName}'`, { organization: idOrName });
  return found;
}

let version: string | undefined;
function softwareVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}

function baseType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

function extensionOf(file: FileRow): string {
  const type = baseType(file.contentType);
  if (type === 'application/pdf') return '.pdf';
  if (type === 'application/json') return '.json';
  if (type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return '.docx';
  return ARCHIVAL_TYPES[type] ?? (/\.[a-z0-9]{1,5}$/i.exec(file.originalName ?? '')?.[0]?.toLowerCase() ?? '.bin');
}

/** The PDF/A part and conformance a PDF declares in its XMP metadata (e.g. '2a'), or null. */
export function pdfaOf(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes).toString('latin1');
  const part = /pdfaid:part(?:>|\s*=\s*["'])(\d)/.exec(text)?.[1];
  if (!part) return null;
  const conformance = /pdfaid:conformance(?:>|\s*=\s*["'])([A-Za-z])/.exec(text)?.[1] ?? '';
  return `${part}${conformance.toLowerCase()}`;
}

function documentOf(verified: VerifiedFile, input: { name: string; role: ArchiveDocument['role']; title: string }): ArchiveDocument {
  const type = baseType(verified.file.contentType);
  const pdfa = type === 'application/pdf' ? pdfaOf(verified.bytes) : null;
  return {
    name: input.name,
    bytes: verified.bytes,
    mimeType: type,
    createdAt: verified.file.createdAt.toISOString(),
    role: input.role,
    title: input.title,
    originalName: verified.file.originalName,
    formatName: pdfa ? 'PDF/A' : type === 'application/pdf' ? 'Portable Document Format' : type,
    formatVersion: pdfa,
  };
}

const EVENT_TYPES: Partial<Record<string, string>> = {
  'meeting.created': 'creation',
  'minutes.saved': 'metadata modification',
  'minutes.imported': 'ingestion',
  'minutes.finalised': 'finalisation (slutförande)',
  'minutes.rejected': 'rejection (underkännande)',
  'minutes.adjusted': 'justering (adjustment)',
  'notice.posted': 'anslag (posting of the notice)',
  'extract.certified': 'extract certification (protokollsutdrag)',
};

const EVENT_DETAILS: Partial<Record<string, string>> = {
  'meeting.created': 'Sammanträdet planerades (or the kallelse was sent).',
  'minutes.saved': 'Protokollet sparades.',
  'minutes.imported': 'Protokollet importerades från en fil; originalet sparades oförändrat.',
  'minutes.finalised': 'Sekreteraren slutförde protokollet: dokumentet som justeras lagrades med sin SHA-256.',
  'minutes.rejected': 'En justerare underkände protokollet.',
  'minutes.adjusted': 'Protokollet justerades: alla underskrifter var gjorda och det justerade dokumentet lagrades.',
  'notice.posted': 'Anslaget om justeringen sattes upp på den digitala anslagstavlan.',
  'extract.certified': 'Ett protokollsutdrag bestyrktes.',
};

/** The meeting's events: its audit trail (but signatures), each signature, and justering and anslag from the minutes when the log lacks them. */
async function eventsOf(
  handle: DatabaseHandle,
  entry: DeliverableMeeting,
  documents: ArchiveDocument[],
  agents: Map<string, ArchiveAgent>,
  organizationAgent: string,
): Promise<ArchiveEvent[]> {
  const { db } = handle;
  const { meeting } = entry;
  const audit = await listAuditEventsOfMeeting(db, meeting.id);
  const signatures = await listSignatures(db, meeting.id);
  const notice = await findNotice(db, meeting.id);
  const names = await findActorNames(db, [...audit.map((a) => a.actor ?? ''), ...signatures.map((s) => s.personId ?? '')]);
  const minutesDocument = documents[0]!.name;

  const agentOf = (actor: string | null): string => {
    if (!actor) return SOFTWARE_AGENT;
    const known = names.get(actor);
    if (known) {
      const id = `${known.kind}:${actor}`;
      agents.set(id, { id, name: known.name, type: 'person', note: known.kind === 'user' ? 'användare i Protokoll' : 'person i registren' });
      return id;
    }
    const id = `${SOFTWARE_AGENT}:${asciiName(actor)}`;
    agents.set(id, { id, name: `Protokoll (${actor})`, type: 'software', version: softwareVersion() });
    return id;
  };

  const events: ArchiveEvent[] = [];
  const fromAudit = (row: AuditEventRow): ArchiveEvent => {
    const data = row.data as Record<string, unknown>;
    const sha = typeof data.sha256 === 'string' ? ` SHA-256 ${data.sha256}.` : typeof data.signedSha256 === 'string' ? ` SHA-256 ${data.signedSha256}.` : '';
    return {
      id: `event-${row.id}`,
      type: EVENT_TYPES[row.kind] ?? row.kind,
      at: row.at.toISOString(),
      detail: `${EVENT_DETAILS[row.kind] ?? row.kind}${sha} (händelselogg: ${row.kind}, nr ${row.seq ?? '?'})`,
      outcome: 'success',
      agents: [{ id: agentOf(row.actor), role: 'implementer' }],
      documents: ['minutes.adjusted', 'minutes.imported'].includes(row.kind) ? [minutesDocument] : [],
    };
  };
  for (const row of audit) {
    // Signatures are described from the signature lines, which say who signed what and how.
    if (row.kind !== 'minutes.signed') events.push(fromAudit(row));
  }
  for (const signature of signatures) {
    if (signature.status !== 'signed') continue;
    const signer = signature.personId ? agentOf(signature.personId) : (() => {
      const id = `signer:${meeting.id}:${signature.position}`;
      agents.set(id, { id, name: signature.name ?? signature.role, type: 'person' });
      return id;
    })();
    events.push({
      id: `event-signature-${signature.id}`,
      type: 'digital signature generation',
      at: signature.signedAt ? signature.signedAt.toISOString() : (meeting.adjustedOn ?? ''),
      detail: `${signatureRole(signature.role)} ${signature.name ?? ''} undertecknade protokollet${signature.documentSha256 ? ` (SHA-256 ${signature.documentSha256})` : ''}${signature.provider ? `, legitimerad av ${signature.provider}` : ''}.`,
      outcome: 'success',
      agents: [{ id: signer, role: 'signer' }],
      documents: [minutesDocument],
    });
  }
  if (meeting.adjustedOn && !audit.some((a) => a.kind === 'minutes.adjusted')) {
    events.push({
      id: `event-${meeting.id}-justering`,
      type: 'justering (adjustment)',
      at: meeting.adjustedOn,
      detail: `Protokollet justerades ${meeting.adjustedOn}${meeting.adjustmentPlace ? ` i ${meeting.adjustmentPlace}` : ''} (enligt protokollet).`,
      outcome: 'success',
      agents: [{ id: organizationAgent, role: 'implementer' }],
      documents: [minutesDocument],
    });
  }
  if (notice?.postedOn && !audit.some((a) => a.kind === 'notice.posted')) {
    events.push({
      id: `event-${notice.id}-anslag`,
      type: 'anslag (posting of the notice)',
      at: notice.postedOn,
      detail: `Anslaget sattes upp ${notice.postedOn}${notice.postedUntilOn ? ` och togs ned tidigast ${notice.postedUntilOn}` : ''} (enligt protokollet).`,
      outcome: 'success',
      agents: [],
      documents: [],
    });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

function signatureRole(role: string): string {
  return role === 'chair' ? 'Ordföranden' : role === 'secretary' ? 'Sekreteraren' : 'Justeraren';
}
