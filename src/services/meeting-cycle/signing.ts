/** Justering: the chair's and adjusters' signatures, refusal, and the adjusted protocol that follows. */
import { renderMinutesPdf } from '../../documents/index.ts';
import {
  isAdjusted,
  reject,
  sign,
  type MinutesApproval,
} from '../../domain/minutes-state.ts';
import { reportDelegatedDecisionsListedIn } from '../follow-up.service.ts';
import { sealAdjustedMinutes } from '../integrity.service.ts';
import { NotFoundError, RuleError } from '../../errors.ts';
import {
  appendAuditEvent,
  inTransaction,
  loadMinutes,
  storeFile,
  findMeetingById,
  type DatabaseHandle,
} from '../../storage/index.ts';
import {
  listSignatures,
  lockMeeting,
  replaceSignatures,
  updateMeeting,
  updateSignature,
  type NoticeRow,
} from '../../storage/meeting-cycle.store.ts';
import type { MeetingRow } from '../../storage/minutes.store.ts';
import type { Database } from '../../storage/database.ts';
import { type Actor, contextOf, isoInstant, requirePerson } from './common.ts';
import { enforceLegalChecks } from './legal-gate.ts';
import { postNoticeInside } from './notice.ts';


export interface SignatureProvider {
  readonly name: string;
  /** Confirms that `actor` is who they say, for the document with this hash; throws ForbiddenError otherwise. */
  verify(input: { actor: Actor; documentSha256: string }): Promise<{ reference: string | null }>;
}

/** The built-in provider: the signer is the authenticated user of this system. */
export const builtInSignatureProvider: SignatureProvider = {
  name: 'built-in',
  async verify({ actor }) {
    if (!actor.personId) throw new RuleError('not_a_signer', 'the signed-in user is not a person in the registers');
    return { reference: actor.userId ?? null };
  },
};

/**
 * The chair or an adjuster approves the finalised minutes. The signature records who, when, and the
 * SHA-256 of the document signed (which must be the finalised one). When the last one signs, the minutes
 * are adjusted: immutable from then on, and for bodies under kommunallagen the notice is posted on the
 * digital notice board the same day with its legal dates.
 */
export async function signMinutes(
  handle: DatabaseHandle,
  meetingId: string,
  input: { at: Date; documentSha256?: string; provider?: SignatureProvider; legalReason?: string | null },
  actor: Actor,
): Promise<{ adjusted: boolean; adjustedOn: string | null; notice: NoticeRow | null }> {
  const by = requirePerson(actor);
  const provider = input.provider ?? builtInSignatureProvider;
  return inTransaction(handle.db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    const approval = meeting.approval as MinutesApproval | null;
    if (!approval || !meeting.minutesSha256) throw new RuleError('minutes_not_finalised', 'the minutes must be finalised by the secretary before they are signed');
    if (input.documentSha256 && input.documentSha256 !== meeting.minutesSha256) {
      throw new RuleError('document_changed', 'the document you read is not the one awaiting signature; read it again', { expected: meeting.minutesSha256 });
    }
    const next = sign(approval, { by, at: isoInstant(input.at) });
    const legal = await enforceLegalChecks(tx, { step: 'sign', meeting, at: input.at, signerId: by, legalReason: input.legalReason });
    const { reference } = await provider.verify({ actor, documentSha256: meeting.minutesSha256 });
    const line = (await listSignatures(tx, meetingId)).find((s) => s.personId === by && s.status === 'pending');
    if (line) await updateSignature(tx, line.id, { status: 'signed', signedAt: input.at, documentSha256: meeting.minutesSha256, provider: provider.name });
    await appendAuditEvent(tx, { kind: 'minutes.signed', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? by, data: { sha256: meeting.minutesSha256, provider: provider.name, reference, ...legal } });

    let notice: NoticeRow | null = null;
    if (isAdjusted(next)) {
      notice = await completeAdjustment(tx, handle, { meeting, approval: next, at: input.at, actor });
    } else {
      await updateMeeting(tx, meetingId, { approval: next as unknown as Record<string, unknown> });
    }
    return { adjusted: isAdjusted(next), adjustedOn: next.adjustedOn, notice };
  });
}

/**
 * The minutes are adjusted: immutable from now on. Records the justering date, posts the notice where the
 * rule profile has one, and stores the signed document: the finalised protocol with a page recording
 * every signature and the hash that was signed.
 */
export async function completeAdjustment(
  tx: Database,
  handle: DatabaseHandle,
  input: { meeting: MeetingRow; approval: MinutesApproval; at: Date; actor: Actor },
): Promise<NoticeRow | null> {
  const { meeting, approval, at, actor } = input;
  await updateMeeting(tx, meeting.id, { approval: approval as unknown as Record<string, unknown>, status: 'adjusted', adjustedOn: approval.adjustedOn });
  const notice = await postNoticeInside(tx, { ...meeting, adjustedOn: approval.adjustedOn }, { postedOn: approval.adjustedOn! }, actor);
  await reportDelegatedDecisionsListedIn(tx, meeting, actor);
  const minutes = await loadMinutes(tx, meeting.id);
  const signatureRows = await listSignatures(tx, meeting.id);
  const finalised = await findMeetingById(tx, meeting.id);
  const pdf = await renderMinutesPdf(minutes, {
    createdAt: at,
    signatureRecord: {
      documentSha256: finalised?.minutesSha256 ?? '',
      signatures: minutes.signatures.map((s, index) => ({ ...s, provider: signatureRows[index]?.provider ?? null })),
    },
  });
  const { body } = await contextOf(tx, meeting);
  const signedFile = await storeFile(tx, handle.filesDir, { bytes: pdf, contentType: 'application/pdf', originalName: `protokoll-${body.name}-${meeting.heldOn}-justerat.pdf` });
  await updateMeeting(tx, meeting.id, { signedFileId: signedFile.id });
  await appendAuditEvent(tx, { kind: 'minutes.adjusted', entityType: 'meeting', entityId: meeting.id, actor: actor.userId ?? actor.personId, data: { adjustedOn: approval.adjustedOn, signedSha256: signedFile.sha256 } });
  await sealAdjustedMinutes(tx, { meetingId: meeting.id, fileId: signedFile.id, at, actor: actor.userId ?? actor.personId });
  return notice;
}

/** The chair or an adjuster refuses to approve, with a reason: the minutes go back to draft and all signatures lapse. */
export async function rejectMinutes(db: Database, meetingId: string, input: { at: Date; reason: string }, actor: Actor): Promise<void> {
  const by = requirePerson(actor);
  await inTransaction(db, async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    const approval = meeting.approval as MinutesApproval | null;
    if (!approval) throw new RuleError('minutes_not_finalised', 'only finalised minutes can be rejected');
    const next = reject(approval, { by, at: isoInstant(input.at), reason: input.reason });
    await replaceSignatures(tx, meetingId, []);
    await updateMeeting(tx, meetingId, { approval: next as unknown as Record<string, unknown>, status: 'held', minutesFileId: null, minutesSha256: null });
    await appendAuditEvent(tx, { kind: 'minutes.rejected', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? by, data: { reason: input.reason, version: approval.version } });
  });
}

