/**
 * Återrapportering written in the web: the one who reports back on an assignment writes what was done
 * (and may attach a document); the report-back becomes an item on the agenda of the next open meeting of
 * the body that gave the assignment, and the assignment is reported once those minutes are adjusted.
 * A report-back written when the body has no open meeting waits and goes on the agenda of the next
 * meeting planned (listReportBacksOnAgenda, called by planMeeting).
 */
import { reportBackAgendaItem, REPORT_BACK_DECISION } from '../../domain/follow-up/index.ts';
import { isMeetingOpen } from '../../domain/minutes-state.ts';
import { InputError, NotFoundError, RuleError, type Problem } from '../../errors.ts';
import { extractUnderlagText } from '../../search/underlag-text.ts';
import { findBodyScope } from '../../storage/accounts.store.ts';
import { appendAuditEvent, inTransaction, storeFile, type Database, type DatabaseHandle } from '../../storage/index.ts';
import { findAssignmentById, findOpenMeetingsOfBodyFrom, findParagraphRef, listAssignmentRows, updateAssignment } from '../../storage/follow-up.store.ts';
import { insertParagraphAttachment, replaceParagraphChildren } from '../../storage/meeting-cycle.store.ts';
import type { MeetingRow } from '../../storage/minutes.store.ts';
import { findReportBacksListedInMeeting, findReportBacksWaitingForAgenda, listReportBackRows, type ReportBackRow } from '../../storage/report-back.store.ts';
import { requireRegisterKeeper, requireRegisterReader } from '../accounts.service.ts';
import { addAgendaItemInside, attachableTypes, MAX_ATTACHMENT_BYTES } from '../meeting-cycle/planning.ts';
import type { Actor } from '../meeting-cycle/common.ts';
import { listAssignments, type AssignmentEntry, type AssignmentFilter } from '../follow-up.service.ts';

/** What an återrapportering in the web holds. */
export interface ReportBackInput {
  assignmentId: string;
  /** What was done, as the one reporting writes it. */
  text: string;
  /** The day it is given (Swedish date): the agenda it goes on is that of the first open meeting on or after it. */
  today: string;
  /** An optional document (PDF, DOCX, …), attached to the agenda item. */
  document?: { title: string; bytes: Uint8Array; contentType: string; originalName?: string | null } | null;
}

/** Where a report-back went: the agenda item, or nothing yet when the body has no open meeting. */
export interface ReportBackResult {
  assignmentId: string;
  listedIn: { meetingId: string; paragraphId: string; number: number | null } | null;
}

/**
 * Writes the återrapportering of an open assignment and puts it on the agenda of the body's next open
 * meeting. Only a secretary of the body's organisation (or its administrator) may; refused, with nothing
 * written, for an assignment not open or reported back already, and for a document not accepted.
 */
