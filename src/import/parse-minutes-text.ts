/**
 * Text → minutes: clean the lines, find the §§, read the header zone and the trailer, read each §.
 * Pure: no I/O, no clock.
 */
import { MAX_TEXT_LENGTH, MAX_TITLE_LENGTH, type Attendee, type Minutes } from '../domain/minutes.ts';
import { InputError } from '../errors.ts';
import { attendeesOfSection, EXCEPT_PREFIX, parseAttendanceEntry } from './attendance.ts';
import { parseSigningTime } from './dates.ts';
import { cleanLines } from './clean-text.ts';
import { readHeader } from './header.ts';
import { isAttendanceField, splitHeaderZone } from './header-sections.ts';
import { isWrittenInPastTense, parseItem, tenseOfItem } from './item.ts';
import { nameKey, sameName } from './person-names.ts';
import { findHeadings, findNumberedPoints, type HeadingCandidate, startsSignatureBlock, trailerStart } from './segment.ts';
import { applySigningTimes, splitSigningReport } from './signing-report.ts';
import { isFlattenedText, unflattenText } from './unflatten-text.ts';

export interface ParseOptions {
  /** Names the document in error messages (a file name); defaults to "document". */
  source?: string;
}

function notMinutes(source: string, reason: string): InputError {
  return new InputError({ path: source, code: 'not_minutes', message: reason });
}

/**
 * A protocol Protokoll rendered opens with its kind alone on a line and, within two lines, "Sammanträdesdatum
 * YYYY-MM-DD" alone on a line (docs/documents.md). Only there are the § parts printed under fixed words
 * (yrkanden, propositionsordning, protokollsanteckningar) read into fields; in other minutes the same words are
 * free text, which the annotated corpus keeps as text.
 */
function isPrintedByProtokoll(lines: string[]): boolean {
  const head = lines.slice(0, 8).map((line) => line.trim());
  const kind = head.findIndex((line) => line === 'PROTOKOLL' || line === 'MINNESANTECKNINGAR' || line === 'PROTOKOLLSUTDRAG');
  return kind >= 0 && head.slice(kind + 1, kind + 3).some((line) => /^Sammanträdesdatum \d{4}-\d{2}-\d{2}$/u.test(line));
}

