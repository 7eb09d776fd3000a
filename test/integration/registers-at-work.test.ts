/**
 * Working in the registers (issue 20): adjusted minutes propose their assignments, which the secretary
 * confirms for the meeting; a report-back written in the register becomes an item of the body's next
 * agenda and closes the assignment when those minutes are adjusted; delegationsbeslut are entered against
 * the delegationsordning and reported to the body. Each use case checks who may do it.
 */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildUser } from '../support/accounts.ts';
import * as cycle from '../../src/services/meeting-cycle.service.ts';
import * as followUp from '../../src/services/follow-up.service.ts';
import { resumeBearer } from '../../src/services/accounts.service.ts';
import { addDelegationOrderItem, listPublicDelegationOrder, reportDelegatedDecisionsToBody } from '../../src/services/follow-up/delegation.ts';
import { getPublicRegisters } from '../../src/services/follow-up/public-registers.ts';
import { confirmAllProposalsOfMeeting, listProposalsOfMeeting } from '../../src/services/follow-up/meeting-proposals.ts';
import { listAssignmentRegister, submitReportBack } from '../../src/services/follow-up/report-back.ts';
import type { Actor } from '../../src/services/meeting-cycle.service.ts';
import type { DatabaseHandle } from '../../src/storage/index.ts';
import { loadMinutes } from '../../src/storage/minutes.store.ts';
import { searchRegisters } from '../../src/services/register-search.service.ts';
import { exportRegisters } from '../../src/services/follow-up/register-export.ts';
import { strFromU8, unzipSync } from 'fflate';

async function actorFor(handle: DatabaseHandle, roles: { role: string; organizationId: string }[], name: string): Promise<Actor> {
  const user = await buildUser(handle.db, { name, roles });
  const viewer = (await resumeBearer(handle.db, { token: user.token }))!;
  return { userId: viewer.id, personId: viewer.personId, name: viewer.name, viewer };
}

/** An association board that the secretary alone signs: finalising adjusts its minutes. */
async function board(handle: DatabaseHandle, name: string) {
  const organization = await cycle.createOrganization(handle.db, { name, organizationType: 'association' });
  const body = await cycle.createBody(handle.db, { organizationId: organization.id, name: 'Styrelsen', seats: 1, rules: { adjusterCount: 0, signerRoles: ['secretary'] } });
  const secretaryPerson = await cycle.createPerson(handle.db, { name: `Sekreterare ${name}` });
  const chair = await cycle.createPerson(handle.db, { name: `Ordförande ${name}` });
  await cycle.addMandate(handle.db, { bodyId: body.id, personId: chair.id, role: 'chair', startsOn: '2026-01-01' });
  const hold = async (meetingId: string, heldOn: string, noticeOn: string) => {
    await cycle.sendMeetingNotice(handle, meetingId, { sentAt: new Date(`${noticeOn}T09:00:00Z`) }, { personId: secretaryPerson.id });
    await cycle.recordAttendance(handle.db, meetingId, { entries: [{ personId: chair.id, present: true }] });
    await cycle.finaliseMinutes(handle, meetingId, { at: new Date(`${heldOn}T15:00:00Z`) }, { personId: secretaryPerson.id });
  };
  return { organization, body, hold };
}

