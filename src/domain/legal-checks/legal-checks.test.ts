import { describe, expect, it } from 'vitest';
import type { Attendee, Minutes } from '../minutes.ts';
import { ruleProfileFor } from '../rule-profile.ts';
import { checkMinutes, describeFinding, hasErrors, type CheckContext, type FindingCode } from './index.ts';
import { isSameName, paragraphsOf } from './attendance.ts';

/** A lawful board meeting of seven seats, all present: the base every case below changes in one way. */
function lawfulMinutes(): Minutes {
  const member = (name: string, party: string, extra: Partial<Attendee> = {}): Attendee => ({
    name, party, represents: null, role: 'member', voting: true, remote: false, paragraphs: null, ...extra,
  });
  return {
    kind: 'protocol',
    organization: 'Räddningstjänstförbundet Norrälv',
    body: 'Direktionen',
    meeting: { date: '2025-03-12', start: '13:00', end: '15:00', location: 'Brandstationen', remote: false },
    paragraphRange: { first: 8, last: 11 },
    adjustment: { adjusters: ['Per Åkesson'], date: '2025-03-19', place: 'Brandstationen' },
    signatures: [
      { role: 'secretary', name: 'Lena Skrivare', signedAt: '2025-03-19T10:00:00+01:00' },
      { role: 'chair', name: 'Maria Holm', signedAt: '2025-03-19T10:05:00+01:00' },
      { role: 'adjuster', name: 'Per Åkesson', signedAt: '2025-03-19T10:10:00+01:00' },
    ],
    notice: { postedFrom: '2025-03-20', postedUntil: '2025-04-11', storage: 'Förbundskansliet' },
    attendees: [
      member('Maria Holm', 'S', { role: 'chair' }),
      member('Per Åkesson', 'M'),
      member('Karin Berg', 'C'),
      member('Olof Strand', 'S'),
      member('Sara Lind', 'V'),
      member('Johan Ek', 'KD'),
      member('Nils Falk', 'SD'),
      { name: 'Lena Skrivare', party: null, represents: null, role: 'secretary', voting: null, remote: false, paragraphs: null },
    ],
    items: [8, 9, 10, 11].map((number) => ({
      number,
      title: `Ärende ${number}`,
      caseNumber: `2025/${number}`,
      decisions: [`Direktionen beslutar enligt förslaget i ärende ${number}.`],
      votes: [],
      reservations: [],
      disqualified: [],
    })),
  };
}

const today: CheckContext = { today: '2025-06-01', seats: 7 };

function codesOf(minutes: Minutes, context: CheckContext = today): FindingCode[] {
  return checkMinutes(minutes, context).map((f) => f.code);
}

function item(minutes: Minutes, number: number) {
  const found = minutes.items.find((i) => i.number === number);
  if (!found) throw new Error(`no § ${number}`);
  return found;
}

describe('legal checks: lawful minutes are clean', () => {
  it('gives no finding at all on lawful minutes', () => {
    expect(checkMinutes(lawfulMinutes(), today)).toEqual([]);
  });
});

