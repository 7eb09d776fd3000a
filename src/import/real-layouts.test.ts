/**
 * Layout features of real Swedish minutes that the fixtures added in November 2026 brought in: each test
 * holds one feature in a few lines, so a regression names the feature rather than a whole document.
 */
import { describe, expect, it } from 'vitest';
import { splitPeopleCells, contextFor, pairedColumnsOf, parseAttendanceEntry, spacedHeaderOf, spacedRowCells } from './attendance.ts';
import { parseTimeRange, parseSigningTime } from './dates.ts';
import { bodyOfMeetingPhrase } from './header.ts';
import { parseMinutesText } from './index.ts';
import { tenseOfItem } from './item.ts';
import { inlineDecisionOf, isCouncilProposalHeading, isProposalHeading } from './lexicon/section-headings.ts';
import { isOrganisationName } from './lexicon/bodies.ts';
import { findHeadings } from './segment.ts';

const header = ['Protokoll', 'Kommunstyrelsen', 'Lövsjö kommun', 'Sammanträdesdatum 2025-02-03', ''];

describe('§ headings with the body abbreviation in front', () => {
  it('reads "KS § 12" with the title on the next line and "BUN § 3<TAB>Dnr …" on one line', () => {
    const text = [...header, 'KS § 12', 'Val av justerare', 'Anna Ek utses att justera.', '', 'KS § 13\tDnr KS 2025/4', 'Budget 2026', 'Budgeten antas.'].join('\n');
    const items = parseMinutesText(text).items;
    expect(items.map((i) => [i.number, i.title, i.caseNumber])).toEqual([
      [12, 'Val av justerare', null],
      [13, 'Budget 2026', 'KS 2025/4'],
    ]);
  });

  it('takes a mixed-case prefix ("Ksau § 5") only when it recurs, so a sentence start is not a heading', () => {
    expect(findHeadings(['Ksau § 5', 'Titel', 'Ksau § 6', 'Titel']).map((h) => h.number)).toEqual([5, 6]);
    expect(findHeadings(['Se § 5 Kommunallagen för detta.'])).toEqual([]);
  });
});

describe('decisions', () => {
  it('reads "Beslut: …" on the heading line, with att-clauses continuing below', () => {
    expect(inlineDecisionOf('Beslut: Dagordningen godkänns.')).toBe('Dagordningen godkänns.');
    expect(inlineDecisionOf('Nämndens beslut: att anta planen')).toBe('att anta planen');
    expect(inlineDecisionOf('Förslag till beslut: att anta planen')).toBeUndefined();
    const text = [...header, '§ 1 Riktlinjer', 'Beslut: att anta riktlinjerna, samt', 'att de gäller från 1 januari 2025.', '', 'Expedieras: IFO'].join('\n');
    expect(parseMinutesText(text).items[0]!.decisions).toEqual(['anta riktlinjerna, samt', 'de gäller från 1 januari 2025.']);
  });

  it('reads the board\'s proposal to the council as its decision when there is no "Beslut" heading', () => {
    expect(isCouncilProposalHeading('Kommunstyrelsens förslag till kommunfullmäktige')).toBe(true);
    expect(isCouncilProposalHeading('Arbetsutskottets förslag till kommunstyrelsen')).toBe(false);
    expect(isProposalHeading('Arbetsutskottets förslag till kommunstyrelsen')).toBe(true);
    expect(isProposalHeading('Förslag till reviderat reglemente')).toBe(false);
    const text = [
      ...header, '§ 3 Reglemente', 'Arbetsutskottets förslag till kommunstyrelsen', 'Kommunstyrelsen föreslår fullmäktige att anta reglementet.', '',
      'Kommunstyrelsens förslag till kommunfullmäktige', 'Kommunfullmäktige beslutar att', '1. anta reglementet,', '2. reglementet gäller från 1 april.',
    ].join('\n');
    expect(parseMinutesText(text).items[0]!.decisions).toEqual(['anta reglementet,', 'reglementet gäller från 1 april.']);
  });

  it('does not take the sentence that reports a vote for a decision, and reads "noterar informationen"', () => {
    const text = [
      ...header, '§ 4 Upphandling', 'Omröstning', 'Med 5 ja-röster mot 1 nej-röst beslutar nämnden att avgöra ärendet i dag.', '',
      'Socialnämnden beslutar', '• att upphandla platser.', '', '§ 5 Information', 'Socialnämnden noterar informationen.',
    ].join('\n');
    expect(parseMinutesText(text).items.map((i) => i.decisions)).toEqual([['upphandla platser.'], ['Socialnämnden noterar informationen.']]);
  });
});

