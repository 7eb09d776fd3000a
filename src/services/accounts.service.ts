/**
 * Use cases for accounts: local users with argon2id passwords, sessions, roles per organisation and body,
 * OpenID Connect identities, and what a signed-in user may do (the viewer's rights). Chair, adjuster and
 * member rights also come from the registers: the mandates of the person a user is, and the meetings
 * where that person is a named adjuster or signer.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';
import { todayInSweden } from '../domain/legal-dates.ts';
import { ForbiddenError, InputError, NotFoundError, type Problem } from '../errors.ts';
import { appendAuditEvent, inTransaction, type Database } from '../storage/index.ts';
import {
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  deleteUserRole,
  findBodyScope,
  findLiveApiToken,
  findLiveSession,
  findMeetingScope,
  findUserByEmail,
  findUserById,
  findUserByIdentity,
  findUserRole,
  insertApiToken,
  insertIdentity,
  insertSession,
  insertUser,
  insertUserRole,
  listApiTokenRows,
  listPersonMandates,
  listOrganizationsOfPerson,
  listPersonsWithBodies,
  listSignatoryMeetingIds,
  listUserRoles,
  listUsers,
  revokeApiTokenRow,
  touchApiToken,
  updateUser,
  type UserRoleWithNames,
  type UserRow,
} from '../storage/accounts.store.ts';

/** The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for more). */
export const MIN_PASSWORD_LENGTH = 12;
/** How long a session lives after sign-in. */
export const SESSION_HOURS = 12;

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Roles that can be granted per organisation or body. */
/** The name of the session cookie, shared by the web pages and the API. */
export const SESSION_COOKIE = 'protokoll_session';

export const grantableRoles = ['administrator', 'secretary', 'member'] as const;
export type GrantableRole = (typeof grantableRoles)[number];

/** A user as the web sees it, without the password hash. */
export interface Account {
  id: string;
  email: string;
  name: string;
  personId: string | null;
  isAdministrator: boolean;
  language: 'sv' | 'en';
  disabled: boolean;
}

/** How and when the user of a session last proved who they are (sign-in or step-up). */
export interface SessionAuthentication {
  method: 'password' | 'oidc';
  at: Date;
  /** With OpenID Connect: the identity provider, its subject for the user, and the acr (assurance level) it vouched. */
  issuer: string | null;
  subject: string | null;
  acr: string | null;
}

/** The signed-in user and every right they hold. */
export interface Viewer extends Account {
  roles: { role: GrantableRole; organizationId: string | null; bodyId: string | null }[];
  /** Mandates of the linked person that are in force. */
  mandates: { bodyId: string; organizationId: string | null; role: string }[];
  /** Meetings where the linked person is a named adjuster or has a signature line. */
  signatoryMeetingIds: string[];
  /** The sign-in of the session this viewer came with; absent for API tokens and for viewers loaded by id. */
  authentication?: SessionAuthentication;
}

function toAccount(row: UserRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    personId: row.personId,
    isAdministrator: row.isAdministrator,
    language: row.language === 'en' ? 'en' : 'sv',
    disabled: row.disabledAt !== null,
  };
}

/** The argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates a local user; every problem with the input is reported with its field. */
export async function createUser(
  db: Database,
  input: { email: string; name: string; password?: string | null; personId?: string | null; isAdministrator?: boolean; language?: 'sv' | 'en' },
  by: AccountActor = 'system',
): Promise<Account> {
  // A system administrator account reaches every organisation: only a system administrator makes one.
  if (input.isAdministrator) requireAdministratorOf(by, null);
  if (input.personId) {
    const organizations = await listOrganizationsOfPerson(db, input.personId);
    if (organizations.length === 0) requireAdministratorOf(by, null);
    for (const organizationId of organizations) requireAdministratorOf(by, organizationId);
  }
  const email = input.email.trim();
  const name = input.name.trim();
  const problems: Problem[] = [];
  if (!email) problems.push({ path: 'email', code: 'required', message: 'an email address is needed' });
  else if (!EMAIL.test(email)) problems.push({ path: 'email', code: 'invalid_email', message: `not an email address: ${email}` });
  if (!name) problems.push({ path: 'name', code: 'required', message: 'a name is needed' });
  if (input.password !== undefined && input.password !== null && input.password.length < MIN_PASSWORD_LENGTH) {
    problems.push({ path: 'password', code: 'password_too_short', message: `at least ${MIN_PASSWORD_LENGTH} characters` });
  }
  if (email && EMAIL.test(email) && (await findUserByEmail(db, email))) {
    problems.push({ path: 'email', code: 'email_taken', message: `a user with ${email} exists` });
  }
  if (problems.length) throw new InputError(problems);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const row = await inTransaction(db, async (tx) => {
    const inserted = await insertUser(tx, {
      email,
      name,
      passwordHash,
      personId: input.personId ?? null,
      isAdministrator: input.isAdministrator ?? false,
      language: input.language ?? 'sv',
    });
    await appendAuditEvent(tx, { kind: 'user.created', entityType: 'user', entityId: inserted.id, actor: by === 'system' ? 'system' : by.id, data: { isAdministrator: inserted.isAdministrator } });
    return inserted;
  });
  return toAccount(row);
}

