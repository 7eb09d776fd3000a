/**
 * Delivery of a meeting's mail, for its secretary: each message written about the meeting (kallelse,
 * changed kallelse, substitute calls) with its recipient, status, attempts and the server's last answer,
 * so that nothing fails silently; and putting a failed or uncertain message back in line.
 */
import { NotFoundError, RuleError } from '../errors.ts';
import type { OutboxStatus } from '../domain/mail.ts';
import { appendAuditEvent, findOutboxMessage, inTransaction, listMessagesOfMeeting, requeueMessage, type Database } from '../storage/index.ts';
import { requireSecretaryOfMeeting, type Viewer } from './accounts.service.ts';

export interface Delivery {
  id: string;
  kind: string;
  recipientName: string | null;
  recipientAddress: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  messageId: string;
}

/** Every message about the meeting, oldest first. The secretary of the body only. */
export async function listDeliveries(db: Database, viewer: Viewer | null, meetingId: string): Promise<Delivery[]> {
  await requireSecretaryOfMeeting(db, viewer, meetingId);
  const rows = await listMessagesOfMeeting(db, meetingId);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recipientName: r.recipientName,
    recipientAddress: r.recipientAddress,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    nextAttemptAt: r.nextAttemptAt,
    messageId: r.messageId,
  }));
}

/**
 * Sends a failed or uncertain message again, at the secretary's request. An uncertain one may already
 * have arrived: it keeps its Message-ID, so a mail program that got it twice can tell it is the same.
 */
export async function resendDelivery(db: Database, viewer: Viewer | null, input: { meetingId: string; outboxId: string; now?: Date }): Promise<void> {
  await requireSecretaryOfMeeting(db, viewer, input.meetingId);
  await inTransaction(db, async (tx) => {
    const message = await findOutboxMessage(tx, input.outboxId);
    // A message of another meeting does not exist here, whoever asks.
    if (!message || message.meetingId !== input.meetingId) throw new NotFoundError('message_not_found', `no message ${input.outboxId} in meeting ${input.meetingId}`);
    if (!(await requeueMessage(tx, message.id, input.now ?? new Date()))) {
      throw new RuleError('message_not_resendable', 'only a failed or uncertain message can be sent again', { status: message.status });
    }
    await appendAuditEvent(tx, { kind: 'mail.requeued', entityType: 'meeting', entityId: input.meetingId, actor: viewer?.id ?? null, data: { outboxId: message.id, status: message.status } });
  });
}
