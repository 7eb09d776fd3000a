/** Reading a meeting: the secretary's overview with its legal clocks, exports and lists. */
import { logOriginalViewIfMasked } from '../privacy.service.ts';
import { renderMinutesDocx, renderMinutesHtml, renderMinutesPdf } from '../../documents/index.ts';
import type { Minutes } from '../../domain/minutes.ts';
import {
  adjustmentDeadline,
  adjustmentStatus,
  noticeDates,
  type AdjustmentStatus,
  type NoticeDates,
} from '../../domain/legal-dates.ts';
import { type MinutesApproval } from '../../domain/minutes-state.ts';
import { whileUnchanged } from '../public-cache.ts';
import { type QuorumResult } from '../../domain/quorum.ts';
import { type RuleProfile } from '../../domain/rule-profile.ts';
import {
  loadMinutes,
  findFileById,
  findMeetingById,
  readStoredFile,
  type DatabaseHandle,
} from '../../storage/index.ts';
import {
  findNotice,
  listAttendance,
  listInvitations,
  listMeetingSummaries,
  listParagraphsOfMeeting,
  listSignatures,
  listStoredAttachments,
  mandatesInForce,
  type MeetingSummaryRow,
} from '../../storage/meeting-cycle.store.ts';
import type { Database } from '../../storage/database.ts';
import { contextOf, quorumFor } from './common.ts';


// ————— reading —————

/** Everything the secretary's view of one meeting needs, with the clocks computed for `today`. */
export interface MeetingOverview {
  meeting: { id: string; bodyId: string; status: string; heldOn: string | null; convenedAt: string | null; minutesSha256: string | null };
  body: { id: string; name: string; seats: number | null; decisionMaking: boolean };
  organization: { id: string; name: string; organizationType: string } | null;
  rules: RuleProfile;
  minutes: Minutes;
  paragraphIds: string[];
  quorum: QuorumResult | null;
  approval: MinutesApproval | null;
  signatures: { role: string; name: string | null; personId: string | null; status: string; signedAt: string | null; documentSha256: string | null }[];
  invitations: { name: string; role: string; sentAt: string }[];
  /** Underlag and bilagor with a stored file, to open from the agenda. */
  documents: { paragraphId: string; number: number | null; title: string; fileId: string }[];
  clocks: { adjustmentDeadline: string | null; adjustmentStatus: AdjustmentStatus | null; notice: NoticeDates | null };
}

/** One meeting as the secretary sees it: minutes, quorum, signatures, kallelse and the legal clocks. */
export async function getMeetingOverview(db: Database, meetingId: string, input: { today: string }): Promise<MeetingOverview> {
  // Read by every member who opens the meeting; kept until anything is written (public-cache.ts). The
  // callers have checked access already: the overview is the same for everyone who may read it.
  return whileUnchanged(db, `meeting-overview:${meetingId}:${input.today}`, () => loadMeetingOverview(db, meetingId, input));
}

