/**
 * Builds the printed content of a protocol (or minnesanteckningar) from the minutes interchange object,
 * in the conventional Swedish layout. Every string a reader must find again is made here, following
 * docs/documents.md; change both together.
 */
import type { Attendee, Minutes, MinutesItem, Vote } from '../domain/minutes.ts';
import type { Block, DocumentBand, DocumentContent, FieldRow, Section, Signer } from './document-model.ts';
import { labels } from './labels.ts';
import {
  formatDateInWords,
  formatParagraphList,
  formatParagraphRange,
  formatSigningTime,
  formatTimeSpan,
} from './swedish-format.ts';

/** Options shared by the protocol renderers. */
export interface MinutesRenderOptions {
  /** Print a table of contents when the minutes have more §§ than this (default 8). */
  tableOfContentsAfter?: number;
  /**
   * The record of an electronic justering: printed on a signature page at the end, so that the signed
   * document itself says who approved which document (by its SHA-256), when and how.
   */
  signatureRecord?: SignatureRecord;
  /**
   * The web version (issue 17): a notice on the title page that personal data and secret parts are
   * masked, and the reasons used, so the document says it is not the original.
   */
  publicVersion?: { heading: string; lead: string; reasons: string[] };
}

/**
 * Who signed the finalised document with this hash, when, and through which provider; or, without a
 * hash, who is to sign the document whose signatures are in the PDF itself (PAdES, issue 16).
 */
export interface SignatureRecord {
  documentSha256: string | null;
  signatures: { role: 'secretary' | 'chair' | 'adjuster'; name: string | null; signedAt: string | null; provider: string | null }[];
}

const DEFAULT_TABLE_OF_CONTENTS_AFTER = 8;

/** The content of a whole protocol: title page, table of contents, every §, and the anslag. */
export function buildMinutesContent(minutes: Minutes, options: MinutesRenderOptions = {}): DocumentContent {
  const documentName = labels.documentName[minutes.kind];
  const sections: Section[] = [titleSection(minutes)];
  if (options.publicVersion) {
    const { heading, lead, reasons } = options.publicVersion;
    sections[0]!.blocks.unshift({ type: 'heading', level: 2, text: heading }, { type: 'paragraph', text: lead, tone: 'lead' }, ...(reasons.length > 0 ? [{ type: 'list' as const, items: reasons }] : []));
  }
  const threshold = options.tableOfContentsAfter ?? DEFAULT_TABLE_OF_CONTENTS_AFTER;
  if (minutes.items.length > threshold) sections.push(tableOfContentsSection(minutes.items));
  minutes.items.forEach((item, index) => {
    const section = itemSection(minutes, item, index);
    // The §§ begin on their own page after the title page, as municipal protocols do.
    if (index === 0) section.startOnNewPage = true;
    sections.push(section);
  });
  if (minutes.notice) sections.push(noticeSection(minutes));
  if (options.signatureRecord) sections.push(signatureRecordSection(options.signatureRecord));
  return {
    title: documentTitle(documentName, minutes),
    subject: minutes.paragraphRange
      ? `${documentName} ${formatParagraphRange(minutes.paragraphRange.first, minutes.paragraphRange.last)}`
      : documentName,
    author: minutes.organization,
    band: minutesBand(minutes, labels.kind[minutes.kind]),
    footerBoxes: hasAdjustment(minutes),
    sections,
  };
}

export function documentTitle(documentName: string, minutes: Pick<Minutes, 'body' | 'organization' | 'meeting'>): string {
  const title = labels.htmlTitle(documentName, minutes.body, minutes.meeting.date);
  return minutes.organization ? `${title}, ${minutes.organization}` : title;
}

export function minutesBand(minutes: Minutes, kindWord: string): DocumentBand {
  return {
    organization: minutes.organization,
    kindWord,
    body: minutes.body,
    dateLabel: labels.meetingDate,
    date: minutes.meeting.date,
  };
}

/** Notes without a justering have nothing for the adjusters to initial. */
export function hasAdjustment(minutes: Minutes): boolean {
  return minutes.kind === 'protocol' || minutes.adjustment.adjusters.length > 0;
}

