/**
 * Turns extracted text into clean lines: one newline convention, no page furniture (page numbers,
 * "Justerandes signatur", "Utdragsbestyrkande", running page headers) and words split by a hyphen at a
 * line break joined again ("där-/efter" → "därefter").
 */

import { BODY_PREFIX, PARAGRAPH_HEADING_START } from './lexicon/paragraph-heading.ts';

/** Private-use code points that Symbol and Wingdings fonts use for bullets. */
const BULLET_GLYPHS = new Set(['\uF0B7', '\uF0A7', '\uF0D8', '\uF076', '\uF0FC']);

/** Normalises characters and newlines; keeps tabs, which carry table structure. */
export function normaliseText(text: string): string {
  // Only combining marks (a decomposed "å") change under NFC; most text has none, and NFC is costly.
  let out = /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text;
  if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
  out = out.replace(/\r\n?|\f/g, '\n');
  // Soft hyphens and zero-width characters vanish; odd spaces become spaces; control characters other than
  // tab and newline are noise from broken extraction.
  // Ligatures and private-use glyphs from PDF fonts without a proper mapping: "ﬁnansierar" is "finansierar";
  // a Symbol-font bullet is a bullet, any other private-use glyph is noise.
  if (/[\uFB00-\uFB06\uE000-\uF8FF]/u.test(out)) {
    out = out.replace(/[\uFB00-\uFB06]/gu, (c) => c.normalize('NFKC')).replace(/[\uE000-\uF8FF]/gu, (c) => (BULLET_GLYPHS.has(c) ? '•' : ''));
  }
  return out.replace(/[\u00AD\u200B-\u200D\u2060]|[\u00A0\u2007\u202F]|[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, (c) =>
    c === '\u00AD' || (c >= '\u200B' && c <= '\u200D') || c === '\u2060' ? '' : ' ',
  );
}

const PAGE_NUMBER = [
  /^(?:sida|sid\.?|page)\s*\d+(?:\s*(?:\(|av|of|\/)\s*\d+\)?)?$/iu,
  /^\d{1,3}\s*\(\s*\d{1,3}\s*\)$/u,
  /^\d{1,3}\s*\/\s*\d{1,3}$/u,
  /^-\s*\d{1,3}\s*-$/u,
  /^\d{1,3}$/u,
];
const SIGNATURE_FURNITURE =
  /justerandes?\s+(?:sign|initialer)|justerares?\s+(?:sign|initialer)|justerarnas\s+(?:sign|initialer)|utdragsbestyrkande|^sign\.?\s*$|^signatur(?:er)?\s*:?\s*$|^signatur(?:er)?\s+(?:justerare|justerande|ordförande)|^(?:ordförandes?|ordf\.?|sekr\.?|just\.?)\s+sign/iu;

/**
 * The heading of a § repeated on the next page ("§ 25 (forts.)", "RSAU § 47 forts.", "KS § 3, fortsättning"):
 * furniture, so the § reads on across the page break.
 */
const CONTINUED_MARK = String.raw`(?:\(\s*(?:[Ff]orts\.?|[Ff]ortsättning)\s*\)|[Ff]orts\.|forts\b|fortsättning\b)`;
const CONTINUED_HEADING = new RegExp(
  String.raw`^(?:(?:${BODY_PREFIX})\s+)?(?:§\s*\d{1,4}|\d{1,4}\s*§)\s*[,:–-]?\s*${CONTINUED_MARK}(?:\s+\S.{0,80})?$|^(?:[Ff]orts\.|[Ff]ortsättning)\s+(?:(?:${BODY_PREFIX})\s+)?§\s*\d{1,4}(?:\s+\S.{0,80})?$`,
  'u',
);

function isContinuedHeading(line: string): boolean {
  return line.length <= 120 && /forts/iu.test(line) && CONTINUED_HEADING.test(line);
}

function isPageNumber(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length < 20 && /\d/.test(t) && PAGE_NUMBER.some((p) => p.test(t));
}

function isShortNameLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 40) return false;
  return /^(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}$/u.test(t) || /^[\p{Lu}.\s]{1,12}$/u.test(t);
}

