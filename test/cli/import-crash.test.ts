/**
 * Crash safety of a batch import: the real `protokoll import` (bin/protokoll.js) is killed with SIGKILL
 * in the middle of 200 files. Each file is one transaction, so the database then holds whole meetings
 * only (every § and every attendance row of a stored meeting, and its source file), exactly the files
 * the command reported, and running the same import again stores the rest and reports the stored ones
 * as skipped. Run on the embedded database in a temporary folder and on PostgreSQL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMinutesText } from '../../src/import/index.ts';
import { openMigratedDatabase, queryRows, type DatabaseHandle } from '../../src/storage/database.ts';
import { findFileById, readStoredFile } from '../../src/storage/index.ts';
import { createServerDatabase, testEngines } from '../support/databases.ts';

const bin = fileURLToPath(new URL('../../bin/protokoll.js', import.meta.url));
const template = readFileSync(fileURLToPath(new URL('../fixtures/minutes/direktionen-omrostning.txt', import.meta.url)), 'utf8');
const FILES = 200;
/** The command is killed once it has reported this many files stored. */
const KILL_AFTER = 30;

const workDir = mkdtempSync(join(tmpdir(), 'protokoll-import-crash-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * 200 meetings of one board, 20 a year over ten years, each with its own date and §§ (the template's
 * §§ 7–10 moved on by four a meeting, as a year's numbering runs on).
 */
function writeBatch(dir: string): string[] {
  mkdirSync(dir);
  const names: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const year = 2005 + Math.floor(i / 20);
    const k = i % 20;
    const offset = k * 4;
    const heldOn = `${year}-${String(1 + Math.floor(k / 2)).padStart(2, '0')}-${10 + (k % 2) * 10}`;
    const text = template
      .replace('Datum: 2024-02-29', `Datum: ${heldOn}`)
      .replace('Paragrafer: 7–10', `Paragrafer: ${7 + offset}–${10 + offset}`)
      .replace(/§ (\d+)/gu, (_whole, n: string) => `§ ${Number(n) + offset}`);
    const name = `protokoll-${String(i).padStart(3, '0')}.txt`;
    writeFileSync(join(dir, name), text);
    names.push(name);
  }
  return names;
}

/** The files `protokoll import` reported as imported, by name. */
const reported = (out: string) => [...out.matchAll(/^imported {2}\S*\/(protokoll-\d+\.txt) \(/gmu)].map((m) => m[1]!);

/** Every stored meeting with its counts of §§ and attendance, and its source file. */
async function storedMeetings(handle: DatabaseHandle) {
  return queryRows<{ id: string; paragraphs: number; attendance: number; file: string | null; fileId: string | null }>(
    handle.db,
    sql`select m.id,
          (select count(*)::int from paragraphs p where p.meeting_id = m.id) as paragraphs,
          (select count(*)::int from attendance a where a.meeting_id = m.id) as attendance,
          f.original_name as file, f.id as "fileId"
        from meetings m left join files f on f.id = m.source_file_id`,
  );
}

for (const engine of testEngines) {
  const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
  (available ? describe : describe.skip)(`protokoll import killed mid-batch [${engine}]`, () => {
    it('leaves only whole meetings, exactly those reported, and a second run completes the batch', async () => {
      const folder = join(workDir, `batch-${engine}`);
      const names = writeBatch(folder);
      const dataDir = join(workDir, `data-${engine}`);
      const server = engine === 'postgres' ? await createServerDatabase('protokoll_crash') : null;
      // Whatever the developer's shell says, the command reaches exactly the database under test.
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.DATABASE_URL;
      delete env.PROTOKOLL_DATA;
      if (server) env.DATABASE_URL = server.url;
      const open = () => openMigratedDatabase(server ? { databaseUrl: server.url } : { dataDir });
      const expected = parseMinutesText(readFileSync(join(folder, names[0]!), 'utf8'));
      try {
        // The first run, killed without warning once it has stored some files.
        const child = spawn(process.execPath, [bin, '--data', dataDir, 'import', folder], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (reported(out).length >= KILL_AFTER) child.kill('SIGKILL');
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
        const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
        expect(signal, err).toBe('SIGKILL');
        const before = reported(out);
        expect(before.length).toBeGreaterThanOrEqual(KILL_AFTER);
        expect(before.length).toBeLessThan(FILES);

        // Whole meetings only, each with its source file; the one being written when killed is absent or whole.
        const handle = await open();
        let storedFiles: string[];
        try {
          const meetings = await storedMeetings(handle);
          storedFiles = meetings.map((m) => m.file!).sort();
          expect(meetings.length === before.length || meetings.length === before.length + 1).toBe(true);
          for (const meeting of meetings) {
            expect(meeting).toMatchObject({ paragraphs: expected.items.length, attendance: expected.attendees.length, file: expect.stringMatching(/^protokoll-\d+\.txt$/u) });
            const file = await findFileById(handle.db, meeting.fileId!);
            const bytes = readStoredFile(handle.filesDir, file!);
            expect(Buffer.from(bytes).equals(readFileSync(join(folder, meeting.file!)))).toBe(true);
          }
          expect(storedFiles).toEqual(expect.arrayContaining(before));
          // No file row without its meeting: the file and the meeting are written in one transaction.
          const [files] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from files`);
          expect(files!.n).toBe(meetings.length);
        } finally {
          await handle.close();
        }

        // The same import again stores the rest and reports the stored files as skipped.
        const again = spawnSync(process.execPath, [bin, '--data', dataDir, 'import', folder], { env, encoding: 'utf8', timeout: 300_000 });
        expect(again.status, again.stderr).toBe(0);
        const lines = again.stdout.trim().split('\n');
        expect(lines.at(-1)).toBe(`imported ${FILES - storedFiles.length}, skipped ${storedFiles.length} (already imported), failed 0`);
        const skipped = lines.filter((l) => l.startsWith('skipped ')).map((l) => basename(l.split(': ')[0]!.split(/\s+/u)[1]!));
        expect(skipped.sort()).toEqual(storedFiles);
        expect(lines.filter((l) => l.includes(': this file is imported already'))).toHaveLength(storedFiles.length);

        const final = await open();
        try {
          const meetings = await storedMeetings(final);
          expect(meetings.map((m) => m.file).sort()).toEqual(names);
          for (const meeting of meetings) expect(meeting).toMatchObject({ paragraphs: expected.items.length, attendance: expected.attendees.length });
        } finally {
          await final.close();
        }
      } finally {
        await server?.drop();
      }
      // Two real imports of 200 files: a ceiling for a busy machine, not a measure of speed.
    }, 600_000);
  });
}
