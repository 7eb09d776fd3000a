/**
 * Queries for the meeting cycle: planning, agenda, attendance, approval state, signatures, notice and
 * extracts of one meeting.
 */
import { and, asc, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';
import {
  adjusters,
  attendance,
  bodies,
  decisionPoints,
  disqualifications,
  extracts,
  meetingInvitations,
  meetings,
  mandates,
  motions,
  notices,
  organizations,
  paragraphAttachments,
  paragraphs,
  persons,
  presenters,
  protocolNotes,
  reservations,
  signatures,
  votes,
  ballots,
} from './schema.ts';
import type { MeetingRow } from './minutes.store.ts';

export type ParagraphRow = typeof paragraphs.$inferSelect;
export type SignatureRow = typeof signatures.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;

export async function insertMeeting(db: Database, values: typeof meetings.$inferInsert): Promise<MeetingRow> {
  const [row] = await db.insert(meetings).values(values).returning();
  return row!;
}

export async function updateMeeting(db: Database, meetingId: string, values: Partial<typeof meetings.$inferInsert>): Promise<void> {
  await db
    .update(meetings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(meetings.id, meetingId));
}

/** Locks the meeting row for the rest of the transaction, so two steps on one meeting run one after the other. */
export async function lockMeeting(db: Database, meetingId: string): Promise<MeetingRow | null> {
  const rows = await db.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  return rows[0] ?? null;
}

export async function listParagraphsOfMeeting(db: Database, meetingId: string): Promise<ParagraphRow[]> {
  return db.select().from(paragraphs).where(eq(paragraphs.meetingId, meetingId)).orderBy(asc(paragraphs.position));
}

export async function findParagraphById(db: Database, paragraphId: string): Promise<ParagraphRow | null> {
  const rows = await db.select().from(paragraphs).where(eq(paragraphs.id, paragraphId)).limit(1);
  return rows[0] ?? null;
}

/**
 * The § numbers the body used in the year in meetings before this one (earlier date, or the same date and
 * created earlier), for the legal checks of § numbering (a number used twice, a break in the year's run).
 */
export async function listParagraphNumbersBefore(db: Database, meeting: MeetingRow): Promise<number[]> {
  if (meeting.year === null || meeting.heldOn === null) return [];
  const rows = await db
    .select({ number: paragraphs.number })
    .from(paragraphs)
    .innerJoin(meetings, eq(meetings.id, paragraphs.meetingId))
    .where(
      and(
        eq(paragraphs.bodyId, meeting.bodyId),
        eq(paragraphs.year, meeting.year),
        isNotNull(paragraphs.number),
        or(
          lt(meetings.heldOn, meeting.heldOn),
          and(eq(meetings.heldOn, meeting.heldOn), lt(meetings.createdAt, meeting.createdAt)),
        ),
      ),
    );
  return rows.flatMap((r) => (r.number === null ? [] : [r.number]));
}

export async function insertParagraph(db: Database, values: typeof paragraphs.$inferInsert): Promise<ParagraphRow> {
  const [row] = await db.insert(paragraphs).values(values).returning();
  return row!;
}

export async function updateParagraphRow(db: Database, paragraphId: string, values: Partial<typeof paragraphs.$inferInsert>): Promise<void> {
  await db
    .update(paragraphs)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(paragraphs.id, paragraphId));
}

/** The body's meetings in a year, in date order (then creation order), locked for the transaction. */
export async function lockMeetingsOfBodyYear(db: Database, bodyId: string, year: number): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), eq(meetings.year, year)))
    .orderBy(asc(meetings.heldOn), asc(meetings.createdAt))
    .for('update');
}

/** Gives §§ of the meetings new numbers, going through null so that no number clashes midway. */
export async function setParagraphNumbers(db: Database, meetingIds: string[], numbers: { id: string; number: number }[]): Promise<void> {
  if (meetingIds.length === 0) return;
  await db.update(paragraphs).set({ number: null }).where(inArray(paragraphs.meetingId, meetingIds));
  for (const { id, number } of numbers) await db.update(paragraphs).set({ number }).where(eq(paragraphs.id, id));
}

