/**
 * RFC 3161 timestamps: the SHA-256 of a CMS signature value is sent to a timestamp authority, and the
 * token it returns is added to the signature as the unsigned attribute signatureTimeStampToken
 * (RFC 3161 appendix A), which does not change what the signer signed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { bytesOf, children, contentOf, encodeOid, encodeTlv, readTlv, TAG } from './der.ts';

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

/** The DER TimeStampReq for a SHA-256 digest, asking for the TSA's certificate in the reply. */
export function timestampRequest(digest: Uint8Array): Buffer {
  const algorithm = encodeTlv(TAG.sequence, Buffer.concat([encodeOid(OID.sha256), Buffer.from([0x05, 0x00])]));
  const imprint = encodeTlv(TAG.sequence, Buffer.concat([algorithm, encodeTlv(TAG.octetString, digest)]));
  const nonce = randomBytes(8);
  nonce[0]! &= 0x7f;
  return encodeTlv(
    TAG.sequence,
    Buffer.concat([encodeTlv(TAG.integer, Buffer.from([1])), imprint, encodeTlv(TAG.integer, nonce), Buffer.from([0x01, 0x01, 0xff])]),
  );
}

/** Asks the TSA at `url` for a token over `digest`; the token (a CMS ContentInfo) or an error saying why not. */
export async function fetchTimestampToken(url: string, digest: Uint8Array): Promise<Buffer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
    body: new Uint8Array(timestampRequest(digest)),
  });
  if (!response.ok) throw new Error(`the timestamp authority ${url} answered HTTP ${response.status}`);
  const reply = Buffer.from(await response.arrayBuffer());
  const [status, token] = children(reply, readTlv(reply, 0));
  const statusValue = status ? contentOf(reply, children(reply, status)[0]!)[0] : undefined;
  // PKIStatus 0 granted, 1 granted with modifications (RFC 3161 2.4.2).
  if (!token || (statusValue !== 0 && statusValue !== 1)) throw new Error(`the timestamp authority ${url} refused the request (status ${statusValue ?? 'missing'})`);
  return bytesOf(reply, token);
}

/** The CMS signature with a timestamp token over its (first) signer's signature value. */
export async function addSignatureTimestamp(cms: Buffer, url: string): Promise<Buffer> {
  const contentInfo = readTlv(cms, 0);
  const [contentType, explicit] = children(cms, contentInfo);
  const signedData = children(cms, explicit!)[0]!;
  const signedDataParts = children(cms, signedData);
  const signerInfos = signedDataParts[signedDataParts.length - 1]!;
  const [signerInfo, ...otherSigners] = children(cms, signerInfos);
  if (!signerInfo || otherSigners.length > 0) throw new RangeError('expected exactly one signer in the CMS signature');
  const signerParts = children(cms, signerInfo);
  if (signerParts.some((part) => part.tag === TAG.context1)) throw new RangeError('the CMS signature already has unsigned attributes');
  const signature = signerParts[signerParts.length - 1]!;
  const token = await fetchTimestampToken(url, createHash('sha256').update(contentOf(cms, signature)).digest());

  const attribute = encodeTlv(TAG.sequence, Buffer.concat([encodeOid(OID.signatureTimeStampToken), encodeTlv(TAG.set, token)]));
  const newSignerInfo = encodeTlv(TAG.sequence, Buffer.concat([contentOf(cms, signerInfo), encodeTlv(TAG.context1, attribute)]));
  const newSignerInfos = encodeTlv(TAG.set, newSignerInfo);
  const newSignedData = encodeTlv(TAG.sequence, Buffer.concat([...signedDataParts.slice(0, -1).map((part) => bytesOf(cms, part)), newSignerInfos]));
  return encodeTlv(TAG.sequence, Buffer.concat([bytesOf(cms, contentType!), encodeTlv(TAG.context0, newSignedData)]));
}
