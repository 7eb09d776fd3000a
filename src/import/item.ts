/**
 * One paragraph (§): title and case number from the heading, then the body's text, decisions,
 * presenters, attachments, votes, reservations and jäv.
 */
import type { MinutesItem, Reservation, Vote } from '../domain/minutes.ts';
import {
  DECISION_FRAME,
  DECISION_PHRASES,
  EARLIER_TIME,
  NOT_DECISION,
  NOT_PAST_DECISION,
  PASSIVE_PAST_DECISION,
  PAST_DECISION_PHRASES,
  PAST_TENSE_MARK,
  PRESENT_TENSE_MARK,
} from './lexicon/decision-phrases.ts';
import { isPartyToken } from './lexicon/parties.ts';
import {
  inlineDecisionOf,
  isBasisHeading,
  isCouncilProposalHeading,
  isDecisionHeading,
  isDisqualificationHeading,
  isKnownSectionHeading,
  isProposalHeading,
  isReservationHeading,
  isVoteHeading,
  stripHeadingLine,
} from './lexicon/section-headings.ts';
import { isPersonName, leadingName, sameName, trailingName } from './person-names.ts';
import { addStructuredSections } from './structured-sections.ts';

const DNR_LABEL = String.raw`(?:Dnr|DNR|Dnr\.|Diarienr|Diarienummer|Diarie­nummer|Ärendenr|Ärendenummer|Ärende nr)`;
const CASE_NUMBER = String.raw`((?:\p{Lu}{1,8}[ /.-]?)?\p{Lu}?\d[\p{L}\d./:-]*)`;
/** An archive (classification) code after the case number: "Dnr KS 2025/123 1.4.2", "(2.3)". Not part of the number. */
const ARCHIVE_CODE = String.raw`(?:\s+\(?\d{1,2}(?:\.\d{1,2}){1,3}\)?)`;
const DNR_AT_END = new RegExp(`[\\s,;(–-]*\\(?${DNR_LABEL}\\s*[.:]?\\s*${CASE_NUMBER}\\)?${ARCHIVE_CODE}?[.,;]?\\s*$`, 'u');
const DNR_LINE = new RegExp(`^${DNR_LABEL}\\s*[.:]?\\s*${CASE_NUMBER}${ARCHIVE_CODE}?[.,;]?\\s*(.*)$`, 'u');
const BARE_CASE_CELL = /^(?:\p{Lu}{1,8}[ ./-]?)?\d{2,4}[./:-]\d+(?:[./:-]\d+)*$/u;

const TRAILING_CASE = /\s(\p{Lu}{2,8})[ /-]?(?:19|20)\d{2}[./:-]\d{1,6}(?:[./:-]\d{1,6})*\s*$/u;
const PARENTHESISED_CASE = /\s*\(((?:\p{Lu}{1,8}[ ./-]?\d{2,4}[./:-]\d+|\d{2,4}[/:]\d+)(?:[./:-]\d+)*)\)\s*$/u;

function cleanCaseNumber(value: string): string {
  return value.replace(/[.,;:)]+$/u, '');
}

export interface ItemHeading {
  /** The § number; null for a numbered point of notes ("1. Inledning"), which is not a §. */
  number: number | null;
  rest: string;
}

function collapse(text: string): string {
  // Most lines are already clean; the regular expression only runs when there is something to collapse.
  if (!/\s\s|[\t\n\r]/.test(text)) return text.trim();
  return text.replace(/\s+/g, ' ').trim();
}

