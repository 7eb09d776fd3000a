/** Queries for the e-archive delivery: a year's meetings of an organisation, and a meeting's audit trail. */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from './database.ts';
import { auditEvents, bodies, meetings, persons, users } from './schema.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** The meetings of an organisation's bodies held in a year, with the body's name, by body and date. */
export async function listMeetingsOfOrganizationYear(db: Database, organizationId: string, year: number) {
  const rows = await db
    .select({ meeting: meetings, bodyName: bodies.name, decisionMaking: bodies.decisionMaking })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(eq(bodies.organizationId, organizationId), eq(meetings.year, year)))
    .orderBy(asc(bodies.name), asc(meetings.heldOn), asc(meetings.startTime), asc(meetings.id));
  return rows;
}

/** Every audit event about a meeting (as its entity, or naming it in its data, as an import does), in log order. */
export async function listAuditEventsOfMeeting(db: Database, meetingId: string): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(or(and(eq(auditEvents.entityType, 'meeting'), eq(auditEvents.entityId, meetingId)), sql`${auditEvents.data}->>'meetingId' = ${meetingId}`))
    .orderBy(asc(auditEvents.seq));
}

/** Names of the users and persons with these ids (audit actors are either). */
export async function findActorNames(db: Database, ids: string[]): Promise<Map<string, { name: string; kind: 'user' | 'person' }>> {
  const uuids = [...new Set(ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)))];
  const names = new Map<string, { name: string; kind: 'user' | 'person' }>();
  if (uuids.length === 0) return names;
  for (const row of await db.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, uuids))) names.set(row.id, { name: row.name, kind: 'person' });
  for (const row of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, uuids))) names.set(row.id, { name: row.name, kind: 'user' });
  return names;
}
