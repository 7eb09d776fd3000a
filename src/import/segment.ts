/**
 * Finds the paragraph (§) headings and splits the document into header zone, items and trailer.
 * Headings come as "§12 Title", "§ 12 Title", "§ 12" with the title below, "12 § Title", and
 * "§ 12<TAB>Title<TAB>Dnr …". Table-of-contents lines (dot leaders or a page number at the end) and
 * references in running text are not headings.
 */
import { firstDate } from './dates.ts';
import { headerLabelOf } from './header-sections.ts';
import { BODY_PREFIX, PARAGRAPH_HEADING_START } from './lexicon/paragraph-heading.ts';
import { isPersonName } from './person-names.ts';

export interface HeadingCandidate {
  line: number;
  number: number;
  /** A numbered point of notes ("1. Inledning") rather than a § heading. */
  point?: boolean;
  /** The text after the number on the heading line (may be empty). */
  rest: string;
}

const SECTION_FIRST = /^§\s*(\d{1,4})(?:\s*[.:])?(?:[ \t]+(.*))?$/u;
const NUMBER_FIRST = /^(\d{1,4})\s*§(?:\s*[.:])?(?:[ \t]+(.*))?$/u;
/** "Paragraf 12 Budget 2026": the § written out. */
const WORD_FIRST = /^[Pp]aragraf\s+(\d{1,4})(?:\s*[.:])?(?:[ \t]+(.*))?$/u;
/** "KS § 12", "Ksau § 5": the body's abbreviation before the § sign. */
const PREFIXED = new RegExp(String.raw`^(${BODY_PREFIX})\s+§\s*(\d{1,4})(?:\s*[.:])?(?:[ \t]+(.*))?$`, 'u');
const TOC_TAIL = /(?:\.{3,}|…+|\s{3,}|\t)\s*\d{1,3}\s*$/u;

function candidateOf(line: string, index: number): (HeadingCandidate & { prefix?: string }) | undefined {
  const trimmed = line.trim();
  let m = SECTION_FIRST.exec(trimmed) ?? NUMBER_FIRST.exec(trimmed) ?? WORD_FIRST.exec(trimmed);
  let prefix: string | undefined;
  if (!m) {
    const p = PREFIXED.exec(trimmed);
    if (!p) return undefined;
    prefix = p[1]!;
    m = [p[0], p[2]!, p[3]!] as unknown as RegExpExecArray;
  }
  const rest = (m[2] ?? '').trim();
  // "§ 13 i förbundsordningen …" is a reference in running text, not a heading.
  if (rest !== '' && !/^[\p{Lu}\d"”'«(*]|^Dnr/u.test(rest)) return undefined;
  if (TOC_TAIL.test(rest)) return undefined;
  const number = Number(m[1]);
  if (number <= 0) return undefined;
  return prefix === undefined ? { line: index, number, rest } : { line: index, number, rest, prefix };
}

/**
 * Longest chain of headings with increasing numbers. Ties go to later candidates, so a list of §§ near
 * the top (an agenda) loses to the real headings below it.
 */
function increasingChain(candidates: HeadingCandidate[]): HeadingCandidate[] {
  const n = candidates.length;
  const length = new Array<number>(n).fill(1);
  const previous = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - 400); j < i; j++) {
      if (candidates[j]!.number < candidates[i]!.number && length[j]! + 1 >= length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || length[i]! >= length[best]!) best = i;
  const chain: HeadingCandidate[] = [];
  for (let i = best; i >= 0; i = previous[i]!) chain.unshift(candidates[i]!);
  return chain;
}

/** Drops a list of §§ (an agenda or contents without page numbers) when the same numbers recur below. */
function dropListedAgenda(candidates: HeadingCandidate[], lines: string[]): HeadingCandidate[] {
  const numbers = new Map<number, number>();
  for (const c of candidates) numbers.set(c.number, (numbers.get(c.number) ?? 0) + 1);
  return candidates.filter((c, i) => {
    if ((numbers.get(c.number) ?? 0) < 2) return true;
    const later = candidates.slice(i + 1).some((d) => d.number === c.number);
    if (!later) return true;
    const next = candidates[i + 1];
    let k = c.line + 1;
    while (k < lines.length && lines[k]!.trim() === '') k++;
    // An agenda line is followed directly by the next agenda line.
    return !(next && next.line === k);
  });
}

export function findHeadings(lines: string[]): HeadingCandidate[] {
  const found: Array<HeadingCandidate & { prefix?: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!PARAGRAPH_HEADING_START.test(line)) continue;
    const c = candidateOf(line, i);
    if (c) found.push(c);
  }
  // A prefix in mixed case ("Au", "Ksau") could be a word that starts a sentence: it must recur.
  const prefixCounts = new Map<string, number>();
  for (const c of found) if (c.prefix) prefixCounts.set(c.prefix, (prefixCounts.get(c.prefix) ?? 0) + 1);
  const candidates: HeadingCandidate[] = found
    .filter((c) => !c.prefix || c.prefix === c.prefix.toUpperCase() || (prefixCounts.get(c.prefix) ?? 0) >= 2)
    .map(({ line, number, rest }) => ({ line, number, rest }));
  if (candidates.length === 0) return [];
  return increasingChain(dropListedAgenda(candidates, lines));
}

