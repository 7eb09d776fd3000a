/**
 * Attendance: the people an attendance section lists as present, with party, organisation, role, voting,
 * remote participation and limited §§. Handles one person per line, several people run together on one
 * line ("Anna Ek, Lövsjö kommun Bo Al, Tallby kommun"), and tables with X columns.
 */
import type { Attendee, AttendeeRole } from '../domain/minutes.ts';
import { type HeaderField, matchHeaderLabel } from './lexicon/header-labels.ts';
import { isKnownParty, isPartyToken } from './lexicon/parties.ts';
import { ATTENDEE_ROLE_PATTERNS, GUEST_PATTERN, isJobTitle, STACKED_ROLE } from './lexicon/roles.ts';
import { isPersonName, leadingName, trailingName } from './person-names.ts';
import type { HeaderSection } from './header-sections.ts';

export interface SectionContext {
  role: AttendeeRole;
  voting: boolean | null;
  /** In a mixed list (000's "Närvaro"), people without a party are staff. */
  staffWithoutParty: boolean;
}

export function contextFor(field: HeaderField): SectionContext | undefined {
  switch (field) {
    case 'voting':
      return { role: 'member', voting: true, staffWithoutParty: false };
    case 'members':
      return { role: 'member', voting: null, staffWithoutParty: false };
    case 'serving-substitutes':
      return { role: 'substitute', voting: true, staffWithoutParty: false };
    case 'substitutes':
      return { role: 'substitute', voting: null, staffWithoutParty: false };
    case 'non-serving-substitutes':
      return { role: 'substitute', voting: false, staffWithoutParty: false };
    case 'present':
      return { role: 'member', voting: null, staffWithoutParty: true };
    case 'others':
      return { role: 'official', voting: null, staffWithoutParty: false };
    default:
      return undefined;
  }
}

/** "§§ 18, 19, 26", "§ 22", "§§10-12", "paragraf 5–7". */
const PARAGRAPH_MARK =
  /(?:§§?|\bparagraf(?:er(?:na)?)?)\s*(\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*(?:,|och|&)\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*)/iu;
const REMOTE_MARK =
  /\(?\s*(?:närvaro|närvarande|deltar|deltog|deltagande|deltagit|medverkar|med)?\s*(?:på|via)\s+(?:distans|teams|zoom|skype|länk|videolänk|video|telefon|webben)\s*\)?|\(?\s*(?:distansdeltagande|distansnärvaro|på distans|digitalt)\s*\)?/iu;
const SERVING_FOR =
  /(?:tjänstgör(?:ande)?\s+(?:ersättare\s+)?(?:för|i stället för|istället för|som ersättare för)|ersätter|ers\.?\s+för|i stället för|istället för)\s+((?:[^()]|\([^()]*\))+?)\s*(?=$|[,;\t)]|§)/iu;
const SERVING_FOR_BARE = /(?<![\p{L}])för\s+(\p{Lu}(?:[^()]|\([^()]*\))*?)\s*(?=$|[,;\t)]|§)/u;
/** Cheap pre-checks that spare the full patterns on most entries. */
const EXCEPT_BEFORE = /(?:^|[\s,(])(?:ej|utom|ej närvarande|ej närvarande vid|frånvarande|ej deltagande i)\s*$/iu;
/** Marks a § list of an absence ("ej § 35") until the document's § range is known. */
export const EXCEPT_PREFIX = 'ej ';
const VOTING_HINT = /beslutande|tjänstgör/i;
const NOT_VOTING = /(?<![\p{L}])(?:ej|icke|inte)\s+(?:beslutande|tjänstgörande)(?![\p{L}])/iu;
const VOTING = /(?<![\p{L}])(?:beslutande|tjänstgörande)(?![\p{L}])/iu;
const REMOTE_HINT = /distans|teams|zoom|skype|länk|video|telefon|webb|digital/i;
const SERVING_HINT = /tjänstgör|ersätter|ers\.|stället/i;
/** "ersättare för X" among the deciding members: serving for X (elsewhere it can name a personal substitute). */
const SUBSTITUTE_FOR = /(?<![\p{L}])ersättare\s+för\s+(\p{Lu}(?:[^()]|\([^()]*\))*?)\s*(?=$|[,;\t)]|§)/u;
const ROLE_HINT = /ordf|sekr|protokollf|anteckn|ers|ledamot/i;
const PARENTHESISED = /\(\s*([^()]{1,8}?)\s*\)/gu;
const MARK_CELL = /^(?:x|✓|✔|ja|j|•|\*)$/iu;
const NEGATIVE_CELL = /^(?:-|–|nej|n|frånvarande|ej närvarande|0)$/iu;

