/**
 * What a signer sees around their signature (issue 16): the exact finalised document they approve, and
 * afterwards a receipt of who signed, when, what (by SHA-256) and on which sign-in.
 */
import { ForbiddenError, NotFoundError, RuleError } from '../../errors.ts';
import { findFileById, findMeetingById, readStoredFile, type DatabaseHandle } from '../../storage/index.ts';
import { listSignatures } from '../../storage/meeting-cycle.store.ts';
import { contextOf } from './common.ts';

/** The finalised protocol PDF as stored: the bytes whose SHA-256 the signers approve. */
export async function readDocumentToSign(handle: DatabaseHandle, meetingId: string): Promise<{ bytes: Uint8Array; sha256: string; name: string }> {
  const meeting = await findMeetingById(handle.db, meetingId);
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  const file = meeting.minutesFileId ? await findFileById(handle.db, meeting.minutesFileId) : null;
  if (!file || !meeting.minutesSha256) throw new RuleError('minutes_not_finalised', 'the minutes are not finalised');
  return { bytes: readStoredFile(handle.filesDir, file), sha256: file.sha256, name: file.originalName ?? 'protokoll.pdf' };
}

/** A signer's receipt: who, when, what, and on which sign-in. */
export interface SignatureReceipt {
  meetingId: string;
  bodyName: string;
  heldOn: string | null;
  role: string;
  name: string | null;
  signedAt: string;
  /** The finalised document approved. */
  documentSha256: string | null;
  /** The protocol PDF right after this signature. */
  fileSha256: string | null;
  provider: string | null;
  authentication: { method: string | null; at: string | null; issuer: string | null; subject: string | null; acr: string | null };
  /** Whether this was the last signature, so that the minutes are now adjusted and sealed. */
  adjusted: boolean;
}

/** The receipt of the signature `personId` made on the meeting's minutes; refused to anyone else. */
export async function getSignatureReceipt(handle: DatabaseHandle, meetingId: string, personId: string | null): Promise<SignatureReceipt> {
  const meeting = await findMeetingById(handle.db, meetingId);
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  const row = personId ? (await listSignatures(handle.db, meetingId)).find((s) => s.personId === personId && s.status === 'signed') : undefined;
  if (!row || !row.signedAt) throw new ForbiddenError('not_a_signer', 'you have not signed these minutes', { meetingId });
  const { body } = await contextOf(handle.db, meeting);
  return {
    meetingId,
    bodyName: body.name,
    heldOn: meeting.heldOn,
    role: row.role,
    name: row.name,
    signedAt: row.signedAt.toISOString(),
    documentSha256: row.documentSha256,
    fileSha256: row.fileSha256,
    provider: row.provider,
    authentication: {
      method: row.authenticationMethod,
      at: row.authenticatedAt?.toISOString() ?? null,
      issuer: row.identityIssuer,
      subject: row.identitySubject,
      acr: row.assuranceLevel,
    },
    adjusted: meeting.status === 'adjusted' || meeting.status === 'archived',
  };
}
