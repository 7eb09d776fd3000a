/** The notice (anslag) of adjusted minutes and certified extracts (protokollsutdrag). */
import { renderExtractPdf } from '../../documents/index.ts';
import { noticeDates } from '../../domain/legal-dates.ts';
import { type MinutesApproval } from '../../domain/minutes-state.ts';
import { requireSecretaryOf } from '../access.ts';
import {
  InputError,
  NotFoundError,
  RuleError,
  type Problem,
} from '../../errors.ts';
import {
  appendAuditEvent,
  inTransaction,
  loadMinutes,
  storeFile,
  type DatabaseHandle,
} from '../../storage/index.ts';
import {
  insertExtract,
  lockMeeting,
  upsertNotice,
  type NoticeRow,
} from '../../storage/meeting-cycle.store.ts';
import type { MeetingRow } from '../../storage/minutes.store.ts';
import type { Database } from '../../storage/database.ts';
import { type Actor, checkDate, contextOf } from './common.ts';
import { enforceLegalChecks, type LegalCheckRecord } from './legal-gate.ts';
import { enforcePersonalDataGate, logOriginalViewIfMasked, publicExtractOf } from '../privacy.service.ts';


// ————— anslag and extracts —————

/**
 * Posts (or re-dates) the notice of adjusted minutes, with the dates the law requires, after the legal
 * checks (legal-gate.ts) judged the minutes as of `at` (by default the posting day).
 */
export async function postNotice(db: Database, meetingId: string, input: { postedOn: string; at?: Date; legalReason?: string | null }, actor?: Actor): Promise<NoticeRow> {
  return inTransaction(db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId });
    if (meeting.status !== 'adjusted' && meeting.status !== 'archived') throw new RuleError('minutes_not_adjusted', 'a notice is posted only for adjusted minutes');
    await enforcePersonalDataGate(tx, meeting.id, 'notice');
    const legalCheck = await enforceLegalChecks(tx, { step: 'notice', meeting, at: input.at ?? new Date(`${input.postedOn}T12:00:00Z`), postedOn: input.postedOn, legalReason: input.legalReason });
    const notice = await postNoticeInside(tx, meeting, { postedOn: input.postedOn, legalCheck }, actor);
    if (!notice) throw new RuleError('no_notice_required', 'this body keeps no public notice (its rule profile has no appeal clock)');
    return notice;
  });
}

/**
 * Posts the notice inside a use case's transaction. Justering calls it without the legal checks: the
 * notice goes up on the justering day itself, which no clock can fault, and the signature that adjusted
 * the minutes has just been judged on everything else.
 */
export async function postNoticeInside(tx: Database, meeting: MeetingRow, input: { postedOn: string; legalCheck?: LegalCheckRecord }, actor?: Actor): Promise<NoticeRow | null> {
  const { organization, rules } = await contextOf(tx, meeting);
  const dates = noticeDates({ adjustedOn: meeting.adjustedOn ?? input.postedOn, postedOn: input.postedOn, profile: rules });
  if (!dates) return null;
  const row = await upsertNotice(tx, meeting.id, {
    latestPostingOn: dates.latestPostingOn,
    postedOn: dates.postedOn,
    postedUntilOn: dates.postedUntilOn,
    lastAppealOn: dates.lastAppealOn,
    takeDownOn: dates.takeDownOn,
    storage: organization?.minutesStorage ?? organization?.name ?? null,
  });
  await appendAuditEvent(tx, { kind: 'notice.posted', entityType: 'meeting', entityId: meeting.id, actor: actor?.userId ?? null, data: { ...dates, ...input.legalCheck } });
  return row;
}

/**
 * Who an extract goes to (issue 17, docs/personal-data.md): `public` is anyone outside the organisation's
 * signed-in readers (a party, the press, anyone who asks, an outside authority), and gets the masked view;
 * `internal` is a signed-in reader inside the organisation, and gets the original, logged when the meeting
 * has maskings or withheld parts. An extract that does not say is for the public: fail closed.
 */