describe('legal checks: dates and clocks', () => {
  it('KL 5:65 — minutes of a meeting that has not taken place are an error', () => {
    const m = lawfulMinutes();
    m.meeting.date = '2025-07-01';
    expect(codesOf(m)).toContain('meeting_in_future');
  });

  it('KL 5:65 — a meeting later today has not started yet', () => {
    const m = lawfulMinutes();
    expect(codesOf(m, { ...today, today: '2025-03-12', time: '12:30' })).toContain('meeting_in_future');
    expect(codesOf(m, { ...today, today: '2025-03-12', time: '13:30' })).not.toContain('meeting_in_future');
  });

  it('KL 5:69 — signing before the meeting is an error', () => {
    const m = lawfulMinutes();
    m.signatures[1]!.signedAt = '2025-03-11T09:00:00+01:00';
    const found = checkMinutes(m, today).find((f) => f.code === 'signed_before_meeting');
    expect(found?.persons).toEqual(['Maria Holm']);
  });

  it('KL 5:69 — justering after 14 days is a warning naming the deadline', () => {
    const m = lawfulMinutes();
    m.adjustment.date = '2025-03-27';
    m.notice = { postedFrom: '2025-03-28', postedUntil: '2025-04-22', storage: null };
    const found = checkMinutes(m, today).find((f) => f.code === 'adjustment_late');
    expect(found?.severity).toBe('warning');
    expect(describeFinding(found!, 'sv')).toContain('2025-03-26');
  });

  it('KL 5:69 — day 14 itself is in time', () => {
    const m = lawfulMinutes();
    m.adjustment.date = '2025-03-26';
    m.notice = { postedFrom: '2025-03-26', postedUntil: '2025-04-16', storage: null };
    expect(codesOf(m)).not.toContain('adjustment_late');
  });

  it('KL 5:69 — without a stated date the last signature is the justering date', () => {
    const m = lawfulMinutes();
    m.adjustment.date = null;
    m.notice = null;
    m.signatures[2]!.signedAt = '2025-04-02T08:00:00+02:00';
    expect(codesOf(m)).toContain('adjustment_late');
  });

  it('KL 8:12 — a notice posted before the justering is an error', () => {
    const m = lawfulMinutes();
    m.notice = { postedFrom: '2025-03-18', postedUntil: '2025-04-09', storage: null };
    expect(codesOf(m)).toContain('notice_before_adjustment');
  });

  it('KL 8:12 — a notice posted later than the second day after justering is a warning', () => {
    const m = lawfulMinutes();
    m.notice = { postedFrom: '2025-03-22', postedUntil: '2025-04-14', storage: null };
    const found = checkMinutes(m, today).find((f) => f.code === 'notice_late');
    expect(found?.severity).toBe('warning');
    m.notice = { postedFrom: '2025-03-21', postedUntil: '2025-04-11', storage: null };
    expect(codesOf(m)).not.toContain('notice_late');
  });

  it('KL 13:5, lag 1930:173 — a notice taken down before the last day of appeal is an error', () => {
    const m = lawfulMinutes();
    // Posted Thursday 2025-03-20: +21 days is Thursday 2025-04-10.
    m.notice = { postedFrom: '2025-03-20', postedUntil: '2025-04-09', storage: null };
    expect(codesOf(m)).toContain('notice_taken_down_early');
    m.notice = { postedFrom: '2025-03-20', postedUntil: '2025-04-10', storage: null };
    expect(codesOf(m)).not.toContain('notice_taken_down_early');
  });

  it('KL 13:5, lag 1930:173 — a last day on Good Friday moves to the Tuesday after Easter', () => {
    const m = lawfulMinutes();
    m.adjustment.date = '2025-03-28';
    m.meeting.date = '2025-03-20';
    m.signatures = m.signatures.map((s) => ({ ...s, signedAt: '2025-03-28T10:00:00+01:00' }));
    // Posted 2025-03-28 (Friday): +21 days = 2025-04-18, långfredag → 2025-04-22 after annandag påsk.
    m.notice = { postedFrom: '2025-03-28', postedUntil: '2025-04-18', storage: null };
    const found = checkMinutes(m, today).find((f) => f.code === 'notice_taken_down_early');
    expect(found?.values.lastAppealOn).toBe('2025-04-22');
  });

  it('KL 5:53, 6:22 and the reglemente — a kallelse sent too late is a warning, none at all an error', () => {
    const m = lawfulMinutes();
    expect(codesOf(m, { ...today, kallelse: { sentOn: '2025-03-07', required: true } })).toContain('kallelse_late');
    expect(codesOf(m, { ...today, kallelse: { sentOn: '2025-03-05', required: true } })).not.toContain('kallelse_late');
    expect(codesOf(m, { ...today, kallelse: { sentOn: null, required: true } })).toContain('kallelse_missing');
  });

  it('rule profile — a body whose reglemente says 10 days is held to 10 days', () => {
    const profile = { ...ruleProfileFor({ organisationType: 'kommunalforbund', bodyKind: 'decision_making' }), meetingNoticeDays: 10 };
    expect(codesOf(lawfulMinutes(), { ...today, profile, kallelse: { sentOn: '2025-03-05', required: true } })).toContain('kallelse_late');
  });

  it('rule profile — an ideell förening has no anslag clock (KL does not apply)', () => {
    const m = lawfulMinutes();
    m.notice = { postedFrom: '2025-03-18', postedUntil: '2025-03-19', storage: null };
    const profile = ruleProfileFor({ organisationType: 'association', bodyKind: 'decision_making' });
    expect(codesOf(m, { ...today, profile })).toEqual([]);
  });
});

