/**
 * The follow-up proposals of one meeting, for its page: once the minutes are adjusted, what their §§ hand
 * on to the registers (uppdrag, representation, delegationsbeslut) waits there to be confirmed by the
 * secretary, one by one or all at once. Only the secretary of the body (or an administrator) may.
 */
import { NotFoundError, RuleError } from '../../errors.ts';
import { findMeetingScope } from '../../storage/accounts.store.ts';
import { inTransaction, type Database } from '../../storage/index.ts';
import { requireRegisterKeeper } from '../accounts.service.ts';
import type { Actor } from '../meeting-cycle/common.ts';
import {
  confirmProposalInside,
  listAppointments,
  listAssignments,
  listDelegatedDecisions,
  type ConfirmedProposal,
  type ParagraphRef,
} from '../follow-up.service.ts';

/** One proposal as the meeting page lists it. */
export interface MeetingProposal {
  id: string;
  register: ConfirmedProposal['register'];
  /** Uppdragstagare, person or delegate, as written; null when the text does not say. */
  who: string | null;
  /** What: the assignment, the body appointed to, or the decision. */
  what: string;
  dueOn: string | null;
  caseNumber: string | null;
  /** For an appointment: ordinary | substitute. */
  role: string | null;
  source: ParagraphRef;
}

/** The proposals read from the meeting's §§ that wait for the secretary, in § order. */
export async function listProposalsOfMeeting(db: Database, meetingId: string, actor: Actor): Promise<MeetingProposal[]> {
  const scope = await requireKeeperOfMeeting(db, meetingId, actor);
  return proposalsOf(db, meetingId, scope.organizationId);
}

/** Confirms one proposal of the meeting (refused for an entry that is not one of its proposals). */
export async function confirmProposalOfMeeting(db: Database, input: { meetingId: string; id: string }, actor: Actor): Promise<ConfirmedProposal> {
  return inTransaction(db, async (tx) => {
    const scope = await requireKeeperOfMeeting(tx, input.meetingId, actor);
    if (!(await proposalsOf(tx, input.meetingId, scope.organizationId)).some((p) => p.id === input.id)) {
      throw new NotFoundError('proposal_not_found', `no proposal ${input.id} from this meeting`, { id: input.id });
    }
    return confirmProposalInside(tx, input.id, actor);
  });
}

/** Confirms every proposal of the meeting in one transaction: assignments, then appointments in § order, then delegationsbeslut. */
export async function confirmAllProposalsOfMeeting(db: Database, meetingId: string, actor: Actor): Promise<ConfirmedProposal[]> {
  return inTransaction(db, async (tx) => {
    const scope = await requireKeeperOfMeeting(tx, meetingId, actor);
    const confirmed: ConfirmedProposal[] = [];
    for (const proposal of await proposalsOf(tx, meetingId, scope.organizationId)) confirmed.push(await confirmProposalInside(tx, proposal.id, actor));
    return confirmed;
  });
}

async function requireKeeperOfMeeting(db: Database, meetingId: string, actor: Actor): Promise<{ organizationId: string | null }> {
  const scope = /^[0-9a-f-]{36}$/i.test(meetingId) ? await findMeetingScope(db, meetingId) : null;
  if (!scope) throw new NotFoundError('meeting_not_found', `no meeting ${meetingId}`, { meetingId });
  requireRegisterKeeper(actor.viewer ?? null, scope);
  if (scope.status !== 'adjusted' && scope.status !== 'archived') {
    throw new RuleError('minutes_not_adjusted', 'proposals are confirmed once the minutes are adjusted', { meetingId });
  }
  return scope;
}

async function proposalsOf(db: Database, meetingId: string, organizationId: string | null): Promise<MeetingProposal[]> {
  const inOrganization = organizationId ? { organizationId } : {};
  const assignments = await listAssignments(db, { ...inOrganization, status: 'proposed', today: '2000-01-01' });
  const appointments = await listAppointments(db, { ...inOrganization, status: 'proposed' });
  const delegated = await listDelegatedDecisions(db, { ...inOrganization, status: 'proposed' });
  const ofMeeting = (ref: ParagraphRef | null): ref is ParagraphRef => ref?.meetingId === meetingId;
  const proposals: MeetingProposal[] = [
    ...assignments.flatMap((a) =>
      ofMeeting(a.source) ? [{ id: a.id, register: 'assignment' as const, who: a.assignee, what: a.description, dueOn: a.dueOn, caseNumber: null, role: null, source: a.source }] : [],
    ),
    ...appointments.flatMap((a) =>
      ofMeeting(a.decidedIn)
        ? [{ id: a.id, register: 'appointment' as const, who: a.personName, what: a.externalBody, dueOn: null, caseNumber: null, role: a.role, source: a.decidedIn }]
        : [],
    ),
    ...delegated.flatMap((d) =>
      ofMeeting(d.source)
        ? [{ id: d.id, register: 'delegated_decision' as const, who: d.delegate, what: d.description, dueOn: null, caseNumber: d.caseNumber, role: null, source: d.source }]
        : [],
    ),
  ];
  return proposals;
}
