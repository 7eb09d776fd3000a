/**
 * Anmäl förhinder: a member or substitute says they cannot come; the secretary sees who has, and the
 * substitutes to call in the body's order (its reglemente: the member's own party first, then by rank, or
 * by rank alone), and calls one with a mail written in the same transaction. Each use case checks who may
 * do it: a person reports for themselves; the secretary of the body for anyone, and alone sees the list.
 */
import { isMeetingOpen } from '../domain/minutes-state.ts';
import { pickServingSubstitutes, type SubstituteOrderStrategy } from '../domain/quorum.ts';
import { InputError, NotFoundError, RuleError } from '../errors.ts';
import {
  appendAuditEvent,
  enqueueMessage,
  findBodyById,
  findMeetingById,
  inTransaction,
  insertAbsenceReport,
  listMessagesOfMeeting,
  listOpenAbsences,
  listSubstituteCalls,
  mandatesInForce,
  withdrawAbsenceReport,
  type Database,
  type MandateOnDate,
} from '../storage/index.ts';
import { canActAsSecretary, canReadAsMember, requireSecretaryOfMeeting, type Viewer } from './accounts.service.ts';
import { substituteCall } from './mail/templates.ts';

export interface AbsenceOverview {
  /** Those who have reported that they cannot come, with their mandate. */
  absent: { personId: string; name: string; role: string; party: string | null; reportedAt: Date; note: string | null; channel: string }[];
  /** For each absent member, the substitute to call next (in the body's order), or none left. */
  toCall: { forPersonId: string; forName: string; substitute: { personId: string; name: string; party: string | null; rank: number | null; email: string | null } | null }[];
  /** Substitutes already called, and how their mail went. */
  called: { personId: string | null; to: string; status: string; at: Date }[];
  /** Every substitute still free to call, in rank order (the reglemente's list), for calling by phone. */
  available: { personId: string; name: string; party: string | null; rank: number | null; email: string | null }[];
  /** For whom each called substitute serves, for the roll-call. */
  servingFor: { substitutePersonId: string; substituteName: string | null; forPersonId: string; forName: string | null }[];
}