interface ParsedEntry {
  attendee: Attendee;
  explicitRole: boolean;
  /** Made an official only because a mixed list gave no party. */
  staffByMissingParty: boolean;
}

/** Parses one person's entry; undefined when the text does not start with a person's name. */
export function parseAttendanceEntry(raw: string, context: SectionContext): ParsedEntry | undefined {
  let text = raw.replace(/[*_]+/gu, ' ').replace(/\s+$/u, '');
  let paragraphs: string | null = null;
  const paragraphMark = PARAGRAPH_MARK.exec(text);
  if (paragraphMark) {
    // Written without § signs and with hyphens: "§§ 10–12" → "10-12".
    paragraphs = paragraphMark[1]!.replace(/\s+/gu, ' ').replace(/\s*[–—]\s*/gu, '-').trim();
    let start = paragraphMark.index;
    // "ej § 35", "utom §§ 3-4": present except those; the parser turns it into the §§ attended.
    const except = EXCEPT_BEFORE.exec(text.slice(0, start));
    if (except) {
      paragraphs = `${EXCEPT_PREFIX}${paragraphs}`;
      start = except.index;
    }
    text = text.slice(0, start) + ' ' + text.slice(paragraphMark.index + paragraphMark[0].length);
  }
  // "ej beslutande", "ej tjänstgörande ersättare": present, not deciding; "tjänstgörande ersättare": deciding.
  let statedVoting: boolean | null = null;
  const notVoting = VOTING_HINT.test(text) ? NOT_VOTING.exec(text) : null;
  if (notVoting) {
    statedVoting = false;
    text = text.slice(0, notVoting.index) + ' ' + text.slice(notVoting.index + notVoting[0].length);
  } else if (VOTING_HINT.test(text) && VOTING.test(text)) statedVoting = true;
  let remote = false;
  const remoteMark = REMOTE_HINT.test(text) ? REMOTE_MARK.exec(text) : null;
  if (remoteMark) {
    remote = true;
    text = text.slice(0, remoteMark.index) + ' ' + text.slice(remoteMark.index + remoteMark[0].length);
  }
  let servingFor: string | null = null;
  // Under "Tjänstgörande ersättare" a bare "för X" names the member served for.
  const serving = SERVING_HINT.test(text)
    ? SERVING_FOR.exec(text)
    : context.voting === true && /ersättare\s+för/iu.test(text)
      ? SUBSTITUTE_FOR.exec(text)
      : context.role === 'substitute' && context.voting === true
        ? SERVING_FOR_BARE.exec(text)
        : null;
  if (serving) {
    servingFor = serving[1]!.replace(PARENTHESISED, '').trim() || null;
    text = text.slice(0, serving.index) + ' ' + text.slice(serving.index + serving[0].length);
  }
  let party: string | null = null;
  text = text.replace(PARENTHESISED, (whole, inner: string) => {
    if (party === null && isPartyToken(inner.trim())) {
      party = inner.trim();
      return ' ';
    }
    return whole;
  });
  let role: AttendeeRole | undefined;
  for (const [pattern, candidate] of ROLE_HINT.test(text) ? ATTENDEE_ROLE_PATTERNS : []) {
    const m = pattern.exec(text);
    if (!m) continue;
    // The role word must not be the person's name itself.
    role = candidate;
    text = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
    break;
  }
  text = text.replace(/\(\s*\)/gu, ' ');
  const pieces = text
    .split(/\t|,|;/u)
    .map((p) => p.replace(/\s+/gu, ' ').trim().replace(/^[-–•:]\s*/u, '').replace(/[.:]+$/u, '').trim())
    .filter((p) => p !== '' && !MARK_CELL.test(p));
  if (pieces.length === 0) return undefined;
  let name = pieces[0]!;
  const rest = pieces.slice(1);
  if (!isPersonName(name)) {
    const leading = leadingName(name);
    if (!leading) return undefined;
    const remainder = name.slice(leading.length).trim();
    if (remainder) rest.unshift(remainder);
    name = leading;
  }
  let title = false;
  let represents: string | null = null;
  for (const piece of rest) {
    if (isJobTitle(piece)) {
      title = true;
      continue;
    }
    if (/^(?:ordinarie|personlig|tjänstgörande|ej tjänstgörande|närvarande|x)$/iu.test(piece)) continue;
    if (/^\d/u.test(piece)) continue;
    // "Lisa Holmberg, S, Kvarnby": a party written as its own item of the list.
    if (party === null && represents === null && isKnownParty(piece)) {
      party = piece;
      continue;
    }
    if (represents === null) represents = piece.replace(/^\((.*)\)$/u, '$1');
  }
  let finalRole: AttendeeRole;
  let staffByMissingParty = false;
  if (role) finalRole = role;
  else if (servingFor) finalRole = 'substitute';
  else if (GUEST_PATTERN.test(raw)) finalRole = 'guest';
  else if (context.role === 'member' && title) finalRole = 'official';
  else if (context.role === 'member' && context.staffWithoutParty && party === null) {
    finalRole = 'official';
    staffByMissingParty = true;
  } else finalRole = context.role;
  const isStaff = finalRole === 'official' || finalRole === 'secretary' || finalRole === 'guest';
  const attendee: Attendee = {
    name,
    party,
    represents,
    role: finalRole,
    voting: statedVoting === false ? false : isStaff ? null : (statedVoting ?? (servingFor ? true : context.voting)),
    remote,
    paragraphs,
  };
  if (servingFor) attendee.servingFor = servingFor;
  return { attendee, explicitRole: role !== undefined, staffByMissingParty };
}

