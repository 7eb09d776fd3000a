/**
 * Read queries for what the public may see: notices on the board, the archive of adjusted minutes by
 * organisation, body and year, and single §§. Only meetings whose minutes are adjusted or archived are
 * ever returned; confidentiality of §§ is returned so that the service can mask them.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';
import { notHeld } from './privacy.store.ts';
import { bodies, meetings, notices, organizations, paragraphs } from './schema.ts';

/** Statuses whose minutes are public: justerat, arkiverat. */
export const PUBLIC_MEETING_STATUSES = ['adjusted', 'archived'] as const;

// Minutes on hold (a personnummer neither masked nor reviewed, issue 17) are not public yet.
const isPublic = and(inArray(meetings.status, [...PUBLIC_MEETING_STATUSES]), notHeld)!;

/** A posted notice of adjusted minutes with the meeting, body and organisation it belongs to. */
export interface PostedNoticeRow {
  meetingId: string;
  heldOn: string | null;
  minutesKind: string;
  paragraphFirst: number | null;
  paragraphLast: number | null;
  adjustedOn: string | null;
  bodyId: string;
  bodyName: string;
  bodyKind: string;
  decisionMaking: boolean;
  organizationId: string | null;
  organizationName: string | null;
  organizationType: string | null;
  latestPostingOn: string | null;
  postedOn: string;
  postedUntilOn: string | null;
  lastAppealOn: string | null;
  takeDownOn: string | null;
  storage: string | null;
}

/** Notices posted between `fromOn` and `toOn` (inclusive) of public minutes, newest first (the service orders bodies of a day). */
export async function listPostedNotices(db: Database, range: { fromOn: string; toOn: string }): Promise<PostedNoticeRow[]> {
  const rows = await db
    .select({
      meetingId: meetings.id,
      heldOn: meetings.heldOn,
      minutesKind: meetings.minutesKind,
      paragraphFirst: meetings.paragraphFirst,
      paragraphLast: meetings.paragraphLast,
      adjustedOn: meetings.adjustedOn,
      bodyId: bodies.id,
      bodyName: bodies.name,
      bodyKind: bodies.bodyKind,
      decisionMaking: bodies.decisionMaking,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationType: organizations.organizationType,
      latestPostingOn: notices.latestPostingOn,
      postedOn: notices.postedOn,
      postedUntilOn: notices.postedUntilOn,
      lastAppealOn: notices.lastAppealOn,
      takeDownOn: notices.takeDownOn,
      storage: notices.storage,
    })
    .from(notices)
    .innerJoin(meetings, eq(meetings.id, notices.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(isPublic, isNotNull(notices.postedOn), gte(notices.postedOn, range.fromOn), lte(notices.postedOn, range.toOn)))
    .orderBy(desc(notices.postedOn));
  return rows.map((r) => ({ ...r, postedOn: r.postedOn! }));
}

/** One body's public meetings counted per year, with its organisation. */
export interface ArchiveYearRow {
  organizationId: string | null;
  organizationName: string | null;
  bodyId: string;
  bodyName: string;
  year: number | null;
  meetingCount: number;
}

/** Every body with public minutes and the years they cover. */
export async function listArchiveYears(db: Database): Promise<ArchiveYearRow[]> {
  return queryRows<ArchiveYearRow>(
    db,
    sql`select o.id as "organizationId", o.name as "organizationName", b.id as "bodyId", b.name as "bodyName",
               m.year as "year", count(*)::int as "meetingCount"
        from ${meetings} m join ${bodies} b on b.id = m.body_id left join ${organizations} o on o.id = b.organization_id
        where m.status in ('adjusted', 'archived') and not exists (select 1 from publication_holds h where h.meeting_id = m.id)
        group by o.id, o.name, b.id, b.name, m.year`,
  );
}

/** A body with its organisation, for headings and breadcrumbs. */
export interface BodyWithOrganizationRow {
  bodyId: string;
  bodyName: string;
  bodyKind: string;
  decisionMaking: boolean;
  organizationId: string | null;
  organizationName: string | null;
  organizationType: string | null;
  minutesStorage: string | null;
}

export async function findBodyWithOrganization(db: Database, bodyId: string): Promise<BodyWithOrganizationRow | null> {
  const rows = await db
    .select({
      bodyId: bodies.id,
      bodyName: bodies.name,
      bodyKind: bodies.bodyKind,
      decisionMaking: bodies.decisionMaking,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationType: organizations.organizationType,
      minutesStorage: organizations.minutesStorage,
    })
    .from(bodies)
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(bodies.id, bodyId))
    .limit(1);
  return rows[0] ?? null;
}

