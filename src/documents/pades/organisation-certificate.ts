/**
 * The organisation's signing certificate: given as SIGNING_P12 and SIGNING_P12_PASSPHRASE, or, in the
 * embedded default, a self-signed one created on first use in <data>/signing/. Self-signed means a
 * reader can check that the document is unchanged and which key signed it, not who owns the key: that
 * needs a certificate from a CA the reader trusts (docs/signatures.md).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import type { P12Credentials } from './sign-pdf.ts';

/** Options of createOrganisationP12. */
export interface OrganisationCertificateOptions {
  organisationName: string;
  passphrase: string;
  /** Start of validity; the certificate is valid for ten years from it. */
  validFrom: Date;
}

/** A new RSA-3072 key and a self-signed certificate for the organisation, as PKCS#12 bytes. */
export function createOrganisationP12(options: OrganisationCertificateOptions): Buffer {
  // forge hands generation to Node's native crypto when it can, so this takes well under a second.
  const keys = forge.pki.rsa.generateKeyPair({ bits: 3072, e: 0x10001 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  // A positive serial number of 16 random bytes (RFC 5280 4.1.2.2).
  certificate.serialNumber = `0${randomUUID().replaceAll('-', '')}`;
  certificate.validity.notBefore = options.validFrom;
  certificate.validity.notAfter = new Date(options.validFrom.getTime());
  certificate.validity.notAfter.setUTCFullYear(options.validFrom.getUTCFullYear() + 10);
  const name = [
    { name: 'commonName', value: options.organisationName, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'organizationName', value: options.organisationName, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'countryName', value: 'SE' },
  ] as forge.pki.CertificateField[];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate], options.passphrase, {
    algorithm: 'aes256',
    friendlyName: options.organisationName,
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** Where the signing certificate comes from (SIGNING_P12, SIGNING_P12_PASSPHRASE, or the data folder). */
export interface SigningSettings {
  p12Path: string | null;
  passphrase: string | null;
  dataDir: string;
  /** For the default: one self-signed certificate per organisation, in <data>/signing/<key>/. */
  organisationKey?: string;
}

/**
 * The organisation's certificate and key: SIGNING_P12 when set (its passphrase from
 * SIGNING_P12_PASSPHRASE), else <data>/signing/[<organisation>/]organisation.p12, created on first use with a generated
 * passphrase in organisation.passphrase beside it; both files are readable by the owner only (0600).
 */
export async function loadOrganisationCredentials(settings: SigningSettings, organisationName: string, now: Date): Promise<P12Credentials> {
  if (settings.p12Path) return { p12: await readFile(settings.p12Path), passphrase: settings.passphrase ?? '' };
  const folder = join(settings.dataDir, 'signing', ...(settings.organisationKey ? [settings.organisationKey] : []));
  const p12Path = join(folder, 'organisation.p12');
  const passphrasePath = join(folder, 'organisation.passphrase');
  try {
    return { p12: await readFile(p12Path), passphrase: (await readFile(passphrasePath, 'utf8')).trim() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const passphrase = randomBytes(32).toString('base64url');
  const p12 = createOrganisationP12({ organisationName, passphrase, validFrom: now });
  // The passphrase first: a p12 without it would be unreadable, the other way round it is recreated.
  await writeFile(passphrasePath, `${passphrase}\n`, { mode: 0o600, flag: 'wx' });
  await writeFile(p12Path, p12, { mode: 0o600, flag: 'wx' });
  await chmod(passphrasePath, 0o600);
  await chmod(p12Path, 0o600);
  return { p12, passphrase };
}
