/**
 * Writes a meeting with everything its minutes record, and reads it back as an interchange document.
 * Ids are made here (randomUUID) so that child rows can be written in one statement per table.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Minutes, MinutesItem } from '../domain/minutes.ts';
import { paragraphRangeOf } from '../domain/paragraph-numbering.ts';
import { NotFoundError } from '../errors.ts';
import type { Database } from './database.ts';
import {
  adjusters,
  attendance,
  ballots,
  bodies,
  cases,
  decisionPoints,
  disqualifications,
  meetings,
  motions,
  notices,
  organizations,
  paragraphAttachments,
  paragraphs,
  presenters,
  protocolNotes,
  reservations,
  signatures,
  votes,
} from './schema.ts';

export type MeetingRow = typeof meetings.$inferSelect;

/** Everything needed to store one meeting's minutes, with registers already resolved to ids. */
export interface MinutesRecord {
  minutes: Minutes;
  bodyId: string;
  organizationId: string | null;
  /** The person id of each attendee, in the order of `minutes.attendees`. */
  attendeePersonIds: string[];
  /** The mandate used by each attendee, where one exists. */
  attendeeMandateIds: (string | null)[];
  /** The case id of each item, in the order of `minutes.items` (null without a case number). */
  itemCaseIds: (string | null)[];
  status: string;
  numberInYear?: number | null;
  sourceFileId?: string | null;
}

/** Inserts the meeting and all of its parts; returns the meeting id. Run inside a transaction. */
export async function insertMinutes(db: Database, record: MinutesRecord): Promise<string> {
  const { minutes } = record;
  const meetingId = randomUUID();
  const heldOn = minutes.meeting.date;
  const year = heldOn ? Number(heldOn.slice(0, 4)) : null;

  await db.insert(meetings).values({
    id: meetingId,
    bodyId: record.bodyId,
    minutesKind: minutes.kind,
    heldOn,
    year,
    numberInYear: record.numberInYear ?? null,
    startTime: minutes.meeting.start,
    endTime: minutes.meeting.end,
    location: minutes.meeting.location,
    remote: minutes.meeting.remote,
    // Written as held first: the database refuses new parts of adjusted minutes, so the final status
    // is set once every part is in (below).
    status: 'held',
    paragraphFirst: minutes.paragraphRange?.first ?? null,
    paragraphLast: minutes.paragraphRange?.last ?? null,
    adjustedOn: minutes.adjustment.date,
    adjustmentPlace: minutes.adjustment.place,
    organizationAsWritten: minutes.organization,
    bodyAsWritten: minutes.body,
    sourceFileId: record.sourceFileId ?? null,
  });

  if (minutes.adjustment.adjusters.length > 0) {
    await db
      .insert(adjusters)
      .values(minutes.adjustment.adjusters.map((name, position) => ({ meetingId, position, name })));
  }

  if (minutes.attendees.length > 0) {
    await db.insert(attendance).values(
      minutes.attendees.map((a, position) => ({
        meetingId,
        position,
        personId: record.attendeePersonIds[position]!,
        mandateId: record.attendeeMandateIds[position] ?? null,
        name: a.name,
        role: a.role,
        party: a.party,
        represents: a.represents,
        voting: a.voting,
        remote: a.remote,
        paragraphs: a.paragraphs,
        servingFor: a.servingFor ?? null,
      })),
    );
  }

  await insertItems(db, { meetingId, bodyId: record.bodyId, year, items: minutes.items, caseIds: record.itemCaseIds });

  if (minutes.signatures.length > 0) {
    await db.insert(signatures).values(
      minutes.signatures.map((s, position) => ({
        meetingId,
        position,
        role: s.role,
        name: s.name,
        status: s.signedAt ? 'signed' : 'pending',
        signedAt: s.signedAt ? new Date(s.signedAt) : null,
      })),
    );
  }

  if (minutes.notice) {
    await db.insert(notices).values({
      meetingId,
      postedOn: minutes.notice.postedFrom,
      postedUntilOn: minutes.notice.postedUntil,
      storage: minutes.notice.storage,
    });
  }
  if (record.status !== 'held') await db.update(meetings).set({ status: record.status }).where(eq(meetings.id, meetingId));
  return meetingId;
}