/** Splits "Title, Dnr 2020/14" (or a tabbed "Title<TAB>KS 2020/14") into title and case number. */
function splitTitle(text: string): { title: string; caseNumber: string | null } {
  let title = text;
  let caseNumber: string | null = null;
  if (title.includes('\t')) {
    const cells = title.split('\t').map((c) => c.trim()).filter(Boolean);
    const last = cells[cells.length - 1];
    if (cells.length > 1 && last && (BARE_CASE_CELL.test(last) || DNR_LINE.test(last))) {
      caseNumber = cleanCaseNumber(DNR_LINE.exec(last)?.[1] ?? last);
      cells.pop();
    }
    title = cells.join(' ');
  }
  const m = DNR_AT_END.exec(title);
  if (m && caseNumber === null) {
    caseNumber = cleanCaseNumber(m[1]!);
    title = title.slice(0, m.index);
  }
  // "Budget 2025 (KS 2024/12)": a case number in parentheses without the Dnr label; "(2025–2027)" is a period.
  const bare = caseNumber === null ? PARENTHESISED_CASE.exec(title) : null;
  if (bare) {
    caseNumber = bare[1]!;
    title = title.slice(0, bare.index);
  }
  // "Revisionsberättelse för 2024 MN 2025.011": a registry's case number ending the title, its cell boundary lost
  // with the tabs. Only with a registry prefix and a year, so "Budget 2025" and "Plan 2025/2026" stay titles.
  const trailing = caseNumber === null && !/^SFS$/u.test(TRAILING_CASE.exec(title)?.[1] ?? 'SFS') ? TRAILING_CASE.exec(title) : null;
  if (trailing && trailing.index > 0) {
    caseNumber = trailing[0].trim();
    title = title.slice(0, trailing.index);
  }
  return { title: collapse(title).replace(/[,;:–-]+$/u, '').trim(), caseNumber };
}

const CONTINUES_TITLE = /(?:\s(?:och|i|för|av|till|med|om|på|samt|mellan|inom|från|gällande|avseende|kring)|[,–-])$/iu;

/** Heading, title lines and Dnr line; returns the title, case number and where the body starts. */
export function readHeading(
  lines: string[],
  start: number,
  end: number,
  heading: ItemHeading,
): { title: string; caseNumber: string | null; bodyStart: number } {
  let i = start + 1;
  let titleText = heading.rest;
  let caseNumber: string | null = null;
  const dnrOnly = DNR_LINE.exec(titleText);
  if (dnrOnly && !dnrOnly[2]) {
    caseNumber = cleanCaseNumber(dnrOnly[1]!);
    titleText = '';
  }
  const nextContent = (): number => {
    let k = i;
    while (k < end && lines[k]!.trim() === '') k++;
    return k;
  };
  if (titleText === '') {
    const k = nextContent();
    if (k < end) {
      const dnr = DNR_LINE.exec(lines[k]!.trim());
      if (dnr && !dnr[2]) {
        caseNumber ??= cleanCaseNumber(dnr[1]!);
        i = k + 1;
      }
    }
    const t = nextContent();
    if (t < end && !isKnownSectionHeading(lines[t]!) && !isDecisionHeading(lines[t]!)) {
      titleText = lines[t]!;
      i = t + 1;
    }
  }
  // A long title wraps onto lines that continue the phrase.
  let wraps = 0;
  while (i < end && wraps < 2) {
    const next = lines[i]!;
    const t = next.trim();
    if (t === '' || DNR_LINE.test(t) || isKnownSectionHeading(t) || isDecisionHeading(t)) break;
    // A PDF wraps a title cell beside a Dnr cell: "Handlingsprogram … olyckor<TAB>Dnr …" over "2024–2027".
    const wrappedCell = titleText.includes('\t') && /^\d/u.test(t) && t.length <= 40 && !t.includes('\t') && !/[.!?:;]$/u.test(t);
    if (!(/^\p{Ll}/u.test(t) || CONTINUES_TITLE.test(titleText.trim()) || wrappedCell)) break;
    if (wrappedCell) {
      const tab = titleText.indexOf('\t');
      titleText = `${titleText.slice(0, tab).trim()} ${t}${titleText.slice(tab)}`;
    } else titleText = `${titleText.trim()} ${t}`;
    i++;
    wraps++;
  }
  const split = splitTitle(titleText);
  caseNumber ??= split.caseNumber;
  const k = nextContent();
  if (k < end) {
    const dnr = DNR_LINE.exec(lines[k]!.trim());
    if (dnr && (!dnr[2] || dnr[2].length < 3)) {
      caseNumber ??= cleanCaseNumber(dnr[1]!);
      i = k + 1;
    }
  }
  return { title: split.title, caseNumber, bodyStart: i };
}

