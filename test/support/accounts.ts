/** Test users with live sessions, made straight in the database (the sign-in flow has its own tests). */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/storage/database.ts';
import { sessions, userRoles, users } from '../../src/storage/schema.ts';
import { sessionIdOf } from '../../src/services/session.service.ts';

export interface TestUser {
  userId: string;
  token: string;
  /** Headers that authenticate a request as this user. */
  headers: { authorization: string };
}

export async function buildUser(
  db: Database,
  input: { name: string; personId?: string | null; isAdministrator?: boolean; roles?: { role: string; organizationId?: string | null; bodyId?: string | null }[] },
): Promise<TestUser> {
  const email = `${input.name.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomBytes(3).toString('hex')}@example.test`;
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name, personId: input.personId ?? null, isAdministrator: input.isAdministrator ?? false })
    .returning({ id: users.id });
  for (const role of input.roles ?? []) {
    await db.insert(userRoles).values({ userId: user!.id, role: role.role, organizationId: role.organizationId ?? null, bodyId: role.bodyId ?? null });
  }
  const token = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({ id: sessionIdOf(token), userId: user!.id, csrfToken: randomBytes(8).toString('hex'), expiresAt: new Date(Date.now() + 3_600_000) });
  return { userId: user!.id, token, headers: { authorization: `Bearer ${token}` } };
}
