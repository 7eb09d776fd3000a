/**
 * Omröstning: checking a counted vote and finding its result. The chair puts two proposals against each other
 * (proposition): 'yes' is the proposal put first, 'no' the counter-proposal. The side with more votes wins;
 * abstentions do not count (KL 5:55 (check)).
 */
import type { Problem } from '../errors.ts';
import type { Vote } from './minutes.ts';

/** Röstsiffror: yes, no and abstain (avstår) in one vote. */
export interface VoteCount {
  yes: number;
  no: number;
  abstain: number;
}

/** Omröstningsresultat: the winning side and how it was decided, or the problems that stop it. */
export interface VoteOutcome {
  problems: Problem[];
  /** Null when the count is refused, or when an election tie goes to lot. */
  winner: 'yes' | 'no' | null;
  /** 'casting_vote': the chair's utslagsröst; 'lot': an election tie is decided by lottning. */
  decidedBy: 'majority' | 'casting_vote' | 'lot' | null;
}

/**
 * The result of a vote among `votingCount` beslutande. A count above the number voting is refused. On equal
 * votes the chair's casting vote decides a decision, lot decides an election (KL 5:59 for fullmäktige, through
 * 6:33 for nämnder (check)).
 */
export function voteOutcome(options: {
  count: VoteCount;
  votingCount: number;
  kind?: 'decision' | 'election';
  /** How the chair voted; needed only on equal votes. */
  chairVotedFor?: 'yes' | 'no' | 'abstain' | null;
  path?: string;
}): VoteOutcome {
  const { count, votingCount, kind = 'decision', chairVotedFor = null, path = 'vote' } = options;
  const problems = findCountProblems(count, votingCount, path);
  if (problems.length > 0) return { problems, winner: null, decidedBy: null };

  if (count.yes !== count.no) return { problems, winner: count.yes > count.no ? 'yes' : 'no', decidedBy: 'majority' };
  // KL 5:59 (check): "Vid lika röstetal avgörs val genom lottning. Vid andra beslut har ordföranden utslagsröst."
  if (kind === 'election') return { problems, winner: null, decidedBy: 'lot' };
  if (chairVotedFor === 'yes' || chairVotedFor === 'no') {
    return { problems, winner: chairVotedFor, decidedBy: 'casting_vote' };
  }
  problems.push({
    path: `${path}.chairVotedFor`,
    code: 'casting_vote_missing',
    message: 'the votes are equal and the chair has not given a casting vote',
  });
  return { problems, winner: null, decidedBy: null };
}

/** Röstsammanräkning: yes, no and abstain counted from a roll-call vote (those marked absent are left out). */
export function tallyRollCall(roll: readonly { vote: 'yes' | 'no' | 'abstain' | 'absent' }[]): VoteCount {
  const count: VoteCount = { yes: 0, no: 0, abstain: 0 };
  for (const entry of roll) if (entry.vote !== 'absent') count[entry.vote] += 1;
  return count;
}

/**
 * Problems in a vote as the minutes record it: counts that are not whole numbers, more votes than voting
 * members, and stated counts that differ from the roll call.
 */
export function findVoteProblems(vote: Vote, options: { votingCount?: number | null; path?: string } = {}): Problem[] {
  const { votingCount = null, path = 'vote' } = options;
  const problems: Problem[] = [];
  const stated = { yes: vote.yes ?? null, no: vote.no ?? null, abstain: vote.abstain ?? null };
  const tally = vote.roll && vote.roll.length > 0 ? tallyRollCall(vote.roll) : null;
  if (tally) {
    for (const side of ['yes', 'no', 'abstain'] as const) {
      const value = stated[side];
      if (value !== null && value !== tally[side]) {
        problems.push({
          path: `${path}.${side}`,
          code: 'vote_roll_mismatch',
          message: `the minutes state ${value} ${side} but the roll call has ${tally[side]}`,
        });
      }
    }
  }
  if (votingCount !== null) {
    const count = {
      yes: stated.yes ?? tally?.yes ?? 0,
      no: stated.no ?? tally?.no ?? 0,
      abstain: stated.abstain ?? tally?.abstain ?? 0,
    };
    problems.push(...findCountProblems(count, votingCount, path));
  }
  return problems;
}

function findCountProblems(count: VoteCount, votingCount: number, path: string): Problem[] {
  const problems: Problem[] = [];
  for (const side of ['yes', 'no', 'abstain'] as const) {
    if (!Number.isInteger(count[side]) || count[side] < 0) {
      problems.push({ path: `${path}.${side}`, code: 'invalid_vote_count', message: 'must be a whole number, 0 or more' });
    }
  }
  if (!Number.isInteger(votingCount) || votingCount < 0) {
    problems.push({ path: `${path}.votingCount`, code: 'invalid_vote_count', message: 'must be a whole number, 0 or more' });
  }
  if (problems.length > 0) return problems;
  const total = count.yes + count.no + count.abstain;
  if (total > votingCount) {
    problems.push({
      path,
      code: 'vote_count_exceeds_voting',
      message: `${count.yes} yes + ${count.no} no + ${count.abstain} abstain = ${total}, but only ${votingCount} are voting`,
    });
  }
  return problems;
}
