/**
 * Beslutförhet and the choice of serving substitutes. A body may decide only when more than half of its members
 * are present (KL 5:45 for fullmäktige (check), KL 6:27 for nämnder); a serving substitute (tjänstgörande
 * ersättare) counts in the place of the absent member they serve for.
 */
import { InputError, type Problem } from '../errors.ts';

/** Närvaro: one person's attendance, as the attendance list and the mandate register give it. */
export interface AttendanceEntry {
  personId: string;
  /** Ledamot (ordinary member) or ersättare (substitute). */
  role: 'member' | 'substitute';
  /** Tjänstgör för: the absent member a substitute serves for; null when the substitute only attends. */
  servingFor?: string | null;
  /** The §§ the person was present for; null or left out when present throughout. */
  presentFor?: readonly number[] | null;
  /** Jäv: §§ the person left because of disqualification (in a nämnd the disqualified member leaves, KL 6:30 (check)). */
  disqualifiedIn?: readonly number[];
  /** Deltagande på distans. */
  remote?: boolean;
}

/** Why a person was or was not counted, or why the body is not quorate. */
export interface QuorumReason {
  code: string;
  message: string;
  personId?: string;
}

/** Beslutförhet: whether the body could decide, how many counted, how many were needed, and why. */
export interface QuorumResult {
  quorate: boolean;
  /** Members present and substitutes serving for absent members (beslutande). */
  votingCount: number;
  /** More than half of the seats. */
  required: number;
  reasons: QuorumReason[];
}

/**
 * Beslutförhet for one § (or, without `paragraph`, for the whole meeting: only those present throughout count).
 * Remote participants count only when the body allows remote participation (KL 5:16, 6:24 (check)).
 */
export function quorumOf(options: {
  /** The number of ordinary members (ledamöter) of the body. */
  seats: number;
  attendance: readonly AttendanceEntry[];
  paragraph?: number;
  remoteParticipationAllowed?: boolean;
}): QuorumResult {
  const { seats, attendance, paragraph, remoteParticipationAllowed = false } = options;
  if (!Number.isInteger(seats) || seats < 1) {
    throw new InputError({ path: 'seats', code: 'invalid_count', message: 'must be a whole number, 1 or more' });
  }
  const reasons: QuorumReason[] = [];
  const seen = new Set<string>();

  const participates = (entry: AttendanceEntry): boolean => {
    if (seen.has(entry.personId)) {
      reasons.push(reason('listed_twice', 'the person is listed twice and counted once', entry.personId));
      return false;
    }
    seen.add(entry.personId);
    if (!isPresent(entry, paragraph)) {
      if (paragraph === undefined && entry.presentFor) {
        reasons.push(reason('present_for_some_paragraphs_only', 'present for some §§ only', entry.personId));
      }
      return false;
    }
    if (paragraph !== undefined && entry.disqualifiedIn?.includes(paragraph)) {
      reasons.push(reason('disqualified', `left § ${paragraph} because of jäv`, entry.personId));
      return false;
    }
    if (entry.remote && !remoteParticipationAllowed) {
      reasons.push(reason('remote_participation_not_allowed', 'remote participation is not allowed', entry.personId));
      return false;
    }
    return true;
  };

  const presentMembers = new Set<string>();
  for (const entry of attendance) {
    if (entry.role === 'member' && participates(entry)) presentMembers.add(entry.personId);
  }
  const replaced = new Set<string>();
  for (const entry of attendance) {
    if (entry.role !== 'substitute' || !entry.servingFor) continue;
    if (!participates(entry)) continue;
    if (presentMembers.has(entry.servingFor)) {
      reasons.push(
        reason('serving_for_present_member', `serves for ${entry.servingFor}, who is present`, entry.personId),
      );
    } else if (replaced.has(entry.servingFor)) {
      reasons.push(
        reason('member_already_replaced', `another substitute already serves for ${entry.servingFor}`, entry.personId),
      );
    } else {
      replaced.add(entry.servingFor);
    }
  }

  const votingCount = presentMembers.size + replaced.size;
  // KL 5:45, 6:27: "fler än hälften av ledamöterna".
  const required = Math.floor(seats / 2) + 1;
  if (votingCount > seats) {
    reasons.push(reason('more_voting_than_seats', `${votingCount} counted as voting but the body has ${seats} seats`));
  }
  const quorate = votingCount >= required;
  if (!quorate) {
    reasons.push(reason('quorum_not_met', `${votingCount} of ${seats} present; ${required} are needed`));
  }
  return { quorate, votingCount, required, reasons };
}

