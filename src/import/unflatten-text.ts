/**
 * Text flattened to one line (web text extraction, document portals) has lost its line breaks: headings,
 * attendance and §§ run together. This pre-pass puts the breaks back where the vocabulary and order of Swedish
 * minutes say a line starts (header labels, § headings, subheadings, bullets, the end of a § title), so the
 * normal line-based pipeline can read it. Every pattern is anchored on a fixed word or sign and looks back a
 * bounded distance, so the pass stays linear in the length of the text.
 */
import { LABELS } from './lexicon/header-labels.ts';
import { OTHER_HEADINGS } from './lexicon/section-headings.ts';
import { KNOWN_PARTIES } from './lexicon/parties.ts';
import { isJobTitle } from './lexicon/roles.ts';
import { isPersonName } from './person-names.ts';
import { breakBesideTabs, nameRoleSpans, REPORT_SIGNER, splitNameList, splitNamesAndRoles, splitSpacedRows, splitTableLines } from './unflatten-rows.ts';

/** Fewer than one line break per this many characters: the text has been flattened. */
const CHARACTERS_PER_BREAK = 300;

/** Whether the text has (almost) no line breaks left, so its structure must be found from its words. */
export function isFlattenedText(text: string): boolean {
  if (text.length < CHARACTERS_PER_BREAK) return false;
  let breaks = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++breaks * CHARACTERS_PER_BREAK >= text.length) return false;
  }
  return true;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Labels that start a line even without a colon: several words, or a word that rarely starts a sentence in
 * capitals. Others ("Tid", "Plats", "Datum", "Övriga", "Lokal") need a colon, since they also start sentences
 * and § titles ("Övriga frågor").
 */
const BARE_LABEL = new Set([
  'beslutande', 'ledamöter', 'ersättare', 'närvarande', 'närvarolista', 'deltagare', 'justerare', 'justerande',
  'protokollsjusterare', 'protokolljusterare', 'sekreterare', 'ordförande', 'underskrifter', 'paragrafer',
  'sammanträdesdatum', 'mötesdatum', 'justeringsdatum', 'tjänstepersoner', 'förvaringsplats', 'justeras',
  'frånvarande', 'innehållsförteckning', 'sammanträdesplats', 'mötesplats', 'antecknare', 'protokollförare',
]);

const labelWords = LABELS.map(([label]) => label)
  .filter((l) => /^\p{L}/u.test(l))
  .sort((a, b) => b.length - a.length);
const bareLabels = labelWords.filter((l) => l.includes(' ') || BARE_LABEL.has(l));
const LABEL_WITH_COLON = new RegExp(String.raw`(?<=\s)(?:${labelWords.map((l) => escape(capitalised(l))).join('|')})(?=\s*:)`, 'gu');
const LABEL_BARE = new RegExp(String.raw`(?<=[^\s(][ \t]+)(?:${bareLabels.map((l) => escape(capitalised(l))).join('|')})(?=[ \t]+[\p{Lu}\d§])`, 'gu');
/** After a tab these head a column of the row ("Utsedd av:<TAB>Beslutande<TAB>Närvaro"), not a new line. */
const COLUMN_HEADING = /^(?:Beslutande|Närvarande|Ersättare|Ledamöter|Deltagare|Sekreterare|Ordförande|Justerare|Justerande)$/u;
/** A § number followed at once by a label has no title, so it is a value ("Övriga deltagare: … § 18 Paragrafer: …"). */
const LABEL_AFTER = new RegExp(String.raw`^\s+(?:${labelWords.map((l) => escape(capitalised(l))).join('|')})(?:\s*:|[ \t]+(?=[\p{Lu}\d§]))`, 'u');
/** Short labels that also start sentences, taken without a colon only before a value of their kind. */
const SHORT_LABEL =
  /(?<=\S\s+)(?:(?:Tid|Datum|Justering|Sammanträdestid|Mötestid)(?=\s+(?:\d|kl\b|(?:[Mm]ån|[Tt]is|[Oo]ns|[Tt]ors|[Ff]re|[Ll]ör|[Ss]ön)dag))|(?:Plats|Lokal)(?=\s+\p{Lu}))/gu;
