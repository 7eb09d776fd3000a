import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../src/storage/database.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { createProject } from '../../src/services/projects.service.ts';
import { buildMinutes } from '../support/factories.ts';
import { runCli } from '../cli/support/cli.ts';

const folder = mkdtempSync(join(tmpdir(), 'protokoll-projects-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = (...args: string[]) => runCli(['--data', folder, ...args], { DATABASE_URL: undefined, PROTOKOLL_DATA: undefined });

it('registers projects lists the portfolio as JSON and text, projects-export writes CSV, portfolio writes the PDF', async () => {
  const handle = await openMigratedDatabase({ dataDir: folder });
  try {
    await saveMinutes(handle.db, buildMinutes({ organization: 'Kommunförbundet Projektdal', date: '2024-05-20' }));
    const organizationId = await resolveOrganizationId(handle.db, 'Kommunförbundet Projektdal');
    await createProject(handle.db, {
      organizationId,
      title: 'Hållbar omsorg',
      caseNumber: '2024/17',
      projectManager: 'Eva Exempel',
      status: 'ongoing',
      startsOn: '2024-03-01',
      endsOn: '2025-08-31',
      budget: 2_000_000,
      outcome: 500_000,
      funding: [
        { funderKind: 'eu', funderName: 'Europeiska socialfonden', year: 2024, amount: 800_000 },
        { funderKind: 'region', funderName: 'Region Projektdal', year: 2024, amount: 300_000 },
      ],
    });
  } finally {
    await handle.close();
  }

  const listed = await run('registers', 'projects', '--json');
  expect(listed.code).toBe(0);
  const projects = JSON.parse(listed.out) as { title: string; caseNumber: string; fundingTotal: number; funders: { funderName: string }[] }[];
  expect(projects.map((p) => [p.title, p.caseNumber, p.fundingTotal, p.funders.map((f) => f.funderName)])).toEqual([
    ['Hållbar omsorg', '2024/17', 1_100_000, ['Europeiska socialfonden', 'Region Projektdal']],
  ]);

  const text = await run('registers', 'projects', '--organization', 'Kommunförbundet Projektdal');
  expect(text.out.replace(/^\S+\s+/u, '')).toBe(
    'Dnr 2024/17  Hållbar omsorg  [ongoing, 2024-03-01–2025-08-31]  projektledare Eva Exempel  finansiering 1\u00a0100\u00a0000 kr (Europeiska socialfonden, Region Projektdal)  budget 2\u00a0000\u00a0000 kr, utfall 500\u00a0000 kr\n',
  );
  expect(await run('registers', 'projects', '--status', 'paused')).toMatchObject({ code: 1, err: "error: --status: expected one of planned, ongoing, completed, cancelled, got 'paused'\n" });

  const csv = join(folder, 'projekt.csv');
  expect(await run('registers', 'projects-export', '--format', 'csv', '-o', csv)).toMatchObject({ code: 0 });
  expect(readFileSync(csv, 'utf8')).toContain(';2024/17;Hållbar omsorg;pågående;');

  const pdf = join(folder, 'portfolj.pdf');
  expect(await run('registers', 'portfolio', '--organization', 'Kommunförbundet Projektdal', '--year', '2024', '--tertial', 'T2', '-o', pdf)).toMatchObject({ code: 0 });
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
});