function titleSection(minutes: Minutes): Section {
  const blocks: Block[] = [{ type: 'fields', rows: headerRows(minutes) }];
  if (minutes.signatures.length > 0) {
    blocks.push({ type: 'signatures', heading: labels.signatures, signers: minutes.signatures.map(signer) });
  }
  return { blocks };
}

function signer(signature: Minutes['signatures'][number]): Signer {
  return {
    role: labels.signerRoles[signature.role],
    name: signature.name,
    note: signature.signedAt ? `${labels.signedAt} ${formatSigningTime(signature.signedAt)}` : null,
  };
}

/** The header table of the title page: place and time, attendance, justering, §§. */
export function headerRows(minutes: Minutes, options: { attendance?: boolean; paragraphs?: string } = {}): FieldRow[] {
  const rows: FieldRow[] = [];
  const placeAndTime = placeAndTimeLines(minutes.meeting);
  if (placeAndTime.length > 0) rows.push({ label: labels.placeAndTime, lines: placeAndTime });
  if (options.attendance ?? true) {
    const groups = attendanceGroups(minutes.attendees);
    for (const [label, attendees] of groups) {
      if (attendees.length > 0) rows.push({ label, lines: attendees.map(attendeeLine), oneEntryPerLine: true, stacked: true });
    }
  }
  if (minutes.adjustment.adjusters.length > 0) {
    rows.push({ label: labels.adjusters, lines: [...minutes.adjustment.adjusters], oneEntryPerLine: true });
  }
  const adjustmentPlaceAndTime = [minutes.adjustment.place, minutes.adjustment.date].filter(Boolean).join(', ');
  if (adjustmentPlaceAndTime) rows.push({ label: labels.adjustmentPlaceAndTime, lines: [adjustmentPlaceAndTime] });
  const paragraphs =
    options.paragraphs ??
    (minutes.paragraphRange ? formatParagraphRange(minutes.paragraphRange.first, minutes.paragraphRange.last) : null);
  if (paragraphs) rows.push({ label: labels.paragraphs, lines: [paragraphs] });
  return rows;
}

/** Location lines first, then the date and time line, then the digital-meeting note. */
function placeAndTimeLines(meeting: Minutes['meeting']): string[] {
  const lines: string[] = [];
  if (meeting.location) lines.push(meeting.location);
  const when = [meeting.date ? formatDateInWords(meeting.date) : null, formatTimeSpan(meeting.start, meeting.end)]
    .filter(Boolean)
    .join(', ');
  if (when) lines.push(when);
  if (meeting.remote === true) lines.push(labels.remoteMeeting);
  return lines;
}

const electedRoles = new Set<Attendee['role']>(['chair', 'vice-chair', 'member', 'substitute']);

/**
 * Beslutande: everyone marked as deciding. Närvarande: elected people the source lists without saying
 * who decides. Övriga deltagare: staff, guests and anyone explicitly not deciding (marked on the line).
 */
function attendanceGroups(attendees: Attendee[]): [string, Attendee[]][] {
  return [
    [labels.voting, attendees.filter((a) => a.voting === true)],
    [labels.present, attendees.filter((a) => a.voting === null && electedRoles.has(a.role))],
    [labels.otherParticipants, attendees.filter((a) => a.voting === false || (a.voting === null && !electedRoles.has(a.role)))],
  ];
}

/** 'Name (Party), Represents, role[, ej beslutande][, på distans][, §§ 10–12]': one attendee per line. */
export function attendeeLine(attendee: Attendee): string {
  const parts = [attendee.party ? `${attendee.name} (${attendee.party})` : attendee.name];
  if (attendee.represents) parts.push(attendee.represents);
  parts.push(roleText(attendee));
  if (attendee.voting === false && attendee.role !== 'substitute') parts.push(labels.notVoting);
  if (attendee.remote) parts.push(labels.remoteParticipant);
  if (attendee.paragraphs) parts.push(formatParagraphList(attendee.paragraphs));
  return parts.join(', ');
}

