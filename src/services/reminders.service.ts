/**
 * Påminnelser: mail to chairs and adjusters whose justering is due (from day 10, and again when the
 * 14 days have run out, KL 5:69), and to the secretaries when an assignment's report-back or a remiss
 * answer comes due (a week before, and when overdue). Run as often as wanted: each reminder has a key
 * that the outbox accepts once, so a second run the same day, or after a restart, sends nothing more.
 */
import { addDays, adjustmentDeadline, adjustmentStatus } from '../domain/legal-dates.ts';
import {
  enqueueMessage,
  inTransaction,
  listFollowUpDue,
  listPendingSigners,
  listSecretaryAddresses,
  type Database,
} from '../storage/index.ts';
import { followUpReminder, signingReminder, type MailLanguage } from './mail/templates.ts';

/** Days before a due date that the secretary hears of it. */
const FOLLOW_UP_NOTICE_DAYS = 7;

export interface ReminderRun {
  signing: number;
  followUp: number;
}

const languageOf = (value: string | null | undefined): MailLanguage => (value === 'en' ? 'en' : 'sv');

/** Writes today's reminders to the outbox; returns how many new ones were written. */
export async function queueReminders(db: Database, options: { today: string; publicUrl: string; mailDomain: string }): Promise<ReminderRun> {
  const { today, publicUrl, mailDomain } = options;
  return inTransaction(db, async (tx) => {
    const run: ReminderRun = { signing: 0, followUp: 0 };
    for (const signer of await listPendingSigners(tx)) {
      const status = adjustmentStatus({ meetingOn: signer.heldOn, today });
      if (status === 'ok' || !signer.email) continue;
      const deadline = adjustmentDeadline(signer.heldOn);
      const language = languageOf(signer.language);
      const content = signingReminder(language, {
        meeting: { bodyName: signer.bodyName, organizationName: signer.organizationName, heldOn: signer.heldOn },
        deadline,
        overdue: status === 'overdue',
        url: `${publicUrl}/att-justera/${signer.meetingId}`,
      });
      const written = await enqueueMessage(tx, {
        kind: 'signing_reminder',
        recipientAddress: signer.email,
        recipientName: signer.name,
        language,
        subject: content.subject,
        textBody: content.text,
        htmlBody: content.html,
        meetingId: signer.meetingId,
        personId: signer.personId,
        // Once when the deadline nears, once when it has passed.
        dedupeKey: `signing_reminder:${signer.meetingId}:${signer.personId}:${status}`,
        messageIdDomain: mailDomain,
      });
      if (written) run.signing += 1;
    }

    for (const item of await listFollowUpDue(tx, addDays(today, FOLLOW_UP_NOTICE_DAYS))) {
      const overdue = item.dueOn < today;
      const path = '/arbetsyta/uppfoljning';
      for (const secretary of await listSecretaryAddresses(tx, { organizationId: item.organizationId, bodyId: item.bodyId })) {
        const language = languageOf(secretary.language);
        const content = followUpReminder(language, { kind: item.kind, title: item.title, dueOn: item.dueOn, overdue, responsible: item.responsible, url: `${publicUrl}${path}` });
        const written = await enqueueMessage(tx, {
          kind: 'follow_up_reminder',
          recipientAddress: secretary.email,
          recipientName: secretary.name,
          language,
          subject: content.subject,
          textBody: content.text,
          htmlBody: content.html,
          organizationId: item.organizationId,
          dedupeKey: `follow_up_reminder:${item.kind}:${item.id}:${secretary.email.toLowerCase()}:${overdue ? 'overdue' : 'due_soon'}`,
          messageIdDomain: mailDomain,
        });
        if (written) run.followUp += 1;
      }
    }
    return run;
  });
}