/**
 * On the first start, when there are no users: creates an administrator with a generated password and
 * prints how to sign in. Returns the credentials, or null when users exist already.
 */
export async function ensureFirstAdministrator(
  db: Database,
  options: { email?: string; password?: string; print?: (text: string) => void } = {},
): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const email = options.email ?? 'admin@protokoll.local';
  const password = options.password ?? randomBytes(12).toString('base64url');
  await createUser(db, { email, name: 'Administratör', password, isAdministrator: true });
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  print(`Första administratören är skapad. Logga in med e-post ${email} och lösenord ${password}\n`);
  print('(First administrator created: sign in with the email and password above and change the password.)\n');
  return { email, password };
}

// A hash of a random password, verified against when the email is unknown, so timing does not tell.
let dummyHash: Promise<string> | null = null;

/** The user whose email and password match, or null. Disabled users and users without a password never match. */
export async function authenticate(db: Database, input: { email: string; password: string }): Promise<Account | null> {
  const user = await findUserByEmail(db, input.email.trim());
  if (!user || !user.passwordHash || user.disabledAt) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, input.password).catch(() => false);
    return null;
  }
  const ok = await argon2.verify(user.passwordHash, input.password).catch(() => false);
  return ok ? toAccount(user) : null;
}

/** Changes a user's password. */
export async function setPassword(db: Database, input: { userId: string; password: string }): Promise<void> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new InputError({ path: 'password', code: 'password_too_short', message: `at least ${MIN_PASSWORD_LENGTH} characters` });
  }
  await updateUser(db, input.userId, { passwordHash: await hashPassword(input.password) });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Starts a session: the token goes in the cookie; the database keeps only its SHA-256, and how the user
 * signed in (`authentication`; a password sign-in now, by default), which signing asks to be recent.
 */
