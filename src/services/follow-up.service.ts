/**
 * Use cases of the follow-up registers: propose uppdrag, representation and delegationsbeslut from a
 * stored meeting, confirm them, report assignments back, report delegated decisions, and keep remisser,
 * mål, indikatorer and uppföljningar. Every change runs in one transaction with its audit event: a
 * refusal leaves nothing half-written.
 */
import {
  assignmentDeadline,
  checkTerm,
  DELEGATION_LISTING_DECISION,
  delegatedDecisionsListing,
  isAppointmentActiveOn,
  isGeneratedDelegationListing,
  isAssignmentOverdue,
  lastDayOfMonth,
  proposeAppointments,
  proposeFollowUp as proposeFollowUpFromItem,
  type AppointmentProposal,
  type AppointmentRole,
} from '../domain/follow-up/index.ts';
import { addDays, isIsoDate } from '../domain/legal-dates.ts';
import { isMeetingOpen } from '../domain/minutes-state.ts';
import type { AuditEventKind } from '../domain/audit-event.ts';
import { InputError, NotFoundError, RuleError, type Problem } from '../errors.ts';
import {
  appendAuditEvent,
  findBodyById,
  findOrganizationById,
  findOrganizationByName,
  findOrInsertCase,
  findPersonInOrganization,
  inTransaction,
  type Database,
} from '../storage/index.ts';
import {
  deleteGoal as deleteGoalRow,
  deleteIndicator as deleteIndicatorRow,
  deleteIndicatorFollowUp as deleteIndicatorFollowUpRow,
  findAppointmentById,
  findAppointmentFrom,
  findAssignmentById,
  findAssignmentFrom,
  findBodyMeetingsInMonth,
  findConfirmedAppointmentsIn,
  findConsultationById,
  findDelegatedDecisionFrom,
  findDelegatedDecisionsByIds,
  findDelegatedDecisionsForAgenda,
  findDelegatedDecisionsListedInMeeting,
  findOpenMeetingsOfBodyFrom,
  hasDelegatedDecisionsLinkedTo,
  listDecisionTexts,
  findFollowUpEntryScope,
  findGoalById,
  findIndicatorById,
  findParagraphRef,
  findParagraphRefByNumber,
  insertAppointment,
  insertAssignment,
  insertConsultation,
  insertDelegatedDecision,
  insertGoal,
  insertIndicator,
  listAppointmentRows,
  listAssignmentRows,
  listConsultationRows,
  listDelegatedDecisionRows,
  listGoalRows,
  listIndicatorFollowUpRows,
  listIndicatorRows,
  listMeetingParagraphs,
  updateAppointment,
  updateAssignment,
  updateConsultation,
  updateDelegatedDecisions,
  updateGoal as updateGoalRow,
  updateIndicator as updateIndicatorRow,
  upsertIndicatorFollowUp,
  type AppointmentListRow,
  type AppointmentRow,
  type AssignmentListRow,
  type ConsultationListRow,
  type DelegatedDecisionListRow,
  type FollowUpEntryScope,
  type GoalRow,
  type IndicatorFollowUpRow,
  type IndicatorRow,
  type ParagraphRef,
} from '../storage/follow-up.store.ts';
import { findMeetingById, type MeetingRow } from '../storage/minutes.store.ts';
import { findDelegationOrderItemById } from '../storage/delegation-order.store.ts';
import { requireRegisterKeeper } from './accounts.service.ts';
import { requireSecretaryOf } from './access.ts';
import { listParagraphsOfMeeting, replaceParagraphChildren, updateParagraphRow } from '../storage/meeting-cycle.store.ts';
import type { Actor } from './meeting-cycle.service.ts';

export type {
  AppointmentListRow,
  AssignmentListRow,
  ConsultationListRow,
  DelegatedDecisionListRow,
  FollowUpEntryScope,
  ParagraphRef,
} from '../storage/follow-up.store.ts';

const swedishOrder = new Intl.Collator('sv');

/**
 * Refuses unless the signed-in user acting keeps the registers of the scope (a secretary or administrator
 * of its organisation or body). The system (CLI, import, demo: no viewer) may. Checked inside each use
 * case that changes a register, on the organisation and body of the entry it really touches.
 */
function requireKeeper(actor: Actor | undefined, scope: { organizationId: string | null; bodyId?: string | null }): void {
  if (actor?.viewer) requireRegisterKeeper(actor.viewer, scope);
}