/** ANSLAG/BEVIS boxes and "Vid protokollet" close the minutes; "Justerandes signatur" is page furniture. */
const BOX_WORDS = /(?<=\s)(?:ANSLAG(?:\s*\/\s*BEVIS)?|BEVIS|Vid protokollet|Justerandes sign\p{L}*:?|Utdragsbestyrkande:?|Rätt utdraget intygar)(?![\p{L}])/gu;

/** "PROTOKOLL 1(5) Hälso- och sjukvårdsnämnden", "Sida 2 av 7 Styrelsen": a page number ends the header's first line. */
const PAGE_NUMBER = /(?<=\s)(?:\d{1,3}\s?\(\d{1,3}\)|Sida \d{1,3} av \d{1,3})(?=[ ]+\p{Lu})/gu;

/** Subheadings inside a § that stand alone on their line: "Beslut", "Styrelsens beslut", "Förslag till beslut". */
const SECTION_WORDS = [
  'beslut', 'förslag till beslut', 'beslutsförslag', 'förslag', ...OTHER_HEADINGS.filter((h) => !['information', 'status', 'paus', 'anteckning', 'samverkan', 'ärendet'].includes(h)),
].sort((a, b) => b.length - a.length);
const SECTION_HEADING = new RegExp(
  String.raw`(?<=[^\s]\s+)(?<!(?:§\s*\d{1,4}|\d{1,4}\s*§|Paragraf\s+\d{1,4})[.:]?\s+)((?:\p{Lu}\p{Ll}*(?:-?\s+och\s+\p{Ll}+)?s(?:\s+\p{Ll}+s)?\s+(?:beslut|förslag(?: till beslut)?))|(?:${SECTION_WORDS.map((h) => escape(capitalised(h))).join('|')}))(?:\s*(:))?(?=\s+(?:\p{Lu}|att\s|[-•]\s))`,
  'gu',
);

/**
 * "§ 12", "KS § 12", "39 §", "Paragraf 12" followed by a title or a Dnr. Only a prefix in capitals: a mixed-case one
 * ("Ksau") could be the end of a name before a § reference ("Bo Al § 1").
 */