/** Gives the meeting's §§ consecutive positions in agenda order. */
export async function compactPositions(db: Database, meetingId: string): Promise<void> {
  const rows = await listParagraphsOfMeeting(db, meetingId);
  for (const [index, row] of rows.entries()) {
    if (row.position !== index) await db.update(paragraphs).set({ position: index }).where(eq(paragraphs.id, row.id));
  }
}

/** Replaces the children of a § (presenters, att-clauses, attachments, votes, reservations, jäv) that are given. */
export async function replaceParagraphChildren(
  db: Database,
  paragraphId: string,
  children: {
    presenters?: string[];
    decisions?: string[];
    attachments?: string[];
    votes?: { question: string; yes: number | null; no: number | null; abstain: number | null; result: string | null; roll: { name: string; party: string | null; vote: string }[] }[];
    reservations?: { name: string; party: string | null; reason: string | null }[];
    disqualified?: string[];
    /** Those of `disqualified` who left the room; written with `disqualified`. */
    leftRoom?: string[];
    motions?: { mover: string; party: string | null; text: string; supportedBy: string[] }[];
    protocolNotes?: { name: string; party: string | null; text: string }[];
  },
): Promise<void> {
  if (children.presenters) {
    await db.delete(presenters).where(eq(presenters.paragraphId, paragraphId));
    if (children.presenters.length)
      await db.insert(presenters).values(children.presenters.map((name, position) => ({ paragraphId, position, name })));
  }
  if (children.decisions) {
    await db.delete(decisionPoints).where(eq(decisionPoints.paragraphId, paragraphId));
    if (children.decisions.length)
      await db.insert(decisionPoints).values(children.decisions.map((text, position) => ({ paragraphId, position, text })));
  }
  if (children.attachments) {
    // Titles that stay keep the file stored with them.
    const before = await db.select().from(paragraphAttachments).where(eq(paragraphAttachments.paragraphId, paragraphId));
    const fileOf = new Map(before.map((a) => [a.title, a.fileId]));
    await db.delete(paragraphAttachments).where(eq(paragraphAttachments.paragraphId, paragraphId));
    if (children.attachments.length)
      await db
        .insert(paragraphAttachments)
        .values(children.attachments.map((title, position) => ({ paragraphId, position, title, fileId: fileOf.get(title) ?? null })));
  }
  if (children.votes) {
    await db.delete(votes).where(eq(votes.paragraphId, paragraphId));
    for (const [position, vote] of children.votes.entries()) {
      const [row] = await db
        .insert(votes)
        .values({ paragraphId, position, question: vote.question, yes: vote.yes, no: vote.no, abstain: vote.abstain, result: vote.result })
        .returning({ id: votes.id });
      if (vote.roll.length) {
        await db
          .insert(ballots)
          .values(vote.roll.map((b, i) => ({ voteId: row!.id, position: i, name: b.name, party: b.party, choice: b.vote })));
      }
    }
  }
  if (children.reservations) {
    await db.delete(reservations).where(eq(reservations.paragraphId, paragraphId));
    if (children.reservations.length)
      await db.insert(reservations).values(children.reservations.map((r, position) => ({ paragraphId, position, ...r })));
  }
  if (children.disqualified) {
    await db.delete(disqualifications).where(eq(disqualifications.paragraphId, paragraphId));
    if (children.disqualified.length)
      await db
        .insert(disqualifications)
        .values(children.disqualified.map((name, position) => ({ paragraphId, position, name, leftRoom: children.leftRoom?.includes(name) ?? false })));
  }
  if (children.motions) {
    await db.delete(motions).where(eq(motions.paragraphId, paragraphId));
    if (children.motions.length) await db.insert(motions).values(children.motions.map((m, position) => ({ paragraphId, position, ...m })));
  }
  if (children.protocolNotes) {
    await db.delete(protocolNotes).where(eq(protocolNotes.paragraphId, paragraphId));
    if (children.protocolNotes.length)
      await db.insert(protocolNotes).values(children.protocolNotes.map((n, position) => ({ paragraphId, position, ...n })));
  }
}

