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

/** A meeting planned and called a week ahead: a one-seat body whose secretary alone signs, its chair a member. */
export interface CalledMeeting {
  organizationId: string;
  bodyId: string;
  meetingId: string;
  secretaryId: string;
  chairId: string;
}

/**
 * The start every test of adjusted minutes shares: organisation, a one-seat body (no adjusters, the secretary
 * signs), a secretary and a chair with a mandate, the meeting planned and its kallelse sent eight days ahead,
 * as the legal checks ask. Attendance, §§ and finalising are the test's own.
 */
export async function buildCalledMeeting(
  handle: DatabaseHandle,
  options: { organization: string; body: string; heldOn: string; numberInYear: number; secretary: string; chair: string },
): Promise<CalledMeeting> {
  const organization = await createOrganization(handle.db, { name: options.organization, organizationType: 'association' });
  const body = await createBody(handle.db, { organizationId: organization.id, name: options.body, seats: 1, rules: { adjusterCount: 0, signerRoles: ['secretary'] } });
  const secretary = await createPerson(handle.db, { name: options.secretary });
  const chair = await createPerson(handle.db, { name: options.chair });
  await addMandate(handle.db, { bodyId: body.id, personId: chair.id, role: 'chair', startsOn: `${options.heldOn.slice(0, 4)}-01-01` });
  const { meetingId } = await planMeeting(handle.db, { bodyId: body.id, heldOn: options.heldOn, standardItems: false, numberInYear: options.numberInYear });
  await sendMeetingNotice(handle, meetingId, { sentAt: new Date(`${addDays(options.heldOn, -8)}T09:00:00Z`) }, { personId: secretary.id });
  return { organizationId: organization.id, bodyId: body.id, meetingId, secretaryId: secretary.id, chairId: chair.id };
}

/**
 * Adjusted minutes made here: planned, called a week ahead, the one member present, three §§ written (one
 * under secrecy if asked), finalised by the secretary who alone signs. The kallelse and the attendance are
 * what the legal checks ask of minutes with decisions.
 */
export async function buildSignedMeeting(handle: DatabaseHandle, options: { organization: string; body: string; heldOn: string; confidential?: number }): Promise<string> {
  const { meetingId, secretaryId, chairId } = await buildCalledMeeting(handle, {
    ...options, numberInYear: 2, secretary: `Sekreterare ${options.body}`, chair: `Ordförande ${options.body}`,
  });
  await recordAttendance(handle.db, meetingId, { entries: [{ personId: chairId, present: true }] });
  for (const n of [1, 2, 3]) {
    const { paragraphId } = await addAgendaItem(handle.db, meetingId, { title: `Ärende ${n}`, text: `Underlag för ärende ${n}.` });
    await updateParagraph(handle.db, paragraphId, {
      decisions: [`Styrelsen beslutar i ärende ${n}.`],
      ...(options.confidential === n ? { confidential: true, confidentialReason: 'OSL 39 kap. 3 §' } : {}),
    });
  }
  await finaliseMinutes(handle, meetingId, { at: new Date(`${options.heldOn}T15:00:00Z`) }, { personId: secretaryId });
  return meetingId;
}
