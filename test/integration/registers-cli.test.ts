import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openMigratedDatabase } from '../../src/storage/database.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { proposeFollowUp } from '../../src/services/follow-up.service.ts';
import { annotatedSeeds } from '../support/seeds.ts';

const folder = mkdtempSync(join(tmpdir(), 'protokoll-registers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'protokoll', '--data', folder, ...args]);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

it('registers confirm --all, then registers appointments, lists the appointments of the seed minutes with their §§', async () => {
  const handle = await openMigratedDatabase({ dataDir: folder });
  try {
    for (const seed of annotatedSeeds()) {
      const { meetingId } = await saveMinutes(handle.db, seed.expected, { source: seed.name });
      await proposeFollowUp(handle.db, meetingId);
    }
  } finally {
    await handle.close();
  }

  const confirmed = await run('registers', 'confirm', '--all');
  expect(confirmed).toMatchObject({ code: 0 });
  expect(confirmed.out).toContain('confirmed 5 assignments, 4 appointments, 2 delegated decisions');

  const listed = await run('registers', 'appointments', '--organization', 'Kommunförbundet Västernorrland');
  expect(listed.code).toBe(0);
  const lines = listed.out.trim().split('\n').map((line) => line.replace(/^\S+\s+/, ''));
  expect(lines).toEqual([
    'Föreningsarkivet Västernorrland: Christina Lindberg (ordinarie)  sedan 2020-05-07  beslut Styrelsen 2020-05-07 § 17',
    'Föreningsarkivet Västernorrland: Stefan Dalin (ersättare)  sedan 2020-05-07  beslut Styrelsen 2020-05-07 § 17',
    'styrgruppen för ERNACT-nätverket: Sten-Ove Danielsson (ordinarie)  sedan 2010-04-22  beslut Styrelsen 2010-04-22 § 23',
    'styrgruppen för ERNACT-nätverket: Jonny Lundin (ersättare)  sedan 2010-04-22  beslut Styrelsen 2010-04-22 § 23',
  ]);

  const assignments = await run('registers', 'assignments', '--today', '2020-12-01', '--json');
  const entries = JSON.parse(assignments.out) as { assignee: string; overdue: boolean; source: { number: number } }[];
  expect(entries.map((a) => [a.assignee, a.source.number, a.overdue])).toEqual([
    ['kansliet', 22, false],
    ['kansliet', 18, false],
    ['Förbundschefen', 11, true],
    ['Förbundschefen', 11, true],
    ['Förbundschef', 23, false],
  ]);

  const delegations = await run('registers', 'delegations');
  expect(delegations.out).toContain('Dnr P20/01  (delegat ej angiven): Avtal om finansiering, ENIG (EN gemensam InGång) i Östersund  [reported, anmält Styrelsen 2020-09-25 § 14]');

  const again = await run('registers', 'confirm', '--all');
  expect(again.out).toContain('confirmed 0 assignments, 0 appointments, 0 delegated decisions');
});

it('refuses registers confirm without an id or --all, with exit code 1', async () => {
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect((await run('registers', 'confirm')).code).toBe(1);
  } finally {
    spy.mockRestore();
  }
});
