import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildFictionalMinutes } from './fictional-minutes.ts';

describe('protokoll render', () => {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-render-'));
  const minutesFile = join(folder, 'minutes.json');
  writeFileSync(minutesFile, JSON.stringify(buildFictionalMinutes({ count: 4 })));

  afterEach(() => vi.restoreAllMocks());

  it('writes a PDF/A file, byte-identical for the same --created-at', async () => {
    const first = join(folder, 'a.pdf');
    const second = join(folder, 'b.pdf');
    const args = ['--created-at', '2024-10-03T12:00:00Z'];
    expect(await main(['node', 'protokoll', 'render', minutesFile, '-o', first, ...args])).toBe(0);
    expect(await main(['node', 'protokoll', 'render', minutesFile, '--format', 'pdf', '-o', second, ...args])).toBe(0);
    const pdf = readFileSync(first);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(readFileSync(second).equals(pdf)).toBe(true);
  });

  it('writes an HTML page with --format html', async () => {
    const out = join(folder, 'minutes.html');
    expect(await main(['node', 'protokoll', 'render', minutesFile, '--format', 'html', '-o', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h2 id="p31-rubrik">§ 31 Val av justerare</h2>');
  });

  it('writes an editable Word document with --format docx', async () => {
    const out = join(folder, 'minutes.docx');
    expect(await main(['node', 'protokoll', 'render', minutesFile, '--format', 'docx', '-o', out])).toBe(0);
    const { value } = await mammoth.convertToHtml({ buffer: readFileSync(out) });
    expect(value).toContain('<h2>§ 31 Val av justerare</h2>');
  });

  it('lists every problem of an invalid minutes file with its path and exits 1', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bad = join(folder, 'bad.json');
    const minutes = buildFictionalMinutes({ count: 2 }) as unknown as Record<string, unknown>;
    writeFileSync(bad, JSON.stringify({ ...minutes, kind: 'beslut', items: [{ number: 'ett', title: 'X', caseNumber: null, decisions: [] }] }));
    expect(await main(['node', 'protokoll', 'render', bad, '-o', join(folder, 'bad.pdf')])).toBe(1);
    const output = stderr.mock.calls.map(([text]) => String(text)).join('');
    expect(output).toContain(`error: ${bad}.kind:`);
    expect(output).toContain(`error: ${bad}.items[0].number:`);
  });

  it('refuses an unknown format, unreadable JSON and a missing file', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(folder, 'x');
    expect(await main(['node', 'protokoll', 'render', minutesFile, '--format', 'odt', '-o', out])).toBe(1);
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(await main(['node', 'protokoll', 'render', broken, '-o', out])).toBe(1);
    expect(await main(['node', 'protokoll', 'render', join(folder, 'missing.json'), '-o', out])).toBe(1);
    const output = stderr.mock.calls.map(([text]) => String(text)).join('');
    expect(output).toContain("error: --format: expected pdf, html or docx, got 'odt'");
    expect(output).toContain(`error: ${broken}:`);
    expect(output).toContain(`error: ${join(folder, 'missing.json')}:`);
  });
});