export type ExtractRecipient = 'public' | 'internal';

const PUBLIC_EXTRACT_LEAD =
  'Utdrag för allmänheten. Personuppgifter och uppgifter som omfattas av sekretess är maskerade; skälen anges nedan (OSL 6:3). Originalet förvaras oförändrat.';

/** Protokollsutdrag: a certified extract of chosen §§ of adjusted minutes (or §§ adjusted at the meeting). */
export async function createExtract(
  handle: DatabaseHandle,
  meetingId: string,
  input: { paragraphs: number[]; certifiedBy: string; certifiedOn: string; recipient?: ExtractRecipient | null },
  actor?: Actor,
): Promise<{ extractId: string; pdf: Buffer; sha256: string; recipient: ExtractRecipient; reasons: string[] }> {
  const problems: Problem[] = [];
  checkDate(input.certifiedOn, 'certifiedOn', problems);
  if (!input.certifiedBy?.trim()) problems.push({ path: 'certifiedBy', code: 'missing_value', message: 'name the person who certifies the extract' });
  if (!input.paragraphs?.length) problems.push({ path: 'paragraphs', code: 'missing_value', message: 'choose at least one §' });
  const recipient = input.recipient ?? 'public';
  if (recipient !== 'public' && recipient !== 'internal') problems.push({ path: 'recipient', code: 'invalid_recipient', message: 'say who the extract goes to: "public" (masked) or "internal" (the original)' });
  if (problems.length) throw new InputError(problems);
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId });
    const approval = meeting.approval as MinutesApproval | null;
    const adjusted = meeting.status === 'adjusted' || meeting.status === 'archived';
    const immediately = new Set((approval?.immediateAdjustments ?? []).map((a) => a.paragraph));
    const notAdjusted = input.paragraphs.filter((n) => !adjusted && !immediately.has(n));
    if (notAdjusted.length) throw new RuleError('minutes_not_adjusted', `§ ${notAdjusted.join(', ')} is not adjusted yet, so no extract can be certified`);
    const original = await loadMinutes(tx, meetingId);
    const options = { paragraphs: input.paragraphs, certifiedBy: input.certifiedBy.trim(), certifiedOn: input.certifiedOn, createdAt: `${input.certifiedOn}T12:00:00Z` };
    let pdf: Buffer;
    let reasons: string[] = [];
    if (recipient === 'public') {
      // Never drawn from the original: the masked view of the chosen §§, refused while one holds an unhandled personnummer.
      const view = await publicExtractOf(tx, meetingId, original, input.paragraphs);
      reasons = view.reasons;
      pdf = await renderExtractPdf(view.minutes, {
        ...options,
        ...(view.masked ? { publicVersion: { heading: 'Maskerat utdrag', lead: PUBLIC_EXTRACT_LEAD, reasons: view.reasons.map((r) => `Maskerat enligt ${r}`) } } : {}),
      });
    } else {
      pdf = await renderExtractPdf(original, options);
      await logOriginalViewIfMasked(tx, meetingId, { actor: actor?.userId ?? actor?.personId ?? null, via: 'extract' });
    }
    const file = await storeFile(tx, handle.filesDir, { bytes: pdf, contentType: 'application/pdf', originalName: `protokollsutdrag-${meeting.heldOn}-${input.paragraphs.join('-')}.pdf` });
    const row = await insertExtract(tx, { meetingId, paragraphNumbers: [...input.paragraphs].sort((a, b) => a - b), certifiedBy: input.certifiedBy.trim(), certifiedOn: input.certifiedOn, fileId: file.id });
    await appendAuditEvent(tx, { kind: 'extract.certified', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { paragraphs: input.paragraphs, sha256: file.sha256, recipient, reasons } });
    return { extractId: row.id, pdf, sha256: file.sha256, recipient, reasons };
  });
}

