import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFBool, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../index.ts';
import { buildFictionalMinutes } from '../../../test/documents/fictional-minutes.ts';
import { createOrganisationP12, sealPdf, signPdf, verifyPdf } from './index.ts';

const folder = mkdtempSync(join(tmpdir(), 'protokoll-pades-'));
const packages: Record<string, string> = { pdfsig: 'poppler-utils', pdfinfo: 'poppler-utils', pdffonts: 'poppler-utils', qpdf: 'qpdf' };

/** Runs a checking tool; a missing tool fails the test with what to install, never skips it. */
function run(tool: string, args: string[]): { stdout: string; status: number | null } {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`${tool} is not installed: install the Debian package ${packages[tool]} (apt-get install ${packages[tool]})`);
  }
  if (result.error) throw result.error;
  return { stdout: `${result.stdout}${result.stderr}`, status: result.status };
}

function saved(name: string, pdf: Uint8Array): string {
  const file = join(folder, name);
  writeFileSync(file, pdf);
  return file;
}

describe('signPdf and sealPdf on a rendered protocol', () => {
  const signer = { p12: createOrganisationP12({ organisationName: 'Sjöbygdens kommunalförbund', passphrase: 'hemligt', validFrom: new Date('2024-01-01T00:00:00Z') }), passphrase: 'hemligt' };
  let finalised: Buffer;
  let byChair: Buffer;
  let byAdjuster: Buffer;
  let sealed: Buffer;
  let sealedFile: string;

  beforeAll(async () => {
    finalised = await renderMinutesPdf(buildFictionalMinutes({ count: 12 }), { createdAt: '2024-10-02T12:00:00Z' });
    byChair = await signPdf(finalised, {
      signer,
      name: 'Åsa Ödmark',
      reason: 'Justering: ordförande',
      location: 'Förbundskansliet',
      contactInfo: 'oidc:https://idp.example/ sub=4f1c acr=substantial',
      signedAt: new Date('2024-10-03T08:15:00Z'),
    });
    byAdjuster = await signPdf(byChair, {
      signer,
      name: 'Märta Åkesson',
      reason: 'Justering: justerare',
      location: 'Förbundskansliet',
      signedAt: new Date('2024-10-03T09:40:00Z'),
    });
    sealed = await sealPdf(byAdjuster, { signer, organisationName: 'Sjöbygdens kommunalförbund', location: 'Förbundskansliet', signedAt: new Date('2024-10-03T09:40:01Z') });
    sealedFile = saved('sealed.pdf', sealed);
  });

  it('appends each signature after the bytes that were there, so earlier signatures keep what they signed', () => {
    expect(byChair.subarray(0, finalised.length).equals(finalised)).toBe(true);
    // @signpdf removes the newline after the last %%EOF before appending; nothing before it changes.
    expect(byAdjuster.subarray(0, byChair.length).equals(byChair)).toBe(true);
    expect(sealed.subarray(0, byAdjuster.length).equals(byAdjuster)).toBe(true);
  });

  it('gives pdfsig three valid PAdES signatures, the last covering the whole document', () => {
    const { stdout } = run('pdfsig', [sealedFile]);
    expect(stdout.match(/^Signature #\d+:/gmu)).toHaveLength(3);
    expect(stdout.match(/Signature Validation: Signature is Valid\./gu)).toHaveLength(3);
    expect(stdout.match(/Signature Type: ETSI\.CAdES\.detached/gu)).toHaveLength(3);
    expect(stdout).toContain('Signature Field Name: Signatur 1');
    expect(stdout).toContain('Signature Field Name: Signatur 2');
    expect(stdout).toContain('Signature Field Name: Sigill');
    expect(stdout).toContain('Signer Certificate Common Name: Sjöbygdens kommunalförbund');
    expect(stdout).toContain('Signing Time: Oct 03 2024 08:15:00');
    expect(stdout.match(/Not total document signed/gu)).toHaveLength(2);
    expect(stdout.match(/^ {2}- Total document signed/gmu)).toHaveLength(1);
  });

  it('keeps the document PDF/A-2a: XMP declares it, it stays tagged, every font is embedded, qpdf finds no error', async () => {
    const meta = run('pdfinfo', ['-meta', sealedFile]).stdout;
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    const info = run('pdfinfo', [sealedFile]).stdout;
    expect(info).toMatch(/^Tagged: +yes$/mu);
    expect(info).toMatch(/^Form: +AcroForm$/mu);
    expect(info).not.toMatch(/JavaScript: +yes/u);
    const catalog = (await PDFDocument.load(sealed, { updateMetadata: false })).catalog;
    for (const key of ['StructTreeRoot', 'Metadata', 'OutputIntents', 'Lang']) expect(catalog.has(PDFName.of(key))).toBe(true);
    expect(catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))).toBe(PDFBool.True);
    const fonts = run('pdffonts', [sealedFile]).stdout.split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/ yes +yes +yes +\d+ +\d+$/u);
    const check = run('qpdf', ['--check', sealedFile]);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
  });

  it('keeps the trailer /ID in every update and gives each widget the Print flag and no size', () => {
    const text = sealed.toString('latin1');
    expect(text.match(/%%EOF/gu)).toHaveLength(4);
    const trailers = text.match(/trailer\s*<<[\s\S]*?>>\s*startxref/gu) ?? [];
    expect(trailers).toHaveLength(4);
    for (const trailer of trailers) expect(trailer).toContain('/ID');
    const widgets = text.match(/\/FT \/Sig[\s\S]*?>>/gu) ?? [];
    expect(widgets).toHaveLength(3);
    for (const widget of widgets) expect(widget).toMatch(/\/F 4[\s\S]*\/Rect \[ 0 0 0 0 \]/u);
  });

  it('lets verifyPdf list every signature, check it and find the document unchanged since the seal', async () => {
    const result = await verifyPdf(sealed);
    expect(result.signatures.map((signature) => [signature.fieldName, signature.name, signature.reason, signature.valid, signature.coversWholeFile])).toEqual([
      ['Signatur 1', 'Åsa Ödmark', 'Justering: ordförande', true, false],
      ['Signatur 2', 'Märta Åkesson', 'Justering: justerare', true, false],
      ['Sigill', 'Sjöbygdens kommunalförbund', 'Justerat protokoll, förseglat av organisationen', true, true],
    ]);
    expect(result.signatures[0]).toMatchObject({
      contactInfo: 'oidc:https://idp.example/ sub=4f1c acr=substantial',
      claimedSigningTime: '2024-10-03T08:15:00.000Z',
      subFilter: 'ETSI.CAdES.detached',
      certificateSubject: 'CN=Sjöbygdens kommunalförbund, O=Sjöbygdens kommunalförbund, C=SE',
      timestamp: null,
      problems: [],
    });
    expect(result).toMatchObject({ allValid: true, bytesAfterLastSignature: 0, objectsAfterLastSignature: [], unchangedSinceLastSignature: true, sealedFile: null });
  });

  it('asks the sealed-file hook about the SHA-256 of the whole file', async () => {
    const asked: string[] = [];
    const result = await verifyPdf(sealed, {
      findSealedFileBySha256: async (sha256) => {
        asked.push(sha256);
        return { fileId: 'file-1', meetingId: 'meeting-1' };
      },
    });
    expect(asked).toEqual([result.sha256]);
    expect(result.sealedFile).toEqual({ fileId: 'file-1', meetingId: 'meeting-1' });
  });

  it('makes pdfsig and verifyPdf report every signature invalid when one signed byte changes', async () => {
    const tampered = Buffer.from(sealed);
    const at = tampered.indexOf('<pdfaid:part>2') + '<pdfaid:part>'.length;
    tampered[at] = '3'.charCodeAt(0);
    const { stdout } = run('pdfsig', [saved('tampered.pdf', tampered)]);
    expect(stdout.match(/^Signature #\d+:/gmu)).toHaveLength(3);
    expect(stdout).not.toContain('Signature is Valid.');
    expect(stdout.match(/Signature Validation: Digest Mismatch\./gu)).toHaveLength(3);
    const result = await verifyPdf(tampered);
    expect(result.signatures.map((signature) => signature.valid)).toEqual([false, false, false]);
    expect(result.signatures[0]!.problems).toEqual(['the document bytes in the ByteRange are not the ones signed (message digest differs)']);
    expect(result.unchangedSinceLastSignature).toBe(false);
  });

  it('reports an update appended after the seal as a change, though each signature is still valid', async () => {
    const appended = Buffer.concat([sealed, Buffer.from('\n90 0 obj\n(ändrat)\nendobj\n')]);
    const result = await verifyPdf(appended);
    expect(result.allValid).toBe(true);
    expect(result.objectsAfterLastSignature).toEqual([90]);
    expect(result.unchangedSinceLastSignature).toBe(false);
    expect(result.signatures[2]!.coversWholeFile).toBe(false);
  });

  it('refuses to sign after the seal', async () => {
    const late = signPdf(sealed, { signer, name: 'Märta Åkesson', reason: 'Justering: justerare', location: 'Förbundskansliet', signedAt: new Date('2024-10-04T08:00:00Z') });
    await expect(late).rejects.toMatchObject({ code: 'document_sealed' });
  });

  it('finds no signature in the finalised, unsigned protocol', async () => {
    expect(await verifyPdf(finalised)).toMatchObject({ signatures: [], allValid: false, unchangedSinceLastSignature: false });
  });
});
