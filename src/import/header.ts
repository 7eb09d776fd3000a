/**
 * Reads the header fields of the minutes from the labelled sections of the header zone and the trailer
 * (signatures, ANSLAG/BEVIS box): organisation, body, date, times, place, §§, justering, signatures, notice.
 */
import type { Minutes, SignatureLine } from '../domain/minutes.ts';
import { findDates, firstDate, parseSigningTime, parseTimeRange, removeDates, removeTimes } from './dates.ts';
import type { HeaderSection, HeaderZone } from './header-sections.ts';
import {
  DOCUMENT_TYPE,
  isBodyName,
  isOrganisationName,
  MEETING_OF_BODY,
  NOTES_MARK,
} from './lexicon/bodies.ts';
import { signatureRole, SIGNATURE_ROLE_PATTERN } from './lexicon/roles.ts';
import { isPersonName, leadingName, sameName } from './person-names.ts';

export interface HeaderFields {
  kind: Minutes['kind'];
  organization: string | null;
  body: string | null;
  meeting: Minutes['meeting'];
  statedRange: { first: number; last: number } | null;
  adjustment: Minutes['adjustment'];
  signatures: SignatureLine[];
  notice: Minutes['notice'];
}

function sectionsOf(zone: HeaderZone, ...fields: string[]): HeaderSection[] {
  return zone.sections.filter((s) => fields.includes(s.field));
}

/** The section's value with lines a PDF wrapped into the same cell (starting with a tab). */
function valueWithWraps(section: HeaderSection): string {
  const parts = [section.value];
  for (const line of section.lines) {
    if (!/^\t/u.test(line) || section.value === '') break;
    // "Ajournering 12.00–13.00" below the place and time is a break, not more of the place.
    if (BREAK_LINE.test(line.trim())) break;
    parts.push(line.trim());
  }
  return parts.join(' ').trim();
}

const BREAK_LINE = /^(?:ajourn\p{L}*|paus|lunch|uppehåll|mötet ajourneras)(?!\p{L})/iu;

function firstValue(section: HeaderSection | undefined): string {
  if (!section) return '';
  if (section.value) return valueWithWraps(section);
  return section.lines[0]?.trim() ?? '';
}

function cleanPhrase(text: string): string | null {
  const t = text
    .replace(/\t+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/gu, '')
    .replace(/\.$/u, '')
    .replace(/\s+,/gu, ',')
    .replace(/,\s*,/gu, ',')
    .trim();
  return t === '' ? null : t;
}

const DIGITAL = /teams|zoom|skype|webex|digital|distans|videolänk|videomöte|online|webbmöte|via länk/iu;
const PHYSICAL = /rum|sal|salen|hus|huset|gatan|vägen|torget|kontor|kansli|lokal|\d|samt|och /iu;

function isRemoteLocation(location: string | null): boolean | null {
  if (location === null) return null;
  if (!DIGITAL.test(location)) return false;
  const withoutDigital = location.replace(/microsoft teams|teams|digitalt möte|digitalt|via/giu, '');
  return !PHYSICAL.test(withoutDigital);
}

/** "Sammanträdet hölls digitalt": the marker of a meeting held entirely online (docs/documents.md). */
const DIGITAL_MEETING_MARK =
  /^(?:sammanträdet|mötet|sammankomsten)\s+(?:hölls|genomfördes|hålls|genomförs|sker|skedde)\s+(?:helt\s+)?(?:digitalt|på distans|via (?:teams|zoom|länk))\.?$/iu;

