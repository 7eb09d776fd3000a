/**
 * The seals of adjusted minutes (minutes_seals, migration 0010) and the meetings they belong to, as
 * `protokoll verify` and the public pages read them.
 */
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.ts';
import { bodies, files, meetings, minutesSeals, organizations, signatures } from './schema.ts';

export type SealRow = typeof minutesSeals.$inferSelect;

/** Records the seal of a meeting's adjusted minutes; a seal is written once and never changes. */
export async function insertSeal(db: Database, seal: { meetingId: string; contentSha256: string; fileId: string | null; fileSha256: string | null; sealedAt: Date }): Promise<SealRow> {
  const [row] = await db.insert(minutesSeals).values(seal).returning();
  return row!;
}

export async function findSeal(db: Database, meetingId: string): Promise<SealRow | null> {
  const [row] = await db.select().from(minutesSeals).where(eq(minutesSeals.meetingId, meetingId)).limit(1);
  return row ?? null;
}

/** A meeting as verification names it (body, date, number in the year), with its seal when it has one. */
export interface MeetingToVerify {
  meetingId: string;
  status: string;
  heldOn: string | null;
  numberInYear: number | null;
  bodyName: string;
  organizationName: string | null;
  seal: SealRow | null;
}

/**
 * Every meeting that is adjusted (or archived) or has a seal, optionally of one organisation, in the
 * order body, date.
 */
export async function listMeetingsToVerify(db: Database, options: { organizationId?: string | null } = {}): Promise<MeetingToVerify[]> {
  const conditions: SQL[] = [or(inArray(meetings.status, ['adjusted', 'archived']), sql`${minutesSeals.meetingId} is not null`)!];
  if (options.organizationId) conditions.push(eq(organizations.id, options.organizationId));
  const rows = await db
    .select({
      meetingId: meetings.id,
      status: meetings.status,
      heldOn: meetings.heldOn,
      numberInYear: meetings.numberInYear,
      bodyName: bodies.name,
      organizationName: organizations.name,
      seal: minutesSeals,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .leftJoin(minutesSeals, eq(minutesSeals.meetingId, meetings.id))
    .where(and(...conditions))
    .orderBy(asc(bodies.name), asc(meetings.heldOn), asc(meetings.id));
  return rows;
}

/** Names of meetings by id (body, date, number), for naming the meeting an audit entry is about. */
export async function listMeetingNames(db: Database, meetingIds: string[]): Promise<Omit<MeetingToVerify, 'seal' | 'status'>[]> {
  if (meetingIds.length === 0) return [];
  return db
    .select({ meetingId: meetings.id, heldOn: meetings.heldOn, numberInYear: meetings.numberInYear, bodyName: bodies.name, organizationName: organizations.name })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(inArray(meetings.id, meetingIds));
}

/**
 * Adjusted (or archived) meetings never sealed, with the file to seal: the signed document, or the
 * imported original when it is a PDF.
 */
export async function listUnsealedAdjustedMeetings(db: Database): Promise<{ meetingId: string; fileId: string | null }[]> {
  const rows = await db
    .select({ meetingId: meetings.id, signedFileId: meetings.signedFileId, sourceFileId: meetings.sourceFileId, sourceType: files.contentType })
    .from(meetings)
    .leftJoin(minutesSeals, eq(minutesSeals.meetingId, meetings.id))
    .leftJoin(files, eq(files.id, meetings.sourceFileId))
    .where(
      and(
        inArray(meetings.status, ['adjusted', 'archived']),
        isNull(minutesSeals.meetingId),
        // A meeting whose seal was removed behind the application's back is not sealed again: verify reports it.
        sql`not exists (select 1 from audit_events e where e.entity_type = 'meeting' and e.entity_id = ${meetings.id} and e.kind = 'minutes.sealed')`,
      ),
    )
    .orderBy(asc(meetings.createdAt), asc(meetings.id));
  return rows.map((r) => ({ meetingId: r.meetingId, fileId: r.signedFileId ?? (r.sourceType === 'application/pdf' ? r.sourceFileId : null) }));
}

/** One version of a protocol PDF this installation made: finalised, after a signature, or sealed. */
export interface ProtocolVersionRow {
  meetingId: string;
  sha256: string;
  kind: 'finalised' | 'signed' | 'sealed';
}

/** The protocol versions whose SHA-256 is one of `hashes` (for recognising a PDF given to verify, issue 16). */
export async function findProtocolVersionsBySha256(db: Database, hashes: string[]): Promise<ProtocolVersionRow[]> {
  if (hashes.length === 0) return [];
  const [sealed, signed, finalised] = await Promise.all([
    db.select({ meetingId: minutesSeals.meetingId, sha256: minutesSeals.fileSha256 }).from(minutesSeals).where(inArray(minutesSeals.fileSha256, hashes)),
    db.select({ meetingId: signatures.meetingId, sha256: signatures.fileSha256 }).from(signatures).where(inArray(signatures.fileSha256, hashes)),
    db.select({ meetingId: meetings.id, sha256: meetings.minutesSha256 }).from(meetings).where(inArray(meetings.minutesSha256, hashes)),
  ]);
  const tag = (kind: ProtocolVersionRow['kind']) => (row: { meetingId: string; sha256: string | null }) => (row.sha256 ? [{ meetingId: row.meetingId, sha256: row.sha256, kind }] : []);
  return [...sealed.flatMap(tag('sealed')), ...signed.flatMap(tag('signed')), ...finalised.flatMap(tag('finalised'))];
}
