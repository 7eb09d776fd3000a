/**
 * Use cases for a meeting's minutes as a whole: store an interchange document (from the importer,
 * the API or a test) and read one back.
 */
import type { AttendeeRole, Minutes } from '../domain/minutes.ts';
import { minutesSchema } from '../domain/minutes.ts';
import type { OrganisationType } from '../domain/rule-profile.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { InputError, type Problem } from '../errors.ts';
import { sealAdjustedMinutes } from './integrity.service.ts';
import {
  appendAuditEvent,
  findBody,
  findBodyById,
  findMandate,
  findOrganizationById,
  findOrganizationByName,
  findOrInsertCase,
  findPersonInOrganization,
  findMeetingsOnDate,
  findUsedParagraphNumbers,
  inTransaction,
  insertBody,
  insertMandate,
  widenMandateTerm,
  insertMinutes,
  insertOrganization,
  insertPerson,
  loadMinutes,
  type Database,
} from '../storage/index.ts';

export interface SaveMinutesOptions {
  /** Store under this organisation instead of the one the minutes name. */
  organizationId?: string;
  /** Store under the organisation of this name (created when new) instead of the one the minutes name. */
  organizationName?: string;
  /** Store in this existing body instead of the one the minutes name. */
  bodyId?: string;
  /** Where the input came from, prefixed to every problem's path (a file name). */
  source?: string;
  /** Who did it, for the audit log. */
  actor?: string;
  /** The meeting's number in the year (sammanträde nr), when the body numbers its meetings. */
  numberInYear?: number;
  sourceFileId?: string;
  auditKind?: 'minutes.saved' | 'minutes.imported';
  /** How imported minutes are stored (import/document-status.ts); otherwise read from what the minutes show. */
  status?: 'adjusted' | 'held';
}

const mandateRoles: ReadonlySet<AttendeeRole> = new Set(['chair', 'vice-chair', 'member', 'substitute']);

/**
 * Validates an interchange document and stores it as a meeting with its attendance, §§, decisions,
 * signatures and notice, creating the organisation, body, persons, mandates and cases it names when
 * they are new. One transaction: on any problem nothing is stored.
 */
export async function saveMinutes(db: Database, input: unknown, options: SaveMinutesOptions = {}): Promise<{ meetingId: string }> {
  const where = options.source ?? '';
  const minutes = parseOrThrow(minutesSchema, input, where);
  return inTransaction(db, (tx) => storeMinutes(tx, minutes, options));
}

/**
 * Stores already validated minutes inside the caller's transaction (see saveMinutes); the importer
 * uses it to store the original file and the meeting together.
 */
export async function storeMinutes(tx: Database, minutes: Minutes, options: SaveMinutesOptions = {}): Promise<{ meetingId: string }> {
  const where = options.source ?? '';
  const problems = findProblemsWithin(minutes, where);
  if (problems.length) throw new InputError(problems);

  const organizationId = await resolveOrganization(tx, minutes, options);
  const body = await resolveBody(tx, minutes, organizationId, options);

  const year = minutes.meeting.date ? Number(minutes.meeting.date.slice(0, 4)) : null;
  if (year !== null) await refuseUsedParagraphNumbers(tx, { minutes, bodyId: body.id, bodyName: body.name, year, where });

  const attendeePersonIds: string[] = [];
  const attendeeMandateIds: (string | null)[] = [];
  for (const attendee of minutes.attendees) {
    const person =
      (await findPersonInOrganization(tx, organizationId, attendee.name)) ?? (await insertPerson(tx, { name: attendee.name }));
    attendeePersonIds.push(person.id);
    let mandateId: string | null = null;
    if (mandateRoles.has(attendee.role) && body.decisionMaking) {
      // The minutes prove the mandate on the meeting day only: an imported mandate's term is the span of
      // the meetings that show it, so an old archive never makes old members look current.
      const heldOn = minutes.meeting.date;
      const existing = await findMandate(tx, { personId: person.id, bodyId: body.id, role: attendee.role });
      if (existing && heldOn) await widenMandateTerm(tx, existing, heldOn);
      const mandate =
        existing ??
        (await insertMandate(tx, { personId: person.id, bodyId: body.id, role: attendee.role, party: attendee.party, startsOn: heldOn, endsOn: heldOn }));
      mandateId = mandate.id;
    }
    attendeeMandateIds.push(mandateId);
  }

  const itemCaseIds: (string | null)[] = [];
  for (const item of minutes.items) {
    itemCaseIds.push(
      item.caseNumber ? await findOrInsertCase(tx, { organizationId, caseNumber: item.caseNumber, title: item.title }) : null,
    );
  }

  const status = options.status ?? statusOf(minutes);
  const meetingId = await insertMinutes(tx, {
    minutes,
    bodyId: body.id,
    organizationId,
    attendeePersonIds,
    attendeeMandateIds,
    itemCaseIds,
    status,
    numberInYear: options.numberInYear ?? null,
    sourceFileId: options.sourceFileId ?? null,
  });
  await appendAuditEvent(tx, {
    kind: options.auditKind ?? 'minutes.saved',
    entityType: 'meeting',
    entityId: meetingId,
    actor: options.actor ?? null,
    data: { source: options.source ?? null, items: minutes.items.length },
  });
  // Minutes that arrive adjusted are sealed as they are stored, with the original when it is a PDF.
  if (status === 'adjusted') await sealAdjustedMinutes(tx, { meetingId, fileId: options.sourceFileId ?? null, at: new Date(), actor: options.actor ?? null });
  return { meetingId };
}