/** A bullet, letter or number that starts a point: "- ", "• ", "a) ", "1. ", "2) ". */
const POINT_MARK = /^(?:[-–•*·▪]\s+|[-–•]\s*(?=\p{L})|\(?[a-zåäö]\)\s+|\d{1,2}[.)]\s+(?=\p{L}))/u;
const ATT_START = /^att\s+/iu;

function stripPointMark(text: string): string {
  let t = text.trim();
  for (let k = 0; k < 3; k++) {
    const next = t.replace(POINT_MARK, '').trim();
    if (next === t) break;
    t = next;
  }
  return t;
}

/**
 * Blocks of lines separated by blank lines. A subheading ("Beslutsunderlag", "Bakgrund") is a block of its
 * own even when the text follows on the next line without a blank line, as in most PDFs.
 */
function blocksOf(lines: string[]): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t === '') {
      if (current.length) blocks.push(current);
      current = [];
      continue;
    }
    if (isKnownSectionHeading(t) || isDecisionHeading(t)) {
      if (current.length) blocks.push(current);
      current = [];
      blocks.push([t]);
      continue;
    }
    // "Föredragande: X" stands alone even when the text follows without a blank line.
    if (/^föredragande\s*:/iu.test(t)) {
      if (current.length) blocks.push(current);
      current = [];
      blocks.push([t]);
      continue;
    }
    current.push(t);
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/** Points of a block: each bullet, numbered line or att-line starts one; other lines continue it. */
function pointsOf(block: string[]): string[] {
  const points: string[] = [];
  let attList = false;
  for (const line of block) {
    const isMark = POINT_MARK.test(line);
    const isAtt = ATT_START.test(line) && (attList || points.length === 0 || /[.;:,]$|beslutar$|besluta$/u.test(points[points.length - 1]!));
    if (isAtt) attList = true;
    if (points.length === 0 || isMark || isAtt || DECISION_FRAME.test(points[points.length - 1]!)) points.push(line);
    else points[points.length - 1] = `${points[points.length - 1]} ${line}`;
  }
  return points.map(collapse);
}

function isHeadingLike(block: string[]): boolean {
  if (block.length !== 1) return false;
  const t = stripHeadingLine(block[0]!);
  if (POINT_MARK.test(t) || ATT_START.test(t)) return false;
  if (/[.!?;,]$/u.test(t) || t.endsWith(':')) return false;
  const words = t.split(/\s+/u);
  return words.length <= 6 && /^\p{Lu}/u.test(t) && !/\d{4}-\d{2}-\d{2}/u.test(t);
}

function decisionText(point: string): string | undefined {
  let t = stripPointMark(point);
  if (DECISION_FRAME.test(t)) return undefined;
  t = t.replace(ATT_START, '');
  t = stripPointMark(t);
  return t === '' ? undefined : t;
}

/** A labelled line after the decided points: "Bilaga: Tjänsteskrivelse", "Beslutet skickas till: …". */
const ENDS_DECISION_LIST =
  /^(?:[-–•]\s*)?(?:bilag(?:a|or)(?:\s+(?:nr\.?\s*)?\d+[a-z]?)?|beslutsunderlag|underlag|expedieras(?:\s+till)?|beslutet\s+(?:skickas|expedieras)\s+till|skickas\s+till|för kännedom|protokollsanteckning|föredragande)\s*:/iu;

/** Decisions under a "Beslut" heading: every paragraph, bullet or att-clause until the next section. */
function decisionsUnderHeading(lines: string[], headingIndex: number): string[] {
  const first = lines[headingIndex]!;
  const inline = inlineDecisionOf(first);
  const rest: string[] = inline ? [inline] : [];
  let k = headingIndex + 1;
  for (; k < lines.length; k++) {
    const t = lines[k]!.trim();
    if (t !== '' && (isKnownSectionHeading(t) || isDecisionHeading(t) || ENDS_DECISION_LIST.test(t))) break;
    rest.push(lines[k]!);
  }
  const decisions: string[] = [];
  let framed = false;
  for (const block of blocksOf(rest)) {
    if (decisions.length > 0 && isHeadingLike(block)) break;
    // An unknown subheading with its text right below ("Beskrivning av ärendet" over "Förvaltningen har …").
    if (decisions.length > 0 && block.length > 1 && isHeadingLike([block[0]!]) && !DECISION_FRAME.test(block[0]!) && /^\p{Lu}/u.test(block[1]!)) break;
    const points = pointsOf(block);
    // After "Styrelsen beslutar att" and its points, plain prose is the background, not a decision.
    if (framed && decisions.length > 0 && !points.some((p) => POINT_MARK.test(p) || ATT_START.test(p))) break;
    for (const point of points) {
      if (DECISION_FRAME.test(stripPointMark(point))) framed = true;
      const d = decisionText(point);
      if (d) decisions.push(d);
    }
  }
  return decisions;
}

