/**
 * One-time signing links (issue 16): when minutes are finalised, every pending signer with an e-mail
 * address is mailed. A signer with an account gets a link to the signing page; a signer without one gets
 * a personal link that works once and until the justering deadline. The link proves the mailbox, not the
 * person, so it still asks for authentication: through the identity provider (prompt=login, the signing
 * acr) when OpenID Connect is configured, or else a password the signer chooses there. That first sign-in
 * creates the person's account (linked by personId) and counts as the step-up signing asks for.
 *
 * Only the SHA-256 of a token is stored. The routes (web/pages/signing-link.pages.ts) only translate:
 * every check is here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { addDays, adjustmentDeadline, todayInSweden } from '../domain/legal-dates.ts';
import { InputError, NotFoundError } from '../errors.ts';
import {
  appendAuditEvent,
  enqueueMessage,
  findMeetingById,
  findPersonById,
  findSigningLinkByHash,
  inTransaction,
  insertSigningLink,
  markSigningLinkUsed,
  setSigningLinkUser,
  type Database,
  type SigningLinkRow,
} from '../storage/index.ts';
import { findBodyById, findOrganizationById } from '../storage/registers.store.ts';
import { findUserByEmail, findUserByIdentity, findUserByPersonId, insertIdentity, insertUser } from '../storage/accounts.store.ts';
import { listSignatures } from '../storage/meeting-cycle.store.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, type Account } from './accounts.service.ts';
import { signingRequested, type MailLanguage } from './mail/templates.ts';

/** How long a link lives when the justering deadline has passed already (minutes finalised late). */
export const SIGNING_LINK_FALLBACK_DAYS = 14;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The first instant after the Swedish calendar day `date` (midnight in Europe/Stockholm). */
function endOfSwedishDay(date: string): Date {
  const next = addDays(date, 1);
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = new Date(`${next}T00:00:00${offset}`);
    if (todayInSweden(candidate) === next && todayInSweden(new Date(candidate.getTime() - 1)) === date) return candidate;
  }
  return new Date(`${next}T00:00:00+01:00`);
}

/** When a link sent `now` for a meeting held on `heldOn` stops working. */
export function signingLinkExpiry(heldOn: string, now: Date): Date {
  const deadline = endOfSwedishDay(adjustmentDeadline(heldOn));
  return deadline > now ? deadline : new Date(now.getTime() + SIGNING_LINK_FALLBACK_DAYS * 86_400_000);
}

/**
 * Writes the `signing_requested` mail of every pending signer with an address (their account's, else
 * the register's), in the finalising transaction. Each message has a key (meeting, person, version of the minutes), so it goes once per
 * finalising; a link is stored only when its message was written.
 */
export async function queueSigningRequests(
  tx: Database,
  input: {
    meeting: { id: string; heldOn: string };
    bodyName: string;
    organization: { id: string; name: string } | null;
    version: number;
    signers: { personId: string | null; name: string | null }[];
    publicUrl: string;
    mailDomain: string;
    now: Date;
    actor: string | null;
  },
): Promise<{ queued: number; links: number; withoutAddress: string[] }> {
  const result = { queued: 0, links: 0, withoutAddress: [] as string[] };
  const base = input.publicUrl.replace(/\/+$/u, '');
  const deadline = adjustmentDeadline(input.meeting.heldOn);
  const meetingRef = { bodyName: input.bodyName, organizationName: input.organization?.name ?? null, heldOn: input.meeting.heldOn };
  for (const signer of input.signers) {
    if (!signer.personId) continue;
    const person = await findPersonById(tx, signer.personId);
    const user = person ? await findUserByPersonId(tx, person.id) : null;
    // As the reminders: the account's address, else the register's.
    const email = (user && !user.disabledAt ? user.email : person?.email)?.trim();
    if (!person || !email) {
      result.withoutAddress.push(signer.name ?? person?.name ?? '');
      continue;
    }
    const language: MailLanguage = user?.language === 'en' ? 'en' : 'sv';
    const token = user ? null : randomBytes(32).toString('base64url');
    const expiresAt = signingLinkExpiry(input.meeting.heldOn, input.now);
    const content = signingRequested(language, {
      meeting: meetingRef,
      deadline,
      url: token ? `${base}/att-justera/lank/${token}` : `${base}/att-justera/${input.meeting.id}`,
      oneTimeLink: token ? { expires: todayInSweden(new Date(expiresAt.getTime() - 1)) } : null,
    });
    const written = await enqueueMessage(tx, {
      kind: 'signing_requested',
      recipientAddress: email,
      recipientName: person.name,
      language,
      subject: content.subject,
      textBody: content.text,
      htmlBody: content.html,
      organizationId: input.organization?.id ?? null,
      meetingId: input.meeting.id,
      personId: person.id,
      dedupeKey: `signing_requested:${input.meeting.id}:${person.id}:v${input.version}`,
      messageIdDomain: input.mailDomain,
    });
    if (!written) continue;
    result.queued += 1;
    if (token) {
      const link = await insertSigningLink(tx, { tokenSha256: sha256(token), meetingId: input.meeting.id, personId: person.id, approvalVersion: input.version, expiresAt, createdAt: input.now });
      await appendAuditEvent(tx, {
        kind: 'signing_link.issued',
        entityType: 'signing_link',
        entityId: link.id,
        actor: input.actor,
        data: { meetingId: input.meeting.id, personId: person.id, version: input.version, expiresAt: expiresAt.toISOString(), outboxId: written.id },
      });
      result.links += 1;
    }
  }
  return result;
}