/** Commas inside a § list ("§§ 15-19, 21") must not split people apart. */
const PARAGRAPH_MARKS = new RegExp(PARAGRAPH_MARK.source, 'giu');

function protectParagraphLists(text: string): string {
  if (!text.includes('§') && !/paragraf/i.test(text)) return text;
  return text.replace(PARAGRAPH_MARKS, (m) => m.replace(/,/gu, '\u0002'));
}

/** Words that begin an organisation name, so "Region Nordanå Västerby" is not read as a person. */
const ORGANISATION_PREFIX = /^(?:region|regionen|länsstyrelsen|landstinget|kommunförbundet|samordningsförbundet|räddningstjänsten|förbundet)$/iu;

/**
 * Splits a line that runs several people together ("Per Holm, förbundschef Eva Dahl,
 * sekreterare …") into one entry per person. A line with one person comes back unchanged.
 */
export function splitPeopleRun(line: string): string[] {
  if (line.includes('\t')) return [line];
  const pieces = protectParagraphLists(line).split(/,\s*/u);
  // "Anna Berglund (Ekeby kommun), Bertil Sjö (Kvarnby kommun)": one person per item.
  if (pieces.length >= 2 && pieces.every((p) => isPersonName(p.replace(/\s*\([^()]*\)\s*$/u, '').trim()))) {
    return pieces.map((p) => p.replace(/\u0002/gu, ','));
  }
  // "Anna Ek (S), ordförande, Bo Al (M), Eva Dahl (C)": each "Name (Party)" starts an entry, the words
  // between belong to the entry before.
  const startsEntry = (p: string) => {
    const m = /^([^()]+?)\s*\(([^()]{1,8})\)/u.exec(p.trim());
    return m !== null && isPersonName(m[1]!) && isPartyToken(m[2]!.trim());
  };
  if (pieces.length >= 2 && startsEntry(pieces[0]!) && pieces.filter(startsEntry).length >= 2) {
    const grouped: string[][] = [];
    for (const piece of pieces) {
      if (startsEntry(piece) || grouped.length === 0) grouped.push([piece]);
      else grouped[grouped.length - 1]!.push(piece);
    }
    return grouped.map((g) => g.join(', ').replace(/\u0002/gu, ','));
  }
  if (pieces.length < 3) return [line];
  const entries: string[][] = [[pieces[0]!]];
  for (let k = 1; k < pieces.length; k++) {
    const piece = pieces[k]!;
    const found = k < pieces.length - 1 ? trailingName(piece) : undefined;
    const restWords = found?.rest.split(/\s+/u) ?? [];
    const before = restWords[restWords.length - 1] ?? '';
    // "tjänstgörande ersättare för Fredrik Lönn" names the member served for, not the next person.
    const servedFor = /(?:för|ersätter)$/iu.test(before);
    if (found && found.rest !== '' && !ORGANISATION_PREFIX.test(before) && !servedFor) {
      entries[entries.length - 1]!.push(found.rest);
      entries.push([found.name]);
    } else entries[entries.length - 1]!.push(piece);
  }
  if (entries.length < 2) return [line];
  return entries.map((e) => e.join(', ').replace(/\u0002/gu, ','));
}

/**
 * A list printed in two columns ("Anna Ek (S), ordförande<TAB>Bo Al (M)"): each cell that starts with a
 * person's name is an entry of its own. Rows whose later cells are titles or organisations stay whole.
 */
