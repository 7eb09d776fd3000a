/**
 * Signs a PDF so that anyone can check it with an ordinary PDF reader or `pdfsig`: each signature is an
 * incremental update (docs/signatures.md), its CMS a PAdES baseline signature (ETSI.CAdES.detached)
 * made by cms-signer.ts, placed into the ByteRange gap by @signpdf/signpdf.
 */
import { SignPdf } from '@signpdf/signpdf';
import { RuleError } from '../../errors.ts';
import { PadesSigner, readP12 } from './cms-signer.ts';
import { appendSignatureField } from './incremental-update.ts';

/** A certificate with its private key, as PKCS#12 bytes and passphrase. */
export interface P12Credentials {
  p12: Uint8Array;
  passphrase: string;
}

/** Options of signPdf. */
export interface SignPdfOptions {
  signer: P12Credentials;
  /** The person (or, for the seal, the organisation) the signature is made for. */
  name: string;
  reason: string;
  location: string;
  /** How the signer was identified, for example the identity provider's subject and assurance level. */
  contactInfo?: string;
  /** The signer's claimed time; only a timestamp (timestampUrl) makes it more than a claim. */
  signedAt: Date;
  /** An RFC 3161 timestamp authority (TIMESTAMP_URL); without it there is no timestamp. */
  timestampUrl?: string | null;
  /** The form field's name; `Signatur N` by default. */
  fieldName?: string;
}

/** The SubFilter written: PAdES (ETSI EN 319 142-1). */
export const SUBFILTER = 'ETSI.CAdES.detached';

// Room for a 4096-bit RSA CMS with its certificate chain, and with a timestamp token (certificates and all).
const CONTENTS_LENGTH = 8192;
const CONTENTS_LENGTH_WITH_TIMESTAMP = 24576;

/** The PDF with one more signature appended; earlier bytes and earlier signatures are untouched. */
export async function signPdf(pdf: Uint8Array, options: SignPdfOptions): Promise<Buffer> {
  if (Number.isNaN(options.signedAt.getTime())) throw new RangeError('signedAt is not a valid instant');
  if (hasSeal(pdf)) throw new RuleError('document_sealed', 'the document already carries the organisation’s seal; nothing may be signed after it');
  const withField = await appendSignatureField(pdf, {
    fieldName: options.fieldName ?? `Signatur ${countSignatureFields(pdf) + 1}`,
    subFilter: SUBFILTER,
    name: options.name,
    reason: options.reason,
    location: options.location,
    contactInfo: options.contactInfo,
    signedAt: options.signedAt,
    contentsLength: options.timestampUrl ? CONTENTS_LENGTH_WITH_TIMESTAMP : CONTENTS_LENGTH,
  });
  const signer = new PadesSigner(readP12(options.signer.p12, options.signer.passphrase), options.timestampUrl ?? null);
  return new SignPdf().sign(withField, signer, options.signedAt);
}

/** Options of sealPdf. */
export interface SealPdfOptions {
  signer: P12Credentials;
  organisationName: string;
  location: string;
  signedAt: Date;
  timestampUrl?: string | null;
}

/**
 * The organisation's seal: the last signature, made when the last person has approved. It closes the
 * document for this installation: anything appended after it shows as a change in verifyPdf.
 */
export async function sealPdf(pdf: Uint8Array, options: SealPdfOptions): Promise<Buffer> {
  return signPdf(pdf, {
    signer: options.signer,
    name: options.organisationName,
    reason: 'Justerat protokoll, förseglat av organisationen',
    location: options.location,
    contactInfo: 'Organisationens sigill (Protokoll)',
    signedAt: options.signedAt,
    timestampUrl: options.timestampUrl,
    fieldName: SEAL_FIELD_NAME,
  });
}

/** The form field name of the organisation's seal. */
export const SEAL_FIELD_NAME = 'Sigill';

function hasSeal(pdf: Uint8Array): boolean {
  const name = Buffer.from(SEAL_FIELD_NAME, 'utf16le').swap16().toString('hex').toUpperCase();
  return Buffer.from(pdf).toString('latin1').includes(`/T <FEFF${name}>`);
}

function countSignatureFields(pdf: Uint8Array): number {
  return Buffer.from(pdf).toString('latin1').match(/\/FT\s*\/Sig\b/gu)?.length ?? 0;
}