async function insertItems(
  db: Database,
  input: { meetingId: string; bodyId: string; year: number | null; items: MinutesItem[]; caseIds: (string | null)[] },
): Promise<void> {
  if (input.items.length === 0) return;
  const paragraphRows: (typeof paragraphs.$inferInsert)[] = [];
  const presenterRows: (typeof presenters.$inferInsert)[] = [];
  const decisionRows: (typeof decisionPoints.$inferInsert)[] = [];
  const attachmentRows: (typeof paragraphAttachments.$inferInsert)[] = [];
  const voteRows: (typeof votes.$inferInsert)[] = [];
  const ballotRows: (typeof ballots.$inferInsert)[] = [];
  const reservationRows: (typeof reservations.$inferInsert)[] = [];
  const disqualificationRows: (typeof disqualifications.$inferInsert)[] = [];
  const motionRows: (typeof motions.$inferInsert)[] = [];
  const noteRows: (typeof protocolNotes.$inferInsert)[] = [];

  input.items.forEach((item, position) => {
    const paragraphId = randomUUID();
    paragraphRows.push({
      id: paragraphId,
      meetingId: input.meetingId,
      bodyId: input.bodyId,
      year: input.year,
      position,
      number: item.number,
      title: item.title,
      caseId: input.caseIds[position] ?? null,
      text: item.text ?? null,
      proposal: item.proposal?.text ?? null,
      proposedBy: item.proposal?.proposedBy ?? null,
      propositionOrder: item.propositionOrder ?? null,
      decisionMethod: item.decisionMethod ?? null,
      adjustedImmediately: item.adjustedImmediately ?? false,
    });
    (item.presenters ?? []).forEach((name, i) => presenterRows.push({ paragraphId, position: i, name }));
    item.decisions.forEach((text, i) => decisionRows.push({ paragraphId, position: i, text }));
    (item.attachments ?? []).forEach((title, i) => attachmentRows.push({ paragraphId, position: i, title }));
    (item.votes ?? []).forEach((vote, i) => {
      const voteId = randomUUID();
      voteRows.push({
        id: voteId,
        paragraphId,
        position: i,
        question: vote.question,
        yes: vote.yes ?? null,
        no: vote.no ?? null,
        abstain: vote.abstain ?? null,
        result: vote.result ?? null,
      });
      (vote.roll ?? []).forEach((ballot, j) =>
        ballotRows.push({ voteId, position: j, name: ballot.name, party: ballot.party ?? null, choice: ballot.vote }),
      );
    });
    (item.reservations ?? []).forEach((r, i) =>
      reservationRows.push({ paragraphId, position: i, name: r.name, party: r.party ?? null, reason: r.reason ?? null }),
    );
    (item.disqualified ?? []).forEach((name, i) =>
      disqualificationRows.push({ paragraphId, position: i, name, leftRoom: (item.leftRoom ?? []).includes(name) }),
    );
    (item.motions ?? []).forEach((m, i) =>
      motionRows.push({ paragraphId, position: i, mover: m.mover, party: m.party ?? null, text: m.text, supportedBy: m.supportedBy ?? [] }),
    );
    (item.protocolNotes ?? []).forEach((n, i) =>
      noteRows.push({ paragraphId, position: i, name: n.name, party: n.party ?? null, text: n.text }),
    );
  });

  await db.insert(paragraphs).values(paragraphRows);
  if (presenterRows.length) await db.insert(presenters).values(presenterRows);
  if (decisionRows.length) await db.insert(decisionPoints).values(decisionRows);
  if (attachmentRows.length) await db.insert(paragraphAttachments).values(attachmentRows);
  if (voteRows.length) await db.insert(votes).values(voteRows);
  if (ballotRows.length) await db.insert(ballots).values(ballotRows);
  if (reservationRows.length) await db.insert(reservations).values(reservationRows);
  if (disqualificationRows.length) await db.insert(disqualifications).values(disqualificationRows);
  if (motionRows.length) await db.insert(motions).values(motionRows);
  if (noteRows.length) await db.insert(protocolNotes).values(noteRows);
}

