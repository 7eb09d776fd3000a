import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows, sha256Of, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildScannedPdf } from '../import/document-builders.ts';
import { seedsDir } from '../support/seeds.ts';
import { describeCliOnEachEngine } from './support/cli.ts';

const GOOD = '002_19e1d93d150701ee.txt';
const BAD = ['bild.pdf', 'brev.txt', 'skannad.pdf', 'stor.txt', 'tom.txt'];

const workDir = mkdtempSync(join(tmpdir(), 'protokoll-cli-import-'));
const badDir = join(workDir, 'bad');
const mixedDir = join(workDir, 'mixed');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

beforeAll(async () => {
  for (const dir of [badDir, mixedDir]) {
    mkdirSync(dir);
    writeFileSync(join(dir, 'tom.txt'), '');
    // A PNG, named as if it were a PDF.
    writeFileSync(join(dir, 'bild.pdf'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 7)]));
    // A scan: pdfkit draws a shape and writes no text.
    writeFileSync(join(dir, 'skannad.pdf'), await buildScannedPdf());
    // 51 MB of nothing, sparse on disk, over the 50 MB limit.
    const big = await open(join(dir, 'stor.txt'), 'w');
    await big.truncate(51 * 1024 * 1024);
    await big.close();
    writeFileSync(join(dir, 'brev.txt'), 'Hej!\n\nTack för senast. Vi hörs nästa vecka.\n');
  }
  // The temporary folder gets a copy of one seed; the seeds themselves stay in ../shared.
  copyFileSync(join(seedsDir, GOOD), join(mixedDir, GOOD));
});

const TABLES = [
  'organizations',
  'bodies',
  'persons',
  'files',
  'meetings',
  'attendance',
  'paragraphs',
  'decision_points',
  'presenters',
  'paragraph_attachments',
  'signatures',
  'assignments',
  'delegated_decisions',
  'appointments',
  'audit_events',
] as const;

/** The number of rows in every table an import writes to, and the original files kept on disk. */
async function snapshot(handle: DatabaseHandle, dataDir: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await queryRows<{ n: number | string }>(handle.db, sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = Number(row?.n);
  }
  const filesDir = join(dataDir, 'files');
  counts['files on disk'] = existsSync(filesDir) ? readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
  return counts;
}

/** The line `protokoll import` prints for a file of the folder. */
const lineFor = (out: string, dir: string, file: string) => out.split('\n').find((line) => line.includes(`${join(dir, file)}:`) || line.includes(`${join(dir, file)} (`));