const PARAGRAPH_HEADING = /(?<=\s)(?:\p{Lu}{2,6}\s+)?(?:(?<!§)§\s*\d{1,4}(?![\d-])|\d{1,4}\s*§(?!§)|Paragraf\s+\d{1,4})(?:\s*[.:])?(?=\s+(?:\p{Lu}|Dnr|"|”))/gu;
/** "Ärende 3 Val av justerare", "Punkt 4 – Ekonomi": the numbered items of small bodies' minutes without §. */
const POINT_HEADING = /(?<=\S[ ]+)(?:Ärende|Punkt)[ ]+\d{1,3}(?:[ ]*[.:–-])?(?=[ ]+\p{Lu})/gu;
/** Words after which "§ 12" is a reference in running text, not a heading. */
const REFERENCE_BEFORE = /(?:^|[\s(])(?:enligt|i|och|samt|se|till|från|jfr\.?|av|under|om|vid|med|kl\.?|den|ej|för|§§)\s*$|[,–-]\s*$|\d\s*$/iu;

/** Bullets ("- Lägga …", "• att …") and numbered points of notes ("2. Lägesbild"). */
const BULLET = /(?<=\S)\s+(?=[-•▪●]\s+\p{L})/gu;
/** "[X] Anna Ek (S) [ ] Bo Al (M)": each checkbox starts an entry of an attendance list. */
const CHECKBOX = /(?<=\S)[ \t]+(?=\[\s*[xX✓✔]?\s*\][ \t]|[☒☑☐][ \t])/gu;
const NUMBERED_POINT = /(?<=[.!?:)]|\p{Ll})\s+(?=(?:Punkt\s+)?\d{1,2}[.)]\s+\p{Lu})/gu;

/** Words that end a § title in flattened text: the start of a sentence ("Styrelsen beslutar", "Till justerare utses"). */
const TITLE_CONTINUES_AFTER = /^(?:och|i|av|för|till|från|om|med|på|vid|inom|mot|samt|enligt|över|under|inför|kring|efter|hos|som|mellan|utan|the|&|–|-)$/iu;
/** Capitalised words that open a sentence even when a function word follows ("Till justerare utses …"). */
const SENTENCE_OPENER = /^(?:Till|I|Under|Efter|Vid|Med|Inför|Enligt|Det|Den|De|En|Ett|Inga?|Ingen|Man|Vi|Nästa|Samtliga|Alla)$/u;

/** Puts a line break before and after the known landmarks of minutes in text that has none. */
export function unflattenText(text: string): string {
  let out = breakBesideTabs(text).replace(/ {2,}/gu, '\n\n');
  out = out.replace(PARAGRAPH_HEADING, (m, offset: number, whole: string) => (isHeadingAt(whole, offset, m) ? `\n${m}` : m));
  out = out.replace(POINT_HEADING, '\n\n$&');
  out = out.replace(DNR_ABOVE_HEADING, '\n$&');
  out = out.replace(LABEL_WITH_COLON, '\n$&');
  const pairs = [...nameRoleSpans(out), ...headerRowSpans(out)];
  out = out.replace(LABEL_BARE, (m, offset: number, whole: string) => {
    if (pairs.some(([from, to]) => offset >= from && offset < to)) return m;
    return whole[offset - 1] === '\t' && (COLUMN_HEADING.test(m) || whole[offset + m.length] === '\t') ? m : `\n${m}`;
  });
  out = out.replace(SHORT_LABEL, '\n$&').replace(BOX_WORDS, '\n$&\n').replace(PAGE_NUMBER, '$&\n');
  out = out.replace(SECTION_HEADING, (_m, heading: string, colon: string | undefined) => (colon ? `\n${heading}:` : `\n${heading}\n`));
  out = out.replace(LOG_TITLE, '\n').replace(LOG_EVENT, '\n').replace(REPORT_TITLE, '\n').replace(REPORT_SIGNER, '\n');
  out = out.replace(BULLET, '\n').replace(NUMBERED_POINT, '\n\n').replace(CHECKBOX, '\n');
  out = breakBeforePartyEntries(splitTableLines(out.split('\n')).join('\n'));
  out = out.replace(SIGNING_ROLE_AFTER_NAME, '\n').replace(AFTER_SIGNATURES_LABEL, '\n');
  const lines = out.split('\n').map((line) => splitAttClauses(splitTitleLine(splitSpacedRows(splitNameList(splitNamesAndRoles(line))))));
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0) lines[first] = splitTitleBlock(lines[first]!);
  return lines.join('\n');
}

/** "Olivia Sand Ordförande<TAB>____": in a signature block with rules, a role word after a name starts a row. */
const SIGNING_ROLE_AFTER_NAME = /(?<=\p{Ll})[ ](?=(?:Sekreterare|Ordförande|Vice ordförande|Justerare|Justerande)(?:\t|[ ]+[._…]{3,}))/gu;
/** "Underskrifter Sekreterare<TAB>…": the label of the signature block stands on a line of its own. */
const AFTER_SIGNATURES_LABEL = /(?<=(?:^|\s)Underskrifter)[ ]+(?=(?:Sekreterare|Ordförande|Justerare|Justerande)(?![\p{L}]))/gu;
/** "… beslutar att …", "… beslutar – att …": a decision whose clauses were lines of their own. */
const DECIDES_ATT = /\b(?:beslutar|beslöt|beslutade|besluta)(?:[ ]+(?:för egen del|enligt följande))?:?[ ]+(?=(?:[–-][ ]+)?att[ ])/u;
/** "… beslutar att 1. anta …, 2. …": the clauses numbered after a lone "att". */
const NUMBERED_ATT = /\b(?:beslutar|beslöt|beslutade|besluta|föreslår \p{Ll}+)[ ]+att:?[ ]+(?=1[.)][ ])/u;
const NEXT_NUMBERED = /(?<=[,;]|^)[ ]*(?=\d{1,2}[.)][ ]+\p{Ll})/gu;
/** The next clause of such a decision: ", att …", "; att …", "– att …". */
const NEXT_ATT = /(?<=[,;])[ ]+(?=(?:[–-][ ]+)?att[ ])|[ ]+(?=[–-][ ]+att[ ])/gu;

/**
 * "Direktionen beslutar att fastställa budgeten, att godkänna planen.": each att-clause on a line of its own,
 * as minutes print them, so the decision reads as its clauses. Only after a verb of deciding, in that sentence.
 */
