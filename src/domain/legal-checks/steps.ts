/**
 * Which checks stop which step of the meeting cycle. Sending the kallelse is judged on the calendar only;
 * finalising, justering and posting the notice on everything the minutes say. An error refuses the step;
 * warnings let it go on once the secretary (or signer) has given a reason, which the audit trail keeps.
 */
import type { Minutes } from '../minutes.ts';
import type { CheckContext } from './context.ts';
import type { Finding, FindingCode } from './finding.ts';
import { checkMinutes } from './check-minutes.ts';

export const meetingSteps = ['kallelse', 'finalise', 'sign', 'notice'] as const;
/** Kallelse, färdigställande, justering (signing), anslag. */
export type MeetingStep = (typeof meetingSteps)[number];

const kallelseCodes: ReadonlySet<FindingCode> = new Set(['kallelse_late']);

/** The findings that matter for a step. */
export function checkStep(step: MeetingStep, minutes: Minutes, context: CheckContext): Finding[] {
  const findings = checkMinutes(minutes, context);
  if (step === 'kallelse') return findings.filter((f) => kallelseCodes.has(f.code));
  return findings;
}

/** What a step's findings ask of the person taking it. */
export type StepVerdict =
  | { outcome: 'proceed' }
  | { outcome: 'refused'; errors: Finding[]; warnings: Finding[] }
  | { outcome: 'reason_needed'; warnings: Finding[] };

/** Errors refuse; warnings need a reason (non-blank); nothing found, or a reason given, lets the step go on. */
export function verdictOf(findings: readonly Finding[], reason: string | null | undefined): StepVerdict {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (errors.length > 0) return { outcome: 'refused', errors, warnings };
  if (warnings.length > 0 && !reason?.trim()) return { outcome: 'reason_needed', warnings };
  return { outcome: 'proceed' };
}
