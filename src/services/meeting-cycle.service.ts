/**
 * The meeting cycle, from planning to a protocol that is adjusted, signed, publicly noticed and never
 * changes again: the secretary's work as use cases. Each function is one transaction that checks the
 * domain's rules, writes, and appends its audit event.
 */
import { renderExtractPdf, renderMinutesHtml, renderMinutesPdf, renderNoticeOfMeetingPdf, type NoticeOfMeeting } from '../documents/index.ts';
import type { AttendeeRole, Minutes, Reservation, Vote } from '../domain/minutes.ts';
import { reservationSchema, voteSchema } from '../domain/minutes.ts';
import {
  adjustmentDeadline,
  adjustmentStatus,
  assertIsoDate,
  meetingNoticeStatus,
  noticeDates,
  swedishDateOf,
  type AdjustmentStatus,
  type MeetingNoticeStatus,
  type NoticeDates,
} from '../domain/legal-dates.ts';
import {
  adjustParagraphImmediately,
  draftMinutesApproval,
  finalise,
  isAdjusted,
  isMeetingOpen,
  reject,
  sign,
  type MinutesApproval,
} from '../domain/minutes-state.ts';
import { listDelegatedDecisionsOnAgenda, reportDelegatedDecisionsListedIn } from './follow-up.service.ts';
import { queueKallelseMail } from './mail/kallelse-mail.ts';
import { requireAdministratorOfOrganization, requireSecretaryOf } from './access.ts';
import { whileUnchanged } from './public-cache.ts';
import type { Viewer } from './accounts.service.ts';
import { sealAdjustedMinutes } from './integrity.service.ts';
import { quorumOf, pickServingSubstitutes, type AttendanceEntry, type QuorumResult } from '../domain/quorum.ts';
import { effectiveRules, ruleProfileFor, type BodyRuleOverrides, type OrganisationType, type RuleProfile } from '../domain/rule-profile.ts';
import { findVoteProblems } from '../domain/vote.ts';
import { extractUnderlagText } from '../search/underlag-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { z } from 'zod';
import { InputError, NotFoundError, RuleError, type Problem } from '../errors.ts';
import {
  appendAuditEvent,
  findBodyById,
  findOrganizationById,
  findOrInsertCase,
  findPersonById,
  inTransaction,
  insertBody,
  insertMandate,
  insertOrganization,
  insertPerson,
  loadMinutes,
  storeFile,
  findFileById,
  findMeetingById,
  readStoredFile,
  type BodyRow,
  type DatabaseHandle,
  type MandateRow,
  type OrganizationRow,
  type PersonRow,
} from '../storage/index.ts';
import {
  findNotice,
  findParagraphById,
  insertExtract,
  insertInvitations,
  insertMeeting,
  insertParagraph,
  insertParagraphAttachment,
  findMeetingOfFile,
  listAdjusters,
  listAttendance,
  listInvitations,
  listMeetingSummaries,
  listParagraphsOfMeeting,
  listSignatures,
  listStoredAttachments,
  lockMeeting,
  mandatesInForce,
  setParagraphNumbers,
  lockMeetingsOfBodyYear,
  compactPositions,
  replaceAdjusters,
  replaceAttendance,
  replaceParagraphChildren,
  replaceSignatures,
  updateMeeting,
  updateParagraphRow,
  updateSignature,
  upsertNotice,
  type MandateOnDate,
  type MeetingSummaryRow,
  type NoticeRow,
} from '../storage/meeting-cycle.store.ts';
import type { MeetingRow } from '../storage/minutes.store.ts';
import type { Database } from '../storage/database.ts';

/**
 * Who performs a step: the signed-in user (with their roles, `viewer`, which the use case checks) and the
 * person in the registers they are. Without a viewer the step is the system's own (CLI, import, demo).
 */
export interface Actor {
  userId?: string | null;
  personId: string | null;
  name?: string | null;
  viewer?: Viewer;
}

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

const openingKinds: AgendaKind[] = ['opening', 'adjusters', 'agenda', 'previous_minutes'];
const closingKinds: AgendaKind[] = ['delegated_decisions', 'information', 'other_questions', 'closing'];

// ————— registers —————

