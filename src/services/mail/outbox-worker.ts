/**
 * The outbox worker: sends what the use cases wrote to the outbox, after their transactions committed.
 * Each message is claimed (committed as `sending`) before the SMTP conversation and marked after it, so:
 * - a rolled-back action never sends (its message was never committed);
 * - a failure is retried with backoff (30 s, 2 min, 8 min … 6 h), and a 5xx refusal or an address that
 *   cannot be sent to fails at once, shown to the secretary with the server's answer;
 * - a worker killed mid-send leaves `sending`, which the next worker marks `uncertain` instead of sending
 *   again: nothing goes twice, nothing is lost silently (the secretary can resend it by hand).
 * Messages are claimed one at a time, so a crash leaves at most the one message in hand uncertain; the
 * rest of the queue is still `pending` and goes out normally after a restart.
 */
import { MAX_ATTEMPTS, isDeliverableAddress, isPermanentFailure, retryDelaySeconds } from '../../domain/mail.ts';
import {
  claimDueMessages,
  findFileById,
  inTransaction,
  markAbandonedUncertain,
  markAttemptFailed,
  markSent,
  readStoredFile,
  type DatabaseHandle,
  type OutboxRow,
} from '../../storage/index.ts';
import { PollingWorker } from '../polling-worker.ts';
import type { MailTransport } from './transport.ts';

/** A claim older than this belongs to a worker that died: no SMTP conversation takes ten minutes. */
const ABANDONED_AFTER_MS = 10 * 60_000;

export interface OutboxRunResult {
  sent: number;
  retried: number;
  failed: number;
  uncertain: number;
}

export class OutboxWorker extends PollingWorker<OutboxRunResult> {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly transport: MailTransport,
    private readonly options: {
      intervalMs?: number;
      now?: () => Date;
      onError?: (error: unknown) => void;
      /**
       * How old a `sending` claim must be before it counts as left by a dead worker (default ten
       * minutes, since on PostgreSQL another live worker may hold it). An embedded database is open in
       * one process only and this worker sends one round at a time, so a claim found before a round is a
       * dead process's: 0 there.
       */
      abandonedAfterMs?: number;
    } = {},
  ) {
    // Polls every 2 s unless told otherwise.
    super({ intervalMs: options.intervalMs ?? 2000, onError: options.onError });
  }

  /** One round: mark abandoned claims uncertain, claim due messages, send each. */
  protected async round(): Promise<OutboxRunResult> {
    const now = this.now();
    const db = this.handle.db;
    const uncertain = await markAbandonedUncertain(db, new Date(now.getTime() - (this.options.abandonedAfterMs ?? ABANDONED_AFTER_MS)));
    const result: OutboxRunResult = { sent: 0, retried: 0, failed: 0, uncertain };
    for (;;) {
      // One claim per message: a claim is a promise that this worker is handing the message over now.
      const [message] = await inTransaction(db, (tx) => claimDueMessages(tx, { now: this.now(), limit: 1 }));
      if (!message) return result;
      result[await this.deliver(message)] += 1;
    }
  }

  private async deliver(message: OutboxRow): Promise<'sent' | 'retried' | 'failed'> {
    const db = this.handle.db;
    if (!isDeliverableAddress(message.recipientAddress)) {
      await markAttemptFailed(db, message.id, { error: `not an e-mail address: '${message.recipientAddress}'`, retryAt: null });
      return 'failed';
    }
    try {
      const attachments = [];
      for (const a of message.attachments) {
        const file = await findFileById(db, a.fileId);
        if (file) attachments.push({ filename: a.filename, contentType: a.contentType, content: Buffer.from(readStoredFile(this.handle.filesDir, file)) });
      }
      await this.transport.send({
        messageId: message.messageId,
        to: message.recipientName ? { name: message.recipientName, address: message.recipientAddress } : message.recipientAddress,
        subject: message.subject,
        text: message.textBody,
        ...(message.htmlBody ? { html: message.htmlBody } : {}),
        ...(Object.keys(message.headers).length ? { headers: message.headers } : {}),
        attachments,
      });
      await markSent(db, message.id, this.now());
      return 'sent';
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const text = error instanceof Error ? error.message : String(error);
      const giveUp = isPermanentFailure(code) || message.attempts >= MAX_ATTEMPTS;
      const retryAt = giveUp ? null : new Date(this.now().getTime() + retryDelaySeconds(message.attempts) * 1000);
      await markAttemptFailed(db, message.id, { error: text.slice(0, 1000), retryAt });
      return giveUp ? 'failed' : 'retried';
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
