import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minutesSchema } from '../domain/minutes.ts';
import { InputError } from '../errors.ts';
import { allAnnotatedMinutes, SEEDS_DIR } from '../../test/import/fixture-files.ts';
import { parseMinutesText } from './index.ts';
import { scoreMinutes } from '../../test/import/score-minutes.ts';

const annotated = allAnnotatedMinutes();

describe('parseMinutesText on annotated minutes', () => {
  it('finds the seeds and our own fixtures', () => {
    expect(annotated.length).toBeGreaterThanOrEqual(7);
  });

  for (const doc of annotated.filter((d) => !NOT_YET_EXACT.has(d.name))) {
    it(`reads ${doc.name} exactly as annotated`, () => {
      const minutes = parseMinutesText(doc.text);
      expect(JSON.parse(JSON.stringify(minutes))).toEqual(doc.expected);
      expect(minutesSchema.safeParse(minutes).success).toBe(true);
    });
  }
});

/**
 * Layouts from real archives (issue 18) that are read only in part so far, with the score each reaches today and
 * what it still misses; they are held to that score so a change cannot lose ground unnoticed.
 */
const NOT_YET_EXACT = new Map([
  // Organisation from a title in capitals beside "PROTOKOLL 5/2025"; signatures as names over roles without a label.
  ['kommunstyrelsen-finlandssvensk-paragraf-efter', 0.83],
  // Signatures only in the electronic justering log; the arbetsutskott's earlier "Beslut" in the same §.
  ['kommunstyrelsen-beredning-forslag-beslut', 0.81],
  // Organisation and body from "Protokoll fört vid styrelsesammanträde" with the association below it.
  ['byalaget-styrelse-2010-ojusterat', 0.95],
  // Two decided sentences on two lines of one paragraph under "Beslut" are read as one decision.
  ['kulturnamnden-kryssrutor', 0.95],
  // Signatures written surname first under role labels after the §§.
  ['tekniska-namnden-efternamn-forst', 0.93],
]);

describe('parseMinutesText on layouts still read in part', () => {
  for (const [name, floor] of NOT_YET_EXACT) {
    it(`reads ${name} to a score of at least ${floor}`, () => {
      const doc = annotated.find((d) => d.name === name);
      expect(doc).toBeDefined();
      const minutes = parseMinutesText(doc!.text);
      expect(scoreMinutes(doc!.expected, JSON.parse(JSON.stringify(minutes))).total).toBeGreaterThanOrEqual(floor - 0.005);
      expect(minutesSchema.safeParse(minutes).success).toBe(true);
    });
  }
});

describe('parseMinutesText refuses what is not minutes', () => {
  it('refuses an empty document', () => {
    expect(() => parseMinutesText('  \n\n', { source: 'tom.txt' })).toThrow(InputError);
  });

  it('refuses an annual report that has neither §§ nor a meeting header, naming the source', () => {
    const report = readFileSync(join(SEEDS_DIR, '004_7fc0622c15638b42.txt'), 'utf8');
    expect(() => parseMinutesText(report, { source: 'arsrapport.txt' })).toThrowError(/arsrapport\.txt: .*no § items/u);
  });

  it('accepts minutes without §§ when they have a dated meeting header and attendance', () => {
    const text = 'Protokoll\nKulturnämnden\nDatum: 2023-02-01\nTid: 13.00-15.00\nNärvarande:\nAnna Berg (S), ordförande\nBo Ek (M)\n';
    const minutes = parseMinutesText(text);
    expect(minutes.items).toEqual([]);
    expect(minutes.attendees.map((a) => a.name)).toEqual(['Anna Berg', 'Bo Ek']);
    expect(minutes.body).toBe('Kulturnämnden');
  });
});