function isPresent(entry: AttendanceEntry, paragraph: number | undefined): boolean {
  if (!entry.presentFor) return true;
  return paragraph !== undefined && entry.presentFor.includes(paragraph);
}

function reason(code: string, message: string, personId?: string): QuorumReason {
  return personId === undefined ? { code, message } : { code, message, personId };
}

/** Ersättarordning: how substitutes are called in for absent members. */
export type SubstituteOrderStrategy = 'party-then-order' | 'order';

/** An absent ordinary member (frånvarande ledamot). */
export interface AbsentMember {
  personId: string;
  party: string | null;
}

/** A substitute available at the meeting, with their place in the body's substitute order (1 comes first). */
export interface AvailableSubstitute {
  personId: string;
  party: string | null;
  rank: number;
}

/** Which substitute serves for which member, and the members nobody could replace. */
export interface SubstituteAssignment {
  assignments: { memberId: string; substituteId: string }[];
  unfilled: string[];
}

/**
 * Tjänstgörande ersättare for absent members, in the order the members are given. 'party-then-order': first every
 * member gets the highest-ranked free substitute of their own party; the members still unfilled then get the
 * highest-ranked free substitutes of any party. 'order': rank only. The body's rules (reglemente, KL 6:13–14 (check))
 * decide which strategy applies; equal ranks keep the order given.
 */
export function pickServingSubstitutes(options: {
  absentMembers: readonly AbsentMember[];
  substitutes: readonly AvailableSubstitute[];
  strategy: SubstituteOrderStrategy;
}): SubstituteAssignment {
  const { absentMembers, substitutes, strategy } = options;
  const problems: Problem[] = [];
  substitutes.forEach((substitute, index) => {
    if (!Number.isFinite(substitute.rank)) {
      problems.push({ path: `substitutes[${index}].rank`, code: 'invalid_rank', message: 'must be a number' });
    }
  });
  if (problems.length > 0) throw new InputError(problems);

  const queue = substitutes
    .map((substitute, index) => ({ substitute, index }))
    .sort((a, b) => a.substitute.rank - b.substitute.rank || a.index - b.index)
    .map(({ substitute }) => substitute);
  const taken = new Set<string>();
  const chosen = new Map<string, string>();
  const take = (member: AbsentMember, acceptable: (substitute: AvailableSubstitute) => boolean): void => {
    const substitute = queue.find((candidate) => !taken.has(candidate.personId) && acceptable(candidate));
    if (!substitute) return;
    taken.add(substitute.personId);
    chosen.set(member.personId, substitute.personId);
  };

  if (strategy === 'party-then-order') {
    for (const member of absentMembers) {
      if (member.party !== null) take(member, (substitute) => substitute.party === member.party);
    }
  }
  for (const member of absentMembers) {
    if (!chosen.has(member.personId)) take(member, () => true);
  }

  const assignments: SubstituteAssignment['assignments'] = [];
  const unfilled: string[] = [];
  for (const member of absentMembers) {
    const substituteId = chosen.get(member.personId);
    if (substituteId === undefined) unfilled.push(member.personId);
    else assignments.push({ memberId: member.personId, substituteId });
  }
  return { assignments, unfilled };
}