/** Splits a paragraph into sentences without breaking "t.ex." or "kl. 9". */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-ZÅÄÖÉÜ"”])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** All decision phrases in one pattern, so a sentence is scanned once. */
const ANY_DECISION_PHRASE = new RegExp(DECISION_PHRASES.map((p) => `(?:${p.source})`).join('|'));

const ANY_PAST_DECISION_PHRASE = new RegExp(PAST_DECISION_PHRASES.map((p) => `(?:${p.source})`).join('|'));

function isDecisionSentence(sentence: string, pastTense: Tense): boolean {
  const lower = sentence.toLowerCase();
  if (DECISION_FRAME.test(sentence)) return false;
  if (ANY_DECISION_PHRASE.test(lower) && !NOT_DECISION.test(sentence)) return true;
  // In minutes written in the past tense, "Dagordningen godkändes." decides unless it speaks of an earlier meeting;
  // in a § of present-tense minutes written in the past tense, only the passive ("godkändes", "valdes") does.
  if (pastTense === false) return false;
  const phrase = pastTense === 'passive' ? PASSIVE_PAST_DECISION : ANY_PAST_DECISION_PHRASE;
  return phrase.test(lower) && !NOT_PAST_DECISION.test(sentence) && !EARLIER_TIME.test(sentence);
}

/**
 * How a § reads preterite deciding verbs: `true` in minutes written in the past tense; 'passive' in a § of
 * present-tense minutes that has passive preterites ("Protokollet godkändes.") and no present deciding verb, where
 * the secretary changed tense for that §; `false` otherwise, where the preterite reports.
 */
export type Tense = boolean | 'passive';

/** PRESENT_TENSE_MARK without the global flag, for a plain test. */
const PRESENT_MARK = new RegExp(PRESENT_TENSE_MARK.source, 'iu');

export function tenseOfItem(lines: string[], documentPastTense: boolean): Tense {
  if (documentPastTense) return true;
  let passive = false;
  for (const line of lines) {
    if (line.length < 8) continue;
    if (PRESENT_MARK.test(line)) return false;
    passive ||= PASSIVE_PAST_DECISION.test(line.toLowerCase());
  }
  return passive ? 'passive' : false;
}

/**
 * Whether the minutes are written in the past tense ("Dagordningen godkändes."): more preterite forms of the
 * deciding verbs than present ones in the §§ bodies.
 */
export function isWrittenInPastTense(lines: string[]): boolean {
  let present = 0;
  let past = 0;
  for (const line of lines) {
    if (line.length < 8) continue;
    present += line.match(PRESENT_TENSE_MARK)?.length ?? 0;
    past += line.match(PAST_TENSE_MARK)?.length ?? 0;
  }
  return past > present;
}

/**
 * Decisions without a "Beslut" heading: att-clauses and bullets after a frame ("Styrelsen beslutar"), and
 * sentences that decide ("Dagordningen godkännes.").
 */
function decisionsInProse(blocks: string[][], pastTense: Tense): string[] {
  const decisions: string[] = [];
  let inProposal = false;
  let afterFrame = false;
  for (const block of blocks) {
    if (block.length === 1 && isProposalHeading(block[0]!)) {
      inProposal = true;
      continue;
    }
    if (block.length === 1 && isKnownSectionHeading(block[0]!)) {
      inProposal = false;
      continue;
    }
    if (inProposal) continue;
    for (const point of pointsOf(block)) {
      const bare = stripPointMark(point);
      if (DECISION_FRAME.test(bare)) {
        afterFrame = true;
        continue;
      }
      const isClause = ATT_START.test(bare) || POINT_MARK.test(point);
      if (afterFrame && isClause) {
        const d = decisionText(point);
        if (d) decisions.push(d);
        continue;
      }
      afterFrame = false;
      for (const sentence of sentencesOf(bare)) {
        if (isDecisionSentence(sentence, pastTense)) decisions.push(stripPointMark(sentence));
      }
    }
  }
  return decisions;
}