describe('parseMinutesText on layout variants', () => {
  it('reads "§ 12" on its own line with the title and Dnr on the following lines', () => {
    const text = 'Protokoll Socialnämnden\nDatum 2022-01-10\n\n§ 12\n\nTaxor 2022\n\nDnr SN 2021/88\n\nBeslut\nNämnden antar taxorna.\n';
    const item = parseMinutesText(text).items[0]!;
    expect(item).toMatchObject({ number: 12, title: 'Taxor 2022', caseNumber: 'SN 2021/88', decisions: ['Nämnden antar taxorna.'] });
  });

  it('reads "12 § Title, Dnr 2020/14" and strips the case number from the title', () => {
    const text = 'Protokoll Direktionen\nDatum 2022-01-10\n\n12 § Budget 2023, Dnr 2020/14\n\nDirektionen fastställer budgeten.\n';
    expect(parseMinutesText(text).items[0]).toMatchObject({ number: 12, title: 'Budget 2023', caseNumber: '2020/14' });
  });

  it('skips a table of contents with dot leaders and uses the headings in the body', () => {
    const text = [
      'Protokoll Kommunstyrelsen', 'Datum 2022-01-10', 'Innehåll', '§ 1 Öppnande.....\t2', '§ 2 Budget.....\t3', '',
      '§ 1 Mötets öppnande', 'Ordföranden öppnar mötet.', '', '§ 2 Budget för 2023', 'Budgeten fastställs.',
    ].join('\n');
    const items = parseMinutesText(text).items;
    expect(items.map((i) => [i.number, i.title])).toEqual([[1, 'Mötets öppnande'], [2, 'Budget för 2023']]);
  });

  it('ignores a § reference at the start of a wrapped body line', () => {
    const text = 'Protokoll Styrelsen\nDatum 2022-01-10\n\n§ 4 Revision\nEnligt kommunallagen ska revisorerna pröva enligt\n§ 9 i revisionsreglementet att verksamheten sköts.\n\n§ 5 Avslutning\nMötet avslutas.\n';
    expect(parseMinutesText(text).items.map((i) => i.number)).toEqual([4, 5]);
  });

  it('removes "Sida 2 av 5" and running headers and joins a sentence split by the page break', () => {
    const text = [
      'Protokoll Kommunstyrelsen 2022-01-10', 'Datum 2022-01-10', '',
      '§ 1 Budget', 'Beslut', 'Kommunstyrelsen fastställer budgeten för', '', 'Sida 1 av 3',
      'KOMMUNSTYRELSEN PROTOKOLL 2022-01-10', '', 'år 2023 och planen för 2024.', '',
      '§ 2 Taxor', 'Taxorna fastställs.', 'Sida 2 av 3', 'KOMMUNSTYRELSEN PROTOKOLL 2022-01-10',
      '§ 3 Övrigt', 'Inget.', 'Sida 3 av 3', 'KOMMUNSTYRELSEN PROTOKOLL 2022-01-10',
    ].join('\n');
    const items = parseMinutesText(text).items;
    expect(items[0]!.decisions).toEqual(['Kommunstyrelsen fastställer budgeten för år 2023 och planen för 2024.']);
    expect(items[2]!.text).toBe('Inget.');
  });

  it('reads labels with their values on the next line and "Beslutande" as a heading over "Ledamöter"', () => {
    const text = [
      'SAMMANTRÄDESPROTOKOLL', 'Socialnämnden', 'Sammanträdesdatum', '2023-11-22', '', 'Plats och tid',
      'Kommunhuset, Sammanträdesrum Lönnen, onsdag 22 november 2023 kl. 13.00–15.45', '', 'Beslutande', 'Ledamöter',
      'Kerstin Alm (S), ordförande', 'Olof Berg (M)', 'Närvarande ersättare', 'Pia Gran (C)', '',
      '§ 101', 'Dnr SN 2023/210', 'Budgetuppföljning oktober', 'Socialnämndens beslut', 'Socialnämnden godkänner budgetuppföljningen.',
    ].join('\n');
    const minutes = parseMinutesText(text);
    expect(minutes.meeting).toEqual({
      date: '2023-11-22', start: '13:00', end: '15:45', location: 'Kommunhuset, Sammanträdesrum Lönnen', remote: false,
    });
    expect(minutes.attendees.map((a) => [a.name, a.role, a.voting])).toEqual([
      ['Kerstin Alm', 'chair', true], ['Olof Berg', 'member', true], ['Pia Gran', 'substitute', null],
    ]);
    expect(minutes.items[0]).toMatchObject({ title: 'Budgetuppföljning oktober', caseNumber: 'SN 2023/210' });
  });
});