export function splitPeopleCells(line: string): string[] {
  if (!line.includes('\t')) return [line];
  const cells = line.split(/\t+/u).map((c) => c.trim()).filter(Boolean);
  if (cells.length < 2) return [line];
  return cells.every(startsWithName) ? cells : [line];
}

/** A cell that starts with a person's name ("Anna Ek (S), ordförande"). */
function startsWithName(cell: string): boolean {
  const head = cell.split(/[,(§]/u)[0]!.trim();
  return isPersonName(head) || leadingName(head) === head;
}

interface TableColumns {
  name: number;
  represents?: number;
  party?: number;
  voting?: number;
  present?: number;
  servingFor?: number;
  paragraphs?: number;
  role?: number;
}

function classifyColumn(cell: string): keyof TableColumns | 'other' | undefined {
  const t = cell.trim().replace(/:$/u, '').toLowerCase();
  if (t === '') return undefined;
  if (/^(?:beslutande|tjänstgörande|tjänstgör|tjg\.?|tjänstg\.?|beslut)$/u.test(t)) return 'voting';
  if (/^(?:närvaro|närvarande|närv\.?|närvarolista)$/u.test(t)) return 'present';
  if (/^(?:utsedd av|kommun|organisation|representerar|företräder|myndighet|part|huvudman|medlem)$/u.test(t)) return 'represents';
  if (/^parti$/u.test(t)) return 'party';
  if (/^(?:ersätter|tjänstgör för|ersättare för|för|i stället för)$/u.test(t)) return 'servingFor';
  if (/^(?:§|§§|paragraf|paragrafer)$/u.test(t)) return 'paragraphs';
  if (/^(?:funktion|roll|uppdrag|befattning|titel)$/u.test(t)) return 'role';
  return 'other';
}

type ColumnKind = keyof TableColumns | 'absent';
const MARK_KINDS = new Set<ColumnKind>(['voting', 'present', 'absent']);

/**
 * A header row written without tabs ("Ledamöter Parti Tjänstgörande Närvarande", "Utsedd av: Beslutande Närvaro"):
 * the column names read from the end, and the words before them, which head the name column. Undefined when the
 * row does not end in column names, or when the words before them are a person's name.
 */
export function spacedHeaderOf(text: string, nameHeading: 'required' | 'optional'): { heading: string; kinds: ColumnKind[] } | undefined {
  if (text.includes('\t') || text.includes(',') || text.length > 120) return undefined;
  const words = text.trim().split(/\s+/u);
  const kinds: ColumnKind[] = [];
  let end = words.length;
  while (end > 0) {
    let found: ColumnKind | undefined;
    let size = 0;
    for (let n = Math.min(3, end); n >= 1 && !found; n--) {
      const phrase = words.slice(end - n, end).join(' ');
      const kind = /^(?:frånv\.?|frånvarande)$/iu.test(phrase.replace(/:$/u, '')) ? 'absent' : classifyColumn(phrase);
      if (kind && kind !== 'other' && kind !== 'name') {
        found = kind;
        size = n;
      }
    }
    if (!found) break;
    kinds.unshift(found);
    end -= size;
  }
  const heading = words.slice(0, end).join(' ');
  if (kinds.length === 0 || (nameHeading === 'required' && heading === '') || end > 3) return undefined;
  if (heading !== '' && !isNameColumnHeading(heading)) return undefined;
  return { heading, kinds };
}

/** "Namn", "Ledamöter:", "Närvarande ersättare": what heads the name column of an attendance table. */
function isNameColumnHeading(text: string): boolean {
  const t = text.replace(/:$/u, '').trim();
  if (/^(?:namn|ledamot|ersättare|person|deltagare|förtroendevald|förtroendevalda)$/iu.test(t)) return true;
  const label = matchHeaderLabel(t);
  return label !== undefined && label.value === '' && ATTENDANCE_LABEL_FIELDS.has(label.field);
}

const ATTENDANCE_LABEL_FIELDS = new Set<HeaderField>([
  'voting', 'members', 'serving-substitutes', 'substitutes', 'non-serving-substitutes', 'present', 'others', 'absent',
]);

/** The header as tab cells, so the tabbed table reader can take it. */
function tabbedHeader(heading: string, kinds: ColumnKind[]): string {
  const names: Record<ColumnKind, string> = {
    name: 'Namn', represents: 'Organisation', party: 'Parti', voting: 'Beslutande', present: 'Närvaro', servingFor: 'Ersätter',
    paragraphs: '§§', role: 'Funktion', absent: 'Frånvarande',
  };
  return [heading || 'Namn', ...kinds.map((k) => names[k])].join('\t');
}

const ORGANISATION_WORD = /^(?:kommun|län|stad|region|kommunförbund|förbund)$/u;

/**
 * A table row written without tabs ("Kerstin Alm, ordförande S Granby X", "Anna Berg (C) Region Nordanå
 * Västerby X"), split into the header's columns: marks ("X") from the end, the name with its party in
 * parentheses and a role after a comma from the start, one word for a party column, the rest for an organisation,
 * role or member served for. Marks fill the mark columns from the left, since the gaps that placed them are lost.
 */
export function spacedRowCells(row: string, kinds: ColumnKind[]): string[] | undefined {
  let text = row.trim();
  let note: string | undefined;
  const noteMatch = /\s(\([^()]{9,}\))$/u.exec(text);
  if (noteMatch) {
    note = noteMatch[1]!;
    text = text.slice(0, noteMatch.index);
  }
  const tokens = text.split(/\s+/u);
  let markColumns = 0;
  while (markColumns < kinds.length && MARK_KINDS.has(kinds[kinds.length - 1 - markColumns]!)) markColumns++;
  const marks: string[] = [];
  while (marks.length < markColumns && tokens.length > 1 && MARK_CELL.test(tokens[tokens.length - 1]!)) marks.unshift(tokens.pop()!);
  const name = leadingName(tokens.join(' '));
  if (!name) return undefined;
  let used = name.split(/\s+/u).length;
  // "Anders Holm S ordförande": a party letter is where a Parti column starts, not part of the name.
  if (kinds.includes('party')) {
    const party = tokens.findIndex((t, k) => k >= 2 && k < used && isKnownParty(t));
    if (party >= 0) used = party;
  }
  // "Amanda Öst Torvala kommun": the last capitalised word belongs to the organisation.
  if (used >= 3 && ORGANISATION_WORD.test(tokens[used] ?? '')) used--;
  const nameCell = tokens.slice(0, used);
  if (/^\([^()]{1,8}\),?$/u.test(tokens[used] ?? '')) nameCell.push(tokens[used++]!);
  if (/,$/u.test(nameCell[nameCell.length - 1] ?? '')) {
    // "Kerstin Alm, ordförande": role words in lower case after the comma belong to the name cell.
    while (used < tokens.length && /^[\p{Ll}\d:]+,?$/u.test(tokens[used]!) && !isKnownParty(tokens[used]!)) nameCell.push(tokens[used++]!);
  }
  const cells: string[] = [nameCell.join(' ').replace(/,$/u, '')];
  const valueKinds = kinds.slice(0, kinds.length - markColumns);
  let rest = tokens.slice(used);
  valueKinds.forEach((kind, k) => {
    const later = valueKinds.slice(k + 1).filter((x) => x === 'party').length;
    if (kind === 'party') {
      const token = rest[0];
      const isParty = token !== undefined && (isKnownParty(token) || isPartyToken(token.replace(/[()]/gu, '')));
      cells.push(isParty ? rest.shift()! : '');
      return;
    }
    const taken = rest.slice(0, Math.max(0, rest.length - later));
    rest = rest.slice(taken.length);
    cells.push(taken.join(' '));
  });
  kinds.slice(kinds.length - markColumns).forEach((_, k) => cells.push(marks[k] ?? ''));
  if (note) {
    // A note stands in the first mark column left empty, as in the tabbed table ("⇥⇥(Närvaro på distans)").
    const free = cells.findIndex((c, k) => k > valueKinds.length && c === '');
    if (free >= 0) cells[free] = note;
    else cells.push(note);
  }
  return cells;
}

/** One person's columns in a table that pairs each member with a personal substitute. */
interface PersonColumns {
  role: 'member' | 'substitute';
  name: number;
  party?: number;
  present?: number;
  voting?: number;
}

interface PairedColumns {
  people: PersonColumns[];
  represents?: number;
}

const MEMBER_COLUMN = /^(?:ledamot|ledamöter|ordinarie|ordinarie ledamot|ordinarie ledamöter)$/iu;
const SUBSTITUTE_COLUMN = /^(?:ersättare|personlig ersättare|personliga ersättare|ers\.?)$/iu;

/**
 * "Kommun⇥Ledamot⇥Närv.⇥Ersättare⇥Närv.", "Ledamot⇥Parti⇥Närv⇥Ersättare⇥Parti⇥Tjg": a header that pairs each
 * member with a personal substitute on one row, each with their own party and mark columns. The cells after a
 * person's column up to the next person's belong to that person; others (Kommun, Part, Organisation) to both.
 */
export function pairedColumnsOf(line: string): PairedColumns | undefined {
  if (!line.includes('\t')) return undefined;
  const cells = line.split('\t').map((c) => c.trim().replace(/:$/u, ''));
  const people: PersonColumns[] = [];
  let represents: number | undefined;
  cells.forEach((cell, i) => {
    if (MEMBER_COLUMN.test(cell)) people.push({ role: 'member', name: i });
    else if (SUBSTITUTE_COLUMN.test(cell)) people.push({ role: 'substitute', name: i });
    else {
      const kind = classifyColumn(cell);
      const person = people[people.length - 1];
      if (kind === 'represents') represents ??= i;
      else if (person && (kind === 'party' || kind === 'present' || kind === 'voting')) person[kind] ??= i;
    }
  });
  if (people.length < 2 || !people.some((p) => p.role === 'member') || !people.some((p) => p.role === 'substitute')) return undefined;
  if (!people.some((p) => p.present !== undefined || p.voting !== undefined)) return undefined;
  return represents === undefined ? { people } : { people, represents };
}

/**
 * A row with fewer cells than its header lost its empty cells (text extracted without tabs, where a run of spaces
 * stood for each): each name goes to the next person's column, and a mark or note after it to that person's.
 */
function realignPairedRow(cells: string[], columns: PairedColumns): string[] {
  const width = Math.max(...columns.people.flatMap((p) => [p.name, p.party ?? 0, p.present ?? 0, p.voting ?? 0]), columns.represents ?? 0) + 1;
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  if (cells.length >= width || cells.includes('')) return cells;
  const out = new Array<string>(width).fill('');
  let person = -1;
  for (const cell of cells) {
    const next = columns.people[person + 1];
    if (next && startsWithName(cell)) {
      person++;
      out[next.name] = cell;
      continue;
    }
    const current = columns.people[person];
    if (!current) {
      if (columns.represents !== undefined) out[columns.represents] = cell;
      continue;
    }
    const slot = [current.party, current.present, current.voting].find(
      (k) => k !== undefined && out[k] === '' && (k !== current.party || (!MARK_CELL.test(cell) && isPartyToken(cell.replace(/[()]/gu, '')))),
    );
    if (slot !== undefined) out[slot] = cell;
  }
  return out;
}

/** The people of one row of a paired table: each person with a mark (or a note) in their own columns. */
function pairedRow(line: string, columns: PairedColumns): Attendee[] {
  const cells = realignPairedRow(line.split('\t').map((c) => c.trim()), columns);
  const represents = columns.represents !== undefined ? cells[columns.represents] || null : null;
  const out: Attendee[] = [];
  for (const person of columns.people) {
    const nameCell = cells[person.name] ?? '';
    if (nameCell === '') continue;
    const present = person.present !== undefined ? (cells[person.present] ?? '') : '';
    const voting = person.voting !== undefined ? (cells[person.voting] ?? '') : '';
    const marked = (c: string) => c !== '' && !NEGATIVE_CELL.test(c);
    if (!marked(present) && !marked(voting)) continue;
    const notes = [present, voting].filter((c) => c !== '' && !MARK_CELL.test(c) && !NEGATIVE_CELL.test(c));
    const context: SectionContext = { role: person.role, voting: null, staffWithoutParty: false };
    const parsed = parseAttendanceEntry([nameCell, ...notes].join('\t'), context);
    if (!parsed) continue;
    const attendee = parsed.attendee;
    const party = person.party !== undefined ? cells[person.party]?.replace(/[()]/gu, '').trim() : undefined;
    if (party && attendee.party === null) attendee.party = party;
    if (represents && attendee.represents === null) attendee.represents = represents;
    if (person.voting !== undefined && attendee.voting === null) attendee.voting = isMarked(voting);
    out.push(attendee);
  }
  return out;
}

/** A table header row: at least one known column name after the first cell. */
export function tableColumnsOf(line: string): TableColumns | undefined {
  if (!line.includes('\t')) return undefined;
  const cells = line.split('\t');
  const columns: TableColumns = { name: 0 };
  let known = 0;
  cells.forEach((cell, i) => {
    if (i === 0) return;
    const kind = classifyColumn(cell);
    if (kind && kind !== 'other' && kind !== 'name') {
      columns[kind] = i;
      known++;
    }
  });
  return known > 0 ? columns : undefined;
}

function isMarked(cell: string | undefined): boolean {
  return cell !== undefined && MARK_CELL.test(cell.trim());
}

function parseTableRow(line: string, columns: TableColumns, context: SectionContext): ParsedEntry | undefined {
  const cells = line.split('\t');
  const nameCell = cells[columns.name] ?? '';
  const hasMarkColumns = columns.voting !== undefined || columns.present !== undefined;
  const votingMarked = columns.voting !== undefined && isMarked(cells[columns.voting]);
  const notes: string[] = [];
  cells.forEach((cell, i) => {
    if (i === columns.name || i === columns.represents || i === columns.party || i === columns.servingFor) return;
    if (i === columns.role) return;
    const t = cell.trim();
    if (t && !MARK_CELL.test(t) && !NEGATIVE_CELL.test(t)) notes.push(t);
  });
  const presentCell = columns.present !== undefined ? (cells[columns.present]?.trim() ?? '') : '';
  const presentMarked = presentCell !== '' && !NEGATIVE_CELL.test(presentCell);
  if (hasMarkColumns && !votingMarked && !presentMarked && notes.length === 0) return undefined;
  const parts = [nameCell];
  const roleCell = columns.role !== undefined ? cells[columns.role]?.trim() : undefined;
  if (roleCell) parts.push(roleCell);
  const represents = columns.represents !== undefined ? cells[columns.represents]?.trim() : undefined;
  const parsed = parseAttendanceEntry([...parts, ...notes].join('\t'), context);
  if (!parsed) return undefined;
  const attendee = parsed.attendee;
  if (represents) {
    // "Region Mälardalen, §§ 1-3": the §§ attended, written in the organisation's cell.
    const mark = PARAGRAPH_MARK.exec(represents);
    if (mark && attendee.paragraphs === null) attendee.paragraphs = paragraphsOf(mark[1]!);
    const organisation = (mark ? represents.slice(0, mark.index) : represents).replace(/[\s,;]+$/u, '').trim();
    if (organisation) attendee.represents = organisation;
  }
  const partyCell = columns.party !== undefined ? cells[columns.party]?.trim() : undefined;
  if (partyCell && attendee.party === null) attendee.party = partyCell.replace(/[()]/gu, '');
  const servingCell = columns.servingFor !== undefined ? cells[columns.servingFor]?.trim() : undefined;
  if (servingCell) {
    // "Fredrik Lönn (SD), §§ 47-49": the member served for, and the §§ served.
    const mark = PARAGRAPH_MARK.exec(servingCell);
    if (mark && attendee.paragraphs === null) attendee.paragraphs = paragraphsOf(mark[1]!);
    const member = (mark ? servingCell.slice(0, mark.index) : servingCell).replace(/\([^)]*\)/gu, ' ').replace(/[\s,;]+$/u, '').trim();
    if (member) {
      attendee.servingFor = member;
      // Serving for a member is deciding in their place.
      if (attendee.voting === null && (attendee.role === 'substitute' || attendee.role === 'member')) attendee.voting = true;
    }
  }
  if (columns.voting !== undefined && attendee.role !== 'official' && attendee.role !== 'secretary') {
    attendee.voting = votingMarked;
  }
  return parsed;
}

