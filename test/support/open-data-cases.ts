/**
 * What open data must show beyond the demo as seeded: a bilaga on a public § of adjusted minutes (the
 * awaiting meeting, signed here), a § put under secrecy after justering, and a meeting announced by its
 * kallelse and then cancelled. Made through the use cases where one exists; cancelling has none yet, so
 * it is the status the data model keeps for it.
 */
import { sql } from 'drizzle-orm';
import type { DemoResult } from '../../src/demo/seed-demo.ts';
import { addAgendaItem, planMeeting, sendMeetingNotice, signMinutes } from '../../src/services/meeting-cycle.service.ts';
import { insertParagraphAttachment, listParagraphsOfMeeting, listSignatures, queryRows, storeFile, type DatabaseHandle } from '../../src/storage/index.ts';

export interface OpenDataCases {
  bilagaBytes: Uint8Array;
  attachmentId: string;
  /** A § of adjusted minutes put under secrecy after justering. */
  maskedParagraphId: string;
  maskedMeetingId: string;
  cancelledMeetingId: string;
}

export async function addOpenDataCases(handle: DatabaseHandle, demo: DemoResult, today: string): Promise<OpenDataCases> {
  const { db } = handle;
  const paragraphs = await listParagraphsOfMeeting(db, demo.awaitingSignatureMeetingId);
  const publicParagraph = paragraphs.find((p) => !p.confidential)!;
  const bilagaBytes = new TextEncoder().encode('Budgetunderlag 2027: 1 250 000 kr\n');
  const stored = await storeFile(db, handle.filesDir, { bytes: bilagaBytes, contentType: 'text/plain; charset=utf-8', originalName: 'budgetunderlag.txt' });
  await insertParagraphAttachment(db, { paragraphId: publicParagraph.id, title: 'Budgetunderlag 2027', fileId: stored.id });
  const [attachment] = await queryRows<{ id: string }>(db, sql`select id from paragraph_attachments where file_id = ${stored.id}`);
  for (const line of await listSignatures(db, demo.awaitingSignatureMeetingId)) {
    if (line.status === 'pending') await signMinutes(handle, demo.awaitingSignatureMeetingId, { at: new Date(`${today}T09:00:00+01:00`) }, { personId: line.personId!, name: line.name ?? undefined });
  }

  // Sekretess decided after justering: the only change adjusted minutes allow (migration 0007).
  const [masked] = await queryRows<{ id: string; meeting_id: string }>(
    db,
    sql`select p.id, p.meeting_id from paragraphs p join meetings m on m.id = p.meeting_id
        where m.status = 'adjusted' and m.id <> ${demo.awaitingSignatureMeetingId} and not p.confidential and p.case_id is not null
        order by m.held_on, p.position limit 1`,
  );
  await db.execute(sql`update paragraphs set confidential = true, confidential_reason = 'OSL 21:1', updated_at = now() where id = ${masked!.id}`);

  const { meetingId: cancelledMeetingId } = await planMeeting(db, { bodyId: demo.boardId, heldOn: addDays(today, 30), start: '13:00', location: 'Granberga brandstation' });
  await addAgendaItem(db, cancelledMeetingId, { title: 'Extra ärende: taxor' });
  await sendMeetingNotice(handle, cancelledMeetingId, { sentAt: new Date(`${today}T10:00:00+01:00`) });
  await db.execute(sql`update meetings set status = 'cancelled', updated_at = now() where id = ${cancelledMeetingId}`);

  return { bilagaBytes, attachmentId: attachment!.id, maskedParagraphId: masked!.id, maskedMeetingId: masked!.meeting_id, cancelledMeetingId };
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
