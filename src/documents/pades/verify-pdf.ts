/**
 * Checks the signatures of any PDF, without the database: for each signature dictionary, the CMS
 * signature over exactly the bytes its /ByteRange names, and for the document whether anything was
 * appended after the last signature. The file is read as bytes, not through a PDF library, so that a
 * damaged or tampered file is still reported on rather than refused.
 */
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { bytesOf, children, contentOf, oidOf, readTlv, TAG, timeOf, type Tlv } from './der.ts';
import { CMS_OID } from './cms-signer.ts';
import { OID as TIMESTAMP_OID } from './timestamp.ts';

/** One signature as found in the file, and what checking it showed. */
export interface SignatureReport {
  /** The signature field's name (`Signatur 1`, `Sigill`), when the field can be found. */
  fieldName: string | null;
  name: string | null;
  reason: string | null;
  location: string | null;
  contactInfo: string | null;
  /** The signing time the signer claims (/M), ISO 8601. */
  claimedSigningTime: string | null;
  /** The time from an RFC 3161 timestamp token, when there is one; only its message imprint is checked here. */
  timestamp: { at: string | null; imprintMatches: boolean } | null;
  subFilter: string | null;
  certificateSubject: string | null;
  certificateIssuer: string | null;
  byteRange: number[];
  /** Whether the ByteRange runs from the first to the last byte of the file, leaving out only /Contents. */
  coversWholeFile: boolean;
  /** The CMS digest matches the ByteRange bytes and the signature over it is the certificate key's. */
  valid: boolean;
  problems: string[];
}

/** What verifyPdf found. */
export interface PdfVerification {
  sha256: string;
  signatures: SignatureReport[];
  allValid: boolean;
  /** Bytes after the end of the last signature's ByteRange. */
  bytesAfterLastSignature: number;
  /** Objects (re)defined after the last signature: a change to the document since it was signed. */
  objectsAfterLastSignature: number[];
  /** Signed, every signature valid, and nothing but an empty update after the last one. */
  unchangedSinceLastSignature: boolean;
  /** Whether this is a sealed (adjusted) file of this installation; null without a lookup (see VerifyPdfOptions). */
  sealedFile: SealedFile | null;
}

/** A sealed file of this installation, as the storage layer knows it. */
export interface SealedFile {
  fileId: string;
  meetingId: string;
}

/** Options of verifyPdf. */
export interface VerifyPdfOptions {
  /**
   * Hook for the installation's register of sealed files: given the SHA-256 of the whole file, the
   * sealed (adjusted) file it is, or null. Left out where there is no database (the CLI).
   */
  findSealedFileBySha256?: (sha256: string) => Promise<SealedFile | null>;
}

const DIGESTS: Record<string, string> = {
  [CMS_OID.sha256]: 'sha256',
  [CMS_OID.sha384]: 'sha384',
  [CMS_OID.sha512]: 'sha512',
  [CMS_OID.sha1]: 'sha1',
};

const SIGNATURE_ALGORITHMS = new Set([
  CMS_OID.rsaEncryption,
  CMS_OID.sha256WithRsa,
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.2.840.10045.2.1', // id-ecPublicKey
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
]);

/** Every signature in the PDF, checked, and whether the document changed after the last one. */
export async function verifyPdf(pdf: Uint8Array, options: VerifyPdfOptions = {}): Promise<PdfVerification> {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  const fieldNames = signatureFieldNames(text);
  const signatures: SignatureReport[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/gu)) {
    signatures.push(checkSignature(bytes, text, match.index, match.slice(1, 5).map(Number), fieldNames));
  }
  const lastEnd = Math.max(0, ...signatures.map((signature) => (signature.byteRange[2] ?? 0) + (signature.byteRange[3] ?? 0)));
  const after = signatures.length > 0 ? text.slice(lastEnd) : '';
  const objectsAfter = [...after.matchAll(/(?:^|[^\d])(\d+)\s+\d+\s+obj\b/gu)].map((match) => Number(match[1]));
  const allValid = signatures.length > 0 && signatures.every((signature) => signature.valid);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    sha256,
    signatures,
    allValid,
    bytesAfterLastSignature: signatures.length > 0 ? bytes.length - lastEnd : bytes.length,
    objectsAfterLastSignature: objectsAfter,
    unchangedSinceLastSignature: allValid && objectsAfter.length === 0 && lastEnd <= bytes.length,
    sealedFile: options.findSealedFileBySha256 ? await options.findSealedFileBySha256(sha256) : null,
  };
}