/** Why a link no longer works; each is answered 410 with "ask the secretary". */
export type SigningLinkGone = 'used' | 'expired' | 'closed';

/** What opening a link shows: who it is for and which minutes, and whether the person has an account since. */
export interface OpenSigningLink {
  status: 'valid';
  linkId: string;
  meetingId: string;
  person: { id: string; name: string; email: string };
  role: string;
  meeting: { bodyName: string; organizationName: string | null; heldOn: string | null };
  /** The person has an account by now (made another way): they sign in with it instead. */
  hasAccount: boolean;
}

export type SigningLinkLookup = { status: 'unknown' } | { status: 'gone'; reason: SigningLinkGone } | OpenSigningLink;

const TOKEN = /^[A-Za-z0-9_-]{43}$/u;

/** Looks a token up and checks everything: unknown (404), gone (410: used, expired, or nothing left to sign), or valid. */
export async function findSigningLink(db: Database, token: string, now: Date): Promise<SigningLinkLookup> {
  if (!TOKEN.test(token)) return { status: 'unknown' };
  const link = await findSigningLinkByHash(db, sha256(token));
  if (!link) return { status: 'unknown' };
  return describe(db, link, now);
}

async function describe(db: Database, link: SigningLinkRow, now: Date): Promise<SigningLinkLookup> {
  if (link.usedAt) return { status: 'gone', reason: 'used' };
  if (link.expiresAt <= now) return { status: 'gone', reason: 'expired' };
  const meeting = await findMeetingById(db, link.meetingId);
  const approval = (meeting?.approval ?? null) as { version?: number } | null;
  const signature = meeting ? (await listSignatures(db, meeting.id)).find((s) => s.personId === link.personId && s.status === 'pending') : undefined;
  const person = await findPersonById(db, link.personId);
  // The minutes were sent back and finalised again (a new version, with new links), adjusted, or the person signed.
  if (!meeting || meeting.status !== 'finalised' || approval?.version !== link.approvalVersion || !signature || !person?.email) {
    return { status: 'gone', reason: 'closed' };
  }
  const body = await findBodyById(db, meeting.bodyId);
  const organization = body?.organizationId ? await findOrganizationById(db, body.organizationId) : null;
  return {
    status: 'valid',
    linkId: link.id,
    meetingId: meeting.id,
    person: { id: person.id, name: person.name, email: person.email.trim() },
    role: signature.role,
    meeting: { bodyName: body?.name ?? '', organizationName: organization?.name ?? null, heldOn: meeting.heldOn },
    hasAccount: (await findUserByPersonId(db, person.id)) !== null,
  };
}

/** The link cannot be used (any more): the routes answer 404 for `unknown`, 410 for the others. */
export class SigningLinkUnusable extends NotFoundError {
  constructor(readonly reason: 'unknown' | SigningLinkGone) {
    super('signing_link_unusable', `the signing link cannot be used: ${reason}`, { reason });
  }
}

