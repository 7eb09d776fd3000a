/**
 * Read queries for the public subscriptions: meetings whose kallelse has gone out (the calendar, with
 * cancellations), and the newest adjusted minutes (the protocol feed).
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import type { Database } from './database.ts';
import { bodies, meetings, organizations, paragraphs } from './schema.ts';
import { notHeld } from './privacy.store.ts';

/** A meeting as the calendar shows it. */
export interface CalendarMeetingRow {
  id: string;
  heldOn: string | null;
  startTime: string | null;
  endTime: string | null;
  location: string | null;
  remote: boolean | null;
  status: string;
  adjustedOn: string | null;
  paragraphFirst: number | null;
  paragraphLast: number | null;
  minutesKind: string;
  convenedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  bodyId: string;
  bodyName: string;
  organizationId: string | null;
  organizationName: string | null;
}

const calendarColumns = {
  id: meetings.id,
  heldOn: meetings.heldOn,
  startTime: meetings.startTime,
  endTime: meetings.endTime,
  location: meetings.location,
  remote: meetings.remote,
  status: meetings.status,
  adjustedOn: meetings.adjustedOn,
  paragraphFirst: meetings.paragraphFirst,
  paragraphLast: meetings.paragraphLast,
  minutesKind: meetings.minutesKind,
  convenedAt: meetings.convenedAt,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
  bodyId: bodies.id,
  bodyName: bodies.name,
  organizationId: organizations.id,
  organizationName: organizations.name,
};

function scopeOf(scope: { organizationId?: string; bodyId?: string }): SQL | undefined {
  if (scope.bodyId) return eq(bodies.id, scope.bodyId);
  if (scope.organizationId) return eq(bodies.organizationId, scope.organizationId);
  return undefined;
}

/**
 * Meetings the public may know of: those whose kallelse has been sent (so also a cancelled one that was
 * announced), and imported or adjusted ones (their minutes are public). A planned meeting is not public yet.
 */
export async function listCalendarMeetings(db: Database, scope: { organizationId?: string; bodyId?: string; limit?: number }): Promise<CalendarMeetingRow[]> {
  const announced = or(isNotNull(meetings.convenedAt), inArray(meetings.status, ['convened', 'held', 'finalised', 'adjusted', 'archived']));
  return db
    .select(calendarColumns)
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(announced, isNotNull(meetings.heldOn), scopeOf(scope)))
    .orderBy(desc(meetings.heldOn))
    .limit(scope.limit ?? 500);
}

/** The newest adjusted minutes, newest justering first. */
export async function listRecentlyAdjusted(db: Database, scope: { organizationId?: string; bodyId?: string; limit?: number }): Promise<CalendarMeetingRow[]> {
  return db
    .select(calendarColumns)
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(inArray(meetings.status, ['adjusted', 'archived']), notHeld, scopeOf(scope)))
    .orderBy(desc(meetings.adjustedOn), desc(meetings.heldOn))
    .limit(scope.limit ?? 50);
}

/** An agenda item of an announced meeting, as the public may see it. */
export interface PublicAgendaItemRow {
  meetingId: string;
  position: number;
  number: number | null;
  title: string;
  confidential: boolean;
}

/** Meetings from `fromOn` whose kallelse has gone out and whose minutes are not yet adjusted, soonest first. */
export async function listUpcomingMeetings(db: Database, fromOn: string): Promise<CalendarMeetingRow[]> {
  return db
    .select(calendarColumns)
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(isNotNull(meetings.convenedAt), inArray(meetings.status, ['convened', 'held', 'cancelled']), gte(meetings.heldOn, fromOn)))
    .orderBy(asc(meetings.heldOn), asc(meetings.startTime))
    .limit(200);
}

/** The agenda items of the given meetings, in order. */
export async function listAgendaItems(db: Database, meetingIds: string[]): Promise<PublicAgendaItemRow[]> {
  if (meetingIds.length === 0) return [];
  return db
    .select({ meetingId: paragraphs.meetingId, position: paragraphs.position, number: paragraphs.number, title: paragraphs.title, confidential: paragraphs.confidential })
    .from(paragraphs)
    .where(inArray(paragraphs.meetingId, meetingIds))
    .orderBy(asc(paragraphs.meetingId), asc(paragraphs.position));
}