function splitAttClauses(line: string): string {
  const numbered = NUMBERED_ATT.exec(line);
  if (numbered) {
    // "beslutar att 1. anta …, 2. den …": "att" ends the verb's line, each numbered clause gets its own.
    const start = numbered.index + numbered[0].length;
    const rest = line.slice(start);
    const end = /[.!?][ ]+(?=\p{Lu})/u.exec(rest);
    const clauses = end ? rest.slice(0, end.index + 1) : rest;
    const after = end ? rest.slice(end.index + end[0].length) : '';
    return `${line.slice(0, start).trimEnd()}\n${clauses.replace(NEXT_NUMBERED, '\n')}${after ? `\n${after}` : ''}`;
  }
  const m = DECIDES_ATT.exec(line);
  if (!m) return line;
  const start = m.index + m[0].length;
  const rest = line.slice(start);
  // The clauses run to the end of the sentence: a full stop followed by a capital.
  const end = /[.!?][ ]+(?=\p{Lu})/u.exec(rest);
  const clauses = end ? rest.slice(0, end.index + 1) : rest;
  const after = end ? rest.slice(end.index + end[0].length) : '';
  // One clause stays on the line of its verb, as minutes print a one-clause decision.
  NEXT_ATT.lastIndex = 0;
  if (!NEXT_ATT.test(clauses)) return line;
  return `${line.slice(0, start).trimEnd()}\n${clauses.replace(NEXT_ATT, '\n')}${after ? `\n${after}` : ''}`;
}

/**
 * "Ersättare Parti Tjänstgörande Närvarande": the header row of an attendance table, whose column names are
 * not labels of lines of their own. Its span, after its first word, where no label may break the line.
 */
const HEADER_ROW = /(?<=(?:^|\s)(?:Ledamöter|Ersättare|Beslutande|Närvarande|Namn|Tjänstgörande ersättare|Beslutande ledamöter|Närvarande ledamöter|Närvarande ersättare)(?::)?)(?:[ ](?:Namn|Parti|Kommun|Funktion|Roll|Tjänstgörande|Närvarande|Närvaro|Beslutande|Organisation|Ersätter|Utsedd av:?)(?![\p{L}])){2,6}/gu;
function headerRowSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(HEADER_ROW)].map((m) => [m.index, m.index + m[0].length]);
}

/** "Lövsjö kommun Kommunstyrelsen", "NORRVIKS KOMMUN": a municipality's name ends before the body's. */
const AFTER_MUNICIPALITY = /(?<=\p{L}[ ](?:kommun|stad|KOMMUN|STAD))[ \t]+(?=\p{Lu})/gu;
/** "Socialnämnden Åsbacka kommun", "styrelsesammanträde Mossberga hembygdsförening": the body, then the organisation. */
const AFTER_BODY = /(?<=(?:nämnden|styrelsen|direktionen|rådet|utskottet|fullmäktige|sammanträde|NÄMNDEN|STYRELSEN|DIREKTIONEN))[ \t]+(?=\p{Lu}\p{Ll}+(?:[ ]\p{L}+)?[ ](?:kommun|stad|region|\p{Ll}*förening|\p{Ll}*förbund)(?![\p{L}]))/gu;
/** The document's kind ("Protokoll", "Minnesanteckningar") stands apart from the organisation before it. */
const BEFORE_KIND = /(?<=\S)[ \t]+(?=(?:PROTOKOLL|Protokoll|Sammanträdesprotokoll|SAMMANTRÄDESPROTOKOLL|Protokollsutdrag|PROTOKOLLSUTDRAG|Minnesanteckningar|MINNESANTECKNINGAR|Anteckningar)(?![\p{L}]))/gu;
/** "PROTOKOLL Socialnämnden": the kind alone, then the body (not "Protokoll fört vid …", nor a date). */
const AFTER_KIND = /(?<=^|\s)(?:PROTOKOLL|Protokoll|SAMMANTRÄDESPROTOKOLL|Sammanträdesprotokoll|MINNESANTECKNINGAR|Minnesanteckningar)[ \t]+(?=\p{Lu}\p{L}*(?:-|[ ]och[ ]|[ ]\p{Ll}|[ ]\p{Lu}|$|\s))/gu;
/** "Nr 2/2025", "5/2025": the running number of the meeting ends its cell. */
const MEETING_NUMBER = /(?<=(?:^|\s)(?:Nr\.?[ ])?\d{1,2}\/\d{4})[ \t]+(?=\p{Lu})/gu;
/** "Tisdagen den 9 mars 2010 kl. 19.00 i Bygdegården": the meeting's day starts a line of its own. */
const WEEKDAY_START = /(?<=\S)[ ]+(?=(?:Måndag|Tisdag|Onsdag|Torsdag|Fredag|Lördag|Söndag)(?:en)?[ ](?:den[ ])?\d)/gu;

