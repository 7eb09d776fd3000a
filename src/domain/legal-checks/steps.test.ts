import { describe, expect, it } from 'vitest';
import type { Minutes } from '../minutes.ts';
import { checkStep, verdictOf } from './index.ts';

function draft(): Minutes {
  return {
    kind: 'protocol',
    organization: 'Vattenförbundet Östra dalen',
    body: 'Styrelsen',
    meeting: { date: '2025-05-14', start: '09:00', end: null, location: 'Förbundshuset', remote: false },
    paragraphRange: null,
    adjustment: { adjusters: ['Ebba Kvist'], date: null, place: null },
    signatures: [],
    notice: null,
    attendees: ['Gun Ros', 'Ebba Kvist', 'Ali Nur'].map((name, i) => ({
      name, party: null, represents: null, role: i === 0 ? ('chair' as const) : ('member' as const), voting: true, remote: false, paragraphs: null,
    })),
    items: [{ number: 1, title: 'Budget', caseNumber: null, decisions: ['Styrelsen fastställer budgeten.'], votes: [{ question: 'Bifall', yes: 5, no: 0, abstain: 0 }] }],
  };
}

describe('legal checks per step of the meeting cycle', () => {
  it('KL 5:53 and the reglemente — sending the kallelse is judged on the calendar only', () => {
    const findings = checkStep('kallelse', draft(), { today: '2025-05-12', kallelse: { sentOn: '2025-05-12', required: true } });
    expect(findings.map((f) => f.code)).toEqual(['kallelse_late']);
  });

  it('KL 5:65 — finalising judges everything: a future meeting and a vote of 5 among 3 are refused', () => {
    const findings = checkStep('finalise', draft(), { today: '2025-05-13' });
    expect(findings.map((f) => f.code)).toEqual(['meeting_in_future', 'vote_exceeds_voting_members']);
    expect(verdictOf(findings, 'brådskande')).toMatchObject({ outcome: 'refused' });
  });

  it('a warning needs a reason; with one the step goes on', () => {
    const minutes = draft();
    minutes.items[0]!.votes = [];
    const findings = checkStep('finalise', minutes, { today: '2025-05-20', kallelse: { sentOn: '2025-05-12', required: true } });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['kallelse_late', 'warning']]);
    expect(verdictOf(findings, null)).toMatchObject({ outcome: 'reason_needed' });
    expect(verdictOf(findings, '   ')).toMatchObject({ outcome: 'reason_needed' });
    expect(verdictOf(findings, 'Extra sammanträde med kort varsel enligt reglementet § 8.')).toEqual({ outcome: 'proceed' });
  });

  it('KL 5:53 — minutes of a meeting that had no kallelse cannot be finalised', () => {
    const minutes = draft();
    minutes.items[0]!.votes = [];
    const findings = checkStep('finalise', minutes, { today: '2025-05-20', kallelse: { sentOn: null, required: true } });
    expect(verdictOf(findings, 'x')).toMatchObject({ outcome: 'refused', errors: [expect.objectContaining({ code: 'kallelse_missing' })] });
  });
});