/**
 * A list printed side by side under "Ledamöter⇥Ersättare" (or "Närvarande⇥Frånvarande"): each tab column has
 * the role of its label, and a column of absent people is left out. People come in reading order, row by row.
 */
function attendeesInColumns(lines: string[], columns: HeaderField[]): Attendee[] {
  // A cell a PDF wrapped ("Cecilia Dahlberg (M), Region Norrskog, vice" over "ordförande") continues the cell above.
  const rows: string[][] = [];
  for (const line of lines) {
    const cells = line.split('\t');
    const previous = rows[rows.length - 1];
    const continues = previous !== undefined && cells.every((c) => c.trim() === '' || !startsWithName(c));
    if (!continues) {
      rows.push(cells);
      continue;
    }
    cells.forEach((c, k) => {
      if (c.trim() !== '') previous[k] = `${previous[k] ?? ''} ${c.trim()}`.trim();
    });
  }
  const out: Attendee[] = [];
  for (const row of rows) {
    row.forEach((cell, k) => {
      const context = contextFor(columns[Math.min(k, columns.length - 1)]!);
      if (!context || cell.trim() === '') return;
      for (const entry of splitPeopleRun(cell.trim())) {
        const parsed = parseAttendanceEntry(entry, { ...context, staffWithoutParty: false });
        if (parsed) out.push(parsed.attendee);
      }
    });
  }
  return out;
}