/**
 * A page number at the end of a header line: "Kommunförbundet X<TAB>PROTOKOLL<TAB>3 (9)",
 * "Kommunstyrelsen<TAB>SAMMANTRÄDESPROTOKOLL<TAB>Sida 2 av 4". Group 1 is the page, group 2 the page count.
 */
const PAGE_TAIL = /(?:^|\t|\s{2,}|\s)(?:sida\s+|sid\.?\s*)?(\d{1,3})\s*(?:\(\s*(\d{1,3})\s*\)|av\s*(\d{1,3})|\/\s*(\d{1,3}))\s*$/iu;
/** The line below a running header that repeats the body and date: "Styrelsen<TAB>Sammanträdesdatum 2020-05-07". */
const HEADER_WORDS = /protokoll|sammanträde|anteckningar|sida|\d{4}-\d{2}-\d{2}|kommun|region|förbund|nämnd|styrelse|utskott|fullmäktige|direktion/iu;
const HEADER_SECOND_LINE = /sammanträdesdatum|mötesdatum|\b\d{4}-\d{2}-\d{2}\b/iu;

/**
 * Running page headers that carry a page number. From page 2 on, the line is furniture, and so is a short
 * dated line right below it (the body and meeting date). On page 1 only the page number goes: the rest
 * of the line is the document's title ("Kommunförbundet Norrbygden<TAB>1 (9)").
 */
function splitPageHeaders(input: string[]): { lines: string[]; headers: Set<number> } {
  const lines = input.slice();
  const headers = new Set<number>();
  let title: Set<string> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Most lines end in a letter or a full stop: only a digit or ")" at the end can be a page number.
    const last = line.charCodeAt(line.length - 1);
    if (line.length > 120 || line.length === 0 || (last !== 41 && (last < 48 || last > 57))) continue;
    const t = line.trim();
    if (!/\d\s*(?:\)|av\s*\d+|\/\s*\d+)$/iu.test(t)) continue;
    const m = PAGE_TAIL.exec(t);
    if (!m) continue;
    const before = t.slice(0, m.index).trim();
    const page = Number(m[1]);
    const count = Number(m[2] ?? m[3] ?? m[4]);
    if (page < 1 || page > count) continue;
    // Prose that happens to end in "2 (3)" is not a header: a header has a tab, or no sentence in it.
    const separated = /\t|\s{2,}/u.test(t.slice(Math.max(0, m.index - 1), m.index + 2)) || before === '';
    if (!separated && (m[4] !== undefined || /[.,;:]/u.test(before) || before.length > 80 || !HEADER_WORDS.test(before))) {
      continue;
    }
    if (before !== '' && !/^[\p{Lu}\d]/u.test(before)) continue;
    if (page === 1) {
      lines[i] = before;
      continue;
    }
    headers.add(i);
    // The lines below repeat the body and the date: a dated line, or lines of the first page's title.
    let next = i + 1;
    for (let k = 0; k < 3; k++) {
      while (next < lines.length && lines[next]!.trim() === '') next++;
      const following = lines[next]?.trim() ?? '';
      if (following === '' || PARAGRAPH_HEADING_START.test(following)) break;
      const dated = k === 0 && before !== '' && following.length <= 100 && HEADER_SECOND_LINE.test(following) && !ENDS_SENTENCE.test(following);
      if (!dated && !(title ??= titleLinesOf(input)).has(following)) break;
      headers.add(next);
      next++;
    }
  }
  return { lines, headers };
}

/** The first lines of the document (its title on page 1), which running headers repeat on later pages. */
function titleLinesOf(lines: string[]): Set<string> {
  const out = new Set<string>();
  for (const line of lines) {
    const t = line.trim();
    if (t === '') continue;
    if (out.size >= 6 || PARAGRAPH_HEADING_START.test(t)) break;
    if (t.length <= 80 && !ENDS_SENTENCE.test(t)) out.add(t);
  }
  return out;
}