/** Registers an organisation (förbund, kommun or region) with the type that sets its rule profile. */
export async function createOrganization(
  db: Database,
  input: { name: string; organizationType: OrganisationType; shortName?: string | null; minutesStorage?: string | null; caseNumberFormat?: string | null },
  actor?: Actor,
): Promise<OrganizationRow> {
  const name = requireText(input.name, 'name');
  return inTransaction(db, async (tx) => {
    const row = await insertOrganization(tx, {
      name,
      organizationType: input.organizationType,
      shortName: input.shortName ?? null,
      minutesStorage: input.minutesStorage ?? name,
      caseNumberFormat: input.caseNumberFormat ?? null,
    });
    await appendAuditEvent(tx, { kind: 'organization.created', entityType: 'organization', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

/** Registers a body of an organisation; `rules` are its own choices within the rule profile. */
export async function createBody(
  db: Database,
  input: { organizationId: string; name: string; bodyKind?: string; decisionMaking?: boolean; seats?: number | null; rules?: BodyRuleOverrides },
  actor?: Actor,
): Promise<BodyRow> {
  const name = requireText(input.name, 'name');
  return inTransaction(db, async (tx) => {
    const organization = await findOrganizationById(tx, input.organizationId);
    if (!organization) throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${input.organizationId}` });
    requireAdministratorOfOrganization(actor, organization.id);
    const decisionMaking = input.decisionMaking ?? input.bodyKind !== 'network';
    // Refuse overrides that the profile does not allow before anything is stored.
    effectiveRules(profileOf(organization, { decisionMaking }), input.rules ?? {});
    const row = await insertBody(tx, {
      organizationId: organization.id,
      name,
      bodyKind: input.bodyKind ?? (decisionMaking ? 'board' : 'network'),
      decisionMaking,
      seats: input.seats ?? null,
      rules: (input.rules ?? {}) as Record<string, unknown>,
    });
    await appendAuditEvent(tx, { kind: 'body.created', entityType: 'body', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

/** Registers a person. */
export async function createPerson(db: Database, input: { name: string; email?: string | null }, actor?: Actor): Promise<PersonRow> {
  const name = requireText(input.name, 'name');
  return inTransaction(db, async (tx) => {
    const row = await insertPerson(tx, { name, email: input.email ?? null });
    await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

/** Gives a person a mandate in a body: ordförande, vice ordförande, ledamot or ersättare, for a term. */
export async function addMandate(
  db: Database,
  input: {
    bodyId: string;
    personId: string;
    role: 'chair' | 'vice-chair' | 'member' | 'substitute';
    party?: string | null;
    viceChairRank?: number | null;
    substituteRank?: number | null;
    appointedById?: string | null;
    startsOn?: string | null;
    endsOn?: string | null;
  },
  actor?: Actor,
): Promise<MandateRow> {
  const problems: Problem[] = [];
  for (const key of ['startsOn', 'endsOn'] as const) {
    const value = input[key];
    if (value != null) {
      try {
        assertIsoDate(value, key);
      } catch (error) {
        if (error instanceof InputError) problems.push(...error.problems);
      }
    }
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
    problems.push({ path: 'endsOn', code: 'term_ends_before_start', message: `the term ends (${input.endsOn}) before it starts (${input.startsOn})` });
  }
  if (input.role === 'substitute' && input.substituteRank == null) {
    problems.push({ path: 'substituteRank', code: 'missing_substitute_rank', message: 'a substitute needs a place in the order of substitutes' });
  }
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    if (!(await findBodyById(tx, input.bodyId))) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${input.bodyId}` });
    await requireSecretaryOf(tx, actor, { bodyId: input.bodyId });
    if (!(await findPersonById(tx, input.personId))) throw new InputError({ path: 'personId', code: 'unknown_person', message: `no person with id ${input.personId}` });
    const row = await insertMandate(tx, {
      bodyId: input.bodyId,
      personId: input.personId,
      role: input.role,
      party: input.party ?? null,
      viceChairRank: input.viceChairRank ?? null,
      substituteRank: input.substituteRank ?? null,
      appointedById: input.appointedById ?? null,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
    });
    await appendAuditEvent(tx, { kind: 'mandate.created', entityType: 'mandate', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

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
  });
}

/** What can be changed in a § while the minutes are a draft. */
export interface ParagraphChanges {
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
    const values: Parameters<typeof updateParagraphRow>[2] = {};
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
    });
    await appendAuditEvent(tx, { kind: 'minutes.saved', entityType: 'paragraph', entityId: paragraphId, actor: actor?.userId ?? null, data: { fields: Object.keys(changes), version: paragraph.version + 1 } });
    return paragraph.version + 1;
  });
}

/**
 * Sends the kallelse: renders it with the agenda, stores it, and records that it went to every member and
 * substitute with a mandate on the meeting day. Says whether it went out in time by the body's rules.
 */
export async function sendMeetingNotice(
  handle: DatabaseHandle,
  meetingId: string,
  input: { sentAt: Date; absenceContact?: string | null; mail?: { publicUrl: string; mailDomain: string } | null },
  actor?: Actor,
): Promise<{ invited: number; fileId: string; status: MeetingNoticeStatus | null; pdf: Buffer; mailed: number; withoutAddress: string[] }> {
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    if (!meeting.heldOn) throw new RuleError('meeting_without_date', 'the meeting has no date');
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
          items: items.map((p) => ({ number: p.number, title: p.title })),
          recipients: mandates.map((m) => ({ personId: m.personId, name: m.name, email: m.email })),
          file: { id: file.id, filename: `Kallelse ${body.name} ${meeting.heldOn}.pdf` },
          update: meeting.convenedAt !== null,
          publicUrl: input.mail.publicUrl,
          mailDomain: input.mail.mailDomain,
          contact: input.absenceContact ?? null,
        })
      : { queued: 0, withoutAddress: [] };
    await updateMeeting(tx, meetingId, { convenedAt: input.sentAt, status: meeting.status === 'planned' ? 'convened' : meeting.status });
    await appendAuditEvent(tx, { kind: 'meeting.convened', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { kallelseSentTo: mandates.length, fileId: file.id } });
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

// ————— minute-taking —————

/** One person's attendance as the secretary records it (upprop). */
export interface AttendanceInput {
  personId: string;
  present: boolean;
  remote?: boolean;
  /** For a substitute: the member they serve for (tjänstgörande ersättare). */
  servingForPersonId?: string | null;
  /** The §§ attended when limited, e.g. '10-12'. */
  paragraphs?: string | null;
}

/** Someone present without a mandate: the secretary, officials, guests. */
export interface OtherParticipantInput {
  name: string;
  role: 'secretary' | 'official' | 'guest';
  represents?: string | null;
  personId?: string | null;
  remote?: boolean;
}

/**
 * Records the roll-call: members and substitutes from the mandate register (anyone else is refused),
 * serving substitutes for absent members (picked by the substitute order when `pickSubstitutes` and the
 * secretary named none), and the others present. Returns the quorum for the whole meeting.
 */
