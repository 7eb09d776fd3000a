import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../src/storage/database.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { proposeFollowUp } from '../../src/services/follow-up.service.ts';
import { annotatedSeeds, seedsDir } from '../support/seeds.ts';
import { describeCliOnEachEngine, runCli } from '../cli/support/cli.ts';
import { meetingsImported } from '../cli/support/imported.ts';

const folder = mkdtempSync(join(tmpdir(), 'protokoll-registers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = (...args: string[]) => runCli(['--data', folder, ...args], { DATABASE_URL: undefined, PROTOKOLL_DATA: undefined });

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

it('registers annual-report writes the drafted report, and a folder that does not exist is refused naming the file', async () => {
  const options = ['--organization', 'Kommunförbundet Västernorrland', '--year', '2020', '--format', 'html'];
  const file = join(folder, 'verksamhetsberattelse-2020.html');
  expect(await run('registers', 'annual-report', ...options, '-o', file)).toMatchObject({ code: 0, out: `wrote ${file}\n` });
  expect(readFileSync(file, 'utf8')).toContain('Föreningsarkivet Västernorrland');
  const nowhere = join(folder, 'finns-inte', 'rapport.html');
  const refused = await run('registers', 'annual-report', ...options, '-o', nowhere);
  expect(refused).toMatchObject({ code: 1, out: '' });
  expect(refused.err).toMatch(/^error: \S+rapport\.html: cannot write it \(ENOENT[^\n]*\)\n$/u);
  expect(await run('registers', 'annual-report', '--organization', 'Kommunförbundet Västernorrland', '--year', 'tjugo', '-o', file)).toEqual({
    code: 1,
    out: '',
    err: "error: --year: expected a year such as 2024, got 'tjugo'\n",
  });
});

it('refuses registers confirm without an id or --all, with exit code 1', async () => {
  const refused = await run('registers', 'confirm');
  expect(refused.code).toBe(1);
  expect(refused.err).toBe('error: id: give the id of a proposal, or --all\n');
});

interface Ref {
  number: number;
  title: string;
  meetingId: string;
  heldOn: string;
  bodyName: string;
}

describeCliOnEachEngine('protokoll import of the seeds folder, then registers confirm --all and the registers', (cli) => {
  it('lists the seed assignments, appointments and delegated decisions with the § and meeting each came from', async () => {
    const imported = await cli().run('import', seedsDir);
    // 004 is an annual report, not minutes: the batch stores the four minutes, reports 004 and exits 1.
    expect(imported.code).toBe(1);
    expect(imported.out).toMatch(/^failed {4}\S*004_7fc0622c15638b42\.txt: 004_7fc0622c15638b42\.txt: this does not look like minutes/mu);
    expect(imported.out).toContain('imported 4, skipped 0 (already imported), failed 1');
    const meetings = new Map([...meetingsImported(imported.out)].map(([name, id]) => [name.slice(0, 3), id]));
    expect([...meetings.keys()]).toEqual(['000', '001', '002', '003']);

    // Proposals are not in the registers until they are confirmed.
    expect(JSON.parse((await cli().run('registers', 'assignments', '--json')).out)).toEqual([]);
    expect((await cli().run('registers', 'appointments')).out).toBe('Inga uppdrag i externa organ.\n');

    const confirmed = await cli().run('registers', 'confirm', '--all');
    expect(confirmed).toMatchObject({ code: 0, out: 'confirmed 5 assignments, 4 appointments, 2 delegated decisions\n' });

    const at = (ref: Ref) => [ref.bodyName, ref.heldOn, ref.number, ref.title];
    const assignments = await cli().run('registers', 'assignments', '--today', '2020-12-01', '--json');
    expect(assignments.code).toBe(0);
    const assigned = JSON.parse(assignments.out) as { assignee: string; description: string; dueOn: string | null; overdue: boolean; status: string; source: Ref }[];
    expect(assigned.map((a) => [...at(a.source), a.assignee, a.dueOn, a.overdue, a.status])).toEqual([
      ['Styrelsen', '2010-04-22', 22, 'Projektimplementering av Kvalitetslab', 'kansliet', null, false, 'open'],
      ['Styrelsen', '2020-05-07', 18, 'Statusläge utveckling av VP 2021', 'kansliet', null, false, 'open'],
      ['Styrelsen', '2020-09-25', 11, 'Arbetssätt och bemanning', 'Förbundschefen', '2020-11-30', true, 'open'],
      ['Styrelsen', '2020-09-25', 11, 'Arbetssätt och bemanning', 'Förbundschefen', '2020-11-30', true, 'open'],
      ['Samverkanstid kommuner, Region och Länsstyrelse', '2024-10-21', 23, 'Finansiering av tjänster mellan kommuner och förbundet', 'Förbundschef', '2024-12-09', false, 'open'],
    ]);
    // 002 § 11 and 003 § 23, the assignments the issue names, each linked to the meeting its seed became.
    const of = (seed: string, number: number) => assigned.filter((a) => a.source.meetingId === meetings.get(seed) && a.source.number === number);
    expect(of('002', 11).map((a) => a.description)).toEqual([
      'Förbundschefen får i uppdrag att till sammanträdet i november ta fram förslag på reviderad delegationsordning med utgångspunkt i att förbundsstyrelsen ska besluta om finansiering av insatser/projekt.',
      'Förbundschefen får i uppdrag att till sammanträdet i november bedöma om minskningen av personal medför risker för ohälsa eller olycksfall som kan behöva åtgärdas.',
    ]);
    expect(of('003', 23).map((a) => a.description)).toEqual([
      'Förbundschef får i uppdrag att återkomma med underlag som specificerar hur behovet ser ut, hur mycket tid nuvarande kommuner bidrar med och vad som eventuellt skulle behövas i framtiden.',
    ]);
    const readable = await cli().run('registers', 'assignments', '--today', '2020-12-01');
    expect(readable.out).toContain('  Styrelsen 2020-09-25 § 11  Förbundschefen: Förbundschefen får i uppdrag att till sammanträdet i november bedöma om minskningen');
    expect(readable.out).toContain('[open, försenat, senast 2020-11-30]');

    const appointments = await cli().run('registers', 'appointments', '--json');
    expect(appointments.code).toBe(0);
    const appointed = JSON.parse(appointments.out) as { externalBody: string; personName: string; role: string; since: string; status: string; decidedIn: Ref }[];
    expect(appointed.map((a) => [a.externalBody, a.personName, a.role, a.since, a.status, a.decidedIn.meetingId, a.decidedIn.number])).toEqual([
      ['Föreningsarkivet Västernorrland', 'Christina Lindberg', 'ordinary', '2020-05-07', 'confirmed', meetings.get('000'), 17],
      ['Föreningsarkivet Västernorrland', 'Stefan Dalin', 'substitute', '2020-05-07', 'confirmed', meetings.get('000'), 17],
      ['styrgruppen för ERNACT-nätverket', 'Sten-Ove Danielsson', 'ordinary', '2010-04-22', 'confirmed', meetings.get('001'), 23],
      ['styrgruppen för ERNACT-nätverket', 'Jonny Lundin', 'substitute', '2010-04-22', 'confirmed', meetings.get('001'), 23],
    ]);
    expect(appointed.map((a) => a.decidedIn.title)).toEqual([
      'Fyllnadssval Föreningsarkivet',
      'Fyllnadssval Föreningsarkivet',
      'Val av ledamot till styrgrupp för ERNACT-nätverket',
      'Val av ledamot till styrgrupp för ERNACT-nätverket',
    ]);

    const delegations = await cli().run('registers', 'delegations', '--json');
    expect(delegations.code).toBe(0);
    const delegated = JSON.parse(delegations.out) as { caseNumber: string; description: string; delegate: string | null; status: string; source: Ref; reportedIn: Ref }[];
    expect(delegated.map((d) => [d.caseNumber, d.description, d.delegate, d.status, d.reportedIn.meetingId, ...at(d.reportedIn)])).toEqual([
      ['P20/01', 'Avtal om finansiering, ENIG (EN gemensam InGång) i Östersund', null, 'reported', meetings.get('002'), 'Styrelsen', '2020-09-25', 14, 'Anmälan av delegationsbeslut'],
      ['P20/02', 'Avtal om finansiering, Lokal Insats Samordnad Strömsund (LISS)', null, 'reported', meetings.get('002'), 'Styrelsen', '2020-09-25', 14, 'Anmälan av delegationsbeslut'],
    ]);
    expect(delegated.map((d) => d.source.number)).toEqual([14, 14]);

    // The seeds register no remiss: 000 § 16 answers one, but the importer proposes none from text.
    const remisser = await cli().run('registers', 'remisser', '--json');
    expect(remisser).toMatchObject({ code: 0, out: '[]\n' });
    expect(await cli().run('registers', 'remisser')).toMatchObject({ code: 0, out: 'Inga remisser.\n' });

    // Importing the folder again stores nothing new and proposes nothing more.
    const again = await cli().run('import', seedsDir);
    expect(again.out).toContain('imported 0, skipped 4 (already imported), failed 1');
    expect((await cli().run('registers', 'confirm', '--all')).out).toBe('confirmed 0 assignments, 0 appointments, 0 delegated decisions\n');
  });
});
