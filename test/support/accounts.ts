/** Test users with live sessions, made through the accounts use cases. */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/storage/database.ts';
import { userRoles } from '../../src/storage/schema.ts';
import { createUser, startSession } from '../../src/services/accounts.service.ts';

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
  const user = await createUser(db, { email, name: input.name, password: randomBytes(12).toString('hex'), isAdministrator: input.isAdministrator ?? false, personId: input.personId ?? null });
  for (const role of input.roles ?? []) {
    await db.insert(userRoles).values({ userId: user.id, role: role.role, organizationId: role.organizationId ?? null, bodyId: role.bodyId ?? null });
  }
  const { token } = await startSession(db, { userId: user.id });
  return { userId: user.id, token, headers: { authorization: `Bearer ${token}` } };
}
