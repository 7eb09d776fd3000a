/**
 * What the public sees of the registers, without sign-in: the delegationsordning in force, the
 * delegationsbeslut reported in published minutes, and the representation in force. Assignments, remisser
 * and goals stay internal (their public trace is the § that decided them).
 */
import { listAppointments, type AppointmentEntry, type DelegatedDecisionEntry } from '../follow-up.service.ts';
import type { Database } from '../../storage/index.ts';
import { listPublicDelegatedDecisions, listPublicDelegationOrder, type DelegationOrderItem } from './delegation.ts';

/** The public registers of every organisation, or of one. */
export interface PublicRegisters {
  delegationOrder: DelegationOrderItem[];
  delegatedDecisions: DelegatedDecisionEntry[];
  appointments: Omit<AppointmentEntry, 'personId' | 'decidedIn'>[];
}

export async function getPublicRegisters(db: Database, filter: { organizationId?: string; today: string }): Promise<PublicRegisters> {
  const organization = filter.organizationId ? { organizationId: filter.organizationId } : {};
  const delegationOrder = await listPublicDelegationOrder(db, { ...organization, on: filter.today });
  const delegatedDecisions = (await listPublicDelegatedDecisions(db, organization)).reverse();
  // Who sits where is public; the link to a person record and to a § that may be unpublished is not.
  const appointments = (await listAppointments(db, { ...organization, status: 'active', activeOn: filter.today })).map(({ personId: _personId, decidedIn: _decidedIn, ...rest }) => rest);
  return { delegationOrder, delegatedDecisions, appointments };
}
