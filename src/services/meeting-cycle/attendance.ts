/** Minute-taking: the roll-call (närvaro) with serving substitutes, §§ present, adjusters and quorum. */
import { pickServingSubstitutes, type QuorumResult } from '../../domain/quorum.ts';
import { InputError, RuleError, type Problem } from '../../errors.ts';
import { appendAuditEvent, inTransaction, insertPerson } from '../../storage/index.ts';
import {
  mandatesInForce,
  replaceAdjusters,
  replaceAttendance,
  updateMeeting,
  type MandateOnDate,
} from '../../storage/meeting-cycle.store.ts';
import type { Database } from '../../storage/database.ts';
import { type Actor, contextOf, lockEditableMeeting, quorumFor, requireText, sortEntries, sortMandates } from './common.ts';


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