function findDecisions(body: string[], blocks: string[][], pastTense: Tense): string[] {
  const heading = body.findIndex((l) => l.trim() !== '' && (isDecisionHeading(l) || inlineDecisionOf(l) !== undefined));
  if (heading >= 0) {
    const found = decisionsUnderHeading(body, heading);
    if (found.length > 0) return found;
  }
  // Without a "Beslut" heading, the board's proposal to the council is what it decided; the last one is the
  // board's own when an earlier one quotes a nämnd.
  let council = -1;
  for (let k = 0; k < body.length; k++) if (isCouncilProposalHeading(body[k]!)) council = k;
  if (council >= 0) {
    const found = decisionsUnderHeading(body, council);
    if (found.length > 0) return found;
  }
  return decisionsInProse(blocks, pastTense);
}

const PRESENTING_VERB =
  /(?<![\p{L}])(?:presenterar|presenterade|redovisar|redovisade|informerar|informerade|föredrar|föredrog|beskriver|beskrev|berättar|berättade|rapporterar|rapporterade|redogör|redogjorde|går igenom|gick igenom|föredras)(?![\p{L}])/u;
/** Cheap pre-check before the sentence-level search for presenters. */
const PRESENTER_HINT = /föredrag|present|redovis|inform|föredr|beskriv|beskrev|berätta|rapporter|redog|går igenom|gick igenom/i;
const PRESENTED_BY = /(?:presenteras|presenterades|redovisas|redovisades|föredras|föredrogs)\s+av\s+(.+)$/u;

/** "Lisa Sten från Skolverket", "Lisa Sten, Skolverket,": a name followed only by where the person comes from. */
function nameWithOrigin(text: string): { name: string } | undefined {
  const name = leadingName(text);
  if (!name || !/^\s*(?:,|\(|från\s|vid\s|på\s)/u.test(text.slice(name.length))) return undefined;
  return { name };
}

function presentersOf(blocks: string[][]): string[] {
  const out: string[] = [];
  const add = (name: string | undefined) => {
    if (name && !out.some((n) => sameName(n, name))) out.push(name);
  };
  for (const block of blocks) {
    const joined = block.join(' ');
    if (!PRESENTER_HINT.test(joined)) continue;
    const t = collapse(joined);
    const label = /^föredragande\s*(?:är|:)?\s*(.+)$/iu.exec(t);
    if (label) {
      for (const piece of stripEmphasis(label[1]!).split(/,|;|\s+och\s+|\t/u)) {
        const p = piece.trim().replace(/\s*\([^)]*\)\s*/gu, ' ').trim();
        if (isPersonName(p)) add(p);
      }
      continue;
    }
    for (const sentence of sentencesOf(stripEmphasis(t))) {
      const by = PRESENTED_BY.exec(sentence);
      if (by) add(leadingName(by[1]!.replace(/^(?:\p{Ll}+\s+)+/u, '')));
      const verb = PRESENTING_VERB.exec(sentence);
      if (!verb) continue;
      const before = sentence.slice(0, verb.index).trim().replace(/,$/u, '');
      // "Lisa Sten från Skolverket presenterade …": the name leads the words before the verb.
      const found = trailingName(before) ?? nameWithOrigin(before);
      if (found) add(found.name);
      else {
        const after = sentence.slice(verb.index + verb[0].length).trim();
        add(leadingName(after.replace(/^(?:\p{Ll}+\s+)?/u, '')) ?? leadingName(after));
      }
    }
  }
  return out;
}