/** "10–12" → "10-12", as the interchange writes § lists. */
function paragraphsOf(list: string): string {
  return list.replace(/\s+/gu, ' ').replace(/\s*[–—]\s*/gu, '-').trim();
}

/**
 * The people of one attendance section. Continuation lines that a PDF wrapped (starting with a tab after
 * a run of several people) are joined back before splitting.
 */
export function attendeesOfSection(section: HeaderSection, underVotingHeading = false): Attendee[] {
  const base = contextFor(section.field);
  // "Beslutande" as a heading over "Ledamöter": the members listed below it decide.
  const context = base && underVotingHeading && section.field === 'members' ? { ...base, voting: true } : base;
  if (!context) return [];
  if (section.columns) return attendeesInColumns(section.lines, section.columns);
  const rows: string[] = [];
  if (section.value) rows.push(section.value);
  for (const line of section.lines) {
    const previous = rows[rows.length - 1];
    // A comma list that a PDF wrapped mid-entry: the previous line ends with a comma or this one starts
    // with "(Kvarnby kommun)" or in lower case.
    const wrapped = previous !== undefined && !line.includes('\t') && !previous.includes('\t') && previous.split(',').length >= 3 &&
      (/,\s*$/u.test(previous) || /^[(\p{Ll}]/u.test(line.trim()));
    if (wrapped || (previous !== undefined && /^\t/u.test(line) && !previous.includes('\t') && previous.split(',').length >= 3)) {
      rows[rows.length - 1] = `${previous} ${line.trim()}`;
    } else rows.push(line);
  }
  const out: Attendee[] = [];
  // "Ledamöter⇥Parti⇥Närv⇥Ersättare⇥Parti⇥Tjg" as the label's own row: each member paired with a substitute.
  let paired = section.value ? pairedColumnsOf(`${section.field === 'substitutes' ? 'Ersättare' : 'Ledamot'}\t${section.value}`) : undefined;
  let columns = section.value && !paired ? tableColumnsOf(`${section.field}\t${section.value}`) : undefined;
  // Written without tabs, the header's column names and each row's cells are told apart by their words.
  let spaced = section.value && !columns ? spacedHeaderOf(section.value, 'optional')?.kinds : undefined;
  if (spaced) columns = tableColumnsOf(tabbedHeader(section.field, spaced));
  let explicitParty = false;
  let stackedRole: string | undefined;
  const byMissingParty = new Set<Attendee>();
  for (const row of rows) {
    if (row === section.value && (columns || paired)) continue;
    const pairedHeader = pairedColumnsOf(row);
    if (pairedHeader) {
      paired = pairedHeader;
      columns = undefined;
      continue;
    }
    if (paired) {
      out.push(...pairedRow(row, paired));
      continue;
    }
    const header = tableColumnsOf(row);
    if (header && !isPersonName(row.split('\t')[0]?.trim() ?? '')) {
      columns = header;
      spaced = undefined;
      continue;
    }
    const spacedHeader = row.includes('\t') ? undefined : spacedHeaderOf(row, 'required');
    if (spacedHeader) {
      spaced = spacedHeader.kinds;
      columns = tableColumnsOf(tabbedHeader(spacedHeader.heading, spaced));
      continue;
    }
    if (columns) {
      const cells = spaced && !row.includes('\t') ? spacedRowCells(row, spaced) : undefined;
      const parsed = parseTableRow(cells ? cells.join('\t') : row, columns, context);
      if (!parsed) continue;
      if (parsed.attendee.party) explicitParty = true;
      if (parsed.staffByMissingParty) byMissingParty.add(parsed.attendee);
      out.push(parsed.attendee);
      continue;
    }
    const cleaned = row.replace(/^\t+/u, '');
    // "Ordförande" over "Anna Ek (S)": the role of the entry below.
    if (STACKED_ROLE.test(cleaned.trim())) {
      stackedRole = cleaned.trim();
      continue;
    }
    for (const entry of splitPeopleCells(cleaned).flatMap(splitPeopleRun)) {
      const parsed = parseAttendanceEntry(stackedRole ? `${entry}, ${stackedRole}` : entry, context);
      stackedRole = undefined;
      if (!parsed) continue;
      if (parsed.attendee.party) explicitParty = true;
      if (parsed.staffByMissingParty) byMissingParty.add(parsed.attendee);
      out.push(parsed.attendee);
    }
  }
  // Staff are only told apart by a missing party when the list gives parties at all.
  if (context.staffWithoutParty && !explicitParty) {
    for (const a of byMissingParty) {
      a.role = context.role;
      a.voting = context.voting;
    }
  }
  return out;
}