export async function submitReportBack(handle: DatabaseHandle, input: ReportBackInput, actor: Actor): Promise<ReportBackResult> {
  const problems: Problem[] = [];
  if (!input.text?.trim()) problems.push({ path: 'text', code: 'required', message: 'write what was done (the report-back)' });
  const document = input.document ?? null;
  let contentType = '';
  if (document) {
    contentType = document.contentType.split(';')[0]!.trim().toLowerCase();
    if (!(contentType in attachableTypes)) {
      problems.push({ path: 'document', code: 'unsupported_file_type', message: `${contentType} is not accepted; use PDF, DOCX, XLSX, ODT, text, PNG or JPEG` });
    }
    if (document.bytes.byteLength === 0) problems.push({ path: 'document', code: 'empty_file', message: 'the file is empty' });
    if (document.bytes.byteLength > MAX_ATTACHMENT_BYTES) problems.push({ path: 'document', code: 'file_too_large', message: `the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` });
  }
  if (problems.length) throw new InputError(problems);
  // Read before the transaction, as attachDocument does: no lock waits on a PDF reader.
  const textContent = document ? await extractUnderlagText(document.bytes, contentType, { name: document.originalName ?? document.title }) : null;
  return inTransaction(handle.db, async (tx) => {
    const assignment = isUuid(input.assignmentId) ? await findAssignmentById(tx, input.assignmentId) : null;
    if (!assignment) throw new NotFoundError('assignment_not_found', `no assignment with id ${input.assignmentId}`, { assignmentId: input.assignmentId });
    const source = (await findParagraphRef(tx, assignment.paragraphId))!;
    requireRegisterKeeper(actor.viewer ?? null, { organizationId: source.organizationId, bodyId: source.bodyId });
    if (assignment.status !== 'open') {
      const code = assignment.status === 'reported' ? 'assignment_already_reported' : 'assignment_not_open';
      throw new RuleError(code, `the assignment is ${assignment.status}; only an open assignment can be reported back`, { path: 'assignmentId', status: assignment.status });
    }
    if (assignment.reportSubmittedOn) {
      throw new RuleError('report_back_already_written', 'the report-back is written already and waits for the body', { path: 'assignmentId' });
    }
    const file = document
      ? await storeFile(tx, handle.filesDir, { bytes: document.bytes, contentType, originalName: document.originalName ?? `${document.title}${attachableTypes[contentType]}`, textContent })
      : null;
    await updateAssignment(tx, assignment.id, {
      reportText: input.text.trim(),
      reportFileId: file?.id ?? null,
      reportSubmittedOn: input.today,
      reportSubmittedBy: actor.name ?? actor.userId ?? null,
    });
    await appendAuditEvent(tx, {
      kind: 'assignment.report_back_written',
      entityType: 'assignment',
      entityId: assignment.id,
      actor: actor.userId ?? actor.name ?? null,
      data: { fileSha256: file?.sha256 ?? null },
    });
    let listedIn: ReportBackResult['listedIn'] = null;
    for (const meeting of await findOpenMeetingsOfBodyFrom(tx, source.bodyId, input.today)) {
      const listed = await listReportBacksOnAgenda(tx, meeting, actor, [assignment.id]);
      const item = listed.find((l) => l.assignmentId === assignment.id);
      if (item) {
        listedIn = { meetingId: meeting.id, paragraphId: item.paragraphId, number: item.number };
        break;
      }
    }
    return { assignmentId: assignment.id, listedIn };
  });
}

/**
 * Puts the written report-backs of the meeting's body that no § lists yet on the meeting's agenda, one
 * item each, with its document. Runs in the caller's transaction (planMeeting, submitReportBack); only
 * for an open meeting with a date. `only` limits it to some assignments.
 */
export async function listReportBacksOnAgenda(
  tx: Database,
  meeting: MeetingRow,
  actor?: Actor,
  only?: string[],
): Promise<{ assignmentId: string; paragraphId: string; number: number | null }[]> {
  if (!meeting.heldOn || !isMeetingOpen(meeting.status) || meeting.status === 'finalised') return [];
  const waiting = (await findReportBacksWaitingForAgenda(tx, meeting.bodyId)).filter((r) => !only || only.includes(r.id));
  const listed = [];
  for (const report of waiting) {
    const item = reportBackAgendaItem(report);
    const added = await addAgendaItemInside(tx, meeting, { title: item.title, text: report.reportText, proposal: REPORT_BACK_DECISION }, actor);
    await replaceParagraphChildren(tx, added.paragraphId, { decisions: [REPORT_BACK_DECISION] });
    if (report.reportFileId) await insertParagraphAttachment(tx, { paragraphId: added.paragraphId, title: item.documentTitle, fileId: report.reportFileId });
    await updateAssignment(tx, report.id, { reportedParagraphId: added.paragraphId });
    listed.push({ assignmentId: report.id, ...added });
  }
  return listed;
}

