/**
 * The kallelse by e-mail: one message to every member and substitute with an address, written to the
 * outbox in the transaction that sends the kallelse, with the kallelse PDF attached and a link to the
 * meeting's documents and to anmäl förhinder. Sending it again after a change is a marked update to
 * those who had a kallelse mail before; someone mailed for the first time (a new member, or a meeting
 * whose first kallelse went out on paper) gets the plain kallelse.
 */
import { enqueueMessage, listParagraphsOfMeeting, listPersonsMailed, listStoredAttachments, type Database } from '../../storage/index.ts';
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
    recipients: KallelseRecipient[];
    file: { id: string; filename: string };
    publicUrl: string;
    mailDomain: string;
    contact: string | null;
  },
): Promise<{ queued: number; withoutAddress: string[] }> {
  let queued = 0;
  const withoutAddress: string[] = [];
  const mailedBefore = await listPersonsMailed(db, input.meeting.id, ['kallelse', 'kallelse_update']);
  // The agenda as in the kallelse, each item with a link to each of its documents (they open after sign-in).
  const documents = await listStoredAttachments(db, input.meeting.id);
  const items = (await listParagraphsOfMeeting(db, input.meeting.id)).map((p) => ({
    number: p.number,
    title: p.title,
    documents: documents.filter((d) => d.paragraphId === p.id).map((d) => ({ title: d.title, url: `${input.publicUrl}/sammantraden/${input.meeting.id}/handlingar/${d.fileId}` })),
  }));
  for (const recipient of input.recipients) {
    if (!recipient.email?.trim()) {
      withoutAddress.push(recipient.name);
      continue;
    }
    const language = recipient.language ?? 'sv';
    const update = mailedBefore.has(recipient.personId);
    const content = kallelse(language, {
      meeting: { bodyName: input.bodyName, organizationName: input.organization?.name ?? null, heldOn: input.meeting.heldOn },
      time: input.meeting.startTime ? input.meeting.startTime.slice(0, 5) : null,
      location: input.meeting.location,
      items,
      update,
      url: `${input.publicUrl}/mina-sammantraden/${input.meeting.id}`,
      packageUrl: `${input.publicUrl}/mina-sammantraden/${input.meeting.id}/kallelse.pdf`,
      absenceUrl: `${input.publicUrl}/mina-sammantraden/${input.meeting.id}#forhinder`,
      contact: input.contact,
    });
    await enqueueMessage(db, {
      kind: update ? 'kallelse_update' : 'kallelse',
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