/** The meeting's bilagor that have a stored file, in agenda order. */
export async function listStoredAttachments(db: Database, meetingId: string): Promise<{ paragraphId: string; number: number | null; title: string; fileId: string }[]> {
  const rows = await db
    .select({ paragraphId: paragraphs.id, number: paragraphs.number, title: paragraphAttachments.title, fileId: paragraphAttachments.fileId })
    .from(paragraphAttachments)
    .innerJoin(paragraphs, eq(paragraphs.id, paragraphAttachments.paragraphId))
    .where(and(eq(paragraphs.meetingId, meetingId), isNotNull(paragraphAttachments.fileId)))
    .orderBy(asc(paragraphs.position), asc(paragraphAttachments.position));
  return rows.map((r) => ({ ...r, fileId: r.fileId! }));
}

/** The meeting a file belongs to, through any of the places a file is used. */
export async function findMeetingOfFile(db: Database, fileId: string): Promise<string | null> {
  const rows = await queryRows<{ meeting_id: string }>(
    db,
    sql`select p.meeting_id from paragraph_attachments a join paragraphs p on p.id = a.paragraph_id where a.file_id = ${fileId}
        union all select id from meetings where ${fileId} in (minutes_file_id, signed_file_id, source_file_id)
        union all select meeting_id from meeting_invitations where file_id = ${fileId}
        union all select meeting_id from extracts where file_id = ${fileId}
        limit 1`,
  );
  return rows[0]?.meeting_id ?? null;
}

/** Names a file as a bilaga of a §, after the ones it has. */
export async function insertParagraphAttachment(db: Database, input: { paragraphId: string; title: string; fileId: string }): Promise<void> {
  const [row] = await db
    .select({ next: sql<number | string>`coalesce(max(${paragraphAttachments.position}) + 1, 0)` })
    .from(paragraphAttachments)
    .where(eq(paragraphAttachments.paragraphId, input.paragraphId));
  await db.insert(paragraphAttachments).values({ ...input, position: Number(row?.next ?? 0) });
}

export interface MandateOnDate {
  mandateId: string;
  personId: string;
  name: string;
  role: string;
  party: string | null;
  viceChairRank: number | null;
  substituteRank: number | null;
  appointedBy: string | null;
  email: string | null;
}

/** The body's mandates in force on a date (open terms count), with the persons' names. */
export async function mandatesInForce(db: Database, bodyId: string, onDate: string): Promise<MandateOnDate[]> {
  const rows = await db
    .select({
      mandateId: mandates.id,
      personId: mandates.personId,
      name: persons.name,
      email: persons.email,
      role: mandates.role,
      party: mandates.party,
      viceChairRank: mandates.viceChairRank,
      substituteRank: mandates.substituteRank,
      appointedBy: organizations.name,
    })
    .from(mandates)
    .innerJoin(persons, eq(persons.id, mandates.personId))
    .leftJoin(organizations, eq(organizations.id, mandates.appointedById))
    .where(
      and(
        eq(mandates.bodyId, bodyId),
        sql`(${mandates.startsOn} is null or ${mandates.startsOn} <= ${onDate})`,
        sql`(${mandates.endsOn} is null or ${mandates.endsOn} >= ${onDate})`,
      ),
    );
  return rows;
}

export async function replaceAttendance(db: Database, meetingId: string, rows: Omit<typeof attendance.$inferInsert, 'meetingId'>[]): Promise<void> {
  await db.delete(attendance).where(eq(attendance.meetingId, meetingId));
  if (rows.length) await db.insert(attendance).values(rows.map((r) => ({ ...r, meetingId })));
}

