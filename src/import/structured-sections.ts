/**
 * The parts of a § that Protokoll itself prints under fixed words (docs/documents.md, src/documents/labels.ts):
 * Förslag till beslut with its Förslagsställare, Yrkanden ("X (P) yrkar …", "A och B instämmer i yrkandet"),
 * Propositionsordning (and "Beslutet fattas med acklamation."), Protokollsanteckning ("X (P) antecknar till
 * protokollet: …"), jäv with leaving the room, and omedelbar justering. Other minutes word these freely, so only
 * these exact forms are read; everything else stays in the § text as before.
 */
import type { MinutesItem, Motion, ProtocolNote } from '../domain/minutes.ts';
import { isDecisionHeading, isKnownSectionHeading } from './lexicon/section-headings.ts';

const HEADINGS = ['Förslag till beslut', 'Yrkanden', 'Propositionsordning', 'Protokollsanteckning'] as const;
type Heading = (typeof HEADINGS)[number];

const WHO = String.raw`(.+?)(?: \(([^)]{1,12})\))?`;
const MOTION = new RegExp(`^${WHO} yrkar (.+)$`, 'u');
const SUPPORT = /^(.+) instämmer i yrkandet$/u;
const NOTE = new RegExp(`^${WHO} antecknar till protokollet: (.+)$`, 'u');
const RESERVATION = new RegExp(`^${WHO} reserverar sig mot beslutet: (.+)$`, 'u');
const VOTE_COUNTS = /^(?:Ja \d+|Nej \d+|Avstår \d+)(?:, (?:Nej|Avstår) \d+)*$/u;
const LEFT_ROOM = /^(.+) anmäler jäv och lämnar lokalen under handläggningen$/u;
const ACCLAMATION = 'Beslutet fattas med acklamation.';
const ADJUSTED_IMMEDIATELY = 'Paragrafen förklaras omedelbart justerad.';
const PROPOSED_BY = /^Förslagsställare:\s*(.+)$/u;
/** A line after the sections that is not theirs: the attachments at the end of a §. */
const ENDS_SECTION = /^Bilaga:/u;

/** Cheap test before the line-by-line pass: does the § have any of the fixed forms at all? */
const ANY_FIXED_FORM = /^(?:Förslag till beslut|Yrkanden|Propositionsordning|Protokollsanteckning|Paragrafen förklaras omedelbart justerad\.)$|anmäler jäv och lämnar lokalen/mu;

/** 'A', 'A och B', 'A, B och C' → names. */
function namesOf(list: string): string[] {
  return list
    .split(/,\s*|\s+och\s+/u)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Adds what the fixed forms say to the item; the caller has already read its text, decisions and votes. */
export function addStructuredSections(item: MinutesItem, body: string[]): void {
  const lines = body.map((line) => line.replace(/\s+/gu, ' ').trim()).filter(Boolean);
  if (!ANY_FIXED_FORM.test(lines.join('\n'))) return;
  const sections = new Map<Heading, string[]>();
  let current: Heading | null = null;
  for (const line of lines) {
    const heading = HEADINGS.find((h) => h === line);
    if (heading) {
      current = heading;
      sections.set(heading, []);
      continue;
    }
    if (line === ADJUSTED_IMMEDIATELY) {
      item.adjustedImmediately = true;
      current = null;
      continue;
    }
    const left = LEFT_ROOM.exec(line);
    if (left && !(item.leftRoom ?? []).includes(left[1]!)) (item.leftRoom ??= []).push(left[1]!);
    if (current && (ENDS_SECTION.test(line) || isDecisionHeading(line) || (isKnownSectionHeading(line) && line.length < 40))) current = null;
    if (current) sections.get(current)!.push(line);
  }
  const proposal = sections.get('Förslag till beslut');
  if (proposal?.length) {
    const by = PROPOSED_BY.exec(proposal[0]!);
    const text = (by ? proposal.slice(1) : proposal).join(' ').trim();
    if (text) item.proposal = { text, proposedBy: by ? by[1]!.trim() : null };
  }
  const motions = motionsOf(sections.get('Yrkanden') ?? []);
  if (motions.length) item.motions = motions;
  const order = sections.get('Propositionsordning') ?? [];
  const acclaimed = order.at(-1) === ACCLAMATION;
  const orderText = (acclaimed ? order.slice(0, -1) : order).join(' ').trim();
  if (orderText) item.propositionOrder = orderText;
  if (acclaimed) item.decisionMethod = 'acclamation';
  else if (item.votes?.length && sections.has('Propositionsordning')) item.decisionMethod = 'vote';
  const notes = notesOf(sections.get('Protokollsanteckning') ?? []);
  if (notes.length) item.protocolNotes = notes;
  readPrintedVoteAndReservations(item, lines);
}

/**
 * As printed: the question is every line between "Omröstning" and the counts (it ends without a full stop,
 * so the sentence reader runs on into the counts), and a reservation's reason follows "mot beslutet: ".
 */
function readPrintedVoteAndReservations(item: MinutesItem, lines: string[]): void {
  const vote = item.votes?.[0];
  const start = lines.indexOf('Omröstning');
  const counts = lines.findIndex((line, k) => k > start && VOTE_COUNTS.test(line));
  if (vote && start >= 0 && counts > start + 1) vote.question = lines.slice(start + 1, counts).join(' ');
  for (const line of lines) {
    const match = RESERVATION.exec(line);
    const reservation = match ? item.reservations?.find((r) => r.name === match[1]!.trim()) : undefined;
    if (reservation && !reservation.reason) reservation.reason = match![3]!.trim();
  }
}

/** One yrkande per "… yrkar …" line, its wrapped lines joined on, and the bifall that follows it. */
function motionsOf(lines: string[]): Motion[] {
  const motions: Motion[] = [];
  for (const line of lines) {
    const support = SUPPORT.exec(line);
    const motion = MOTION.exec(line);
    const last = motions.at(-1);
    if (support && last) last.supportedBy = [...(last.supportedBy ?? []), ...namesOf(support[1]!)];
    else if (motion) motions.push({ mover: motion[1]!.trim(), party: motion[2] ?? null, text: motion[3]!.trim(), supportedBy: [] });
    else if (last) last.text = `${last.text} ${line}`;
  }
  return motions;
}

function notesOf(lines: string[]): ProtocolNote[] {
  const notes: ProtocolNote[] = [];
  for (const line of lines) {
    const note = NOTE.exec(line);
    const last = notes.at(-1);
    if (note) notes.push({ name: note[1]!.trim(), party: note[2] ?? null, text: note[3]!.trim() });
    else if (last) last.text = `${last.text} ${line}`;
  }
  return notes;
}