/** A public meeting as listed in the archive. */
export interface PublicMeetingRow {
  id: string;
  bodyId: string;
  heldOn: string | null;
  year: number | null;
  numberInYear: number | null;
  startTime: string | null;
  endTime: string | null;
  location: string | null;
  minutesKind: string;
  status: string;
  paragraphFirst: number | null;
  paragraphLast: number | null;
  adjustedOn: string | null;
  /** The imported original the minutes were read from, if any. */
  sourceFileId: string | null;
}

const publicMeetingColumns = {
  id: meetings.id,
  bodyId: meetings.bodyId,
  heldOn: meetings.heldOn,
  year: meetings.year,
  numberInYear: meetings.numberInYear,
  startTime: meetings.startTime,
  endTime: meetings.endTime,
  location: meetings.location,
  minutesKind: meetings.minutesKind,
  status: meetings.status,
  paragraphFirst: meetings.paragraphFirst,
  paragraphLast: meetings.paragraphLast,
  adjustedOn: meetings.adjustedOn,
  sourceFileId: meetings.sourceFileId,
};

/** The public meetings of a body in a year (or every year), newest first. */
export async function listPublicMeetings(db: Database, where: { bodyId: string; year: number | null }): Promise<PublicMeetingRow[]> {
  return db
    .select(publicMeetingColumns)
    .from(meetings)
    .where(and(isPublic, eq(meetings.bodyId, where.bodyId), where.year === null ? undefined : eq(meetings.year, where.year)))
    .orderBy(desc(meetings.heldOn));
}

/** A meeting, only when its minutes are public. */
export async function findPublicMeeting(db: Database, meetingId: string): Promise<PublicMeetingRow | null> {
  const rows = await db.select(publicMeetingColumns).from(meetings).where(and(isPublic, eq(meetings.id, meetingId))).limit(1);
  return rows[0] ?? null;
}

/** The stored notice of a meeting. */
export async function findNoticeOfMeeting(db: Database, meetingId: string): Promise<typeof notices.$inferSelect | null> {
  const rows = await db.select().from(notices).where(eq(notices.meetingId, meetingId)).limit(1);
  return rows[0] ?? null;
}

/** The §§ of a meeting in document order, with their ids and confidentiality. */
export interface ParagraphKeyRow {
  id: string;
  meetingId: string;
  position: number;
  number: number | null;
  title: string;
  confidential: boolean;
  confidentialReason: string | null;
}

const paragraphKeyColumns = {
  id: paragraphs.id,
  meetingId: paragraphs.meetingId,
  position: paragraphs.position,
  number: paragraphs.number,
  title: paragraphs.title,
  confidential: paragraphs.confidential,
  confidentialReason: paragraphs.confidentialReason,
};

export async function listParagraphKeys(db: Database, meetingId: string): Promise<ParagraphKeyRow[]> {
  return db.select(paragraphKeyColumns).from(paragraphs).where(eq(paragraphs.meetingId, meetingId)).orderBy(asc(paragraphs.position));
}

/** A § of a public meeting; confidential §§ are returned so the caller decides (they answer "not found"). */
export async function findPublicParagraph(db: Database, paragraphId: string): Promise<ParagraphKeyRow | null> {
  const rows = await db
    .select(paragraphKeyColumns)
    .from(paragraphs)
    .innerJoin(meetings, eq(meetings.id, paragraphs.meetingId))
    .where(and(isPublic, eq(paragraphs.id, paragraphId)))
    .limit(1);
  return rows[0] ?? null;
}

/** The id of § `number` of a body's year, when its meeting is public. */
export async function findPublicParagraphByNumber(
  db: Database,
  where: { bodyId: string; year: number; number: number },
): Promise<ParagraphKeyRow | null> {
  const rows = await db
    .select(paragraphKeyColumns)
    .from(paragraphs)
    .innerJoin(meetings, eq(meetings.id, paragraphs.meetingId))
    .where(and(isPublic, eq(paragraphs.bodyId, where.bodyId), eq(paragraphs.year, where.year), eq(paragraphs.number, where.number)))
    .limit(1);
  return rows[0] ?? null;
}

/** What the secretary's § form shows beside the minutes: the förslag till beslut and whether the § was adjusted at the meeting. */
export interface ParagraphDraftRow {
  id: string;
  proposal: string | null;
  adjustedImmediately: boolean;
}

export async function listParagraphDraftFields(db: Database, meetingId: string): Promise<ParagraphDraftRow[]> {
  return db
    .select({ id: paragraphs.id, proposal: paragraphs.proposal, adjustedImmediately: paragraphs.adjustedImmediately })
    .from(paragraphs)
    .where(eq(paragraphs.meetingId, meetingId))
    .orderBy(asc(paragraphs.position));
}