export async function recordAttendance(
  db: Database,
  meetingId: string,
  input: { entries: AttendanceInput[]; others?: OtherParticipantInput[]; adjusterPersonIds?: string[]; pickSubstitutes?: boolean },
  actor?: Actor,
): Promise<{ quorum: QuorumResult; servingSubstitutes: { memberId: string; substituteId: string }[] }> {
  return inTransaction(db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    if (!meeting.heldOn) throw new RuleError('meeting_without_date', 'the meeting has no date');
    const { body } = await contextOf(tx, meeting);
    const mandates = await mandatesInForce(tx, body.id, meeting.heldOn);
    const byPerson = new Map<string, MandateOnDate>();
    for (const m of sortMandates(mandates)) if (!byPerson.has(m.personId)) byPerson.set(m.personId, m);

    const problems: Problem[] = [];
    input.entries.forEach((entry, index) => {
      if (!byPerson.has(entry.personId)) {
        problems.push({ path: `entries[${index}].personId`, code: 'no_mandate', message: `the person has no mandate in ${body.name} on ${meeting.heldOn}` });
      }
      if (entry.servingForPersonId) {
        const served = byPerson.get(entry.servingForPersonId);
        if (byPerson.get(entry.personId)?.role !== 'substitute') problems.push({ path: `entries[${index}].servingForPersonId`, code: 'not_a_substitute', message: 'only a substitute can serve for a member' });
        else if (!served || served.role === 'substitute') problems.push({ path: `entries[${index}].servingForPersonId`, code: 'not_a_member', message: 'a substitute serves for an ordinary member' });
        else if (input.entries.some((e) => e.personId === entry.servingForPersonId && e.present && !e.paragraphs)) {
          problems.push({ path: `entries[${index}].servingForPersonId`, code: 'member_present', message: `${served.name} is present throughout` });
        }
      }
    });
    if (problems.length) throw new InputError(problems);

    const present = input.entries.filter((e) => e.present);
    const serving = new Map<string, string>();
    for (const e of present) if (e.servingForPersonId) serving.set(e.personId, e.servingForPersonId);
    let picked: { memberId: string; substituteId: string }[] = [];
    if (input.pickSubstitutes) {
      const servedMembers = new Set(serving.values());
      const absentMembers = mandates
        .filter((m) => m.role !== 'substitute' && !present.some((e) => e.personId === m.personId) && !servedMembers.has(m.personId))
        .map((m) => ({ personId: m.personId, party: m.party }));
      const freeSubstitutes = present
        .filter((e) => byPerson.get(e.personId)?.role === 'substitute' && !serving.has(e.personId))
        .map((e) => ({ personId: e.personId, party: byPerson.get(e.personId)!.party, rank: byPerson.get(e.personId)!.substituteRank ?? 999 }));
      const strategy = (body.rules as { substituteOrder?: 'party-then-order' | 'order' }).substituteOrder ?? 'party-then-order';
      picked = pickServingSubstitutes({ absentMembers, substitutes: freeSubstitutes, strategy }).assignments;
      for (const a of picked) serving.set(a.substituteId, a.memberId);
    }

    const rows: Parameters<typeof replaceAttendance>[2] = [];
    for (const e of sortEntries(present, byPerson)) {
      const m = byPerson.get(e.personId)!;
      const isSubstitute = m.role === 'substitute';
      const servesFor = serving.get(e.personId) ?? null;
      rows.push({
        position: rows.length,
        personId: e.personId,
        mandateId: m.mandateId,
        name: m.name,
        role: m.role,
        party: m.party,
        represents: m.appointedBy,
        voting: body.decisionMaking ? (!isSubstitute || servesFor !== null) : null,
        remote: e.remote ?? false,
        paragraphs: e.paragraphs ?? null,
        servingFor: servesFor ? byPerson.get(servesFor)?.name ?? null : null,
        servingForPersonId: servesFor,
      });
    }
    for (const other of input.others ?? []) {
      const personId = other.personId ?? (await insertPerson(tx, { name: requireText(other.name, 'others.name') })).id;
      rows.push({ position: rows.length, personId, name: other.name.trim(), role: other.role, party: null, represents: other.represents ?? null, voting: null, remote: other.remote ?? false, paragraphs: null });
    }
    await replaceAttendance(tx, meetingId, rows);

    if (input.adjusterPersonIds) {
      const adjusterRows = input.adjusterPersonIds.map((personId, index) => {
        const row = rows.find((r) => r.personId === personId);
        if (!row) throw new InputError({ path: `adjusterPersonIds[${index}]`, code: 'adjuster_not_present', message: 'an adjuster must be present at the meeting' });
        return { name: row.name, personId };
      });
      await replaceAdjusters(tx, meetingId, adjusterRows);
    }
    if (meeting.status === 'planned' || meeting.status === 'convened') await updateMeeting(tx, meetingId, { status: 'held' });
    await appendAuditEvent(tx, { kind: 'minutes.saved', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { attendance: rows.length } });
    return { quorum: quorumFor(body, rows, mandates.filter((m) => m.role !== 'substitute').length), servingSubstitutes: picked };
  });
}

// ————— justering —————

/**
 * The secretary finalises the draft: the protocol is rendered as PDF/A and stored, its SHA-256 is what
 * the chair and adjusters sign, and the secretary's own signature is recorded.
 */