const ENDS_SENTENCE = /[.!?:;]["”’)]?$/u;

/**
 * Removes page furniture. When furniture interrupts a paragraph (the line before it does not end a
 * sentence), the blank lines around it go too, so the two halves join as one paragraph.
 */
export function removePageFurniture(input: string[]): string[] {
  const { lines, headers } = splitPageHeaders(input);
  const repeated = repeatedRunningHeaders(lines);
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const isFurniture =
      headers.has(i) ||
      isPageNumber(trimmed) ||
      isContinuedHeading(trimmed) ||
      SIGNATURE_FURNITURE.test(trimmed) ||
      (repeated.has(trimmed) && repeated.get(trimmed) !== i);
    if (!isFurniture) {
      out.push(line);
      i++;
      continue;
    }
    i++;
    // A signature box line with dots leaves the initials or name on the next line.
    if (SIGNATURE_FURNITURE.test(trimmed)) {
      let j = i;
      while (j < lines.length && lines[j]!.trim() === '' && j - i < 2) j++;
      if (j < lines.length && isShortNameLine(lines[j]!) && /[.:_…]\s*$/u.test(trimmed)) i = j + 1;
    }
    let lastContent = out.length - 1;
    while (lastContent >= 0 && out[lastContent]!.trim() === '') lastContent--;
    const previous = lastContent >= 0 ? out[lastContent]!.trim() : '';
    let next = i;
    while (next < lines.length && lines[next]!.trim() === '') next++;
    const following = next < lines.length ? lines[next]!.trim() : '';
    const continues =
      previous !== '' &&
      following !== '' &&
      !ENDS_SENTENCE.test(previous) &&
      !/^[-•–*]\s/u.test(following) &&
      !PARAGRAPH_HEADING_START.test(following) &&
      !isPageNumber(following) &&
      !SIGNATURE_FURNITURE.test(following);
    if (continues) {
      out.length = lastContent + 1;
      i = next;
    }
  }
  return out;
}

/**
 * Running headers repeated on every page ("Kommunstyrelsen 2020-05-07", "SAMMANTRÄDESPROTOKOLL"): a short
 * line seen three or more times that carries a date, a page word or a protocol word. The first occurrence
 * stays when it is in the header zone. Returns line → index of the occurrence to keep (-1: none).
 */
function repeatedRunningHeaders(lines: string[]): Map<string, number> {
  // Page headers differ only in their page number ("Sida 2 av 4"), so those compare with digits masked.
  const keyOf = (t: string) => (PAGE_WORD.test(t) ? t.replace(/\d+/gu, '#') : t);
  const isCandidate = (t: string) =>
    t.length >= 4 &&
    t.length <= 100 &&
    (/\d/.test(t) || /protokoll|sammanträde|sida|justerande|utdrag|anteckningar/i.test(t)) &&
    !/^(?:§|dnr|att\s|[-•–])/i.test(t);
  const counts = new Map<string, { count: number; first: number }>();
  const candidates: Array<[number, string, string]> = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!isCandidate(t)) continue;
    const key = keyOf(t);
    candidates.push([i, t, key]);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { count: 1, first: i });
  }
  // The first occurrence is the document's own header only when it comes before the first §.
  const firstParagraph = lines.findIndex((l) => PARAGRAPH_HEADING_START.test(l));
  const out = new Map<string, number>();
  for (const [, t, key] of candidates) {
    const entry = counts.get(key);
    if (!entry || entry.count < 3 || out.has(t)) continue;
    out.set(t, firstParagraph < 0 || entry.first < firstParagraph ? entry.first : -1);
  }
  return out;
}

const PAGE_WORD = /(?:sida|sid\.|page)\s*\d+/i;

/** Words after a line-final hyphen that show the hyphen belongs to a compound ("hälso- och sjukvård"). */
const CONJUNCTION = /^(?:och|eller|samt|resp\.?|respektive|som|till|utan)(?!\p{L})/u;

/**
 * Joins a word split by a hyphen at a line break, also across one blank line (a page or paragraph box
 * break). A hyphen inside the line ("läns-gemen-") stays; only the break hyphen goes.
 */