/** Reads a stored meeting back as an interchange document. */
export async function getMinutes(db: Database, meetingId: string): Promise<Minutes> {
  return loadMinutes(db, meetingId);
}

/** Problems visible in the document alone: the same § number twice. */
function findProblemsWithin(minutes: Minutes, where: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<number, number>();
  minutes.items.forEach((item, index) => {
    if (item.number === null) return;
    const first = seen.get(item.number);
    if (first !== undefined) {
      problems.push({
        path: `${where ? `${where}:` : ''}items[${index}].number`,
        code: 'duplicate_paragraph_number',
        message: `§ ${item.number} appears twice (also items[${first}])`,
      });
    } else seen.set(item.number, index);
  });
  return problems;
}

function statusOf(minutes: Minutes): string {
  const signed = minutes.signatures.length > 0 && minutes.signatures.every((s) => s.signedAt !== null);
  if (minutes.adjustment.date || signed || minutes.notice) return 'adjusted';
  return 'held';
}

async function resolveOrganization(tx: Database, minutes: Minutes, options: SaveMinutesOptions): Promise<string | null> {
  if (options.organizationId) {
    const found = await findOrganizationById(tx, options.organizationId);
    if (!found) {
      throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${options.organizationId}` });
    }
    return found.id;
  }
  const name = options.organizationName ?? minutes.organization;
  if (!name) return null;
  const existing = await findOrganizationByName(tx, name);
  if (existing) return existing.id;
  const created = await insertOrganization(tx, { name, organizationType: guessOrganizationType(name) });
  await appendAuditEvent(tx, { kind: 'organization.created', entityType: 'organization', entityId: created.id, actor: options.actor ?? null });
  return created.id;
}

async function resolveBody(tx: Database, minutes: Minutes, organizationId: string | null, options: SaveMinutesOptions) {
  if (options.bodyId) {
    const found = await findBodyById(tx, options.bodyId);
    if (!found) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${options.bodyId}` });
    return found;
  }
  if (!minutes.body) {
    throw new InputError({
      path: `${options.source ? `${options.source}:` : ''}body`,
      code: 'missing_body',
      message: 'the minutes do not name the body that met; give the body explicitly',
    });
  }
  const existing = await findBody(tx, organizationId, minutes.body);
  if (existing) return existing;
  const created = await insertBody(tx, {
    organizationId,
    name: minutes.body,
    bodyKind: minutes.kind === 'notes' ? 'network' : 'board',
    decisionMaking: minutes.kind === 'protocol',
  });
  await appendAuditEvent(tx, { kind: 'body.created', entityType: 'body', entityId: created.id, actor: options.actor ?? null });
  return created;
}

async function refuseUsedParagraphNumbers(
  tx: Database,
  input: { minutes: Minutes; bodyId: string; bodyName: string; year: number; where: string },
): Promise<void> {
  const numbers = input.minutes.items.flatMap((item) => (item.number === null ? [] : [item.number]));
  const used = await findUsedParagraphNumbers(tx, { bodyId: input.bodyId, year: input.year, numbers });
  if (used.length === 0) return;
  const usedOn = new Map(used.map((u) => [u.number, u.heldOn]));
  const problems: Problem[] = [];
  input.minutes.items.forEach((item, index) => {
    if (item.number === null || !usedOn.has(item.number)) return;
    problems.push({
      path: `${input.where ? `${input.where}:` : ''}items[${index}].number`,
      code: 'duplicate_paragraph_number',
      message: `§ ${item.number} is already used by ${input.bodyName} in ${input.year} (meeting ${usedOn.get(item.number) ?? 'without date'})`,
    });
  });
  throw new InputError(problems);
}

/**
 * The organisation type (rule profile) read from its name. A name that does not say is taken to be a
 * municipal body under kommunallagen, the strictest profile, until the secretary says otherwise.
 */
function guessOrganizationType(name: string): OrganisationType {
  const lower = name.toLocaleLowerCase('sv');
  if (lower.includes('samordningsförbund')) return 'samordningsforbund';
  if (lower.includes('kommunalförbund') || lower.includes('räddningstjänst')) return 'kommunalforbund';
  if (lower.includes('kommunförbund')) return 'association';
  return 'municipal';
}

/**
 * The meeting these minutes describe, if it is stored already: the same body (by the organisation and
 * body the options or the minutes name) on the same date, at the same start time when both state one.
 */
export async function findStoredMeeting(tx: Database, minutes: Minutes, options: SaveMinutesOptions = {}): Promise<string | null> {
  if (!minutes.meeting.date) return null;
  let bodyId = options.bodyId ?? null;
  if (!bodyId) {
    if (!minutes.body) return null;
    let organizationId: string | null = options.organizationId ?? null;
    const organizationName = options.organizationName ?? minutes.organization;
    if (!organizationId && organizationName) {
      const organization = await findOrganizationByName(tx, organizationName);
      if (!organization) return null;
      organizationId = organization.id;
    }
    bodyId = (await findBody(tx, organizationId, minutes.body))?.id ?? null;
  }
  if (!bodyId) return null;
  const found = await findMeetingsOnDate(tx, { bodyId, heldOn: minutes.meeting.date, startTime: minutes.meeting.start });
  return found[0]?.id ?? null;
}
