/**
 * Verification of any PDF for anyone (issue 16): the signatures in the file checked as verifyPdf does,
 * and whether the file is an adjusted protocol of this installation, recognised by the SHA-256 of the
 * file or of the versions it grew from (each incremental update leaves the earlier file as a byte prefix).
 */
import { createHash } from 'node:crypto';
import { verifyPdf, type PdfVerification } from '../documents/pades/index.ts';
import { findMeetingById, findProtocolVersionsBySha256, listMeetingNames, type DatabaseHandle } from '../storage/index.ts';
import { listSignatures } from '../storage/meeting-cycle.store.ts';

/** The largest PDF the public page and the service accept. */
export const MAX_VERIFY_PDF_BYTES = 20 * 1024 * 1024;

/**
 * How the file relates to a protocol of this installation: exactly the sealed protocol; the sealed
 * protocol with something appended after the seal; an earlier version (finalised or partly signed, with
 * or without something appended); or none.
 */
export type ProtocolMatch = 'sealed' | 'appended_after_seal' | 'earlier_version';

/** What verifying a PDF against this installation found. */
export interface ProtocolPdfVerification {
  pdf: PdfVerification;
  match: ProtocolMatch | null;
  protocol: {
    meetingId: string;
    organizationName: string | null;
    bodyName: string;
    heldOn: string | null;
    adjustedOn: string | null;
    /** The signatures as this installation recorded them. */
    signers: { role: string; name: string | null; signedAt: string | null }[];
  } | null;
  /** Unchanged: exactly the sealed protocol and every signature valid. */
  verdict: 'unchanged_adjusted_protocol' | 'changed' | 'not_from_this_installation';
}

/** Checks a PDF's signatures and whether (and how) it is an adjusted protocol of this installation. */
export async function verifyProtocolPdf(handle: DatabaseHandle, bytes: Uint8Array): Promise<ProtocolPdfVerification> {
  const wholeSha256 = sha256(bytes);
  const prefixes = prefixHashes(bytes);
  const versions = await findProtocolVersionsBySha256(handle.db, [...new Set([wholeSha256, ...prefixes])]);
  const pdf = await verifyPdf(bytes, {
    findSealedFileBySha256: async (hash) => {
      const sealed = versions.find((v) => v.kind === 'sealed' && v.sha256 === hash);
      return sealed ? { fileId: sealed.sha256, meetingId: sealed.meetingId } : null;
    },
  });
  const exact = versions.find((v) => v.kind === 'sealed' && v.sha256 === wholeSha256);
  const sealedPrefix = versions.find((v) => v.kind === 'sealed');
  const match: ProtocolMatch | null = exact ? 'sealed' : sealedPrefix ? 'appended_after_seal' : versions.length > 0 ? 'earlier_version' : null;
  const meetingId = (exact ?? sealedPrefix ?? versions[0])?.meetingId ?? null;
  const protocol = meetingId ? await describeProtocol(handle, meetingId) : null;
  const verdict = match === 'sealed' && pdf.allValid && pdf.unchangedSinceLastSignature ? 'unchanged_adjusted_protocol' : match ? 'changed' : 'not_from_this_installation';
  return { pdf, match, protocol, verdict };
}

async function describeProtocol(handle: DatabaseHandle, meetingId: string): Promise<NonNullable<ProtocolPdfVerification['protocol']>> {
  const [name] = await listMeetingNames(handle.db, [meetingId]);
  const meeting = await findMeetingById(handle.db, meetingId);
  const signers = (await listSignatures(handle.db, meetingId)).map((s) => ({ role: s.role, name: s.name, signedAt: s.signedAt?.toISOString() ?? null }));
  return {
    meetingId,
    organizationName: name?.organizationName ?? null,
    bodyName: name?.bodyName ?? '',
    heldOn: name?.heldOn ?? null,
    adjustedOn: meeting?.adjustedOn ?? null,
    signers,
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * SHA-256 of every prefix that ends a revision (at each %%EOF, with no, one or two end-of-line bytes):
 * the finalised file and each signed version are such prefixes of every later version.
 */
function prefixHashes(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const hashes: string[] = [];
  for (let at = buffer.indexOf('%%EOF'); at !== -1 && hashes.length < 300; at = buffer.indexOf('%%EOF', at + 5)) {
    for (const eol of [0, 1, 2]) {
      const end = at + 5 + eol;
      if (end <= buffer.length) hashes.push(sha256(buffer.subarray(0, end)));
    }
  }
  return hashes;
}
