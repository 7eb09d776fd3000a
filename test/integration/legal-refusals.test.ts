/**
 * The legal checks at each step of the meeting cycle, through the API (issue 14): every refusal answers
 * 422 with the findings, a warning asks for a reason, and the reason given is kept in the audit trail.
 * The API takes its steps at the real clock, so every meeting is dated from today.
 */
import { expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { addDays, todayInSweden } from '../../src/domain/legal-dates.ts';
import * as cycle from '../../src/services/meeting-cycle.service.ts';
import { listAuditEventsOfMeeting } from '../../src/storage/archive.store.ts';
import { replaceAttendance } from '../../src/storage/meeting-cycle.store.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';

interface Refusal {
  error: {
    code: string;
    details: { step: string; findings: { code: string; severity: string; paragraph: number | null; persons: string[]; messages: { sv: string; en: string } }[] };
  };
}

const today = () => todayInSweden(new Date());
const at = (date: string, time = '09:00') => new Date(`${date}T${time}:00+01:00`);

describeOnEachEngine('the legal checks at each step, through the API', (database) => {
  let app: FastifyInstance;
  let boards = 0;

  /** A board of three (a chair, two members) with a secretary and the signers' accounts, in a body of its own. */
  async function board(options: { seats?: number; network?: boolean } = {}) {
    app ??= await buildApp({ database: database(), web: false });
    const { db } = database();
    boards += 1;
    const organization = await cycle.createOrganization(db, { name: `Laglighetsförbundet ${boards}`, organizationType: 'kommunalforbund' });
    const body = await cycle.createBody(db, { organizationId: organization.id, name: 'Direktionen', seats: options.seats ?? 3, ...(options.network ? { bodyKind: 'network' } : {}) });
    const person = async (name: string, role: 'chair' | 'member') => {
      const p = await cycle.createPerson(db, { name });
      await cycle.addMandate(db, { bodyId: body.id, personId: p.id, role, startsOn: '2020-01-01' });
      return p.id;
    };
    const persons = { anna: await person('Anna Ek', 'chair'), bo: await person('Bo Gran', 'member'), cecilia: await person('Cecilia Alm', 'member') };
    const secretaryPerson = await cycle.createPerson(db, { name: 'Erik Skrivare' });
    const secretary = await buildUser(db, { name: 'Erik Skrivare', personId: secretaryPerson.id, roles: [{ role: 'secretary', organizationId: organization.id }] });
    const chair = await buildUser(db, { name: 'Anna Ek', personId: persons.anna });
    const adjuster = await buildUser(db, { name: 'Bo Gran', personId: persons.bo });
    const actor = { personId: secretaryPerson.id, name: 'Erik Skrivare' };

    /** A meeting with one § deciding something, called eight days ahead, everyone present, Bo adjusting. */
    const meeting = async (input: { heldOn: string; calledOn?: string | null; present?: string[] }) => {
      const { meetingId } = await cycle.planMeeting(db, { bodyId: body.id, heldOn: input.heldOn, start: '09:00', standardItems: false }, actor);
      const { paragraphId } = await cycle.addAgendaItem(db, meetingId, { title: 'Budget' }, actor);
      const calledOn = input.calledOn === undefined ? addDays(input.heldOn, -8) : input.calledOn;
      if (calledOn) await cycle.sendMeetingNotice(database(), meetingId, { sentAt: at(calledOn) }, actor);
      const present = input.present ?? Object.values(persons);
      await cycle.recordAttendance(db, meetingId, { entries: Object.values(persons).map((personId) => ({ personId, present: present.includes(personId) })), adjusterPersonIds: present.includes(persons.bo) ? [persons.bo] : [] }, actor);
      await cycle.updateParagraph(db, paragraphId, { decisions: ['Direktionen fastställer budgeten.'] }, actor);
      return { meetingId, paragraphId };
    };
    const post = (user: TestUser, url: string, payload?: object): Promise<LightMyRequestResponse> => app.inject({ method: 'POST', url, headers: user.headers, ...(payload ? { payload } : {}) });
    const status = async (meetingId: string) => (await cycle.getMeetingOverview(db, meetingId, { today: today() })).meeting.status;
    return { db, organization, body, persons, secretary, chair, adjuster, actor, meeting, post, status };
  }

  function refusal(response: LightMyRequestResponse, code: 'legal_check_failed' | 'legal_reason_required'): Refusal['error']['details'] {
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json() as Refusal;
    expect(body.error.code).toBe(code);
    return body.error.details;
  }

  it('refuses to finalise the minutes of a meeting that has not been held yet', async () => {
    const b = await board();
    const { meetingId } = await b.meeting({ heldOn: addDays(today(), 10), calledOn: today() });
    const details = refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/finalise`), 'legal_check_failed');
    expect(details.step).toBe('finalise');
    expect(details.findings).toEqual([
      expect.objectContaining({ code: 'meeting_in_future', severity: 'error', paragraph: null, messages: { sv: expect.stringContaining('har inte hållits än'), en: expect.stringContaining('has not taken place yet') } }),
    ]);
    // A reason does not lift an error, and nothing was finalised.
    refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/finalise`, { legalReason: 'Vi vill bli klara i förväg.' }), 'legal_check_failed');
    expect(await b.status(meetingId)).toBe('held');
  });

  it('refuses a vote with more votes than members present, a reservation by someone absent and an inquorate §', async () => {
    const b = await board();
    const heldOn = addDays(today(), -2);
    const { meetingId, paragraphId } = await b.meeting({ heldOn });
    // The vote was recorded with all three present; then the roll-call was corrected: Cecilia was not there.
    await cycle.updateParagraph(b.db, paragraphId, { votes: [{ question: 'Bifall', yes: 3, no: 0, abstain: 0 }], reservations: [{ name: 'Cecilia Alm', reason: 'Budgeten är för snål.' }] }, b.actor);
    await cycle.recordAttendance(b.db, meetingId, { entries: [{ personId: b.persons.anna, present: true }, { personId: b.persons.bo, present: true }, { personId: b.persons.cecilia, present: false }] }, b.actor);
    const details = refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/finalise`), 'legal_check_failed');
    const number = details.findings[0]!.paragraph;
    expect(details.findings.map((f) => [f.code, f.paragraph, f.persons])).toEqual([
      ['vote_exceeds_voting_members', number, []],
      ['reservation_by_non_voting_person', number, ['Cecilia Alm']],
    ]);

    // Five seats, two present: the § was decided by too few.
    const small = await board({ seats: 5 });
    const inquorate = await small.meeting({ heldOn, present: [small.persons.anna, small.persons.bo] });
    const quorum = refusal(await small.post(small.secretary, `/api/meetings/${inquorate.meetingId}/finalise`), 'legal_check_failed');
    expect(quorum.findings).toEqual([expect.objectContaining({ code: 'quorum_not_met', severity: 'error', messages: expect.objectContaining({ sv: expect.stringContaining('2 beslutande, minst 3 behövs') }) })]);
  });

  it('refuses to finalise when the justerare was not at the meeting', async () => {
    const b = await board();
    const { meetingId } = await b.meeting({ heldOn: addDays(today(), -1) });
    // The roll-call corrected afterwards leaves Bo out, while he is still named to adjust.
    await cycle.recordAttendance(b.db, meetingId, { entries: [{ personId: b.persons.anna, present: true }, { personId: b.persons.cecilia, present: true }] }, b.actor);
    const details = refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/finalise`), 'legal_check_failed');
    expect(details.findings).toEqual([expect.objectContaining({ code: 'adjuster_not_present', persons: ['Bo Gran'] })]);
  });

  it('asks a reason for a late kallelse under kommunallagen, keeps it in the audit trail, and asks nothing of a network', async () => {
    const b = await board();
    const { meetingId } = await b.meeting({ heldOn: addDays(today(), 3), calledOn: null });
    const details = refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/kallelse`, {}), 'legal_reason_required');
    expect(details).toEqual({ step: 'kallelse', findings: [expect.objectContaining({ code: 'kallelse_late', severity: 'warning', messages: expect.objectContaining({ sv: expect.stringContaining('7 dagar före') }) })] });
    // A blank reason is no reason.
    refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/kallelse`, { legalReason: '   ' }), 'legal_reason_required');
    const reason = 'Extra sammanträde med kort varsel enligt reglementet § 8.';
    const sent = await b.post(b.secretary, `/api/meetings/${meetingId}/kallelse`, { legalReason: reason });
    expect(sent.statusCode, sent.body).toBe(200);
    const convened = (await listAuditEventsOfMeeting(b.db, meetingId)).filter((e) => e.kind === 'meeting.convened');
    expect(convened.map((e) => e.data)).toEqual([expect.objectContaining({ legalReason: reason, legalWarnings: [{ code: 'kallelse_late', paragraph: null, persons: [] }] })]);

    // A network keeps notes and needs no kallelse by law: sending it late is no finding.
    const network = await board({ network: true });
    const notes = await network.meeting({ heldOn: addDays(today(), 3), calledOn: null });
    expect((await network.post(network.secretary, `/api/meetings/${notes.meetingId}/kallelse`, {})).statusCode).toBe(200);
  });

  it('asks a reason for a warning at finalising, then finalises and logs the reason', async () => {
    const b = await board();
    const { meetingId, paragraphId } = await b.meeting({ heldOn: addDays(today(), -1) });
    // Jäv declared by someone the attendance list does not name: the minutes may be right, but say why.
    await cycle.updateParagraph(b.db, paragraphId, { disqualified: ['Pelle Utomstående'] }, b.actor);
    const details = refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/finalise`), 'legal_reason_required');
    expect(details.findings).toEqual([expect.objectContaining({ code: 'disqualified_person_unknown', severity: 'warning', persons: ['Pelle Utomstående'] })]);
    expect(await b.status(meetingId)).toBe('held');

    const reason = 'Pelle Utomstående är föredragande tjänsteperson och anmälde jäv för protokollets skull.';
    const finalised = await b.post(b.secretary, `/api/meetings/${meetingId}/finalise`, { legalReason: reason });
    expect(finalised.statusCode, finalised.body).toBe(200);
    expect(await b.status(meetingId)).toBe('finalised');
    const events = await listAuditEventsOfMeeting(b.db, meetingId);
    expect(events.find((e) => e.kind === 'minutes.finalised')?.data).toMatchObject({ legalReason: reason, legalWarnings: [{ code: 'disqualified_person_unknown', persons: ['Pelle Utomstående'] }] });
    // The signers are not asked again for what the secretary has answered.
    expect((await b.post(b.chair, `/api/meetings/${meetingId}/signatures`, {})).statusCode).toBe(200);
  });

  it('asks a reason at a late justering and refuses a notice posted before it, or late without a reason', async () => {
    const b = await board();
    const heldOn = addDays(today(), -20);
    const { meetingId } = await b.meeting({ heldOn });
    await cycle.finaliseMinutes(database(), meetingId, { at: at(addDays(heldOn, 1), '14:00') }, b.actor);

    // Signed today, 20 days after the meeting: later than KL 5:69 allows.
    const late = refusal(await b.post(b.chair, `/api/meetings/${meetingId}/signatures`, {}), 'legal_reason_required');
    expect(late).toEqual({ step: 'sign', findings: [expect.objectContaining({ code: 'adjustment_late', severity: 'warning' })] });
    const reason = 'Ordföranden var sjuk; justeringen sköts upp.';
    expect((await b.post(b.chair, `/api/meetings/${meetingId}/signatures`, { legalReason: reason })).statusCode).toBe(200);
    const signedEvents = (await listAuditEventsOfMeeting(b.db, meetingId)).filter((e) => e.kind === 'minutes.signed');
    expect(signedEvents.map((e) => (e.data as { legalReason?: string }).legalReason)).toEqual([reason]);
    // The adjuster signs last without being asked again; the minutes are adjusted and the notice is up today.
    const adjusted = await b.post(b.adjuster, `/api/meetings/${meetingId}/signatures`, {});
    expect(adjusted.json()).toMatchObject({ adjusted: true, adjustedOn: today(), notice: { postedOn: today() } });

    // Posting (re-dating) the notice before the justering is refused; later than two days after needs a reason.
    const early = refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/notice`, { postedOn: addDays(today(), -1) }), 'legal_check_failed');
    expect(early).toEqual({ step: 'notice', findings: [expect.objectContaining({ code: 'notice_before_adjustment', severity: 'error' })] });
    const postedOn = addDays(today(), 5);
    const slow = refusal(await b.post(b.secretary, `/api/meetings/${meetingId}/notice`, { postedOn }), 'legal_reason_required');
    expect(slow.findings).toEqual([expect.objectContaining({ code: 'notice_late' })]);
    const posted = await b.post(b.secretary, `/api/meetings/${meetingId}/notice`, { postedOn, legalReason: 'Anslagstavlan var ur funktion.' });
    expect(posted.statusCode, posted.body).toBe(200);
    const noticeEvents = (await listAuditEventsOfMeeting(b.db, meetingId)).filter((e) => e.kind === 'notice.posted');
    expect(noticeEvents.at(-1)?.data).toMatchObject({ postedOn, legalReason: 'Anslagstavlan var ur funktion.', legalWarnings: [{ code: 'notice_late' }] });
  });

  it('refuses the signature on minutes finalised before the checks ran, whose justerare was not at the meeting', async () => {
    const b = await board();
    const { meetingId } = await b.meeting({ heldOn: addDays(today(), -2) });
    await cycle.finaliseMinutes(database(), meetingId, { at: at(addDays(today(), -1)) }, b.actor);
    // As minutes finalised by an earlier version left them: the roll-call no longer names the adjuster.
    await replaceAttendance(b.db, meetingId, [{ position: 0, personId: b.persons.anna, name: 'Anna Ek', role: 'chair', party: null, represents: null, voting: true, remote: false, paragraphs: null }]);
    const details = refusal(await b.post(b.chair, `/api/meetings/${meetingId}/signatures`, {}), 'legal_check_failed');
    expect(details.step).toBe('sign');
    expect(details.findings.map((f) => f.code)).toContain('adjuster_not_present');
    expect(await b.status(meetingId)).toBe('finalised');
  });
});