/** Appends the audit event of a register change, in the change's transaction, naming who made it. */
async function audit(
  tx: Database,
  actor: Actor | undefined,
  event: { kind: AuditEventKind; entityType: string; entityId: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await appendAuditEvent(tx, { ...event, actor: actor?.userId ?? actor?.name ?? null });
}

/**
 * Which register an entry (by id) is in, and its organisation and body, for access checks. With
 * `registers`, an entry of any other register is not found either (`<register>_not_found`).
 */
export async function scopeOfFollowUpEntry(db: Database, id: string, registers?: FollowUpEntryScope['register'][]): Promise<FollowUpEntryScope> {
  const scope = isUuid(id) ? await findFollowUpEntryScope(db, id) : null;
  if (!scope || (registers && !registers.includes(scope.register))) {
    const what = registers?.length === 1 ? registers[0]! : registers ? 'proposal' : 'entry';
    throw new NotFoundError(`${what}_not_found`, `no ${what.replace('_', ' ')} with id ${id}`, { id });
  }
  return scope;
}

/** The organisation and body of a §, for access checks; null when there is no such §. */
export async function scopeOfParagraph(db: Database, paragraphId: string): Promise<{ organizationId: string | null; bodyId: string } | null> {
  const ref = isUuid(paragraphId) ? await findParagraphRef(db, paragraphId) : null;
  return ref ? { organizationId: ref.organizationId, bodyId: ref.bodyId } : null;
}

/** How many proposals a meeting gave rise to (only new ones; a second run creates none). */
export interface ProposalCounts {
  assignments: number;
  appointments: number;
  delegatedDecisions: number;
}

/**
 * Reads every § of a stored meeting and stores what it proposes for the registers (uppdrag,
 * representation, delegationsbeslut) as `proposed` rows linked to the §. Runs in the caller's
 * transaction (the importer calls it after storing a meeting); running it twice creates no duplicates.
 */
export async function proposeFollowUpFromMeeting(tx: Database, meetingId: string): Promise<ProposalCounts> {
  const { meeting, paragraphs } = await listMeetingParagraphs(tx, meetingId);
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  const counts: ProposalCounts = { assignments: 0, appointments: 0, delegatedDecisions: 0 };
  for (const paragraph of paragraphs) {
    const item = { title: paragraph.title, decisions: paragraph.decisions.map((d) => d.text), text: paragraph.text ?? '' };
    const proposals = proposeFollowUpFromItem(item, meeting.heldOn);

    for (const proposal of proposals.assignments) {
      if (await findAssignmentFrom(tx, paragraph.id, proposal.description)) continue;
      let dueOn = assignmentDeadline(proposal);
      let dueMeetingId: string | null = null;
      if (proposal.dueMonth) {
        const [dueMeeting] = await findBodyMeetingsInMonth(tx, meeting.bodyId, proposal.dueMonth.year, proposal.dueMonth.month);
        if (dueMeeting) {
          dueMeetingId = dueMeeting.id;
          dueOn = dueMeeting.heldOn;
        }
      }
      await insertAssignment(tx, {
        paragraphId: paragraph.id,
        decisionPointId: paragraph.decisions[proposal.decisionIndex]?.id ?? null,
        assignee: proposal.assignee,
        description: proposal.description,
        dueOn,
        dueMeetingId,
        status: 'proposed',
      });
      counts.assignments++;
    }

    for (const proposal of proposals.appointments) {
      const key = { decidedParagraphId: paragraph.id, personName: proposal.personName, externalBody: proposal.externalBody, role: proposal.role };
      if (await findAppointmentFrom(tx, key)) continue;
      const person = await findPersonInOrganization(tx, meeting.organizationId, proposal.personName);
      if (proposal.kind === 'release') {
        // Only a release of a registered appointment can be applied; anything else has nothing to end.
        const ended = await activeAppointmentsOf(tx, meeting.organizationId, proposal);
        if (ended.length === 0) continue;
        await insertAppointment(tx, { ...key, organizationId: meeting.organizationId, personId: person?.id ?? null, startsOn: null, endsOn: meeting.heldOn, replacesId: ended[0]!.id, status: 'proposed' });
      } else {
        const termIsValid = !(proposal.startsOn && proposal.endsOn && proposal.endsOn < proposal.startsOn);
        await insertAppointment(tx, {
          ...key,
          organizationId: meeting.organizationId,
          personId: person?.id ?? null,
          startsOn: termIsValid ? proposal.startsOn : null,
          endsOn: termIsValid ? proposal.endsOn : null,
          status: 'proposed',
        });
      }
      counts.appointments++;
    }

    // An anmälan written from the register lists decisions it already has: reading them again would double them.
    const fromRegister = proposals.delegatedDecisions.length > 0 && (await hasDelegatedDecisionsLinkedTo(tx, paragraph.id));
    for (const proposal of fromRegister ? [] : proposals.delegatedDecisions) {
      const caseId = proposal.caseNumber ? await findOrInsertCase(tx, { organizationId: meeting.organizationId, caseNumber: proposal.caseNumber }) : null;
      if (await findDelegatedDecisionFrom(tx, { sourceParagraphId: paragraph.id, description: proposal.description, caseId })) continue;
      await insertDelegatedDecision(tx, {
        bodyId: meeting.bodyId,
        delegate: proposal.delegate,
        rulePoint: proposal.rulePoint,
        decidedOn: proposal.decidedOn,
        caseId,
        description: proposal.description,
        status: 'proposed',
        sourceParagraphId: paragraph.id,
      });
      counts.delegatedDecisions++;
    }
  }
  return counts;
}

/** Proposes follow-up for a stored meeting in a transaction of its own (see proposeFollowUpFromMeeting). */
export async function proposeFollowUp(db: Database, meetingId: string, actor?: Actor): Promise<ProposalCounts> {
  return inTransaction(db, async (tx) => {
    const meeting = isUuid(meetingId) ? await findMeetingById(tx, meetingId) : null;
    if (meeting) await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId });
    const counts = await proposeFollowUpFromMeeting(tx, meetingId);
    if (counts.assignments + counts.appointments + counts.delegatedDecisions > 0) {
      await audit(tx, actor, { kind: 'follow_up.proposed', entityType: 'meeting', entityId: meetingId, data: { ...counts } });
    }
    return counts;
  });
}

/** Which register a proposal belongs to, and its id. */
export interface ConfirmedProposal {
  register: 'assignment' | 'appointment' | 'delegated_decision';
  id: string;
  status: string;
}

/**
 * Confirms one proposal: an assignment becomes `open`, an appointment `confirmed` (a fyllnadsval ends
 * the appointment it replaces, an entledigande ends the one it names), and a delegated decision listed
 * in an anmälan becomes `reported` by that § (a registered one without an anmälan stays `registered`).
 */
export async function confirmProposal(db: Database, id: string, actor?: Actor): Promise<ConfirmedProposal> {
  return inTransaction(db, (tx) => confirmOne(tx, id, actor));
}

/**
 * Confirms every proposal of one organisation, of several (`organizationIds`: those the caller keeps),
 * or of all when neither is given; returns what was confirmed.
 */
export async function confirmAllProposals(
  db: Database,
  options: { organizationId?: string; organizationIds?: string[] } = {},
  actor?: Actor,
): Promise<ConfirmedProposal[]> {
  return inTransaction(db, async (tx) => {
    const filters = options.organizationId
      ? [{ organizationId: options.organizationId }]
      : options.organizationIds
        ? options.organizationIds.map((organizationId) => ({ organizationId }))
        : [{}];
    const confirmed: ConfirmedProposal[] = [];
    for (const filter of filters) {
      for (const row of await listAssignmentRows(tx, { ...filter, statuses: ['proposed'] })) confirmed.push(await confirmOne(tx, row.id, actor));
      // Appointments in decision order, so that a later fyllnadsval finds the appointment it replaces.
      for (const row of await listAppointmentRows(tx, { ...filter, statuses: ['proposed'] })) confirmed.push(await confirmOne(tx, row.id, actor));
      for (const row of await listDelegatedDecisionRows(tx, { ...filter, statuses: ['proposed'] })) confirmed.push(await confirmOne(tx, row.id, actor));
    }
    return confirmed;
  });
}

/** Confirms one proposal inside the caller's transaction (see confirmProposal). */
export async function confirmProposalInside(tx: Database, id: string, actor: Actor | undefined): Promise<ConfirmedProposal> {
  return confirmOne(tx, id, actor);
}

async function confirmOne(tx: Database, id: string, actor: Actor | undefined): Promise<ConfirmedProposal> {
  if (!isUuid(id)) throw new InputError({ path: 'id', code: 'invalid_id', message: `'${id}' is not an id` });
  if (actor?.viewer) requireKeeper(actor, await scopeOfFollowUpEntry(tx, id, ['assignment', 'appointment', 'delegated_decision']));
  const assignment = await findAssignmentById(tx, id);
  if (assignment) {
    refuseUnlessProposed(assignment.status, id);
    await updateAssignment(tx, id, { status: 'open' });
    await audit(tx, actor, { kind: 'assignment.confirmed', entityType: 'assignment', entityId: id, data: { status: 'open' } });
    return { register: 'assignment', id, status: 'open' };
  }
  const [delegated] = await findDelegatedDecisionsByIds(tx, [id]);
  if (delegated) {
    refuseUnlessProposed(delegated.status, id);
    const status = delegated.sourceParagraphId ? 'reported' : 'registered';
    await updateDelegatedDecisions(tx, [id], { status, reportedParagraphId: delegated.sourceParagraphId });
    await audit(tx, actor, { kind: 'delegated_decision.confirmed', entityType: 'delegated_decision', entityId: id, data: { status } });
    if (status === 'registered') await listOnNextAgenda(tx, delegated.bodyId, delegated.decidedOn);
    return { register: 'delegated_decision', id, status };
  }
  const appointment = await findAppointmentById(tx, id);
  if (appointment) {
    refuseUnlessProposed(appointment.status, id);
    const status = await confirmAppointment(tx, appointment, actor);
    await audit(tx, actor, { kind: 'appointment.confirmed', entityType: 'appointment', entityId: id, data: { status } });
    return { register: 'appointment', id, status };
  }
  throw new NotFoundError('proposal_not_found', `no proposal with id ${id}`, { id });
}

