import { beforeAll, expect, it } from 'vitest';
import { annotatedSeeds } from '../support/seeds.ts';
import { describeCliOnEachEngine } from './support/cli.ts';
import { meetingsImported } from './support/imported.ts';

interface Hit {
  meetingId: string;
  number: number | null;
  title: string;
  caseNumber: string | null;
  isDecision: boolean;
  snippetSegments: { text: string; match: boolean }[];
}

const NO_QUERY = 'error: query: give words to search for, or a filter (organisation, body, year, dates, case number, person)\n';

describeCliOnEachEngine('protokoll search', (cli) => {
  const meetings = new Map<string, string>();
  beforeAll(async () => {
    const imported = await cli().run('import', ...annotatedSeeds().map((s) => s.textPath));
    expect(imported.code, imported.out + imported.err).toBe(0);
    for (const [name, id] of meetingsImported(imported.out)) meetings.set(name.slice(0, 3), id);
  });

  // None of these forms is in the seeds' text: each finds its § through the Swedish stem.
  const inflected: [word: string, seed: string, number: number, title: string, matched: string][] = [
    ['delegationsordningen', '002', 11, 'Arbetssätt och bemanning', 'delegationsordning'],
    ['innovationsstrategier', '000', 16, 'Remiss Regional innovationsstrategi för Smart specialisering i Västernorrland', 'innovationsstrategi'],
    ['energikontorets', '000', 14, 'Slutrapport Energikontoret', 'Energikontoret'],
    ['pensionsstiftelsens', '000', 15, 'Status Mellersta Norrlands Pensionsstiftelse', 'Pensionsstiftelse'],
  ];

  it('finds a seed § by an inflected form of a word in it, as JSON', async () => {
    for (const [word, seed, number, title, matched] of inflected) {
      const searched = await cli().run('search', word, '--json');
      expect(searched.code, searched.err).toBe(0);
      const result = JSON.parse(searched.out) as { total: number; hits: Hit[] };
      expect(result.total, word).toBe(1);
      expect(result.hits[0], word).toMatchObject({ meetingId: meetings.get(seed), number, title });
      expect(result.hits[0]!.snippetSegments.filter((s) => s.match).map((s) => s.text), word).toContain(matched);
    }
    const [hit] = (JSON.parse((await cli().run('search', 'delegationsordningen', '--json')).out) as { hits: Hit[] }).hits;
    expect(hit).toMatchObject({ caseNumber: '20:10', isDecision: true });
  });

  it('prints the hits as text: the count, the § with date, body and organisation, the title and the marked snippet', async () => {
    const searched = await cli().run('search', 'innovationsstrategier');
    expect(searched.code).toBe(0);
    const lines = searched.out.split('\n');
    expect(lines[0]).toBe('1 träff för "innovationsstrategier"');
    expect(lines).toContain('1. § 16  2020-05-07  Styrelsen, Kommunförbundet Västernorrland');
    expect(lines).toContain('   Remiss Regional innovationsstrategi för Smart specialisering i Västernorrland  [beslut]');
    expect(searched.out).toContain('«innovationsstrategi»');
    expect(lines).toContain('År: 2020 (1)');
  });

  it('narrows by year and says when nothing matches', async () => {
    const in2010 = await cli().run('search', 'delegationsordningen', '--year', '2010', '--json');
    expect(JSON.parse(in2010.out)).toMatchObject({ total: 0, hits: [] });
    const none = await cli().run('search', 'delegationsordningen', '--year', '2010');
    expect(none).toMatchObject({ code: 0 });
    expect(none.out.split('\n')[0]).toBe('0 träffar för "delegationsordningen"');
  });

  it('refuses an empty query and one of operators only, with one clear line and exit 1', async () => {
    for (const query of [[], ['   '], ['"'], ['*'], ['OR'], ['--', '-']]) {
      expect(await cli().run('search', ...query), JSON.stringify(query)).toEqual({ code: 1, out: '', err: NO_QUERY });
    }
    for (const query of [[''], ['"', '-', '*']]) {
      expect(await cli().run('search', '--json', ...query), JSON.stringify(query)).toEqual({ code: 1, out: '', err: NO_QUERY });
    }
  });

  it('refuses a bad date, year or page with exit 1, naming the option', async () => {
    const refused = (option: string, value: string, what: string) => ({ code: 1, out: '', err: `error: ${option}: ${what}, got '${value}'\n` });
    expect(await cli().run('search', 'styrelsen', '--from', '2020-13-01')).toEqual(refused('--from', '2020-13-01', 'expected a date YYYY-MM-DD'));
    expect(await cli().run('search', 'styrelsen', '--to', '2020-02-30')).toEqual(refused('--to', '2020-02-30', 'expected a date YYYY-MM-DD'));
    expect(await cli().run('search', 'styrelsen', '--year', 'tjugotjugo')).toEqual(refused('--year', 'tjugotjugo', 'expected a year such as 2024'));
    expect(await cli().run('search', 'styrelsen', '--page', '0')).toEqual(refused('--page', '0', 'expected a whole number from 1'));
    expect(await cli().run('search', 'styrelsen', '--page-size', 'tio')).toEqual(refused('--page-size', 'tio', 'expected a whole number from 1'));
  });
});