describe('parseMinutesText on the text layer of a protocol that Protokoll rendered (docs/documents.md)', () => {
  const rendered = [
    'Sjöbygdens kommunalförbund\t1 (3)', '', 'PROTOKOLL', 'Förbundsstyrelsen', 'Sammanträdesdatum 2024-09-26', '',
    'Plats och tid\tMicrosoft Teams', '\ttorsdag 26 september 2024, kl. 09.00–15.30', '\tSammanträdet hölls digitalt', '',
    'Beslutande', 'Åsa Ödmark (S), Norrsjö kommun, ordförande',
    'Ingvar Åström (S), Åbyns kommun, tjänstgörande ersättare för Lena Höglund', '',
    'Övriga deltagare', 'Sofia Ärlig (L), Gråbergs kommun, ledamot, ej beslutande, på distans, §§ 31–33',
    'Per Lind (M), Gråbergs kommun, ej tjänstgörande ersättare', 'Karl-Åke Lindqvist, Sjöbygdens kommunalförbund, sekreterare', '',
    'Justerare\tMärta Åkesson', '', 'Paragrafer\t§§ 31–32', '', 'Underskrifter', '', 'Sekreterare\tKarl-Åke Lindqvist',
    '\tSignerat 2024-10-02 kl. 14.05 (UTC+02:00)', '', '\tJusterandes signatur\tUtdragsbestyrkande', '',
    'Sjöbygdens kommunalförbund\tPROTOKOLL\t2 (3)', 'Förbundsstyrelsen\tSammanträdesdatum 2024-09-26', '',
    '§ 31 Tertialuppföljning', 'Dnr SBF 2024/31', 'Föredragande: Göran Nyström',
    'Beslut Förbundsstyrelsen beslutar att - godkänna uppföljningen. Bakgrund Uppföljningen visar ett', '',
    '\tJusterandes signatur\tUtdragsbestyrkande', '', 'Sjöbygdens kommunalförbund\tPROTOKOLL\t3 (3)',
    'Förbundsstyrelsen\tSammanträdesdatum 2024-09-26', '', 'överskott.', '',
    'Beslut', 'Förbundsstyrelsen beslutar att', '– godkänna uppföljningen.', 'Bilaga: Tjänsteskrivelse 35', '',
    '§ 32 Information', 'Förbundsdirektören informerar om läget.',
  ].join('\n');
  const minutes = parseMinutesText(rendered);

  it('reads "Sammanträdet hölls digitalt" as a fully digital meeting, not as part of the place', () => {
    expect(minutes.meeting).toEqual({ date: '2024-09-26', start: '09:00', end: '15:30', location: 'Microsoft Teams', remote: true });
  });

  it('reads "ej beslutande" and "ej tjänstgörande ersättare" as not deciding, and § ranges with hyphens', () => {
    expect(minutes.attendees.map((a) => [a.name, a.role, a.voting, a.remote, a.paragraphs, a.represents])).toEqual([
      ['Åsa Ödmark', 'chair', true, false, null, 'Norrsjö kommun'],
      ['Ingvar Åström', 'substitute', true, false, null, 'Åbyns kommun'],
      ['Sofia Ärlig', 'member', false, true, '31-33', 'Gråbergs kommun'],
      ['Per Lind', 'substitute', false, false, null, 'Gråbergs kommun'],
      ['Karl-Åke Lindqvist', 'secretary', null, false, null, 'Sjöbygdens kommunalförbund'],
    ]);
    expect(minutes.attendees[1]!.servingFor).toBe('Lena Höglund');
  });

  it('takes the signing time from the "Signerat" line below the signer', () => {
    expect(minutes.signatures).toContainEqual({ role: 'secretary', name: 'Karl-Åke Lindqvist', signedAt: '2024-10-02T14:05:00+02:00' });
  });

  it('removes the running page headers and joins the sentence they split', () => {
    expect(minutes.organization).toBe('Sjöbygdens kommunalförbund');
    expect(minutes.items[0]!.text).toContain('Uppföljningen visar ett överskott.');
    expect(minutes.items[0]!.text).not.toContain('PROTOKOLL');
  });

  it('reads the decisions once, and ends them at the "Bilaga:" line', () => {
    expect(minutes.items[0]!.decisions).toEqual(['godkänna uppföljningen.']);
    expect(minutes.items[0]!.attachments).toEqual(['Tjänsteskrivelse 35']);
    expect(minutes.items[0]!.presenters).toEqual(['Göran Nyström']);
  });
});

