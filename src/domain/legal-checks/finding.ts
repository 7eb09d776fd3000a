/**
 * Anmärkning: what a legal check finds in a meeting's minutes. Each finding has a stable code, a severity
 * (an error blocks the step; a warning lets it go on once a reason is recorded), the § and the people it
 * concerns, and the provision it rests on. Its sentence in Swedish and English is built by `describeFinding`.
 */

export type FindingSeverity = 'error' | 'warning';

/** Every code a legal check can report, with its severity and the provision it applies. */
export const findingRules = {
  // Dates and clocks
  meeting_in_future: { severity: 'error', reference: 'KL 5:65, 5:69' },
  signed_before_meeting: { severity: 'error', reference: 'KL 5:69' },
  adjustment_late: { severity: 'warning', reference: 'KL 5:69' },
  notice_before_adjustment: { severity: 'error', reference: 'KL 8:12' },
  notice_late: { severity: 'warning', reference: 'KL 8:12' },
  notice_taken_down_early: { severity: 'error', reference: 'KL 8:12, 13:5' },
  kallelse_missing: { severity: 'error', reference: 'KL 5:53, 6:22' },
  kallelse_late: { severity: 'warning', reference: 'KL 5:53, 6:22' },
  // Beslutförhet
  quorum_not_met: { severity: 'error', reference: 'KL 5:45, 6:27' },
  // Omröstning, reservation, jäv
  vote_exceeds_voting_members: { severity: 'error', reference: 'KL 5:55, 6:33' },
  vote_roll_mismatch: { severity: 'error', reference: 'KL 5:66' },
  vote_by_non_voting_person: { severity: 'error', reference: 'KL 5:55, 6:33' },
  voted_twice: { severity: 'error', reference: 'KL 5:55, 6:33' },
  casting_vote_without_tie: { severity: 'error', reference: 'KL 5:59, 6:33' },
  reservation_by_non_voting_person: { severity: 'error', reference: 'KL 4:27' },
  disqualified_person_voted: { severity: 'error', reference: 'KL 6:28–30' },
  disqualified_person_unknown: { severity: 'warning', reference: 'KL 5:66' },
  // People
  adjuster_not_present: { severity: 'error', reference: 'KL 5:69, 6:35' },
  signer_not_present: { severity: 'error', reference: 'KL 5:69, 6:35' },
  person_listed_twice: { severity: 'warning', reference: 'KL 5:66' },
  person_counted_twice: { severity: 'error', reference: 'KL 5:45, 6:27' },
  substitute_serves_for_present_member: { severity: 'error', reference: 'KL 5:17, 6:13' },
  // § numbering
  paragraph_number_missing: { severity: 'warning', reference: 'KL 5:65' },
  paragraph_number_duplicate: { severity: 'error', reference: 'KL 5:65' },
  paragraph_number_not_increasing: { severity: 'error', reference: 'KL 5:65' },
  paragraph_number_gap: { severity: 'warning', reference: 'KL 5:65' },
  paragraph_number_not_continuous: { severity: 'warning', reference: 'KL 5:65' },
  paragraph_number_used_earlier_in_year: { severity: 'error', reference: 'KL 5:65' },
  paragraph_range_mismatch: { severity: 'warning', reference: 'KL 5:65' },
} as const satisfies Record<string, { severity: FindingSeverity; reference: string }>;

export type FindingCode = keyof typeof findingRules;

/** One finding of the legal checks. */
export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** The § it concerns, or null for the meeting as a whole. */
  paragraph: number | null;
  /** The people it concerns, as the minutes name them. */
  persons: string[];
  /** The provision: kommunallagen (KL) chapter:section, or the rule profile. */
  reference: string;
  /** The figures and dates the sentence needs. */
  values: Record<string, string | number>;
}

export function finding(
  code: FindingCode,
  options: { paragraph?: number | null; persons?: string[]; values?: Record<string, string | number> } = {},
): Finding {
  const rule = findingRules[code];
  return {
    code,
    severity: rule.severity,
    paragraph: options.paragraph ?? null,
    persons: options.persons ?? [],
    reference: rule.reference,
    values: options.values ?? {},
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
