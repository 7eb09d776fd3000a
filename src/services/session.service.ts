/**
 * Who is calling: resolves a session token (cookie or bearer) to the signed-in user, the person they
 * are in the registers, and their roles. Sessions are created by the accounts use cases; a session's id
 * is the SHA-256 of its token, so a stolen database does not hand out live sessions.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ForbiddenError } from '../errors.ts';
import { queryRows, type Database } from '../storage/index.ts';

/** The name of the session cookie. */
export const SESSION_COOKIE = 'protokoll_session';

/** A signed-in user as the use cases see them. */
export interface SignedInUser {
  userId: string;
  personId: string | null;
  name: string;
  isAdministrator: boolean;
  /** Roles per organisation or body: administrator, secretary, member. */
  roles: { role: string; organizationId: string | null; bodyId: string | null }[];
}

/** The SHA-256 of a session token, which is the session's id. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The user of a live session token, or null for an unknown or expired one. */
export async function userForSessionToken(db: Database, token: string, now: Date): Promise<SignedInUser | null> {
  const rows = await queryRows<{ user_id: string; person_id: string | null; name: string; is_administrator: boolean }>(
    db,
    sql`select u.id as user_id, u.person_id, u.name, u.is_administrator
        from sessions s join users u on u.id = s.user_id
        where s.id = ${sessionIdOf(token)} and s.expires_at > ${now.toISOString()} and u.disabled_at is null`,
  );
  const row = rows[0];
  if (!row) return null;
  const roles = await queryRows<{ role: string; organization_id: string | null; body_id: string | null }>(
    db,
    sql`select role, organization_id, body_id from user_roles where user_id = ${row.user_id}`,
  );
  return {
    userId: row.user_id,
    personId: row.person_id,
    name: row.name,
    isAdministrator: row.is_administrator,
    roles: roles.map((r) => ({ role: r.role, organizationId: r.organization_id, bodyId: r.body_id })),
  };
}

/**
 * Refuses unless the user may prepare and record the body's meetings: an administrator, or a secretary
 * (or organisation administrator) of the body or its organisation.
 */
export async function requireSecretaryOf(db: Database, user: SignedInUser, bodyId: string): Promise<void> {
  if (user.isAdministrator) return;
  const [body] = await queryRows<{ organization_id: string | null }>(db, sql`select organization_id from bodies where id = ${bodyId}`);
  const allowed = user.roles.some(
    (r) =>
      (r.role === 'secretary' || r.role === 'administrator') &&
      (r.bodyId === bodyId || (r.bodyId === null && r.organizationId !== null && r.organizationId === body?.organization_id)),
  );
  if (!allowed) throw new ForbiddenError('not_secretary', 'only the secretary or an administrator may do this for this body', { bodyId });
}

/** Refuses unless the user is an administrator. */
export function requireAdministrator(user: SignedInUser): void {
  if (!user.isAdministrator) throw new ForbiddenError('not_administrator', 'only an administrator may do this');
}
