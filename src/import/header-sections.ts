/**
 * Splits the header zone (everything before the first §, and the signature/ANSLAG block after the last)
 * into labelled sections: "Plats och tid: …", "Beslutande" with the lines below it, and so on.
 */
import { firstDate } from './dates.ts';
import { matchHeaderLabel, type HeaderField, type LabelMatch } from './lexicon/header-labels.ts';
import { STACKED_ROLE } from './lexicon/roles.ts';
import { isPersonName, leadingName } from './person-names.ts';

export interface HeaderSection {
  field: HeaderField;
  /** The text on the label's own line. */
  value: string;
  /** Lines below the label until the next label, blank lines dropped. */
  lines: string[];
  /** Position of the label line in the zone, for document order. */
  index: number;
  /** A list printed side by side under "Ledamöter⇥Ersättare": the field of each tab column. */
  columns?: HeaderField[];
}

export interface HeaderZone {
  /** Lines before the first label: the document's title ("Protokoll styrelsen för …"). */
  titleLines: string[];
  sections: HeaderSection[];
}

const ATTENDANCE_FIELDS = new Set<HeaderField>([
  'voting', 'members', 'serving-substitutes', 'substitutes', 'non-serving-substitutes', 'present', 'others', 'absent',
]);
/** Fields whose label may start a second cell of a table row ("…<TAB>Datum då anslaget tas ned<TAB>…"). */
const SPLITTABLE_FIELDS = new Set<HeaderField>([
  'notice-from', 'notice-until', 'storage', 'paragraphs', 'date', 'adjustment', 'body', 'place-and-time', 'place', 'time',
]);
const SENTENCE_START = /^(?:av|att|är|och|för|sker|har|ska|skall|kommer|den|det|i|på|med|som|till|om|samt|vid|efter|inte|ej|öppnar|hälsar|förklarar|informerar|meddelar|tackar)(?!\p{L})/iu;

const DATED_FIELDS = new Set<HeaderField>(['adjustment', 'date', 'notice-from', 'notice-until']);

export function isAttendanceField(field: HeaderField): boolean {
  return ATTENDANCE_FIELDS.has(field);
}

/**
 * A label at the start of a line, accepted only when the value after a bare space looks like a value
 * (capital, digit or §) and not like the rest of a sentence ("Justering av detta protokoll …").
 */
export function headerLabelOf(line: string): LabelMatch | undefined {
  const match = matchHeaderLabel(line);
  if (!match) return undefined;
  if (match.separator === 'space') {
    // "Justerat den 3 mars 2025": a dated value, although "den" also starts sentences.
    if (DATED_FIELDS.has(match.field) && /^den\s+\d/iu.test(match.value) && firstDate(match.value)) return match;
    // "Tid kl. 13.00–15.10": a clock time is a value although it starts in lower case.
    if (match.field === 'time' && /^kl(?:\.|ockan)?\s*\d/iu.test(match.value)) return match;
    if (SENTENCE_START.test(match.value)) return undefined;
    if (!/^[\p{Lu}\d§(]/u.test(match.value) && !isNoticeField(match.field)) return undefined;
  }
  return match;
}

function isNoticeField(field: HeaderField): boolean {
  return field === 'notice-from' || field === 'notice-until' || field === 'storage';
}

/** Splits "Label<TAB>value<TAB>Label<TAB>value" rows of an ANSLAG box into one line per label. */
function splitCombinedRow(line: string): string[] {
  if (!line.includes('\t')) return [line];
  const cells = line.split('\t');
  // Only rows of label/value pairs (an ANSLAG box) are split; attendance rows carry "§§ 18, 19" cells.
  if (!matchHeaderLabel(cells[0] ?? '')) return [line];
  const out: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const label = i > 0 && cell.trim() ? matchHeaderLabel(cell) : undefined;
    if (label && SPLITTABLE_FIELDS.has(label.field) && current.some((c) => c.trim())) {
      out.push(current.join('\t'));
      current = [cell];
    } else current.push(cell);
  }
  out.push(current.join('\t'));
  return out;
}

/** Attendance sections keep their rows when a row starts with a role word ("Ordförande<TAB>Anna Ek (S)"). */
function startsAttendanceRow(line: string, match: LabelMatch, current: HeaderSection | undefined): boolean {
  if (!current || !isAttendanceField(current.field)) return false;
  if (match.field !== 'chair' && match.field !== 'secretary') return false;
  // "ordförande" in lower case on a line of its own is the end of an entry a PDF wrapped, not a label.
  if (/^\s*\p{Ll}/u.test(line)) return true;
  // "Sekreterare: Malin Åberg" with a colon is a label of its own, not a row of the list above.
  if (match.separator === 'colon') return false;
  return match.value !== '' && !/[._…]{3,}/u.test(match.value);
}