function roleText(attendee: Attendee): string {
  if (attendee.role !== 'substitute') return labels.roles[attendee.role];
  if (attendee.voting === true) {
    return attendee.servingFor ? labels.servingSubstituteFor(attendee.servingFor) : labels.servingSubstitute;
  }
  if (attendee.voting === false) return labels.nonServingSubstitute;
  return labels.roles.substitute;
}

export function itemHeading(item: MinutesItem): string {
  return item.number != null ? `§ ${item.number} ${item.title}` : item.title;
}

export function itemAnchor(item: MinutesItem, index: number): string {
  return item.number != null ? `p${item.number}` : `punkt-${index + 1}`;
}

function tableOfContentsSection(items: MinutesItem[]): Section {
  return {
    startOnNewPage: true,
    blocks: [
      {
        type: 'toc',
        heading: labels.tableOfContents,
        entries: items.map((item, index) => ({ label: itemHeading(item), anchor: itemAnchor(item, index) })),
      },
    ],
  };
}

/**
 * One § in the conventional order: heading, Dnr, Föredragande, Jäv, text, Förslag till beslut, Beslut, then how it
 * was reached (Yrkanden, Propositionsordning, Omröstning), Reservation, Protokollsanteckning, omedelbar justering,
 * Bilaga. Beslut keeps its place before the beslutsgång so that protocols rendered before issue 19 read the same.
 */
export function itemSection(minutes: Pick<Minutes, 'body'>, item: MinutesItem, index: number): Section {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: itemHeading(item) }];
  if (item.caseNumber) blocks.push({ type: 'paragraph', tone: 'meta', text: `${labels.caseNumber} ${item.caseNumber}` });
  if (item.presenters && item.presenters.length > 0) {
    blocks.push({ type: 'paragraph', tone: 'meta', text: `${labels.presenters} ${item.presenters.join(', ')}` });
  }
  if (item.disqualified && item.disqualified.length > 0) {
    blocks.push({ type: 'heading', level: 3, text: labels.disqualification });
    for (const name of item.disqualified) {
      const left = item.leftRoom?.includes(name) ?? false;
      blocks.push({ type: 'paragraph', text: left ? labels.disqualificationLeavingLine(name) : labels.disqualificationLine(name) });
    }
  }
  for (const paragraph of textParagraphs(item.text ?? '')) blocks.push({ type: 'paragraph', text: paragraph });
  blocks.push(...proposalBlocks(item));
  blocks.push(...decisionBlocks(minutes, item));
  blocks.push(...motionBlocks(item));
  if (item.propositionOrder?.trim() || item.decisionMethod === 'acclamation') {
    blocks.push({ type: 'heading', level: 3, text: labels.propositionOrder });
    for (const text of typedParagraphs(item.propositionOrder ?? '')) blocks.push({ type: 'paragraph', text });
    if (item.decisionMethod === 'acclamation') blocks.push({ type: 'paragraph', text: labels.acclamation });
  }
  for (const vote of item.votes ?? []) blocks.push(...voteBlocks(vote));
  if (item.reservations && item.reservations.length > 0) {
    blocks.push({ type: 'heading', level: 3, text: labels.reservation });
    for (const reservation of item.reservations) {
      const line = labels.reservationLine(who(reservation));
      blocks.push({ type: 'paragraph', text: reservation.reason ? `${line}: ${reservation.reason}` : line });
    }
  }
  if (item.protocolNotes && item.protocolNotes.length > 0) {
    blocks.push({ type: 'heading', level: 3, text: labels.protocolNote });
    for (const note of item.protocolNotes) blocks.push({ type: 'paragraph', text: `${labels.protocolNoteLine(who(note))}: ${note.text.trim()}` });
  }
  if (item.adjustedImmediately) blocks.push({ type: 'paragraph', text: labels.adjustedImmediately });
  for (const attachment of item.attachments ?? []) {
    blocks.push({ type: 'paragraph', tone: 'meta', text: `${labels.attachment} ${attachment}` });
  }
  return { anchor: itemAnchor(item, index), outlineTitle: itemHeading(item), blocks };
}