function checkSignature(bytes: Buffer, text: string, at: number, byteRange: number[], fieldNames: Map<number, string>): SignatureReport {
  const objectStart = lastObjectHeader(text, at);
  const objectEnd = text.indexOf('endobj', at);
  const dictionary = text.slice(objectStart?.index ?? at, objectEnd === -1 ? undefined : objectEnd);
  const [offset1 = 0, length1 = 0, offset2 = 0, length2 = 0] = byteRange;
  const report: SignatureReport = {
    fieldName: objectStart ? (fieldNames.get(objectStart.number) ?? null) : null,
    name: pdfText(dictionary, 'Name'),
    reason: pdfText(dictionary, 'Reason'),
    location: pdfText(dictionary, 'Location'),
    contactInfo: pdfText(dictionary, 'ContactInfo'),
    claimedSigningTime: pdfDate(pdfText(dictionary, 'M')),
    timestamp: null,
    subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/u.exec(dictionary)?.[1] ?? null,
    certificateSubject: null,
    certificateIssuer: null,
    byteRange,
    coversWholeFile: false,
    valid: false,
    problems: [],
  };
  const gapEnd = offset1 + length1;
  const gap = text.slice(gapEnd, offset2);
  if (offset1 !== 0 || offset2 < gapEnd || offset2 + length2 > bytes.length || !/^<[0-9A-Fa-f\s]*>$/u.test(gap)) {
    report.problems.push('the ByteRange does not start at the file’s first byte and leave out exactly the /Contents hex string');
    return report;
  }
  report.coversWholeFile = offset2 + length2 === bytes.length;
  const signed = Buffer.concat([bytes.subarray(0, length1), bytes.subarray(offset2, offset2 + length2)]);
  const cms = Buffer.from(gap.slice(1, -1).replace(/\s/gu, ''), 'hex');
  try {
    checkCms(cms, signed, report);
  } catch (error) {
    report.problems.push(`the signature (CMS) cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  report.valid = report.problems.length === 0;
  return report;
}

function checkCms(cms: Buffer, signed: Buffer, report: SignatureReport): void {
  const [contentType, explicit] = children(cms, readTlv(cms, 0));
  if (!contentType || !explicit || oidOf(cms, contentType) !== CMS_OID.signedData) throw new RangeError('not a CMS SignedData');
  const signedData = children(cms, children(cms, explicit)[0]!);
  const certificates = signedData
    .filter((part) => part.tag === TAG.context0)
    .flatMap((part) => children(cms, part))
    .filter((part) => part.tag === TAG.sequence)
    .map((part) => new X509Certificate(bytesOf(cms, part)));
  const signerInfos = children(cms, signedData[signedData.length - 1]!);
  if (signerInfos.length !== 1) throw new RangeError(`expected one signer, found ${signerInfos.length}`);
  const parts = children(cms, signerInfos[0]!);
  const [, sid, digestAlgorithm] = parts;
  const signedAttributes = parts.find((part) => part.tag === TAG.context0);
  const unsignedAttributes = parts.find((part) => part.tag === TAG.context1);
  const afterAttributes = parts.filter((part) => part.tag === TAG.sequence || part.tag === TAG.octetString).slice(-2);
  const [signatureAlgorithm, signatureValue] = afterAttributes;
  if (!sid || !digestAlgorithm || !signatureAlgorithm || !signatureValue) throw new RangeError('incomplete SignerInfo');

  const digestOid = oidOf(cms, children(cms, digestAlgorithm)[0]!);
  const digestName = DIGESTS[digestOid];
  if (!digestName) throw new RangeError(`unsupported digest algorithm ${digestOid}`);
  const algorithmOid = oidOf(cms, children(cms, signatureAlgorithm)[0]!);
  if (!SIGNATURE_ALGORITHMS.has(algorithmOid)) throw new RangeError(`unsupported signature algorithm ${algorithmOid}`);

  const contentDigest = createHash(digestName).update(signed).digest();
  let toVerify: Buffer = signed;
  if (signedAttributes) {
    const attributes = attributesOf(cms, signedAttributes);
    const messageDigest = attributes.get(CMS_OID.messageDigest);
    if (!messageDigest || !contentOf(cms, messageDigest).equals(contentDigest)) {
      report.problems.push('the document bytes in the ByteRange are not the ones signed (message digest differs)');
    }
    // RFC 5652 5.4: the signature is over the attributes encoded as a SET, not under their [0] tag.
    toVerify = Buffer.concat([Buffer.from([TAG.set]), bytesOf(cms, signedAttributes).subarray(1)]);
  }

  const serial = sid.tag === TAG.sequence ? normaliseSerial(contentOf(cms, children(cms, sid)[1]!).toString('hex')) : null;
  const candidates = serial ? certificates.filter((certificate) => normaliseSerial(certificate.serialNumber) === serial) : certificates;
  const signature = contentOf(cms, signatureValue);
  const certificate = candidates.find((candidate) => verifySignature(digestName, toVerify, candidate.publicKey, signature));
  const shown = certificate ?? candidates[0] ?? certificates[0];
  report.certificateSubject = shown ? shown.subject.replaceAll('\n', ', ') : null;
  report.certificateIssuer = shown ? shown.issuer.replaceAll('\n', ', ') : null;
  if (!shown) report.problems.push('the signature carries no certificate of its signer');
  else if (!certificate) report.problems.push('the signature value does not match the signer certificate’s key');

  const token = unsignedAttributes ? attributesOf(cms, unsignedAttributes).get(TIMESTAMP_OID.signatureTimeStampToken) : undefined;
  if (token) report.timestamp = readTimestamp(cms, token, signature);
}

/** The TSTInfo's genTime, and whether its message imprint is the SHA-256 of this signature value. */
function readTimestamp(cms: Buffer, token: Tlv, signature: Buffer): { at: string | null; imprintMatches: boolean } {
  const [, explicit] = children(cms, token);
  const signedData = children(cms, children(cms, explicit!)[0]!);
  const encapsulated = children(cms, signedData[2]!);
  const octets = children(cms, encapsulated[1]!)[0]!;
  const tstInfo = children(cms, children(cms, octets)[0]!);
  const [, , imprint, , genTime] = tstInfo;
  const [algorithm, hashed] = children(cms, imprint!);
  const digestName = DIGESTS[oidOf(cms, children(cms, algorithm!)[0]!)] ?? 'sha256';
  const at = genTime ? timeOf(cms, genTime) : null;
  return { at: at ? at.toISOString() : null, imprintMatches: contentOf(cms, hashed!).equals(createHash(digestName).update(signature).digest()) };
}

/** Attributes by OID, each to its first value. */
function attributesOf(cms: Buffer, set: Tlv): Map<string, Tlv> {
  const result = new Map<string, Tlv>();
  for (const attribute of children(cms, set)) {
    const [type, values] = children(cms, attribute);
    const first = values ? children(cms, values)[0] : undefined;
    if (type && first) result.set(oidOf(cms, type), first);
  }
  return result;
}

function normaliseSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+/u, '');
}

function lastObjectHeader(text: string, before: number): { number: number; index: number } | null {
  const window = text.slice(Math.max(0, before - 4096), before);
  const matches = [...window.matchAll(/(\d+)\s+\d+\s+obj\b/gu)];
  const last = matches[matches.length - 1];
  return last ? { number: Number(last[1]), index: Math.max(0, before - 4096) + last.index } : null;
}

/** Signature object number → the name (/T) of the field whose /V points at it. */
function signatureFieldNames(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const match of text.matchAll(/\/FT\s*\/Sig\b/gu)) {
    const start = lastObjectHeader(text, match.index)?.index ?? match.index;
    const end = text.indexOf('endobj', match.index);
    const body = text.slice(start, end === -1 ? undefined : end);
    const value = /\/V\s+(\d+)\s+\d+\s+R/u.exec(body);
    const name = pdfText(body, 'T');
    if (value && name !== null) names.set(Number(value[1]), name);
  }
  return names;
}

/** A text string entry (/Key (literal) or /Key <hex>) of a dictionary, decoded. */
function pdfText(dictionary: string, key: string): string | null {
  const at = new RegExp(`/${key}\\s*([(<])`, 'u').exec(dictionary);
  if (!at || at.index === undefined) return null;
  const start = at.index + at[0].length - 1;
  let raw: Buffer;
  if (at[1] === '<') {
    const end = dictionary.indexOf('>', start);
    raw = Buffer.from(dictionary.slice(start + 1, end).replace(/\s/gu, ''), 'hex');
  } else {
    raw = literalString(dictionary, start);
  }
  if (raw[0] === 0xfe && raw[1] === 0xff) return raw.subarray(2).swap16().toString('utf16le');
  return raw.toString('latin1');
}

function literalString(text: string, start: number): Buffer {
  const out: number[] = [];
  let depth = 0;
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\\') {
      const next = text[index + 1] ?? '';
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      const octal = /^[0-7]{1,3}/u.exec(text.slice(index + 1, index + 4));
      if (octal) {
        out.push(parseInt(octal[0], 8) & 0xff);
        index += octal[0].length;
      } else {
        if (next in escapes) out.push(escapes[next]!);
        index += 1;
      }
      continue;
    }
    if (char === '(') depth += 1;
    if (char === ')') {
      if (depth === 0) break;
      depth -= 1;
    }
    out.push(char.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

/** A PDF date (D:YYYYMMDDHHmmSS+HH'mm') as ISO 8601. */
function pdfDate(value: string | null): string | null {
  const match = value ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/u.exec(value) : null;
  if (!match) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replaceAll("'", '').slice(3, 5) || '00'}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
