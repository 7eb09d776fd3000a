import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { renderMinutesPdf } from '../../src/documents/index.ts';
import { createOrganisationP12, sealPdf, signPdf } from '../../src/documents/pades/index.ts';
import { buildFictionalMinutes } from './fictional-minutes.ts';

describe('protokoll verify-pdf', () => {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-verify-pdf-'));
  const signedFile = join(folder, 'justerat.pdf');
  const tamperedFile = join(folder, 'andrat.pdf');
  const unsignedFile = join(folder, 'osignerat.pdf');

  beforeAll(async () => {
    const signer = { p12: createOrganisationP12({ organisationName: 'Sjöbygdens kommunalförbund', passphrase: 'x', validFrom: new Date('2024-01-01T00:00:00Z') }), passphrase: 'x' };
    const pdf = await renderMinutesPdf(buildFictionalMinutes({ count: 3 }), { createdAt: '2024-10-02T12:00:00Z' });
    const signed = await signPdf(pdf, { signer, name: 'Åsa Ödmark', reason: 'Justering: ordförande', location: 'Norrsjö', signedAt: new Date('2024-10-03T08:15:00Z') });
    const sealed = await sealPdf(signed, { signer, organisationName: 'Sjöbygdens kommunalförbund', location: 'Norrsjö', signedAt: new Date('2024-10-03T08:15:01Z') });
    writeFileSync(signedFile, sealed);
    const tampered = Buffer.from(sealed);
    tampered[tampered.indexOf('<pdfaid:part>2') + '<pdfaid:part>'.length] = '3'.charCodeAt(0);
    writeFileSync(tamperedFile, tampered);
    writeFileSync(unsignedFile, pdf);
  });

  afterEach(() => vi.restoreAllMocks());

  function capture(): () => string {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    return () => stdout.mock.calls.map(([text]) => String(text)).join('');
  }

  it('prints every signature and exits 0 when all are valid and nothing changed after the seal', async () => {
    const output = capture();
    expect(await main(['node', 'protokoll', 'verify-pdf', signedFile])).toBe(0);
    expect(output()).toContain('Signature 1 (Signatur 1): valid\n  Name: Åsa Ödmark\n  Reason: Justering: ordförande');
    expect(output()).toContain('Signature 2 (Sigill): valid');
    expect(output()).toContain('  SubFilter: ETSI.CAdES.detached');
    expect(output()).toContain('(self-signed)');
    expect(output()).toContain('Result: all signatures valid, unchanged since the last signature.');
  });

  it('exits 1 and names the problem when a signed byte was changed', async () => {
    const output = capture();
    expect(await main(['node', 'protokoll', 'verify-pdf', tamperedFile])).toBe(1);
    expect(output()).toContain('Signature 1 (Signatur 1): INVALID');
    expect(output()).toContain('Problem: the document bytes in the ByteRange are not the ones signed (message digest differs)');
    expect(output()).toContain('Result: NOT VERIFIED.');
  });

  it('prints JSON with --json', async () => {
    const output = capture();
    expect(await main(['node', 'protokoll', 'verify-pdf', signedFile, '--json'])).toBe(0);
    const result = JSON.parse(output()) as { signatures: { name: string; valid: boolean }[]; unchangedSinceLastSignature: boolean };
    expect(result.signatures.map(({ name, valid }) => ({ name, valid }))).toEqual([
      { name: 'Åsa Ödmark', valid: true },
      { name: 'Sjöbygdens kommunalförbund', valid: true },
    ]);
    expect(result.unchangedSinceLastSignature).toBe(true);
  });

  it('exits 1 for a PDF without signatures and for a file that cannot be read', async () => {
    const output = capture();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'protokoll', 'verify-pdf', unsignedFile])).toBe(1);
    expect(output()).toContain('No signatures.');
    expect(await main(['node', 'protokoll', 'verify-pdf', join(folder, 'finns-inte.pdf')])).toBe(1);
  });
});