describe('attendance vocabulary', () => {
  it('reads "Övriga deltagande" as staff and "Närvarande beslutande" with role words before the names', () => {
    const text = [
      ...header, 'Närvarande beslutande', 'Ordförande\tBirgitta Holm (S)', 'Ledamot\tCamilla Borg (C)', '', 'Övriga deltagande', 'Thomas Ek, kommundirektör', '',
      '§ 1 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.role, a.voting])).toEqual([
      ['Birgitta Holm', 'chair', true], ['Camilla Borg', 'member', true], ['Thomas Ek', 'official', null],
    ]);
  });

  it('splits a list printed in two columns, but not a name beside its title', () => {
    expect(splitPeopleCells('Rebecka Lind (S), ordförande\tHugo Wall (M)')).toEqual(['Rebecka Lind (S), ordförande', 'Hugo Wall (M)']);
    expect(splitPeopleCells('Kristina Malm\tsocialchef')).toEqual(['Kristina Malm\tsocialchef']);
  });

  it('reads "ersättare för X" among the deciding as serving for X, and not in a list of substitutes', () => {
    expect(parseAttendanceEntry('Nora Alm (V), ersättare för Oskar Ljung (S)', contextFor('voting')!)?.attendee).toMatchObject({
      role: 'substitute', voting: true, servingFor: 'Oskar Ljung',
    });
    expect(parseAttendanceEntry('Nora Alm (V), ersättare för Oskar Ljung (S)', contextFor('substitutes')!)?.attendee.servingFor).toBeUndefined();
  });

  it('splits a one-line list at each "Name (Party)" and reads parties written in lower case', () => {
    const text = [...header, 'Beslutande: Anna Ek (S), ordförande, Bo Al (M), Gun Berg (kd)', '', '§ 1 Öppnande', 'Mötet öppnas.'].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.party, a.role])).toEqual([
      ['Anna Ek', 'S', 'chair'], ['Bo Al', 'M', 'member'], ['Gun Berg', 'kd', 'member'],
    ]);
  });

  it('takes §§ out of an organisation cell and keeps people of a Namn/Organisation table as members', () => {
    const text = [
      'Minnesanteckningar', 'Nätverket för folkhälsa', 'Datum: 2025-01-15', '', 'Närvarande', 'Namn\tOrganisation', 'Amanda Öst\tTorvala kommun',
      'Carina Lax\tRegion Mälardalen, §§ 1-3', '', '1. Välkommen', 'Text.', '', '2. Nästa möte', 'Text.',
    ].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.represents, a.role, a.paragraphs])).toEqual([
      ['Amanda Öst', 'Torvala kommun', 'member', null], ['Carina Lax', 'Region Mälardalen', 'member', '1-3'],
    ]);
  });
});

