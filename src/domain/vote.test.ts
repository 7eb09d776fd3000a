import { describe, expect, it } from 'vitest';
import type { Vote } from './minutes.ts';
import { findVoteProblems, tallyRollCall, voteOutcome, type VoteCount } from './vote.ts';

const count = (yes: number, no: number, abstain = 0): VoteCount => ({ yes, no, abstain });

describe('voteOutcome', () => {
  it.each([
    [count(6, 5), 11, 'yes', 'majority', 'more yes than no'],
    [count(3, 5, 3), 11, 'no', 'majority', 'more no than yes, abstentions do not count'],
    [count(1, 0, 10), 11, 'yes', 'majority', 'one yes against many abstentions'],
    [count(5, 4), 11, 'yes', 'majority', 'two members did not take part'],
  ])('%o among %i voting: %s wins by %s (%s)', (votes, votingCount, winner, decidedBy) => {
    expect(voteOutcome({ count: votes, votingCount })).toEqual({ problems: [], winner, decidedBy });
  });

  it.each([
    ['yes', 'yes'],
    ['no', 'no'],
  ] as const)('on equal votes the chair’s casting vote for %s decides (KL 5:59)', (chairVotedFor, winner) => {
    expect(voteOutcome({ count: count(5, 5, 1), votingCount: 11, chairVotedFor })).toEqual({
      problems: [],
      winner,
      decidedBy: 'casting_vote',
    });
  });

  it('sends an election tie to lot', () => {
    expect(voteOutcome({ count: count(4, 4), votingCount: 9, kind: 'election', chairVotedFor: 'yes' })).toEqual({
      problems: [],
      winner: null,
      decidedBy: 'lot',
    });
  });

  it.each([
    [undefined, 'the chair’s vote is unknown'],
    ['abstain', 'the chair abstained'],
  ] as const)('reports a tie it cannot settle when %s (%s)', (chairVotedFor, _why) => {
    const outcome = voteOutcome({ count: count(5, 5), votingCount: 11, chairVotedFor });
    expect(outcome.winner).toBeNull();
    expect(outcome.problems.map((problem) => problem.code)).toEqual(['casting_vote_missing']);
  });

  it.each([
    [count(6, 5, 1), 11, ['vote_count_exceeds_voting']],
    [count(12, 0), 11, ['vote_count_exceeds_voting']],
    [count(-1, 3), 11, ['invalid_vote_count']],
    [count(2.5, 3), 11, ['invalid_vote_count']],
  ])('refuses %o among %i voting', (votes, votingCount, codes) => {
    const outcome = voteOutcome({ count: votes, votingCount });
    expect(outcome.winner).toBeNull();
    expect(outcome.problems.map((problem) => problem.code)).toEqual(codes);
  });

  it('names the vote in the problem path', () => {
    const outcome = voteOutcome({ count: count(7, 5), votingCount: 11, path: 'items[4].votes[0]' });
    expect(outcome.problems[0]).toEqual({
      path: 'items[4].votes[0]',
      code: 'vote_count_exceeds_voting',
      message: '7 yes + 5 no + 0 abstain = 12, but only 11 are voting',
    });
  });
});

describe('tallyRollCall', () => {
  it('counts yes, no and abstain and leaves out those absent', () => {
    const roll = [{ vote: 'yes' }, { vote: 'no' }, { vote: 'yes' }, { vote: 'abstain' }, { vote: 'absent' }] as const;
    expect(tallyRollCall(roll)).toEqual(count(2, 1, 1));
  });
});

describe('findVoteProblems', () => {
  const roll: Vote['roll'] = [
    { name: 'A', vote: 'yes' },
    { name: 'B', vote: 'yes' },
    { name: 'C', vote: 'no' },
  ];

  it.each([
    [{ question: 'q', yes: 2, no: 1, abstain: 0, roll }, 3, []],
    [{ question: 'q', yes: 3, no: 1, roll }, 5, ['vote_roll_mismatch']],
    [{ question: 'q', yes: 6, no: 5, abstain: 1 }, 11, ['vote_count_exceeds_voting']],
    [{ question: 'q', roll }, 2, ['vote_count_exceeds_voting']],
    [{ question: 'q', yes: 6, no: 5 }, null, []],
  ])('in %o with %s voting finds %j', (vote, votingCount, codes) => {
    expect(findVoteProblems(vote, { votingCount }).map((problem) => problem.code)).toEqual(codes);
  });
});
