import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import {
  confirmAllProposals,
  confirmProposal,
  dueReportBacks,
  findParagraph,
  listAppointments,
  listAssignments,
  listDelegatedDecisions,
  proposeFollowUp,
  registerAppointment,
  registerDelegatedDecision,
  reportBackAssignment,
  reportDelegatedDecisions,
  resolveOrganizationId,
  unreportedDelegatedDecisions,
} from '../../src/services/follow-up.service.ts';
import { InputError, RuleError } from '../../src/errors.ts';
import { queryRows } from '../../src/storage/database.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { annotatedSeeds } from '../support/seeds.ts';
import { buildMinutes } from '../support/factories.ts';
import type { Minutes } from '../../src/domain/minutes.ts';

const seed = (prefix: string): Minutes => annotatedSeeds().find((s) => s.name.startsWith(prefix))!.expected as Minutes;

async function count(db: Parameters<typeof queryRows>[0], table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)}`);
  return row!.n;
}

describeOnEachEngine('follow-up registers from the seed minutes', (database) => {
  it('proposes the assignments of 002 § 11, confirms them and lists them as open with their § and due date', async () => {
    const { db } = database();
    const { meetingId } = await saveMinutes(db, seed('002'));
    const counts = await proposeFollowUp(db, meetingId);
    expect(counts).toEqual({ assignments: 2, appointments: 0, delegatedDecisions: 2 });
    expect(await proposeFollowUp(db, meetingId)).toEqual({ assignments: 0, appointments: 0, delegatedDecisions: 0 });

    const proposed = await listAssignments(db, { status: 'proposed', today: '2020-10-01' });
    const fromThisMeeting = proposed.filter((a) => a.source.meetingId === meetingId);
    expect(fromThisMeeting).toHaveLength(2);
    for (const a of fromThisMeeting) await confirmProposal(db, a.id);

    const open = (await listAssignments(db, { today: '2020-10-01' })).filter((a) => a.source.meetingId === meetingId);
    expect(open.map((a) => [a.assignee, a.source.number, a.source.bodyName, a.source.heldOn, a.dueOn, a.status, a.overdue])).toEqual([
      ['Förbundschefen', 11, 'Styrelsen', '2020-09-25', '2020-11-30', 'open', false],
      ['Förbundschefen', 11, 'Styrelsen', '2020-09-25', '2020-11-30', 'open', false],
    ]);
    expect(open[0]!.description).toMatch(/^Förbundschefen får i uppdrag att till sammanträdet i november ta fram förslag på reviderad delegationsordning/);
    expect(open[1]!.description).toMatch(/bedöma om minskningen av personal/);
  });

  it('proposes the assignment of 003 § 23 with its report-back date to Kommundirektörerna', async () => {
    const { db } = database();
    const { meetingId } = await saveMinutes(db, seed('003'));
    await proposeFollowUp(db, meetingId);
    const [proposal, ...others] = (await listAssignments(db, { status: 'proposed', today: '2024-10-22' })).filter((a) => a.source.meetingId === meetingId);
    expect(others).toEqual([]);
    expect(proposal).toMatchObject({ assignee: 'Förbundschef', dueOn: '2024-12-09', source: { number: 23, heldOn: '2024-10-21' } });
    await confirmProposal(db, proposal!.id);
    const [open] = (await listAssignments(db, { today: '2024-12-09' })).filter((a) => a.source.meetingId === meetingId);
    expect(open).toMatchObject({ status: 'open', overdue: false });
  });

  it('proposes the delegated decisions of 002 § 14 and, once confirmed, registers them as reported by that §', async () => {
    const { db } = database();
    const minutes = { ...seed('002'), organization: 'Samordningsförbundet Delegation' };
    const { meetingId } = await saveMinutes(db, minutes);
    await proposeFollowUp(db, meetingId);
    const organizationId = await resolveOrganizationId(db, 'Samordningsförbundet Delegation');
    await confirmAllProposals(db, { organizationId });
    const register = await listDelegatedDecisions(db, { organizationId });
    expect(register.map((d) => [d.caseNumber, d.description, d.delegate, d.status, d.source?.number, d.reportedIn?.number])).toEqual([
      ['P20/01', 'Avtal om finansiering, ENIG (EN gemensam InGång) i Östersund', null, 'reported', 14, 14],
      ['P20/02', 'Avtal om finansiering, Lokal Insats Samordnad Strömsund (LISS)', null, 'reported', 14, 14],
    ]);
    // The anmälan names no delegate: the database holds NULL, not an empty text.
    const stored = await queryRows<{ delegate: string | null }>(db, sql`select delegate from delegated_decisions where id in (${sql.join(register.map((d) => sql`${d.id}::uuid`), sql`, `)})`);
    expect(stored).toEqual([{ delegate: null }, { delegate: null }]);
  });

  it('proposes the appointments of 000 § 17 and 001 § 23 and lists them as representation with their §§', async () => {
    const { db } = database();
    const organization = 'Kommunförbundet Representation';
    const first = await saveMinutes(db, { ...seed('001'), organization });
    const second = await saveMinutes(db, { ...seed('000'), organization });
    await proposeFollowUp(db, first.meetingId);
    await proposeFollowUp(db, second.meetingId);
    const organizationId = await resolveOrganizationId(db, organization);
    expect((await listAppointments(db, { organizationId, status: 'proposed' })).length).toBe(4);
    await confirmAllProposals(db, { organizationId });
    const register = await listAppointments(db, { organizationId });
    expect(register.map((a) => [a.externalBody, a.personName, a.role, a.since, a.decidedIn?.number, a.decidedIn?.heldOn])).toEqual([
      ['Föreningsarkivet Västernorrland', 'Christina Lindberg', 'ordinary', '2020-05-07', 17, '2020-05-07'],
      ['Föreningsarkivet Västernorrland', 'Stefan Dalin', 'substitute', '2020-05-07', 17, '2020-05-07'],
      ['styrgruppen för ERNACT-nätverket', 'Sten-Ove Danielsson', 'ordinary', '2010-04-22', 23, '2010-04-22'],
      ['styrgruppen för ERNACT-nätverket', 'Jonny Lundin', 'substitute', '2010-04-22', 23, '2010-04-22'],
    ]);
  });
});

describeOnEachEngine('following up assignments, delegated decisions and appointments', (database) => {
  async function boardWithAssignment(organization: string) {
    const { db } = database();
    const minutes = buildMinutes({ organization, date: '2021-02-04', paragraphs: [5, 6] });
    minutes.items[1]!.decisions = ['Förbundschefen får i uppdrag att till sammanträdet i april redovisa en plan för lokalerna.'];
    const { meetingId } = await saveMinutes(db, minutes);
    await proposeFollowUp(db, meetingId);
    const organizationId = await resolveOrganizationId(db, organization);
    await confirmAllProposals(db, { organizationId });
    const [assignment] = await listAssignments(db, { organizationId, today: '2021-02-05' });
    return { db, organizationId, meetingId, assignment: assignment! };
  }

  it('shows an assignment as overdue only after its due date, and a report-back in a later § closes it', async () => {
    const { db, organizationId, assignment } = await boardWithAssignment('Testförbundet Uppdrag');
    expect(assignment.dueOn).toBe('2021-04-30');
    expect(await listAssignments(db, { organizationId, status: 'overdue', today: '2021-04-30' })).toEqual([]);
    const overdue = await listAssignments(db, { organizationId, status: 'overdue', today: '2021-05-01' });
    expect(overdue.map((a) => [a.id, a.overdue])).toEqual([[assignment.id, true]]);
    expect((await listAssignments(db, { organizationId, assignee: 'förbundschefen', today: '2021-05-01' })).map((a) => a.id)).toEqual([assignment.id]);

    const body = assignment.source.bodyId;
    expect((await dueReportBacks(db, body, '2021-03-04')).map((a) => a.id)).toEqual([]);
    expect((await dueReportBacks(db, body, '2021-04-08')).map((a) => [a.id, a.overdue])).toEqual([[assignment.id, false]]);

    const later = await saveMinutes(db, buildMinutes({ organization: 'Testförbundet Uppdrag', date: '2021-05-20', paragraphs: [20] }));
    const reportParagraph = await findParagraph(db, { meetingId: later.meetingId, number: 20 });
    const closed = await reportBackAssignment(db, { assignmentId: assignment.id, paragraphId: reportParagraph.paragraphId });
    expect(closed).toMatchObject({ status: 'reported', reportedIn: { number: 20, heldOn: '2021-05-20' } });
    expect(await listAssignments(db, { organizationId, status: 'overdue', today: '2021-06-01' })).toEqual([]);
    expect(await dueReportBacks(db, body, '2021-06-10')).toEqual([]);
  });

  it('refuses a report-back to a § of another body and changes nothing', async () => {
    const { db, assignment } = await boardWithAssignment('Testförbundet Annat organ');
    const other = await saveMinutes(db, buildMinutes({ organization: 'Testförbundet Annat organ', body: 'Arbetsutskottet', date: '2021-03-01', paragraphs: [1] }));
    const otherParagraph = await findParagraph(db, { meetingId: other.meetingId, number: 1 });
    const error = await reportBackAssignment(db, { assignmentId: assignment.id, paragraphId: otherParagraph.paragraphId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ code: 'report_back_other_body', details: { path: 'paragraphId' } });
    const [after] = await listAssignments(db, { status: 'all', today: '2021-03-02' }).then((all) => all.filter((a) => a.id === assignment.id));
    expect(after).toMatchObject({ status: 'open', reportedIn: null });
  });

  it('lists registered delegated decisions as unreported until a § reports them, and refuses reporting one twice', async () => {
    const { db, assignment } = await boardWithAssignment('Testförbundet Delegation');
    const bodyId = assignment.source.bodyId;
    const first = await registerDelegatedDecision(db, { bodyId, delegate: 'Förbundschefen', description: 'Anställning av ekonom', decidedOn: '2021-02-10', caseNumber: '2021/7', rulePoint: '4.1' });
    const second = await registerDelegatedDecision(db, { bodyId, delegate: 'Ordföranden', description: 'Yttrande i brådskande ärende', decidedOn: '2021-02-15' });
    expect((await unreportedDelegatedDecisions(db, bodyId)).map((d) => [d.description, d.caseNumber, d.rulePoint])).toEqual([
      ['Anställning av ekonom', '2021/7', '4.1'],
      ['Yttrande i brådskande ärende', null, null],
    ]);

    const next = await saveMinutes(db, buildMinutes({ organization: 'Testförbundet Delegation', date: '2021-03-04', paragraphs: [10] }));
    const anmalan = await findParagraph(db, { meetingId: next.meetingId, number: 10 });
    await reportDelegatedDecisions(db, { ids: [first.id], paragraphId: anmalan.paragraphId });
    expect((await unreportedDelegatedDecisions(db, bodyId)).map((d) => d.id)).toEqual([second.id]);

    const error = await reportDelegatedDecisions(db, { ids: [second.id, first.id], paragraphId: anmalan.paragraphId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ code: 'delegated_decision_already_reported', details: { path: 'ids[1]' } });
    // Nothing changed: the second is still unreported, the first still reported by § 10.
    expect((await unreportedDelegatedDecisions(db, bodyId)).map((d) => d.id)).toEqual([second.id]);
    const reported = (await listDelegatedDecisions(db, { bodyId, status: 'reported' })).find((d) => d.id === first.id);
    expect(reported?.reportedIn?.number).toBe(10);
  });

  it('refuses an appointment whose term ends before it starts and stores nothing', async () => {
    const { db, organizationId } = await boardWithAssignment('Testförbundet Mandattid');
    const before = await count(db, 'appointments');
    const error = await registerAppointment(db, {
      organizationId,
      personName: 'Anna Ek',
      externalBody: 'Regionala samverkansrådet',
      role: 'ordinary',
      startsOn: '2023-01-01',
      endsOn: '2022-12-31',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([expect.objectContaining({ path: 'endsOn', code: 'term_ends_before_start' })]);
    expect(await count(db, 'appointments')).toBe(before);
  });

  it('ends the earlier appointment when a fyllnadsval replaces it', async () => {
    const { db, organizationId } = await boardWithAssignment('Testförbundet Fyllnadsval');
    const earlier = await registerAppointment(db, { organizationId, personName: 'Jan Sahlén', externalBody: 'Föreningsarkivet', role: 'ordinary', startsOn: '2019-01-01', endsOn: '2022-12-31' });
    const minutes = buildMinutes({ organization: 'Testförbundet Fyllnadsval', date: '2021-06-10', paragraphs: [30] });
    minutes.items[0] = {
      ...minutes.items[0]!,
      title: 'Fyllnadsval Föreningsarkivet',
      decisions: ['Utse Christina Lindberg som ordinarie till Föreningsarkivet.'],
      text: 'Christina Lindberg ersätter Jan Sahlén, som har lämnat sina uppdrag.',
    };
    const { meetingId } = await saveMinutes(db, minutes);
    await proposeFollowUp(db, meetingId);
    await confirmAllProposals(db, { organizationId });
    const all = await listAppointments(db, { organizationId, status: 'all' });
    expect(all.find((a) => a.id === earlier.id)).toMatchObject({ status: 'ended', endsOn: '2021-06-09' });
    const replacement = all.find((a) => a.personName === 'Christina Lindberg');
    expect(replacement).toMatchObject({ status: 'confirmed', replacesId: earlier.id, since: '2021-06-10' });
    expect((await listAppointments(db, { organizationId, activeOn: '2021-07-01' })).map((a) => a.personName)).toEqual(['Christina Lindberg']);
  });
});
