/**
 * The outbox table: messages written in the caller's transaction, claimed by the worker, and marked as
 * they go. A claim commits `sending` before the SMTP conversation starts, so a worker that dies mid-send
 * leaves `sending` behind, which the next worker turns into `uncertain` instead of sending again.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { MailKind, OutboxStatus } from '../domain/mail.ts';
import type { Database } from './database.ts';
import { outboxMessages } from './schema.ts';

export type OutboxRow = typeof outboxMessages.$inferSelect;

export interface NewOutboxMessage {
  kind: MailKind;
  recipientAddress: string;
  recipientName?: string | null;
  language?: 'sv' | 'en';
  subject: string;
  textBody: string;
  htmlBody?: string | null;
  attachments?: { fileId: string; filename: string; contentType: string }[];
  organizationId?: string | null;
  meetingId?: string | null;
  personId?: string | null;
  dedupeKey?: string | null;
  /** Extra header lines, such as List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** The domain part of the Message-ID (the sender's domain). */
  messageIdDomain: string;
}

/** Writes a message to the outbox; with a dedupe key already used, writes nothing and returns null. */
export async function enqueueMessage(db: Database, message: NewOutboxMessage): Promise<OutboxRow | null> {
  const rows = await db
    .insert(outboxMessages)
    .values({
      kind: message.kind,
      recipientAddress: message.recipientAddress.trim(),
      recipientName: message.recipientName ?? null,
      language: message.language ?? 'sv',
      subject: message.subject,
      textBody: message.textBody,
      htmlBody: message.htmlBody ?? null,
      attachments: message.attachments ?? [],
      headers: message.headers ?? {},
      organizationId: message.organizationId ?? null,
      meetingId: message.meetingId ?? null,
      personId: message.personId ?? null,
      dedupeKey: message.dedupeKey ?? null,
      messageId: `<${randomUUID()}@${message.messageIdDomain}>`,
      // The worker compares with its own clock in whole milliseconds; the database's now() has
      // microseconds and could put a message written this millisecond just after "now".
      nextAttemptAt: new Date(),
    })
    .onConflictDoNothing()
    .returning();
  return rows[0] ?? null;
}

/** Marks the messages a dead worker left `sending` as `uncertain`; returns how many. */
export async function markAbandonedUncertain(db: Database, claimedBefore: Date): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'uncertain', lastError: 'the worker stopped while sending; it may or may not have arrived' })
    .where(and(eq(outboxMessages.status, 'sending'), lte(outboxMessages.claimedAt, claimedBefore)))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** Claims up to `limit` due messages: `pending` → `sending`, committed by the caller before sending. */
export async function claimDueMessages(db: Database, options: { now: Date; limit: number }): Promise<OutboxRow[]> {
  const due = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, options.now)))
    .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.createdAt))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  return db
    .update(outboxMessages)
    .set({ status: 'sending', claimedAt: options.now, attempts: sql`${outboxMessages.attempts} + 1` })
    .where(and(inArray(outboxMessages.id, due.map((d) => d.id)), eq(outboxMessages.status, 'pending')))
    .returning();
}

export async function markSent(db: Database, id: string, sentAt: Date): Promise<void> {
  await db.update(outboxMessages).set({ status: 'sent', sentAt, lastError: null }).where(eq(outboxMessages.id, id));
}

/** Back to `pending` for another attempt at `nextAttemptAt`, or `failed` for good. */
export async function markAttemptFailed(db: Database, id: string, options: { error: string; retryAt: Date | null }): Promise<void> {
  await db
    .update(outboxMessages)
    .set(options.retryAt ? { status: 'pending', nextAttemptAt: options.retryAt, lastError: options.error } : { status: 'failed', lastError: options.error })
    .where(eq(outboxMessages.id, id));
}

/** Puts an uncertain or failed message back in line, at the secretary's request. */
export async function requeueMessage(db: Database, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'pending', nextAttemptAt: now, lastError: null })
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['failed', 'uncertain'] satisfies OutboxStatus[])))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

export async function listMessagesOfMeeting(db: Database, meetingId: string): Promise<OutboxRow[]> {
  return db.select().from(outboxMessages).where(eq(outboxMessages.meetingId, meetingId)).orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.recipientName));
}

export async function findOutboxMessage(db: Database, id: string): Promise<OutboxRow | null> {
  const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return rows[0] ?? null;
}

/** The persons a message of one of these kinds about the meeting was written to (and not given up on). */
export async function listPersonsMailed(db: Database, meetingId: string, kinds: MailKind[]): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ personId: outboxMessages.personId })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.meetingId, meetingId), inArray(outboxMessages.kind, kinds), ne(outboxMessages.status, 'failed')));
  return new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])));
}