export async function finaliseMinutes(handle: DatabaseHandle, meetingId: string, input: { at: Date }, actor: Actor): Promise<{ sha256: string; fileId: string }> {
  const by = requirePerson(actor);
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    const { body, rules } = await contextOf(tx, meeting);
    const attendanceRows = await listAttendance(tx, meetingId);
    const adjusterRows = await listAdjusters(tx, meetingId);
    const chair = attendanceRows.find((a) => a.role === 'chair') ?? attendanceRows.find((a) => a.role === 'vice-chair');
    const previous = (meeting.approval as MinutesApproval | null) ?? null;
    const draft = previous && previous.status === 'draft'
      ? { ...previous, secretaryId: by, chairId: chair?.personId ?? null, adjusterIds: adjusterRows.flatMap((a) => (a.personId ? [a.personId] : [])) }
      : draftMinutesApproval({ secretaryId: by, chairId: chair?.personId ?? null, adjusterIds: adjusterRows.flatMap((a) => (a.personId ? [a.personId] : [])) });
    const approval = finalise(draft, { by, at: isoInstant(input.at), rules });

    const secretary = await findPersonById(tx, by);
    // The secretary is listed among those present, as Swedish minutes do, when the roll-call did not name them.
    if (secretary && !attendanceRows.some((a) => a.personId === by)) {
      const kept = attendanceRows.map(({ id: _id, meetingId: _meetingId, ...rest }) => rest);
      await replaceAttendance(tx, meetingId, [
        ...kept,
        { position: kept.length, personId: by, name: secretary.name, role: 'secretary', party: null, represents: null, voting: null, remote: false, paragraphs: null },
      ]);
    }
    const signerRows = [
      { role: 'secretary', name: secretary?.name ?? actor.name ?? null, personId: by, status: 'signed', signedAt: input.at, provider: 'built-in' },
      ...(approval.chairId && rules.signerRoles.includes('chair') ? [{ role: 'chair', name: chair?.name ?? null, personId: approval.chairId, status: 'pending', signedAt: null, provider: null }] : []),
      ...(rules.signerRoles.includes('adjuster') ? adjusterRows.map((a) => ({ role: 'adjuster', name: a.name, personId: a.personId, status: 'pending', signedAt: null, provider: null })) : []),
    ];
    await replaceSignatures(tx, meetingId, signerRows);
    await updateMeeting(tx, meetingId, { status: 'finalised', approval: approval as unknown as Record<string, unknown>, adjustedOn: null });

    // The document signed is the protocol as finalised, with signatures still open.
    const minutes = await loadMinutes(tx, meetingId);
    const pdf = await renderMinutesPdf(minutes, { createdAt: input.at });
    const file = await storeFile(tx, handle.filesDir, { bytes: pdf, contentType: 'application/pdf', originalName: `protokoll-${body.name}-${meeting.heldOn}-v${approval.version}.pdf` });
    await updateMeeting(tx, meetingId, { minutesFileId: file.id, minutesSha256: file.sha256 });
    await updateSignature(tx, (await listSignatures(tx, meetingId))[0]!.id, { documentSha256: file.sha256 });
    await appendAuditEvent(tx, { kind: 'minutes.finalised', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? by, data: { sha256: file.sha256, version: approval.version } });
    // Where the rules ask nobody else to sign (an association's or a network's own choice), finalising adjusts.
    if (isAdjusted(approval)) await completeAdjustment(tx, handle, { meeting, approval, at: input.at, actor });
    return { sha256: file.sha256, fileId: file.id };
  });
}

/** How a signature was vouched for; BankID, Freja and eIDAS providers implement the same interface. */
export interface SignatureProvider {
  readonly name: string;
  /** Confirms that `actor` is who they say, for the document with this hash; throws ForbiddenError otherwise. */
  verify(input: { actor: Actor; documentSha256: string }): Promise<{ reference: string | null }>;
}

/** The built-in provider: the signer is the authenticated user of this system. */
export const builtInSignatureProvider: SignatureProvider = {
  name: 'built-in',
  async verify({ actor }) {
    if (!actor.personId) throw new RuleError('not_a_signer', 'the signed-in user is not a person in the registers');
    return { reference: actor.userId ?? null };
  },
};

/**
 * The chair or an adjuster approves the finalised minutes. The signature records who, when, and the
 * SHA-256 of the document signed (which must be the finalised one). When the last one signs, the minutes
 * are adjusted: immutable from then on, and for bodies under kommunallagen the notice is posted on the
 * digital notice board the same day with its legal dates.
 */
export async function signMinutes(
  handle: DatabaseHandle,
  meetingId: string,
  input: { at: Date; documentSha256?: string; provider?: SignatureProvider },
  actor: Actor,
): Promise<{ adjusted: boolean; adjustedOn: string | null; notice: NoticeRow | null }> {
  const by = requirePerson(actor);
  const provider = input.provider ?? builtInSignatureProvider;
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    const approval = meeting.approval as MinutesApproval | null;
    if (!approval || !meeting.minutesSha256) throw new RuleError('minutes_not_finalised', 'the minutes must be finalised by the secretary before they are signed');
    if (input.documentSha256 && input.documentSha256 !== meeting.minutesSha256) {
      throw new RuleError('document_changed', 'the document you read is not the one awaiting signature; read it again', { expected: meeting.minutesSha256 });
    }
    const next = sign(approval, { by, at: isoInstant(input.at) });
    const { reference } = await provider.verify({ actor, documentSha256: meeting.minutesSha256 });
    const line = (await listSignatures(tx, meetingId)).find((s) => s.personId === by && s.status === 'pending');
    if (line) await updateSignature(tx, line.id, { status: 'signed', signedAt: input.at, documentSha256: meeting.minutesSha256, provider: provider.name });
    await appendAuditEvent(tx, { kind: 'minutes.signed', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? by, data: { sha256: meeting.minutesSha256, provider: provider.name, reference } });

    let notice: NoticeRow | null = null;
    if (isAdjusted(next)) {
      notice = await completeAdjustment(tx, handle, { meeting, approval: next, at: input.at, actor });
    } else {
      await updateMeeting(tx, meetingId, { approval: next as unknown as Record<string, unknown> });
    }
    return { adjusted: isAdjusted(next), adjustedOn: next.adjustedOn, notice };
  });
}

