/**
 * Queries for accounts: users, their roles per organisation and body, sessions and OpenID Connect
 * identities, and the mandates and signature lines that give a user rights through the person they are.
 */
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';
import { adjusters, apiTokens, bodies, mandates, meetings, organizations, persons, sessions, signatures, userIdentities, userRoles, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type UserRoleRow = typeof userRoles.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function countUsers(db: Database): Promise<number> {
  const rows = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from ${users}`);
  return Number(rows[0]?.count ?? 0);
}

export async function insertUser(db: Database, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/** The (first) user linked to a person of the registers, or null: whether a signer has an account. */
export async function findUserByPersonId(db: Database, personId: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.personId, personId)).orderBy(asc(users.createdAt)).limit(1);
  return rows[0] ?? null;
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listUsers(db: Database): Promise<UserRow[]> {
  return db.select().from(users);
}

export async function updateUser(
  db: Database,
  id: string,
  values: Partial<Pick<UserRow, 'name' | 'passwordHash' | 'personId' | 'isAdministrator' | 'language' | 'disabledAt'>>,
): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, id));
}

/** A role with the names of its organisation and body. */
export interface UserRoleWithNames extends UserRoleRow {
  organizationName: string | null;
  bodyName: string | null;
}

export async function listUserRoles(db: Database, userIds: string[]): Promise<UserRoleWithNames[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ role: userRoles, organizationName: organizations.name, bodyName: bodies.name })
    .from(userRoles)
    .leftJoin(organizations, eq(organizations.id, userRoles.organizationId))
    .leftJoin(bodies, eq(bodies.id, userRoles.bodyId))
    .where(inArray(userRoles.userId, userIds));
  return rows.map((r) => ({ ...r.role, organizationName: r.organizationName, bodyName: r.bodyName }));
}

export async function insertUserRole(db: Database, values: typeof userRoles.$inferInsert): Promise<UserRoleRow> {
  const [row] = await db.insert(userRoles).values(values).returning();
  return row!;
}

export async function deleteUserRole(db: Database, id: string): Promise<void> {
  await db.delete(userRoles).where(eq(userRoles.id, id));
}

export async function insertSession(db: Database, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** A live session (not expired at `now`) with its user. */
export async function findLiveSession(db: Database, id: string, now: Date): Promise<{ session: SessionRow; user: UserRow } | null> {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function findUserByIdentity(db: Database, issuer: string, subject: string): Promise<UserRow | null> {
  const rows = await db
    .select({ user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    .limit(1);
  return rows[0]?.user ?? null;
}

export async function insertIdentity(db: Database, values: typeof userIdentities.$inferInsert): Promise<void> {
  await db.insert(userIdentities).values(values);
}

/** A mandate of a person with the body's organisation: the basis of member and chair rights. */
export interface PersonMandateRow {
  bodyId: string;
  organizationId: string | null;
  role: string;
  startsOn: string | null;
  endsOn: string | null;
}

export async function listPersonMandates(db: Database, personId: string): Promise<PersonMandateRow[]> {
  return db
    .select({
      bodyId: mandates.bodyId,
      organizationId: bodies.organizationId,
      role: mandates.role,
      startsOn: mandates.startsOn,
      endsOn: mandates.endsOn,
    })
    .from(mandates)
    .innerJoin(bodies, eq(bodies.id, mandates.bodyId))
    .where(eq(mandates.personId, personId));
}

/** Meetings where the person is a named adjuster or has a signature line. */
export async function listSignatoryMeetingIds(db: Database, personId: string): Promise<string[]> {
  const [adjusting, signing] = await Promise.all([
    db.select({ meetingId: adjusters.meetingId }).from(adjusters).where(eq(adjusters.personId, personId)),
    db.select({ meetingId: signatures.meetingId }).from(signatures).where(eq(signatures.personId, personId)),
  ]);
  return [...new Set([...adjusting, ...signing].map((r) => r.meetingId))];
}

/** Persons that a user may be linked to, with the bodies they hold mandates in. */
export async function listPersonsWithBodies(db: Database): Promise<{ id: string; name: string; email: string | null; bodyNames: string[] }[]> {
  const rows = await db
    .select({ id: persons.id, name: persons.name, email: persons.email, bodyName: bodies.name })
    .from(persons)
    .leftJoin(mandates, eq(mandates.personId, persons.id))
    .leftJoin(bodies, eq(bodies.id, mandates.bodyId))
    .orderBy(asc(persons.name));
  const byId = new Map<string, { id: string; name: string; email: string | null; bodyNames: string[] }>();
  for (const row of rows) {
    const person = byId.get(row.id) ?? { id: row.id, name: row.name, email: row.email, bodyNames: [] };
    if (row.bodyName && !person.bodyNames.includes(row.bodyName)) person.bodyNames.push(row.bodyName);
    byId.set(row.id, person);
  }
  return [...byId.values()];
}

/** The body and organisation ids of a meeting, for access checks. */
export async function findMeetingScope(db: Database, meetingId: string): Promise<{ bodyId: string; organizationId: string | null; status: string } | null> {
  const rows = await db
    .select({ bodyId: meetings.bodyId, organizationId: bodies.organizationId, status: meetings.status })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, meetingId))
    .limit(1);
  return rows[0] ?? null;
}

/** The organisation of a body, for access checks. */
export async function findBodyScope(db: Database, bodyId: string): Promise<{ bodyId: string; organizationId: string | null } | null> {
  const rows = await db.select({ bodyId: bodies.id, organizationId: bodies.organizationId }).from(bodies).where(eq(bodies.id, bodyId)).limit(1);
  return rows[0] ?? null;
}

/** One granted role, or null. */
export async function findUserRole(db: Database, id: string): Promise<UserRoleRow | null> {
  const [row] = await db.select().from(userRoles).where(eq(userRoles.id, id));
  return row ?? null;
}

/** The organisations a person holds mandates in (through the bodies), whatever the dates. */
export async function listOrganizationsOfPerson(db: Database, personId: string): Promise<(string | null)[]> {
  const rows = await db
    .selectDistinct({ organizationId: bodies.organizationId })
    .from(mandates)
    .innerJoin(bodies, eq(bodies.id, mandates.bodyId))
    .where(eq(mandates.personId, personId));
  return rows.map((r) => r.organizationId);
}
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(db: Database, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** A token neither revoked nor expired at `now`, with its user. */
export async function findLiveApiToken(db: Database, tokenHash: string, now: Date): Promise<{ token: ApiTokenRow; user: UserRow } | null> {
  const rows = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .limit(1);
  return rows[0] ?? null;
}

/** Records a token's use, at most once a minute, so that a busy integration does not write on every call. */
export async function touchApiToken(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
}

export async function listApiTokenRows(db: Database, userId?: string): Promise<(ApiTokenRow & { email: string })[]> {
  const rows = await db
    .select({ token: apiTokens, email: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId ? eq(apiTokens.userId, userId) : undefined)
    .orderBy(asc(apiTokens.createdAt));
  return rows.map((r) => ({ ...r.token, email: r.email }));
}

/** Marks a token revoked (once); null when there is no such token. */
export async function revokeApiTokenRow(db: Database, id: string, now: Date): Promise<ApiTokenRow | null> {
  const [row] = await db.update(apiTokens).set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now})` }).where(eq(apiTokens.id, id)).returning();
  return row ?? null;
}
