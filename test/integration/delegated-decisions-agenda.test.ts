/**
 * Delegationsbeslut not yet reported become the "Anmälan av delegationsbeslut" § of the body's next meeting,
 * and are reported at that § once its minutes are adjusted.
 */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '../support/databases.ts';
import * as cycle from '../../src/services/meeting-cycle.service.ts';
import * as followUp from '../../src/services/follow-up.service.ts';
import type { Database } from '../../src/storage/database.ts';
import { loadMinutes } from '../../src/storage/minutes.store.ts';

/** A board of an association that only the secretary signs, so that finalising adjusts its minutes. */
async function associationBoard(db: Database, name: string): Promise<{ id: string }> {
  const organization = await cycle.createOrganization(db, { name, organizationType: 'association' });
  return cycle.createBody(db, { organizationId: organization.id, name: 'Styrelsen', seats: 1, rules: { adjusterCount: 0, signerRoles: ['secretary'] } });
}

describeOnEachEngine('the anmälan of delegated decisions', (database) => {
  it('lists the decisions taken since the last meeting in the next agenda, and reports them when those minutes are adjusted', async () => {
    const handle = database();
    const db = handle.db;
    const body = await associationBoard(db, 'Föreningen Delegering');
    const secretary = await cycle.createPerson(db, { name: 'Sekreteraren' });

    const first = await followUp.registerDelegatedDecision(db, {
      bodyId: body.id, delegate: 'Kanslichefen', description: 'Avtal om lokalvård', decidedOn: '2026-03-02', caseNumber: 'DEL 2026/3', rulePoint: '2.1',
    });
    const later = await followUp.registerDelegatedDecision(db, { bodyId: body.id, delegate: 'Ordföranden', description: 'Yttrande i brådskande ärende', decidedOn: '2026-04-20' });

    // Planning the March meeting lists what was decided by its day, and not the decision of April.
    const march = await cycle.planMeeting(db, { bodyId: body.id, heldOn: '2026-03-16' });
    const anmalan = () => loadMinutes(db, march.meetingId).then((m) => m.items.find((i) => i.title === 'Anmälan av delegationsbeslut')!);
    expect((await anmalan()).text).toBe(
      'Följande beslut fattade med stöd av delegation anmäls:\n- Avtal om lokalvård, beslutat av Kanslichefen, 2026-03-02, Dnr DEL 2026/3, punkt 2.1',
    );
    expect((await anmalan()).decisions).toEqual(['Anmälan av delegationsbesluten läggs till handlingarna.']);

    // A decision registered after planning joins the agenda of the meeting it comes before.
    const extra = await followUp.registerDelegatedDecision(db, { bodyId: body.id, delegate: 'Kanslichefen', description: 'Inköp av datorer', decidedOn: '2026-03-10' });
    expect((await anmalan()).text).toContain('- Inköp av datorer, beslutat av Kanslichefen, 2026-03-10');

    // Until the minutes are adjusted the decisions are listed, not reported; another meeting does not take them.
    let register = await followUp.listDelegatedDecisions(db, { bodyId: body.id });
    const item = await anmalan();
    expect(register.filter((d) => d.listedIn !== null).map((d) => [d.id, d.status, d.listedIn!.number])).toEqual([
      [first.id, 'registered', item.number],
      [extra.id, 'registered', item.number],
    ]);
    expect(register.every((d) => d.reportedIn === null)).toBe(true);
    const may = await cycle.planMeeting(db, { bodyId: body.id, heldOn: '2026-05-04' });
    const mayItem = (await loadMinutes(db, may.meetingId)).items.find((i) => i.title === 'Anmälan av delegationsbeslut')!;
    expect(mayItem.text).toBe('Följande beslut fattade med stöd av delegation anmäls:\n- Yttrande i brådskande ärende, beslutat av Ordföranden, 2026-04-20');

    // Adjusting the March minutes reports the two at that §; the meeting was called and its one member came.
    const member = await cycle.createPerson(db, { name: 'Styrelseledamoten' });
    await cycle.addMandate(db, { bodyId: body.id, personId: member.id, role: 'chair', startsOn: '2026-01-01' });
    await cycle.sendMeetingNotice(handle, march.meetingId, { sentAt: new Date('2026-03-05T09:00:00Z') }, { personId: secretary.id });
    await cycle.recordAttendance(db, march.meetingId, { entries: [{ personId: member.id, present: true }] });
    await cycle.finaliseMinutes(handle, march.meetingId, { at: new Date('2026-03-17T10:00:00Z') }, { personId: secretary.id });
    register = await followUp.listDelegatedDecisions(db, { bodyId: body.id });
    const byId = new Map(register.map((d) => [d.id, d]));
    expect(byId.get(first.id)).toMatchObject({ status: 'reported', listedIn: null, reportedIn: { number: item.number, heldOn: '2026-03-16' } });
    expect(byId.get(extra.id)!.status).toBe('reported');
    expect(byId.get(later.id)).toMatchObject({ status: 'registered', listedIn: { heldOn: '2026-05-04' }, reportedIn: null });
    expect((await followUp.unreportedDelegatedDecisions(db, body.id)).map((d) => d.id)).toEqual([later.id]);
    // Reading the adjusted minutes for follow-up does not propose the listed decisions a second time.
    expect((await followUp.proposeFollowUp(db, march.meetingId)).delegatedDecisions).toBe(0);
    expect(await followUp.listDelegatedDecisions(db, { bodyId: body.id })).toHaveLength(3);

    // Reporting one of them again by hand is refused: a delegated decision is reported once.
    const mayParagraphIds = (await cycle.getMeetingOverview(db, may.meetingId, { today: '2026-05-04' })).paragraphIds;
    const mayAnmalanId = mayParagraphIds[(await loadMinutes(db, may.meetingId)).items.findIndex((i) => i.title === mayItem.title)]!;
    const twice = await followUp.reportDelegatedDecisions(db, { ids: [first.id], paragraphId: mayAnmalanId }).catch((e: unknown) => e);
    expect((twice as { code?: string }).code).toBe('delegated_decision_already_reported');
  });

  it('keeps a text the secretary wrote in the anmälan, and refreshing a meeting without one is refused', async () => {
    const db = database().db;
    const body = await associationBoard(db, 'Föreningen Egen Text');
    const { meetingId } = await cycle.planMeeting(db, { bodyId: body.id, heldOn: '2026-09-07' });
    const overview = await cycle.getMeetingOverview(db, meetingId, { today: '2026-09-01' });
    const minutes = await loadMinutes(db, meetingId);
    const index = minutes.items.findIndex((i) => i.title === 'Anmälan av delegationsbeslut');
    const paragraphId = overview.paragraphIds[index]!;
    await cycle.updateParagraph(db, paragraphId, { text: 'Besluten redovisas i bilaga 1.' });
    const decision = await followUp.registerDelegatedDecision(db, { bodyId: body.id, delegate: 'Kanslichefen', description: 'Hyresavtal', decidedOn: '2026-09-01' });
    const refreshed = await followUp.refreshDelegatedDecisionsOnAgenda(db, meetingId);
    expect(refreshed).toEqual({ paragraphId, number: minutes.items[index]!.number, delegatedDecisionIds: [decision.id] });
    expect((await loadMinutes(db, meetingId)).items[index]!.text).toBe('Besluten redovisas i bilaga 1.');

    const bare = await cycle.planMeeting(db, { bodyId: body.id, heldOn: '2026-10-05', standardItems: false });
    const refused = await followUp.refreshDelegatedDecisionsOnAgenda(db, bare.meetingId).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe('no_delegation_item');
  });
});