function meetingFields(zone: HeaderZone): Minutes['meeting'] {
  const placeSections = sectionsOf(zone, 'place-and-time', 'place');
  const digitalMark = placeSections.some((s) => s.lines.some((l) => DIGITAL_MEETING_MARK.test(l.trim())));
  const placeValue = (s: HeaderSection) => {
    const value = firstValue(s);
    return digitalMark ? value.replace(/\s*(?:sammanträdet|mötet|sammankomsten)\s+(?:hölls|genomfördes|hålls|genomförs|sker|skedde)\s+\S.*$/iu, '') : value;
  };
  const placeAndTime = sectionsOf(zone, 'place-and-time').map(placeValue);
  const place = sectionsOf(zone, 'place').map(placeValue);
  const time = sectionsOf(zone, 'time').map(firstValue);
  const dateValues = sectionsOf(zone, 'date').map(firstValue);
  let date: string | null = null;
  for (const candidate of [...dateValues, ...time, ...placeAndTime, ...place, ...zone.titleLines]) {
    date = firstDate(candidate);
    if (date) break;
  }
  let range = { start: null as string | null, end: null as string | null };
  for (const candidate of [...time, ...placeAndTime, ...place, ...dateValues]) {
    const r = parseTimeRange(candidate);
    if (r.start) {
      range = r;
      break;
    }
  }
  let location: string | null = null;
  for (const candidate of [...place, ...placeAndTime]) {
    location = cleanPhrase(removeTimes(removeDates(candidate)));
    if (location) break;
  }
  return { date, start: range.start, end: range.end, location, remote: digitalMark || isRemoteLocation(location) };
}

/**
 * "fört vid styrelsens sammanträde", "direktionens möte": the body whose meeting it is, as a name
 * ("Styrelsen", "Direktionen"). The organisation after "för"/"i" is left to the caller.
 */
export function bodyOfMeetingPhrase(text: string): string | undefined {
  const t = text.trim();
  // "Sammanträde med förbundsstyrelsen", "Möte med direktionen".
  const withBody = /^(?:ordinarie\s+|extra\s+)?(?:sammanträde|möte|sammankomst)\s+(?:med|i)\s+(\p{L}+)$/iu.exec(t);
  const m =
    withBody ??
    /^(?:fört\s+)?(?:(?:vid|från|med)\s+)?(?:\p{Ll}+\s+){0,2}?(\p{L}+)s\s+(?:ordinarie\s+|extra\s+|konstituerande\s+)?(?:sammanträde|möte|sammankomst)$/iu.exec(t);
  if (!m) return undefined;
  const body = m[1]!;
  if (!isBodyName(body) || !/(?:en|et|na)$/iu.test(body)) return undefined;
  return body.charAt(0).toUpperCase() + body.slice(1).toLowerCase();
}

/** "Styrelsemöte" → "Styrelsen"; an own property only, so a title such as "__proto__" is no meeting word. */
function meetingWordBody(word: string): string | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(MEETING_OF_BODY, key) ? MEETING_OF_BODY[key] : undefined;
}

const TITLE_CELL_BOUNDARY =
  /\t|,\s+|\s+[-–—]\s+|\s+(?=(?:SAMMANTRÄDESPROTOKOLL|PROTOKOLLSUTDRAG|PROTOKOLL|MINNESANTECKNINGAR|[Ss]ammanträdesprotokoll|[Pp]rotokollsutdrag|[Ss]ammanträdesdatum|[Mm]ötesdatum)(?![\p{L}]))/u;