export async function findMeetingById(db: Database, id: string): Promise<MeetingRow | null> {
  const rows = await db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Reads a stored meeting back as an interchange document. */
export async function loadMinutes(db: Database, meetingId: string): Promise<Minutes> {
  const [meeting] = await db
    .select({ meeting: meetings, bodyName: bodies.name, organizationName: organizations.name })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(meetings.id, meetingId));
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  const m = meeting.meeting;

  const [adjusterRows, attendanceRows, signatureRows, noticeRows, paragraphRows] = await Promise.all([
    db.select().from(adjusters).where(eq(adjusters.meetingId, meetingId)).orderBy(asc(adjusters.position)),
    db.select().from(attendance).where(eq(attendance.meetingId, meetingId)).orderBy(asc(attendance.position)),
    db.select().from(signatures).where(eq(signatures.meetingId, meetingId)).orderBy(asc(signatures.position)),
    db.select().from(notices).where(eq(notices.meetingId, meetingId)),
    db
      .select({ paragraph: paragraphs, caseNumber: cases.caseNumber })
      .from(paragraphs)
      .leftJoin(cases, eq(cases.id, paragraphs.caseId))
      .where(eq(paragraphs.meetingId, meetingId))
      .orderBy(asc(paragraphs.position)),
  ]);

  const paragraphIds = paragraphRows.map((r) => r.paragraph.id);
  const children = await loadParagraphChildren(db, paragraphIds);
  const notice = noticeRows[0];

  return {
    kind: m.minutesKind === 'notes' ? 'notes' : 'protocol',
    organization: m.organizationAsWritten,
    body: m.bodyAsWritten ?? meeting.bodyName,
    meeting: {
      date: m.heldOn,
      start: m.startTime ? m.startTime.slice(0, 5) : null,
      end: m.endTime ? m.endTime.slice(0, 5) : null,
      location: m.location,
      remote: m.remote,
    },
    paragraphRange:
      m.paragraphFirst !== null && m.paragraphLast !== null
        ? { first: m.paragraphFirst, last: m.paragraphLast }
        : paragraphRangeOf(paragraphRows.map((r) => r.paragraph.number)),
    adjustment: { adjusters: adjusterRows.map((a) => a.name), date: m.adjustedOn, place: m.adjustmentPlace },
    signatures: signatureRows.map((s) => ({
      role: s.role as Minutes['signatures'][number]['role'],
      name: s.name,
      signedAt: s.signedAt ? formatStockholmInstant(s.signedAt) : null,
    })),
    notice: notice ? { postedFrom: notice.postedOn, postedUntil: notice.postedUntilOn, storage: notice.storage } : null,
    attendees: attendanceRows.map((a) => ({
      name: a.name,
      party: a.party,
      represents: a.represents,
      role: a.role as Minutes['attendees'][number]['role'],
      voting: a.voting,
      remote: a.remote,
      paragraphs: a.paragraphs,
      ...(a.servingFor ? { servingFor: a.servingFor } : {}),
    })),
    items: paragraphRows.map(({ paragraph: p, caseNumber }) => {
      const votesOfItem = children.votes.get(p.id) ?? [];
      const reservationsOfItem = children.reservations.get(p.id) ?? [];
      const disqualifiedOfItem = children.disqualifications.get(p.id) ?? [];
      const item: MinutesItem = {
        number: p.number,
        title: p.title,
        caseNumber: caseNumber ?? null,
        presenters: children.presenters.get(p.id) ?? [],
        decisions: children.decisions.get(p.id) ?? [],
        attachments: children.attachments.get(p.id) ?? [],
      };
      if (p.text !== null) item.text = p.text;
      if (votesOfItem.length) item.votes = votesOfItem;
      if (reservationsOfItem.length) item.reservations = reservationsOfItem;
      if (disqualifiedOfItem.length) item.disqualified = disqualifiedOfItem;
      addStructuredParts(item, p, children);
      return item;
    }),
  };
}

/** The § as the secretary wrote it: proposal, yrkanden, propositionsordning, anteckningar, jäv leaving, omedelbar justering. */
function addStructuredParts(item: MinutesItem, p: typeof paragraphs.$inferSelect, children: ParagraphChildren): void {
  if (p.proposal !== null) item.proposal = { text: p.proposal, proposedBy: p.proposedBy };
  const motionsOfItem = children.motions.get(p.id) ?? [];
  if (motionsOfItem.length) item.motions = motionsOfItem;
  if (p.propositionOrder !== null) item.propositionOrder = p.propositionOrder;
  if (p.decisionMethod === 'acclamation' || p.decisionMethod === 'vote') item.decisionMethod = p.decisionMethod;
  const notesOfItem = children.protocolNotes.get(p.id) ?? [];
  if (notesOfItem.length) item.protocolNotes = notesOfItem;
  const leftRoom = children.leftRoom.get(p.id) ?? [];
  if (leftRoom.length) item.leftRoom = leftRoom;
  if (p.adjustedImmediately) item.adjustedImmediately = true;
}

interface ParagraphChildren {
  presenters: Map<string, string[]>;
  decisions: Map<string, string[]>;
  attachments: Map<string, string[]>;
  votes: Map<string, NonNullable<MinutesItem['votes']>>;
  reservations: Map<string, NonNullable<MinutesItem['reservations']>>;
  disqualifications: Map<string, string[]>;
  leftRoom: Map<string, string[]>;
  motions: Map<string, NonNullable<MinutesItem['motions']>>;
  protocolNotes: Map<string, NonNullable<MinutesItem['protocolNotes']>>;
}

