/**
 * A reference reader for the text layer of a rendered protocol, written only from docs/documents.md.
 * It proves that the conventions are enough to get the minutes back; it is not the importer, which
 * reads every kind of protocol, and it reads only what the score counts plus a little more.
 */
import type { Attendee, Minutes, MinutesItem } from '../../src/domain/minutes.ts';
import type { PdfLine } from './pdf-text.ts';

const HEADER_LABELS = [
  'Justeringens plats och tid',
  'Övriga deltagare',
  'Plats och tid',
  'Beslutande',
  'Närvarande',
  'Justerare',
  'Paragrafer',
] as const;
type HeaderLabel = (typeof HEADER_LABELS)[number];

const KINDS: Record<string, Minutes['kind']> = { PROTOKOLL: 'protocol', MINNESANTECKNINGAR: 'notes' };
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const PAGE_NUMBER = /\s*\d+ \(\d+\)$/;
const FOOTER = 'Justerandes signatur Utdragsbestyrkande';

/** § headings are set larger than any body text (12.5 pt against at most 10 pt). */
const HEADING_SIZE = 12;

/** Reads the minutes back from the lines of each page (as pdf-text.ts gives them). */
export function readRenderedMinutes(pdfPages: PdfLine[][]): Minutes {
  const pages = pdfPages.map((page) => page.map((line) => line.text));
  const first = pages[0] ?? [];
  const organization = (first[0] ?? '').replace(PAGE_NUMBER, '').trim() || null;
  const kind = KINDS[first[1] ?? ''] ?? 'protocol';
  let cursor = 2;
  let body: string | null = null;
  if (!(first[cursor] ?? '').startsWith('Sammanträdesdatum')) body = first[cursor++] ?? null;
  const dateLine = first[cursor++] ?? '';
  const meetingDate = /Sammanträdesdatum (\d{4}-\d{2}-\d{2})/.exec(dateLine)?.[1] ?? null;

  const bodyLines = [
    ...(pdfPages[0] ?? []).slice(cursor),
    ...pdfPages.slice(1).flatMap((page) => {
      // Running header: '<organisation> PROTOKOLL N (M)' and '<body> Sammanträdesdatum <date>'.
      let start = 0;
      if (PAGE_NUMBER.test(page[0]?.text ?? '')) start = 1;
      if ((page[start]?.text ?? '').includes('Sammanträdesdatum')) start += 1;
      return page.slice(start);
    }),
  ].filter((line) => line.text !== FOOTER && !/^\d+ \(\d+\)$/.test(line.text));
  const lines = bodyLines.map((line) => line.text);
  const isHeading = (at: number) => /^§ \d+ /.test(lines[at] ?? '') && (bodyLines[at]?.size ?? 0) >= HEADING_SIZE;

  const minutes: Minutes = {
    kind,
    organization,
    body,
    meeting: { date: meetingDate, start: null, end: null, location: null, remote: null },
    paragraphRange: null,
    adjustment: { adjusters: [], date: null, place: null },
    signatures: [],
    notice: null,
    attendees: [],
    items: [],
  };

  let index = 0;
  // The header table, until the signatures, the table of contents or the first §.
  let label: HeaderLabel | null = null;
  const placeLines: string[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === 'Underskrifter' || line === 'Innehållsförteckning' || isHeading(index)) break;
    const found = HEADER_LABELS.find((candidate) => line === candidate || line.startsWith(`${candidate} `));
    let value = line;
    if (found) {
      label = found;
      value = line.slice(found.length).trim();
      if (!value) continue;
    }
    if (label === 'Plats och tid') placeLines.push(value);
    else if (label === 'Beslutande' || label === 'Närvarande' || label === 'Övriga deltagare') {
      minutes.attendees.push(readAttendee(value, label));
    } else if (label === 'Justerare') minutes.adjustment.adjusters.push(value);
    else if (label === 'Justeringens plats och tid') {
      const match = /^(?:(.*), )?(\d{4}-\d{2}-\d{2})$/.exec(value);
      minutes.adjustment.place = match ? (match[1] ?? null) : value;
      minutes.adjustment.date = match ? match[2]! : null;
    } else if (label === 'Paragrafer') {
      const match = /^§§? (\d+)(?:–(\d+))?$/.exec(value);
      if (match) minutes.paragraphRange = { first: Number(match[1]), last: Number(match[2] ?? match[1]) };
    }
  }
  readPlaceAndTime(placeLines, minutes.meeting);

  if (lines[index] === 'Underskrifter') {
    for (index++; index < lines.length; index++) {
      const line = lines[index]!;
      if (line === 'Innehållsförteckning' || isHeading(index)) break;
      const role = /^(Sekreterare|Ordförande|Justerare)(?: (.+))?$/.exec(line);
      if (role) {
        const roles = { Sekreterare: 'secretary', Ordförande: 'chair', Justerare: 'adjuster' } as const;
        minutes.signatures.push({ role: roles[role[1] as keyof typeof roles], name: role[2] ?? null, signedAt: null });
        continue;
      }
      const signed = /^Signerat (\d{4}-\d{2}-\d{2}) kl\. (\d{2})\.(\d{2})(?:\.(\d{2}))? \(UTC([+-]\d{2}:\d{2})?\)$/.exec(line);
      const last = minutes.signatures[minutes.signatures.length - 1];
      if (signed && last) last.signedAt = `${signed[1]}T${signed[2]}:${signed[3]}:${signed[4] ?? '00'}${signed[5] ?? 'Z'}`;
    }
  }

  if (lines[index] === 'Innehållsförteckning') {
    // The table of contents (body-size lines) ends at the first § heading.
    for (index += 1; index < lines.length && !isHeading(index); index++);
  }

  let item: MinutesItem | null = null;
  let mode: 'text' | 'decisions' | 'reservations' | 'disqualified' | 'vote' | 'notice' = 'text';
  const text: string[] = [];
  const finishItem = () => {
    if (item) item.text = text.join(' ');
    text.length = 0;
  };
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const heading = isHeading(index) ? /^§ (\d+) (.+)$/.exec(line) : null;
    if (heading && mode !== 'notice') {
      finishItem();
      let title = heading[2]!;
      // A long heading wraps; its continuation lines keep the heading size.
      while (index + 1 < lines.length && Math.abs((bodyLines[index + 1]!.size) - bodyLines[index]!.size) < 0.3) {
        title += ` ${lines[++index]}`;
      }
      item = { number: Number(heading[1]), title, caseNumber: null, presenters: [], decisions: [], attachments: [] };
      minutes.items.push(item);
      mode = 'text';
      continue;
    }
    if (line === 'ANSLAG/BEVIS') {
      finishItem();
      minutes.notice = { postedFrom: null, postedUntil: null, storage: null };
      mode = 'notice';
      continue;
    }
    if (mode === 'notice') {
      const notice = minutes.notice!;
      const posted = /^Datum då anslaget (sätts upp|tas ned) (\d{4}-\d{2}-\d{2})$/.exec(line);
      if (posted?.[1] === 'sätts upp') notice.postedFrom = posted[2]!;
      if (posted?.[1] === 'tas ned') notice.postedUntil = posted[2]!;
      const storage = /^Förvaringsplats för protokollet (.+)$/.exec(line);
      if (storage) notice.storage = storage[1]!;
      continue;
    }
    if (!item) continue;
    if (/^Dnr /.test(line) && item.caseNumber === null && text.length === 0 && item.decisions.length === 0) {
      item.caseNumber = line.slice(4);
      continue;
    }
    if (line.startsWith('Föredragande: ')) {
      item.presenters = line.slice('Föredragande: '.length).split(', ');
      continue;
    }
    if (line.startsWith('Bilaga: ')) {
      item.attachments!.push(line.slice('Bilaga: '.length));
      continue;
    }
    if (line === 'Beslut' || line === 'Reservation' || line === 'Jäv' || line === 'Omröstning') {
      mode = line === 'Beslut' ? 'decisions' : line === 'Reservation' ? 'reservations' : line === 'Jäv' ? 'disqualified' : 'vote';
      continue;
    }
    // The parts of the beslutsgång this reader does not score: skipped to the next heading.
    if (line === 'Förslag till beslut' || line === 'Yrkanden' || line === 'Propositionsordning' || line === 'Protokollsanteckning') {
      mode = 'vote';
      continue;
    }
    if (mode === 'decisions') {
      const point = /^(?:– |\d+\. )(.*)$/.exec(line);
      if (point) item.decisions.push(point[1]!);
      else if (item.decisions.length > 0) item.decisions[item.decisions.length - 1] += ` ${line}`;
      // Otherwise it is the lead-in '<body> beslutar att', which is not a decision point.
      continue;
    }
    if (mode === 'disqualified') {
      const match = /^(.+) anmäler jäv och (?:deltar inte i|lämnar lokalen under) handläggningen$/.exec(line);
      if (match) {
        (item.disqualified ??= []).push(match[1]!);
        continue;
      }
      mode = 'text';
    }
    if (mode === 'reservations') {
      const match = /^(.+?)(?: \((\w+)\))? reserverar sig mot beslutet(?:: (.+))?$/.exec(line);
      if (match) (item.reservations ??= []).push({ name: match[1]!, party: match[2] ?? null, reason: match[3] ?? null });
      continue;
    }
    if (mode === 'vote') continue;
    text.push(line);
  }
  finishItem();
  return minutes;
}

