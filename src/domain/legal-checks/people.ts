/**
 * The people of the minutes: the adjusters and signers were at the meeting (KL 5:69: the protocol is
 * adjusted by those who were there), no one is listed twice, and a substitute serves only for a member
 * who is absent at that § (KL 5:17, 6:13).
 */
import type { Minutes } from '../minutes.ts';
import { AttendanceAt, isSameName, isVotingAttendee } from './attendance.ts';
import { finding, type Finding } from './finding.ts';

const signerRoleNames = { secretary: 'sekreterare', chair: 'ordförande', adjuster: 'justerare' } as const;

export function checkPeople(minutes: Minutes): Finding[] {
  const findings: Finding[] = [];
  const attendance = new AttendanceAt(minutes);

  for (const name of minutes.adjustment.adjusters) {
    if (name.trim() && !attendance.isListed(name)) findings.push(finding('adjuster_not_present', { persons: [name] }));
  }
  for (const signature of minutes.signatures) {
    // The secretary may be an official the list does not name; the chair and adjusters were there.
    if (!signature.name || signature.role === 'secretary') continue;
    const alreadyReported = signature.role === 'adjuster' && minutes.adjustment.adjusters.some((a) => isSameName(a, signature.name ?? ''));
    if (!alreadyReported && !attendance.isListed(signature.name)) {
      findings.push(finding('signer_not_present', { persons: [signature.name], values: { role: signerRoleNames[signature.role] } }));
    }
  }

  minutes.attendees.forEach((attendee, index) => {
    const twin = minutes.attendees.findIndex((other, j) => j < index && isSameName(other.name, attendee.name));
    if (twin < 0) return;
    const other = minutes.attendees[twin];
    // Listed twice as deciding counts twice toward quorum; listed once as member and once as, say,
    // secretary is an odd list but decides nothing.
    const bothDecide = other !== undefined && isVotingAttendee(other) && isVotingAttendee(attendee);
    findings.push(finding(bothDecide ? 'person_counted_twice' : 'person_listed_twice', { persons: [attendee.name] }));
  });

  const numbers = minutes.items.map((i) => i.number);
  minutes.attendees.forEach((substitute, index) => {
    const member = substitute.servingFor;
    if (substitute.role !== 'substitute' || !member) return;
    const memberIndex = minutes.attendees.findIndex((a) => a !== substitute && a.role !== 'substitute' && isSameName(a.name, member));
    if (memberIndex < 0) return;
    const overlap = numbers.find((n) => n !== null && attendance.isPresentAt(index, n) && attendance.isPresentAt(memberIndex, n));
    const memberEntry = minutes.attendees[memberIndex];
    if (overlap !== undefined && memberEntry && isVotingAttendee(memberEntry)) {
      findings.push(
        finding('substitute_serves_for_present_member', { paragraph: overlap, persons: [substitute.name], values: { paragraph: overlap ?? 0, member } }),
      );
    }
  });
  return findings;
}