function refuseUnlessProposed(status: string, id: string): void {
  if (status !== 'proposed') {
    throw new RuleError('not_a_proposal', `entry ${id} is ${status} already, not a proposal`, { path: 'id', id, status });
  }
}

async function confirmAppointment(tx: Database, appointment: AppointmentRow, actor: Actor | undefined): Promise<string> {
  const source = appointment.decidedParagraphId ? await proposalBehind(tx, appointment) : null;
  const ref = appointment.decidedParagraphId ? await findParagraphRef(tx, appointment.decidedParagraphId) : null;
  const decidedOn = ref?.heldOn ?? null;
  if (source?.kind === 'release') {
    const targets = await activeAppointmentsOf(tx, appointment.organizationId, {
      personName: appointment.personName,
      externalBody: appointment.externalBody,
      role: appointment.role as AppointmentRole,
    });
    for (const target of targets) await endAppointment(tx, target, appointment.endsOn ?? decidedOn, actor, appointment.id);
    await updateAppointment(tx, appointment.id, { status: 'ended' });
    return 'ended';
  }
  let replacesId = appointment.replacesId;
  if (!replacesId && source?.fillIn) {
    const sameSeat = (await findConfirmedAppointmentsIn(tx, { organizationId: appointment.organizationId, externalBody: appointment.externalBody })).filter(
      (a) => a.id !== appointment.id,
    );
    const named = source.replacesName ? sameSeat.filter((a) => a.personName === source.replacesName) : [];
    const sameRole = sameSeat.filter((a) => a.role === appointment.role);
    const replaced = named[0] ?? (sameRole.length === 1 ? sameRole[0] : undefined);
    replacesId = replaced?.id ?? null;
  }
  if (replacesId) {
    const replaced = await findAppointmentById(tx, replacesId);
    if (replaced && replaced.status === 'confirmed') {
      const start = appointment.startsOn ?? decidedOn;
      await endAppointment(tx, replaced, start ? addDays(start, -1) : null, actor, appointment.id);
    }
  }
  await updateAppointment(tx, appointment.id, { status: 'confirmed', replacesId, startsOn: appointment.startsOn ?? decidedOn });
  return 'confirmed';
}

async function endAppointment(tx: Database, appointment: AppointmentRow, endsOn: string | null, actor: Actor | undefined, endedBy: string): Promise<void> {
  // Never end before the start: a replacement decided the day a term began ends it that day.
  const end = endsOn && appointment.startsOn && endsOn < appointment.startsOn ? appointment.startsOn : endsOn;
  await updateAppointment(tx, appointment.id, { status: 'ended', endsOn: end ?? appointment.endsOn });
  await audit(tx, actor, { kind: 'appointment.ended', entityType: 'appointment', entityId: appointment.id, data: { endsOn: end ?? appointment.endsOn, endedBy } });
}

/** The val or entledigande of the decided § that this appointment row was proposed from. */
async function proposalBehind(tx: Database, appointment: AppointmentRow): Promise<AppointmentProposal | null> {
  const ref = await findParagraphRef(tx, appointment.decidedParagraphId!);
  if (!ref) return null;
  const { paragraphs } = await listMeetingParagraphs(tx, ref.meetingId);
  const paragraph = paragraphs.find((p) => p.id === ref.paragraphId);
  if (!paragraph) return null;
  const proposals = proposeAppointments({ title: paragraph.title, decisions: paragraph.decisions.map((d) => d.text), text: paragraph.text ?? '' }, ref.heldOn);
  return (
    proposals.find((p) => p.personName === appointment.personName && p.externalBody === appointment.externalBody && p.role === appointment.role) ?? null
  );
}

async function activeAppointmentsOf(
  tx: Database,
  organizationId: string | null,
  who: { personName: string; externalBody: string; role: AppointmentRole },
): Promise<AppointmentRow[]> {
  const inBody = await findConfirmedAppointmentsIn(tx, { organizationId, externalBody: who.externalBody });
  return inBody.filter((a) => a.personName === who.personName);
}

// Uppdrag

/** An assignment as the register shows it, and whether it is overdue on `today`. */
export interface AssignmentEntry extends AssignmentListRow {
  overdue: boolean;
}

/** Filters of the assignment register. */
export interface AssignmentFilter {
  organizationId?: string;
  bodyId?: string;
  /** Only the assignments of this person or role ("Förbundschefen"), compared without case. */
  assignee?: string;
  /** open (default): confirmed and not reported back; overdue: open and past due on `today`; all. */
  status?: 'open' | 'overdue' | 'proposed' | 'reported' | 'all';
  /** The day to judge overdue on (YYYY-MM-DD). */
  today: string;
}

/** The assignment register (uppdragsförteckning): open, overdue or all, per body or person. */
export async function listAssignments(db: Database, filter: AssignmentFilter): Promise<AssignmentEntry[]> {
  checkDate(filter.today, 'today');
  const status = filter.status ?? 'open';
  const statuses = status === 'all' ? undefined : status === 'overdue' ? ['open'] : [status];
  const rows = await listAssignmentRows(db, {
    ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
    ...(filter.bodyId ? { bodyId: filter.bodyId } : {}),
    ...(statuses ? { statuses } : {}),
  });
  const wanted = filter.assignee?.trim();
  return rows
    .map((row) => ({ ...row, overdue: isAssignmentOverdue(row, filter.today) }))
    .filter((row) => status !== 'overdue' || row.overdue)
    .filter((row) => !wanted || (row.assignee !== null && swedishOrder.compare(row.assignee.toLocaleLowerCase('sv'), wanted.toLocaleLowerCase('sv')) === 0));
}

/**
 * Closes an open assignment with its report-back (återrapportering) in a later § of the same body.
 * Refused, with nothing changed, for a § of another body or not after the assignment.
 */