describe('header', () => {
  it('finds the body in "Protokoll fört vid styrelsens sammanträde"', () => {
    expect(bodyOfMeetingPhrase('fört vid styrelsens sammanträde')).toBe('Styrelsen');
    expect(bodyOfMeetingPhrase('direktionens möte')).toBe('Direktionen');
    expect(bodyOfMeetingPhrase('vid förra årets möte')).toBeUndefined();
  });

  it('reads a bare end hour after a full time, but not an earlier hour', () => {
    expect(parseTimeRange('kl. 9.30–12, förbundets kontor')).toEqual({ start: '09:30', end: '12:00' });
    expect(parseTimeRange('kl 13-16.')).toEqual({ start: '13:00', end: '16:00' });
    expect(parseTimeRange('kl. 14.00-9')).toEqual({ start: '14:00', end: null });
  });

  it('reads an e-signing stamp printed as a Swedish date and time in winter time', () => {
    expect(parseSigningTime('2024-03-18 14:02')).toBe('2024-03-18T14:02:00+01:00');
  });

  it('keeps a break line under "Plats och tid" out of the place, and a capitalised title takes the Organ spelling', () => {
    const text = [
      'KOMMUNSTYRELSEN', 'Plats och tid\tRegionens hus, sal A, kl. 09.00–15.30', '\tAjournering för lunch 12.00–13.00', 'Organ\tKommunstyrelsen',
      'Sammanträdesdatum 2024-09-24', '', '§ 1 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    const minutes = parseMinutesText(text);
    expect(minutes.meeting).toMatchObject({ location: 'Regionens hus, sal A', start: '09:00', end: '15:30' });
    expect(minutes.body).toBe('Kommunstyrelsen');
  });
});

describe('signatures', () => {
  it('reads roles side by side over dotted lines and names, after a secretary signed by row', () => {
    const text = [
      ...header, '§ 1 Öppnande', 'Mötet öppnas.', '', 'Underskrifter\tSekreterare\t.............', '\t\tVera Malm', '', '\tOrdförande\t\tJusterare',
      '\t.............\t.............', '\tRebecka Lind\tHugo Wall',
    ].join('\n');
    expect(parseMinutesText(text).signatures.map((s) => [s.role, s.name])).toEqual([
      ['secretary', 'Vera Malm'], ['chair', 'Rebecka Lind'], ['adjuster', 'Hugo Wall'],
    ]);
  });

  it('does not take the role word under "Vid protokollet" and a name for a second, unnamed secretary', () => {
    const text = [...header, '§ 1 Öppnande', 'Mötet öppnas.', '', 'Vid protokollet', '', 'Petra Holm', 'sekreterare'].join('\n');
    expect(parseMinutesText(text).signatures).toEqual([{ role: 'secretary', name: 'Petra Holm', signedAt: null }]);
  });
});

describe('items', () => {
  it('ends a decision at "Protokollsutdrag till" and at an unknown subheading with its text below', () => {
    const text = [
      ...header, '§ 1 Budget', 'Beslut', 'Kommunstyrelsen beslutar att anta budgeten.', 'Protokollsutdrag till', 'Ekonomiavdelningen', '',
      '§ 2 Taxor', 'Beslut', '1. Taxorna antas.', '2. Uppdrag ges.', '', 'Vad taxorna omfattar', 'Förvaltningen har sett över taxorna.',
    ].join('\n');
    expect(parseMinutesText(text).items.map((i) => i.decisions)).toEqual([
      ['Kommunstyrelsen beslutar att anta budgeten.'], ['Taxorna antas.', 'Uppdrag ges.'],
    ]);
  });

  it('reads a case number in parentheses at the end of the title, but not a period of years', () => {
    const text = [...header, '§ 1 Budget 2025 (KS 2024/12)', 'Budgeten antas.', '', '§ 2 Verksamhetsplan (2025-2027)', 'Planen antas.'].join('\n');
    expect(parseMinutesText(text).items.map((i) => [i.title, i.caseNumber])).toEqual([
      ['Budget 2025', 'KS 2024/12'], ['Verksamhetsplan (2025-2027)', null],
    ]);
  });

  it('reads a Dnr with a slash after the prefix and joins a title cell wrapped beside its Dnr cell', () => {
    const text = [...header, '§ 16 Handlingsprogram för skydd mot olyckor\tDnr HSN/2024:455', '2024–2027', 'Programmet har varit på samråd.'].join('\n');
    expect(parseMinutesText(text).items[0]).toMatchObject({ title: 'Handlingsprogram för skydd mot olyckor 2024–2027', caseNumber: 'HSN/2024:455' });
  });
});

/*
 * Layout features of the second round of fixtures (a Ciceron-style kommunstyrelse, a samordningsförbund with a
 * side-by-side list and a signing report, a miljöförbund direktion, a region arbetsutskott, a fullmäktige extract
 * and notes with "Punkt 1 –" points).
 */
describe('page furniture of continued §§ and running headers', () => {
  it('drops a § heading repeated on the next page ("§ 25 (forts.)", "RSAU § 47 forts.") and reads on', () => {
    const text = [
      ...header, '§ 25 Uppföljning', 'Ekonomin redovisas och det', '', '§ 25 (forts.)', '', 'ser bra ut.', '', 'RSAU § 26', 'Budget', 'Text om',
      'RSAU § 26 forts.', 'budgeten.', '', '§ 27 Fortsatt arbete med planen', 'Planen antas.',
    ].join('\n');
    const items = parseMinutesText(text).items;
    expect(items.map((i) => [i.number, i.title, i.text])).toEqual([
      [25, 'Uppföljning', 'Ekonomin redovisas och det ser bra ut.'], [26, 'Budget', 'Text om budgeten.'], [27, 'Fortsatt arbete med planen', 'Planen antas.'],
    ]);
  });

  it('drops the title lines a page header repeats below it, and "Justerarnas signaturer"', () => {
    const page = (n: number) => [`Region Norrskog\tPROTOKOLL\tSida ${n}(3)`, 'Regionstyrelsens arbetsutskott', '2025-03-11'];
    const text = [
      ...page(1), 'Plats och tid\tRegionens hus, kl 08:30–11:45', '', 'RSAU § 1', 'Budget', 'Budgeten', 'Justerarnas signaturer', '', ...page(2),
      'godkänns.', 'Justerarnas signaturer', '', ...page(3), 'RSAU § 2', 'Övrigt', 'Inget.',
    ].join('\n');
    const minutes = parseMinutesText(text);
    expect(minutes.body).toBe('Regionstyrelsens arbetsutskott');
    expect(minutes.items.map((i) => i.text)).toEqual(['Budgeten godkänns.', 'Inget.']);
  });
});

describe('attendance labels in two columns', () => {
  it('reads "Beslutande⇥Ledamöter" and "Övriga närvarande⇥Ersättare" as a heading over the list below it', () => {
    const text = [
      ...header, 'Beslutande\tLedamöter', '\tAnna Ek (S), ordf.', '\tBo Al (M)', '\tTjänstgörande ersättare', '\tCia Berg (S) ersätter Dan Ek (S)',
      '', 'Övriga närvarande\tErsättare', '\tEva Lund (L)', '\tTjänstepersoner', '\tFia Holm, kommundirektör', '', '§ 1 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.role, a.voting])).toEqual([
      ['Anna Ek', 'chair', true], ['Bo Al', 'member', true], ['Cia Berg', 'substitute', true], ['Eva Lund', 'substitute', null],
      ['Fia Holm', 'official', null],
    ]);
  });

  it('gives each column of a "Ledamöter⇥Ersättare" list its own role, with cells a PDF wrapped joined again', () => {
    const text = [
      ...header, 'Närvarande', 'Ledamöter\tErsättare', 'Anna Ek (S), Lövsjö kommun,\tBo Al (C), Tallby kommun', 'ordförande',
      'Cia Berg (M), Region Norrskog, vice\tDan Holm, Försäkringskassan, tjänstgörande (på', 'ordförande\tdistans)', 'Eva Lind, Arbetsförmedlingen',
      '', '§ 1 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.role, a.represents, a.voting, a.remote])).toEqual([
      ['Anna Ek', 'chair', 'Lövsjö kommun', null, false], ['Bo Al', 'substitute', 'Tallby kommun', null, false],
      ['Cia Berg', 'vice-chair', 'Region Norrskog', null, false], ['Dan Holm', 'substitute', 'Försäkringskassan', true, true],
      ['Eva Lind', 'member', 'Arbetsförmedlingen', null, false],
    ]);
  });

  it('reads "antecknare" in a list entry as the secretary', () => {
    expect(parseAttendanceEntry('Elin Holm, Kommunförbundet Norrskog, antecknare', contextFor('present')!)?.attendee).toMatchObject({
      role: 'secretary', represents: 'Kommunförbundet Norrskog',
    });
  });
});

