/**
 * E-post from Protokoll: what kinds of message there are, the life of a message in the outbox, and when a
 * failed one is tried again. Pure: the outbox store and the worker (services/mail) apply it.
 */

/** Why a message goes out. */
export const mailKinds = [
  'kallelse',
  'kallelse_update',
  'substitute_call',
  'absence_reported',
  'signing_requested',
  'signing_reminder',
  'follow_up_reminder',
  'watch',
] as const;
export type MailKind = (typeof mailKinds)[number];

/**
 * pending: waiting for its turn; sending: handed to the worker; sent: the SMTP server accepted it;
 * failed: given up after the last attempt; uncertain: the worker stopped while handing it over, so it may
 * or may not have gone — shown to the secretary to resend by hand rather than risk sending it twice.
 */
export const outboxStatuses = ['pending', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Attempts before a message is given up as failed (about a day with the backoff below). */
export const MAX_ATTEMPTS = 8;

/** Seconds to wait after the attempt numbered `attempt` (1 = the first) failed: 30 s, 2 min, 8 min … at most 6 h. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(30 * 4 ** Math.max(0, attempt - 1), 6 * 3600);
}

/**
 * Whether an SMTP answer means "never" rather than "not now": a 5xx reply (bad address, refused recipient,
 * message rejected). A refused connection or a 4xx reply is tried again.
 */
export function isPermanentFailure(responseCode: number | null | undefined): boolean {
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** Whether a written address can be sent to at all (one @, a dot in the domain, no spaces or angle brackets). */
export function isDeliverableAddress(address: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/u.test(address.trim());
}
