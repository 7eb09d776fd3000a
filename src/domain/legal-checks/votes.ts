/**
 * Beslutförhet, omröstning, reservation and jäv at each §: the body decides only when more than half its
 * seats are filled by those deciding (KL 5:45, 6:27); a vote has no more votes than those deciding, and the
 * named votes add up to the stated counts (KL 5:66); the chair's casting vote settles a tie and nothing
 * else (KL 5:59); only those who took part in the decision may reserve themselves (KL 4:27); a disqualified
 * member neither votes nor counts (KL 6:28–30).
 */
import type { Minutes, MinutesItem, Vote } from '../minutes.ts';
import type { RuleProfile } from '../rule-profile.ts';
import { tallyRollCall } from '../vote.ts';
import { AttendanceAt, isSameName } from './attendance.ts';
import type { CheckContext } from './context.ts';
import { finding, type Finding } from './finding.ts';

/** Words that make a reservation a group's ('Socialdemokraternas ledamöter'), not one person's. */
const groupWords = /\b(ledamöter(na)?|gruppen|grupp|samtliga|partiet|ledamoter|företrädare|representanter)\b/iu;

export function checkVotesAndQuorum(minutes: Minutes, profile: RuleProfile, context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const attendance = new AttendanceAt(minutes, { remoteCounts: context.remoteParticipationAllowed ?? true });
  const decides = profile.bodyKind === 'decision_making' && profile.documentKind === 'protocol';
  const seats = context.seats ?? attendance.largestVotingCount();
  const required = Math.floor(seats / 2) + 1;

  for (const item of minutes.items) {
    const paragraph = item.number;
    const disqualified = item.disqualified ?? [];
    const voting = attendance.votingAt(paragraph, disqualified);
    // KL 5:45, 6:27: "fler än hälften av ledamöterna". Only §§ where something is decided need it.
    if (decides && seats > 0 && item.decisions.length > 0 && voting.length < required && paragraph !== null) {
      findings.push(finding('quorum_not_met', { paragraph, values: { paragraph, voting: voting.length, required } }));
    }
    for (const vote of item.votes ?? []) findings.push(...checkVote(vote, item, attendance, voting.length));
    findings.push(...checkReservations(item, attendance));
    for (const name of disqualified) {
      if (!attendance.isListed(name) && paragraph !== null) {
        findings.push(finding('disqualified_person_unknown', { paragraph, persons: [name], values: { paragraph } }));
      }
    }
  }
  return findings;
}

function checkVote(vote: Vote, item: MinutesItem, attendance: AttendanceAt, votingCount: number): Finding[] {
  const findings: Finding[] = [];
  const paragraph = item.number ?? 0;
  const roll = vote.roll ?? [];
  const tally = roll.length > 0 ? tallyRollCall(roll) : null;
  const stated = { yes: vote.yes ?? null, no: vote.no ?? null, abstain: vote.abstain ?? null };
  const counts = {
    yes: stated.yes ?? tally?.yes ?? 0,
    no: stated.no ?? tally?.no ?? 0,
    abstain: stated.abstain ?? tally?.abstain ?? 0,
  };
  const votes = counts.yes + counts.no + counts.abstain;
  if (votes > votingCount) findings.push(finding('vote_exceeds_voting_members', { paragraph, values: { paragraph, votes, voting: votingCount } }));
  if (tally) {
    for (const side of ['yes', 'no', 'abstain'] as const) {
      const value = stated[side];
      if (value !== null && value !== tally[side]) {
        findings.push(finding('vote_roll_mismatch', { paragraph, values: { paragraph, side, stated: value, counted: tally[side] } }));
      }
    }
  }
  const votingNow = attendance.votingAt(item.number, item.disqualified ?? []);
  const seen: string[] = [];
  for (const entry of roll) {
    if (entry.vote === 'absent') continue;
    if (seen.some((name) => isSameName(name, entry.name))) {
      findings.push(finding('voted_twice', { paragraph, persons: [entry.name], values: { paragraph } }));
      continue;
    }
    seen.push(entry.name);
    if ((item.disqualified ?? []).some((d) => isSameName(d, entry.name))) {
      findings.push(finding('disqualified_person_voted', { paragraph, persons: [entry.name], values: { paragraph } }));
    } else if (!attendance.candidates(entry.name).some((c) => votingNow.includes(c.attendee))) {
      findings.push(finding('vote_by_non_voting_person', { paragraph, persons: [entry.name], values: { paragraph } }));
    }
  }
  // KL 5:59: "Vid andra beslut har ordföranden utslagsröst" — on equal votes, and only then.
  const castingVote = /utslagsröst|casting vote/iu.test(vote.result ?? '');
  if (castingVote && (stated.yes !== null || tally) && counts.yes !== counts.no) {
    findings.push(finding('casting_vote_without_tie', { paragraph, values: { paragraph, yes: counts.yes, no: counts.no } }));
  }
  return findings;
}

function checkReservations(item: MinutesItem, attendance: AttendanceAt): Finding[] {
  const findings: Finding[] = [];
  const paragraph = item.number ?? 0;
  const voting = attendance.votingAt(item.number, item.disqualified ?? []);
  for (const reservation of item.reservations ?? []) {
    if (groupWords.test(reservation.name)) continue;
    // Two attendees who share a surname: the reservation is theirs if either of them decided.
    const candidates = attendance.candidates(reservation.name);
    if (!candidates.some((c) => voting.includes(c.attendee))) {
      findings.push(finding('reservation_by_non_voting_person', { paragraph, persons: [reservation.name], values: { paragraph } }));
    }
  }
  return findings;
}
