/**
 * `protokoll parse` of a zip bomb used to run for a minute and die at 4.7 GB. The real command, in its
 * own process, now refuses it from the ZIP directory with one line and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocxBomb, buildPdfBomb } from '../import/hostile-files.ts';

const bin = fileURLToPath(new URL('../../bin/protokoll.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'protokoll-cli-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parse(name: string, bytes: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  // A heap far below what inflating the bomb would take: the process must never try.
  return spawnSync(process.execPath, ['--max-old-space-size=256', bin, 'parse', path], { encoding: 'utf8', timeout: 60_000 });
}

describe('protokoll parse of a hostile file', () => {
  it('exits 1 with one line for a DOCX whose document.xml unpacks to 300 MB', () => {
    const run = parse('bomb.docx', buildDocxBomb({ megabytes: 300 }));
    expect({ status: run.status, signal: run.signal, out: run.stdout }).toEqual({ status: 1, signal: null, out: '' });
    expect(run.stderr).toBe('error: bomb.docx: word/document.xml unpacks to 300.0 MB; the limit is 50.0 MB per entry\n');
  });

  it('exits 1 with one line for a DOCX whose directory lies about it', () => {
    const run = parse('lögn.docx', buildDocxBomb({ megabytes: 300, lying: true }));
    expect({ status: run.status, signal: run.signal, out: run.stdout }).toEqual({ status: 1, signal: null, out: '' });
    expect(run.stderr).toBe('error: lögn.docx: word/document.xml unpacks to more than the 1.0 MB its directory states; the file is refused\n');
  });

  it('exits 1 with one line for a PDF whose content stream inflates to 300 MB', () => {
    const run = parse('bomb.pdf', buildPdfBomb({ megabytes: 300 }));
    expect({ status: run.status, signal: run.signal, out: run.stdout }).toEqual({ status: 1, signal: null, out: '' });
    expect(run.stderr).toBe('error: bomb.pdf: has a compressed stream that unpacks to more than 64 MB; the limit is 64 MB per stream\n');
  });
});
