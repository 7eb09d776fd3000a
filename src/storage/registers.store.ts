/**
 * Queries for the registers: organisations, bodies, persons, mandates and cases.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';
import { attendance, bodies, cases, mandates, organizations, persons } from './schema.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type BodyRow = typeof bodies.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type MandateRow = typeof mandates.$inferSelect;

export async function findOrganizationByName(db: Database, name: string): Promise<OrganizationRow | null> {
  const rows = await db.select().from(organizations).where(eq(organizations.name, name)).limit(1);
  return rows[0] ?? null;
}

export async function findOrganizationById(db: Database, id: string): Promise<OrganizationRow | null> {
  const rows = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function insertOrganization(
  db: Database,
  values: typeof organizations.$inferInsert,
): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  return row!;
}

export async function listOrganizations(db: Database): Promise<OrganizationRow[]> {
  return db.select().from(organizations);
}

export async function findBody(db: Database, organizationId: string | null, name: string): Promise<BodyRow | null> {
  const owner = organizationId ? eq(bodies.organizationId, organizationId) : isNull(bodies.organizationId);
  const rows = await db.select().from(bodies).where(and(owner, eq(bodies.name, name))).limit(1);
  return rows[0] ?? null;
}

export async function findBodyById(db: Database, id: string): Promise<BodyRow | null> {
  const rows = await db.select().from(bodies).where(eq(bodies.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function insertBody(db: Database, values: typeof bodies.$inferInsert): Promise<BodyRow> {
  const [row] = await db.insert(bodies).values(values).returning();
  return row!;
}

export async function listBodies(db: Database, organizationId?: string): Promise<BodyRow[]> {
  const query = db.select().from(bodies);
  return organizationId ? query.where(eq(bodies.organizationId, organizationId)) : query;
}

/**
 * Finds a person by exact name among those already known in the body's organisation (through a
 * mandate or an attendance in one of its bodies), so that two people of the same name in different
 * organisations are not merged.
 */
export async function findPersonInOrganization(
  db: Database,
  organizationId: string | null,
  name: string,
): Promise<PersonRow | null> {
  const bodyScope = organizationId
    ? sql`b.organization_id = ${organizationId}`
    : sql`b.organization_id is null`;
  const matches = await queryRows<{ id: string }>(db, sql`
    select p.id from ${persons} p
    where p.name = ${name} and (
      exists (select 1 from ${mandates} m join ${bodies} b on b.id = m.body_id where m.person_id = p.id and ${bodyScope})
      or exists (select 1 from ${attendance} a join meetings mt on mt.id = a.meeting_id join ${bodies} b on b.id = mt.body_id
                 where a.person_id = p.id and ${bodyScope}))
    order by p.created_at limit 1`);
  const id = matches[0]?.id;
  if (!id) return null;
  const rows = await db.select().from(persons).where(eq(persons.id, id));
  return rows[0] ?? null;
}

export async function insertPerson(db: Database, values: typeof persons.$inferInsert): Promise<PersonRow> {
  const [row] = await db.insert(persons).values(values).returning();
  return row!;
}

export async function findPersonById(db: Database, id: string): Promise<PersonRow | null> {
  const rows = await db.select().from(persons).where(eq(persons.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findMandate(
  db: Database,
  where: { personId: string; bodyId: string; role: string },
): Promise<MandateRow | null> {
  const rows = await db
    .select()
    .from(mandates)
    .where(and(eq(mandates.personId, where.personId), eq(mandates.bodyId, where.bodyId), eq(mandates.role, where.role)))
    .limit(1);
  return rows[0] ?? null;
}

/** Stretches a mandate's term so that it covers `onDate` (open ends stay open). */
export async function widenMandateTerm(db: Database, mandate: MandateRow, onDate: string): Promise<void> {
  const startsOn = mandate.startsOn !== null && mandate.startsOn > onDate ? onDate : mandate.startsOn;
  const endsOn = mandate.endsOn !== null && mandate.endsOn < onDate ? onDate : mandate.endsOn;
  if (startsOn !== mandate.startsOn || endsOn !== mandate.endsOn) {
    await db.update(mandates).set({ startsOn, endsOn }).where(eq(mandates.id, mandate.id));
  }
}

export async function insertMandate(db: Database, values: typeof mandates.$inferInsert): Promise<MandateRow> {
  const [row] = await db.insert(mandates).values(values).returning();
  return row!;
}

export interface MandateWithPerson extends MandateRow {
  personName: string;
}

export async function listMandates(db: Database, bodyId: string): Promise<MandateWithPerson[]> {
  const rows = await db
    .select({ mandate: mandates, personName: persons.name })
    .from(mandates)
    .innerJoin(persons, eq(persons.id, mandates.personId))
    .where(eq(mandates.bodyId, bodyId))
    .orderBy(asc(mandates.role), asc(mandates.substituteRank));
  return rows.map((r) => ({ ...r.mandate, personName: r.personName }));
}

export async function findOrInsertCase(
  db: Database,
  values: { organizationId: string | null; caseNumber: string; title?: string | null },
): Promise<string> {
  const owner = values.organizationId ? eq(cases.organizationId, values.organizationId) : isNull(cases.organizationId);
  const existing = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(owner, eq(cases.caseNumber, values.caseNumber)))
    .limit(1);
  if (existing[0]) return existing[0].id;
  const [row] = await db
    .insert(cases)
    .values({ organizationId: values.organizationId, caseNumber: values.caseNumber, title: values.title ?? null })
    .returning({ id: cases.id });
  return row!.id;
}