describe('organisations and bodies', () => {
  it('reads any förbund by its kind as an organisation, and "Styrelsemöte i X" as the board of X', () => {
    expect(isOrganisationName('Miljöförbundet Norrskog')).toBe(true);
    expect(isOrganisationName('Sydnärkes utbildningsförbund')).toBe(true);
    expect(isOrganisationName('Förbundets kansli')).toBe(false);
    const text = ['PROTOKOLL\tNr 2/2025', 'Styrelsemöte i Samordningsförbundet Lövsjödalen', 'Datum\t2025-03-14', '', '§ 1 Öppnande', 'Mötet öppnas.'].join('\n');
    expect(parseMinutesText(text)).toMatchObject({ organization: 'Samordningsförbundet Lövsjödalen', body: 'Styrelsen' });
  });
});

describe('decisions and votes', () => {
  it('reads "tar del av informationen", "tar informationen till protokollet", "ger X i uppdrag" and "avger yttrande" as decisions', () => {
    const text = [
      ...header, '§ 1 Info', 'Anna Ek informerar. Styrelsen tar del av informationen.', '', '§ 2 Info', 'Direktionen tar informationen till protokollet.', '',
      '§ 3 Rapport', 'Styrelsen ger förbundschefen i uppdrag att återkomma i maj.', '', '§ 4 Remiss', 'Nämnden avger yttrande enligt förslaget.', '',
      '§ 5 Läget', 'Förvaltningen har i uppdrag att utreda frågan.',
    ].join('\n');
    expect(parseMinutesText(text).items.map((i) => i.decisions)).toEqual([
      ['Styrelsen tar del av informationen.'], ['Direktionen tar informationen till protokollet.'],
      ['Styrelsen ger förbundschefen i uppdrag att återkomma i maj.'], ['Nämnden avger yttrande enligt förslaget.'], [],
    ]);
  });

  it('takes the question of a vote without its lead-in, and "Med 27 ja-röster … beslutar" as the result', () => {
    const text = [
      ...header, '§ 1 Taxa', 'Omröstning', 'Fullmäktige godkänner följande voteringsproposition: Ja-röst för bifall, nej-röst för avslag.', '',
      'Omröstningsresultat', 'Med 27 ja-röster mot 14 nej-röster beslutar fullmäktige att bifalla förslaget.',
    ].join('\n');
    expect(parseMinutesText(text).items[0]!.votes).toEqual([
      { question: 'Ja-röst för bifall, nej-röst för avslag.', yes: 27, no: 14, abstain: null, result: 'Med 27 ja-röster mot 14 nej-röster beslutar fullmäktige att bifalla förslaget.' },
    ]);
  });

  it('names a person who "redogör för" the matter as a presenter', () => {
    const text = [...header, '§ 1 Budget', 'Ekonomidirektör Isak Nord redogör för konsekvenserna.'].join('\n');
    expect(parseMinutesText(text).items[0]!.presenters).toEqual(['Isak Nord']);
  });
});