export async function reportBackAssignment(db: Database, input: { assignmentId: string; paragraphId: string }, actor?: Actor): Promise<AssignmentEntry> {
  return inTransaction(db, async (tx) => {
    const assignment = await findAssignmentById(tx, input.assignmentId);
    if (!assignment) throw new NotFoundError('assignment_not_found', `no assignment with id ${input.assignmentId}`, { assignmentId: input.assignmentId });
    if (assignment.status !== 'open') {
      const code = assignment.status === 'reported' ? 'assignment_already_reported' : 'assignment_not_open';
      throw new RuleError(code, `the assignment is ${assignment.status}; only an open assignment can be reported back`, { path: 'assignmentId', status: assignment.status });
    }
    const source = (await findParagraphRef(tx, assignment.paragraphId))!;
    requireKeeper(actor, { organizationId: source.organizationId, bodyId: source.bodyId });
    const target = await paragraphOrThrow(tx, input.paragraphId, 'paragraphId');
    if (target.bodyId !== source.bodyId) {
      throw new RuleError(
        'report_back_other_body',
        `the assignment was given by ${source.bodyName} and must be reported back to ${source.bodyName}, not to ${target.bodyName}`,
        { path: 'paragraphId', assignmentBodyId: source.bodyId, paragraphBodyId: target.bodyId },
      );
    }
    if (source.heldOn && target.heldOn && target.heldOn <= source.heldOn) {
      throw new RuleError('report_back_not_later', `the report-back § (${target.heldOn}) must come after the decision (${source.heldOn})`, {
        path: 'paragraphId',
      });
    }
    await updateAssignment(tx, assignment.id, { status: 'reported', reportedParagraphId: target.paragraphId });
    await audit(tx, actor, { kind: 'assignment.reported', entityType: 'assignment', entityId: assignment.id, data: { paragraphId: target.paragraphId } });
    const [row] = await listAssignmentRows(tx, { ids: [assignment.id] });
    return { ...row!, overdue: false };
  });
}

/**
 * Återrapporteringar due at a body's meeting on `meetingOn`, for its agenda: open assignments of the
 * body due at that meeting, in its month, or earlier (those are overdue).
 */
export async function dueReportBacks(db: Database, bodyId: string, meetingOn: string): Promise<AssignmentEntry[]> {
  checkDate(meetingOn, 'meetingOn');
  const monthEnd = lastDayOfMonth({ year: Number(meetingOn.slice(0, 4)), month: Number(meetingOn.slice(5, 7)) });
  const rows = await listAssignmentRows(db, { bodyId, statuses: ['open'] });
  return rows
    .filter((row) => row.dueOn !== null && row.dueOn <= monthEnd)
    .map((row) => ({ ...row, overdue: isAssignmentOverdue(row, meetingOn) }));
}

// Delegationsbeslut

/** A delegated decision as the register shows it. */
export interface DelegatedDecisionEntry extends DelegatedDecisionListRow {
  /** The § of a coming meeting whose anmälan lists it; it is reported (`reportedIn`) once those minutes are adjusted. */
  listedIn: ParagraphRef | null;
}

/** What registering a delegationsbeslut needs. */
export interface DelegatedDecisionInput {
  bodyId: string;
  delegate: string;
  description: string;
  decidedOn: string;
  caseNumber?: string | null;
  rulePoint?: string | null;
  /** The point of the delegationsordning (as data) it was taken under; its code becomes the rule point. */
  delegationItemId?: string | null;
}