function titleFields(zone: HeaderZone): { organization: string | null; body: string | null; notes: boolean } {
  let organization: string | null = null;
  let body: string | null = null;
  const titleText = zone.titleLines.slice(0, 6);
  const notes = titleText.some((l) => NOTES_MARK.test(l));
  const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const consider = (part: string) => {
    const p = cleanPhrase(removeDates(part).replace(DOCUMENT_TYPE, '')) ?? '';
    if (!p) return;
    const meetingOf = meetingWordBody(p) ?? bodyOfMeetingPhrase(p);
    if (meetingOf) {
      body ??= meetingOf;
      return;
    }
    const forSplit = /^(.+?)\s+(?:för|inom|i|med|hos)\s+(\p{Lu}.+)$/u.exec(p);
    // "Styrelsemöte i Samordningsförbundet X": the meeting names the body, the rest the organisation.
    const meetingIn = forSplit ? meetingWordBody(forSplit[1]!) : undefined;
    if (forSplit && meetingIn && isOrganisationName(forSplit[2]!)) {
      body ??= meetingIn;
      organization ??= forSplit[2]!;
      return;
    }
    if (forSplit && isBodyName(forSplit[1]!) && isOrganisationName(forSplit[2]!)) {
      body ??= capitalise(forSplit[1]!);
      organization ??= forSplit[2]!;
      return;
    }
    if (isOrganisationName(p)) organization ??= p;
    else if (isBodyName(p)) body ??= capitalise(p);
  };
  if (notes) {
    // A forum's name is its first title line once "Minnesanteckningar" and dates are taken away.
    for (const line of titleText) {
      const cleaned = cleanPhrase(removeDates(line).replace(DOCUMENT_TYPE, '').replace(/\t+/gu, ' '));
      if (cleaned && !isOrganisationName(cleaned)) {
        body = cleaned;
        break;
      }
    }
  }
  for (const line of titleText) {
    // Without tabs, "Tallby kommun PROTOKOLLSUTDRAG" and "Kommunfullmäktige Sammanträdesdatum 2025-02-24" still
    // part at the document-type word or the date label.
    const cells = line.split(TITLE_CELL_BOUNDARY);
    for (const cell of cells) consider(cell);
    if (!body || !organization) consider(line);
  }
  for (const s of sectionsOf(zone, 'body')) if (!body) consider(firstValue(s));
  // A title set in capitals ("KOMMUNSTYRELSEN") is the name as the ANSLAG box or running text writes it.
  const shouted = body as string | null;
  if (shouted && shouted === shouted.toUpperCase() && /\p{Lu}{4}/u.test(shouted)) {
    const organ = sectionsOf(zone, 'body').map((s) => cleanPhrase(firstValue(s))).find((v) => v?.toLowerCase() === shouted.toLowerCase());
    body = organ ?? shouted.charAt(0) + shouted.slice(1).toLowerCase();
  }
  return { organization, body, notes };
}

function statedRange(zone: HeaderZone): { first: number; last: number } | null {
  for (const s of sectionsOf(zone, 'paragraphs')) {
    const text = [s.value, ...s.lines.slice(0, 1)].join(' ');
    const m = /(\d{1,4})\s*(?:[-–—]|till|t\.o\.m\.?)\s*§?\s*(\d{1,4})/u.exec(text) ?? /(\d{1,4})/u.exec(text);
    if (!m) continue;
    const first = Number(m[1]);
    const last = Number(m[2] ?? m[1]);
    if (last >= first) return { first, last };
  }
  return null;
}

/** Names in an adjusters' value: "Anna Ek (S) och Bo Al (M)", one per line, or separated by commas. */
function namesIn(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(/\t|,|;|\n|\s+och\s+|\s+samt\s+|\s+&\s+/u)) {
    const cleaned = piece
      .replace(/\([^)]*\)/gu, ' ')
      .replace(/§§?\s*[\d\s,–-]+/gu, ' ')
      .replace(/[._…]{2,}/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
      .replace(/[.:]+$/u, '');
    if (isPersonName(cleaned)) out.push(cleaned);
    else {
      const leading = leadingName(cleaned);
      if (leading) out.push(leading);
    }
  }
  return out;
}

interface SignatureToken {
  kind: 'role' | 'text';
  text: string;
}

function tokenise(line: string): SignatureToken[] {
  const tokens: SignatureToken[] = [];
  let last = 0;
  for (const m of line.matchAll(SIGNATURE_ROLE_PATTERN)) {
    const before = line.slice(last, m.index);
    if (before.trim()) tokens.push({ kind: 'text', text: before });
    tokens.push({ kind: 'role', text: m[1]! });
    last = (m.index ?? 0) + m[0].length;
  }
  const after = line.slice(last);
  if (after.trim()) tokens.push({ kind: 'text', text: after });
  return tokens;
}

function signerName(text: string): { name: string | null; signedAt: string | null } | undefined {
  const signedAt = parseSigningTime(text);
  const cleaned = text
    .replace(/\([^)]*\)/gu, ' ')
    .replace(/[._…]{2,}/gu, ' ')
    .replace(/^[\s:–-]+|[\s:–-]+$/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (cleaned === '') return signedAt ? { name: null, signedAt } : undefined;
  if (isPersonName(cleaned)) return { name: cleaned, signedAt };
  const leading = leadingName(cleaned);
  return leading ? { name: leading, signedAt } : undefined;
}

