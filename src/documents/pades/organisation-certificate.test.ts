import { X509Certificate } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readP12 } from './cms-signer.ts';
import { createOrganisationP12, loadOrganisationCredentials } from './organisation-certificate.ts';

const now = new Date('2024-10-03T08:00:00Z');

describe('the organisation certificate', () => {
  it('is self-signed in the organisation’s name, for signing, valid ten years', () => {
    const key = readP12(createOrganisationP12({ organisationName: 'Älvby kommun', passphrase: 'p', validFrom: now }), 'p');
    const certificate = new X509Certificate(key.certificates[0]!);
    expect(certificate.subject).toBe('CN=Älvby kommun\nO=Älvby kommun\nC=SE');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.validTo).toBe('Oct  3 08:00:00 2034 GMT');
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('is created on first use in <data>/signing with a generated passphrase, both readable by the owner only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'protokoll-signing-'));
    const first = await loadOrganisationCredentials({ p12Path: null, passphrase: null, dataDir }, 'Älvby kommun', now);
    expect(first.passphrase).toMatch(/^[\w-]{43}$/u);
    for (const file of ['organisation.p12', 'organisation.passphrase']) expect(statSync(join(dataDir, 'signing', file)).mode & 0o777).toBe(0o600);
    const again = await loadOrganisationCredentials({ p12Path: null, passphrase: null, dataDir }, 'Älvby kommun', now);
    expect(Buffer.from(again.p12).equals(Buffer.from(first.p12))).toBe(true);
    expect(again.passphrase).toBe(first.passphrase);
  });

  it('comes from SIGNING_P12 and SIGNING_P12_PASSPHRASE when they are set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'protokoll-signing-'));
    const p12Path = join(dataDir, 'given.p12');
    writeFileSync(p12Path, createOrganisationP12({ organisationName: 'Given AB', passphrase: 'given', validFrom: now }));
    const credentials = await loadOrganisationCredentials({ p12Path, passphrase: 'given', dataDir }, 'Älvby kommun', now);
    expect(new X509Certificate(readP12(credentials.p12, credentials.passphrase).certificates[0]!).subject).toContain('CN=Given AB');
    expect(() => statSync(join(dataDir, 'signing'))).toThrow();
  });
});