/**
 * The minutes are adjusted: immutable from now on. Records the justering date, posts the notice where the
 * rule profile has one, and stores the signed document: the finalised protocol with a page recording
 * every signature and the hash that was signed.
 */
async function completeAdjustment(
  tx: Database,
  handle: DatabaseHandle,
  input: { meeting: MeetingRow; approval: MinutesApproval; at: Date; actor: Actor },
): Promise<NoticeRow | null> {
  const { meeting, approval, at, actor } = input;
  await updateMeeting(tx, meeting.id, { approval: approval as unknown as Record<string, unknown>, status: 'adjusted', adjustedOn: approval.adjustedOn });
  const notice = await postNoticeInside(tx, { ...meeting, adjustedOn: approval.adjustedOn }, { postedOn: approval.adjustedOn! }, actor);
  await reportDelegatedDecisionsListedIn(tx, meeting, actor);
  const minutes = await loadMinutes(tx, meeting.id);
  const signatureRows = await listSignatures(tx, meeting.id);
  const finalised = await findMeetingById(tx, meeting.id);
  const pdf = await renderMinutesPdf(minutes, {
    createdAt: at,
    signatureRecord: {
      documentSha256: finalised?.minutesSha256 ?? '',
      signatures: minutes.signatures.map((s, index) => ({ ...s, provider: signatureRows[index]?.provider ?? null })),
    },
  });
  const { body } = await contextOf(tx, meeting);
  const signedFile = await storeFile(tx, handle.filesDir, { bytes: pdf, contentType: 'application/pdf', originalName: `protokoll-${body.name}-${meeting.heldOn}-justerat.pdf` });
  await updateMeeting(tx, meeting.id, { signedFileId: signedFile.id });
  await appendAuditEvent(tx, { kind: 'minutes.adjusted', entityType: 'meeting', entityId: meeting.id, actor: actor.userId ?? actor.personId, data: { adjustedOn: approval.adjustedOn, signedSha256: signedFile.sha256 } });
  await sealAdjustedMinutes(tx, { meetingId: meeting.id, fileId: signedFile.id, at, actor: actor.userId ?? actor.personId });
  return notice;
}

/** The chair or an adjuster refuses to approve, with a reason: the minutes go back to draft and all signatures lapse. */
export async function rejectMinutes(db: Database, meetingId: string, input: { at: Date; reason: string }, actor: Actor): Promise<void> {
  const by = requirePerson(actor);
  await inTransaction(db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    const approval = meeting.approval as MinutesApproval | null;
    if (!approval) throw new RuleError('minutes_not_finalised', 'only finalised minutes can be rejected');
    const next = reject(approval, { by, at: isoInstant(input.at), reason: input.reason });
    await replaceSignatures(tx, meetingId, []);
    await updateMeeting(tx, meetingId, { approval: next as unknown as Record<string, unknown>, status: 'held', minutesFileId: null, minutesSha256: null });
    await appendAuditEvent(tx, { kind: 'minutes.rejected', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? by, data: { reason: input.reason, version: approval.version } });
  });
}

/** Omedelbar justering: one § is adjusted at the meeting, so it may be executed before the whole protocol. */
export async function adjustParagraphAtMeeting(db: Database, meetingId: string, input: { paragraph: number; on: string }, actor: Actor): Promise<void> {
  const by = requirePerson(actor);
  await inTransaction(db, async (tx) => {
    const meeting = await lockEditableMeeting(tx, meetingId, actor);
    const rows = await listParagraphsOfMeeting(tx, meetingId);
    const row = rows.find((p) => p.number === input.paragraph);
    if (!row) throw new InputError({ path: 'paragraph', code: 'unknown_paragraph', message: `the meeting has no § ${input.paragraph}` });
    const adjusterRows = await listAdjusters(tx, meetingId);
    const chair = (await listAttendance(tx, meetingId)).find((a) => a.role === 'chair');
    const approval = (meeting.approval as MinutesApproval | null) ??
      draftMinutesApproval({ secretaryId: by, chairId: chair?.personId ?? null, adjusterIds: adjusterRows.flatMap((a) => (a.personId ? [a.personId] : [])) });
    const next = adjustParagraphImmediately(approval, { paragraph: input.paragraph, adjustedOn: input.on });
    await updateParagraphRow(tx, row.id, { adjustedImmediately: true });
    await updateMeeting(tx, meetingId, { approval: next as unknown as Record<string, unknown> });
    await appendAuditEvent(tx, { kind: 'minutes.adjusted', entityType: 'paragraph', entityId: row.id, actor: actor.userId ?? by, data: { immediately: true, on: input.on } });
  });
}

// ————— anslag and extracts —————

