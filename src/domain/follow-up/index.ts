/**
 * Uppföljning: what a § hands on to the registers (uppdrag, representation, delegationsbeslut), and the
 * verksamhetsberättelse drawn from them. Pure: text in, proposals out; the secretary confirms them.
 */
import type { MinutesItem } from '../minutes.ts';
import { proposeAppointments, type AppointmentProposal } from './appointments.ts';
import { proposeAssignments, type AssignmentProposal } from './assignments.ts';
import { isDelegationReportItem, proposeDelegatedDecisions, type DelegatedDecisionProposal } from './delegated-decisions.ts';

export * from './appointments.ts';
export * from './assignments.ts';
export * from './delegated-decisions.ts';
export * from './annual-report.ts';
export { findDate, lastDayOfMonth, nextMonthNamed, SWEDISH_MONTHS, type YearMonth } from './swedish-dates.ts';

/** Everything one § proposes for the follow-up registers. */
export interface FollowUpProposals {
  assignments: AssignmentProposal[];
  appointments: AppointmentProposal[];
  delegatedDecisions: DelegatedDecisionProposal[];
}

/** The uppdrag, val and delegationsbeslut that one § (with its meeting date) proposes. */
export function proposeFollowUp(item: Pick<MinutesItem, 'title' | 'decisions' | 'text'>, meetingOn: string | null): FollowUpProposals {
  // An anmälan lists other people's decisions: its lines are not assignments or elections of this body.
  if (isDelegationReportItem(item)) {
    return { assignments: [], appointments: [], delegatedDecisions: proposeDelegatedDecisions(item, meetingOn) };
  }
  return {
    assignments: proposeAssignments(item, meetingOn),
    appointments: proposeAppointments(item, meetingOn),
    delegatedDecisions: [],
  };
}