const ATTACHMENT_LINE = /^(?:[-–•]\s*)?(?:se\s+)?bilag(?:a|or)(?:\s+(?:nr\.?\s*)?\d+[a-z]?)?\s*[:.]?\s+(?![;:(])(.+)$/iu;
const SEE_ATTACHMENT = /(?:^|[\s(])[Ss]e bilaga\s+(?![;:(])([^.;()]+?)\.?(?=\s*$|\.\s)/u;

/** Removes *emphasis* and _emphasis_ markers but keeps underscores inside words ("punkt 1_1"). */
export function stripEmphasis(text: string): string {
  return text.replace(/\*+/gu, '').replace(/(^|\s)_+|_+(?=\s|$)/gu, '$1');
}

function cleanAttachment(text: string): string {
  return collapse(stripEmphasis(text)).replace(/\.$/u, '').trim();
}

function attachmentsOf(blocks: string[][]): string[] {
  const out: string[] = [];
  const add = (text: string) => {
    const t = cleanAttachment(text);
    if (t && !out.includes(t)) out.push(t);
  };
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    if (block.length === 1 && isBasisHeading(block[0]!)) {
      const next = blocks[b + 1];
      if (next && !isKnownSectionHeading(next[0]!)) {
        // A list of documents: one per line, except a line that continues the previous one.
        const entries: string[] = [];
        for (const line of next) {
          if (entries.length > 0 && /^\p{Ll}/u.test(line)) entries[entries.length - 1] += ` ${line}`;
          else entries.push(line);
        }
        for (const entry of entries) add(stripPointMark(entry));
        b++;
      }
      continue;
    }
    for (const line of block) {
      const m = ATTACHMENT_LINE.exec(line);
      if (m && !/^(?:till|i|om|med|att)\s/iu.test(m[1]!)) {
        add(m[1]!);
        continue;
      }
      const see = SEE_ATTACHMENT.exec(line);
      if (see) add(see[1]!);
    }
  }
  return out;
}

/** "Anna Ek (S)" runs in a sentence, resolved against the attendance list where possible. */
function peopleIn(text: string, known: string[]): Array<{ name: string; party: string | null }> {
  const out: Array<{ name: string; party: string | null }> = [];
  const pattern = /(\p{Lu}[\p{L}'’-]+(?:\s+(?:von\s+|af\s+|de\s+)?\p{Lu}[\p{L}'’-]+){1,3})(?:\s*\(([^)]{1,6})\))?/gu;
  for (const m of text.matchAll(pattern)) {
    let name = m[1]!;
    const knownName = known.find((k) => name.includes(k));
    if (knownName) name = knownName;
    else {
      const trailing = trailingName(name);
      if (trailing) name = trailing.name;
      if (!isPersonName(name)) continue;
      // Sentence-initial words are capitalised too: keep the last two or three words of a long run.
      const words = name.split(' ');
      if (words.length > 3) name = words.slice(-2).join(' ');
    }
    const partyToken = m[2]?.trim();
    const party = partyToken && isPartyToken(partyToken) ? partyToken : null;
    if (!out.some((p) => p.name === name)) out.push({ name, party });
  }
  return out;
}

const NUMBER_WORDS: Record<string, number> = {
  noll: 0, en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11,
  tolv: 12, tretton: 13, fjorton: 14, femton: 15, sexton: 16, sjutton: 17, arton: 18, nitton: 19, tjugo: 20,
};
const COUNT = String.raw`(\d{1,3}|noll|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton|tjugo)`;
const YES_COUNT = new RegExp(`${COUNT}\\s+ja(?:-?röster|röst)?(?![\\p{L}])|ja(?:-?röster)?\\s*[:=]?\\s*(\\d{1,3})(?![\\d])`, 'iu');
const NO_COUNT = new RegExp(`${COUNT}\\s+nej(?:-?röster|röst)?(?![\\p{L}])|nej(?:-?röster)?\\s*[:=]?\\s*(\\d{1,3})(?![\\d])`, 'iu');
const ABSTAIN_COUNT = new RegExp(
  `${COUNT}\\s+(?:ledamöter\\s+|ledamot\\s+)?(?:avstår|avstod|avstående|nedlagda|som avstår|röster avstår)|(?:avstår|avstående|nedlagda)(?:\\s+röster)?\\s*[:=]?\\s*(\\d{1,3})(?![\\d])`,
  'iu',
);