export function joinHyphenatedLines(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    while (/\p{Ll}-$/u.test(line) && !/\s-$/u.test(line)) {
      let j = i + 1;
      if (j < lines.length && lines[j]!.trim() === '') j++;
      if (j >= lines.length) break;
      const next = lines[j]!.trimStart();
      if (!/^\p{Ll}/u.test(next) || CONJUNCTION.test(next) || next.includes('\t')) break;
      line = line.slice(0, -1) + next;
      i = j;
    }
    out.push(line);
  }
  return out;
}

/** A run of two or more spaces between text: where an extractor that writes no tabs separates cells. */
const GAP = / {2,}/gu;

interface SpacedCell {
  start: number;
  text: string;
}

/** The cells of a line split at runs of two or more spaces, with the column each starts in. */
function spacedCellsOf(line: string): SpacedCell[] {
  const cells: SpacedCell[] = [];
  let start = 0;
  while (start < line.length && line.charCodeAt(start) === 32) start++;
  GAP.lastIndex = start;
  for (let m = GAP.exec(line); m; m = GAP.exec(line)) {
    cells.push({ start, text: line.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < line.length) cells.push({ start, text: line.slice(start) });
  return cells;
}

/**
 * A justified line of prose ("Styrelsen  beslutar att  godkänna …"): long, with short gaps that mostly fall
 * between two lower-case words. Its gaps are word spacing, not cell boundaries.
 */
function isJustifiedProse(line: string, cells: SpacedCell[], neighbours: Array<string | undefined>): boolean {
  if (cells.length < 2) return false;
  const words = cells.reduce((n, c) => n + c.text.length + 1, 0);
  if (words < 50) return false;
  // Lines of a justified paragraph end at the same right edge; a table row ending in a mark ("X") may too.
  const lastCell = cells[cells.length - 1]!.text;
  const sameEdge = lastCell.length > 3 && neighbours.some((n) => n !== undefined && !n.includes('\t') && n.length >= 50 && Math.abs(n.length - line.length) <= 1);
  let inWords = 0;
  let open = 0;
  for (let k = 1; k < cells.length; k++) {
    const gap = cells[k]!.start - (cells[k - 1]!.start + cells[k - 1]!.text.length);
    if (gap > 3) return false;
    const before = cells[k - 1]!.text;
    // A gap inside parentheses ("(Kvarnby  kommun)") is never a cell boundary.
    for (const c of before) open += c === '(' ? 1 : c === ')' && open > 0 ? -1 : 0;
    if (open > 0) return true;
    if (/[\p{Ll},;]$/u.test(before) && /^\p{Ll}/u.test(cells[k]!.text)) inWords++;
  }
  return sameEdge || inWords * 2 >= cells.length - 1;
}

/**
 * Text from an extractor that separates table cells with runs of spaces (pdftotext -layout) instead of tabs:
 * each run of two or more spaces between text becomes a tab, as our own extractors write it. In a block of
 * lines whose cells line up on shared columns, a cell keeps its column, so an empty cell keeps its tab ("Bo Al
 * ⇥Åre kommun⇥⇥X") and a line indented to a column starts with tabs; where the columns do not line up, each gap
 * is one tab and a line indented right below a table row continues its cell (a leading tab). Lines that already
 * carry tabs and lines of justified prose are left as they are (cleanLines then drops their leading spaces).
 */
export function spacedCellsToTabs(lines: string[]): string[] {
  const out = lines.slice();
  let i = 0;
  while (i < out.length) {
    if (out[i]!.trim() === '') {
      i++;
      continue;
    }
    let j = i;
    while (j < out.length && out[j]!.trim() !== '') j++;
    convertBlock(out, i, j);
    i = j;
  }
  return out;
}

/**
 * The columns of a block: where the cells of its widest row start, and any other place where cells of two or
 * more rows start (a column the widest row leaves empty, as in "Underskrifter⇥Sekreterare" over "⇥⇥Olle Granath").
 */
function columnStarts(widest: SpacedCell[], rows: Array<SpacedCell[] | undefined>): number[] {
  const starts = new Set([0, ...widest.map((c) => c.start)]);
  const seen = new Map<number, number>();
  for (const row of rows) {
    for (const cell of row ?? []) {
      if (cell.start === 0 || cell.text.length <= 3) continue;
      seen.set(cell.start, (seen.get(cell.start) ?? 0) + 1);
    }
  }
  const near = (column: number) => [...starts].some((s) => Math.abs(s - column) <= COLUMN_SLACK);
  for (const [column, count] of seen) if (count >= 2 && !near(column)) starts.add(column);
  return [...starts].sort((a, b) => a - b);
}

/** How far (in characters) a cell may start from its column's start and still be in that column. */
const COLUMN_SLACK = 2;

function convertBlock(lines: string[], from: number, to: number): void {
  const rows: Array<SpacedCell[] | undefined> = [];
  let widest: SpacedCell[] | undefined;
  // A left margin the whole block shares is not a column.
  let margin = Infinity;
  for (let k = from; k < to; k++) {
    const line = lines[k]!;
    let n = 0;
    while (line.charCodeAt(n) === 32) n++;
    margin = Math.min(margin, n);
  }
  for (let k = from; k < to; k++) {
    const line = lines[k]!.slice(margin);
    if (line.includes('\t') || !line.includes('  ')) {
      rows.push(undefined);
      continue;
    }
    const cells = spacedCellsOf(line);
    const neighbours = [k > from ? lines[k - 1]!.slice(margin) : undefined, k + 1 < to ? lines[k + 1]!.slice(margin) : undefined];
    const row = isJustifiedProse(line, cells, neighbours) ? undefined : cells;
    rows.push(row);
    if (row && row.length >= 2 && (!widest || row.length > widest.length)) widest = row;
  }
  if (!widest) return;
  const starts = columnStarts(widest, rows);
  const zoneOf = (column: number) => {
    let z = 0;
    while (z + 1 < starts.length && starts[z + 1]! <= column + COLUMN_SLACK) z++;
    return z;
  };
  // The columns line up when every cell of every row falls in a later column than the cell before it, and
  // starts where its column starts; only a mark ("X") may stand elsewhere in its column (centred).
  const aligned = rows.every((row) => {
    if (!row) return true;
    let previous = -1;
    for (const cell of row) {
      const z = cell.start === 0 ? 0 : zoneOf(cell.start);
      if (z <= previous) return false;
      if (cell.text.length > 3 && Math.abs(cell.start - starts[z]!) > COLUMN_SLACK && !(z === 0 && previous < 0)) return false;
      previous = z;
    }
    return true;
  });
  let previousTabbed = false;
  for (let k = from; k < to; k++) {
    const row = rows[k - from];
    if (!row) {
      // A line of prose or a line with tabs stays as it is.
      previousTabbed = false;
      continue;
    }
    let text = '';
    if (aligned) {
      let zone = 0;
      for (const cell of row) {
        const z = cell.start === 0 ? 0 : zoneOf(cell.start);
        text += '\t'.repeat(Math.max(0, z - zone)) + cell.text;
        zone = z;
      }
    } else {
      const indented = row[0]!.start >= 2 && previousTabbed;
      text = (indented ? '\t' : '') + row.map((c) => c.text).join('\t');
    }
    lines[k] = text;
    previousTabbed = text.includes('\t');
  }
}

/** Whether the text separates cells with runs of spaces rather than tabs: more lines with gaps than with tabs. */
function separatesCellsWithSpaces(lines: string[]): boolean {
  let tabs = 0;
  let gaps = 0;
  for (const line of lines) {
    if (line.includes('\t')) tabs++;
    else if (line.includes('  ') && /\S {2,}\S/u.test(line)) gaps++;
  }
  return gaps > tabs;
}

/** The full cleaning pipeline: normalised, trimmed lines without furniture and with joined words. */
export function cleanLines(text: string): string[] {
  let lines = normaliseText(text)
    .split('\n')
    .map((l) => l.trimEnd());
  if (separatesCellsWithSpaces(lines)) lines = spacedCellsToTabs(lines);
  lines = lines.map((t) => (t.charCodeAt(0) === 32 ? t.replace(/^ +/, '') : t));
  return joinHyphenatedLines(removePageFurniture(lines));
}