describe('legal checks: beslutförhet', () => {
  it('KL 5:45, 6:27 — a § decided by three of seven seats is not quorate', () => {
    const m = lawfulMinutes();
    for (const a of m.attendees.slice(3, 7)) a.paragraphs = '8-9';
    const found = checkMinutes(m, today).filter((f) => f.code === 'quorum_not_met');
    expect(found.map((f) => f.paragraph)).toEqual([10, 11]);
    expect(describeFinding(found[0]!, 'sv')).toBe('§ 10: organet var inte beslutfört: 3 beslutande, minst 4 behövs.');
  });

  it('KL 5:45, 6:27 — four of seven is quorate', () => {
    const m = lawfulMinutes();
    for (const a of m.attendees.slice(4, 7)) a.paragraphs = '8-9';
    expect(codesOf(m)).not.toContain('quorum_not_met');
  });

  it('KL 5:45, 6:27 — without the number of seats, those who decided at the fullest § are the floor', () => {
    const m = lawfulMinutes();
    for (const a of m.attendees.slice(3, 7)) a.paragraphs = '8-9';
    expect(codesOf(m, { today: '2025-06-01' })).toContain('quorum_not_met');
  });

  it('KL 6:28–30 — a disqualified member does not count toward quorum at that §', () => {
    const m = lawfulMinutes();
    for (const a of m.attendees.slice(4, 7)) a.paragraphs = '8-9';
    item(m, 10).disqualified = ['Olof Strand'];
    const found = checkMinutes(m, today).filter((f) => f.code === 'quorum_not_met');
    expect(found.map((f) => f.paragraph)).toEqual([10]);
  });

  it('KL 5:16, 6:24 — remote members count only where remote participation is allowed', () => {
    const m = lawfulMinutes();
    for (const a of m.attendees.slice(1, 5)) a.remote = true;
    expect(codesOf(m, { ...today, remoteParticipationAllowed: true })).not.toContain('quorum_not_met');
    expect(codesOf(m, { ...today, remoteParticipationAllowed: false })).toContain('quorum_not_met');
  });

  it('KL 5:17, 6:13 — a serving substitute counts in the place of the absent member', () => {
    const m = lawfulMinutes();
    for (const a of m.attendees.slice(3, 7)) a.paragraphs = '8-9';
    m.attendees.push({ name: 'Eva Ersätt', party: 'S', represents: null, role: 'substitute', voting: null, remote: false, paragraphs: '10-11', servingFor: 'Olof Strand' });
    expect(codesOf(m)).not.toContain('quorum_not_met');
  });

  it('KL 5:45 — a § without a decision (information) needs no quorum', () => {
    const m = lawfulMinutes();
    for (const a of m.attendees.slice(3, 7)) a.paragraphs = '8-10';
    item(m, 11).decisions = [];
    expect(codesOf(m)).not.toContain('quorum_not_met');
  });

  it('minnesanteckningar of a network decide nothing, so quorum is not checked', () => {
    const m = lawfulMinutes();
    m.kind = 'notes';
    for (const a of m.attendees.slice(2, 7)) a.paragraphs = '8';
    expect(codesOf(m, { today: '2025-06-01' })).not.toContain('quorum_not_met');
  });
});