/**
 * Signature lines: "Sekreterare: Karl Ek (Jun 4, 2020 15:37 GMT+2)", "Per Holm
 * Sekreterare", "Justeras av: Eva Dahl Sekreterare Per Holm Ordförande …", and a role line
 * with the name on the line below.
 */
const ROLE_LABEL = { secretary: 'Sekreterare', chair: 'Ordförande', adjuster: 'Justerare' } as const;

function signatureLines(zone: HeaderZone): SignatureLine[] {
  const out: SignatureLine[] = [];
  let signing = false;
  for (const section of zone.sections) {
    const f = section.field;
    if (f === 'signatures' || f === 'adjusted-by') signing = true;
    const roleField = f === 'secretary' || f === 'chair' || (f === 'adjusters' && signing);
    if (roleField) {
      // A signature line has a rule of dots, a time stamp or no name; "Antecknare: Fia Holm (Kommunförbundet)" is a row.
      // "Ordförande<TAB>Justerare" over "Anna Andersson<TAB>Olof Berg": the label opens a row of roles.
      const labelRole = f === 'secretary' ? 'secretary' : f === 'chair' ? 'chair' : 'adjuster';
      const rowOfRoles = /^\s*\S/u.test(section.value) && signaturesByColumn([`${ROLE_LABEL[labelRole]}${section.value.includes('\t') ? '\t' : ' '}${section.value.trim()}`, ...section.lines]);
      if (rowOfRoles) {
        signing = true;
        out.push(...rowOfRoles.pairs);
        continue;
      }
      const decorated = /[._…]{3,}/u.test(section.value) || section.value === '';
      if (f !== 'adjusters' && !signing && !decorated && !parseSigningTime(section.value)) continue;
      signing = true;
      const role = f === 'secretary' ? 'secretary' : f === 'chair' ? 'chair' : 'adjuster';
      const inline = signerName(section.value);
      if (inline?.name || inline?.signedAt) {
        // "Signerat 2020-06-04 kl. 15.37 (UTC+02:00)" on the line below belongs to this signature.
        const stamp = section.lines[0] && /^\s*signerat\b/iu.test(section.lines[0]) ? parseSigningTime(section.lines[0]) : null;
        out.push({ role, name: inline.name, signedAt: inline.signedAt ?? stamp });
        continue;
      }
      const below = section.lines.map((l) => signerName(l)).filter((s) => s?.name);
      // "Petra Holmgren" over "sekreterare" under "Vid protokollet": the role line names the signer above.
      const previous = out[out.length - 1];
      if (below.length === 0 && section.value === '' && previous?.role === role && previous.name) continue;
      if (below.length === 0) out.push({ role, name: null, signedAt: null });
      for (const s of role === 'adjuster' ? below : below.slice(0, 1)) {
        out.push({ role, name: s!.name, signedAt: s!.signedAt });
      }
      continue;
    }
    if (f !== 'signatures' && f !== 'adjusted-by') continue;
    // Roles side by side over their names ("Ordförande<TAB>Justerare"); the rest of the block is read by row.
    const columns = signaturesByColumn([section.value, ...section.lines]);
    const rest = columns ? { ...section, value: columns.rest[0] ?? '', lines: columns.rest.slice(1) } : section;
    // Document order: the column pairs come first unless a signer by row stands above them.
    const columnsFirst = columns !== undefined && !columns.signerAbove;
    if (columns && columnsFirst) out.push(...columns.pairs);
    let pending: Array<'secretary' | 'chair' | 'adjuster'> = [];
    for (const line of signatureRows(rest)) {
      const tokens = tokenise(line);
      if (tokens.length === 0) continue;
      const roleFirst = tokens[0]!.kind === 'role';
      if (!tokens.some((t) => t.kind === 'role')) {
        const signer = signerName(line);
        const role = pending.shift();
        if (role && signer?.name) out.push({ role, name: signer.name, signedAt: signer.signedAt });
        continue;
      }
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        if (token.kind !== 'role') continue;
        const role = signatureRole(token.text);
        const neighbour = roleFirst ? tokens[i + 1] : tokens[i - 1];
        const signer = neighbour?.kind === 'text' ? signerName(neighbour.text) : undefined;
        if (signer?.name) out.push({ role, name: signer.name, signedAt: signer.signedAt });
        else if (roleFirst) pending.push(role);
      }
    }
    for (const role of pending) out.push({ role, name: null, signedAt: null });
    pending = [];
    if (columns && !columnsFirst) out.push(...columns.pairs);
  }
  return out;
}

