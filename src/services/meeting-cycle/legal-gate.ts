/**
 * Laglighetskontroll at each step of the meeting cycle: before the kallelse is sent, the minutes are
 * finalised, a signer signs (justering) and the notice is posted, the legal checks of
 * `domain/legal-checks` run on the minutes as the step would leave them, with what the database knows
 * besides (the body's rule profile and seats, the kallelse, the year's earlier §§). An error refuses the
 * step; warnings let it go on once a reason is given, which the step's audit event keeps. A warning
 * answered once is not asked again for the same version of the minutes (until a signer rejects them).
 */
import {
  checkStep,
  describeFinding,
  verdictOf,
  type CheckContext,
  type Finding,
  type MeetingStep,
} from '../../domain/legal-checks/index.ts';
import { swedishDateOf, todayInSweden } from '../../domain/legal-dates.ts';
import type { Minutes } from '../../domain/minutes.ts';
import { LegalCheckError, NotFoundError, type ReportedFinding } from '../../errors.ts';
import { listAuditEventsOfMeeting } from '../../storage/archive.store.ts';
import type { Database } from '../../storage/database.ts';
import { findMeetingById, formatStockholmInstant, loadMinutes } from '../../storage/index.ts';
import { listInvitations, listParagraphNumbersBefore, listSignatures, mandatesInForce } from '../../storage/meeting-cycle.store.ts';
import type { MeetingRow } from '../../storage/minutes.store.ts';
import { contextOf } from './common.ts';

/** What a step's audit event keeps of the legal checks: the reason and the warnings it answered; empty when none. */
export type LegalCheckRecord = { legalReason: string; legalWarnings: { code: string; paragraph: number | null; persons: string[] }[] } | Record<string, never>;

export interface LegalGateInput {
  step: MeetingStep;
  meeting: MeetingRow;
  /** When the step is taken: today and the time in Sweden are read from it. */
  at: Date;
  /** The reason to go on despite the warnings (the use case's `legalReason`). */
  legalReason?: string | null;
  /** Sign: the person whose signature is being made, dated `at`. */
  signerId?: string;
  /** Notice: the day the notice goes up. */
  postedOn?: string;
}

/**
 * Runs the step's legal checks inside the use case's transaction. Throws LegalCheckError
 * (`legal_check_failed` with the errors and warnings, `legal_reason_required` with the warnings);
 * otherwise returns what the step's audit event records.
 */
export async function enforceLegalChecks(tx: Database, input: LegalGateInput): Promise<LegalCheckRecord> {
  const { step, meeting } = input;
  const minutes = prospectiveMinutes(await loadMinutes(tx, meeting.id), input, await listSignatures(tx, meeting.id));
  const findings = checkStep(step, minutes, await checkContextOf(tx, meeting, { step, at: input.at }));
  const answered = await answeredWarnings(tx, meeting.id);
  const open = findings.filter((f) => f.severity === 'error' || !answered.has(keyOf(f)));
  const verdict = verdictOf(open, input.legalReason);
  if (verdict.outcome === 'refused') throw new LegalCheckError('legal_check_failed', { step, findings: [...verdict.errors, ...verdict.warnings].map(reportFinding) });
  if (verdict.outcome === 'reason_needed') throw new LegalCheckError('legal_reason_required', { step, findings: verdict.warnings.map(reportFinding) });
  const warnings = open.filter((f) => f.severity === 'warning');
  if (warnings.length === 0) return {};
  return { legalReason: input.legalReason!.trim(), legalWarnings: warnings.map((f) => ({ code: f.code, paragraph: f.paragraph, persons: f.persons })) };
}

export interface CurrentLegalFindings {
  /** The step the findings are judged for; null when the meeting has none left (archived, cancelled). */
  step: MeetingStep | null;
  /** Each with the reason it was answered with, for a warning already answered. */
  findings: (ReportedFinding & { answeredWith: string | null })[];
}

/** The findings the secretary sees on the meeting page: those of the meeting's next step, judged now. */
export async function currentLegalFindings(db: Database, meetingId: string, input: { at: Date }): Promise<CurrentLegalFindings> {
  const meeting = await findMeetingById(db, meetingId);
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  const step = nextStepOf(meeting);
  if (!step) return { step, findings: [] };
  const minutes = await loadMinutes(db, meeting.id);
  const context = await checkContextOf(db, meeting, { step, at: input.at });
  // Before the meeting its not having been held is the plan, not a finding; finalising says so in time.
  const findings = checkStep(step, minutes, context).filter((f) => !(f.code === 'meeting_in_future' && (meeting.status === 'planned' || meeting.status === 'convened')));
  const answered = await answeredWarnings(db, meeting.id);
  return { step, findings: findings.map((f) => ({ ...reportFinding(f), answeredWith: f.severity === 'warning' ? (answered.get(keyOf(f)) ?? null) : null })) };
}