/** The valid link, locked for this transaction's redemption, or SigningLinkUnusable. */
async function requireValid(tx: Database, token: string, now: Date): Promise<OpenSigningLink> {
  const found = await findSigningLink(tx, token, now);
  if (found.status === 'unknown') throw new SigningLinkUnusable('unknown');
  if (found.status === 'gone') throw new SigningLinkUnusable(found.reason);
  // An account made since (by an administrator, or through another link): sign in with it, not with this link.
  if (found.hasAccount) throw new SigningLinkUnusable('closed');
  return found;
}

async function createAccountThroughLink(
  tx: Database,
  link: OpenSigningLink,
  input: { passwordHash: string | null; now: Date; method: 'password' | 'oidc'; identity?: { issuer: string; subject: string } },
): Promise<{ account: Account; meetingId: string }> {
  // Used first: two requests with the same link, and the one that came second finds it used and creates nothing.
  if (!(await markSigningLinkUsed(tx, link.linkId, input.now))) throw new SigningLinkUnusable('used');
  if (await findUserByEmail(tx, link.person.email)) {
    // Another account has this address: who is who is for the secretary to sort out, not for a link.
    throw new InputError({ path: 'email', code: 'email_taken', message: `a user with ${link.person.email} exists; ask the secretary` });
  }
  const user = await insertUser(tx, { email: link.person.email, name: link.person.name, passwordHash: input.passwordHash, personId: link.person.id, isAdministrator: false, language: 'sv' });
  if (input.identity) await insertIdentity(tx, { userId: user.id, issuer: input.identity.issuer, subject: input.identity.subject });
  await setSigningLinkUser(tx, link.linkId, user.id);
  await appendAuditEvent(tx, { kind: 'user.created', entityType: 'user', entityId: user.id, actor: 'system', data: { isAdministrator: false, through: 'signing_link', signingLinkId: link.linkId, personId: link.person.id } });
  await appendAuditEvent(tx, {
    kind: 'signing_link.used',
    entityType: 'signing_link',
    entityId: link.linkId,
    actor: user.id,
    data: { meetingId: link.meetingId, personId: link.person.id, userId: user.id, method: input.method, ...(input.identity ? { issuer: input.identity.issuer, subject: input.identity.subject } : {}) },
  });
  return {
    account: { id: user.id, email: user.email, name: user.name, personId: user.personId, isAdministrator: false, language: user.language === 'en' ? 'en' : 'sv', disabled: false },
    meetingId: link.meetingId,
  };
}

/**
 * Without OpenID Connect: the signer chooses a password (as long as any the accounts service accepts),
 * which creates their account; the caller starts a password session now, which is the step-up.
 */
export async function redeemSigningLinkWithPassword(db: Database, input: { token: string; password: string; now: Date }): Promise<{ account: Account; meetingId: string }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new InputError({ path: 'password', code: 'password_too_short', message: `at least ${MIN_PASSWORD_LENGTH} characters` });
  }
  // Check before the (slow) hash, and again inside the transaction.
  await inTransaction(db, (tx) => requireValid(tx, input.token, input.now));
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => createAccountThroughLink(tx, await requireValid(tx, input.token, input.now), { passwordHash, now: input.now, method: 'password' }));
}

/**
 * With OpenID Connect: the provider vouched for a fresh login (the caller checked state, nonce, max_age);
 * with a signing acr configured it must be that level. The identity (issuer, subject) is recorded on the
 * new account, which has no password. An identity already linked to someone else is refused.
 */
export async function redeemSigningLinkWithIdentity(
  db: Database,
  input: { token: string; issuer: string; subject: string; acr: string | null; requiredAcr: string | null; now: Date },
): Promise<{ account: Account; meetingId: string }> {
  return inTransaction(db, async (tx) => {
    const link = await requireValid(tx, input.token, input.now);
    if (input.requiredAcr && input.acr !== input.requiredAcr) {
      throw new InputError({ path: 'acr', code: 'assurance_too_low', message: `the identity provider must vouch for ${input.requiredAcr}` });
    }
    if (await findUserByIdentity(tx, input.issuer, input.subject)) {
      throw new InputError({ path: 'identity', code: 'identity_taken', message: 'this identity belongs to another account; ask the secretary' });
    }
    return createAccountThroughLink(tx, link, { passwordHash: null, now: input.now, method: 'oidc', identity: { issuer: input.issuer, subject: input.subject } });
  });
}
