/**
 * Makes the CMS SignedData of a PAdES signature (ETSI EN 319 142-1, baseline B-B; SubFilter
 * ETSI.CAdES.detached): detached, SHA-256, signed attributes contentType, messageDigest and the ESS
 * signing-certificate-v2 that binds the certificate, and no signing-time attribute (the time is the
 * signature dictionary's /M). Written here rather than with @signpdf/signer-p12, whose node-forge
 * encoding re-encodes UTF-8 names in the signer's issuer a second time, so that no verifier (pdfsig,
 * openssl) finds the certificate of an organisation called, say, "Sjöbygdens kommunalförbund".
 */
import { createHash, createPrivateKey, sign } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/utils';
import { bytesOf, children, encodeOid, encodeTlv, readTlv, TAG } from './der.ts';
import { addSignatureTimestamp } from './timestamp.ts';

export const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha1: '1.3.14.3.2.26',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

/** A private key and its certificate chain (signer's certificate first), as read from a PKCS#12 file. */
export interface SigningKey {
  privateKeyPem: string;
  certificates: Buffer[];
}

/** The key and certificates in PKCS#12 bytes; the certificate that matches the key comes first. */
export function readP12(p12: Uint8Array, passphrase: string): SigningKey {
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(p12).toString('binary')), false, passphrase);
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = keyBags[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new RangeError('the PKCS#12 file holds no private key (only RSA keys are supported)');
  const certificates = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const matching = certificates.find((certificate) => {
    const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.compareTo(key.n) === 0 && publicKey.e?.compareTo(key.e) === 0;
  });
  if (!matching) throw new RangeError('the PKCS#12 file holds no certificate for its private key');
  const ordered = [matching, ...certificates.filter((certificate) => certificate !== matching)];
  return {
    privateKeyPem: forge.pki.privateKeyToPem(key),
    certificates: ordered.map((certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary')),
  };
}

const NULL = Buffer.from([0x05, 0x00]);
const algorithm = (oid: string): Buffer => encodeTlv(TAG.sequence, Buffer.concat([encodeOid(oid), NULL]));
const attribute = (oid: string, value: Buffer): Buffer => encodeTlv(TAG.sequence, Buffer.concat([encodeOid(oid), encodeTlv(TAG.set, value)]));

/** The detached CMS SignedData over `content`, for ETSI.CAdES.detached. */
export function signCms(content: Uint8Array, key: SigningKey): Buffer {
  const certificate = key.certificates[0]!;
  // IssuerAndSerialNumber copied byte for byte from the certificate, never re-encoded.
  const tbs = children(certificate, children(certificate, readTlv(certificate, 0))[0]!);
  const fields = tbs[0]!.tag === TAG.context0 ? tbs.slice(1) : tbs;
  const [serial, , issuer] = fields;
  const issuerAndSerial = encodeTlv(TAG.sequence, Buffer.concat([bytesOf(certificate, issuer!), bytesOf(certificate, serial!)]));

  const essCertId = encodeTlv(TAG.sequence, encodeTlv(TAG.octetString, createHash('sha256').update(certificate).digest()));
  const attributes = [
    attribute(CMS_OID.contentType, encodeOid(CMS_OID.data)),
    attribute(CMS_OID.messageDigest, encodeTlv(TAG.octetString, createHash('sha256').update(content).digest())),
    attribute(CMS_OID.signingCertificateV2, encodeTlv(TAG.sequence, encodeTlv(TAG.sequence, essCertId))),
  ].sort(Buffer.compare); // DER orders a SET OF by its encodings
  const signedAttributes = Buffer.concat(attributes);
  // The signature covers the attributes encoded as a SET (RFC 5652 5.4), stored under the [0] tag.
  const signature = sign('sha256', encodeTlv(TAG.set, signedAttributes), createPrivateKey(key.privateKeyPem));

  const signerInfo = encodeTlv(
    TAG.sequence,
    Buffer.concat([
      encodeTlv(TAG.integer, Buffer.from([1])),
      issuerAndSerial,
      algorithm(CMS_OID.sha256),
      encodeTlv(TAG.context0, signedAttributes),
      algorithm(CMS_OID.rsaEncryption),
      encodeTlv(TAG.octetString, signature),
    ]),
  );
  const signedData = encodeTlv(
    TAG.sequence,
    Buffer.concat([
      encodeTlv(TAG.integer, Buffer.from([1])),
      encodeTlv(TAG.set, algorithm(CMS_OID.sha256)),
      encodeTlv(TAG.sequence, encodeOid(CMS_OID.data)),
      encodeTlv(TAG.context0, Buffer.concat(key.certificates)),
      encodeTlv(TAG.set, signerInfo),
    ]),
  );
  return encodeTlv(TAG.sequence, Buffer.concat([encodeOid(CMS_OID.signedData), encodeTlv(TAG.context0, signedData)]));
}

/** The @signpdf signer: a PAdES CMS over the ByteRange, timestamped when a TSA is configured. */
export class PadesSigner extends Signer {
  constructor(
    private readonly key: SigningKey,
    private readonly timestampUrl: string | null,
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const cms = signCms(pdfBuffer, this.key);
    return this.timestampUrl ? addSignatureTimestamp(cms, this.timestampUrl) : cms;
  }
}