describeOnEachEngine('working in the registers', (database) => {
  it('confirms an assignment from adjusted minutes, reports it back onto the next agenda and closes it when those minutes are adjusted', async () => {
    const handle = database();
    const db = handle.db;
    const { organization, body, hold } = await board(handle, 'Föreningen Återrapport');
    const secretary = await actorFor(handle, [{ role: 'secretary', organizationId: organization.id }], 'Sekreterare Återrapport');
    const outsider = await actorFor(handle, [], 'Utomstående Återrapport');

    const march = await cycle.planMeeting(db, { bodyId: body.id, heldOn: '2026-03-16' });
    const { paragraphId } = await cycle.addAgendaItem(db, march.meetingId, { title: 'Lokalfrågan' });
    await cycle.updateParagraph(db, paragraphId, { decisions: ['Kanslichefen får i uppdrag att utreda nya lokaler och återrapportera senast den 30 april 2026.'] });
    await expect(listProposalsOfMeeting(db, march.meetingId, secretary)).rejects.toMatchObject({ code: 'minutes_not_adjusted' });
    await hold(march.meetingId, '2026-03-16', '2026-03-05');

    // Adjusting proposed the assignment; only a keeper of the registers sees and confirms it.
    const proposals = await listProposalsOfMeeting(db, march.meetingId, secretary);
    expect(proposals.map((p) => [p.register, p.who, p.dueOn])).toEqual([['assignment', 'Kanslichefen', '2026-04-30']]);
    await expect(confirmAllProposalsOfMeeting(db, march.meetingId, outsider)).rejects.toMatchObject({ code: 'not_secretary' });
    // The older use cases check it themselves too, whoever calls them (the API routes, the web, a script).
    await expect(followUp.confirmProposal(db, proposals[0]!.id, outsider)).rejects.toMatchObject({ code: 'not_secretary' });
    expect(await confirmAllProposalsOfMeeting(db, march.meetingId, secretary)).toEqual([{ register: 'assignment', id: proposals[0]!.id, status: 'open' }]);
    const assignmentId = proposals[0]!.id;

    // The report-back is refused to an outsider and without text, with nothing written.
    const document = { title: 'Återrapportering', bytes: new TextEncoder().encode('Utredning av lokaler.'), contentType: 'text/plain', originalName: 'utredning.txt' };
    await expect(submitReportBack(handle, { assignmentId, text: 'Klart.', today: '2026-04-20' }, outsider)).rejects.toMatchObject({ code: 'not_secretary' });
    await expect(submitReportBack(handle, { assignmentId, text: ' ', today: '2026-04-20' }, secretary)).rejects.toMatchObject({ problems: [{ path: 'text', code: 'required' }] });

    // Written before the next meeting is planned, it waits, and planning the meeting puts it on the agenda.
    const written = await submitReportBack(handle, { assignmentId, text: 'Tre lokaler har besökts; förslag i bilagan.', today: '2026-04-20', document }, secretary);
    expect(written.listedIn).toBeNull();
    const may = await cycle.planMeeting(db, { bodyId: body.id, heldOn: '2026-05-04' });
    const mayMinutes = await loadMinutes(db, may.meetingId);
    const item = mayMinutes.items.find((i) => i.title.startsWith('Återrapportering: '))!;
    expect(item.title).toBe('Återrapportering: Kanslichefen får i uppdrag att utreda nya lokaler och återrapportera senast den 30 april 2026');
    expect(item.text).toBe('Tre lokaler har besökts; förslag i bilagan.');
    expect(item.attachments).toEqual(['Återrapportering']);
    let [entry] = await listAssignmentRegister(db, { organizationId: organization.id, status: 'all', today: '2026-04-21', responsible: 'kansli' }, secretary);
    expect(entry).toMatchObject({ status: 'open', report: { reportSubmittedOn: '2026-04-20' }, listedIn: { meetingId: may.meetingId }, reportedIn: null });
    await expect(submitReportBack(handle, { assignmentId, text: 'Igen.', today: '2026-04-21' }, secretary)).rejects.toMatchObject({ code: 'report_back_already_written' });

    // Adjusting the May minutes closes the assignment at that §.
    await hold(may.meetingId, '2026-05-04', '2026-04-24');
    [entry] = await listAssignmentRegister(db, { organizationId: organization.id, status: 'reported', today: '2026-05-05' }, secretary);
    expect(entry).toMatchObject({ id: assignmentId, status: 'reported', reportedIn: { meetingId: may.meetingId, number: item.number }, listedIn: null });
  });

  it('enters delegationsbeslut against the delegationsordning, reports them to the body and publishes them once the minutes are adjusted', async () => {
    const handle = database();
    const db = handle.db;
    const { organization, body, hold } = await board(handle, 'Föreningen Delegationsordning');
    const secretary = await actorFor(handle, [{ role: 'secretary', organizationId: organization.id }], 'Sekreterare Delegation');
    const member = await actorFor(handle, [{ role: 'member', organizationId: organization.id }], 'Ledamot Delegation');

    await expect(addDelegationOrderItem(db, { bodyId: body.id, code: '1.1', matter: 'Avtal', delegate: 'Kanslichefen', validFrom: '2026-01-01' }, member)).rejects.toMatchObject({ code: 'not_secretary' });
    await expect(addDelegationOrderItem(db, { bodyId: body.id, code: '', matter: 'Avtal', delegate: 'Kanslichefen', validFrom: '2026-02-01', validTo: '2026-01-01' }, secretary)).rejects.toMatchObject({
      problems: [{ path: 'code', code: 'required' }, { path: 'validTo', code: 'valid_to_before_valid_from' }],
    });
    const item = await addDelegationOrderItem(db, { bodyId: body.id, code: '2.1', matter: 'Avtal om lokalvård', delegate: 'Kanslichefen', limits: 'Högst 5 prisbasbelopp', legalBasis: '6 kap. 37 § KL', validFrom: '2026-01-01' }, secretary);
    expect(await listPublicDelegationOrder(db, { organizationId: organization.id, on: '2026-02-01' })).toMatchObject([{ code: '2.1', matter: 'Avtal om lokalvård', inForce: true }]);

    // A decision before the point was in force is refused; one within it is registered with the point's code.
    await expect(followUp.registerDelegatedDecision(db, { bodyId: body.id, delegationItemId: item.id, delegate: 'Kanslichefen', description: 'X', decidedOn: '2025-12-31' }, secretary)).rejects.toMatchObject({
      problems: [{ path: 'decidedOn', code: 'delegation_item_not_in_force' }],
    });
    await expect(followUp.registerDelegatedDecision(db, { bodyId: body.id, delegate: 'Kanslichefen', description: 'X', decidedOn: '2026-02-02' }, member)).rejects.toMatchObject({ code: 'not_secretary' });
    const decision = await followUp.registerDelegatedDecision(db, { bodyId: body.id, delegationItemId: item.id, delegate: 'Kanslichefen', description: 'Avtal om lokalvård med Städbolaget', decidedOn: '2026-02-02', caseNumber: 'DEL 2026/7' }, secretary);
    expect(decision).toMatchObject({ rulePoint: '2.1', caseNumber: 'DEL 2026/7', status: 'registered', listedIn: null });

    // Without a coming meeting there is nothing to report to; a meeting planned without standard items gets the anmälan §.
    await expect(reportDelegatedDecisionsToBody(db, { bodyId: body.id, today: '2026-02-03' }, secretary)).rejects.toMatchObject({ code: 'no_open_meeting' });
    const meeting = await cycle.planMeeting(db, { bodyId: body.id, heldOn: '2026-03-02', standardItems: false });
    await cycle.addAgendaItem(db, meeting.meetingId, { title: 'Budget' });
    const report = await reportDelegatedDecisionsToBody(db, { bodyId: body.id, today: '2026-02-03' }, secretary);
    expect(report).toMatchObject({ meetingId: meeting.meetingId, heldOn: '2026-03-02', listed: 1 });
    const anmalan = (await loadMinutes(db, meeting.meetingId)).items.find((i) => i.title === 'Anmälan av delegationsbeslut')!;
    expect(anmalan.text).toContain('Avtal om lokalvård med Städbolaget, beslutat av Kanslichefen, 2026-02-02, Dnr DEL 2026/7, punkt 2.1');
    expect((await getPublicRegisters(db, { organizationId: organization.id, today: '2026-03-01' })).delegatedDecisions).toEqual([]);
    // Its Dnr is found by those who read the registers, not yet by the public.
    expect((await searchRegisters(db, { query: '2026/7', viewer: member.viewer! })).map((h) => [h.kind, h.id, h.publicParagraphId])).toEqual([['delegated_decision', decision.id, null]]);
    expect(await searchRegisters(db, { query: 'DEL 2026/7', viewer: null })).toEqual([]);

    await cycle.updateParagraph(db, (await cycle.getMeetingOverview(db, meeting.meetingId, { today: '2026-03-02' })).paragraphIds[0]!, { decisions: ['Budgeten fastställs.'] });
    await hold(meeting.meetingId, '2026-03-02', '2026-02-20');
    const published = await getPublicRegisters(db, { organizationId: organization.id, today: '2026-03-10' });
    expect(published.delegatedDecisions).toMatchObject([{ id: decision.id, status: 'reported', caseNumber: 'DEL 2026/7', reportedIn: { paragraphId: report.paragraphId } }]);
    expect(await searchRegisters(db, { query: 'del 2026/7 städbolaget', viewer: null })).toMatchObject([{ kind: 'delegated_decision', id: decision.id, caseNumber: 'DEL 2026/7', publicParagraphId: report.paragraphId }]);
    expect((await searchRegisters(db, { query: 'lokalvård', viewer: null })).map((h) => h.kind).sort()).toEqual(['delegated_decision', 'delegation_item']);

    // The auditors' export holds every register; someone without a role in the organisation gets none of it.
    const csv = await exportRegisters(db, { organizationId: organization.id, organizationName: organization.name, today: '2026-03-10', format: 'csv' }, secretary);
    const text = new TextDecoder().decode(csv.bytes);
    expect(text).toContain('Delegationsbeslut;Styrelsen;2026-02-02;DEL 2026/7;2.1;Kanslichefen;Avtal om lokalvård med Städbolaget;reported');
    expect(text).toContain('Delegationsordning;Styrelsen;2.1;Avtal om lokalvård;Kanslichefen;Högst 5 prisbasbelopp;6 kap. 37 § KL;2026-01-01;;ja');
    const xlsx = await exportRegisters(db, { organizationId: organization.id, organizationName: organization.name, today: '2026-03-10', format: 'xlsx' }, secretary);
    expect(xlsx.fileName).toBe('register-foreningen-delegationsordning-2026-03-10.xlsx');
    const sheets = unzipSync(xlsx.bytes);
    expect(Object.keys(sheets).filter((name) => name.startsWith('xl/worksheets/'))).toHaveLength(7);
    expect(strFromU8(sheets['xl/worksheets/sheet2.xml']!)).toContain('DEL 2026/7');
    const stranger = await actorFor(handle, [], 'Främling Delegation');
    await expect(exportRegisters(db, { organizationId: organization.id, organizationName: organization.name, today: '2026-03-10', format: 'csv' }, stranger)).rejects.toMatchObject({ code: 'not_in_organization' });
  });
});
