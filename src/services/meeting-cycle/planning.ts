/** Planning a meeting: its agenda, the § texts drafted before it, the kallelse and the documents (underlag). */
import { renderNoticeOfMeetingPdf, type NoticeOfMeeting } from '../../documents/index.ts';
import type { AttendeeRole, Reservation, Vote } from '../../domain/minutes.ts';
import { reservationSchema, voteSchema } from '../../domain/minutes.ts';
import { meetingNoticeStatus, swedishDateOf, type MeetingNoticeStatus } from '../../domain/legal-dates.ts';
import { listDelegatedDecisionsOnAgenda } from '../follow-up.service.ts';
import { listReportBacksOnAgenda } from '../follow-up/report-back.ts';
import { queueKallelseMail } from '../mail/kallelse-mail.ts';
import { requireSecretaryOf } from '../access.ts';
import { findVoteProblems } from '../../domain/vote.ts';
import { extractUnderlagText } from '../../search/underlag-text.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import { z } from 'zod';
import {
  InputError,
  NotFoundError,
  RuleError,
  type Problem,
} from '../../errors.ts';
import {
  appendAuditEvent,
  findBodyById,
  findOrganizationById,
  findOrInsertCase,
  inTransaction,
  loadMinutes,
  storeFile,
  findFileById,
  readStoredFile,
  type DatabaseHandle,
} from '../../storage/index.ts';
import {
  findParagraphById,
  insertInvitations,
  insertMeeting,
  insertParagraph,
  insertParagraphAttachment,
  findMeetingOfFile,
  listAttendance,
  listParagraphsOfMeeting,
  mandatesInForce,
  compactPositions,
  replaceParagraphChildren,
  updateMeeting,
  updateParagraphRow,
} from '../../storage/meeting-cycle.store.ts';
import type { Database } from '../../storage/database.ts';
import type { MeetingRow } from '../../storage/minutes.store.ts';
import { enforceLegalChecks } from './legal-gate.ts';
import { structuredParagraphParts, type StructuredParagraphChanges } from './paragraph-structure.ts';
import { type Actor, checkDate, contextOf, countVotingFor, lockEditableMeeting, numberParagraphsOfYear, requireText, rulesOf, sortMandates } from './common.ts';


/** Standard items of an agenda (föredragningslista), in their usual order. */
export const standardAgendaItems = {
  opening: 'Sammanträdets öppnande',
  adjusters: 'Val av justerare och tid för justering',
  agenda: 'Godkännande av dagordning',
  previous_minutes: 'Föregående protokoll',
  delegated_decisions: 'Anmälan av delegationsbeslut',
  information: 'Information',
  other_questions: 'Övriga frågor',
  closing: 'Sammanträdets avslutande',
} as const;
export type AgendaKind = keyof typeof standardAgendaItems;

export const openingKinds: AgendaKind[] = ['opening', 'adjusters', 'agenda', 'previous_minutes'];
export const closingKinds: AgendaKind[] = ['delegated_decisions', 'information', 'other_questions', 'closing'];


// ————— planning —————

/**
 * Plans a meeting of a body, with the standard agenda items numbered on from the body's last § of the
 * calendar year.
 */