/**
 * The title block the first line ran together: organisation, kind of document, body and meeting number, each
 * on a line of its own as a cover page prints them. Only the first line, where such a block stands.
 */
function splitTitleBlock(line: string): string {
  if (line.length > 400) return line;
  return line
    .replace(BEFORE_KIND, '\n')
    .replace(AFTER_KIND, (m) => `${m.trimEnd()}\n`)
    .replace(AFTER_MUNICIPALITY, '\n')
    .replace(AFTER_BODY, '\n')
    .replace(MEETING_NUMBER, '\n')
    .replace(WEEKDAY_START, '\n');
}

/** "… handlingarna. Dnr TN 2025/07 § 8 Taxa": a layout that prints the Dnr above its § heading. */
const DNR_ABOVE_HEADING = /(?<=\S[ ]+)Dnr\.?:?[ ]+(?:\p{Lu}{1,6}[ ]+)?[\p{L}\d./:-]*\d[\p{L}\d./:-]*(?=[ ]*\n(?:\p{Lu}{2,6}[ ]+)?§)/gu;
const AFTER_DNR = /Dnr\.?:?\s+(?:\p{Lu}{1,6}\s+)?[\p{L}\d./:-]*\d[\p{L}\d./:-]*\s*$/u;
/** A § number after a page number of a table of contents ("dagordning ..... 3 § 16 Föregående …") starts an entry. */
const CONTENTS_PAGE_BEFORE = /(?:\.{3,}|\t)\s*\d{1,3}\s*$/u;
/** "förbundsstrateg § 18 Elsy Ek, avdelningen …": the §§ an attendee was present for, before the next attendee. */
const ATTENDEE_AFTER = new RegExp(String.raw`^\s+\p{Lu}[\p{Ll}'’-]+(?:[ ]\p{Lu}[\p{Ll}'’-]+){1,2},`, 'u');

/**
 * Whether "§ 12" at `offset` starts a heading: not a reference in running text ("enligt § 5"), not a cell of a
 * table row (a tab before it), not a value (a label right after it, or an attendee's §§ in a list).
 */
function isHeadingAt(text: string, offset: number, match: string): boolean {
  const before = text.slice(Math.max(0, offset - 12), offset);
  if (before.endsWith('\t')) return false;
  const afterDnr = AFTER_DNR.test(text.slice(Math.max(0, offset - 30), offset));
  if (REFERENCE_BEFORE.test(before) && !CONTENTS_PAGE_BEFORE.test(before) && !afterDnr) return false;
  const after = text.slice(offset + match.length, offset + match.length + 60);
  if (LABEL_AFTER.test(after)) return false;
  return !(/\p{Ll}\s$/u.test(before) && ATTENDEE_AFTER.test(after));
}

const HEADING_START = /^\s*(?:(?:\p{Lu}{2,6}|\p{Lu}\p{Ll}{1,4})\s+)?(?:§\s*\d{1,4}|\d{1,4}\s*§|Paragraf\s+\d{1,4}|(?:Ärende|Punkt)\s+\d{1,3}(?:\s*[–-])?|(?:Punkt\s+)?\d{1,2}[.)])(?:\s*[.:])?\s+/u;

/**
 * "§ 12 Val av justerare Styrelsen utser Anna Ek" → the heading, then the text: the title ends before the first
 * capitalised word that starts a sentence (followed by a lower-case word, not after a preposition), or before a
 * Dnr, within the first twelve words.
 */