export async function listAttendance(db: Database, meetingId: string): Promise<AttendanceRow[]> {
  return db.select().from(attendance).where(eq(attendance.meetingId, meetingId)).orderBy(asc(attendance.position));
}

export async function replaceAdjusters(db: Database, meetingId: string, rows: { name: string; personId: string | null }[]): Promise<void> {
  await db.delete(adjusters).where(eq(adjusters.meetingId, meetingId));
  if (rows.length) await db.insert(adjusters).values(rows.map((r, position) => ({ meetingId, position, ...r })));
}

export async function listAdjusters(db: Database, meetingId: string) {
  return db.select().from(adjusters).where(eq(adjusters.meetingId, meetingId)).orderBy(asc(adjusters.position));
}

export async function replaceSignatures(db: Database, meetingId: string, rows: Omit<typeof signatures.$inferInsert, 'meetingId' | 'position'>[]): Promise<void> {
  await db.delete(signatures).where(eq(signatures.meetingId, meetingId));
  if (rows.length) await db.insert(signatures).values(rows.map((r, position) => ({ ...r, meetingId, position })));
}

export async function listSignatures(db: Database, meetingId: string): Promise<SignatureRow[]> {
  return db.select().from(signatures).where(eq(signatures.meetingId, meetingId)).orderBy(asc(signatures.position));
}

export async function updateSignature(db: Database, signatureId: string, values: Partial<typeof signatures.$inferInsert>): Promise<void> {
  await db.update(signatures).set(values).where(eq(signatures.id, signatureId));
}

export async function upsertNotice(db: Database, meetingId: string, values: Omit<typeof notices.$inferInsert, 'meetingId'>): Promise<NoticeRow> {
  const [row] = await db
    .insert(notices)
    .values({ ...values, meetingId })
    .onConflictDoUpdate({ target: notices.meetingId, set: values })
    .returning();
  return row!;
}

export async function findNotice(db: Database, meetingId: string): Promise<NoticeRow | null> {
  const rows = await db.select().from(notices).where(eq(notices.meetingId, meetingId)).limit(1);
  return rows[0] ?? null;
}

export async function insertInvitations(db: Database, rows: (typeof meetingInvitations.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(meetingInvitations).values(rows);
}

const swedishOrder = new Intl.Collator('sv');

/** Who the kallelse went to, sorted by name in Swedish order (done here: PGlite has no Swedish collation). */
export async function listInvitations(db: Database, meetingId: string) {
  const rows = await db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId));
  return rows.sort((a, b) => swedishOrder.compare(a.name, b.name));
}

export async function insertExtract(db: Database, values: typeof extracts.$inferInsert) {
  const [row] = await db.insert(extracts).values(values).returning();
  return row!;
}

export interface MeetingSummaryRow {
  id: string;
  bodyId: string;
  bodyName: string;
  organizationId: string | null;
  organizationName: string | null;
  heldOn: string | null;
  startTime: string | null;
  location: string | null;
  status: string;
  minutesKind: string;
}

/** Meetings, newest first, optionally of one body and year. */
export async function listMeetingSummaries(db: Database, filter: { bodyId?: string; year?: number; statuses?: string[] }): Promise<MeetingSummaryRow[]> {
  const conditions = [];
  if (filter.bodyId) conditions.push(eq(meetings.bodyId, filter.bodyId));
  if (filter.year) conditions.push(eq(meetings.year, filter.year));
  if (filter.statuses) conditions.push(inArray(meetings.status, filter.statuses));
  return db
    .select({
      id: meetings.id,
      bodyId: meetings.bodyId,
      bodyName: bodies.name,
      organizationId: bodies.organizationId,
      organizationName: organizations.name,
      heldOn: meetings.heldOn,
      startTime: meetings.startTime,
      location: meetings.location,
      status: meetings.status,
      minutesKind: meetings.minutesKind,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(meetings.heldOn), desc(meetings.startTime));
}