/** 'Name (Party)', or the name alone. */
function who(person: { name: string; party?: string | null | undefined }): string {
  return person.party ? `${person.name} (${person.party})` : person.name;
}

function proposalBlocks(item: MinutesItem): Block[] {
  const proposal = item.proposal;
  if (!proposal?.text.trim()) return [];
  const blocks: Block[] = [{ type: 'heading', level: 3, text: labels.proposal }];
  if (proposal.proposedBy?.trim()) blocks.push({ type: 'paragraph', tone: 'meta', text: `${labels.proposedBy} ${proposal.proposedBy.trim()}` });
  for (const text of typedParagraphs(proposal.text)) blocks.push({ type: 'paragraph', text });
  return blocks;
}

function decisionBlocks(minutes: Pick<Minutes, 'body'>, item: MinutesItem): Block[] {
  if (item.decisions.length === 0) return [];
  const blocks: Block[] = [{ type: 'heading', level: 3, text: labels.decision }];
  const framed = item.decisions.every(isAttClause);
  if (framed) {
    blocks.push({
      type: 'paragraph',
      tone: 'lead',
      text: minutes.body ? labels.decidesThat(minutes.body) : labels.decidesThatFallback,
    });
  }
  // Under "… beslutar att" a clause typed as "att godkänna …" drops its own "att", so it never reads "att – att".
  const items = item.decisions.map((d) => typedLines(framed ? d.trim().replace(/^att\s+/iu, '') : d));
  // Several points are numbered, so a later § or an extract can refer to "punkt 2".
  blocks.push({ type: 'list', items, ...(items.length > 1 ? { numbered: true } : {}) });
  return blocks;
}

function motionBlocks(item: MinutesItem): Block[] {
  if (!item.motions || item.motions.length === 0) return [];
  const blocks: Block[] = [{ type: 'heading', level: 3, text: labels.motions }];
  for (const motion of item.motions) {
    blocks.push({ type: 'paragraph', text: labels.motionLine(who({ name: motion.mover, party: motion.party }), typedLines(motion.text)) });
    const support = (motion.supportedBy ?? []).map((name) => name.trim()).filter(Boolean);
    if (support.length > 0) blocks.push({ type: 'paragraph', text: labels.motionSupport(joinNames(support)) });
  }
  return blocks;
}

/** 'A', 'A och B', 'A, B och C'. */
function joinNames(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

/**
 * A text the secretary typed into a field of the form: blank lines separate paragraphs, and every other line
 * break is the secretary's own and stays (unlike `textParagraphs`, whose input may be wrapped by a PDF).
 */
export function typedParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(typedLines)
    .filter(Boolean);
}

/** One typed text with its line breaks, without trailing spaces or empty lines at either end. */
function typedLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

function voteBlocks(vote: Vote): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 3, text: labels.vote }];
  if (vote.question) blocks.push({ type: 'paragraph', text: vote.question });
  const counts = labels.voteCounts(vote.yes, vote.no, vote.abstain);
  if (counts) blocks.push({ type: 'paragraph', text: counts });
  if (vote.roll && vote.roll.length > 0) {
    blocks.push({
      type: 'table',
      caption: labels.rollCall,
      head: [...labels.rollCallHead],
      rows: vote.roll.map((entry) => [entry.name, entry.party ?? '', labels.voteChoices[entry.vote]]),
      widths: [0.55, 0.15, 0.3],
    });
  }
  if (vote.result) blocks.push({ type: 'paragraph', text: `${labels.voteResult} ${vote.result}` });
  return blocks;
}

/**
 * Paragraphs of a § text: blank lines separate paragraphs; a line starting with a dash, bullet or number
 * ("1. ") stays a line of its own; other single line breaks are wrapping from the source and become spaces.
 */
