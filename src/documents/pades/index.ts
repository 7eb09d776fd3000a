/**
 * PAdES signatures of the protocol PDF/A: signing (each signature an incremental update), the
 * organisation's seal, the organisation's certificate, and verification that anyone can run
 * (docs/signatures.md).
 */
export { sealPdf, signPdf, SEAL_FIELD_NAME, SUBFILTER, type P12Credentials, type SealPdfOptions, type SignPdfOptions } from './sign-pdf.ts';
export { createOrganisationP12, loadOrganisationCredentials, type OrganisationCertificateOptions, type SigningSettings } from './organisation-certificate.ts';
export { verifyPdf, type PdfVerification, type SealedFile, type SignatureReport, type VerifyPdfOptions } from './verify-pdf.ts';
