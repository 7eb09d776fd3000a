/**
 * Bevakningar: a user's e-mail watches on a body or a search, and the public facts the watch mail is made
 * of (bodies the public may know of, minutes adjusted since a moment, a meeting's public §§).
 */
import { and, asc, eq, gt, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Database } from './database.ts';
import { bodies, meetings, minutesSeals, organizations, paragraphs, users, watches } from './schema.ts';
import { notHeld } from './privacy.store.ts';

export type WatchRow = typeof watches.$inferSelect;

/** A watch with the names it is shown by. */
export interface WatchView extends WatchRow {
  bodyName: string | null;
  organizationName: string | null;
}

const viewColumns = {
  id: watches.id,
  userId: watches.userId,
  bodyId: watches.bodyId,
  query: watches.query,
  unsubscribeToken: watches.unsubscribeToken,
  createdAt: watches.createdAt,
  bodyName: bodies.name,
  organizationName: organizations.name,
};

/** Writes a watch; null when the user already watches that body or that search (any letter case). */
export async function insertWatch(db: Database, watch: { userId: string; bodyId: string | null; query: string | null; unsubscribeToken: string }): Promise<WatchRow | null> {
  const rows = await db.insert(watches).values(watch).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function listWatchesOfUser(db: Database, userId: string): Promise<WatchView[]> {
  return db
    .select(viewColumns)
    .from(watches)
    .leftJoin(bodies, eq(bodies.id, watches.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(watches.userId, userId))
    .orderBy(asc(watches.createdAt));
}

export async function findWatchById(db: Database, id: string): Promise<WatchView | null> {
  const rows = await db
    .select(viewColumns)
    .from(watches)
    .leftJoin(bodies, eq(bodies.id, watches.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(watches.id, id));
  return rows[0] ?? null;
}

export async function findWatchByToken(db: Database, token: string): Promise<WatchView | null> {
  const rows = await db
    .select(viewColumns)
    .from(watches)
    .leftJoin(bodies, eq(bodies.id, watches.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(eq(watches.unsubscribeToken, token));
  return rows[0] ?? null;
}

export async function deleteWatch(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(watches).where(eq(watches.id, id)).returning({ id: watches.id });
  return rows.length > 0;
}

/** Every watch of an account that is not disabled, with the address and language its mail goes to. */
export async function listActiveWatches(db: Database): Promise<(WatchView & { email: string; userName: string; language: string })[]> {
  return db
    .select({ ...viewColumns, email: users.email, userName: users.name, language: users.language })
    .from(watches)
    .innerJoin(users, eq(users.id, watches.userId))
    .leftJoin(bodies, eq(bodies.id, watches.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(sql`${users.disabledAt} is null`)
    .orderBy(asc(watches.createdAt));
}

/** Meetings the public may know of: announced (kallelse sent) or with adjusted minutes. */
const publicMeeting = or(isNotNull(meetings.convenedAt), inArray(meetings.status, ['convened', 'held', 'finalised', 'adjusted', 'archived']));

/** Bodies with at least one meeting the public may know of: those that can be watched. */
export async function listPublicBodies(db: Database): Promise<{ id: string; name: string; organizationName: string | null }[]> {
  return db
    .selectDistinct({ id: bodies.id, name: bodies.name, organizationName: organizations.name })
    .from(bodies)
    .innerJoin(meetings, eq(meetings.bodyId, bodies.id))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(publicMeeting)
    .orderBy(asc(organizations.name), asc(bodies.name));
}

export async function isPublicBody(db: Database, bodyId: string): Promise<boolean> {
  const rows = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.bodyId, bodyId), publicMeeting)).limit(1);
  return rows.length > 0;
}

/** A meeting whose minutes were adjusted (sealed) after a moment: public from then on. */
export interface AdjustedMeetingRow {
  id: string;
  bodyId: string;
  bodyName: string;
  organizationName: string | null;
  heldOn: string | null;
  adjustedAt: Date;
}

/** Adjusted or archived minutes sealed after `since`, oldest first; of one body when given. */
export async function listMinutesAdjustedSince(db: Database, options: { since: Date; bodyId?: string }): Promise<AdjustedMeetingRow[]> {
  return db
    .select({ id: meetings.id, bodyId: bodies.id, bodyName: bodies.name, organizationName: organizations.name, heldOn: meetings.heldOn, adjustedAt: minutesSeals.sealedAt })
    .from(meetings)
    .innerJoin(minutesSeals, eq(minutesSeals.meetingId, meetings.id))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(organizations, eq(organizations.id, bodies.organizationId))
    .where(and(inArray(meetings.status, ['adjusted', 'archived']), notHeld, gt(minutesSeals.sealedAt, options.since), options.bodyId ? eq(meetings.bodyId, options.bodyId) : undefined))
    .orderBy(asc(minutesSeals.sealedAt));
}

/** The §§ of a meeting the public may read, in order: never a confidential one (its title may say what is secret). */
export async function listPublicParagraphTitles(db: Database, meetingId: string): Promise<{ id: string; number: number | null; title: string }[]> {
  return db
    .select({ id: paragraphs.id, number: paragraphs.number, title: paragraphs.title })
    .from(paragraphs)
    .where(and(eq(paragraphs.meetingId, meetingId), eq(paragraphs.confidential, false)))
    .orderBy(asc(paragraphs.position));
}