describeCliOnEachEngine('protokoll import with bad files', (cli) => {
  it('reports every bad file as failed with its reason, stores none of them, and stores the good one', async () => {
    expect((await cli().run('migrate')).code).toBe(0);
    const empty = await cli().withDatabase((handle) => snapshot(handle, cli().dataDir));

    // Only bad files: all fail, nothing is stored, and the exit code says so.
    const bad = await cli().run('import', badDir);
    expect(bad.code).toBe(1);
    expect(bad.out.trim().split('\n').at(-1)).toBe('imported 0, skipped 0 (already imported), failed 5');
    expect(await cli().withDatabase((handle) => snapshot(handle, cli().dataDir))).toEqual(empty);

    // The same bad files beside one good seed: each bad one fails with its own reason, the seed is imported.
    const mixed = await cli().run('import', mixedDir);
    expect(mixed.code).toBe(1);
    const failed = (file: string) => lineFor(mixed.out, mixedDir, file);
    expect(failed('tom.txt')).toBe(`failed    ${join(mixedDir, 'tom.txt')}: tom.txt: is empty`);
    expect(failed('bild.pdf')).toBe(`failed    ${join(mixedDir, 'bild.pdf')}: bild.pdf: is a binary file, not text, PDF or DOCX`);
    expect(failed('skannad.pdf')).toMatch(/^failed {4}\S+skannad\.pdf: skannad\.pdf: .*without a text layer/u);
    expect(failed('stor.txt')).toBe(`failed    ${join(mixedDir, 'stor.txt')}: stor.txt: is 51.0 MB; the limit is 50 MB`);
    expect(failed('brev.txt')).toMatch(/^failed {4}\S+brev\.txt: brev\.txt: this does not look like minutes/u);
    expect(failed(GOOD)).toMatch(/^imported {2}\S+002_19e1d93d150701ee\.txt \(6 §§\): meeting [0-9a-f-]{36}; proposed 2 assignments, 2 delegated decisions/u);
    expect(mixed.out.trim().split('\n').at(-1)).toBe('imported 1, skipped 0 (already imported), failed 5');
    expect(mixed.out.trim().split('\n')).toHaveLength(BAD.length + 2);

    // Exactly what the seed brings is stored: its one file, one meeting with its 6 §§, its proposals.
    const afterMixed = await cli().withDatabase((handle) => snapshot(handle, cli().dataDir));
    expect(afterMixed).toMatchObject({ files: 1, meetings: 1, paragraphs: 6, organizations: 1, assignments: 2, delegated_decisions: 2, appointments: 0 });
    expect(afterMixed['files on disk']).toBe(cli().engine === 'pglite' ? 1 : 0);
    const stored = await cli().withDatabase(async ({ db }) => ({
      files: await queryRows<{ original_name: string; sha256: string }>(db, sql`select original_name, sha256 from files`),
      audit: await queryRows<{ kind: string; data: unknown }>(db, sql`select kind, data from audit_events order by kind`),
    }));
    expect(stored.files).toEqual([{ original_name: GOOD, sha256: sha256Of(readFileSync(join(seedsDir, GOOD))) }]);
    const auditText = JSON.stringify(stored.audit);
    for (const file of BAD) expect(auditText).not.toContain(file);

    // A second run skips the seed, fails the bad ones again and changes nothing.
    const again = await cli().run('import', mixedDir, '--json');
    expect(again.code).toBe(1);
    const summary = JSON.parse(again.out) as { imported: number; skipped: number; failed: number; outcomes: { file: string; status: string; reason?: string }[] };
    expect({ imported: summary.imported, skipped: summary.skipped, failed: summary.failed }).toEqual({ imported: 0, skipped: 1, failed: 5 });
    expect(summary.outcomes.map((o) => [o.file.slice(mixedDir.length + 1), o.status])).toEqual([
      [GOOD, 'skipped'],
      ['bild.pdf', 'failed'],
      ['brev.txt', 'failed'],
      ['skannad.pdf', 'failed'],
      ['stor.txt', 'failed'],
      ['tom.txt', 'failed'],
    ]);
    expect(summary.outcomes[0]).toMatchObject({ reason: 'this file is imported already' });
    expect(await cli().withDatabase((handle) => snapshot(handle, cli().dataDir))).toEqual(afterMixed);
  });

  it('exits 0 for a batch that only skips, and 1 naming a path that does not exist', async () => {
    const seedOnly = join(workDir, `seed-only-${cli().engine}`);
    mkdirSync(seedOnly);
    copyFileSync(join(seedsDir, GOOD), join(seedOnly, GOOD));
    // Same bytes as the seed imported above: skipped, and nothing failed, so the batch succeeds.
    expect(await cli().run('import', seedOnly)).toMatchObject({ code: 0, out: expect.stringContaining('imported 0, skipped 1 (already imported), failed 0') });

    const missing = await cli().run('import', join(workDir, 'finns-inte'));
    expect(missing).toMatchObject({ code: 1, out: '', err: `error: ${join(workDir, 'finns-inte')}: no such file or folder\n` });
  });

  it('imports historical minutes that break a rule, and records the legal findings as warnings with the import', async () => {
    const minutes = JSON.parse(readFileSync(join(seedsDir, GOOD.replace('.txt', '.expected.json')), 'utf8')) as {
      organization: string | null;
      attendees: { name: string; voting: boolean | null; role: string; paragraphs: string | null }[];
      items: { number: number; reservations?: { name: string; party: string | null; reason: string | null }[] }[];
    };
    // Someone who left after the first two §§ reserves themselves at the fifth: unlawful, and still history.
    const leaver = minutes.attendees.find((a) => a.voting === true && a.role === 'member');
    if (!leaver) throw new Error('seed 002 lists no voting member');
    leaver.paragraphs = `${minutes.items[0]!.number}-${minutes.items[1]!.number}`;
    const fifth = minutes.items[4]!;
    // Another (fictional) organisation's meeting, so that it is not the seed imported above.
    minutes.organization = 'Historiska samordningsförbundet';
    fifth.reservations = [{ name: leaver.name, party: null, reason: null }];
    const folder = join(workDir, `findings-${cli().engine}`);
    mkdirSync(folder);
    const file = join(folder, 'historiskt.json');
    writeFileSync(file, JSON.stringify(minutes));

    const run = await cli().run('import', file);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`§${fifth.number} reservation_by_non_voting_person: § ${fifth.number}: ${leaver.name} reserverade sig men deltog inte i beslutet.`);
    const [event] = await cli().withDatabase(({ db }) =>
      queryRows<{ data: { file: string; findings: { code: string; paragraph: number; severity: string; persons: string[] }[] } }>(
        db,
        sql`select data from audit_events where kind = 'minutes.imported' and data->>'file' = 'historiskt.json'`,
      ),
    );
    expect(event?.data.findings).toContainEqual(
      expect.objectContaining({ code: 'reservation_by_non_voting_person', paragraph: fifth.number, severity: 'error', persons: [leaver.name] }),
    );
  });
});
