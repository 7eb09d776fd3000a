import { describe, expect, it } from 'vitest';
import { pickServingSubstitutes, quorumOf, type AttendanceEntry, type SubstituteOrderStrategy } from './quorum.ts';

const member = (personId: string, extra: Partial<AttendanceEntry> = {}): AttendanceEntry => ({
  personId,
  role: 'member',
  ...extra,
});
const substitute = (personId: string, servingFor: string | null, extra: Partial<AttendanceEntry> = {}): AttendanceEntry => ({
  personId,
  role: 'substitute',
  servingFor,
  ...extra,
});

describe('quorumOf', () => {
  it.each([
    [7, 4, 4, true, 'four of seven is more than half'],
    [7, 3, 4, false, 'three of seven is not'],
    [8, 4, 5, false, 'exactly half of eight is not more than half'],
    [8, 5, 5, true, 'five of eight is'],
    [1, 1, 1, true, 'a single-member body with its member present'],
  ])('with %i seats and %i members present: required %i, quorate %s (%s)', (seats, present, required, quorate) => {
    const attendance = Array.from({ length: present }, (_, index) => member(`m${index}`));
    const result = quorumOf({ seats, attendance });
    expect(result).toMatchObject({ quorate, votingCount: present, required });
    expect(result.reasons.some((r) => r.code === 'quorum_not_met')).toBe(!quorate);
  });

  it('counts a serving substitute in the place of an absent member', () => {
    const attendance = [member('m1'), member('m2'), substitute('s1', 'm3'), substitute('s2', null)];
    expect(quorumOf({ seats: 5, attendance })).toEqual({ quorate: true, votingCount: 3, required: 3, reasons: [] });
  });

  it.each([
    [
      'a substitute serving for a member who is present',
      [member('m1'), member('m2'), substitute('s1', 'm1')],
      2,
      'serving_for_present_member',
    ],
    [
      'a second substitute for the same member',
      [member('m1'), substitute('s1', 'm3'), substitute('s2', 'm3')],
      2,
      'member_already_replaced',
    ],
    ['a person listed twice', [member('m1'), member('m1'), member('m2')], 2, 'listed_twice'],
    [
      'a remote member when remote participation is not allowed',
      [member('m1'), member('m2', { remote: true }), member('m3')],
      2,
      'remote_participation_not_allowed',
    ],
  ])('does not count %s', (_, attendance, votingCount, code) => {
    const result = quorumOf({ seats: 5, attendance });
    expect(result.votingCount).toBe(votingCount);
    expect(result.reasons.map((r) => r.code)).toContain(code);
  });

  it('counts a remote member when the body allows remote participation', () => {
    const attendance = [member('m1'), member('m2', { remote: true }), member('m3')];
    expect(quorumOf({ seats: 5, attendance, remoteParticipationAllowed: true }).votingCount).toBe(3);
  });

  describe('per §', () => {
    const attendance = [
      member('m1'),
      member('m2', { presentFor: [1, 2, 3] }),
      member('m3', { disqualifiedIn: [2] }),
      substitute('s1', 'm3', { presentFor: [2] }),
      member('m4', { presentFor: [3] }),
    ];

    it.each([
      [1, 3, true, 'm4 arrives only at § 3, but three of five is enough'],
      [2, 3, true, 'm3 leaves § 2 for jäv and s1 serves in their place'],
      [3, 4, true, 'everyone but s1 is present'],
      [4, 2, false, 'm2 has left'],
    ])('for § %i counts %i voting, quorate %s (%s)', (paragraph, votingCount, quorate) => {
      expect(quorumOf({ seats: 5, attendance, paragraph })).toMatchObject({ votingCount, quorate });
    });

    it('counts only those present throughout when no § is named', () => {
      const result = quorumOf({ seats: 5, attendance });
      expect(result.votingCount).toBe(2);
      expect(result.reasons.filter((r) => r.code === 'present_for_some_paragraphs_only').map((r) => r.personId)).toEqual([
        'm2',
        'm4',
        's1',
      ]);
    });
  });

  it('flags more voting than seats, a sign of attendance without valid mandates', () => {
    const attendance = [member('m1'), member('m2'), member('m3'), substitute('s1', 'm9')];
    expect(quorumOf({ seats: 3, attendance }).reasons.map((r) => r.code)).toContain('more_voting_than_seats');
  });

  it('refuses a body with no seats', () => {
    expect(() => quorumOf({ seats: 0, attendance: [] })).toThrow(/whole number/);
  });
});

describe('pickServingSubstitutes', () => {
  const absentMembers = [
    { personId: 'anna-s', party: 'S' },
    { personId: 'bo-m', party: 'M' },
    { personId: 'cia-c', party: 'C' },
  ];
  const substitutes = [
    { personId: 'sub-m1', party: 'M', rank: 1 },
    { personId: 'sub-s2', party: 'S', rank: 2 },
    { personId: 'sub-v3', party: 'V', rank: 3 },
    { personId: 'sub-s4', party: 'S', rank: 4 },
  ];

  it.each([
    [
      'party-then-order',
      [
        { memberId: 'anna-s', substituteId: 'sub-s2' },
        { memberId: 'bo-m', substituteId: 'sub-m1' },
        { memberId: 'cia-c', substituteId: 'sub-v3' },
      ],
      'same party first in rank order, then the highest-ranked of any party',
    ],
    [
      'order',
      [
        { memberId: 'anna-s', substituteId: 'sub-m1' },
        { memberId: 'bo-m', substituteId: 'sub-s2' },
        { memberId: 'cia-c', substituteId: 'sub-v3' },
      ],
      'rank only, whatever the party',
    ],
  ])('with strategy %s picks %j (%s)', (strategy, assignments) => {
    const result = pickServingSubstitutes({ absentMembers, substitutes, strategy: strategy as SubstituteOrderStrategy });
    expect(result).toEqual({ assignments, unfilled: [] });
  });

  it('does not let a member without a same-party substitute take one another member’s party needs', () => {
    const result = pickServingSubstitutes({
      absentMembers: [
        { personId: 'cia-c', party: 'C' },
        { personId: 'anna-s', party: 'S' },
      ],
      substitutes: [{ personId: 'sub-s1', party: 'S', rank: 1 }, { personId: 'sub-v2', party: 'V', rank: 2 }],
      strategy: 'party-then-order',
    });
    expect(result.assignments).toEqual([
      { memberId: 'cia-c', substituteId: 'sub-v2' },
      { memberId: 'anna-s', substituteId: 'sub-s1' },
    ]);
  });

  it('lists the members nobody could replace', () => {
    const result = pickServingSubstitutes({
      absentMembers,
      substitutes: [{ personId: 'sub-c1', party: 'C', rank: 1 }],
      strategy: 'party-then-order',
    });
    expect(result).toEqual({ assignments: [{ memberId: 'cia-c', substituteId: 'sub-c1' }], unfilled: ['anna-s', 'bo-m'] });
  });

  it('keeps the given order for equal ranks and accepts ranks in any order', () => {
    const result = pickServingSubstitutes({
      absentMembers: [{ personId: 'x', party: null }],
      substitutes: [
        { personId: 'late', party: 'S', rank: 5 },
        { personId: 'first-listed', party: 'M', rank: 2 },
        { personId: 'second-listed', party: 'S', rank: 2 },
      ],
      strategy: 'party-then-order',
    });
    expect(result.assignments).toEqual([{ memberId: 'x', substituteId: 'first-listed' }]);
  });
});