async function meetingInScope(db: Database, meetingId: string) {
  const meeting = await findMeetingById(db, meetingId);
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting ${meetingId}`, { meetingId });
  if (!meeting.heldOn) throw new RuleError('meeting_without_date', 'the meeting has no date', { meetingId });
  const body = await findBodyById(db, meeting.bodyId);
  if (!body) throw new NotFoundError('body_not_found', `no body ${meeting.bodyId}`);
  return { meeting, body, heldOn: meeting.heldOn };
}

/**
 * The refusal for an account without a linked person: to someone who may read the meeting, what to do;
 * to anyone else, the meeting does not exist (a 400 would tell them it does).
 */
function personRequired(viewer: Viewer, body: { id: string; organizationId: string | null }, meetingId: string): Error {
  if (!canReadAsMember(viewer, { organizationId: body.organizationId, bodyId: body.id })) return new NotFoundError('meeting_not_found', `no meeting ${meetingId}`);
  return new InputError({ path: 'personId', code: 'person_required', message: 'your account is not linked to a person in the registers; ask the secretary' });
}

/** Records that a person cannot come. The person themselves, or the body's secretary on their behalf. */
export async function reportAbsence(
  db: Database,
  viewer: Viewer,
  input: { meetingId: string; personId?: string | null; note?: string | null; channel?: 'web' | 'mail' },
): Promise<{ created: boolean }> {
  return inTransaction(db, async (tx) => {
    const { meeting, body, heldOn } = await meetingInScope(tx, input.meetingId);
    const personId = input.personId ?? viewer.personId;
    const asSecretary = canActAsSecretary(viewer, { organizationId: body.organizationId, bodyId: body.id });
    if (!personId) throw personRequired(viewer, body, input.meetingId);
    const forSelf = personId === viewer.personId;
    // To someone who is neither, the meeting's internal lists do not exist.
    if (!forSelf && !asSecretary) throw new NotFoundError('meeting_not_found', `no meeting ${input.meetingId}`);
    const mandate = (await mandatesInForce(tx, body.id, heldOn)).find((m) => m.personId === personId);
    if (!mandate) {
      if (!asSecretary) throw new NotFoundError('meeting_not_found', `no meeting ${input.meetingId}`);
      throw new InputError({ path: 'personId', code: 'no_mandate', message: 'the person holds no mandate in the body on the meeting day' });
    }
    if (!isMeetingOpen(meeting.status)) throw new RuleError('meeting_closed', 'the minutes of this meeting are finalised; absence can no longer be reported', { status: meeting.status });
    const note = input.note?.trim() ? input.note.trim().slice(0, 500) : null;
    const { created } = await insertAbsenceReport(tx, { meetingId: meeting.id, personId, channel: forSelf ? (input.channel ?? 'web') : 'secretary', note, reportedAt: new Date() });
    if (created) await appendAuditEvent(tx, { kind: 'absence.reported', entityType: 'meeting', entityId: meeting.id, actor: viewer.id, data: { personId, forSelf } });
    return { created };
  });
}

/** Takes back a reported absence (the person can come after all). */
export async function withdrawAbsence(db: Database, viewer: Viewer, input: { meetingId: string; personId?: string | null }): Promise<{ withdrawn: boolean }> {
  return inTransaction(db, async (tx) => {
    const { meeting, body } = await meetingInScope(tx, input.meetingId);
    const personId = input.personId ?? viewer.personId;
    if (!personId) throw personRequired(viewer, body, input.meetingId);
    if (personId !== viewer.personId && !canActAsSecretary(viewer, { organizationId: body.organizationId, bodyId: body.id })) {
      throw new NotFoundError('meeting_not_found', `no meeting ${input.meetingId}`);
    }
    if (!isMeetingOpen(meeting.status)) throw new RuleError('meeting_closed', 'the minutes of this meeting are finalised', { status: meeting.status });
    const withdrawn = await withdrawAbsenceReport(tx, { meetingId: meeting.id, personId, at: new Date() });
    if (withdrawn) await appendAuditEvent(tx, { kind: 'absence.withdrawn', entityType: 'meeting', entityId: meeting.id, actor: viewer.id, data: { personId } });
    return { withdrawn };
  });
}

/** The secretary's view: who cannot come, whom to call for each absent member, and who has been called. */
export async function getAbsenceOverview(db: Database, viewer: Viewer, meetingId: string): Promise<AbsenceOverview> {
  await requireSecretaryOfMeeting(db, viewer, meetingId);
  const { body, heldOn } = await meetingInScope(db, meetingId);
  const mandates = await mandatesInForce(db, body.id, heldOn);
  const byPerson = new Map(mandates.map((m) => [m.personId, m]));
  const reports = await listOpenAbsences(db, meetingId);
  const calls = (await listMessagesOfMeeting(db, meetingId)).filter((m) => m.kind === 'substitute_call');
  const absentIds = new Set(reports.map((r) => r.personId));
  const calledFor = await listSubstituteCalls(db, meetingId);
  const calledIds = new Set(calledFor.map((c) => c.substitutePersonId));
  const coveredMembers = new Set(calledFor.map((c) => c.forPersonId));

  const absentMembers = reports
    .map((r) => byPerson.get(r.personId))
    .filter((m): m is MandateOnDate => m !== undefined && m.role !== 'substitute')
    .map((m) => ({ personId: m.personId, party: m.party }));
  // A substitute already called is spoken for; one who reported absence cannot be asked.
  const substitutes = mandates
    .filter((m) => m.role === 'substitute' && !absentIds.has(m.personId) && !calledIds.has(m.personId))
    .map((m) => ({ personId: m.personId, party: m.party, rank: m.substituteRank ?? 999 }));
  const strategy: SubstituteOrderStrategy = (body.rules as { substituteOrder?: SubstituteOrderStrategy } | null)?.substituteOrder ?? 'party-then-order';
  const stillOpen = absentMembers.filter((m) => !coveredMembers.has(m.personId));
  const picked = pickServingSubstitutes({ absentMembers: stillOpen, substitutes, strategy });

  return {
    absent: reports.map((r) => {
      const m = byPerson.get(r.personId);
      return { personId: r.personId, name: r.name, role: m?.role ?? 'unknown', party: m?.party ?? null, reportedAt: r.reportedAt, note: r.note, channel: r.channel };
    }),
    toCall: stillOpen.map((member) => {
      const forMandate = byPerson.get(member.personId);
      const assignment = picked.assignments.find((a) => a.memberId === member.personId);
      const sub = assignment ? byPerson.get(assignment.substituteId) : undefined;
      return {
        forPersonId: member.personId,
        forName: forMandate?.name ?? '',
        substitute: sub ? { personId: sub.personId, name: sub.name, party: sub.party, rank: sub.substituteRank, email: sub.email } : null,
      };
    }),
    called: calls.map((c) => ({ personId: c.personId, to: c.recipientAddress, status: c.status, at: c.createdAt })),
    available: substitutes
      .sort((a, b) => a.rank - b.rank)
      .map((s) => byPerson.get(s.personId)!)
      .map((m) => ({ personId: m.personId, name: m.name, party: m.party, rank: m.substituteRank, email: m.email })),
    servingFor: calledFor.map((c) => ({ ...c, substituteName: byPerson.get(c.substitutePersonId)?.name ?? null, forName: byPerson.get(c.forPersonId)?.name ?? null })),
  };
}

/** What a person sees of their own absence: whether they may report one, and the one they reported. */
export interface OwnAbsence {
  /** The viewer holds a mandate in the body on the meeting day and the meeting is still open. */
  canReport: boolean;
  report: { reportedAt: Date; note: string | null } | null;
}

/** The viewer's own anmälan for the meeting (none for a viewer without a linked person or mandate). */
export async function getOwnAbsence(db: Database, viewer: Viewer, meetingId: string): Promise<OwnAbsence> {
  // A meeting without a date (some imported ones) has no mandates to hold on a day.
  const found = await findMeetingById(db, meetingId);
  if (!viewer.personId || !found?.heldOn) return { canReport: false, report: null };
  const { meeting, body, heldOn } = await meetingInScope(db, meetingId);
  const holdsMandate = (await mandatesInForce(db, body.id, heldOn)).some((m) => m.personId === viewer.personId);
  const open = (await listOpenAbsences(db, meetingId)).find((r) => r.personId === viewer.personId);
  return { canReport: holdsMandate && isMeetingOpen(meeting.status), report: open ? { reportedAt: open.reportedAt, note: open.note } : null };
}

/**
 * The roll-call as the anmälningar suggest it before any is recorded: every member present except those
 * who reported absence, and each called substitute present, serving for the member they were called for.
 */
export async function suggestAttendance(
  db: Database,
  viewer: Viewer,
  meetingId: string,
  known?: AbsenceOverview,
): Promise<{ present: Set<string>; servingFor: Map<string, string> }> {
  // The overview checks the secretary; one the caller already read was checked the same way.
  const overview = known ?? (await getAbsenceOverview(db, viewer, meetingId));
  const { body, heldOn } = await meetingInScope(db, meetingId);
  const absent = new Set(overview.absent.map((a) => a.personId));
  const present = new Set((await mandatesInForce(db, body.id, heldOn)).filter((m) => m.role !== 'substitute' && !absent.has(m.personId)).map((m) => m.personId));
  const servingFor = new Map<string, string>();
  for (const call of overview.servingFor) {
    if (absent.has(call.substitutePersonId)) continue;
    present.add(call.substitutePersonId);
    servingFor.set(call.substitutePersonId, call.forPersonId);
  }
  return { present, servingFor };
}

/** Calls a substitute in for an absent member: a mail to the substitute, written with the audit entry. */
export async function callSubstitute(
  db: Database,
  viewer: Viewer,
  input: { meetingId: string; substitutePersonId: string; forPersonId: string; publicUrl: string; mailDomain: string; contact?: string | null },
): Promise<{ messageId: string }> {
  await requireSecretaryOfMeeting(db, viewer, input.meetingId);
  return inTransaction(db, async (tx) => {
    const { meeting, body, heldOn } = await meetingInScope(tx, input.meetingId);
    if (!isMeetingOpen(meeting.status)) throw new RuleError('meeting_closed', 'the minutes of this meeting are finalised', { status: meeting.status });
    const mandates = await mandatesInForce(tx, body.id, heldOn);
    const substitute = mandates.find((m) => m.personId === input.substitutePersonId && m.role === 'substitute');
    const member = mandates.find((m) => m.personId === input.forPersonId && m.role !== 'substitute');
    const problems = [
      ...(substitute ? [] : [{ path: 'substitutePersonId', code: 'not_a_substitute', message: 'the person is not a substitute (ersättare) of the body on the meeting day' }]),
      ...(member ? [] : [{ path: 'forPersonId', code: 'not_a_member', message: 'the person is not a member (ledamot) of the body on the meeting day' }]),
    ];
    if (problems.length > 0 || !substitute || !member) throw new InputError(problems);
    if (!substitute.email) throw new InputError({ path: 'substitutePersonId', code: 'no_email', message: `${substitute.name} has no e-mail address in the registers; call them by phone` });
    const content = substituteCall('sv', {
      meeting: { bodyName: body.name, organizationName: null, heldOn },
      time: meeting.startTime ? meeting.startTime.slice(0, 5) : null,
      location: meeting.location,
      forName: member.name,
      url: `${input.publicUrl}/mina-sammantraden/${meeting.id}`,
      contact: input.contact ?? null,
    });
    const message = await enqueueMessage(tx, {
      kind: 'substitute_call',
      recipientAddress: substitute.email,
      recipientName: substitute.name,
      subject: content.subject,
      textBody: content.text,
      htmlBody: content.html,
      organizationId: body.organizationId,
      meetingId: meeting.id,
      personId: substitute.personId,
      dedupeKey: `substitute_call:${meeting.id}:${substitute.personId}`,
      messageIdDomain: input.mailDomain,
    });
    if (!message) throw new RuleError('substitute_already_called', `${substitute.name} has already been called to this meeting`);
    await appendAuditEvent(tx, { kind: 'absence.substitute_called', entityType: 'meeting', entityId: meeting.id, actor: viewer.id, data: { substitutePersonId: substitute.personId, forPersonId: member.personId } });
    return { messageId: message.messageId };
  });
}