function countOf(pattern: RegExp, text: string): number | null {
  const m = pattern.exec(text);
  if (!m) return null;
  const raw = (m[1] ?? m[2] ?? '').toLowerCase();
  const n = /^\d+$/u.test(raw) ? Number(raw) : NUMBER_WORDS[raw];
  return n ?? null;
}

function voteChoice(cell: string): 'yes' | 'no' | 'abstain' | 'absent' | undefined {
  const t = cell.trim().toLowerCase();
  if (t === 'ja') return 'yes';
  if (t === 'nej') return 'no';
  if (t === 'avstår' || t === 'avstod' || t === 'avstående') return 'abstain';
  if (t === 'frånvarande' || t === 'ej närvarande') return 'absent';
  return undefined;
}

function rollCallOf(lines: string[]): Vote['roll'] {
  const roll: NonNullable<Vote['roll']> = [];
  let columns: Array<'yes' | 'no' | 'abstain' | 'absent' | undefined> | undefined;
  for (const line of lines) {
    if (!line.includes('\t')) continue;
    const cells = line.split('\t');
    const header = cells.map(voteChoice);
    if (header.filter(Boolean).length >= 2 && !isPersonName(cells[0]!.trim())) {
      columns = header;
      continue;
    }
    const who = cells[0]!.trim();
    const m = /^(.+?)\s*\(([^)]{1,6})\)$/u.exec(who);
    const name = (m ? m[1]! : who).trim();
    if (!isPersonName(name)) continue;
    let party: string | null = m ? m[2]! : null;
    let vote: 'yes' | 'no' | 'abstain' | 'absent' | undefined;
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c]!.trim();
      if (!cell) continue;
      if (columns && /^x$/iu.test(cell)) vote ??= columns[c];
      else if (voteChoice(cell)) vote ??= voteChoice(cell);
      else if (party === null && isPartyToken(cell)) party = cell;
    }
    if (vote) roll.push({ name, party, vote });
  }
  return roll;
}

/** "Direktionen godkänner följande propositionsordning: Den som vill …": the lead-in is not the question. */
const VOTE_PROPOSITION_LEAD = /^[^:]{0,120}?(?:propositionsordning|voteringsproposition|omröstningsproposition|voteringsordning|följande proposition)\s*:\s*(?=\p{Lu})/u;

function votesOf(body: string[]): Vote[] {
  // A "Omröstning" heading wins over a mention of the vote earlier in the running text.
  const heading = body.findIndex((l) => isVoteHeading(l));
  const start = heading >= 0 ? heading : body.findIndex((l) => /omröstning|votering/iu.test(l));
  if (start < 0) return [];
  const section: string[] = [];
  for (let k = start; k < body.length; k++) {
    const t = body[k]!.trim();
    if (k > start && t !== '' && (isReservationHeading(t) || isDisqualificationHeading(t) || isDecisionHeading(t))) break;
    if (k > start && /^(?:protokollsanteckning|expedieras|beslutet skickas)/iu.test(t)) break;
    section.push(body[k]!);
  }
  const text = collapse(section.filter((l) => !l.includes('\t') && !isVoteHeading(l)).join(' '));
  const sentences = sentencesOf(text.replace(/^(?:omröstning|votering|omröstningsresultat)\s*:?\s*/iu, ''));
  const roll = rollCallOf(section);
  const yes = countOf(YES_COUNT, text);
  const no = countOf(NO_COUNT, text);
  const abstain = countOf(ABSTAIN_COUNT, text);
  if (yes === null && no === null && roll?.length === 0) return [];
  const question = (
    sentences.find((s) => /ja-?röst|ja för|röstar ja|den som vill/iu.test(s)) ??
    sentences.find((s) => /ställs mot|mot varandra|proposition/iu.test(s)) ??
    sentences[0] ??
    ''
  ).replace(VOTE_PROPOSITION_LEAD, '');
  const statedResult = section.map((l) => /^resultat\s*:\s*(.+)$/iu.exec(l.trim())?.[1]).find(Boolean);
  const result =
    statedResult ??
    sentences.find(
      (s) => /har (?:alltså |således |därmed )?beslutat|beslut(?:at|ar)\s+(?:\p{L}+\s+)?enligt|vinner|segrar/iu.test(s) && s !== question,
    ) ??
    sentences.find((s) => /utfaller|utfall/iu.test(s) && s !== question) ??
    sentences.find((s) => /^med\s+\d+\s+ja-?röster?\b.*\bbeslut/iu.test(s) && s !== question) ??
    null;
  const vote: Vote = { question, yes, no, abstain };
  if (roll && roll.length > 0) {
    vote.roll = roll;
    vote.yes ??= roll.filter((r) => r.vote === 'yes').length;
    vote.no ??= roll.filter((r) => r.vote === 'no').length;
    vote.abstain ??= roll.filter((r) => r.vote === 'abstain').length;
  }
  vote.result = result;
  return [vote];
}

