/**
 * A second, fictional organisation in the demo (issue 23): a samordningsförbund with its own board,
 * members, meetings and secretary, so that one can see that each organisation's secretary works in
 * their own organisation only.
 */
import { addDays } from '../domain/legal-dates.ts';
import { createUser, grantRole } from '../services/accounts.service.ts';
import { addAgendaItem, addMandate, createBody, createOrganization, createPerson, planMeeting, type Actor } from '../services/meeting-cycle.service.ts';
import type { DatabaseHandle } from '../services/system.service.ts';

export const SECOND_ORGANIZATION = { name: 'Samordningsförbundet Norrviken (fiktivt)', shortName: 'SFN' };
export const SECOND_SECRETARY = { name: 'Ylva Sundberg', email: 'ylva.sundberg@sfn.example' };

const MEMBERS = [
  { name: 'Petra Holm', role: 'chair' as const },
  { name: 'Jonas Ek', role: 'member' as const },
  { name: 'Maria Lind', role: 'member' as const },
  { name: 'Ahmed Karimi', role: 'substitute' as const },
];

/** Fills the second organisation; returns the demo accounts it adds (its secretary). */
export async function seedSecondOrganization(handle: DatabaseHandle, options: { today: string; password: string }): Promise<{ email: string; name: string; what: string }[]> {
  const db = handle.db;
  const { today } = options;
  const organization = await createOrganization(db, { name: SECOND_ORGANIZATION.name, shortName: SECOND_ORGANIZATION.shortName, organizationType: 'samordningsforbund' });
  const board = await createBody(db, { organizationId: organization.id, name: 'Styrelsen', bodyKind: 'board', decisionMaking: true, seats: 3 });
  for (const [index, member] of MEMBERS.entries()) {
    const person = await createPerson(db, { name: member.name });
    await addMandate(db, { bodyId: board.id, personId: person.id, role: member.role, substituteRank: member.role === 'substitute' ? 1 : null, startsOn: `${Number(today.slice(0, 4)) - 1}-01-01`, party: index % 2 ? 'S' : 'M' });
  }
  const secretary = await createPerson(db, { name: SECOND_SECRETARY.name, email: SECOND_SECRETARY.email });
  const actor: Actor = { personId: secretary.id, name: SECOND_SECRETARY.name };
  for (const [offset, items] of [
    [-30, ['Verksamhetsrapport', 'Insatsen Steget vidare']],
    [20, ['Budget för nästa år', 'Ansökan om medel till Arbetsnära stöd']],
  ] as const) {
    const { meetingId } = await planMeeting(db, { bodyId: board.id, heldOn: addDays(today, offset), start: '13:00', end: '15:00', location: 'Norrvikens kommunhus' }, actor);
    for (const title of items) await addAgendaItem(db, meetingId, { title }, actor);
  }
  const user = await createUser(db, { email: SECOND_SECRETARY.email, name: SECOND_SECRETARY.name, password: options.password, personId: secretary.id, isAdministrator: false });
  await grantRole(db, { userId: user.id, role: 'secretary', organizationId: organization.id, bodyId: null }, 'system');
  return [{ email: SECOND_SECRETARY.email, name: SECOND_SECRETARY.name, what: 'sekreterare i ett annat förbund (samordningsförbundet)' }];
}