/** Registers a decision taken under delegation, to be reported to the body at its next meeting. */
export async function registerDelegatedDecision(db: Database, input: DelegatedDecisionInput, actor?: Actor): Promise<DelegatedDecisionEntry> {
  const problems: Problem[] = [];
  if (!input.delegate?.trim()) problems.push({ path: 'delegate', code: 'required', message: 'name who decided (the delegate)' });
  if (!input.description?.trim()) problems.push({ path: 'description', code: 'required', message: 'say what was decided' });
  if (!isIsoDate(input.decidedOn ?? '')) problems.push({ path: 'decidedOn', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${input.decidedOn}'` });
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    const body = await findBodyById(tx, input.bodyId);
    if (!body) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${input.bodyId}` });
    if (actor?.viewer) requireRegisterKeeper(actor.viewer, { organizationId: body.organizationId, bodyId: body.id });
    const item = input.delegationItemId ? await delegationItemOrThrow(tx, input.delegationItemId, body.id, input.decidedOn) : null;
    const caseId = input.caseNumber ? await findOrInsertCase(tx, { organizationId: body.organizationId, caseNumber: input.caseNumber.trim() }) : null;
    const row = await insertDelegatedDecision(tx, {
      bodyId: body.id,
      delegate: input.delegate.trim(),
      description: input.description.trim(),
      decidedOn: input.decidedOn,
      caseId,
      rulePoint: item?.code ?? input.rulePoint ?? null,
      delegationItemId: item?.id ?? null,
      status: 'registered',
    });
    await audit(tx, actor, { kind: 'delegated_decision.registered', entityType: 'delegated_decision', entityId: row.id, data: { bodyId: body.id } });
    await listOnNextAgenda(tx, body.id, input.decidedOn);
    return (await delegatedEntries(tx, { bodyId: body.id })).find((e) => e.id === row.id)!;
  });
}

/** The point of the delegationsordning a decision is entered against: of the same body, and in force on the day. */
async function delegationItemOrThrow(tx: Database, id: string, bodyId: string, decidedOn: string) {
  const item = isUuid(id) ? await findDelegationOrderItemById(tx, id) : null;
  if (!item || item.bodyId !== bodyId) {
    throw new InputError({ path: 'delegationItemId', code: 'unknown_delegation_item', message: `no point ${id} in the body's delegationsordning` });
  }
  if (decidedOn < item.validFrom || (item.validTo !== null && decidedOn > item.validTo)) {
    throw new InputError({
      path: 'decidedOn',
      code: 'delegation_item_not_in_force',
      message: `point ${item.code} of the delegationsordning was in force ${item.validFrom} to ${item.validTo ?? 'now'}, not on ${decidedOn}`,
    });
  }
  return item;
}

/** Delegated decisions of an organisation or body; `unreported` gives those still to be reported (anmälas). */
export async function listDelegatedDecisions(
  db: Database,
  filter: { organizationId?: string; bodyId?: string; status?: 'unreported' | 'proposed' | 'reported' | 'all' },
): Promise<DelegatedDecisionEntry[]> {
  const status = filter.status ?? 'all';
  const statuses = status === 'unreported' ? ['registered'] : status === 'all' ? undefined : [status];
  return delegatedEntries(db, {
    ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
    ...(filter.bodyId ? { bodyId: filter.bodyId } : {}),
    ...(statuses ? { statuses } : {}),
  });
}

/** The registered decisions a body has not yet been told of: the "Anmälan av delegationsbeslut" of its next meeting. */
export async function unreportedDelegatedDecisions(db: Database, bodyId: string): Promise<DelegatedDecisionEntry[]> {
  return listDelegatedDecisions(db, { bodyId, status: 'unreported' });
}

async function delegatedEntries(db: Database, filter: Parameters<typeof listDelegatedDecisionRows>[1]): Promise<DelegatedDecisionEntry[]> {
  // One column links a decision to its anmälan §: before the minutes are adjusted it is only listed there.
  return (await listDelegatedDecisionRows(db, filter)).map((row) =>
    row.status === 'reported' ? { ...row, listedIn: null } : { ...row, reportedIn: null, listedIn: row.reportedIn },
  );
}

/**
 * Marks registered delegated decisions as reported (anmälda) by a § of the body they belong to. A
 * decision reported already, or a § of another body, refuses the whole step and changes nothing.
 */
export async function reportDelegatedDecisions(db: Database, input: { ids: string[]; paragraphId: string }, actor?: Actor): Promise<DelegatedDecisionEntry[]> {
  if (input.ids.length === 0) throw new InputError({ path: 'ids', code: 'required', message: 'name at least one delegated decision' });
  return inTransaction(db, async (tx) => {
    const target = await paragraphOrThrow(tx, input.paragraphId, 'paragraphId');
    requireKeeper(actor, { organizationId: target.organizationId, bodyId: target.bodyId });
    const rows = await findDelegatedDecisionsByIds(tx, input.ids.filter(isUuid));
    const problems: Problem[] = [];
    input.ids.forEach((id, index) => {
      if (!rows.some((r) => r.id === id)) problems.push({ path: `ids[${index}]`, code: 'unknown_delegated_decision', message: `no delegated decision with id ${id}` });
    });
    if (problems.length) throw new InputError(problems);
    const reported = input.ids.flatMap((id, index) => (rows.find((r) => r.id === id)!.status === 'reported' ? [`ids[${index}]`] : []));
    if (reported.length) {
      throw new RuleError('delegated_decision_already_reported', `already reported: ${reported.join(', ')}; a delegated decision is reported once`, {
        path: reported[0],
        paths: reported,
      });
    }
    const unconfirmed = input.ids.flatMap((id, index) => (rows.find((r) => r.id === id)!.status === 'proposed' ? [`ids[${index}]`] : []));
    if (unconfirmed.length) {
      throw new RuleError('delegated_decision_not_confirmed', `confirm the proposals first: ${unconfirmed.join(', ')}`, { path: unconfirmed[0], paths: unconfirmed });
    }
    const otherBody = input.ids.flatMap((id, index) => (rows.find((r) => r.id === id)!.bodyId !== target.bodyId ? [`ids[${index}]`] : []));
    if (otherBody.length) {
      throw new RuleError('report_in_other_body', `the decisions ${otherBody.join(', ')} are reported to another body than ${target.bodyName}`, {
        path: otherBody[0],
        paths: otherBody,
      });
    }
    await updateDelegatedDecisions(tx, input.ids, { status: 'reported', reportedParagraphId: target.paragraphId });
    for (const id of input.ids) {
      await audit(tx, actor, { kind: 'delegated_decision.reported', entityType: 'delegated_decision', entityId: id, data: { paragraphId: target.paragraphId } });
    }
    return (await delegatedEntries(tx, { bodyId: target.bodyId })).filter((e) => input.ids.includes(e.id));
  });
}

/**
 * Writes the registered delegated decisions the body has not been told of into the "Anmälan av
 * delegationsbeslut" § of a meeting not yet finalised, and links them to that §; they become reported
 * when the minutes are adjusted. A text the secretary wrote is kept (the decisions are still linked), and
 * decisions listed by another open meeting stay there. Runs inside the caller's transaction.
 */
export async function listDelegatedDecisionsOnAgenda(tx: Database, meeting: MeetingRow): Promise<DelegatedDecisionsOnAgenda | null> {
  if (!meeting.heldOn || !isMeetingOpen(meeting.status)) return null;
  const item = (await listParagraphsOfMeeting(tx, meeting.id)).find((p) => p.agendaKind === 'delegated_decisions');
  if (!item) return null;
  const listed = await findDelegatedDecisionsForAgenda(tx, { bodyId: meeting.bodyId, upTo: meeting.heldOn, paragraphId: item.id });
  const newlyListed = listed.filter((d) => d.listedParagraphId !== item.id).map((d) => d.id);
  await updateDelegatedDecisions(tx, newlyListed, { reportedParagraphId: item.id });
  if (isGeneratedDelegationListing(item.text)) {
    await updateParagraphRow(tx, item.id, { text: delegatedDecisionsListing(listed) });
    const decisions = await listDecisionTexts(tx, item.id);
    if (listed.length > 0 && decisions.length === 0) await replaceParagraphChildren(tx, item.id, { decisions: [DELEGATION_LISTING_DECISION] });
  }
  return { paragraphId: item.id, number: item.number, delegatedDecisionIds: listed.map((d) => d.id) };
}

/** What an agenda's anmälan lists. */
export interface DelegatedDecisionsOnAgenda {
  paragraphId: string;
  number: number | null;
  delegatedDecisionIds: string[];
}

/** Refreshes the anmälan of a meeting (after decisions were registered since it was planned), with its audit event. */
export async function refreshDelegatedDecisionsOnAgenda(db: Database, meetingId: string, actor?: Actor): Promise<DelegatedDecisionsOnAgenda> {
  return inTransaction(db, async (tx) => {
    const meeting = await findMeetingById(tx, meetingId);
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId });
    const result = await listDelegatedDecisionsOnAgenda(tx, meeting);
    if (!result) {
      throw new RuleError('no_delegation_item', 'the meeting has no "Anmälan av delegationsbeslut" item that can still change', { meetingId });
    }
    await audit(tx, actor, { kind: 'minutes.saved', entityType: 'paragraph', entityId: result.paragraphId, data: { delegatedDecisions: result.delegatedDecisionIds.length } });
    return result;
  });
}

/** The delegated decisions a meeting's §§ list are reported (anmälda) once its minutes are adjusted. */
export async function reportDelegatedDecisionsListedIn(tx: Database, meeting: Pick<MeetingRow, 'id'>, actor?: Actor): Promise<string[]> {
  const ids = await findDelegatedDecisionsListedInMeeting(tx, meeting.id);
  await updateDelegatedDecisions(tx, ids, { status: 'reported' });
  for (const id of ids) {
    await audit(tx, actor, { kind: 'delegated_decision.reported', entityType: 'delegated_decision', entityId: id, data: { meetingId: meeting.id } });
  }
  return ids;
}

/** A delegated decision that became registered goes on the anmälan of the body's next open meeting from its date. */
async function listOnNextAgenda(tx: Database, bodyId: string, decidedOn: string | null): Promise<void> {
  if (!decidedOn) return;
  for (const meeting of await findOpenMeetingsOfBodyFrom(tx, bodyId, decidedOn)) {
    if (await listDelegatedDecisionsOnAgenda(tx, meeting)) return;
  }
}

// Representation

/** An appointment as the representation register shows it; `since` is the start, or the decision date. */
export interface AppointmentEntry extends AppointmentListRow {
  since: string | null;
}

/** What registering an appointment by hand needs. */
export interface AppointmentInput {
  organizationId: string;
  personName: string;
  externalBody: string;
  role: AppointmentRole;
  startsOn?: string | null;
  endsOn?: string | null;
  /** The § that decided it. */
  decidedParagraphId?: string | null;
  /** Fyllnadsval: the appointment this one replaces, which ends the day before this one starts. */
  replacesId?: string | null;
}