const TRAILER_FIELDS = new Set(['signatures', 'adjusted-by', 'notice', 'notice-from', 'notice-until', 'storage']);

/**
 * Where the signature block or ANSLAG box starts inside the last item's lines, or `end` when there is none.
 */
export function trailerStart(lines: string[], start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    if (/^vid protokollet\b/iu.test(t) || /^ANSLAG\b|^BEVIS\b/u.test(t) || /^protokollet är justerat/iu.test(t)) return i;
    // An extract's attestation ("Rätt utdraget intygar") closes it like a signature block.
    if (/^rätt utdraget\b/iu.test(t)) return i;
    // The log an electronic justering leaves ("Elektronisk justering – händelselogg", "Signeringslogg").
    if (/^(?:elektronisk justering\b|signeringslogg\b|händelselogg\b)/iu.test(t)) return i;
    if (isUnlabelledSignatureRow(lines, i)) return i;
    const label = headerLabelOf(t);
    if (!label) continue;
    if (TRAILER_FIELDS.has(label.field)) return i;
    // "Justerat den 3 mars 2025", "Justeringsdatum 2025-03-03" after the last §.
    if (label.field === 'adjustment' && firstDate(label.value)) return i;
    if (label.field === 'secretary' || label.field === 'chair' || label.field === 'adjusters') {
      const v = label.value.replace(/[._…]{2,}/gu, ' ').replace(/\([^)]*\)/gu, ' ').trim();
      if (v === '' || isPersonName(v)) return i;
      // "Ordförande<TAB>Justerare" with the names on the line below.
      if (v.split(/\s+/u).every((w) => SIGNING_ROLE_CELL.test(w)) && isRowOfNames(lines[nextContentLine(lines, i)] ?? '')) return i;
    }
  }
  return end;
}

const SIGNING_ROLE_CELL = /^(?:ordförande|mötesordförande|vice ordförande|sekreterare|protokollförare|justerare|justerande|protokolljusterare)$/iu;

/**
 * "Lisa Nyholm<TAB>Peter Wikström" over "ordförande<TAB>sekreterare" with no "Justeras" or "Vid protokollet"
 * above: a signature block all the same, two or more names over as many role words.
 */
/**
 * Where a signature block starts without a label of its own: names over roles, or a row of two or more role
 * words ("Ordförande<TAB>Justerare") over the names.
 */