/** Posts (or re-dates) the notice of adjusted minutes, with the dates the law requires. */
export async function postNotice(db: Database, meetingId: string, input: { postedOn: string }, actor?: Actor): Promise<NoticeRow> {
  return inTransaction(db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId });
    if (meeting.status !== 'adjusted' && meeting.status !== 'archived') throw new RuleError('minutes_not_adjusted', 'a notice is posted only for adjusted minutes');
    const notice = await postNoticeInside(tx, meeting, input, actor);
    if (!notice) throw new RuleError('no_notice_required', 'this body keeps no public notice (its rule profile has no appeal clock)');
    return notice;
  });
}

async function postNoticeInside(tx: Database, meeting: MeetingRow, input: { postedOn: string }, actor?: Actor): Promise<NoticeRow | null> {
  const { organization, rules } = await contextOf(tx, meeting);
  const dates = noticeDates({ adjustedOn: meeting.adjustedOn ?? input.postedOn, postedOn: input.postedOn, profile: rules });
  if (!dates) return null;
  const row = await upsertNotice(tx, meeting.id, {
    latestPostingOn: dates.latestPostingOn,
    postedOn: dates.postedOn,
    postedUntilOn: dates.postedUntilOn,
    lastAppealOn: dates.lastAppealOn,
    takeDownOn: dates.takeDownOn,
    storage: organization?.minutesStorage ?? organization?.name ?? null,
  });
  await appendAuditEvent(tx, { kind: 'notice.posted', entityType: 'meeting', entityId: meeting.id, actor: actor?.userId ?? null, data: { ...dates } });
  return row;
}

/** Protokollsutdrag: a certified extract of chosen §§ of adjusted minutes (or §§ adjusted at the meeting). */
export async function createExtract(
  handle: DatabaseHandle,
  meetingId: string,
  input: { paragraphs: number[]; certifiedBy: string; certifiedOn: string },
  actor?: Actor,
): Promise<{ extractId: string; pdf: Buffer; sha256: string }> {
  const problems: Problem[] = [];
  checkDate(input.certifiedOn, 'certifiedOn', problems);
  if (!input.certifiedBy?.trim()) problems.push({ path: 'certifiedBy', code: 'missing_value', message: 'name the person who certifies the extract' });
  if (!input.paragraphs?.length) problems.push({ path: 'paragraphs', code: 'missing_value', message: 'choose at least one §' });
  if (problems.length) throw new InputError(problems);
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId });
    const approval = meeting.approval as MinutesApproval | null;
    const adjusted = meeting.status === 'adjusted' || meeting.status === 'archived';
    const immediately = new Set((approval?.immediateAdjustments ?? []).map((a) => a.paragraph));
    const notAdjusted = input.paragraphs.filter((n) => !adjusted && !immediately.has(n));
    if (notAdjusted.length) throw new RuleError('minutes_not_adjusted', `§ ${notAdjusted.join(', ')} is not adjusted yet, so no extract can be certified`);
    const minutes = await loadMinutes(tx, meetingId);
    const pdf = await renderExtractPdf(minutes, { paragraphs: input.paragraphs, certifiedBy: input.certifiedBy.trim(), certifiedOn: input.certifiedOn, createdAt: `${input.certifiedOn}T12:00:00Z` });
    const file = await storeFile(tx, handle.filesDir, { bytes: pdf, contentType: 'application/pdf', originalName: `protokollsutdrag-${meeting.heldOn}-${input.paragraphs.join('-')}.pdf` });
    const row = await insertExtract(tx, { meetingId, paragraphNumbers: [...input.paragraphs].sort((a, b) => a - b), certifiedBy: input.certifiedBy.trim(), certifiedOn: input.certifiedOn, fileId: file.id });
    await appendAuditEvent(tx, { kind: 'extract.certified', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { paragraphs: input.paragraphs, sha256: file.sha256 } });
    return { extractId: row.id, pdf, sha256: file.sha256 };
  });
}

// ————— reading —————

/** Everything the secretary's view of one meeting needs, with the clocks computed for `today`. */
export interface MeetingOverview {
  meeting: { id: string; bodyId: string; status: string; heldOn: string | null; convenedAt: string | null; minutesSha256: string | null };
  body: { id: string; name: string; seats: number | null; decisionMaking: boolean };
  organization: { id: string; name: string; organizationType: string } | null;
  rules: RuleProfile;
  minutes: Minutes;
  paragraphIds: string[];
  quorum: QuorumResult | null;
  approval: MinutesApproval | null;
  signatures: { role: string; name: string | null; personId: string | null; status: string; signedAt: string | null; documentSha256: string | null }[];
  invitations: { name: string; role: string; sentAt: string }[];
  /** Underlag and bilagor with a stored file, to open from the agenda. */
  documents: { paragraphId: string; number: number | null; title: string; fileId: string }[];
  clocks: { adjustmentDeadline: string | null; adjustmentStatus: AdjustmentStatus | null; notice: NoticeDates | null };
}

/** One meeting as the secretary sees it: minutes, quorum, signatures, kallelse and the legal clocks. */
export async function getMeetingOverview(db: Database, meetingId: string, input: { today: string }): Promise<MeetingOverview> {
  // Read by every member who opens the meeting; kept until anything is written (public-cache.ts). The
  // callers have checked access already: the overview is the same for everyone who may read it.
  return whileUnchanged(db, `meeting-overview:${meetingId}:${input.today}`, () => loadMeetingOverview(db, meetingId, input));
}

