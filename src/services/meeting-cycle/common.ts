/**
 * Shared by the meeting cycle's use cases: who acts, how a meeting is locked for change, its rule profile,
 * and small checks.
 */
import { assertIsoDate } from '../../domain/legal-dates.ts';
import { isMeetingOpen } from '../../domain/minutes-state.ts';
import { requireSecretaryOf } from '../access.ts';
import type { Viewer } from '../accounts.service.ts';
import { quorumOf, type AttendanceEntry, type QuorumResult } from '../../domain/quorum.ts';
import {
  effectiveRules,
  ruleProfileFor,
  type BodyRuleOverrides,
  type OrganisationType,
  type RuleProfile,
} from '../../domain/rule-profile.ts';
import {
  InputError,
  NotFoundError,
  RuleError,
  type Problem,
} from '../../errors.ts';
import {
  findBodyById,
  findOrganizationById,
  type BodyRow,
  type OrganizationRow,
} from '../../storage/index.ts';
import {
  listParagraphsOfMeeting,
  lockMeeting,
  setParagraphNumbers,
  lockMeetingsOfBodyYear,
  type MandateOnDate,
} from '../../storage/meeting-cycle.store.ts';
import type { MeetingRow } from '../../storage/minutes.store.ts';
import type { Database } from '../../storage/database.ts';
import { type AttendanceInput } from './attendance.ts';


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


// ————— helpers —————

/**
 * § numbers run through the calendar year per body: after a change to one meeting's agenda, the §§ of
 * every meeting of the year from the first one still in draft are numbered again in date order, so an
 * agenda planned ahead follows when an earlier one grows. Finalised and adjusted minutes keep their
 * numbers (a draft cannot push into them: the database refuses the clash), and so does a § adjusted at
 * the meeting.
 */
export async function numberParagraphsOfYear(tx: Database, meeting: MeetingRow): Promise<void> {
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
export async function lockEditableMeeting(tx: Database, meetingId: string, actor: Actor | undefined): Promise<MeetingRow> {
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


export async function contextOf(tx: Database, meeting: MeetingRow): Promise<{ body: BodyRow; organization: OrganizationRow | null; rules: RuleProfile }> {
  const body = (await findBodyById(tx, meeting.bodyId))!;
  const organization = body.organizationId ? await findOrganizationById(tx, body.organizationId) : null;
  return { body, organization, rules: rulesOf(organization, body) };
}

export function profileOf(organization: OrganizationRow | null, body: { decisionMaking: boolean }): RuleProfile {
  const type = (organization?.organizationType ?? 'association') as OrganisationType;
  return ruleProfileFor({ organisationType: type, bodyKind: body.decisionMaking ? 'decision_making' : 'network' });
}

/** The rules a body follows: its organisation's profile with the body's own choices. */
export function rulesOf(organization: OrganizationRow | null, body: BodyRow): RuleProfile {
  return effectiveRules(profileOf(organization, body), (body.rules ?? {}) as BodyRuleOverrides);
}

export function quorumFor(
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

export function countVotingFor(rows: { role: string; voting: boolean | null; paragraphs: string | null }[], paragraph: number | null): number {
  return rows.filter((r) => r.voting === true && (!r.paragraphs || paragraph === null || expandParagraphs(r.paragraphs).includes(paragraph))).length;
}

/** '10-12, 15' → [10, 11, 12, 15]. */
export function expandParagraphs(text: string): number[] {
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

export const roleOrder = ['chair', 'vice-chair', 'member', 'substitute'];
export const swedish = new Intl.Collator('sv');

export function sortMandates(mandates: MandateOnDate[]): MandateOnDate[] {
  return [...mandates].sort(
    (a, b) =>
      roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) ||
      (a.viceChairRank ?? 0) - (b.viceChairRank ?? 0) ||
      (a.substituteRank ?? 0) - (b.substituteRank ?? 0) ||
      swedish.compare(a.name, b.name),
  );
}

export function sortEntries(entries: AttendanceInput[], byPerson: Map<string, MandateOnDate>): AttendanceInput[] {
  const order = sortMandates(entries.map((e) => byPerson.get(e.personId)!));
  return order.map((m) => entries.find((e) => e.personId === m.personId)!);
}

export function requirePerson(actor: Actor): string {
  if (!actor.personId) throw new RuleError('not_a_person', 'this step must be taken by a person in the registers (sign in as yourself)');
  return actor.personId;
}

export function requireText(value: string | undefined | null, path: string): string {
  const text = value?.trim();
  if (!text) throw new InputError({ path, code: 'missing_value', message: 'must not be empty' });
  return text;
}

export function checkDate(value: string, path: string, problems: Problem[]): void {
  try {
    assertIsoDate(value, path);
  } catch (error) {
    if (error instanceof InputError) problems.push(...error.problems);
    else throw error;
  }
}

export function isoInstant(at: Date): string {
  return at.toISOString();
}

