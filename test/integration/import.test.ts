import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { collectImportFiles, importMinutesFiles } from '../../src/services/import.service.ts';
import { getMinutes } from '../../src/services/minutes.service.ts';
import { openMigratedDatabase, queryRows, sha256Of, type Database } from '../../src/storage/index.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { annotatedSeeds } from '../support/seeds.ts';
import { buildMinutes } from '../support/factories.ts';

const workDir = mkdtempSync(join(tmpdir(), 'protokoll-import-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Writes files into a new folder of the work dir and returns its path. */
function folderWith(name: string, files: Record<string, string>): string {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    const path = join(dir, file);
    rmSync(path, { force: true });
    writeFileSync(path, content, { flag: 'w' });
  }
  return dir;
}

async function count(db: Database, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, sql.raw(`select count(*)::int as n from ${table}`));
  return Number(row?.n);
}

describeOnEachEngine('importing minutes', (database) => {
  it('imports a folder of interchange documents once, and skips them all the second time', async () => {
    const { db } = database();
    const seeds = annotatedSeeds();
    const dir = join(workDir, `seeds-${database().engine}`);
    mkdirSync(dir, { recursive: true });
    for (const seed of seeds) writeFileSync(join(dir, `${seed.name}.json`), JSON.stringify(seed.expected));

    const first = await importMinutesFiles(database(), collectImportFiles([dir]));
    expect(first.failed).toBe(0);
    expect(first.imported).toBe(seeds.length);
    const meetingsAfterFirst = await count(db, 'meetings');

    const second = await importMinutesFiles(database(), collectImportFiles([dir]));
    expect({ imported: second.imported, skipped: second.skipped, failed: second.failed }).toEqual({ imported: 0, skipped: seeds.length, failed: 0 });
    expect(await count(db, 'meetings')).toBe(meetingsAfterFirst);

    const outcome = first.outcomes.find((o) => o.file.endsWith(`${seeds[2]!.name}.json`));
    expect(outcome?.status).toBe('imported');
    expect(await getMinutes(db, (outcome as { meetingId: string }).meetingId)).toStrictEqual(seeds[2]!.expected);
  });

  it('imports the seed minutes from their text through the parser, exactly as annotated', async () => {
    const { db } = database();
    // Each under an organisation of its own: 000 and 002 are both a 'Styrelsen' meeting in 2020, and
    // together in one organisation their § numbers would rightly clash.
    for (const seed of annotatedSeeds()) {
      const options = { organizationName: `Seedförbundet ${seed.name}` };
      const [outcome] = (await importMinutesFiles(database(), [seed.textPath], options)).outcomes;
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'imported' });
      expect(await getMinutes(db, (outcome as { meetingId: string }).meetingId)).toStrictEqual(seed.expected);
      if (seed.name.startsWith('002')) {
        // § 11 gives the förbundschef two assignments; § 14 reports two delegated decisions.
        expect(outcome).toMatchObject({ proposals: { assignments: 2, delegatedDecisions: 2 } });
      }
      const [again] = (await importMinutesFiles(database(), [seed.textPath], options)).outcomes;
      expect(again).toMatchObject({ status: 'skipped', reason: 'this file is imported already' });
    }
  });

  it('skips the same meeting arriving in another file', async () => {
    const minutes = buildMinutes({ organization: 'Importförbundet Dubbel', paragraphs: [5, 6] });
    const dir = folderWith(`twice-${database().engine}`, {});
    writeFileSync(join(dir, 'a.json'), JSON.stringify(minutes));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(minutes, null, 2));
    const summary = await importMinutesFiles(database(), collectImportFiles([dir]));
    expect(summary.outcomes.map((o) => o.status)).toEqual(['imported', 'skipped']);
    expect(summary.outcomes[1]).toMatchObject({ reason: 'this meeting is stored already' });
  });

  it('reports a bad document with its reason, stores nothing of it, and goes on with the batch', async () => {
    const { db } = database();
    const good = buildMinutes({ organization: 'Importförbundet Blandat', paragraphs: [1] });
    const clash = buildMinutes({ organization: 'Importförbundet Blandat', date: '2021-09-01', paragraphs: [2, 1] });
    clash.attendees.push({ name: 'Ska Inte Finnas', party: null, represents: null, role: 'guest', voting: null, remote: false, paragraphs: null });
    const dir = folderWith(`mixed-${database().engine}`, {});
    writeFileSync(join(dir, '1-good.json'), JSON.stringify(good));
    writeFileSync(join(dir, '2-clash.json'), JSON.stringify(clash));
    writeFileSync(join(dir, '3-broken.json'), '{"kind": "protocol", ');
    writeFileSync(join(dir, '4-empty.json'), JSON.stringify({ kind: 'protocol' }));
    const filesBefore = await count(db, 'files');

    const summary = await importMinutesFiles(database(), collectImportFiles([dir]));
    expect(summary.outcomes.map((o) => o.status)).toEqual(['imported', 'failed', 'failed', 'failed']);
    const reasons = summary.outcomes.map((o) => ('reason' in o ? o.reason : ''));
    expect(reasons[1]).toContain('2-clash.json:items[1].number: § 1 is already used by Styrelsen in 2021');
    expect(reasons[2]).toContain('not valid JSON');
    expect(reasons[3]).toContain('4-empty.json.meeting');
    expect(await count(db, 'files')).toBe(filesBefore + 1);
    const [person] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from persons where name = 'Ska Inte Finnas'`);
    expect(Number(person?.n)).toBe(0);
  });

  it('stores under the organisation given instead of the one the minutes name', async () => {
    const { db } = database();
    const minutes = buildMinutes({ organization: 'Står i protokollet', paragraphs: [7] });
    const dir = folderWith(`organization-${database().engine}`, { 'm.json': JSON.stringify(minutes) });
    const summary = await importMinutesFiles(database(), collectImportFiles([dir]), { organizationName: 'Valt förbund' });
    expect(summary.imported).toBe(1);
    const rows = await queryRows<{ name: string }>(db, sql`
      select o.name from meetings m join bodies b on b.id = m.body_id join organizations o on o.id = b.organization_id
      where m.id = ${(summary.outcomes[0] as { meetingId: string }).meetingId}`);
    expect(rows).toEqual([{ name: 'Valt förbund' }]);
    // The minutes still say what they said.
    expect((await getMinutes(db, (summary.outcomes[0] as { meetingId: string }).meetingId)).organization).toBe('Står i protokollet');
  });
});

it('keeps the original file beside the embedded database, named by its SHA-256', async () => {
  const dataDir = join(workDir, 'embedded');
  const handle = await openMigratedDatabase({ dataDir });
  try {
    const content = JSON.stringify(buildMinutes({ organization: 'Filförbundet', paragraphs: [1] }));
    const dir = folderWith('embedded-input', { 'original.json': content });
    const summary = await importMinutesFiles(handle, collectImportFiles([dir]));
    expect(summary.imported).toBe(1);
    const sha = sha256Of(Buffer.from(content));
    const stored = join(dataDir, 'files', sha.slice(0, 2), sha);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored, 'utf8')).toBe(content);
    const [row] = await queryRows<{ size: number | string; storage: string; content_type: string }>(
      handle.db,
      sql`select size, storage, content_type from files where sha256 = ${sha}`,
    );
    expect({ ...row, size: Number(row?.size) }).toEqual({ size: Buffer.byteLength(content), storage: 'disk', content_type: 'application/json' });
  } finally {
    await handle.close();
  }
});

it('refuses a path that does not exist, naming it', () => {
  expect(() => collectImportFiles([join(workDir, 'finns-inte')])).toThrow(/finns-inte: no such file or folder/);
});