function splitTitleLine(line: string): string {
  const start = HEADING_START.exec(line);
  if (!start) return line;
  const rest = line.slice(start[0].length);
  // "§ 45 Dnr RUN 2023/101 Val av justerare …": the Dnr stays on the heading line, the title goes below it.
  if (/^Dnr\b/u.test(rest)) {
    const words = rest.split(' ');
    const n = dnrLength(words, 0);
    const after = words.slice(n).join(' ');
    return `${start[0]}${words.slice(0, n).join(' ')}${after ? `\n${splitTitleText(after)}` : ''}`;
  }
  return `${start[0]}${splitTitleText(rest)}`;
}

/** A title followed by the § text on the same line → the title, a line break, the text. */
function splitTitleText(rest: string): string {
  const words = rest.split(' ');
  // A short line without a full stop is the title alone: the subheading or Dnr after it was already broken off.
  if (words.length <= 12 && !/[.!?]\s/u.test(rest) && !/[.!?]$/u.test(rest.trim())) return rest;
  // "Ansökan om medel för projektet Steget vidare, Dnr …": a Dnr right after the title ends it, even when a name
  // in the title looks like the start of a sentence.
  const dnrAt = words.findIndex((w, i) => i > 0 && i < 14 && /^Dnr\b/u.test(w) && /,$/u.test(words[i - 1]!));
  const titleWords = dnrAt > 0 ? words.slice(0, dnrAt) : [];
  if (dnrAt > 0 && !titleWords.some((w) => /[.!?]$/u.test(w))) {
    const dnrEnd = dnrLength(words, dnrAt);
    const after = words.slice(dnrAt + dnrEnd).join(' ');
    return `${titleWords.join(' ').replace(/,$/u, '')}\t${words.slice(dnrAt, dnrAt + dnrEnd).join(' ')}${after ? `\n${after}` : ''}`;
  }
  for (let i = 0; i < Math.min(words.length - 1, 14); i++) {
    const word = words[i]!;
    if (i > 0 && /^Dnr\b/u.test(word)) {
      const dnrEnd = dnrLength(words, i);
      const before = words.slice(0, i).join(' ');
      const dnr = words.slice(i, i + dnrEnd).join(' ');
      const after = words.slice(i + dnrEnd).join(' ');
      return `${before}\t${dnr}${after ? `\n${after}` : ''}`;
    }
    const next = words[i + 1] ?? '';
    // "Val av justerare Oskar Lund (M) utses …": a name with its party, then a verb, opens the sentence.
    if (i > 0 && /^\p{Lu}\p{Ll}/u.test(word) && isPersonName(`${word} ${next}`) && /^\([\p{L}]{1,4}\)$/u.test(words[i + 2] ?? '') && /^\p{Ll}/u.test(words[i + 3] ?? '')) {
      return `${words.slice(0, i).join(' ')}\n${words.slice(i).join(' ')}`;
    }
    // "Föregående anteckningar Anteckningarna från …": a capital after a lower-case word that is no function
    // word opens a sentence even before a preposition.
    const afterLowerWord = i > 0 && /^\p{Ll}{3,}$/u.test(words[i - 1]!) && !TITLE_CONTINUES_AFTER.test(words[i - 1]!);
    const startsSentence =
      /^\p{Lu}\p{Ll}/u.test(word) &&
      /^\p{Ll}/u.test(next) &&
      (SENTENCE_OPENER.test(word) || afterLowerWord || !TITLE_CONTINUES_AFTER.test(next));
    if (i > 0 && startsSentence && !TITLE_CONTINUES_AFTER.test(words[i - 1]!)) {
      // "Val av justerare Niklas Tell utses …": the sentence starts with the whole name, not its surname.
      const first = words[i - 1]!;
      const withName = i > 1 && /^\p{Lu}\p{Ll}/u.test(first) && (i === 2 || !/^\p{Lu}/u.test(words[i - 2]!)) && isPersonName(`${first} ${word}`);
      // "… rapport Förbundsdirektör Jens Kullberg informerar": a job title before the name opens the sentence.
      const withTitle = i > 2 && isPersonName(`${first} ${word}`) && /^\p{Lu}\p{Ll}+$/u.test(words[i - 2]!) && isJobTitle(words[i - 2]!);
      // "… sommaren 2025 Kultur- och fritidschef Eva Ek redovisar": a compound title, "X- och Y", before the name.
      const withCompoundTitle =
        i > 4 && isPersonName(`${first} ${word}`) && isJobTitle(words[i - 2]!) && words[i - 3] === 'och' && /^\p{Lu}\p{Ll}+-$/u.test(words[i - 4]!);
      const at = withCompoundTitle ? i - 4 : withTitle ? i - 2 : withName ? i - 1 : i;
      return `${words.slice(0, at).join(' ')}\n${words.slice(at).join(' ')}`;
    }
  }
  return rest;
}