async function loadMeetingOverview(db: Database, meetingId: string, input: { today: string }): Promise<MeetingOverview> {
  const minutes = await loadMinutes(db, meetingId);
  const meeting = (await findMeetingById(db, meetingId))!;
  const { body, organization, rules } = await contextOf(db, meeting);
  const [attendanceRows, signatureRows, paragraphRows, invitationRows, notice, documents] = await Promise.all([
    listAttendance(db, meetingId),
    listSignatures(db, meetingId),
    listParagraphsOfMeeting(db, meetingId),
    listInvitations(db, meetingId),
    findNotice(db, meetingId),
    listStoredAttachments(db, meetingId),
  ]);
  const adjusted = meeting.status === 'adjusted' || meeting.status === 'archived';
  return {
    meeting: { id: meeting.id, bodyId: meeting.bodyId, status: meeting.status, heldOn: meeting.heldOn, convenedAt: meeting.convenedAt?.toISOString() ?? null, minutesSha256: meeting.minutesSha256 },
    body: { id: body.id, name: body.name, seats: body.seats, decisionMaking: body.decisionMaking },
    organization: organization ? { id: organization.id, name: organization.name, organizationType: organization.organizationType } : null,
    rules,
    minutes,
    paragraphIds: paragraphRows.map((p) => p.id),
    quorum:
      attendanceRows.length && body.decisionMaking
        ? quorumFor(body, attendanceRows, meeting.heldOn ? (await mandatesInForce(db, body.id, meeting.heldOn)).filter((m) => m.role !== 'substitute').length : undefined)
        : null,
    approval: (meeting.approval as MinutesApproval | null) ?? null,
    signatures: signatureRows.map((s) => ({ role: s.role, name: s.name, personId: s.personId, status: s.status, signedAt: s.signedAt?.toISOString() ?? null, documentSha256: s.documentSha256 })),
    invitations: invitationRows.map((i) => ({ name: i.name, role: i.role, sentAt: i.sentAt.toISOString() })),
    documents,
    clocks: {
      adjustmentDeadline: meeting.heldOn && rules.clocks.adjustment ? adjustmentDeadline(meeting.heldOn) : null,
      adjustmentStatus: meeting.heldOn && rules.clocks.adjustment && !adjusted ? adjustmentStatus({ meetingOn: meeting.heldOn, today: input.today }) : null,
      notice: notice?.postedOn ? noticeDates({ adjustedOn: meeting.adjustedOn, postedOn: notice.postedOn, profile: rules }) : null,
    },
  };
}

/**
 * The minutes as a document: for adjusted minutes the PDF exactly as signed (with its signature page),
 * otherwise rendered from the current draft.
 */
export async function exportMinutes(handle: DatabaseHandle, meetingId: string, format: 'pdf' | 'html' | 'json'): Promise<{ contentType: string; body: string | Uint8Array }> {
  const minutes = await loadMinutes(handle.db, meetingId);
  if (format === 'json') return { contentType: 'application/json', body: `${JSON.stringify(minutes, null, 2)}\n` };
  if (format === 'html') return { contentType: 'text/html; charset=utf-8', body: renderMinutesHtml(minutes) };
  const meeting = (await findMeetingById(handle.db, meetingId))!;
  if (meeting.signedFileId) {
    const file = await findFileById(handle.db, meeting.signedFileId);
    if (file) return { contentType: 'application/pdf', body: readStoredFile(handle.filesDir, file) };
  }
  return { contentType: 'application/pdf', body: await renderMinutesPdf(minutes) };
}

/** Meetings, newest first, optionally of one body and year. */
export async function listMeetings(db: Database, filter: { bodyId?: string; year?: number } = {}): Promise<MeetingSummaryRow[]> {
  return listMeetingSummaries(db, filter);
}

/** The meetings whose finalised minutes await this person's signature. */
export async function listAwaitingSignature(db: Database, personId: string): Promise<MeetingSummaryRow[]> {
  const finalised = await listMeetingSummaries(db, { statuses: ['finalised'] });
  const out: MeetingSummaryRow[] = [];
  for (const meeting of finalised) {
    const signaturesOfMeeting = await listSignatures(db, meeting.id);
    if (signaturesOfMeeting.some((s) => s.personId === personId && s.status === 'pending')) out.push(meeting);
  }
  return out;
}

// ————— helpers —————

/**
 * § numbers run through the calendar year per body: after a change to one meeting's agenda, the §§ of
 * every meeting of the year from the first one still in draft are numbered again in date order, so an
 * agenda planned ahead follows when an earlier one grows. Finalised and adjusted minutes keep their
 * numbers (a draft cannot push into them: the database refuses the clash), and so does a § adjusted at
 * the meeting.
 */
async function numberParagraphsOfYear(tx: Database, meeting: MeetingRow): Promise<void> {
  if (meeting.year === null) return;
  const year = await lockMeetingsOfBodyYear(tx, meeting.bodyId, meeting.year);
  const start = year.findIndex((m) => isMeetingOpen(m.status));
  if (start === -1) return;
  let next = 1;
  const drafts: string[] = [];
  const plan: { id: string; number: number; was: number | null; adjustedImmediately: boolean }[] = [];
  for (const [index, m] of year.entries()) {
    const rows = await listParagraphsOfMeeting(tx, m.id);
    if (index < start || !isMeetingOpen(m.status)) {
      const numbers = rows.flatMap((p) => (p.number === null ? [] : [p.number]));
      if (numbers.length) next = Math.max(next, Math.max(...numbers) + 1);
      continue;
    }
    drafts.push(m.id);
    for (const row of rows) plan.push({ id: row.id, number: next++, was: row.number, adjustedImmediately: row.adjustedImmediately });
  }
  const moved = plan.filter((p) => p.adjustedImmediately && p.was !== p.number);
  if (moved.length) {
    throw new RuleError(
      'paragraph_already_adjusted',
      `§ ${moved.map((p) => p.was).join(', ')} was adjusted at the meeting and cannot get another number; add the item after it`,
      { paragraphIds: moved.map((p) => p.id) },
    );
  }
  await setParagraphNumbers(tx, drafts, plan);
}

