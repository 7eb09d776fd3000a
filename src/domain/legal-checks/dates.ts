/**
 * The clocks of a meeting's minutes (DOMAIN.md, "The clocks"): nothing before the meeting, justering within
 * 14 days (KL 5:69), the notice no later than the second day after justering and not before it (KL 8:12),
 * on the board until the appeal time has run out (KL 13:5), and the kallelse in time (KL 5:53, the reglemente).
 */
import { addDays, adjustmentDeadline, isIsoDate, noticeDates, NOTICE_POSTING_DAYS, swedishDateOf } from '../legal-dates.ts';
import type { Minutes } from '../minutes.ts';
import type { RuleProfile } from '../rule-profile.ts';
import { finding, type Finding } from './finding.ts';
import type { CheckContext } from './context.ts';

/** Justeringsdag: the stated date, or the day of the last signature (DOMAIN.md, "Justering and signatures"). */
export function adjustedOnOf(minutes: Minutes): string | null {
  if (minutes.adjustment.date) return minutes.adjustment.date;
  const days = minutes.signatures.flatMap((s) => (s.signedAt ? [signedOnOf(s.signedAt)] : [])).filter((d): d is string => d !== null);
  return days.length > 0 ? days.sort().at(-1) ?? null : null;
}

function signedOnOf(signedAt: string): string | null {
  if (isIsoDate(signedAt)) return signedAt;
  const instant = new Date(signedAt);
  return Number.isNaN(instant.getTime()) ? null : swedishDateOf(instant.toISOString());
}

export function checkDates(minutes: Minutes, profile: RuleProfile, context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const meetingOn = minutes.meeting.date;
  if (!meetingOn) return findings;

  // KL 5:65: the protocol records a meeting that has been held; nothing of it can come first.
  if (context.today) {
    const startsLater = context.today === meetingOn && context.time && minutes.meeting.start && context.time < minutes.meeting.start;
    if (meetingOn > context.today || startsLater) findings.push(finding('meeting_in_future', { values: { meetingOn } }));
  }

  for (const signature of minutes.signatures) {
    const signedOn = signature.signedAt ? signedOnOf(signature.signedAt) : null;
    if (signedOn && signedOn < meetingOn) {
      findings.push(finding('signed_before_meeting', { persons: signature.name ? [signature.name] : [], values: { signedOn, meetingOn } }));
    }
  }

  const adjustedOn = adjustedOnOf(minutes);
  if (adjustedOn && adjustedOn < meetingOn && !findings.some((f) => f.code === 'signed_before_meeting')) {
    findings.push(finding('signed_before_meeting', { values: { signedOn: adjustedOn, meetingOn } }));
  }
  if (adjustedOn && profile.clocks.adjustment && adjustedOn > adjustmentDeadline(meetingOn)) {
    findings.push(finding('adjustment_late', { values: { adjustedOn, deadline: adjustmentDeadline(meetingOn) } }));
  }

  const postedOn = minutes.notice?.postedFrom ?? null;
  if (postedOn && profile.clocks.notice) {
    if (adjustedOn && postedOn < adjustedOn) {
      findings.push(finding('notice_before_adjustment', { values: { postedOn, adjustedOn } }));
    } else if (adjustedOn && postedOn > addDays(adjustedOn, NOTICE_POSTING_DAYS)) {
      findings.push(finding('notice_late', { values: { postedOn, latestOn: addDays(adjustedOn, NOTICE_POSTING_DAYS) } }));
    }
    const postedUntil = minutes.notice?.postedUntil ?? null;
    const dates = profile.clocks.appeal ? noticeDates({ postedOn }) : null;
    if (dates && postedUntil && postedUntil < dates.lastAppealOn) {
      findings.push(finding('notice_taken_down_early', { values: { postedUntil, lastAppealOn: dates.lastAppealOn } }));
    }
  }

  if (context.kallelse && profile.meetingNoticeDays !== null) {
    const sentOn = context.kallelse.sentOn;
    if (sentOn === null) {
      if (context.kallelse.required) findings.push(finding('kallelse_missing'));
    } else {
      const latestOn = addDays(meetingOn, -profile.meetingNoticeDays);
      if (sentOn > latestOn) findings.push(finding('kallelse_late', { values: { sentOn, latestOn, days: profile.meetingNoticeDays } }));
    }
  }
  return findings;
}