/** "Dnr KS 2025/123" or "Dnr 2025/45": the label and one or two words after it. */
function dnrLength(words: string[], at: number): number {
  let n = 1;
  if (words[at + n] && /^[\p{Lu}]{1,6}$/u.test(words[at + n]!)) n++;
  if (words[at + n] && /\d/u.test(words[at + n]!)) n++;
  // An archive code after the number ("Dnr SFL 2025/14 1.2.1") belongs to it.
  if (words[at + n] && /^\d{1,2}(?:\.\d{1,3}){1,3}$/u.test(words[at + n]!)) n++;
  return n;
}

/** "Anna Ek (S)": two capitalised words and a party in parentheses. */
// After spaces only: a name after a tab is a cell of a table row (an Ersätter column).
// Not after "för"/"ersätter": "ersättare för Bo Al (M)" names whom the person serves for.
const PARTY_ENTRY = /(?<=[^\n\]☒☑☐])(?<!(?:^|[ \t])(?:för|ersätter))[ ]+(?=\p{Lu}[\p{L}'’-]+ \p{Lu}[\p{L}'’-]+,? \((?:\p{Lu}[\p{Lu}\p{Ll}]{0,4}|\p{Ll}{1,3})\))/gu;

/**
 * "Lisa Holm, S, Kvarnby, ordförande Per Ek, M, Ekeby": entries written "Name, party, place" run together; a
 * name followed by a party's letters between commas starts the next entry.
 */
const COMMA_PARTY_ENTRY = new RegExp(
  String.raw`(?<=\p{L}|\))[ ]+(?=\p{Lu}[\p{L}'’-]+ \p{Lu}[\p{L}'’-]+, (?:${[...KNOWN_PARTIES].sort((a, b) => b.length - a.length).join('|')})(?:,|$|\s))`,
  'gu',
);

/** "Verifikat Transaktion 0922…", "Signerare": the report an e-signing service appends starts on a new line. */
const REPORT_TITLE = /(?<=\S)[ ]+(?=(?:Verifikat[ ]+Transaktion|Signerare)(?![\p{L}]))/gu;
/** "Elektronisk justering – händelselogg", "Signeringslogg": the title of a signing log closing the minutes. */
const LOG_TITLE = /(?<=\S)[ ]+(?=(?:Elektronisk justering|Signeringslogg|Händelselogg|Justeringslogg)(?![\p{L}]))/gu;
/** "2025-03-20 09:12 Frida Lund, sekreterare, signerade": each event of a signing log starts a line. */
const LOG_EVENT = /(?<=\S)[ ]+(?=\d{4}-\d{2}-\d{2}[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?[ ]+\p{Lu}[^,\n]{2,60},[ ]*[^,\n]{3,40},[ ]*(?:signerade|signerat|justerade|justerat|godkände|signed)\b)/giu;

/**
 * Attendance run together ("Peder Ek (S), Sundsvall ordf. Anna Ål (C), Umeå"): each "Name (Party)" starts an
 * entry. Only above the first § heading, where the attendance lists are, so a name in running text stays put.
 */
function breakBeforePartyEntries(text: string): string {
  // The first § heading that is not an entry of a table of contents ("§ 58 Val av justerare ..... 2").
  const headings = text.matchAll(/\n\s*(?:(?:\p{Lu}{2,6}|\p{Lu}\p{Ll}{1,4})\s+)?(?:§\s*\d|\d{1,4}\s*§)[^\n]*/gu);
  let end = text.length;
  for (const h of headings) {
    if (/(?:\.{3,}|\t)\s*\d{1,3}\s*$/u.test(h[0])) continue;
    end = h.index;
    break;
  }
  return text.slice(0, end).replace(PARTY_ENTRY, '\n').replace(COMMA_PARTY_ENTRY, '\n') + text.slice(end);
}