/** 'Name (Party), Represents, role[, ej beslutande][, på distans][, §§ 10–12]'. */
function readAttendee(line: string, section: 'Beslutande' | 'Närvarande' | 'Övriga deltagare'): Attendee {
  let rest = line;
  let paragraphs: string | null = null;
  const at = rest.search(/, §§? /);
  if (at >= 0) {
    paragraphs = rest.slice(at + 2).replace(/^§§? /, '').replace(/–/g, '-');
    rest = rest.slice(0, at);
  }
  const parts = rest.split(', ');
  const remote = parts.includes('på distans');
  const notVoting = parts.includes('ej beslutande');
  const kept = parts.filter((part) => part !== 'på distans' && part !== 'ej beslutande');
  const roleText = kept.length > 1 ? kept.pop()! : '';
  const [nameAndParty = '', ...represents] = kept;
  const nameMatch = /^(.+?)(?: \(([^)]+)\))?$/.exec(nameAndParty)!;
  let role: Attendee['role'] = 'member';
  let voting: boolean | null = section === 'Beslutande' ? true : null;
  let servingFor: string | null = null;
  const serving = /^tjänstgörande ersättare(?: för (.+))?$/.exec(roleText);
  if (serving) {
    role = 'substitute';
    servingFor = serving[1] ?? null;
  } else if (roleText === 'ej tjänstgörande ersättare') {
    role = 'substitute';
    voting = false;
  } else {
    const roles: Record<string, Attendee['role']> = {
      ordförande: 'chair',
      'vice ordförande': 'vice-chair',
      ledamot: 'member',
      ersättare: 'substitute',
      sekreterare: 'secretary',
      tjänsteperson: 'official',
      gäst: 'guest',
    };
    role = roles[roleText] ?? 'member';
  }
  if (notVoting) voting = false;
  return {
    name: nameMatch[1]!,
    party: nameMatch[2] ?? null,
    represents: represents.length > 0 ? represents.join(', ') : null,
    role,
    voting,
    remote,
    paragraphs,
    ...(servingFor ? { servingFor } : {}),
  };
}

/** Location lines, the date-and-time line, and the digital-meeting note. */
function readPlaceAndTime(lines: string[], meeting: Minutes['meeting']): void {
  const location: string[] = [];
  for (const line of lines) {
    const when = /^(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) (\d{1,2}) (\p{L}+) (\d{4}))?(?:,? ?kl\. (\d{2})\.(\d{2})(?:–(\d{2})\.(\d{2}))?)?$/u.exec(line);
    if (line === 'Sammanträdet hölls digitalt') meeting.remote = true;
    else if (when && line) {
      if (when[1]) {
        const month = MONTHS.indexOf(when[2]!) + 1;
        meeting.date = `${when[3]}-${String(month).padStart(2, '0')}-${when[1].padStart(2, '0')}`;
      }
      if (when[4]) meeting.start = `${when[4]}:${when[5]}`;
      if (when[6]) meeting.end = `${when[6]}:${when[7]}`;
    } else location.push(line);
  }
  meeting.location = location.length > 0 ? location.join(' ') : null;
  if (meeting.remote === null && meeting.location) meeting.remote = false;
}