describe('the end of the minutes', () => {
  it('cuts a signing report ("Verifikat", "Transaktion …") off and takes the signing times from it, with seconds', () => {
    const text = [
      ...header, '§ 1 Öppnande', 'Mötet öppnas.', '', 'Vid protokollet', '', 'Gun Berg', 'Sekreterare', '', 'Verifikat', 'Transaktion 09222115557538291734', '',
      'Signerare', '', 'Gun Berg (GB)', 'gun.berg@example.se', 'Signerade 2025-03-17 09:13:10 CET (+0100)',
    ].join('\n');
    const minutes = parseMinutesText(text);
    expect(minutes.signatures).toEqual([{ role: 'secretary', name: 'Gun Berg', signedAt: '2025-03-17T09:13:10+01:00' }]);
    expect(minutes.items[0]!.text).toBe('Mötet öppnas.');
  });

  it('reads "Justerat den 3 mars 2025" and "Rätt utdraget intygar" after the last § of an extract as its trailer', () => {
    const text = [
      'Tallby kommun\tPROTOKOLLSUTDRAG', 'Kommunfullmäktige\tSammanträdesdatum\t2025-02-24', '', 'KF § 12\tDnr KS 2024/311', 'Taxa', 'Taxan antas.', '',
      'Justerat den 3 mars 2025', '', 'Rätt utdraget intygar', '', 'Maria Holm', 'kommunsekreterare',
    ].join('\n');
    const minutes = parseMinutesText(text);
    expect(minutes.adjustment).toEqual({ adjusters: [], date: '2025-03-03', place: null });
    expect(minutes.items[0]!.text).toBe('Taxan antas.');
    expect(minutes.attendees).toEqual([]);
  });

  it('reads an anslag sentence that a PDF wrapped over two lines', () => {
    const text = [
      ...header, 'Protokollet är justerat. Anslaget publiceras på regionens digitala anslagstavla 2025-03-14 och tas', 'ned 2025-04-07.', '',
      '§ 1 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    expect(parseMinutesText(text).notice).toEqual({ postedFrom: '2025-03-14', postedUntil: '2025-04-07', storage: null });
  });
});

describe('points of notes', () => {
  it('reads "Punkt 1 – Välkommen" as a numbered point', () => {
    const text = ['Anteckningar', 'Länsgruppen för psykisk hälsa', 'Mötesdatum: 2025-04-02', '', 'Punkt 1 – Välkommen', 'Dagordningen godkänns.', '',
      'Punkt 2 – Nästa möte', 'Den 4 juni.'].join('\n');
    expect(parseMinutesText(text).items.map((i) => [i.number, i.title])).toEqual([[null, 'Välkommen'], [null, 'Nästa möte']]);
  });
});

describe('minutes written in the past tense', () => {
  const past = ['Protokoll från sammanträde med förbundsstyrelsen', 'Utbildningsförbundet Norrskog', 'Tid: Måndag 3/3 2025, kl. 13.15–16.00', ''];

  it('reads preterite decisions, but not a preterite about an earlier meeting, and takes the body from "Sammanträde med …"', () => {
    const text = [
      ...past, '§ 1 Dagordning', 'Dagordningen godkändes.', '', '§ 2 Justerare', 'Till justerare valdes Bo Al.', '', '§ 3 Årsredovisning',
      'Styrelsen beslutade vid sitt sammanträde i oktober att överskottet ska gå till lärarlyft. Styrelsen tackade för informationen.', '',
      '§ 4 Analys', 'Förbundsdirektören fick i uppdrag att ta fram en analys till nästa sammanträde.',
    ].join('\n');
    const minutes = parseMinutesText(text);
    expect(minutes).toMatchObject({ body: 'Förbundsstyrelsen', organization: 'Utbildningsförbundet Norrskog' });
    expect(minutes.items.map((i) => i.decisions)).toEqual([
      ['Dagordningen godkändes.'], ['Till justerare valdes Bo Al.'], ['Styrelsen tackade för informationen.'],
      ['Förbundsdirektören fick i uppdrag att ta fram en analys till nästa sammanträde.'],
    ]);
  });

  it('keeps the preterite a report in minutes written in the present tense', () => {
    const text = [...header, '§ 1 Budget', 'Fullmäktige beslutade att anta budgeten.', 'Styrelsen godkänner rapporten.', '', '§ 2 Plan', 'Planen godkänns.'].join('\n');
    expect(parseMinutesText(text).items.map((i) => i.decisions)).toEqual([['Styrelsen godkänner rapporten.'], ['Planen godkänns.']]);
  });
});

describe('attendance and presenters written in other ways', () => {
  it('reads "(tjänstgörande för X §§ 7–9)" in parentheses', () => {
    expect(parseAttendanceEntry('Gustav Ivarsson (S), Tallby kommun (tjänstgörande för David Falk §§ 7–9)', contextFor('substitutes')!)?.attendee).toMatchObject({
      represents: 'Tallby kommun', servingFor: 'David Falk', paragraphs: '7-9', voting: true,
    });
    expect(parseAttendanceEntry('Jonas Berg (M), ersätter Eva Dahl (M), § 4', contextFor('serving-substitutes')!)?.attendee.servingFor).toBe('Eva Dahl');
  });

  it('names "Lisa Sten från Skolverket presenterade …" as a presenter, but not someone who only welcomes', () => {
    const text = [...header, '§ 1 Statistik', 'Lisa Sten från Skolverket presenterade statistiken.', '', '§ 2 Öppnande',
      'Anna Berg hälsar välkomna och går igenom dagordningen.'].join('\n');
    expect(parseMinutesText(text).items.map((i) => i.presenters)).toEqual([['Lisa Sten'], []]);
  });

  it('does not take "__proto__" in a title for a meeting word', () => {
    expect(() => parseMinutesText('__proto__\nDatum 2025-01-01\n\n§ 1 Öppnande\nMötet öppnas.')).not.toThrow();
  });
});

describe('minutes written with single spaces where cells were', () => {
  it('reads "Tid kl. 13.00–15.10" after a bare label, and a title line parted at its document-type word or date label', () => {
    const text = ['Tallby kommun PROTOKOLLSUTDRAG', 'Kommunfullmäktige Sammanträdesdatum 2025-02-24', 'Tid kl. 13.00–15.10', '', '§ 1 Öppnande', 'Mötet öppnas.'].join('\n');
    const m = parseMinutesText(text);
    expect([m.organization, m.body, m.meeting.date, m.meeting.start, m.meeting.end]).toEqual([
      'Tallby kommun', 'Kommunfullmäktige', '2025-02-24', '13:00', '15:10',
    ]);
  });

  it('reads an attendance table whose header and rows have no tabs', () => {
    expect(spacedHeaderOf('Beslutande ledamöter Parti Kommun Närvarande', 'required')?.kinds).toEqual(['party', 'represents', 'present']);
    expect(spacedHeaderOf('Agneta Fors Holmby kommun', 'required')).toBeUndefined();
    expect(spacedRowCells('Kerstin Alm, ordförande S Granby X', ['party', 'represents', 'present'])).toEqual(['Kerstin Alm, ordförande', 'S', 'Granby', 'X']);
    expect(spacedRowCells('Helena Rask S Ivar Blom (S)', ['party', 'servingFor'])).toEqual(['Helena Rask', 'S', 'Ivar Blom (S)']);
    const text = [
      ...header, 'Ledamöter: Utsedd av: Beslutande Närvaro', 'Cristine Berg (C) Region Nordanå X', 'Henrik Mo Arbetsförmedlingen',
      'Lars Nord (S) Tallby kommun (Närvaro på distans §§ 10-12)', '', '§ 10 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.party, a.represents, a.voting, a.remote, a.paragraphs])).toEqual([
      ['Cristine Berg', 'C', 'Region Nordanå', true, false, null], ['Lars Nord', 'S', 'Tallby kommun', false, true, '10-12'],
    ]);
  });

  it('pairs names and roles of a signature row without tabs, and takes a registry case number from the end of a title', () => {
    const text = [...header, '§ 6 Revisionsberättelse för 2024 MN 2025.011', 'Informationen läggs till handlingarna.', '', 'Underskrifter', 'Kerstin Alm Oskar Lund', 'ordförande justerare'].join('\n');
    const m = parseMinutesText(text);
    expect(m.items[0]).toMatchObject({ title: 'Revisionsberättelse för 2024', caseNumber: 'MN 2025.011' });
    expect(m.signatures.map((s) => [s.role, s.name])).toEqual([['chair', 'Kerstin Alm'], ['adjuster', 'Oskar Lund']]);
  });
});

