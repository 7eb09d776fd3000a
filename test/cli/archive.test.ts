import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { annotatedSeeds } from '../support/seeds.ts';
import { checkArchivePackage } from '../support/archive-package.ts';
import { describeCliOnEachEngine } from './support/cli.ts';
import { meetingsImported } from './support/imported.ts';

const outDir = mkdtempSync(join(tmpdir(), 'protokoll-cli-archive-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describeCliOnEachEngine('protokoll archive export', (cli) => {
  const seeds = annotatedSeeds();
  const meetingOf = new Map<string, string>();
  beforeAll(async () => {
    const imported = await cli().run('import', ...seeds.map((s) => s.textPath));
    expect(imported.code, imported.out + imported.err).toBe(0);
    for (const [seed, meetingId] of meetingsImported(imported.out)) meetingOf.set(seed, meetingId);
  });

  it('writes imported adjusted minutes as a zipped package holding the original text as imported', async () => {
    const out = join(outDir, `${cli().engine}-imported`);
    const run = await cli().run('archive', 'export', '--organization', 'Samordningsförbundet i Jämtlands län', '--year', '2020', '--out', out, '--zip');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const [line] = run.out.trim().split('\n');
    const match = /^(\S+\.zip)\tProtokoll 2020, Styrelsen, Samordningsförbundet i Jämtlands län: 1 meeting\(s\), (\d+) files$/.exec(line!);
    expect(match, run.out).not.toBeNull();
    const zip = match![1]!;
    const unpacked = join(out, 'unpacked');
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(zip))))) {
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), bytes);
    }
    const objectId = zip.slice(out.length + 1, -'.zip'.length);
    const checked = checkArchivePackage(join(unpacked, objectId));
    expect(checked.files.length).toBe(Number(match![2]));
    const seed = seeds.find((s) => s.name.startsWith('002'))!;
    const original = checked.files.find((f) => f.startsWith('representations/rep1/data/') && f.endsWith('/original.txt'))!;
    expect(readFileSync(join(unpacked, objectId, original))).toStrictEqual(readFileSync(seed.textPath));
    expect(JSON.parse(readFileSync(join(unpacked, objectId, checked.minutesJson[0]!), 'utf8'))).toStrictEqual(seed.expected);
    expect(meetingOf.get(seed.name)).toBeTruthy();

    // The checks catch what an ingest must refuse: a file nobody listed, and a listed file whose bytes changed.
    const root = join(unpacked, objectId);
    writeFileSync(join(root, 'representations/rep1/data/okand.txt'), 'inte listad\n');
    expect(() => checkArchivePackage(root)).toThrow(/okand\.txt/);
    rmSync(join(root, 'representations/rep1/data/okand.txt'));
    writeFileSync(join(root, original), 'ändrad\n');
    expect(() => checkArchivePackage(root)).toThrow(new RegExp(original.replace(/[.]/g, '\\.')));
  });

  it('refuses an unknown organisation, a bad year and unit, and a year without minutes, with exit 1 and nothing written', async () => {
    const out = join(outDir, `${cli().engine}-refused`);
    expect(await cli().run('archive', 'export', '--organization', 'Finns inte', '--year', '2020', '--out', out)).toEqual({
      code: 1,
      out: '',
      err: "error: no organisation with id or name 'Finns inte' (organization_not_found)\n",
    });
    expect(await cli().run('archive', 'export', '--organization', 'Finns inte', '--year', '20', '--out', out, '--per', 'paragraph')).toEqual({
      code: 1,
      out: '',
      err: "error: --year: not a year: '20'\nerror: --per: use body or meeting, not 'paragraph'\n",
    });
    expect(await cli().run('archive', 'export', '--organization', 'Samordningsförbundet i Jämtlands län', '--year', '2019', '--out', out)).toEqual({
      code: 1,
      out: '',
      err: 'error: Samordningsförbundet i Jämtlands län has no minutes of 2019 to deliver (nothing_to_archive)\n',
    });
    expect(existsSync(out)).toBe(false);
  });
});