/** Parses the text of one set of minutes into the interchange format, or throws InputError. */
export function parseMinutesText(text: string, options: ParseOptions = {}): Minutes {
  const source = options.source ?? 'document';
  if (text.trim() === '') throw notMinutes(source, 'the document is empty');
  const report = splitSigningReport(cleanLines(isFlattenedText(text) ? unflattenText(text) : text));
  const lines = report.lines;
  const sectionHeadings = findHeadings(lines);
  const headings = sectionHeadings.length > 0 ? sectionHeadings : numberedPointsOfNotes(lines);
  const firstItemLine = headings[0]?.line ?? lines.length;
  const lastHeading = headings[headings.length - 1];
  const trailerLine = lastHeading ? trailerStart(lines, lastHeading.line, lines.length) : lines.length;
  // An unlabelled names-over-roles block closing the minutes is read as the signature block it is.
  const trailer = lastHeading && startsSignatureBlock(lines, trailerLine) ? ['Underskrifter', ...lines.slice(trailerLine)] : lines.slice(trailerLine);
  const zoneLines = readableAttendance([...lines.slice(0, firstItemLine), '', ...trailer]);
  const zone = splitHeaderZone(zoneLines);
  const header = readHeader(zone, zoneLines.join('\n'));
  applySigningTimes(header.signatures, report.signed);

  const attendees: Attendee[] = [];
  const seen = new Set<string>();
  let underVotingHeading = false;
  for (const section of zone.sections) {
    if (!isAttendanceField(section.field)) continue;
    const found = attendeesOfSection(section, underVotingHeading);
    if (section.field === 'voting') underVotingHeading = found.length === 0;
    else if (section.field !== 'members' && section.field !== 'serving-substitutes') underVotingHeading = false;
    for (const a of found) {
      // The same first and last name is one person listed twice, unless the two entries give different parties.
      const twin = attendees.find((b) => nameKey(b.name) === nameKey(a.name));
      if (twin && !(twin.party && a.party && twin.party.toLowerCase() !== a.party.toLowerCase())) continue;
      seen.add(nameKey(a.name));
      attendees.push(a);
    }
  }
  // "Sekreterare: Malin Åberg" or "Antecknare: …" as a row of the header names someone present.
  let signing = false;
  for (const section of zone.sections) {
    if (section.field === 'signatures' || section.field === 'adjusted-by') signing = true;
    if (signing || section.field !== 'secretary' || section.value === '') continue;
    if (/[._…]{3,}/u.test(section.value) || parseSigningTime(section.value)) continue;
    const found = parseAttendanceEntry(section.value, { role: 'secretary', voting: null, staffWithoutParty: false });
    if (!found || seen.has(nameKey(found.attendee.name))) continue;
    seen.add(nameKey(found.attendee.name));
    attendees.push({ ...found.attendee, role: 'secretary', voting: null });
  }
  applySignatureRoles(attendees, header.signatures);

  const knownNames = attendees.map((a) => a.name);
  const pastTense = isWrittenInPastTense(lines.slice(firstItemLine, trailerLine));
  const fixedForms = isPrintedByProtokoll(lines);
  const items = headings.map((h, i) => {
    const next = headings[i + 1];
    const dnrAbove = next ? caseNumberAbove(lines, next.line) : undefined;
    const end = next ? (dnrAbove?.line ?? next.line) : trailerLine;
    const item = parseItem(lines, h.line, end, { number: h.point ? null : h.number, rest: h.rest }, knownNames, {
      pastTense: tenseOfItem(lines.slice(h.line, end), pastTense),
      fixedForms,
    });
    const own = caseNumberAbove(lines, h.line);
    if (item.caseNumber === null && own) item.caseNumber = own.caseNumber;
    return item;
  });

  const hasHeader =
    header.meeting.date !== null && (attendees.length > 0 || header.meeting.location !== null || header.meeting.start !== null);
  if (items.length === 0 && !hasHeader) {
    throw notMinutes(source, 'this does not look like minutes: no § items and no meeting header or attendance list');
  }

  const numbers = items.map((i) => i.number).filter((n): n is number => n !== null);
  const paragraphRange =
    header.statedRange ?? (numbers.length ? { first: Math.min(...numbers), last: Math.max(...numbers) } : null);

  for (const a of attendees) {
    if (a.paragraphs?.startsWith(EXCEPT_PREFIX)) a.paragraphs = attendedParagraphs(a.paragraphs.slice(EXCEPT_PREFIX.length), paragraphRange);
  }

  return withinLimits({
    kind: header.kind,
    organization: header.organization,
    body: header.body,
    meeting: header.meeting,
    paragraphRange,
    adjustment: header.adjustment,
    signatures: header.signatures,
    notice: header.notice,
    attendees,
    items,
  });
}

/**
 * The interchange document caps a title or name at MAX_TITLE_LENGTH and a text at MAX_TEXT_LENGTH. Real
 * minutes never reach them; text whose structure was misread can (a whole page taken for a § title), and
 * is cut at the limit with an ellipsis rather than made invalid: what was read stays readable.
 */
function withinLimits(minutes: Minutes): Minutes {
  const short = (text: string) => (text.length > MAX_TITLE_LENGTH ? `${text.slice(0, MAX_TITLE_LENGTH - 1)}…` : text);
  const shortOrNull = (text: string | null) => (text === null ? null : short(text));
  const long = (text: string) => (text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text);
  return {
    ...minutes,
    attendees: minutes.attendees.map((a) => ({ ...a, name: short(a.name), party: shortOrNull(a.party), represents: shortOrNull(a.represents) })),
    items: minutes.items.map((item) => ({
      ...item,
      title: short(item.title),
      caseNumber: shortOrNull(item.caseNumber),
      ...(item.presenters ? { presenters: item.presenters.map(short) } : {}),
      decisions: item.decisions.map(long),
      ...(item.text !== undefined ? { text: long(item.text) } : {}),
    })),
  };
}