export function startsSignatureBlock(lines: string[], i: number): boolean {
  const roles = (lines[i] ?? '').trim().split(/\t+/u);
  if (roles.length >= 2 && roles.every((r) => SIGNING_ROLE_CELL.test(r.trim())) && isRowOfNames(lines[nextContentLine(lines, i)] ?? '')) return true;
  return isUnlabelledSignatureRow(lines, i);
}

/** "Ida Wall<TAB>Kim Berg" or "Wall, Ida<TAB>Berg, Kim": a row of signers' names, one per cell. */
function isRowOfNames(line: string): boolean {
  const cells = line.trim().split(/\t+/u).map((c) => c.trim().replace(/^(\p{Lu}[\p{Ll}-]+), (\p{Lu}[\p{Ll}-]+)$/u, '$2 $1'));
  return cells.length >= 2 && cells.every((c) => isPersonName(c));
}

function nextContentLine(lines: string[], i: number): number {
  let k = i + 1;
  while (k < lines.length && lines[k]!.trim() === '') k++;
  return k;
}

export function isUnlabelledSignatureRow(lines: string[], i: number): boolean {
  const cells = (line: string) => line.trim().split(/\t+| {2,}/u).map((c) => c.trim()).filter(Boolean);
  let k = i + 1;
  while (k < lines.length && lines[k]!.trim() === '') k++;
  let roles = cells(lines[k] ?? '');
  let names = cells(lines[i] ?? '');
  // Without tabs: "ordförande sekreterare" under "Lisa Nyholm Peter Wikström", names in equal runs of words.
  if (roles.length === 1) roles = roles[0]!.split(' ');
  if (names.length === 1 && roles.length >= 2) {
    const words = names[0]!.split(' ');
    const size = words.length / roles.length;
    if (Number.isInteger(size)) names = roles.map((_, n) => words.slice(n * size, (n + 1) * size).join(' '));
  }
  if (names.length < 2 || names.length > 4 || !names.every((n) => isPersonName(n))) return false;
  return roles.length === names.length && roles.every((r) => SIGNING_ROLE_CELL.test(r));
}

/** "1. Inledning", "2) Lägesbild från kommunerna", "Punkt 3: Nästa möte": a short title, not a sentence. */
const NUMBERED_POINT = /^(?:punkt\s+)?(\d{1,2})(?:[.)]|\s*:)\s+(\p{Lu}[^\t]{0,80})$/iu;
/**
 * "Punkt 1 – Välkommen", "Ärende 3 Budget", "Ärendepunkt 2: Val av justerare": the word before the number makes
 * a dash, or no separator at all, safe.
 */
const NAMED_POINT = /^(?:punkt|ärende|ärendepunkt|dagordningspunkt)\s+(\d{1,2})(?:\s*[–—:.-]\s*|\s+)(\p{Lu}[^\t]{0,80})$/iu;

/**
 * Notes without § signs number their points "1.", "2." … from 1. A point heading stands after a blank line
 * (or at the start), is short and does not end a sentence; the points must run 1, 2, 3 … without gaps, which
 * keeps numbered lists inside a point's text ("1. Nämnden godkänner …") out.
 */
export function findNumberedPoints(lines: string[]): HeadingCandidate[] {
  const chain: HeadingCandidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t.length > 90 || !/^(?:(?:punkt|ärende|ärendepunkt|dagordningspunkt)\s+)?\d/iu.test(t)) continue;
    const m = NUMBERED_POINT.exec(t) ?? NAMED_POINT.exec(t);
    if (!m) continue;
    const rest = m[2]!.trim();
    if (/[.!?;,]$/u.test(rest) || rest.split(/\s+/u).length > 10) continue;
    if (i > 0 && lines[i - 1]!.trim() !== '' && chain.length > 0) continue;
    const number = Number(m[1]);
    if (number !== (chain.length === 0 ? 1 : chain[chain.length - 1]!.number + 1)) continue;
    chain.push({ line: i, number, rest, point: true });
  }
  return chain.length >= 2 ? chain : [];
}
