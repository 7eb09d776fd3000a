/**
 * The protocol PDF carries its own signatures (issue 16, docs/signatures.md): every approval appends a
 * PAdES signature to the latest signed version, stored as a new file, and the organisation's seal closes
 * it after the last. This module holds the installation's signing settings and those two steps, so that
 * signing.ts keeps to the order of justering.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadOrganisationCredentials, sealPdf, signPdf, type P12Credentials } from '../../documents/pades/index.ts';
import { RuleError } from '../../errors.ts';
import { findFileById, readStoredFile, storeFile, type DatabaseHandle, type FileRow } from '../../storage/index.ts';
import type { SignatureRow } from '../../storage/meeting-cycle.store.ts';
import type { MeetingRow } from '../../storage/minutes.store.ts';
import type { Database } from '../../storage/database.ts';

/** How an installation signs: its certificate, a timestamp authority, and how fresh a signer's sign-in must be. */
export interface SigningConfiguration {
  /** SIGNING_P12 and SIGNING_P12_PASSPHRASE; without a path, a self-signed certificate per organisation. */
  p12Path: string | null;
  p12Passphrase: string | null;
  /** TIMESTAMP_URL, an RFC 3161 timestamp authority. */
  timestampUrl: string | null;
  /** Where the self-signed default certificates are kept (<data>/signing/<organisation id>/). */
  dataDir: string;
  /** SIGN_STEP_UP_MINUTES: a signer must have signed in (again) within this many minutes. */
  stepUpMinutes: number;
  /** OIDC_SIGNING_ACR: the assurance level (acr) a signer's sign-in must have; null accepts any sign-in. */
  requiredAcr: string | null;
}

/** SIGN_STEP_UP_MINUTES when not set. */
export const DEFAULT_STEP_UP_MINUTES = 5;

const configurations = new WeakMap<DatabaseHandle, Partial<SigningConfiguration>>();

/** Sets the installation's signing settings for this database (the server and the demo do, from config). */
export function configureSigning(handle: DatabaseHandle, settings: Partial<SigningConfiguration>): void {
  configurations.set(handle, { ...configurations.get(handle), ...settings });
}

/**
 * The signing settings of this database: what configureSigning set, else the embedded defaults. Without
 * a data folder (an in-memory database, in tests) the default certificates go to a folder of this process.
 */
export function signingConfigurationOf(handle: DatabaseHandle): SigningConfiguration {
  const set = configurations.get(handle) ?? {};
  return {
    p12Path: set.p12Path ?? null,
    p12Passphrase: set.p12Passphrase ?? null,
    timestampUrl: set.timestampUrl ?? null,
    dataDir: set.dataDir ?? (handle.filesDir ? dirname(handle.filesDir) : join(tmpdir(), `protokoll-signing-${process.pid}`)),
    stepUpMinutes: set.stepUpMinutes ?? DEFAULT_STEP_UP_MINUTES,
    requiredAcr: set.requiredAcr ?? null,
  };
}

/** Whether the installation signs with the self-signed default certificate (the UI says so). */
export function usesSelfSignedCertificate(handle: DatabaseHandle): boolean {
  return signingConfigurationOf(handle).p12Path === null;
}

// One load per certificate file and process: two signatures at once must not both create the default.
const credentials = new Map<string, Promise<P12Credentials>>();

function credentialsFor(configuration: SigningConfiguration, organisation: { id: string | null; name: string }, at: Date): Promise<P12Credentials> {
  const key = configuration.p12Path ?? join(configuration.dataDir, organisation.id ?? 'installation');
  let loaded = credentials.get(key);
  if (!loaded) {
    loaded = loadOrganisationCredentials(
      { p12Path: configuration.p12Path, passphrase: configuration.p12Passphrase, dataDir: configuration.dataDir, ...(organisation.id ? { organisationKey: organisation.id } : {}) },
      organisation.name,
      at,
    );
    credentials.set(key, loaded);
    loaded.catch(() => credentials.delete(key));
  }
  return loaded;
}

/** How the signer proved who they are for one signature; recorded in the PDF, the signature row and the audit log. */
export interface SignerAuthentication {
  method: 'password' | 'oidc' | 'system';
  at: Date | null;
  issuer: string | null;
  subject: string | null;
  acr: string | null;
}