function reservationsOf(body: string[], known: string[]): Reservation[] {
  const out: Reservation[] = [];
  const text = collapse(body.filter((l) => !isReservationHeading(l)).join(' '));
  if (!/reserv/iu.test(text)) return out;
  for (const sentence of sentencesOf(text)) {
    const verb = /reserverar\s+sig|reserverade\s+sig|reservation/iu.exec(sentence);
    if (!verb || /protokollsanteckning/iu.test(sentence.slice(0, verb.index))) continue;
    const reasonMatch = /(?:till förmån för|med motiveringen|eftersom|då|på grund av)\s+(.+?)\.?$/iu.exec(
      sentence.slice(verb.index),
    );
    const reason = reasonMatch ? reasonMatch[0].replace(/\.$/u, '') : null;
    const before = sentence.slice(0, verb.index);
    const scope = /^\s*mot beslutet/iu.test(before) || before.trim() === '' ? sentence.slice(verb.index) : before;
    for (const p of peopleIn(scope, known)) {
      if (!out.some((r) => r.name === p.name)) out.push({ name: p.name, party: p.party, reason });
    }
  }
  return out;
}

function disqualifiedOf(text: string, known: string[]): string[] {
  const out: string[] = [];
  for (const sentence of sentencesOf(text)) {
    if (!/(?<![\p{L}])jäv(?:ig|et|s)?(?![\p{L}])/iu.test(sentence)) continue;
    if (/(?<![\p{L}])(?:ingen|inget|inga)(?![\p{L}])/iu.test(sentence)) continue;
    for (const p of peopleIn(sentence.replace(/^jäv\s*:?/iu, ''), known)) if (!out.includes(p.name)) out.push(p.name);
  }
  return out;
}

/** Parses one § from its lines (heading line at `start`, exclusive `end`). */
export function parseItem(
  lines: string[],
  start: number,
  end: number,
  heading: ItemHeading,
  knownNames: string[],
  options: { pastTense?: Tense; fixedForms?: boolean } = {},
): MinutesItem {
  const { title, caseNumber, bodyStart } = readHeading(lines, start, end, heading);
  const body = lines.slice(bodyStart, end);
  const blocks = blocksOf(body);
  const text = collapse(body.join(' '));
  const item: MinutesItem = {
    number: heading.number,
    title,
    caseNumber,
    presenters: presentersOf(blocks),
    decisions: findDecisions(body, blocks, options.pastTense ?? false),
    attachments: attachmentsOf(blocks),
    text,
  };
  // Votes, reservations and jäv are rare; a cheap look at the text spares the sentence-level passes.
  if (/omröstning|votering/iu.test(text)) {
    const votes = votesOf(body);
    if (votes.length) item.votes = votes;
  }
  if (/reserv/iu.test(text)) {
    const reservations = reservationsOf(body, knownNames);
    if (reservations.length) item.reservations = reservations;
  }
  if (/jäv/iu.test(text)) {
    const disqualified = disqualifiedOf(text, knownNames);
    if (disqualified.length) item.disqualified = disqualified;
  }
  // Yrkanden, propositionsordning and protokollsanteckningar as fields: only as Protokoll prints them.
  if (options.fixedForms) addStructuredSections(item, body);
  return item;
}