/**
 * Rows of a name-first signature block ("Name Role Name Role"), with the lines a PDF wrapped into the same
 * cell (starting with a tab) joined back, so a role wrapped away from its name finds it again.
 */
function signatureRows(section: HeaderSection): string[] {
  const rows = [section.value, ...section.lines];
  const nameFirst = tokenise(section.value)[0]?.kind === 'text';
  if (!nameFirst) return rows;
  const out: string[] = [];
  for (const row of rows) {
    if (out.length > 0 && /^\t/u.test(row)) out[out.length - 1] += ` ${row.trim()}`;
    else out.push(row);
  }
  return out;
}

/**
 * A row of names above (or below) a row of roles, aligned by tab: "Rolf Engström<TAB>Mats Holm" over
 * "ordförande<TAB>justerare".
 */
function signaturesByColumn(lines: string[]): { pairs: SignatureLine[]; rest: string[]; signerAbove: boolean } | undefined {
  // Rules of dots or underscores between the roles and the names are where the signatures go.
  const isRule = (c: string) => /^[._…\s-]*$/u.test(c);
  // A rule before the names in the same cell ("..... ..... Tina Malm Karin Öh", tabs lost) is dropped too.
  const rows = lines.map((l, index) => ({
    index,
    cells: l.trim().split(/\t+/u).map((c) => c.replace(/(?:^|\s)[._…]{3,}(?=\s|$)/gu, ' ').trim()).filter((c) => !isRule(c)),
  }));
  const content = rows.filter((r) => r.cells.length > 0);
  const rolePattern = new RegExp(`^(?:${SIGNATURE_ROLE_PATTERN.source})$`, 'iu');
  for (let i = 0; i < content.length; i++) {
    const roles = rolesOfRow(content[i]!.cells, rolePattern);
    if (roles.length < 2 || !roles.every((c) => rolePattern.test(c))) continue;
    for (const row of [content[i - 1], content[i + 1]]) {
      const names = row && { ...row, cells: namesOfRow(row.cells, roles.length) };
      if (!names || names.cells.length !== roles.length || !names.cells.every((n) => isPersonName(n))) continue;
      const used = new Set([content[i]!.index, names.index]);
      const top = Math.min(content[i]!.index, names.index);
      return {
        signerAbove: rows.slice(0, top).some((r) => r.cells.some((c) => rolePattern.test(c) || isPersonName(c))),
        pairs: roles.map((r, k) => ({ role: signatureRole(r), name: names.cells[k]!, signedAt: null })),
        rest: lines.filter((l, index) => !used.has(index) && !(index > 0 && rows[index]!.cells.length === 0 && l.trim() !== '')),
      };
    }
  }
  return undefined;
}

/** "ordförande justerare" without tabs: a row of role words only, one cell per role. */
function rolesOfRow(cells: string[], rolePattern: RegExp): string[] {
  if (cells.length !== 1) return cells;
  const words = cells[0]!.split(/\s+/u);
  return words.length >= 2 && words.every((w) => rolePattern.test(w)) ? words : cells;
}

/** "Kerstin Alm Oskar Lund" without tabs over two roles: the names in equal runs of words, one per role. */
function namesOfRow(cells: string[], count: number): string[] {
  if (cells.length !== 1 || count < 2) return cells;
  const words = cells[0]!.split(/\s+/u);
  if (words.length % count !== 0) return cells;
  const size = words.length / count;
  const names = Array.from({ length: count }, (_, k) => words.slice(k * size, (k + 1) * size).join(' '));
  return names.every((n) => isPersonName(n)) ? names : cells;
}