export async function startSession(
  db: Database,
  input: { userId: string; now?: Date; authentication?: Partial<SessionAuthentication> },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const authentication = input.authentication ?? {};
  await deleteExpiredSessions(db, now);
  await insertSession(db, {
    id: sha256(token),
    userId: input.userId,
    csrfToken,
    expiresAt,
    authenticatedAt: authentication.at ?? now,
    authenticationMethod: authentication.method ?? 'password',
    identityIssuer: authentication.issuer ?? null,
    identitySubject: authentication.subject ?? null,
    assuranceLevel: authentication.acr ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/** The viewer and CSRF token of a live session, or null when the token is unknown, expired or the user disabled. */
export async function resumeSession(db: Database, input: { token: string; now?: Date }): Promise<{ viewer: Viewer; csrfToken: string } | null> {
  const found = await findLiveSession(db, sha256(input.token), input.now ?? new Date());
  if (!found || found.user.disabledAt) return null;
  const { session } = found;
  const authentication: SessionAuthentication = {
    method: session.authenticationMethod === 'oidc' ? 'oidc' : 'password',
    at: session.authenticatedAt,
    issuer: session.identityIssuer,
    subject: session.identitySubject,
    acr: session.assuranceLevel,
  };
  return { viewer: { ...(await viewerOf(db, found.user, input.now ?? new Date())), authentication }, csrfToken: session.csrfToken };
}

/** Ends a session (sign-out). */
export async function endSession(db: Database, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}

/** Whether two secrets are equal, in constant time. */
export function secretsMatch(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function viewerOf(db: Database, user: UserRow, now: Date): Promise<Viewer> {
  const today = todayInSweden(now);
  const [roles, mandates, signatoryMeetingIds] = await Promise.all([
    listUserRoles(db, [user.id]),
    user.personId ? listPersonMandates(db, user.personId) : Promise.resolve([]),
    user.personId ? listSignatoryMeetingIds(db, user.personId) : Promise.resolve([]),
  ]);
  return {
    ...toAccount(user),
    roles: roles.map((r) => ({ role: r.role as GrantableRole, organizationId: r.organizationId, bodyId: r.bodyId })),
    mandates: mandates
      .filter((m) => (!m.startsOn || m.startsOn <= today) && (!m.endsOn || m.endsOn >= today))
      .map((m) => ({ bodyId: m.bodyId, organizationId: m.organizationId, role: m.role })),
    signatoryMeetingIds,
  };
}

/** Reloads the viewer of a user (after a change of roles). */
export async function getViewer(db: Database, userId: string): Promise<Viewer> {
  const user = await findUserById(db, userId);
  if (!user) throw new NotFoundError('user_not_found', `no user ${userId}`, { userId });
  return viewerOf(db, user, new Date());
}

/** Where a right applies: an organisation, or one body of it. */
export interface Scope {
  organizationId: string | null;
  bodyId?: string | null;
}

function hasRole(viewer: Viewer, roles: readonly GrantableRole[], scope: Scope): boolean {
  return viewer.roles.some(
    (r) =>
      roles.includes(r.role) &&
      ((r.bodyId === null && r.organizationId === null) ||
        (r.bodyId === null && r.organizationId !== null && r.organizationId === scope.organizationId) ||
        (r.bodyId !== null && r.bodyId === scope.bodyId)),
  );
}

/** Administrators manage accounts, organisations and bodies. */
export function canAdminister(viewer: Viewer | null, scope?: Scope): boolean {
  if (!viewer) return false;
  if (viewer.isAdministrator) return true;
  return scope ? hasRole(viewer, ['administrator'], scope) : viewer.roles.some((r) => r.role === 'administrator');
}

/** Secretaries plan meetings, take and finalise minutes for the bodies in their scope. */
export function canActAsSecretary(viewer: Viewer | null, scope?: Scope): boolean {
  if (!viewer) return false;
  if (canAdminister(viewer, scope)) return true;
  return scope ? hasRole(viewer, ['secretary'], scope) : viewer.roles.some((r) => r.role === 'secretary');
}

/** Members (by role or by a mandate in the body) read agendas, documents and draft minutes of their bodies. */
export function canReadAsMember(viewer: Viewer | null, scope: Scope): boolean {
  if (!viewer) return false;
  if (canActAsSecretary(viewer, scope) || hasRole(viewer, ['member'], scope)) return true;
  return viewer.mandates.some((m) => m.bodyId === scope.bodyId);
}

/**
 * The follow-up registers of an organisation are internal: read by system administrators and by users
 * with a role (administrator, secretary or member) in the organisation or in the body an entry belongs
 * to. A role granted with no organisation or body applies everywhere, as elsewhere.
 */
export function canReadRegisters(viewer: Viewer | null, scope: Scope): boolean {
  if (!viewer) return false;
  if (viewer.isAdministrator) return true;
  return viewer.roles.some(
    (r) =>
      (r.organizationId === null && r.bodyId === null) ||
      (scope.organizationId !== null && r.organizationId === scope.organizationId) ||
      (r.bodyId !== null && r.bodyId === scope.bodyId),
  );
}

/** Refuses unless the viewer may read the registers of the scope's organisation. */
export function requireRegisterReader(viewer: Viewer | null, scope: Scope): void {
  if (!canReadRegisters(viewer, scope)) {
    throw new ForbiddenError('not_in_organization', 'only users with a role in the organisation may read its follow-up registers', {
      organizationId: scope.organizationId,
    });
  }
}

/**
 * Refuses unless the viewer keeps the registers of the scope: a secretary or administrator of its
 * organisation (or of the entry's body, for assignments and delegated decisions), or a system administrator.
 */
export function requireRegisterKeeper(viewer: Viewer | null, scope: Scope): void {
  if (!canActAsSecretary(viewer, scope)) {
    throw new ForbiddenError('not_secretary', 'only a secretary or an administrator of the organisation may change its follow-up registers', {
      organizationId: scope.organizationId,
    });
  }
}

/** The organisation of a body, as the scope of a right; null when there is no such body. */
export async function scopeOfBody(db: Database, bodyId: string): Promise<Required<Scope> | null> {
  return findBodyScope(db, bodyId);
}

/** The chair of a body by mandate. */
export function isChairOf(viewer: Viewer | null, bodyId: string): boolean {
  return Boolean(viewer?.mandates.some((m) => m.bodyId === bodyId && m.role === 'chair'));
}

/** Refuses unless the viewer may act as secretary for the meeting's body. */
export async function requireSecretaryOfMeeting(db: Database, viewer: Viewer | null, meetingId: string): Promise<void> {
  const scope = await findMeetingScope(db, meetingId);
  if (!scope) throw new NotFoundError('meeting_not_found', `no meeting ${meetingId}`, { meetingId });
  if (!canActAsSecretary(viewer, scope)) throw new ForbiddenError('not_secretary', 'only the secretary of the body may do this', { meetingId });
}

/** Refuses unless the viewer may act as secretary for the body. */
export async function requireSecretaryOfBody(db: Database, viewer: Viewer | null, bodyId: string): Promise<void> {
  const scope = await findBodyScope(db, bodyId);
  if (!scope) throw new NotFoundError('body_not_found', `no body ${bodyId}`, { bodyId });
  if (!canActAsSecretary(viewer, scope)) throw new ForbiddenError('not_secretary', 'only the secretary of the body may do this', { bodyId });
}

/** Refuses unless the viewer may read the meeting's unpublished documents (members, signers, secretaries). */
export async function requireMemberOfMeeting(db: Database, viewer: Viewer | null, meetingId: string): Promise<{ bodyId: string; organizationId: string | null; status: string }> {
  const scope = await findMeetingScope(db, meetingId);
  if (!scope) throw new NotFoundError('meeting_not_found', `no meeting ${meetingId}`, { meetingId });
  if (!(canReadAsMember(viewer, scope) || viewer?.signatoryMeetingIds.includes(meetingId) || (viewer && isChairOf(viewer, scope.bodyId)))) {
    // To someone outside the body an unpublished meeting does not exist.
    throw new NotFoundError('meeting_not_found', `no meeting ${meetingId}`, { meetingId });
  }
  return scope;
}

/** A user with their roles, for the administration page. */
export interface AccountWithRoles extends Account {
  roles: UserRoleWithNames[];
}

const swedishOrder = new Intl.Collator('sv');

/** Every user with their roles, sorted by name. */
export async function listAccounts(db: Database): Promise<AccountWithRoles[]> {
  const rows = await listUsers(db);
  const roles = await listUserRoles(db, rows.map((r) => r.id));
  return rows
    .map((row) => ({ ...toAccount(row), roles: roles.filter((r) => r.userId === row.id) }))
    .sort((a, b) => swedishOrder.compare(a.name, b.name));
}

/**
 * Who acts on accounts and roles: a signed-in viewer, or the system itself (the first start, the demo,
 * the CLI). A viewer's rights are checked by each use case below, whatever route called it.
 */
export type AccountActor = Viewer | 'system';

/** A system administrator: the account flag, or the administrator role granted with no organisation. */
export function isSystemAdministrator(viewer: Viewer): boolean {
  return viewer.isAdministrator || viewer.roles.some((r) => r.role === 'administrator' && r.organizationId === null && r.bodyId === null);
}

/**
 * Refuses unless `by` administers the organisation: an administrator of another organisation may not
 * reach into this one, and only a system administrator acts where no organisation is named.
 */
function requireAdministratorOf(by: AccountActor, organizationId: string | null): void {
  if (by === 'system' || isSystemAdministrator(by)) return;
  if (organizationId !== null && canAdminister(by, { organizationId })) return;
  throw new ForbiddenError(
    organizationId === null ? 'not_system_administrator' : 'not_administrator_of_organization',
    organizationId === null ? 'only a system administrator may do this' : 'only an administrator of the organisation may do this',
    { organizationId },
  );
}

/** Grants a role in an organisation or a body (or everywhere, when neither is given: system administrators only). */
export async function grantRole(db: Database, input: { userId: string; role: string; organizationId?: string | null; bodyId?: string | null }, by: AccountActor): Promise<void> {
  const problems: Problem[] = [];
  if (!(grantableRoles as readonly string[]).includes(input.role)) problems.push({ path: 'role', code: 'invalid_role', message: `unknown role ${input.role}` });
  if (!(await findUserById(db, input.userId))) problems.push({ path: 'userId', code: 'unknown_user', message: `no user ${input.userId}` });
  let organizationId = input.organizationId ?? null;
  if (input.bodyId) {
    const scope = await findBodyScope(db, input.bodyId);
    if (!scope) problems.push({ path: 'bodyId', code: 'unknown_body', message: `no body ${input.bodyId}` });
    else organizationId = scope.organizationId;
  }
  if (problems.length) throw new InputError(problems);
  requireAdministratorOf(by, organizationId);
  await inTransaction(db, async (tx) => {
    const row = await insertUserRole(tx, { userId: input.userId, role: input.role, organizationId, bodyId: input.bodyId ?? null });
    await appendAuditEvent(tx, { kind: 'role.granted', entityType: 'user', entityId: input.userId, actor: by === 'system' ? 'system' : by.id, data: { roleId: row.id, role: input.role, organizationId, bodyId: input.bodyId ?? null } });
  });
}

/** Removes one granted role; only an administrator of the role's organisation (or a system administrator). */
export async function revokeRole(db: Database, roleId: string, by: AccountActor): Promise<void> {
  const role = await findUserRole(db, roleId);
  if (!role) throw new NotFoundError('role_not_found', `no role ${roleId}`);
  requireAdministratorOf(by, role.organizationId);
  await inTransaction(db, async (tx) => {
    await deleteUserRole(tx, roleId);
    await appendAuditEvent(tx, { kind: 'role.revoked', entityType: 'user', entityId: role.userId, actor: by === 'system' ? 'system' : by.id, data: { roleId, role: role.role, organizationId: role.organizationId, bodyId: role.bodyId } });
  });
}

/**
 * Links a user to a person of the registers (their mandates then give chair and member rights). A person
 * with mandates carries rights in those organisations, so only someone who administers all of them (the
 * person's now and the one linked before, and those the account has roles in) may link or unlink.
 */
export async function linkUserToPerson(db: Database, input: { userId: string; personId: string | null }, by: AccountActor): Promise<void> {
  const user = await findUserById(db, input.userId);
  if (!user) throw new NotFoundError('user_not_found', `no user ${input.userId}`);
  // The account itself belongs to the organisations it has roles in: another organisation's administrator keeps out (issue 23).
  for (const role of await listUserRoles(db, [user.id])) {
    const organizationId = role.organizationId ?? (role.bodyId ? ((await findBodyScope(db, role.bodyId))?.organizationId ?? null) : null);
    requireAdministratorOf(by, organizationId);
  }
  for (const personId of [input.personId, user.personId]) {
    if (!personId) continue;
    const organizations = await listOrganizationsOfPerson(db, personId);
    if (organizations.length === 0) requireAdministratorOf(by, null);
    for (const organizationId of organizations) requireAdministratorOf(by, organizationId);
  }
  await updateUser(db, input.userId, { personId: input.personId });
}

/** Persons a user can be linked to, with the bodies they sit in, sorted by name. */
export async function listLinkablePersons(db: Database): Promise<{ id: string; name: string; email: string | null; bodyNames: string[] }[]> {
  return (await listPersonsWithBodies(db)).sort((a, b) => swedishOrder.compare(a.name, b.name));
}

/**
 * The user of an OpenID Connect identity: the one linked to (issuer, subject), or else the one with the
 * same verified email, which is then linked. Nobody is created: administrators decide who has an account.
 */
export async function accountForIdentity(
  db: Database,
  identity: { issuer: string; subject: string; email?: string | null; emailVerified?: boolean },
): Promise<Account | null> {
  const linked = await findUserByIdentity(db, identity.issuer, identity.subject);
  if (linked) return linked.disabledAt ? null : toAccount(linked);
  if (!identity.email || identity.emailVerified !== true) return null;
  const user = await findUserByEmail(db, identity.email);
  if (!user || user.disabledAt) return null;
  await insertIdentity(db, { userId: user.id, issuer: identity.issuer, subject: identity.subject });
  return toAccount(user);
}

/** API tokens start with this, so a bearer token tells which kind it is without a second query. */
const API_TOKEN_PREFIX = 'pk_';

/** A long-lived API token as listed: never the token itself, which is shown once at creation. */
export interface ApiTokenSummary {
  id: string;
  userId: string;
  email: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Creates a long-lived API token for an integration acting as the user with `email`. Returns the token
 * once; the database keeps only its SHA-256. `expiresOn` (YYYY-MM-DD) is the last day it works (UTC).
 */
export async function createApiToken(
  db: Database,
  input: { email: string; name: string; expiresOn?: string | null; actor: string; now?: Date },
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const now = input.now ?? new Date();
  const name = input.name.trim();
  const problems: Problem[] = [];
  const user = await findUserByEmail(db, input.email.trim());
  if (!user) problems.push({ path: 'email', code: 'user_not_found', message: `no user with the email ${input.email}` });
  else if (user.disabledAt) problems.push({ path: 'email', code: 'user_disabled', message: `the user ${input.email} is disabled` });
  if (!name) problems.push({ path: 'name', code: 'required', message: 'a name for the token is needed (what uses it)' });
  else if (name.length > 200) problems.push({ path: 'name', code: 'too_long', message: 'at most 200 characters' });
  let expiresAt: Date | null = null;
  if (input.expiresOn) {
    expiresAt = /^\d{4}-\d{2}-\d{2}$/.test(input.expiresOn) ? new Date(`${input.expiresOn}T23:59:59.999Z`) : new Date(Number.NaN);
    if (Number.isNaN(expiresAt.getTime())) problems.push({ path: 'expires', code: 'invalid_date', message: `not a date YYYY-MM-DD: ${input.expiresOn}` });
    else if (expiresAt <= now) problems.push({ path: 'expires', code: 'date_in_past', message: `${input.expiresOn} has passed` });
  }
  if (problems.length || !user) throw new InputError(problems);
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await inTransaction(db, async (tx) => {
    const inserted = await insertApiToken(tx, { userId: user.id, name, tokenHash: sha256(token), expiresAt, createdAt: now });
    await appendAuditEvent(tx, { kind: 'api_token.created', entityType: 'api_token', entityId: inserted.id, actor: input.actor, data: { userId: user.id, name, expiresAt } });
    return inserted;
  });
  return { id: row.id, token, expiresAt };
}

/** The API tokens, of one user (by email) or of all; never the tokens themselves. */
export async function listApiTokens(db: Database, input: { email?: string } = {}): Promise<ApiTokenSummary[]> {
  let userId: string | undefined;
  if (input.email) {
    const user = await findUserByEmail(db, input.email.trim());
    if (!user) throw new InputError({ path: 'email', code: 'user_not_found', message: `no user with the email ${input.email}` });
    userId = user.id;
  }
  const rows = await listApiTokenRows(db, userId);
  return rows.map((r) => ({ id: r.id, userId: r.userId, email: r.email, name: r.name, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, expiresAt: r.expiresAt, revokedAt: r.revokedAt }));
}

/** Revokes an API token: from now on it is refused (401). Revoking twice keeps the first time. */
export async function revokeApiToken(db: Database, input: { id: string; actor: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.id)) {
    throw new InputError({ path: 'id', code: 'invalid_id', message: `not a token id: ${input.id}` });
  }
  await inTransaction(db, async (tx) => {
    const row = await revokeApiTokenRow(tx, input.id, now);
    if (!row) throw new NotFoundError('api_token_not_found', `no API token ${input.id}`, { id: input.id });
    await appendAuditEvent(tx, { kind: 'api_token.revoked', entityType: 'api_token', entityId: row.id, actor: input.actor, data: { userId: row.userId, name: row.name } });
  });
}

/**
 * The viewer behind an `Authorization: Bearer` token: an API token (revocable, maybe expiring) or a
 * session started through the API or the web. Null when unknown, revoked, expired or the user disabled.
 */
export async function resumeBearer(db: Database, input: { token: string; now?: Date }): Promise<Viewer | null> {
  const now = input.now ?? new Date();
  if (!input.token.startsWith(API_TOKEN_PREFIX)) return (await resumeSession(db, { token: input.token, now }))?.viewer ?? null;
  const found = await findLiveApiToken(db, sha256(input.token), now);
  if (!found || found.user.disabledAt) return null;
  await touchApiToken(db, found.token.id, now);
  return viewerOf(db, found.user, now);
}