export async function loadMeetingOverview(db: Database, meetingId: string, input: { today: string }): Promise<MeetingOverview> {
  const minutes = await loadMinutes(db, meetingId);
  const meeting = (await findMeetingById(db, meetingId))!;
  const { body, organization, rules } = await contextOf(db, meeting);
  const [attendanceRows, signatureRows, paragraphRows, invitationRows, notice, documents] = await Promise.all([
    listAttendance(db, meetingId),
    listSignatures(db, meetingId),
    listParagraphsOfMeeting(db, meetingId),
    listInvitations(db, meetingId),
    findNotice(db, meetingId),
    listStoredAttachments(db, meetingId),
  ]);
  const adjusted = meeting.status === 'adjusted' || meeting.status === 'archived';
  return {
    meeting: { id: meeting.id, bodyId: meeting.bodyId, status: meeting.status, heldOn: meeting.heldOn, convenedAt: meeting.convenedAt?.toISOString() ?? null, minutesSha256: meeting.minutesSha256 },
    body: { id: body.id, name: body.name, seats: body.seats, decisionMaking: body.decisionMaking },
    organization: organization ? { id: organization.id, name: organization.name, organizationType: organization.organizationType } : null,
    rules,
    minutes,
    paragraphIds: paragraphRows.map((p) => p.id),
    quorum:
      attendanceRows.length && body.decisionMaking
        ? quorumFor(body, attendanceRows, meeting.heldOn ? (await mandatesInForce(db, body.id, meeting.heldOn)).filter((m) => m.role !== 'substitute').length : undefined)
        : null,
    approval: (meeting.approval as MinutesApproval | null) ?? null,
    signatures: signatureRows.map((s) => ({ role: s.role, name: s.name, personId: s.personId, status: s.status, signedAt: s.signedAt?.toISOString() ?? null, documentSha256: s.documentSha256 })),
    invitations: invitationRows.map((i) => ({ name: i.name, role: i.role, sentAt: i.sentAt.toISOString() })),
    documents,
    clocks: {
      adjustmentDeadline: meeting.heldOn && rules.clocks.adjustment ? adjustmentDeadline(meeting.heldOn) : null,
      adjustmentStatus: meeting.heldOn && rules.clocks.adjustment && !adjusted ? adjustmentStatus({ meetingOn: meeting.heldOn, today: input.today }) : null,
      notice: notice?.postedOn ? noticeDates({ adjustedOn: meeting.adjustedOn, postedOn: notice.postedOn, profile: rules }) : null,
    },
  };
}

/** The formats a protocol is exported in: PDF/A, HTML, an editable Word document, interchange JSON. */
export type MinutesFormat = 'pdf' | 'html' | 'docx' | 'json';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The minutes as a document: for adjusted minutes the PDF exactly as signed (with its signature page),
 * otherwise rendered from the current draft.
 */
export async function exportMinutes(
  handle: DatabaseHandle,
  meetingId: string,
  format: MinutesFormat,
  options: { viewedBy?: string | null; via?: string } = {},
): Promise<{ contentType: string; body: string | Uint8Array }> {
  // A signed-in reader gets the original; when parts of it are masked for the web, the view is logged (issue 17).
  if (options.viewedBy !== undefined) await logOriginalViewIfMasked(handle.db, meetingId, { actor: options.viewedBy, via: options.via ?? `export.${format}` });
  const minutes = await loadMinutes(handle.db, meetingId);
  if (format === 'json') return { contentType: 'application/json', body: `${JSON.stringify(minutes, null, 2)}\n` };
  if (format === 'html') return { contentType: 'text/html; charset=utf-8', body: renderMinutesHtml(minutes) };
  // Word is for handing the text on to be edited, so it is always rendered from the data, never "as signed".
  if (format === 'docx') return { contentType: DOCX_TYPE, body: await renderMinutesDocx(minutes) };
  const meeting = (await findMeetingById(handle.db, meetingId))!;
  if (meeting.signedFileId) {
    const file = await findFileById(handle.db, meeting.signedFileId);
    if (file) return { contentType: 'application/pdf', body: readStoredFile(handle.filesDir, file) };
  }
  return { contentType: 'application/pdf', body: await renderMinutesPdf(minutes) };
}

/** Meetings, newest first, optionally of one body and year. */
export async function listMeetings(db: Database, filter: { bodyId?: string; year?: number } = {}): Promise<MeetingSummaryRow[]> {
  return listMeetingSummaries(db, filter);
}

/** The meetings whose finalised minutes await this person's signature. */
export async function listAwaitingSignature(db: Database, personId: string): Promise<MeetingSummaryRow[]> {
  const finalised = await listMeetingSummaries(db, { statuses: ['finalised'] });
  const out: MeetingSummaryRow[] = [];
  for (const meeting of finalised) {
    const signaturesOfMeeting = await listSignatures(db, meeting.id);
    if (signaturesOfMeeting.some((s) => s.personId === personId && s.status === 'pending')) out.push(meeting);
  }
  return out;
}