/** The written report-backs a meeting's §§ list are reported (återrapporterade) once its minutes are adjusted. */
export async function reportBacksListedIn(tx: Database, meeting: Pick<MeetingRow, 'id'>, actor?: Actor): Promise<string[]> {
  const ids = await findReportBacksListedInMeeting(tx, meeting.id);
  for (const id of ids) {
    await updateAssignment(tx, id, { status: 'reported' });
    await appendAuditEvent(tx, { kind: 'assignment.reported', entityType: 'assignment', entityId: id, actor: actor?.userId ?? null, data: { meetingId: meeting.id } });
  }
  return ids;
}

/** An assignment in the register with its written report-back, if any. */
export interface AssignmentWithReport extends AssignmentEntry {
  report: Omit<ReportBackRow, 'id'> | null;
  /** The § of a coming meeting that lists the report-back, until those minutes are adjusted. */
  listedIn: AssignmentEntry['reportedIn'];
}

/**
 * The assignment register (uppdragsförteckning) for the web: read by users with a role in the
 * organisation; filtered by body, responsible (uppdragstagare, part of the name), status and due date.
 */
export async function listAssignmentRegister(
  db: Database,
  filter: AssignmentFilter & { organizationId: string; responsible?: string; dueBy?: string },
  actor: Actor | undefined,
): Promise<AssignmentWithReport[]> {
  // Without a signed-in user (CLI, export by the operator) the system reads.
  if (actor?.viewer) requireRegisterReader(actor.viewer, { organizationId: filter.organizationId });
  if (filter.bodyId) {
    const scope = await findBodyScope(db, filter.bodyId);
    if (!scope || scope.organizationId !== filter.organizationId) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${filter.bodyId} in the organisation` });
  }
  const { responsible, dueBy, ...rest } = filter;
  const wanted = responsible?.trim().toLocaleLowerCase('sv');
  const entries = (await listAssignments(db, rest))
    .filter((a) => !wanted || (a.assignee ?? '').toLocaleLowerCase('sv').includes(wanted))
    .filter((a) => !dueBy || (a.dueOn !== null && a.dueOn <= dueBy));
  const reports = await listReportBackRows(db, entries.map((e) => e.id));
  return entries.map((entry) => {
    const row = reports.find((r) => r.id === entry.id);
    const report = row?.reportSubmittedOn ? { reportText: row.reportText, reportFileId: row.reportFileId, reportSubmittedOn: row.reportSubmittedOn, reportSubmittedBy: row.reportSubmittedBy } : null;
    return entry.status === 'reported' ? { ...entry, report, listedIn: null } : { ...entry, report, reportedIn: null, listedIn: entry.reportedIn };
  });
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/** One assignment of the register with its report-back, for a user who may read the organisation's registers. */
export async function getAssignmentWithReport(db: Database, assignmentId: string, actor: Actor): Promise<AssignmentWithReport> {
  const assignment = isUuid(assignmentId) ? await findAssignmentById(db, assignmentId) : null;
  const source = assignment ? await findParagraphRef(db, assignment.paragraphId) : null;
  if (!assignment || !source) throw new NotFoundError('assignment_not_found', `no assignment with id ${assignmentId}`, { assignmentId });
  requireRegisterReader(actor.viewer ?? null, { organizationId: source.organizationId, bodyId: source.bodyId });
  const [row] = await listAssignmentRows(db, { ids: [assignment.id] });
  const [report] = await listReportBackRows(db, [assignment.id]);
  const entry = { ...row!, overdue: false };
  const written = report?.reportSubmittedOn ? { reportText: report.reportText, reportFileId: report.reportFileId, reportSubmittedOn: report.reportSubmittedOn, reportSubmittedBy: report.reportSubmittedBy } : null;
  return entry.status === 'reported' ? { ...entry, report: written, listedIn: null } : { ...entry, report: written, reportedIn: null, listedIn: entry.reportedIn };
}