/** Registers a confirmed appointment; refuses a term that ends before it starts, with nothing stored. */
export async function registerAppointment(db: Database, input: AppointmentInput, actor?: Actor): Promise<AppointmentEntry> {
  const problems: Problem[] = [];
  if (!input.personName?.trim()) problems.push({ path: 'personName', code: 'required', message: 'name the person appointed' });
  if (!input.externalBody?.trim()) problems.push({ path: 'externalBody', code: 'required', message: 'name the body the person is appointed to' });
  if (input.role !== 'ordinary' && input.role !== 'substitute') problems.push({ path: 'role', code: 'invalid_role', message: "expected 'ordinary' or 'substitute'" });
  if (problems.length) throw new InputError(problems);
  checkTerm({ startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null });
  return inTransaction(db, async (tx) => {
    if (!(await findOrganizationById(tx, input.organizationId))) {
      throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${input.organizationId}` });
    }
    requireKeeper(actor, { organizationId: input.organizationId });
    const decided = input.decidedParagraphId ? await paragraphOrThrow(tx, input.decidedParagraphId, 'decidedParagraphId') : null;
    if (decided) requireSameOrganization(decided, input.organizationId, 'decidedParagraphId');
    const person = await findPersonInOrganization(tx, input.organizationId, input.personName.trim());
    const row = await insertAppointment(tx, {
      organizationId: input.organizationId,
      personId: person?.id ?? null,
      personName: input.personName.trim(),
      externalBody: input.externalBody.trim(),
      role: input.role,
      startsOn: input.startsOn ?? decided?.heldOn ?? null,
      endsOn: input.endsOn ?? null,
      decidedParagraphId: decided?.paragraphId ?? null,
      replacesId: input.replacesId ?? null,
      status: 'proposed',
    });
    if (input.replacesId) {
      const replaced = await findAppointmentById(tx, input.replacesId);
      if (!replaced || replaced.status !== 'confirmed' || replaced.organizationId !== input.organizationId) {
        throw new InputError({ path: 'replacesId', code: 'unknown_appointment', message: `no appointment in force with id ${input.replacesId}` });
      }
    }
    await confirmAppointment(tx, row, actor);
    await audit(tx, actor, { kind: 'appointment.registered', entityType: 'appointment', entityId: row.id, data: { replacesId: input.replacesId ?? null } });
    const [entry] = await listAppointmentRows(tx, { ids: [row.id] });
    return appointmentEntry(entry!);
  });
}

/** Ends an appointment on a day (entledigande, or the term ran out early). */
export async function endAppointmentOn(db: Database, input: { appointmentId: string; endsOn: string }, actor?: Actor): Promise<AppointmentEntry> {
  return inTransaction(db, async (tx) => {
    const appointment = await findAppointmentById(tx, input.appointmentId);
    if (!appointment) throw new NotFoundError('appointment_not_found', `no appointment with id ${input.appointmentId}`, {});
    requireKeeper(actor, { organizationId: appointment.organizationId });
    checkDate(input.endsOn, 'endsOn');
    if (appointment.status !== 'confirmed') throw new RuleError('appointment_not_in_force', `the appointment is ${appointment.status}`, { path: 'appointmentId' });
    checkTerm({ startsOn: appointment.startsOn, endsOn: input.endsOn });
    await updateAppointment(tx, appointment.id, { status: 'ended', endsOn: input.endsOn });
    await audit(tx, actor, { kind: 'appointment.ended', entityType: 'appointment', entityId: appointment.id, data: { endsOn: input.endsOn } });
    const [entry] = await listAppointmentRows(tx, { ids: [appointment.id] });
    return appointmentEntry(entry!);
  });
}

/**
 * The representation register: who represents the organisation where, since when and by which
 * decision. By default those in force on `activeOn` (or all confirmed); `all` includes ended and proposed.
 */
export async function listAppointments(
  db: Database,
  filter: { organizationId?: string; status?: 'active' | 'proposed' | 'all'; activeOn?: string },
): Promise<AppointmentEntry[]> {
  if (filter.activeOn) checkDate(filter.activeOn, 'activeOn');
  const status = filter.status ?? 'active';
  const rows = await listAppointmentRows(db, {
    ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
    ...(status === 'active' ? { statuses: ['confirmed'] } : status === 'proposed' ? { statuses: ['proposed'] } : {}),
  });
  return rows
    .filter((row) => status !== 'active' || !filter.activeOn || isAppointmentActiveOn(row, filter.activeOn))
    .map(appointmentEntry)
    .sort((a, b) => swedishOrder.compare(a.externalBody, b.externalBody) || a.role.localeCompare(b.role) || swedishOrder.compare(a.personName, b.personName));
}

function appointmentEntry(row: AppointmentListRow): AppointmentEntry {
  return { ...row, since: row.startsOn ?? row.decidedIn?.heldOn ?? null };
}

// Remisser

/** A remiss in the register, and whether it is past its deadline unanswered on `today`. */
export interface ConsultationEntry extends ConsultationListRow {
  overdue: boolean;
}

/** Registers a remiss received, with its deadline. */
export async function registerConsultation(
  db: Database,
  input: { organizationId: string; sender: string; title: string; caseNumber?: string | null; receivedOn?: string | null; dueOn?: string | null },
  actor?: Actor,
): Promise<ConsultationEntry> {
  const problems: Problem[] = [];
  if (!input.sender?.trim()) problems.push({ path: 'sender', code: 'required', message: 'name who sent the remiss' });
  if (!input.title?.trim()) problems.push({ path: 'title', code: 'required', message: 'give the title of the remiss' });
  for (const field of ['receivedOn', 'dueOn'] as const) {
    const value = input[field];
    if (value && !isIsoDate(value)) problems.push({ path: field, code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${value}'` });
  }
  if (!problems.length && input.receivedOn && input.dueOn && input.dueOn < input.receivedOn) {
    problems.push({ path: 'dueOn', code: 'due_before_received', message: 'the deadline is before the remiss was received' });
  }
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    const organization = await findOrganizationById(tx, input.organizationId);
    if (!organization) throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${input.organizationId}` });
    requireKeeper(actor, { organizationId: organization.id });
    const caseId = input.caseNumber ? await findOrInsertCase(tx, { organizationId: organization.id, caseNumber: input.caseNumber, title: input.title }) : null;
    const row = await insertConsultation(tx, {
      organizationId: organization.id,
      sender: input.sender.trim(),
      title: input.title.trim(),
      caseId,
      receivedOn: input.receivedOn ?? null,
      dueOn: input.dueOn ?? null,
    });
    await audit(tx, actor, { kind: 'consultation.registered', entityType: 'consultation', entityId: row.id });
    const entry = (await listConsultationRows(tx, { organizationId: organization.id })).find((c) => c.id === row.id)!;
    return { ...entry, overdue: false };
  });
}

/** Records the § that decided the answer to a remiss, and the answer file when there is one. */
export async function answerConsultation(
  db: Database,
  input: { consultationId: string; paragraphId: string; answerFileId?: string | null },
  actor?: Actor,
): Promise<ConsultationEntry> {
  return inTransaction(db, async (tx) => {
    const consultation = await findConsultationById(tx, input.consultationId);
    if (!consultation) throw new NotFoundError('consultation_not_found', `no remiss with id ${input.consultationId}`, {});
    requireKeeper(actor, { organizationId: consultation.organizationId });
    if (consultation.answeredParagraphId) throw new RuleError('consultation_already_answered', 'the remiss is answered already', { path: 'consultationId' });
    const target = await paragraphOrThrow(tx, input.paragraphId, 'paragraphId');
    if (consultation.organizationId && target.organizationId !== consultation.organizationId) {
      throw new RuleError('answer_in_other_organization', `the § belongs to another organisation than the remiss`, { path: 'paragraphId' });
    }
    await updateConsultation(tx, consultation.id, { answeredParagraphId: target.paragraphId, answerFileId: input.answerFileId ?? null });
    await audit(tx, actor, { kind: 'consultation.answered', entityType: 'consultation', entityId: consultation.id, data: { paragraphId: target.paragraphId } });
    const entry = (await listConsultationRows(tx, consultation.organizationId ? { organizationId: consultation.organizationId } : {})).find((c) => c.id === consultation.id)!;
    return { ...entry, overdue: false };
  });
}

/** The remiss register: each with its deadline, the answering § and whether it is overdue on `today`. */
export async function listConsultations(db: Database, filter: { organizationId?: string; today: string; unanswered?: boolean }): Promise<ConsultationEntry[]> {
  checkDate(filter.today, 'today');
  const rows = await listConsultationRows(db, filter.organizationId ? { organizationId: filter.organizationId } : {});
  return rows
    .map((row) => ({ ...row, overdue: row.answeredIn === null && row.dueOn !== null && row.dueOn < filter.today }))
    .filter((row) => !filter.unanswered || row.answeredIn === null);
}

// Mål, indikatorer, uppföljningar

/** Uppföljningsperioder: the three tertials and the whole year. */
export const FOLLOW_UP_PERIODS = ['T1', 'T2', 'T3', 'helår'] as const;
/** A follow-up period: tertial 1–3 or helår. */
export type FollowUpPeriod = (typeof FOLLOW_UP_PERIODS)[number];

/** A goal with its indicators and their follow-ups. */
export interface GoalEntry extends GoalRow {
  indicators: (IndicatorRow & { followUps: IndicatorFollowUpRow[] })[];
}

/** What a goal (mål) needs. */
export interface GoalInput {
  organizationId: string;
  planYear: number;
  area: string;
  title: string;
  description?: string | null;
  bodyId?: string | null;
  position?: number;
  decidedParagraphId?: string | null;
}

/** Adds a goal of the operational plan (verksamhetsplan) for an area and year. */
export async function createGoal(db: Database, input: GoalInput, actor?: Actor): Promise<GoalEntry> {
  checkGoal(input);
  return inTransaction(db, async (tx) => {
    if (!(await findOrganizationById(tx, input.organizationId))) {
      throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${input.organizationId}` });
    }
    requireKeeper(actor, { organizationId: input.organizationId });
    if (input.bodyId) {
      const body = await findBodyById(tx, input.bodyId);
      if (!body || body.organizationId !== input.organizationId) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${input.bodyId} in the organisation` });
    }
    if (input.decidedParagraphId) requireSameOrganization(await paragraphOrThrow(tx, input.decidedParagraphId, 'decidedParagraphId'), input.organizationId, 'decidedParagraphId');
    const row = await insertGoal(tx, {
      organizationId: input.organizationId,
      planYear: input.planYear,
      area: input.area.trim(),
      title: input.title.trim(),
      description: input.description ?? null,
      bodyId: input.bodyId ?? null,
      position: input.position ?? 0,
      decidedParagraphId: input.decidedParagraphId ?? null,
    });
    await audit(tx, actor, { kind: 'goal.created', entityType: 'goal', entityId: row.id, data: { planYear: row.planYear, area: row.area } });
    return { ...row, indicators: [] };
  });
}

/** Changes a goal's area, title, description, body or position. */
export async function updateGoal(db: Database, goalId: string, changes: Partial<Omit<GoalInput, 'organizationId'>>, actor?: Actor): Promise<GoalEntry> {
  if (changes.area !== undefined || changes.title !== undefined || changes.planYear !== undefined) {
    checkGoal({ area: changes.area ?? 'x', title: changes.title ?? 'x', planYear: changes.planYear ?? 2000 });
  }
  return inTransaction(db, async (tx) => {
    const goal = await findGoalById(tx, goalId);
    if (!goal) throw new NotFoundError('goal_not_found', `no goal with id ${goalId}`, { goalId });
    requireKeeper(actor, { organizationId: goal.organizationId });
    await updateGoalRow(tx, goalId, changes);
    await audit(tx, actor, { kind: 'goal.updated', entityType: 'goal', entityId: goalId, data: { fields: Object.keys(changes) } });
    return (await goalEntries(tx, { organizationId: goal.organizationId })).find((g) => g.id === goalId)!;
  });
}

/** Removes a goal with its indicators and follow-ups. */
export async function deleteGoal(db: Database, goalId: string, actor?: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const goal = await findGoalById(tx, goalId);
    if (!goal) throw new NotFoundError('goal_not_found', `no goal with id ${goalId}`, { goalId });
    requireKeeper(actor, { organizationId: goal.organizationId });
    await deleteGoalRow(tx, goalId);
    await audit(tx, actor, { kind: 'goal.deleted', entityType: 'goal', entityId: goalId, data: { title: goal.title, planYear: goal.planYear } });
  });
}

/** The goals of an organisation (of one plan year), by area and position, with indicators and follow-ups. */
export async function listGoals(db: Database, filter: { organizationId: string; planYear?: number }): Promise<GoalEntry[]> {
  return goalEntries(db, filter);
}

async function goalEntries(db: Database, filter: { organizationId: string; planYear?: number }): Promise<GoalEntry[]> {
  const goalRows = await listGoalRows(db, filter);
  const indicatorRows = await listIndicatorRows(db, goalRows.map((g) => g.id));
  const followUps = await listIndicatorFollowUpRows(db, indicatorRows.map((i) => i.id));
  const periodOrder = (p: string) => FOLLOW_UP_PERIODS.indexOf(p as FollowUpPeriod);
  return goalRows
    .sort((a, b) => a.planYear - b.planYear || swedishOrder.compare(a.area, b.area) || a.position - b.position)
    .map((goal) => ({
      ...goal,
      indicators: indicatorRows
        .filter((i) => i.goalId === goal.id)
        .map((indicator) => ({
          ...indicator,
          followUps: followUps.filter((f) => f.indicatorId === indicator.id).sort((a, b) => a.year - b.year || periodOrder(a.period) - periodOrder(b.period)),
        })),
    }));
}

function checkGoal(input: { area: string; title: string; planYear: number }): void {
  const problems: Problem[] = [];
  if (!input.area?.trim()) problems.push({ path: 'area', code: 'required', message: 'name the area (verksamhetsområde)' });
  if (!input.title?.trim()) problems.push({ path: 'title', code: 'required', message: 'give the goal a title' });
  if (!Number.isInteger(input.planYear) || input.planYear < 1900 || input.planYear > 2200) {
    problems.push({ path: 'planYear', code: 'invalid_year', message: `expected a year, got ${input.planYear}` });
  }
  if (problems.length) throw new InputError(problems);
}

/** Adds an indicator with its target to a goal. */
export async function createIndicator(
  db: Database,
  input: { goalId: string; title: string; unit?: string | null; baseline?: string | null; targetValue?: string | null; position?: number },
  actor?: Actor,
): Promise<IndicatorRow> {
  if (!input.title?.trim()) throw new InputError({ path: 'title', code: 'required', message: 'give the indicator a title' });
  return inTransaction(db, async (tx) => {
    const goal = await findGoalById(tx, input.goalId);
    if (!goal) throw new InputError({ path: 'goalId', code: 'unknown_goal', message: `no goal with id ${input.goalId}` });
    requireKeeper(actor, { organizationId: goal.organizationId });
    const row = await insertIndicator(tx, {
      goalId: input.goalId,
      title: input.title.trim(),
      unit: input.unit ?? null,
      baseline: input.baseline ?? null,
      targetValue: input.targetValue ?? null,
      position: input.position ?? 0,
    });
    await audit(tx, actor, { kind: 'indicator.created', entityType: 'indicator', entityId: row.id, data: { goalId: input.goalId } });
    return row;
  });
}

/** Changes an indicator's title, unit, baseline, target or position. */
export async function updateIndicator(
  db: Database,
  indicatorId: string,
  changes: { title?: string; unit?: string | null; baseline?: string | null; targetValue?: string | null; position?: number },
  actor?: Actor,
): Promise<IndicatorRow> {
  if (changes.title !== undefined && !changes.title.trim()) throw new InputError({ path: 'title', code: 'required', message: 'give the indicator a title' });
  return inTransaction(db, async (tx) => {
    if (!(await findIndicatorById(tx, indicatorId))) throw new NotFoundError('indicator_not_found', `no indicator with id ${indicatorId}`, { indicatorId });
    await requireKeeperOfIndicator(tx, actor, indicatorId);
    await updateIndicatorRow(tx, indicatorId, changes);
    await audit(tx, actor, { kind: 'indicator.updated', entityType: 'indicator', entityId: indicatorId, data: { fields: Object.keys(changes) } });
    return (await findIndicatorById(tx, indicatorId))!;
  });
}

/** Removes an indicator with its follow-ups. */
export async function deleteIndicator(db: Database, indicatorId: string, actor?: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    if (!(await findIndicatorById(tx, indicatorId))) throw new NotFoundError('indicator_not_found', `no indicator with id ${indicatorId}`, { indicatorId });
    await requireKeeperOfIndicator(tx, actor, indicatorId);
    await deleteIndicatorRow(tx, indicatorId);
    await audit(tx, actor, { kind: 'indicator.deleted', entityType: 'indicator', entityId: indicatorId });
  });
}

/** Records (or replaces) the follow-up of an indicator for a tertial or the whole year. */
export async function recordIndicatorFollowUp(
  db: Database,
  input: { indicatorId: string; year: number; period: string; value?: string | null; comment?: string | null; reportedParagraphId?: string | null },
  actor?: Actor,
): Promise<IndicatorFollowUpRow> {
  const problems: Problem[] = [];
  if (!FOLLOW_UP_PERIODS.includes(input.period as FollowUpPeriod)) {
    problems.push({ path: 'period', code: 'invalid_period', message: `expected one of ${FOLLOW_UP_PERIODS.join(', ')}, got '${input.period}'` });
  }
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 2200) problems.push({ path: 'year', code: 'invalid_year', message: `expected a year, got ${input.year}` });
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    if (!(await findIndicatorById(tx, input.indicatorId))) throw new InputError({ path: 'indicatorId', code: 'unknown_indicator', message: `no indicator with id ${input.indicatorId}` });
    await requireKeeperOfIndicator(tx, actor, input.indicatorId);
    if (input.reportedParagraphId) {
      const goal = await findGoalById(tx, (await findIndicatorById(tx, input.indicatorId))!.goalId);
      requireSameOrganization(await paragraphOrThrow(tx, input.reportedParagraphId, 'reportedParagraphId'), goal?.organizationId ?? null, 'reportedParagraphId');
    }
    const row = await upsertIndicatorFollowUp(tx, {
      indicatorId: input.indicatorId,
      year: input.year,
      period: input.period,
      value: input.value ?? null,
      comment: input.comment ?? null,
      reportedParagraphId: input.reportedParagraphId ?? null,
    });
    await audit(tx, actor, {
      kind: 'indicator_follow_up.recorded',
      entityType: 'indicator',
      entityId: input.indicatorId,
      data: { followUpId: row.id, year: input.year, period: input.period, value: row.value },
    });
    return row;
  });
}

/** Removes one recorded follow-up. */
export async function deleteIndicatorFollowUp(db: Database, followUpId: string, actor?: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    await deleteIndicatorFollowUpRow(tx, followUpId);
    await audit(tx, actor, { kind: 'indicator_follow_up.deleted', entityType: 'indicator_follow_up', entityId: followUpId });
  });
}

// Shared

/** The keeper check for an indicator: the organisation of its goal. */
async function requireKeeperOfIndicator(tx: Database, actor: Actor | undefined, indicatorId: string): Promise<void> {
  if (!actor?.viewer) return;
  const indicator = await findIndicatorById(tx, indicatorId);
  const goal = indicator ? await findGoalById(tx, indicator.goalId) : null;
  requireKeeper(actor, { organizationId: goal?.organizationId ?? null });
}

/** The § of a meeting with a number, as the registers link to it. */
export async function findParagraph(db: Database, input: { meetingId: string; number: number }): Promise<ParagraphRef> {
  const ref = await findParagraphRefByNumber(db, input.meetingId, input.number);
  if (!ref) throw new NotFoundError('paragraph_not_found', `the meeting has no § ${input.number}`, input);
  return ref;
}

/** The organisation named by id or by exact name, for the edges' `--organization` options. */
export async function resolveOrganizationId(db: Database, nameOrId: string): Promise<string> {
  const found = isUuid(nameOrId) ? await findOrganizationById(db, nameOrId) : await findOrganizationByName(db, nameOrId);
  if (!found) throw new InputError({ path: 'organization', code: 'unknown_organization', message: `no organisation '${nameOrId}'` });
  return found.id;
}

/** Refuses a § of another organisation than the register entry it is linked to (every id the use case touches). */
function requireSameOrganization(ref: ParagraphRef, organizationId: string | null, path: string): void {
  if (ref.organizationId !== organizationId) throw new RuleError('paragraph_in_other_organization', 'the § belongs to another organisation', { path });
}

async function paragraphOrThrow(tx: Database, paragraphId: string, path: string): Promise<ParagraphRef> {
  const ref = isUuid(paragraphId) ? await findParagraphRef(tx, paragraphId) : null;
  if (!ref) throw new InputError({ path, code: 'unknown_paragraph', message: `no § with id ${paragraphId}` });
  return ref;
}

function checkDate(value: string, path: string): void {
  if (!isIsoDate(value)) throw new InputError({ path, code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${value}'` });
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
