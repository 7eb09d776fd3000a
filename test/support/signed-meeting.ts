/** Adjusted minutes made through the meeting cycle's services, for the integrity tests. */
import { addDays } from '../../src/domain/legal-dates.ts';
import {
  addAgendaItem,
  addMandate,
  createBody,
  createOrganization,
  createPerson,
  finaliseMinutes,
  planMeeting,
  recordAttendance,
  sendMeetingNotice,
  updateParagraph,
} from '../../src/services/meeting-cycle.service.ts';
import type { DatabaseHandle } from '../../src/storage/index.ts';

/**
 * Adjusted minutes made here: planned, called a week ahead, the one member present, three §§ written (one
 * under secrecy if asked), finalised by the secretary who alone signs. The kallelse and the attendance are
 * what the legal checks ask of minutes with decisions.
 */
export async function buildSignedMeeting(handle: DatabaseHandle, options: { organization: string; body: string; heldOn: string; confidential?: number }): Promise<string> {
  const organization = await createOrganization(handle.db, { name: options.organization, organizationType: 'association' });
  const body = await createBody(handle.db, { organizationId: organization.id, name: options.body, seats: 1, rules: { adjusterCount: 0, signerRoles: ['secretary'] } });
  const secretary = await createPerson(handle.db, { name: `Sekreterare ${options.body}` });
  const member = await createPerson(handle.db, { name: `Ordförande ${options.body}` });
  await addMandate(handle.db, { bodyId: body.id, personId: member.id, role: 'chair', startsOn: `${options.heldOn.slice(0, 4)}-01-01` });
  const { meetingId } = await planMeeting(handle.db, { bodyId: body.id, heldOn: options.heldOn, standardItems: false, numberInYear: 2 });
  await sendMeetingNotice(handle, meetingId, { sentAt: new Date(`${addDays(options.heldOn, -8)}T09:00:00Z`) }, { personId: secretary.id });
  await recordAttendance(handle.db, meetingId, { entries: [{ personId: member.id, present: true }] });
  for (const n of [1, 2, 3]) {
    const { paragraphId } = await addAgendaItem(handle.db, meetingId, { title: `Ärende ${n}`, text: `Underlag för ärende ${n}.` });
    await updateParagraph(handle.db, paragraphId, {
      decisions: [`Styrelsen beslutar i ärende ${n}.`],
      ...(options.confidential === n ? { confidential: true, confidentialReason: 'OSL 39 kap. 3 §' } : {}),
    });
  }
  await finaliseMinutes(handle, meetingId, { at: new Date(`${options.heldOn}T15:00:00Z`) }, { personId: secretary.id });
  return meetingId;
}