describe('legal checks: votes, reservations and jäv', () => {
  it('KL 5:55, 6:33 — a 9–4 vote in a board of seven is an error', () => {
    const m = lawfulMinutes();
    item(m, 9).votes = [{ question: 'Bifall', yes: 9, no: 4, abstain: 0 }];
    const found = checkMinutes(m, today).find((f) => f.code === 'vote_exceeds_voting_members');
    expect(found?.paragraph).toBe(9);
    expect(found?.values).toMatchObject({ votes: 13, voting: 7 });
  });

  it('KL 5:55 — votes are counted against those present at that §, not at the meeting', () => {
    const m = lawfulMinutes();
    m.attendees[6]!.paragraphs = '8';
    item(m, 9).votes = [{ question: 'Bifall', yes: 4, no: 3, abstain: 0 }];
    expect(codesOf(m)).toContain('vote_exceeds_voting_members');
  });

  it('KL 5:66 — named votes must add up to the stated counts', () => {
    const m = lawfulMinutes();
    item(m, 9).votes = [{
      question: 'Bifall', yes: 4, no: 2, abstain: 0,
      roll: [
        { name: 'Maria Holm', vote: 'yes' }, { name: 'Per Åkesson', vote: 'no' }, { name: 'Karin Berg', vote: 'yes' },
        { name: 'Olof Strand', vote: 'yes' }, { name: 'Sara Lind', vote: 'no' }, { name: 'Johan Ek', vote: 'no' }, { name: 'Nils Falk', vote: 'abstain' },
      ],
    }];
    const found = checkMinutes(m, today).filter((f) => f.code === 'vote_roll_mismatch');
    expect(found.map((f) => f.values.side)).toEqual(['yes', 'no', 'abstain']);
  });

  it('KL 5:55, 6:33 — a named vote by someone who was not deciding, or twice, is an error', () => {
    const m = lawfulMinutes();
    item(m, 9).votes = [{ question: 'Bifall', roll: [{ name: 'Lena Skrivare', vote: 'yes' }, { name: 'Karin Berg', vote: 'no' }, { name: 'Karin Berg', vote: 'no' }] }];
    const found = checkMinutes(m, today);
    expect(found.find((f) => f.code === 'vote_by_non_voting_person')?.persons).toEqual(['Lena Skrivare']);
    expect(found.find((f) => f.code === 'voted_twice')?.persons).toEqual(['Karin Berg']);
  });

  it('KL 5:59, 6:33 — the casting vote is only for a tie', () => {
    const m = lawfulMinutes();
    item(m, 10).votes = [{ question: 'Bifall', yes: 4, no: 3, abstain: 0, result: 'Ordförandens utslagsröst avgör' }];
    expect(codesOf(m)).toContain('casting_vote_without_tie');
    item(m, 10).votes = [{ question: 'Bifall', yes: 3, no: 3, abstain: 1, result: 'Ordförandens utslagsröst avgör' }];
    expect(codesOf(m)).not.toContain('casting_vote_without_tie');
  });

  it('KL 4:27 — a reservation by someone absent at that § is an error', () => {
    const m = lawfulMinutes();
    m.attendees[3]!.paragraphs = '8-9';
    item(m, 10).reservations = [{ name: 'Olof Strand', party: 'S', reason: null }];
    const found = checkMinutes(m, today).find((f) => f.code === 'reservation_by_non_voting_person');
    expect(found?.paragraph).toBe(10);
    expect(describeFinding(found!, 'en')).toBe('§ 10: Olof Strand entered a reservation but did not take part in the decision.');
  });

  it('KL 4:27 — a reservation by someone unknown is an error; by a surname that one member has, it is theirs', () => {
    const m = lawfulMinutes();
    item(m, 10).reservations = [{ name: 'Gustav Okänd', party: null, reason: null }];
    expect(codesOf(m)).toContain('reservation_by_non_voting_person');
    item(m, 10).reservations = [{ name: 'Strand (S)', party: null, reason: null }, { name: 'Strand, Olof', party: 'S', reason: null }];
    expect(codesOf(m)).not.toContain('reservation_by_non_voting_person');
  });

  it('KL 4:27 — a group reservation (a party\'s members) is not checked person by person', () => {
    const m = lawfulMinutes();
    item(m, 10).reservations = [{ name: 'Vänsterpartiets ledamöter', party: 'V', reason: null }];
    expect(codesOf(m)).toEqual([]);
  });

  it('KL 6:28–30 — a disqualified member who votes is an error; jäv by someone unlisted is a warning', () => {
    const m = lawfulMinutes();
    item(m, 11).disqualified = ['Johan Ek', 'Okänd Person'];
    item(m, 11).votes = [{ question: 'Bifall', roll: [{ name: 'Johan Ek', vote: 'yes' }] }];
    const found = checkMinutes(m, today);
    expect(found.find((f) => f.code === 'disqualified_person_voted')?.persons).toEqual(['Johan Ek']);
    expect(found.find((f) => f.code === 'disqualified_person_unknown')).toMatchObject({ severity: 'warning', persons: ['Okänd Person'] });
  });
});

describe('legal checks: people', () => {
  it('KL 5:69, 6:35 — a justerare who was not present is an error', () => {
    const m = lawfulMinutes();
    m.adjustment.adjusters = ['Gunnar Frånvarande'];
    m.signatures[2]!.name = 'Gunnar Frånvarande';
    const found = checkMinutes(m, today).filter((f) => f.code === 'adjuster_not_present' || f.code === 'signer_not_present');
    expect(found.map((f) => [f.code, f.persons[0]])).toEqual([['adjuster_not_present', 'Gunnar Frånvarande']]);
  });

  it('KL 5:69, 6:35 — a chair who signs but was not present is an error', () => {
    const m = lawfulMinutes();
    m.signatures[1]!.name = 'Ingrid Annan';
    expect(checkMinutes(m, today).find((f) => f.code === 'signer_not_present')?.persons).toEqual(['Ingrid Annan']);
  });

  it('KL 5:66 — a signature by a shorter form of a listed name is the same person', () => {
    const m = lawfulMinutes();
    m.attendees[0]!.name = 'Maria Holm Ekström';
    expect(codesOf(m)).toEqual([]);
  });

  it('KL 5:45 — a deciding member listed twice is an error; listed as member and secretary a warning', () => {
    const m = lawfulMinutes();
    m.attendees.push({ ...m.attendees[2]! });
    expect(codesOf(m)).toContain('person_counted_twice');
    const n = lawfulMinutes();
    n.attendees.push({ ...n.attendees[2]!, role: 'secretary', voting: false });
    expect(checkMinutes(n, today).find((f) => f.code === 'person_listed_twice')?.severity).toBe('warning');
  });

  it('KL 5:17, 6:13 — a substitute serving for a member who is present is an error', () => {
    const m = lawfulMinutes();
    m.attendees.push({ name: 'Eva Ersätt', party: 'S', represents: null, role: 'substitute', voting: true, remote: false, paragraphs: null, servingFor: 'Olof Strand' });
    const found = checkMinutes(m, today).find((f) => f.code === 'substitute_serves_for_present_member');
    expect(found?.persons).toEqual(['Eva Ersätt']);
  });

  it('KL 5:17, 6:13 — a substitute serving after the member left is lawful', () => {
    const m = lawfulMinutes();
    m.attendees[3]!.paragraphs = '8-9';
    m.attendees.push({ name: 'Eva Ersätt', party: 'S', represents: null, role: 'substitute', voting: true, remote: false, paragraphs: '10-11', servingFor: 'Olof Strand' });
    expect(codesOf(m)).toEqual([]);
  });
});