export function textParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    let current = '';
    for (const rawLine of chunk.split('\n')) {
      const line = rawLine.replace(/\s+/g, ' ').trim();
      if (!line) continue;
      if (/^(?:[-–•]|\d{1,2}[.)])\s/.test(line) && current) {
        paragraphs.push(current);
        current = line;
      } else {
        current = current ? `${current} ${line}` : line;
      }
    }
    if (current) paragraphs.push(current);
  }
  return paragraphs;
}

// Verbs that open an att-clause ("Styrelsen beslutar att godkänna …"); a decision written as a whole
// sentence ("Förbundsstyrelsen fastställer …") is printed without the frame.
const ATT_VERBS = new Set(
  (
    'anta avskriva avslå avstå avsätta avvakta bevaka bevilja bifalla bordlägga delegera fastställa fortsätta ' +
    'föreslå förklara ge godkänna godta hemställa lägga lämna medge notera rekommendera ställa ta teckna tilldela ' +
    'tillstyrka uppdra uppmana utse utnämna välja återremittera överlämna'
  ).split(' '),
);

function isAttClause(decision: string): boolean {
  const first = decision.trim().split(/\s+/)[0] ?? '';
  return /^[a-zåäö]/.test(first) || first.toLowerCase() === 'att' || ATT_VERBS.has(first.toLowerCase());
}

function noticeSection(minutes: Minutes): Section {
  const notice = minutes.notice!;
  const rows: FieldRow[] = [
    { label: labels.notice.body, lines: [minutes.body ?? ''] },
    { label: labels.notice.meetingDate, lines: [minutes.meeting.date ?? ''] },
  ];
  if (minutes.paragraphRange) {
    rows.push({
      label: labels.notice.paragraphs,
      lines: [formatParagraphRange(minutes.paragraphRange.first, minutes.paragraphRange.last)],
    });
  }
  if (minutes.adjustment.date) rows.push({ label: labels.notice.adjustedOn, lines: [minutes.adjustment.date] });
  rows.push(
    { label: labels.notice.postedFrom, lines: [notice.postedFrom ?? ''] },
    { label: labels.notice.postedUntil, lines: [notice.postedUntil ?? ''] },
    { label: labels.notice.storage, lines: [notice.storage ?? ''] },
  );
  return {
    anchor: 'anslag',
    outlineTitle: labels.notice.heading,
    blocks: [
      {
        type: 'box',
        heading: labels.notice.heading,
        lead: labels.notice.statement,
        rows,
        signatureLabel: labels.notice.signature,
      },
    ],
  };
}

function signatureRecordSection(record: SignatureRecord): Section {
  const roleNames = labels.signerRoles;
  if (record.documentSha256 === null) {
    return {
      anchor: 'signaturer',
      outlineTitle: labels.signatureRecord.heading,
      startOnNewPage: true,
      blocks: [
        { type: 'heading', level: 2, text: labels.signatureRecord.heading },
        { type: 'paragraph', text: labels.signatureRecord.inFile, tone: 'lead' },
        {
          type: 'table',
          caption: labels.signatureRecord.heading,
          head: [...labels.signatureRecord.signerColumns],
          widths: [0.3, 0.7],
          rows: record.signatures.map((s) => [roleNames[s.role], s.name ?? '']),
        },
        { type: 'paragraph', text: labels.signatureRecord.howToCheck, tone: 'meta' },
      ],
    };
  }
  return {
    anchor: 'signaturer',
    outlineTitle: labels.signatureRecord.heading,
    startOnNewPage: true,
    blocks: [
      { type: 'heading', level: 2, text: labels.signatureRecord.heading },
      { type: 'paragraph', text: labels.signatureRecord.lead, tone: 'lead' },
      {
        type: 'table',
        caption: labels.signatureRecord.heading,
        head: [...labels.signatureRecord.columns],
        widths: [0.18, 0.3, 0.32, 0.2],
        rows: record.signatures.map((s) => [roleNames[s.role], s.name ?? '', s.signedAt ? formatSigningTime(s.signedAt) : '', s.provider ?? '']),
      },
      { type: 'paragraph', text: `${labels.signatureRecord.hash} ${record.documentSha256}`, tone: 'meta' },
    ],
  };
}