describe('tables that pair each member with a personal substitute', () => {
  it('reads "Kommun⇥Ledamot⇥Närv.⇥Ersättare⇥Närv.": each person with a mark, the kommun for both, row by row', () => {
    const text = [
      ...header, 'Närvaro', 'Kommun\tLedamot\tNärv.\tErsättare\tNärv.', 'Lövsjö kommun\tAnna Ek (S)\tX\tBo Al (M)\t',
      'Tallby kommun\tCia Berg (C)\t\tDan Holm (S)\tX', '', '§ 1 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.party, a.represents, a.role, a.voting])).toEqual([
      ['Anna Ek', 'S', 'Lövsjö kommun', 'member', null], ['Dan Holm', 'S', 'Tallby kommun', 'substitute', null],
    ]);
  });

  it('reads "Ledamöter⇥Parti⇥Närv⇥Ersättare⇥Parti⇥Tjg" on the label\'s row: a Tjg mark makes the substitute deciding', () => {
    const text = [
      ...header, 'Ledamöter\tParti\tNärv\tErsättare\tParti\tTjg', 'Anna Ek\tS\tX\tBo Al\tS\t', 'Cia Berg\tM\t\tDan Holm\tM\tX',
      'Eva Lund\tC\tX\tFia Sten\tC\tNej', '', '§ 1 Öppnande', 'Mötet öppnas.',
    ].join('\n');
    expect(parseMinutesText(text).attendees.map((a) => [a.name, a.party, a.role, a.voting])).toEqual([
      ['Anna Ek', 'S', 'member', null], ['Dan Holm', 'M', 'substitute', true], ['Eva Lund', 'C', 'member', null],
    ]);
    expect(pairedColumnsOf('Ledamot\tParti\tNärvaro\tBeslutande')).toBeUndefined();
  });
});

