import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readPdfText } from '../documents/pdf-text.ts';
import { annotatedSeeds, type Seed } from '../support/seeds.ts';
import { describeCliOnEachEngine } from './support/cli.ts';
import { meetingsImported } from './support/imported.ts';

const outDir = mkdtempSync(join(tmpdir(), 'protokoll-cli-export-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Item {
  number: number | null;
  title: string;
}

describeCliOnEachEngine('protokoll export', (cli) => {
  const seeds = annotatedSeeds();
  const meetingOf = new Map<string, string>();
  beforeAll(async () => {
    const imported = await cli().run('import', ...seeds.map((s) => s.textPath));
    expect(imported.code, imported.out + imported.err).toBe(0);
    for (const [seed, meetingId] of meetingsImported(imported.out)) meetingOf.set(seed, meetingId);
    expect(meetingOf.size).toBe(seeds.length);
  });
  const idOf = (seed: Seed) => meetingOf.get(seed.name)!;
  const itemsOf = (seed: Seed) => (seed.expected as { items: Item[] }).items;

  it('writes each imported seed as interchange JSON equal to its annotation, on standard output and with -o', async () => {
    for (const seed of seeds) {
      const exported = await cli().run('export', idOf(seed), '--format', 'json');
      expect(exported.code, exported.err).toBe(0);
      expect(JSON.parse(exported.out), seed.name).toStrictEqual(seed.expected);
    }
    const seed = seeds[2]!;
    const file = join(outDir, `${cli().engine}-${seed.name}.json`);
    // json is the default format.
    expect(await cli().run('export', idOf(seed), '-o', file)).toMatchObject({ code: 0, out: '' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toStrictEqual(seed.expected);
  });

  it('writes a PDF whose text layer has every § with its title, in order', async () => {
    const seed = seeds.find((s) => s.name.startsWith('002'))!;
    const file = join(outDir, `${cli().engine}-${seed.name}.pdf`);
    expect(await cli().run('export', idOf(seed), '--format', 'pdf', '-o', file)).toMatchObject({ code: 0, out: '' });
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = (await readPdfText(pdf)).flat();
    const headings = lines.filter((line) => /^§ \d+ /u.test(line));
    expect(headings).toEqual(itemsOf(seed).map((item) => `§ ${item.number} ${item.title}`));
    expect(lines).toContain('Paragrafer §§ 10–15');
  });

  it('writes an HTML page with a heading for every § of the minutes', async () => {
    const seed = seeds.find((s) => s.name.startsWith('003'))!;
    const file = join(outDir, `${cli().engine}-${seed.name}.html`);
    expect(await cli().run('export', idOf(seed), '--format', 'html', '-o', file)).toMatchObject({ code: 0, out: '' });
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/u);
    const headings = [...html.matchAll(/<h2 id="p(\d+)-rubrik">§ (\d+) ([^<]*)<\/h2>/gu)].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    expect(headings).toEqual(itemsOf(seed).map((item) => [item.number, item.number, item.title]));
  });

  it('refuses an unknown meeting, a malformed id and an unknown format with one clear line and exit 1', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await cli().run('export', unknown, '--format', 'pdf', '-o', join(outDir, 'none.pdf'))).toEqual({
      code: 1,
      out: '',
      err: `error: no meeting with id ${unknown} (meeting_not_found)\n`,
    });
    expect(existsSync(join(outDir, 'none.pdf'))).toBe(false);
    expect(await cli().run('export', 'möte-17')).toEqual({ code: 1, out: '', err: "error: meeting: not a meeting id: 'möte-17'\n" });
    expect(await cli().run('export', idOf(seeds[0]!), '--format', 'docx')).toEqual({ code: 1, out: '', err: "error: --format: use json, pdf or html, not 'docx'\n" });
    const nowhere = join(outDir, 'finns-inte', 'protokoll.pdf');
    const unwritable = await cli().run('export', idOf(seeds[0]!), '--format', 'pdf', '-o', nowhere);
    expect(unwritable).toMatchObject({ code: 1, out: '' });
    expect(unwritable.err).toMatch(new RegExp(`^error: ${nowhere}: cannot write it \\(ENOENT: no such file or directory[^\n]*\\)\n$`, 'u'));
  });
});