async function loadParagraphChildren(db: Database, paragraphIds: string[]): Promise<ParagraphChildren> {
  const out: ParagraphChildren = {
    presenters: new Map(),
    decisions: new Map(),
    attachments: new Map(),
    votes: new Map(),
    reservations: new Map(),
    disqualifications: new Map(),
    leftRoom: new Map(),
    motions: new Map(),
    protocolNotes: new Map(),
  };
  if (paragraphIds.length === 0) return out;
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const [presenterRows, decisionRows, attachmentRows, voteRows, reservationRows, disqualificationRows, motionRows, noteRows] =
    await Promise.all([
      db.select().from(presenters).where(inArray(presenters.paragraphId, paragraphIds)).orderBy(asc(presenters.position)),
      db
        .select()
        .from(decisionPoints)
        .where(inArray(decisionPoints.paragraphId, paragraphIds))
        .orderBy(asc(decisionPoints.position)),
      db
        .select()
        .from(paragraphAttachments)
        .where(inArray(paragraphAttachments.paragraphId, paragraphIds))
        .orderBy(asc(paragraphAttachments.position)),
      db.select().from(votes).where(inArray(votes.paragraphId, paragraphIds)).orderBy(asc(votes.position)),
      db
        .select()
        .from(reservations)
        .where(inArray(reservations.paragraphId, paragraphIds))
        .orderBy(asc(reservations.position)),
      db
        .select()
        .from(disqualifications)
        .where(inArray(disqualifications.paragraphId, paragraphIds))
        .orderBy(asc(disqualifications.position)),
      db.select().from(motions).where(inArray(motions.paragraphId, paragraphIds)).orderBy(asc(motions.position)),
      db
        .select()
        .from(protocolNotes)
        .where(inArray(protocolNotes.paragraphId, paragraphIds))
        .orderBy(asc(protocolNotes.position)),
    ]);
  for (const r of presenterRows) push(out.presenters, r.paragraphId, r.name);
  for (const r of decisionRows) push(out.decisions, r.paragraphId, r.text);
  for (const r of attachmentRows) push(out.attachments, r.paragraphId, r.title);
  for (const r of disqualificationRows) {
    push(out.disqualifications, r.paragraphId, r.name);
    if (r.leftRoom) push(out.leftRoom, r.paragraphId, r.name);
  }
  for (const r of motionRows) {
    push(out.motions, r.paragraphId, { mover: r.mover, party: r.party, text: r.text, supportedBy: r.supportedBy });
  }
  for (const r of noteRows) push(out.protocolNotes, r.paragraphId, { name: r.name, party: r.party, text: r.text });
  for (const r of reservationRows) {
    push(out.reservations, r.paragraphId, { name: r.name, party: r.party, reason: r.reason });
  }
  const ballotRows = voteRows.length
    ? await db
        .select()
        .from(ballots)
        .where(
          inArray(
            ballots.voteId,
            voteRows.map((v) => v.id),
          ),
        )
        .orderBy(asc(ballots.position))
    : [];
  const ballotsByVote = new Map<string, NonNullable<NonNullable<MinutesItem['votes']>[number]['roll']>>();
  for (const b of ballotRows) {
    push(ballotsByVote, b.voteId, { name: b.name, party: b.party, vote: b.choice as 'yes' | 'no' | 'abstain' | 'absent' });
  }
  for (const v of voteRows) {
    const roll = ballotsByVote.get(v.id);
    push(out.votes, v.paragraphId, {
      question: v.question,
      yes: v.yes,
      no: v.no,
      abstain: v.abstain,
      ...(roll ? { roll } : {}),
      result: v.result,
    });
  }
  return out;
}

/**
 * Formats an instant as ISO 8601 with the offset of Swedish local time (CET/CEST), the zone every
 * signature in the minutes is read in.
 */
export function formatStockholmInstant(at: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

/** The §§ among `numbers` that the body has already used in `year`, with the meeting that used them. */
export async function findUsedParagraphNumbers(
  db: Database,
  input: { bodyId: string; year: number; numbers: number[] },
): Promise<{ number: number; heldOn: string | null }[]> {
  if (input.numbers.length === 0) return [];
  const rows = await db
    .select({ number: paragraphs.number, heldOn: meetings.heldOn })
    .from(paragraphs)
    .innerJoin(meetings, eq(meetings.id, paragraphs.meetingId))
    .where(and(eq(paragraphs.bodyId, input.bodyId), eq(paragraphs.year, input.year), inArray(paragraphs.number, input.numbers)));
  return rows.map((r) => ({ number: r.number!, heldOn: r.heldOn }));
}

/** Meetings of a body on a date (and at a start time, when given): the identity of imported minutes. */
export async function findMeetingsOnDate(
  db: Database,
  input: { bodyId: string; heldOn: string; startTime: string | null },
): Promise<MeetingRow[]> {
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, input.bodyId), eq(meetings.heldOn, input.heldOn)));
  return rows.filter((m) => !input.startTime || !m.startTime || m.startTime.slice(0, 5) === input.startTime);
}

/** The meeting whose minutes came from this stored file, if any. */
export async function findMeetingBySourceFile(db: Database, fileId: string): Promise<MeetingRow | null> {
  const rows = await db.select().from(meetings).where(eq(meetings.sourceFileId, fileId)).limit(1);
  return rows[0] ?? null;
}