/**
 * "Beslutande⇥Ledamöter", "Övriga närvarande⇥Ersättare": an attendance label whose value is another attendance
 * label. With the people indented below, the second label is a subheading of the first (nested); with people
 * in both columns, the labels head a list printed side by side (columns).
 */
function attendanceLabelPair(
  match: LabelMatch,
  lines: string[],
  at: number,
): { kind: 'nested'; inner: HeaderField } | { kind: 'columns'; fields: HeaderField[] } | undefined {
  if (match.separator !== 'tab' || !isAttendanceField(match.field)) return undefined;
  const cells = match.value.split('\t').map((c) => c.trim());
  const inner: HeaderField[] = [];
  for (const cell of cells) {
    const label = matchHeaderLabel(cell);
    if (!label || label.separator !== 'none' || !isAttendanceField(label.field)) return undefined;
    inner.push(label.field);
  }
  let next = at + 1;
  while (next < lines.length && lines[next]!.trim() === '') next++;
  const below = lines[next] ?? '';
  const first = below.split('\t')[0]!.trim();
  if (cells.length === 1 && first === '' && below.trim() !== '') return { kind: 'nested', inner: inner[0]! };
  const startsWithName = (cell: string) => leadingName(cell.split(/[,(§]/u)[0]!.trim()) !== undefined;
  if (below.includes('\t') && startsWithName(first)) return { kind: 'columns', fields: [match.field, ...inner] };
  return undefined;
}

export function splitHeaderZone(lines: string[]): HeaderZone {
  const titleLines: string[] = [];
  const sections: HeaderSection[] = [];
  let current: HeaderSection | undefined;
  let index = 0;
  for (let r = 0; r < lines.length; r++) {
    const raw = lines[r]!;
    // Lines below a combined row continue its first label ("Underskrifter<TAB>Sekreterare…<TAB>Paragrafer 31–35").
    let rowSection: HeaderSection | undefined;
    for (const line of splitCombinedRow(raw)) {
      index++;
      const trimmed = line.trim();
      if (trimmed === '') continue;
      const match = headerLabelOf(line);
      if (
        match &&
        !isStackedRoleOfList(lines, r, current) &&
        !startsAttendanceRow(line, match, current) &&
        !looksLikeTableRowOfCurrent(line, current) &&
        !isRoleRowOfSignatures(line, current)
      ) {
        const pair = attendanceLabelPair(match, lines, r);
        if (pair?.kind === 'nested') {
          sections.push({ field: match.field, value: '', lines: [], index });
          current = { field: pair.inner, value: '', lines: [], index };
        } else if (pair?.kind === 'columns') {
          current = { field: match.field, value: '', lines: [], index, columns: pair.fields };
        } else current = { field: match.field, value: match.value, lines: [], index };
        sections.push(current);
        rowSection ??= current;
        continue;
      }
      if (current) current.lines.push(line);
      else titleLines.push(trimmed);
    }
    if (rowSection) current = rowSection;
  }
  return { titleLines, sections };
}

/**
 * "Ordförande" on a line of its own inside an attendance list, right below an entry (or the list's label) and
 * right above a name: the role of the person below, not a label. A blank line before it ends the list, so a
 * signature block after the list keeps its "Sekreterare" over the signer's name.
 */
function isStackedRoleOfList(lines: string[], r: number, current: HeaderSection | undefined): boolean {
  if (!current || !isAttendanceField(current.field)) return false;
  const t = lines[r]!.trim();
  if (!STACKED_ROLE.test(t) || /^justerare$/iu.test(t)) return false;
  const before = lines[r - 1]?.trim() ?? '';
  const after = lines[r + 1]?.trim() ?? '';
  if (before === '' || after === '' || after.includes('\t')) return false;
  return leadingName(after.split(/[,(]/u)[0]!.trim()) !== undefined;
}

const ROLE_CELL = /^(?:sekreterare|ordförande|justerare|justerande|vid protokollet)$/iu;

/** "ordförande<TAB>justerare" under a row of signers' names belongs to the signature block. */
function isRoleRowOfSignatures(line: string, current: HeaderSection | undefined): boolean {
  if (!current || (current.field !== 'signatures' && current.field !== 'adjusted-by')) return false;
  const cells = line.trim().split(/\t+/u);
  return (cells.length > 1 || /^\t/u.test(line)) && cells.every((c) => ROLE_CELL.test(c.trim()));
}

/** A row of an attendance table that happens to start with a label word is still a row. */
function looksLikeTableRowOfCurrent(line: string, current: HeaderSection | undefined): boolean {
  if (!current || !isAttendanceField(current.field)) return false;
  const first = line.split('\t')[0]?.trim() ?? '';
  return isPersonName(first.replace(/\s*\([^)]*\)\s*$/u, ''));
}