/** The text of /ContactInfo: how the person was identified, for anyone reading the file. */
export function contactInfoOf(provider: string, authentication: SignerAuthentication): string {
  const parts = [`Protokoll (${provider})`];
  if (authentication.method === 'oidc') {
    parts.push(`OpenID Connect ${authentication.issuer ?? ''}`.trim(), `subject ${authentication.subject ?? '?'}`, `nivå (acr) ${authentication.acr ?? 'ej angiven'}`);
  } else if (authentication.method === 'password') {
    parts.push('inloggning med lösenord');
  } else {
    parts.push('registrerat av systemet');
  }
  if (authentication.at) parts.push(`inloggad ${authentication.at.toISOString()}`);
  return parts.join('; ');
}

const REASONS = { secretary: 'Justering: sekreterare', chair: 'Justering: ordförande', adjuster: 'Justering: justerare' } as const;

/** The latest signed version of the finalised protocol: after the last signature made, or the finalised file itself. */
export async function latestProtocolFile(tx: Database, meeting: MeetingRow, signatureRows: SignatureRow[]): Promise<FileRow> {
  const signed = signatureRows.filter((row) => row.status === 'signed' && row.fileId !== null);
  const fileId = signed.sort((a, b) => (a.signedAt?.getTime() ?? 0) - (b.signedAt?.getTime() ?? 0)).at(-1)?.fileId ?? meeting.minutesFileId;
  const file = fileId ? await findFileById(tx, fileId) : null;
  if (!file) throw new RuleError('minutes_not_finalised', 'the finalised protocol PDF is not stored');
  return file;
}

/**
 * Appends one person's PAdES signature to the latest version of the protocol and stores the result as a
 * new file: the signature covers every byte before it, earlier signatures included.
 */
export async function appendPersonSignature(
  tx: Database,
  handle: DatabaseHandle,
  input: {
    meeting: MeetingRow;
    organisation: { id: string | null; name: string };
    location: string;
    signatureRows: SignatureRow[];
    signer: { role: 'secretary' | 'chair' | 'adjuster'; name: string };
    provider: string;
    authentication: SignerAuthentication;
    at: Date;
  },
): Promise<FileRow> {
  const configuration = signingConfigurationOf(handle);
  const latest = await latestProtocolFile(tx, input.meeting, input.signatureRows);
  const signed = await signPdf(readStoredFile(handle.filesDir, latest), {
    signer: await credentialsFor(configuration, input.organisation, input.at),
    name: input.signer.name,
    reason: REASONS[input.signer.role],
    location: input.location,
    contactInfo: contactInfoOf(input.provider, input.authentication),
    signedAt: input.at,
    timestampUrl: configuration.timestampUrl,
  });
  return storeFile(tx, handle.filesDir, { bytes: signed, contentType: 'application/pdf', originalName: versionName(latest, 'signerad') });
}

/** The organisation's seal on the last signed version, stored as the adjusted protocol's file. */
export async function sealProtocol(
  tx: Database,
  handle: DatabaseHandle,
  input: { meeting: MeetingRow; organisation: { id: string | null; name: string }; location: string; signatureRows: SignatureRow[]; at: Date },
): Promise<FileRow> {
  const configuration = signingConfigurationOf(handle);
  const latest = await latestProtocolFile(tx, input.meeting, input.signatureRows);
  const sealed = await sealPdf(readStoredFile(handle.filesDir, latest), {
    signer: await credentialsFor(configuration, input.organisation, input.at),
    organisationName: input.organisation.name,
    location: input.location,
    signedAt: input.at,
    timestampUrl: configuration.timestampUrl,
  });
  return storeFile(tx, handle.filesDir, { bytes: sealed, contentType: 'application/pdf', originalName: versionName(latest, 'justerat') });
}

function versionName(file: FileRow, suffix: string): string {
  const base = (file.originalName ?? 'protokoll.pdf').replace(/\.pdf$/iu, '').replace(/-(?:v\d+|signerad|justerat)$/u, '');
  return `${base}-${suffix}.pdf`;
}
