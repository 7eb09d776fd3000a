/**
 * A PDF's text as poppler's pdftotext gives it (-layout): what a member of the public copying the PDF would get,
 * the judge of whether something leaked. Fails naming the Debian package when pdftotext is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfToText(bytes: Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-pdftotext-'));
  try {
    writeFileSync(join(folder, 'in.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', join(folder, 'in.pdf'), '-'], { encoding: 'utf8' });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new Error('pdftotext is missing: install Debian poppler-utils');
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