describe('parseMinutesText on layouts of other bodies', () => {
  it('turns "ej § 35" into the §§ attended within the stated range, and reads a bare "för X" of a serving substitute', () => {
    const text = [
      'Protokoll', 'Socialnämnden', 'Sammanträdesdatum 2023-04-18', 'Paragrafer 31–39', '', 'Beslutande', 'Ledamöter\tAnna Berg (S), ej § 35',
      'Tjänstgörande ersättare\tBo Ek (S) för Anna Berg (S), § 35', '', '§ 31 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    const [anna, bo] = parseMinutesText(text).attendees;
    expect(anna).toMatchObject({ name: 'Anna Berg', voting: true, paragraphs: '31-34, 36-39', represents: null });
    expect(bo).toMatchObject({ name: 'Bo Ek', role: 'substitute', voting: true, paragraphs: '35', servingFor: 'Anna Berg' });
  });

  it('reads "Namn, parti, kommun" lists with the party written bare', () => {
    const text = 'Protokoll Direktionen\nDatum: 2024-02-29\nNärvarande:\nLisa Holm, S, Kvarnby, ordförande\nPer Dal, M, Ekeby\n\n§ 1 Öppnande\nMötet öppnas.';
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.party, a.represents, a.role])).toEqual([
      ['Lisa Holm', 'S', 'Kvarnby', 'chair'], ['Per Dal', 'M', 'Ekeby', 'member'],
    ]);
  });

  it('reads numbered points of notes without § signs as items without a number', () => {
    const text = [
      'Minnesanteckningar', 'Nätverket för skolchefer', 'Datum: 2024-03-12', 'Deltagare: Anna Berg (Ekeby kommun), Bo Ek (Lindås kommun)', '',
      '1. Inledning', 'Anna Berg hälsar välkomna.', '', '2. Rutiner', 'Gruppen ställer sig bakom rutinen.', '1. Första steget', '',
      '3. Nästa möte', 'Nästa möte hålls i maj.',
    ].join('\n');
    const minutes = parseMinutesText(text);
    expect(minutes.items.map((i) => [i.number, i.title, i.decisions])).toEqual([
      [null, 'Inledning', []], [null, 'Rutiner', ['Gruppen ställer sig bakom rutinen.']], [null, 'Nästa möte', []],
    ]);
    expect(minutes.attendees.map((a) => [a.name, a.represents])).toEqual([['Anna Berg', 'Ekeby kommun'], ['Bo Ek', 'Lindås kommun']]);
    expect(minutes.paragraphRange).toBeNull();
  });

  it('does not take a numbered list in a report without a meeting header for notes', () => {
    expect(() => parseMinutesText('Årsrapport 2020\n\n1. Inledning\nText.\n\n2. Ekonomi\nText.\n')).toThrow(InputError);
  });
});


describe('parseMinutesText keeps general rules, not the seeds', () => {
  it('keeps two people with the same name but different parties, and merges a name written with and without a middle name', () => {
    const text = [
      'Protokoll Kulturnämnden', 'Datum 2024-02-01', 'Beslutande', 'Anna Ek (S), ordförande', 'Anna Ek (M)', 'Bo Lind Al (C)',
      'Övriga deltagare', 'Bo Al, sekreterare', '', '§ 1 Val av justerare', 'Till justerare utses Anna Ek (M).',
    ].join('\n');
    const people = parseMinutesText(text).attendees.map((a) => [a.name, a.party]);
    expect(people).toEqual([['Anna Ek', 'S'], ['Anna Ek', 'M'], ['Bo Lind Al', 'C']]);
  });

  it('takes "ska" or "kan" away from a decision only when it governs the deciding verb', () => {
    const text = [
      'Protokoll Styrelsen', 'Datum 2024-02-01', '',
      '§ 1 Dagordning', 'Dagordningen godkänns med de ärenden som ska behandlas.', '',
      '§ 2 Budget', 'Budgeten ska fastställas i november. Ordföranden frågar om ärendet kan avgöras i dag och finner att styrelsen beslutar så.', '',
      '§ 3 Lokaler', 'Förvaltningen kan antas behöva nya lokaler. Informationen läggs till handlingarna.',
    ].join('\n');
    expect(parseMinutesText(text).items.map((i) => i.decisions)).toEqual([
      ['Dagordningen godkänns med de ärenden som ska behandlas.'],
      [],
      ['Informationen läggs till handlingarna.'],
    ]);
  });
});
