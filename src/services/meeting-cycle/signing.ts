/** Justering: the chair's and adjusters' signatures, refusal, and the adjusted protocol that follows. */
import {
  isAdjusted,
  reject,
  sign,
  type MinutesApproval,
} from '../../domain/minutes-state.ts';
import { proposeFollowUpFromMeeting, reportDelegatedDecisionsListedIn } from '../follow-up.service.ts';
import { reportBacksListedIn } from '../follow-up/report-back.ts';
import { sealAdjustedMinutes } from '../integrity.service.ts';
import { NotFoundError, RuleError } from '../../errors.ts';
import {
  appendAuditEvent,
  inTransaction,
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
import { appendPersonSignature, sealProtocol, signingConfigurationOf, type SignerAuthentication } from './pades.ts';
import { requireFreshSignIn } from './step-up.ts';

/** How a signature was vouched for; BankID, Freja and eIDAS providers implement the same interface (docs/operations.md). */
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
 * The chair or an adjuster approves the finalised minutes. A signed-in signer must have signed in within
 * the last few minutes (step-up, SIGN_STEP_UP_MINUTES); the system itself (demo, import) signs without.
 * The approval appends a PAdES signature to the protocol PDF, stored as a new version; the signature row
 * records who, when, the SHA-256 of the finalised document read (which must be the current one), the
 * file after the signature and the sign-in it rests on. When the last one signs, the minutes are
 * adjusted: immutable from then on, and for bodies under kommunallagen the notice is posted on the
 * digital notice board the same day with its legal dates.
 */
export async function signMinutes(
  handle: DatabaseHandle,
  meetingId: string,
  input: { at: Date; documentSha256?: string; provider?: SignatureProvider; legalReason?: string | null },
  actor: Actor,
): Promise<{ adjusted: boolean; adjustedOn: string | null; notice: NoticeRow | null; fileSha256: string | null }> {
  const by = requirePerson(actor);
  const provider = input.provider ?? builtInSignatureProvider;
  const authentication = authenticationOf(handle, actor, input.at);
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
    const signatureRows = await listSignatures(tx, meetingId);
    const line = signatureRows.find((s) => s.personId === by && s.status === 'pending');
    let fileSha256: string | null = null;
    if (line) {
      const { organization } = await contextOf(tx, meeting);
      const file = await appendPersonSignature(tx, handle, {
        meeting,
        organisation: { id: organization?.id ?? null, name: organization?.name ?? 'Protokoll' },
        location: meeting.location ?? organization?.name ?? '',
        signatureRows,
        signer: { role: line.role as 'chair' | 'adjuster', name: line.name ?? actor.name ?? '' },
        provider: provider.name,
        authentication,
        at: input.at,
      });
      fileSha256 = file.sha256;
      await updateSignature(tx, line.id, {
        status: 'signed', signedAt: input.at, documentSha256: meeting.minutesSha256, provider: provider.name, fileId: file.id, fileSha256: file.sha256,
        ...authenticationColumns(authentication),
      });
    }
    await appendAuditEvent(tx, {
      kind: 'minutes.signed', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? by,
      data: { sha256: meeting.minutesSha256, fileSha256, provider: provider.name, reference, authentication: authenticationRecord(authentication), ...legal },
    });

    let notice: NoticeRow | null = null;
    if (isAdjusted(next)) {
      notice = await completeAdjustment(tx, handle, { meeting, approval: next, at: input.at, actor });
    } else {
      await updateMeeting(tx, meetingId, { approval: next as unknown as Record<string, unknown> });
    }
    return { adjusted: isAdjusted(next), adjustedOn: next.adjustedOn, notice, fileSha256 };
  });
}

/** The sign-in a signature rests on: a recent one for a signed-in user, the system's own otherwise. */
export function authenticationOf(handle: DatabaseHandle, actor: Actor, now: Date): SignerAuthentication {
  if (!actor.viewer) return { method: 'system', at: null, issuer: null, subject: null, acr: null };
  return requireFreshSignIn(actor.viewer.authentication, signingConfigurationOf(handle), now);
}

/** The signature row's columns for how the signer was authenticated. */
export function authenticationColumns(authentication: SignerAuthentication) {
  return {
    authenticationMethod: authentication.method,
    authenticatedAt: authentication.at,
    identityIssuer: authentication.issuer,
    identitySubject: authentication.subject,
    assuranceLevel: authentication.acr,
  };
}

/** The same for the audit event. */
export function authenticationRecord(authentication: SignerAuthentication): Record<string, string | null> {
  return { method: authentication.method, at: authentication.at?.toISOString() ?? null, issuer: authentication.issuer, subject: authentication.subject, acr: authentication.acr };
}

/**
 * The minutes are adjusted: immutable from now on. Records the justering date, posts the notice where the
 * rule profile has one, and closes the signed protocol PDF with the organisation's seal: the sealed file
 * is the adjusted protocol (signed_file_id), and the integrity seal hashes exactly those bytes.
 */
export async function completeAdjustment(
  tx: Database,
  handle: DatabaseHandle,
  input: { meeting: MeetingRow; approval: MinutesApproval; at: Date; actor: Actor },
): Promise<NoticeRow | null> {
  const { meeting, approval, at, actor } = input;
  const { organization } = await contextOf(tx, meeting);
  // Sealed before the meeting becomes adjusted: the signature rows are part of the minutes and freeze then.
  const sealedFile = await sealProtocol(tx, handle, {
    meeting,
    organisation: { id: organization?.id ?? null, name: organization?.name ?? 'Protokoll' },
    location: meeting.location ?? organization?.name ?? '',
    signatureRows: await listSignatures(tx, meeting.id),
    at,
  });
  await updateMeeting(tx, meeting.id, { approval: approval as unknown as Record<string, unknown>, status: 'adjusted', adjustedOn: approval.adjustedOn });
  const notice = await postNoticeInside(tx, { ...meeting, adjustedOn: approval.adjustedOn }, { postedOn: approval.adjustedOn! }, actor);
  await reportDelegatedDecisionsListedIn(tx, meeting, actor);
  await reportBacksListedIn(tx, meeting, actor);
  // What the adjusted §§ hand on to the registers waits as proposals on the meeting page (issue 20).
  const proposed = await proposeFollowUpFromMeeting(tx, meeting.id);
  if (proposed.assignments + proposed.appointments + proposed.delegatedDecisions > 0) {
    await appendAuditEvent(tx, { kind: 'follow_up.proposed', entityType: 'meeting', entityId: meeting.id, actor: actor.userId ?? actor.personId, data: { ...proposed } });
  }
  await updateMeeting(tx, meeting.id, { signedFileId: sealedFile.id });
  await appendAuditEvent(tx, { kind: 'minutes.adjusted', entityType: 'meeting', entityId: meeting.id, actor: actor.userId ?? actor.personId, data: { adjustedOn: approval.adjustedOn, signedSha256: sealedFile.sha256 } });
  await sealAdjustedMinutes(tx, { meetingId: meeting.id, fileId: sealedFile.id, at, actor: actor.userId ?? actor.personId });
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