describe('role words stacked above the names', () => {
  it('gives the role on its own line to the person below it in an attendance list', () => {
    const text = [
      ...header, 'Närvarande', 'Ordförande', 'Anna Ek (S)', '2:e vice ordförande', 'Bo Al (M)', 'Ledamot', 'Cia Berg (C)', 'Sekreterare',
      'Dan Holm, kommunkansliet', '', '§ 1 Öppnande', 'Mötet öppnas.', '', 'Underskrifter', '', 'Sekreterare', 'Dan Holm', '', 'Ordförande', 'Anna Ek',
    ].join('\n');
    const m = parseMinutesText(text);
    expect(m.attendees.map((a) => [a.name, a.role])).toEqual([
      ['Anna Ek', 'chair'], ['Bo Al', 'vice-chair'], ['Cia Berg', 'member'], ['Dan Holm', 'secretary'],
    ]);
    expect(m.signatures.map((s) => [s.role, s.name])).toEqual([['secretary', 'Dan Holm'], ['chair', 'Anna Ek']]);
  });
});

describe('case numbers as registries write them', () => {
  it('drops an archive code after the number and reads dotted, slashed, colon and serial numbers', () => {
    const text = [
      ...header, '§ 1 Budget, Dnr KS 2025/123 1.4.2', 'Text.', '', '§ 2 Plan', 'Dnr 2025/45-109', 'Text.', '', '§ 3 Taxa', 'Dnr: SN 2024/0056', 'Text.',
      '', '§ 4 Avtal Dnr KS 2025.0123', 'Text.', '', '§ 5 Remiss, Dnr KS/2025:123', 'Text.', '', '§ 6 Riktlinjer', 'Dnr 2025-000123 (2.3)', 'Text.',
    ].join('\n');
    expect(parseMinutesText(text).items.map((i) => [i.title, i.caseNumber])).toEqual([
      ['Budget', 'KS 2025/123'], ['Plan', '2025/45-109'], ['Taxa', 'SN 2024/0056'], ['Avtal', 'KS 2025.0123'], ['Remiss', 'KS/2025:123'],
      ['Riktlinjer', '2025-000123'],
    ]);
  });
});

describe('items numbered without a § sign', () => {
  it('reads "Ärende 3 Title", "Punkt 4 Title" and "Ärende 5: Title" as numbered points of a small body', () => {
    for (const word of ['Ärende', 'Punkt', 'Ärendepunkt']) {
      const text = [...header, `${word} 1 Mötets öppnande`, 'Ordföranden öppnar mötet.', '', `${word} 2: Budget`, 'Budgeten fastställs.'].join('\n');
      expect(parseMinutesText(text).items.map((i) => [i.number, i.title])).toEqual([[null, 'Mötets öppnande'], [null, 'Budget']]);
    }
  });

  it('reads §§ written "Paragraf 12" and "§1."', () => {
    expect(findHeadings(['Paragraf 12 Val av justerare', 'Text.', 'Paragraf 13 Budget']).map((h) => [h.number, h.rest])).toEqual([
      [12, 'Val av justerare'], [13, 'Budget'],
    ]);
    expect(findHeadings(['Paragraf 5 i förbundsordningen gäller.'])).toEqual([]);
    expect(findHeadings(['§1. Val av justerare', '§2. Budget']).map((h) => h.number)).toEqual([1, 2]);
  });
});