describe('legal checks: § numbering', () => {
  it('KL 5:65 — a § number used twice is an error', () => {
    const m = lawfulMinutes();
    item(m, 10).number = 9;
    expect(codesOf(m)).toContain('paragraph_number_duplicate');
  });

  it('KL 5:65 — a gap is a warning (a § can be missing from the copy), a step back an error', () => {
    const m = lawfulMinutes();
    item(m, 10).number = 12;
    item(m, 11).number = 13;
    m.paragraphRange = { first: 8, last: 13 };
    expect(checkMinutes(m, today).find((f) => f.code === 'paragraph_number_gap')?.severity).toBe('warning');
    const n = lawfulMinutes();
    item(n, 11).number = 7;
    expect(codesOf(n)).toContain('paragraph_number_not_increasing');
  });

  it('KL 5:65 — numbers run on through the year: used before is an error, a break a warning', () => {
    expect(codesOf(lawfulMinutes(), { ...today, earlierNumbersInYear: [1, 2, 3, 4, 5, 6, 7, 8] })).toContain('paragraph_number_used_earlier_in_year');
    expect(codesOf(lawfulMinutes(), { ...today, earlierNumbersInYear: [1, 2, 3, 4, 5] })).toContain('paragraph_number_not_continuous');
    expect(codesOf(lawfulMinutes(), { ...today, earlierNumbersInYear: [1, 2, 3, 4, 5, 6, 7] })).toEqual([]);
  });

  it('KL 5:65 — a stated range that does not match the §§ is a warning', () => {
    const m = lawfulMinutes();
    m.paragraphRange = { first: 8, last: 12 };
    expect(checkMinutes(m, today).find((f) => f.code === 'paragraph_range_mismatch')?.severity).toBe('warning');
  });
});

describe('legal checks: reading the attendance list', () => {
  it.each([
    ['10-12', [10, 11, 12]],
    ['15–19, 21', [15, 16, 17, 18, 19, 21]],
    ['§ 18', [18]],
    ['18, 19, 26', [18, 19, 26]],
    ['22 och 24', [22, 24]],
  ])('reads "%s" as the §§ attended', (text, numbers) => {
    expect([...(paragraphsOf(text) ?? [])]).toEqual(numbers);
  });

  it('does not guess at a limitation it cannot read', () => {
    expect(paragraphsOf('del av mötet')).toBeNull();
    expect(paragraphsOf('12-9')).toBeNull();
  });

  it.each([
    ['Fredrik Ölmerud', 'Fredrik Kjellman Ölmerud', true],
    ['Lövgren, Erik', 'Erik Lövgren', true],
    ['Anna Andersson (S)', 'Anna Andersson', true],
    ['Anna Andersson', 'Bengt Andersson', false],
    ['Andersson', 'Anna Andersson', false],
  ])('"%s" and "%s" are the same person: %s', (a, b, same) => {
    expect(isSameName(a, b)).toBe(same);
  });
});

describe('legal checks: severity', () => {
  it('errors block, warnings do not', () => {
    const m = lawfulMinutes();
    m.paragraphRange = { first: 8, last: 12 };
    expect(hasErrors(checkMinutes(m, today))).toBe(false);
    m.meeting.date = '2026-01-01';
    expect(hasErrors(checkMinutes(m, today))).toBe(true);
  });
});