function adjustmentFields(zone: HeaderZone, signatures: SignatureLine[]): Minutes['adjustment'] {
  const adjusters: string[] = [];
  const add = (name: string) => {
    if (!adjusters.some((a) => sameName(a, name))) adjusters.push(name);
  };
  let signing = false;
  for (const s of zone.sections) {
    if (s.field === 'signatures' || s.field === 'adjusted-by' || s.field === 'secretary') signing = true;
    if (s.field === 'adjusters' && !signing) {
      for (const n of namesIn([s.value, ...s.lines.filter((l) => !/[.:]$/u.test(l.trim()))].join('\n'))) add(n);
    }
  }
  for (const sig of signatures) if (sig.role === 'adjuster' && sig.name) add(sig.name);
  const chair = signatures.find((s) => s.role === 'chair' && s.name)?.name;
  const filtered = chair ? adjusters.filter((a) => !sameName(a, chair)) : adjusters;
  let date: string | null = null;
  let place: string | null = null;
  for (const s of sectionsOf(zone, 'adjustment')) {
    const value = valueWithWraps(s) || (s.lines[0]?.trim() ?? '');
    date ??= firstDate(value);
    place ??= cleanPhrase(removeTimes(removeDates(value)));
  }
  return { adjusters: filtered, date, place };
}

function noticeFields(zone: HeaderZone, allText: string): Minutes['notice'] {
  let postedFrom: string | null = null;
  let postedUntil: string | null = null;
  let storage: string | null = null;
  let stated = zone.sections.some((s) => s.field === 'notice' || s.field === 'notice-from' || s.field === 'notice-until');
  for (const s of sectionsOf(zone, 'notice-from')) postedFrom ??= firstDate(firstValue(s));
  for (const s of sectionsOf(zone, 'notice-until')) postedUntil ??= firstDate(firstValue(s));
  for (const s of sectionsOf(zone, 'storage')) storage ??= cleanPhrase(firstValue(s));
  const textLines = allText.split('\n');
  for (let i = 0; i < textLines.length; i++) {
    if (!/anslag/iu.test(textLines[i]!)) continue;
    // A sentence a PDF wrapped ("… anslagstavla 2025-03-14 och tas" over "ned 2025-04-07.") is read whole.
    let line = textLines[i]!;
    for (let k = i + 1; k < textLines.length && k <= i + 2 && !/[.!?]\s*$|\t/u.test(line); k++) {
      const next = textLines[k]!.trim();
      if (next === '' || next.includes('\t') || !/^\p{Ll}|^\d/u.test(next)) break;
      line = `${line} ${next}`;
    }
    const dates = findDates(line);
    if (dates.length === 0) continue;
    stated = true;
    if (dates.length >= 2 && !postedFrom && !postedUntil) {
      postedFrom = dates[0]!.iso;
      postedUntil = dates[1]!.iso;
    } else if (/tas\s+(?:ned|ner|bort)|nedtag/iu.test(line)) postedUntil ??= dates[dates.length - 1]!.iso;
    else postedFrom ??= dates[0]!.iso;
  }
  if (!storage) {
    const m = /protokollet\s+förvaras\s+(?:på|i|hos|vid)\s+([^.\n]+)/iu.exec(allText);
    if (m) storage = cleanPhrase(m[1]!);
  }
  if (!stated) return null;
  return { postedFrom, postedUntil, storage };
}

export function readHeader(zone: HeaderZone, zoneText: string): HeaderFields {
  const title = titleFields(zone);
  const signatures = signatureLines(zone);
  return {
    kind: title.notes ? 'notes' : 'protocol',
    organization: title.organization,
    body: title.body,
    meeting: meetingFields(zone),
    statedRange: statedRange(zone),
    adjustment: adjustmentFields(zone, signatures),
    signatures,
    notice: noticeFields(zone, zoneText),
  };
}