export async function planMeeting(
  db: Database,
  input: { bodyId: string; heldOn: string; start?: string | null; end?: string | null; location?: string | null; remote?: boolean | null; standardItems?: boolean; numberInYear?: number | null },
  actor?: Actor,
): Promise<{ meetingId: string }> {
  const problems: Problem[] = [];
  checkDate(input.heldOn, 'heldOn', problems);
  for (const key of ['start', 'end'] as const) {
    const value = input[key];
    if (value != null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) problems.push({ path: key, code: 'invalid_time', message: `expected HH:MM, got '${value}'` });
  }
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    const body = await findBodyById(tx, input.bodyId);
    if (!body) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${input.bodyId}` });
    await requireSecretaryOf(tx, actor, { bodyId: body.id });
    const organization = body.organizationId ? await findOrganizationById(tx, body.organizationId) : null;
    const meeting = await insertMeeting(tx, {
      bodyId: body.id,
      minutesKind: rulesOf(organization, body).documentKind,
      heldOn: input.heldOn,
      year: Number(input.heldOn.slice(0, 4)),
      numberInYear: input.numberInYear ?? null,
      startTime: input.start ?? null,
      endTime: input.end ?? null,
      location: input.location ?? null,
      remote: input.remote ?? null,
      status: 'planned',
      organizationAsWritten: organization?.name ?? null,
      bodyAsWritten: body.name,
    });
    if (input.standardItems !== false) {
      const kinds = [...openingKinds, ...closingKinds].filter((k) => body.decisionMaking || k !== 'delegated_decisions');
      for (const [position, kind] of kinds.entries()) {
        await insertParagraph(tx, { meetingId: meeting.id, bodyId: body.id, year: meeting.year, position, title: standardAgendaItems[kind], agendaKind: kind });
      }
      await numberParagraphsOfYear(tx, meeting);
      // The decisions taken under delegation since the body last met are its anmälan.
      if (body.decisionMaking) await listDelegatedDecisionsOnAgenda(tx, meeting);
      // Återrapporteringar written since the body last met are items of their own.
      await listReportBacksOnAgenda(tx, meeting, actor);
    }
    await appendAuditEvent(tx, { kind: 'meeting.created', entityType: 'meeting', entityId: meeting.id, actor: actor?.userId ?? null });
    return { meetingId: meeting.id };
  });
}

/**
 * Adds an item to the agenda: a case goes before the closing standard items (delegationsbeslut,
 * information, övriga frågor, avslutande) unless a position is given. The meeting's §§ are renumbered.
 */
export async function addAgendaItem(
  db: Database,
  meetingId: string,
  input: { title: string; caseNumber?: string | null; agendaKind?: AgendaKind | null; presenters?: string[]; proposal?: string | null; text?: string | null; position?: number },
  actor?: Actor,
): Promise<{ paragraphId: string; number: number | null }> {
  const title = requireText(input.title, 'title');
  return inTransaction(db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    return addAgendaItemInside(tx, meeting, { ...input, title }, actor);
  });
}

/**
 * Adds an item to the agenda of a meeting the caller has locked and may edit, inside the caller's
 * transaction (see addAgendaItem; the registers put an återrapportering on the agenda this way).
 */
export async function addAgendaItemInside(
  tx: Database,
  meeting: MeetingRow,
  input: { title: string; caseNumber?: string | null; agendaKind?: AgendaKind | null; presenters?: string[]; proposal?: string | null; text?: string | null; position?: number },
  actor?: Actor,
): Promise<{ paragraphId: string; number: number | null }> {
  const title = input.title;
  const meetingId = meeting.id;
  {
    const current = await listParagraphsOfMeeting(tx, meetingId);
    const firstClosing = current.findIndex((p) => closingKinds.includes(p.agendaKind as AgendaKind));
    const position = Math.max(0, Math.min(input.position ?? (firstClosing === -1 ? current.length : firstClosing), current.length));
    // Make room: shift the later items one step (from the end, so positions never clash).
    for (const row of [...current].reverse()) {
      if (row.position >= position) await updateParagraphRow(tx, row.id, { position: row.position + 1 });
    }
    const body = (await findBodyById(tx, meeting.bodyId))!;
    const caseId = input.caseNumber ? await findOrInsertCase(tx, { organizationId: body.organizationId, caseNumber: input.caseNumber.trim(), title }) : null;
    const paragraph = await insertParagraph(tx, {
      meetingId,
      bodyId: meeting.bodyId,
      year: meeting.year,
      position,
      title,
      agendaKind: input.agendaKind ?? null,
      caseId,
      proposal: input.proposal ?? null,
      text: input.text ?? null,
    });
    if (input.presenters?.length) await replaceParagraphChildren(tx, paragraph.id, { presenters: input.presenters });
    await compactPositions(tx, meetingId);
    await numberParagraphsOfYear(tx, meeting);
    const numbered = await findParagraphById(tx, paragraph.id);
    await appendAuditEvent(tx, { kind: 'minutes.saved', entityType: 'paragraph', entityId: paragraph.id, actor: actor?.userId ?? null, data: { added: title } });
    return { paragraphId: paragraph.id, number: numbered?.number ?? null };
  }
}

/** What can be changed in a § while the minutes are a draft. */
export interface ParagraphChanges extends StructuredParagraphChanges {
  title?: string;
  caseNumber?: string | null;
  text?: string | null;
  proposal?: string | null;
  presenters?: string[];
  decisions?: string[];
  attachments?: string[];
  votes?: Vote[];
  reservations?: Reservation[];
  disqualified?: string[];
  confidential?: boolean;
  confidentialReason?: string | null;
  /** The version of the § the edit was based on; a save based on an older one is refused, never overwrites. */
  version?: number;
}

/** The stored version of a §, which an edit form carries so that a stale save is refused (issue 23). */
export async function paragraphVersion(db: Database, paragraphId: string): Promise<number> {
  const paragraph = await findParagraphById(db, paragraphId);
  if (!paragraph) throw new NotFoundError('paragraph_not_found', `no paragraph with id ${paragraphId}`, { paragraphId });
  return paragraph.version;
}

/**
 * Changes a § of draft minutes. Refused once the minutes are finalised or adjusted, and for a § adjusted
 * immediately at the meeting; a vote whose counts exceed those voting is refused with the field named.
 */
export async function updateParagraph(db: Database, paragraphId: string, changes: ParagraphChanges, actor?: Actor): Promise<number> {
  const votes = changes.votes ? parseOrThrow(z.array(voteSchema), changes.votes, 'votes') : undefined;
  const reservations = changes.reservations ? parseOrThrow(z.array(reservationSchema), changes.reservations, 'reservations') : undefined;
  const structured = structuredParagraphParts(changes);
  if (changes.title !== undefined) requireText(changes.title, 'title');
  return inTransaction(db, async (tx) => {
    const found = await findParagraphById(tx, paragraphId);
    if (!found) throw new NotFoundError('paragraph_not_found', `no paragraph with id ${paragraphId}`, { paragraphId });
    const meeting = await lockEditableMeeting(tx, found.meetingId, actor);
    // Read again under the meeting's lock: a step that committed meanwhile (an immediate justering) counts.
    const paragraph = (await findParagraphById(tx, paragraphId))!;
    if (paragraph.adjustedImmediately) {
      throw new RuleError('paragraph_already_adjusted', `§ ${paragraph.number} was adjusted at the meeting and cannot change`, { paragraphId });
    }
    if (changes.version !== undefined && changes.version !== paragraph.version) {
      throw new RuleError('paragraph_edited_by_someone_else', `§ ${paragraph.number} was saved by someone else after you opened it`, {
        paragraphId,
        yourVersion: changes.version,
        storedVersion: paragraph.version,
        stored: { title: paragraph.title, text: paragraph.text, proposal: paragraph.proposal },
        yours: { title: changes.title ?? null, text: changes.text ?? null, proposal: changes.proposal ?? null },
      });
    }
    if (votes?.length) {
      const attendanceRows = await listAttendance(tx, meeting.id);
      const votingCount = countVotingFor(attendanceRows, paragraph.number);
      const problems = votes.flatMap((vote, index) => findVoteProblems(vote, { votingCount, path: `votes[${index}]` }));
      if (problems.length) throw new InputError(problems);
    }
    const body = (await findBodyById(tx, meeting.bodyId))!;
    const values: Parameters<typeof updateParagraphRow>[2] = { ...structured.row };
    if (changes.title !== undefined) values.title = changes.title.trim();
    if (changes.text !== undefined) values.text = changes.text;
    if (changes.proposal !== undefined) values.proposal = changes.proposal;
    if (changes.confidential !== undefined) values.confidential = changes.confidential;
    if (changes.confidentialReason !== undefined) values.confidentialReason = changes.confidentialReason;
    if (changes.caseNumber !== undefined) {
      values.caseId = changes.caseNumber ? await findOrInsertCase(tx, { organizationId: body.organizationId, caseNumber: changes.caseNumber.trim(), title: paragraph.title }) : null;
    }
    values.version = paragraph.version + 1;
    await updateParagraphRow(tx, paragraphId, values);
    await replaceParagraphChildren(tx, paragraphId, {
      presenters: changes.presenters,
      decisions: changes.decisions?.map((d) => d.trim()).filter(Boolean),
      attachments: changes.attachments,
      votes: votes?.map((v) => ({ question: v.question, yes: v.yes ?? null, no: v.no ?? null, abstain: v.abstain ?? null, result: v.result ?? null, roll: (v.roll ?? []).map((b) => ({ name: b.name, party: b.party ?? null, vote: b.vote })) })),
      reservations: reservations?.map((r) => ({ name: r.name, party: r.party ?? null, reason: r.reason ?? null })),
      disqualified: changes.disqualified,
      ...structured.children,
    });
    await appendAuditEvent(tx, { kind: 'minutes.saved', entityType: 'paragraph', entityId: paragraphId, actor: actor?.userId ?? null, data: { fields: Object.keys(changes), version: paragraph.version + 1 } });
    return paragraph.version + 1;
  });
}

/**
 * Sends the kallelse: renders it with the agenda, stores it, and records that it went to every member and
 * substitute with a mandate on the meeting day. Says whether it went out in time by the body's rules; a
 * late kallelse is a warning of the legal checks (legal-gate.ts) and needs `legalReason`.
 */
export async function sendMeetingNotice(
  handle: DatabaseHandle,
  meetingId: string,
  input: { sentAt: Date; absenceContact?: string | null; mail?: { publicUrl: string; mailDomain: string } | null; legalReason?: string | null },
  actor?: Actor,
): Promise<{ invited: number; fileId: string; status: MeetingNoticeStatus | null; pdf: Buffer; mailed: number; withoutAddress: string[] }> {
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    if (!meeting.heldOn) throw new RuleError('meeting_without_date', 'the meeting has no date');
    const legal = await enforceLegalChecks(tx, { step: 'kallelse', meeting, at: input.sentAt, legalReason: input.legalReason });
    const { body, organization, rules } = await contextOf(tx, meeting);
    const mandates = sortMandates(await mandatesInForce(tx, body.id, meeting.heldOn));
    const items = await listParagraphsOfMeeting(tx, meetingId);
    const minutes = await loadMinutes(tx, meetingId);
    const notice: NoticeOfMeeting = {
      organization: organization?.name ?? null,
      body: body.name,
      meeting: { date: meeting.heldOn, start: minutes.meeting.start, end: minutes.meeting.end, location: meeting.location, remote: meeting.remote },
      sentOn: swedishDateOf(input.sentAt.toISOString()),
      items: items.map((p, index) => ({ number: p.number, title: p.title, caseNumber: minutes.items[index]?.caseNumber ?? null, presenters: minutes.items[index]?.presenters ?? [] })),
      invited: mandates.map((m) => ({ name: m.name, party: m.party, represents: m.appointedBy, role: m.role as AttendeeRole })),
      chair: mandates.find((m) => m.role === 'chair')?.name ?? null,
      absenceContact: input.absenceContact ?? null,
    };
    const pdf = await renderNoticeOfMeetingPdf(notice, { createdAt: input.sentAt });
    const file = await storeFile(tx, handle.filesDir, { bytes: pdf, contentType: 'application/pdf', originalName: `kallelse-${body.name}-${meeting.heldOn}.pdf` });
    await insertInvitations(
      tx,
      mandates.map((m) => ({ meetingId, personId: m.personId, name: m.name, role: m.role === 'substitute' ? 'substitute' : 'member', address: m.email, sentAt: input.sentAt, fileId: file.id })),
    );
    // With mail configured, each member and substitute gets the kallelse in the same transaction (the outbox).
    const mailed = input.mail
      ? await queueKallelseMail(tx, {
          meeting: { id: meetingId, heldOn: meeting.heldOn, startTime: meeting.startTime, location: meeting.location },
          bodyName: body.name,
          organization: organization ? { id: organization.id, name: organization.name } : null,
          recipients: mandates.map((m) => ({ personId: m.personId, name: m.name, email: m.email })),
          file: { id: file.id, filename: `Kallelse ${body.name} ${meeting.heldOn}.pdf` },
          publicUrl: input.mail.publicUrl,
          mailDomain: input.mail.mailDomain,
          contact: input.absenceContact ?? null,
        })
      : { queued: 0, withoutAddress: [] };
    await updateMeeting(tx, meetingId, { convenedAt: input.sentAt, status: meeting.status === 'planned' ? 'convened' : meeting.status });
    await appendAuditEvent(tx, { kind: 'meeting.convened', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { kallelseSentTo: mandates.length, fileId: file.id, ...legal } });
    const status =
      rules.meetingNoticeDays === null
        ? null
        : meetingNoticeStatus({ meetingOn: meeting.heldOn, noticeDays: rules.meetingNoticeDays, sentOn: notice.sentOn ?? null, today: notice.sentOn! }).status;
    return { invited: mandates.length, fileId: file.id, status, pdf, mailed: mailed.queued, withoutAddress: mailed.withoutAddress };
  });
}

/** File types accepted as underlag and bilagor. */
export const attachableTypes: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.oasis.opendocument.text': '.odt',
  'text/plain': '.txt',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

/** The largest underlag accepted, in bytes. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * Attaches a document (underlag, tjänsteskrivelse, bilaga) to a § of draft minutes: the file is stored
 * once by its SHA-256 and named in the § as a bilaga, so members reach it from the agenda.
 */
export async function attachDocument(
  handle: DatabaseHandle,
  paragraphId: string,
  input: { title: string; bytes: Uint8Array; contentType: string; originalName?: string | null },
  actor?: Actor,
): Promise<{ fileId: string; sha256: string }> {
  const title = requireText(input.title, 'title');
  const contentType = input.contentType.split(';')[0]!.trim().toLowerCase();
  const problems: Problem[] = [];
  if (!(contentType in attachableTypes)) {
    problems.push({ path: 'content-type', code: 'unsupported_file_type', message: `${contentType} is not accepted; use PDF, DOCX, XLSX, ODT, text, PNG or JPEG` });
  }
  if (input.bytes.byteLength === 0) problems.push({ path: 'body', code: 'empty_file', message: 'the file is empty' });
  if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) problems.push({ path: 'body', code: 'file_too_large', message: `the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` });
  if (problems.length) throw new InputError(problems);
  // The text inside, for internal search (never public): read before the transaction so that no lock
  // waits on a PDF reader, and stored with the file before it is attached, so that the attachment's
  // search trigger finds it. Bounded in size and time; a file that cannot be read is stored without text.
  const textContent = await extractUnderlagText(input.bytes, contentType, { name: input.originalName ?? title });
  return inTransaction(handle.db, async (tx) => {
    const paragraph = await findParagraphById(tx, paragraphId);
    if (!paragraph) throw new NotFoundError('paragraph_not_found', `no paragraph with id ${paragraphId}`, { paragraphId });
    await lockEditableMeeting(tx, paragraph.meetingId, actor);
    const file = await storeFile(tx, handle.filesDir, { bytes: input.bytes, contentType, originalName: input.originalName ?? `${title}${attachableTypes[contentType]}`, textContent });
    await insertParagraphAttachment(tx, { paragraphId, title, fileId: file.id });
    await appendAuditEvent(tx, { kind: 'minutes.saved', entityType: 'paragraph', entityId: paragraphId, actor: actor?.userId ?? null, data: { attached: title, sha256: file.sha256 } });
    return { fileId: file.id, sha256: file.sha256 };
  });
}

/** The meeting a stored file belongs to (underlag, kallelse, minutes, signed minutes, extract), or null. */
export async function meetingOfFile(handle: DatabaseHandle, fileId: string): Promise<string | null> {
  return findMeetingOfFile(handle.db, fileId);
}

/** A stored file's content for a signed-in reader, with its type and name. */
export async function readFileForDownload(handle: DatabaseHandle, fileId: string): Promise<{ bytes: Uint8Array; contentType: string; name: string | null }> {
  const file = await findFileById(handle.db, fileId);
  if (!file) throw new NotFoundError('file_not_found', `no file with id ${fileId}`, { fileId });
  return { bytes: readStoredFile(handle.filesDir, file), contentType: file.contentType, name: file.originalName };
}