function nextStepOf(meeting: MeetingRow): MeetingStep | null {
  switch (meeting.status) {
    case 'planned':
      return meeting.convenedAt ? 'finalise' : 'kallelse';
    case 'convened':
    case 'held':
      return 'finalise';
    case 'finalised':
      return 'sign';
    case 'adjusted':
      return 'notice';
    default:
      return null;
  }
}

/** The finding as the API and the web report it, with its sentence in both languages. */
export function reportFinding(f: Finding): ReportedFinding {
  return { code: f.code, severity: f.severity, paragraph: f.paragraph, persons: f.persons, reference: f.reference, messages: { sv: describeFinding(f, 'sv'), en: describeFinding(f, 'en') } };
}

/** The minutes as the step would leave them: with the signer's signature, or with the notice posted. */
function prospectiveMinutes(minutes: Minutes, input: LegalGateInput, signatureRows: { personId: string | null; status: string }[]): Minutes {
  if (input.step === 'sign' && input.signerId) {
    const index = signatureRows.findIndex((s) => s.personId === input.signerId && s.status === 'pending');
    const signedAt = formatStockholmInstant(input.at);
    return { ...minutes, signatures: minutes.signatures.map((s, i) => (i === index ? { ...s, signedAt } : s)) };
  }
  if (input.step === 'notice' && input.postedOn) {
    return { ...minutes, notice: { postedFrom: input.postedOn, postedUntil: null, storage: minutes.notice?.storage ?? null } };
  }
  return minutes;
}

/** What the checks know besides the minutes, read from the database and the step's instant. */
async function checkContextOf(db: Database, meeting: MeetingRow, input: { step: MeetingStep; at: Date }): Promise<CheckContext> {
  const { body, rules } = await contextOf(db, meeting);
  const today = todayInSweden(input.at);
  const ordinarySeats = meeting.heldOn ? (await mandatesInForce(db, body.id, meeting.heldOn)).filter((m) => m.role !== 'substitute').length : 0;
  // The first kallelse counts: sending it again with a changed agenda does not make it late.
  const sentAt = (await listInvitations(db, meeting.id)).map((i) => i.sentAt).sort((a, b) => a.getTime() - b.getTime())[0] ?? meeting.convenedAt;
  const sentOn = sentAt ? swedishDateOf(sentAt.toISOString()) : input.step === 'kallelse' ? today : null;
  return {
    today,
    time: formatStockholmInstant(input.at).slice(11, 16),
    profile: rules,
    seats: body.seats ?? (ordinarySeats > 0 ? ordinarySeats : null),
    // As quorumFor reads it: remote participants count only where the body's rules allow it (KL 5:16, 6:24).
    remoteParticipationAllowed: (body.rules as { remoteParticipation?: boolean } | null)?.remoteParticipation ?? false,
    // A missing kallelse is judged when the minutes are finalised. At justering and anslag the minutes were
    // already finalised (and judged); minutes finalised before the checks existed must not be stuck there.
    kallelse: { sentOn, required: input.step === 'finalise' },
    earlierNumbersInYear: await listParagraphNumbersBefore(db, meeting),
  };
}

function keyOf(f: { code: string; paragraph: number | null; persons?: string[] }): string {
  return `${f.code}|${f.paragraph ?? ''}|${(f.persons ?? []).join(';')}`;
}

/**
 * The warnings already answered with a reason for the current version of the minutes, with that reason.
 * A rejection sends the minutes back to draft, so what was answered before it is asked again.
 */
async function answeredWarnings(db: Database, meetingId: string): Promise<Map<string, string>> {
  const answered = new Map<string, string>();
  for (const event of await listAuditEventsOfMeeting(db, meetingId)) {
    if (event.kind === 'minutes.rejected') answered.clear();
    const data = (event.data ?? {}) as { legalReason?: string; legalWarnings?: { code: string; paragraph: number | null; persons?: string[] }[] };
    for (const w of data.legalWarnings ?? []) answered.set(keyOf(w), data.legalReason ?? '');
  }
  return answered;
}
