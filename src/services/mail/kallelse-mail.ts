/**
 * The kallelse by e-mail: one message to every member and substitute with an address, written to the
 * outbox in the transaction that sends the kallelse, with the kallelse PDF attached and a link to the
 * meeting's documents and to anmäl förhinder. Sending it again after a change is a marked update.
 */
import { enqueueMessage, type Database } from '../../storage/index.ts';
import { kallelse, type MailLanguage } from './templates.ts';

export interface KallelseRecipient {
  personId: string;
  name: string;
  email: string | null;
  language?: MailLanguage;
}

/** Writes the kallelse mails; returns how many were written and who had no address. */
export async function queueKallelseMail(
  db: Database,
  input: {
    meeting: { id: string; heldOn: string; startTime: string | null; location: string | null };
    bodyName: string;
    organization: { id: string; name: string } | null;
    items: { number: number | null; title: string }[];
    recipients: KallelseRecipient[];
    file: { id: string; filename: string };
    update: boolean;
    publicUrl: string;
    mailDomain: string;
    contact: string | null;
  },
): Promise<{ queued: number; withoutAddress: string[] }> {
  let queued = 0;
  const withoutAddress: string[] = [];
  for (const recipient of input.recipients) {
    if (!recipient.email?.trim()) {
      withoutAddress.push(recipient.name);
      continue;
    }
    const language = recipient.language ?? 'sv';
    const content = kallelse(language, {
      meeting: { bodyName: input.bodyName, organizationName: input.organization?.name ?? null, heldOn: input.meeting.heldOn },
      time: input.meeting.startTime ? input.meeting.startTime.slice(0, 5) : null,
      location: input.meeting.location,
      items: input.items,
      update: input.update,
      url: `${input.publicUrl}/mina-sammantraden/${input.meeting.id}`,
      absenceUrl: `${input.publicUrl}/mina-sammantraden/${input.meeting.id}#forhinder`,
      contact: input.contact,
    });
    await enqueueMessage(db, {
      kind: input.update ? 'kallelse_update' : 'kallelse',
      recipientAddress: recipient.email,
      recipientName: recipient.name,
      language,
      subject: content.subject,
      textBody: content.text,
      htmlBody: content.html,
      attachments: [{ fileId: input.file.id, filename: input.file.filename, contentType: 'application/pdf' }],
      organizationId: input.organization?.id ?? null,
      meetingId: input.meeting.id,
      personId: recipient.personId,
      messageIdDomain: input.mailDomain,
    });
    queued += 1;
  }
  return { queued, withoutAddress };
}