/** The person who signs as secretary or chair of the meeting has that role, whatever their job title. */
function applySignatureRoles(attendees: Attendee[], signatures: Minutes['signatures']): void {
  for (const sig of signatures) {
    if (!sig.name || sig.role === 'adjuster') continue;
    const person = attendees.find((a) => sameName(a.name, sig.name!));
    if (!person) continue;
    person.role = sig.role;
    if (sig.role === 'secretary') person.voting = null;
  }
}

/**
 * "ej § 35" in §§ 31–39 → "31-34, 36-39": the §§ the person attended, written as runs. Without a known
 * range the absence stays as written ("ej 35").
 */
export function attendedParagraphs(absent: string, range: { first: number; last: number } | null): string {
  const missing = new Set<number>();
  for (const part of absent.split(/\s*(?:,|och|&)\s*/u)) {
    const m = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/u.exec(part.trim());
    if (!m) return `${EXCEPT_PREFIX}${absent}`;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    for (let n = from; n <= to && n - from < 1000; n++) missing.add(n);
  }
  if (!range || range.last - range.first > 2000) return `${EXCEPT_PREFIX}${absent}`;
  const runs: string[] = [];
  let start: number | null = null;
  for (let n = range.first; n <= range.last + 1; n++) {
    const present = n <= range.last && !missing.has(n);
    if (present && start === null) start = n;
    if (!present && start !== null) {
      runs.push(start === n - 1 ? String(start) : `${start}-${n - 1}`);
      start = null;
    }
  }
  return runs.join(', ');
}

/** Numbered points count as items only below a dated meeting header, so a numbered report is not taken for notes. */
function numberedPointsOfNotes(lines: string[]): HeadingCandidate[] {
  const points = findNumberedPoints(lines);
  if (points.length === 0) return points;
  const zoneLines = lines.slice(0, points[0]!.line);
  const header = readHeader(splitHeaderZone(zoneLines), zoneLines.join('\n'));
  return header.meeting.date !== null ? points : [];
}

/** "Dnr TN 2025/007" alone on the line right above a § heading: that §'s case number. */
function caseNumberAbove(lines: string[], headingLine: number): { line: number; caseNumber: string } | undefined {
  let k = headingLine - 1;
  while (k >= 0 && lines[k]!.trim() === '') k--;
  const m = k >= 0 ? /^\s*Dnr\.?:?\s+(\S.{0,40}?)[\s.,]*$/u.exec(lines[k]!) : null;
  return m ? { line: k, caseNumber: m[1]! } : undefined;
}

const CHECKED_BOX = /^\s*(?:\[\s*[xX✓✔]\s*\]|☒|☑)\s*/u;
const EMPTY_BOX = /^\s*(?:\[\s*\]|☐)\s/u;
/** "Andersson, Anna" as a cell of its own: a surname, a comma, a first name. */
const SURNAME_FIRST = /^(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?), (\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?=\t|$|\s)/u;

/**
 * Attendance written as checkboxes ("[X] Anna Ek (S)", "[ ] Bo Al (M)": only the ticked are present) and
 * names written surname first ("Andersson, Anna", in lists that write every name so) become plain entries.
 */
function readableAttendance(zone: string[]): string[] {
  const surnameFirst = zone.filter((l) => SURNAME_FIRST.test(l.replace(/^[^\t:]{1,30}(?:\t|:\s*)(?=\p{Lu}\p{Ll}+, )/u, ''))).length >= 2;
  const out: string[] = [];
  for (const line of zone) {
    if (EMPTY_BOX.test(line)) continue;
    let l = line.replace(CHECKED_BOX, '');
    if (surnameFirst) {
      l = l.replace(/^([^\t:,]{1,30}(?:\t|:\s*))?(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?), (\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?=\t|$|\s)/u,
        (_m, label: string | undefined, surname: string, first: string) => `${label ?? ''}${first} ${surname}`);
      l = l.replace(/\t(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?), (\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?=\t|$)/gu, '\t$2 $1');
    }
    out.push(l);
  }
  return out;
}