describe('decision tense per §', () => {
  it('reads a passive preterite as the decision of a § written in the past in present-tense minutes, but not an active report', () => {
    const text = [
      ...header, '§ 1 Dagordning', 'Dagordningen godkänns.', '', '§ 2 Protokoll', 'Föregående protokoll gicks igenom och godkändes.', '',
      '§ 3 Information', 'Förbundschefen berättade att direktionen beslutade om nya taxor.', '', '§ 4 Budget', 'Budgeten antogs av fullmäktige tidigare i år. Nämnden noterar informationen.',
      '', '§ 5 Val', 'Bo Al utses att justera.', '', '§ 6 Plan', 'Planen fastställs.',
    ].join('\n');
    expect(parseMinutesText(text).items.map((i) => i.decisions)).toEqual([
      ['Dagordningen godkänns.'], ['Föregående protokoll gicks igenom och godkändes.'], [], ['Nämnden noterar informationen.'],
      ['Bo Al utses att justera.'], ['Planen fastställs.'],
    ]);
    expect(tenseOfItem(['Rapporten lades till handlingarna.'], false)).toBe('passive');
    expect(tenseOfItem(['Rapporten lades till handlingarna.', 'Styrelsen beslutar att anta planen.'], false)).toBe(false);
  });
});

describe('signatures printed without a signature label', () => {
  it('reads names over role words after the last § as the signature block, with tabs or single spaces', () => {
    for (const [names, roles] of [['Ida Wall\tOla Sund', 'ordförande\tsekreterare'], ['Ida Wall Ola Sund', 'ordförande sekreterare']]) {
      const text = [...header, 'Närvarande: Ida Wall, ordförande, Ola Sund, sekreterare', '', '§ 1 Öppnande', 'Beslut:', 'Mötet öppnas.', '', names, roles].join('\n');
      const m = parseMinutesText(text);
      expect(m.signatures.map((s) => [s.role, s.name])).toEqual([['chair', 'Ida Wall'], ['secretary', 'Ola Sund']]);
      expect(m.items[0]!.decisions).toEqual(['Mötet öppnas.']);
    }
  });

  it('reads a row of roles on the label line over names written surname first', () => {
    const text = [
      ...header, 'Närvarande', 'Wall, Ida', 'Sund, Ola', 'Berg, Kim', '', '§ 1 Öppnande', 'Mötet öppnas.', '', 'Ordförande\tJusterare', 'Wall, Ida\tBerg, Kim',
    ].join('\n');
    expect(parseMinutesText(text).signatures.map((s) => [s.role, s.name])).toEqual([['chair', 'Ida Wall'], ['adjuster', 'Kim Berg']]);
  });

  it('takes the signatures and their times from an electronic signing log when nothing else names them', () => {
    const text = [
      ...header, 'Närvarande: Ida Wall, ordförande', '', '§ 1 Öppnande', 'Mötet öppnas.', '', 'Signeringslogg',
      '2025-02-04 08.05 Ola Sund, sekreterare, signerade', '2025-02-05 17:30 Ida Wall, ordförande, signerade',
    ].join('\n');
    expect(parseMinutesText(text).signatures).toEqual([
      { role: 'secretary', name: 'Ola Sund', signedAt: '2025-02-04T08:05:00+01:00' },
      { role: 'chair', name: 'Ida Wall', signedAt: '2025-02-05T17:30:00+01:00' },
    ]);
  });
});

describe('signature blocks whose tabs were lost', () => {
  it('reads a row of roles over rules and names on one line, and a role after a name before its rule', () => {
    const rows = [...header, 'Närvarande: Ida Wall, ordförande', '', '§ 1 Öppnande', 'Mötet öppnas.', '', 'Underskrifter', 'Sekreterare Ordförande Justerare',
      '.............. .............. .............. Ola Sund Ida Wall Kim Berg'];
    expect(parseMinutesText(rows.join('\n')).signatures.map((s) => [s.role, s.name])).toEqual([
      ['secretary', 'Ola Sund'], ['chair', 'Ida Wall'], ['adjuster', 'Kim Berg'],
    ]);
    const flat = `Protokoll Nämnden Datum: 2025-01-01 ${'x '.repeat(150)} § 1 Öppnande Mötet öppnas. Underskrifter Sekreterare ______ Ola Sund Ordförande ______ Ida Wall Justerare ______ Kim Berg`;
    expect(parseMinutesText(flat).signatures.map((s) => [s.role, s.name])).toEqual([
      ['secretary', 'Ola Sund'], ['chair', 'Ida Wall'], ['adjuster', 'Kim Berg'],
    ]);
  });
});