/**
 * Locks a meeting whose minutes may still change, after checking that the actor is a secretary of its body
 * (or an administrator of its organisation). Every id a use case reaches through it — a § named by id, an
 * attachment — is checked against the meeting it belongs to, not the one a route was given, so a secretary
 * of one organisation cannot touch another's by naming its ids. To them it does not exist.
 */
async function lockEditableMeeting(tx: Database, meetingId: string, actor: Actor | undefined): Promise<MeetingRow> {
  const meeting = await lockMeeting(tx, meetingId);
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
  if (meeting.status === 'adjusted' || meeting.status === 'archived') {
    throw new RuleError('minutes_already_adjusted', 'the minutes are adjusted and can no longer change; a correction is a new decision at a later meeting', { meetingId });
  }
  if (meeting.status === 'finalised') {
    throw new RuleError('minutes_finalised', 'the minutes are finalised and awaiting signatures; a signer must reject them before they can change', { meetingId });
  }
  return meeting;
}


async function contextOf(tx: Database, meeting: MeetingRow): Promise<{ body: BodyRow; organization: OrganizationRow | null; rules: RuleProfile }> {
  const body = (await findBodyById(tx, meeting.bodyId))!;
  const organization = body.organizationId ? await findOrganizationById(tx, body.organizationId) : null;
  return { body, organization, rules: rulesOf(organization, body) };
}

function profileOf(organization: OrganizationRow | null, body: { decisionMaking: boolean }): RuleProfile {
  const type = (organization?.organizationType ?? 'association') as OrganisationType;
  return ruleProfileFor({ organisationType: type, bodyKind: body.decisionMaking ? 'decision_making' : 'network' });
}

/** The rules a body follows: its organisation's profile with the body's own choices. */
export function rulesOf(organization: OrganizationRow | null, body: BodyRow): RuleProfile {
  return effectiveRules(profileOf(organization, body), (body.rules ?? {}) as BodyRuleOverrides);
}

function quorumFor(
  body: BodyRow,
  rows: { personId: string; role: string; servingForPersonId?: string | null; paragraphs?: string | null; remote?: boolean | null }[],
  /** Ordinary mandates in force on the meeting day, when the body has no seat count. */
  ordinarySeats?: number,
): QuorumResult {
  const entries: AttendanceEntry[] = rows
    .filter((r) => r.role !== 'secretary' && r.role !== 'official' && r.role !== 'guest')
    .map((r) => ({
      personId: r.personId,
      role: r.role === 'substitute' ? 'substitute' : 'member',
      servingFor: r.servingForPersonId ?? null,
      presentFor: r.paragraphs ? expandParagraphs(r.paragraphs) : null,
      remote: r.remote ?? false,
    }));
  const seats = body.seats ?? Math.max(1, ordinarySeats ?? entries.filter((e) => e.role === 'member').length);
  // KL 5:16, 6:24: remote participants count only where the body's rules allow remote participation.
  const remoteParticipationAllowed = (body.rules as { remoteParticipation?: boolean }).remoteParticipation ?? false;
  return quorumOf({ seats, attendance: entries, remoteParticipationAllowed });
}

function countVotingFor(rows: { role: string; voting: boolean | null; paragraphs: string | null }[], paragraph: number | null): number {
  return rows.filter((r) => r.voting === true && (!r.paragraphs || paragraph === null || expandParagraphs(r.paragraphs).includes(paragraph))).length;
}

/** '10-12, 15' → [10, 11, 12, 15]. */
function expandParagraphs(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(/[,;]|\boch\b/)) {
    const range = part.match(/(\d+)\s*[-–]\s*(\d+)/);
    if (range) {
      for (let n = Number(range[1]); n <= Number(range[2]) && out.length < 1000; n++) out.push(n);
    } else {
      const single = part.match(/\d+/);
      if (single) out.push(Number(single[0]));
    }
  }
  return out;
}

const roleOrder = ['chair', 'vice-chair', 'member', 'substitute'];
const swedish = new Intl.Collator('sv');

function sortMandates(mandates: MandateOnDate[]): MandateOnDate[] {
  return [...mandates].sort(
    (a, b) =>
      roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) ||
      (a.viceChairRank ?? 0) - (b.viceChairRank ?? 0) ||
      (a.substituteRank ?? 0) - (b.substituteRank ?? 0) ||
      swedish.compare(a.name, b.name),
  );
}

function sortEntries(entries: AttendanceInput[], byPerson: Map<string, MandateOnDate>): AttendanceInput[] {
  const order = sortMandates(entries.map((e) => byPerson.get(e.personId)!));
  return order.map((m) => entries.find((e) => e.personId === m.personId)!);
}

function requirePerson(actor: Actor): string {
  if (!actor.personId) throw new RuleError('not_a_person', 'this step must be taken by a person in the registers (sign in as yourself)');
  return actor.personId;
}

function requireText(value: string | undefined | null, path: string): string {
  const text = value?.trim();
  if (!text) throw new InputError({ path, code: 'missing_value', message: 'must not be empty' });
  return text;
}

function checkDate(value: string, path: string, problems: Problem[]): void {
  try {
    assertIsoDate(value, path);
  } catch (error) {
    if (error instanceof InputError) problems.push(...error.problems);
    else throw error;
  }
}

function isoInstant(at: Date): string {
  return at.toISOString();
}

