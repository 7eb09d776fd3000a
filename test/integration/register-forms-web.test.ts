/**
 * The web forms of three follow-up registers (issue 20): a secretary registers and ends an appointment,
 * registers a remiss and records its answer in a §, adds a goal with an indicator and records a tertial;
 * each change is in the register and in the audit log under the secretary's name. A secretary of another
 * organisation is refused on every form, and cannot link their own entries to the first organisation's §§.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { listAppointments, listConsultations, listGoals, resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { queryRows } from '../../src/storage/index.ts';
import { buildUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

const TODAY = '2026-06-15';

describeOnEachEngine('the register forms on the web', (database) => {
  it('posts each form as a secretary, with the audit entry, and refuses a secretary of another organisation', async () => {
    const { db } = database();
    const app = await buildApp({ database: database(), today: () => TODAY });
    const suffix = Math.random().toString(36).slice(2, 8);
    const { meetingId } = await saveMinutes(db, buildMinutes({ organization: `Förbund Webb ${suffix}`, date: '2026-05-20', paragraphs: [1, 2, 3] }));
    await saveMinutes(db, buildMinutes({ organization: `Förbund Annat ${suffix}`, date: '2026-05-21', paragraphs: [1] }));
    const organizationId = await resolveOrganizationId(db, `Förbund Webb ${suffix}`);
    const otherId = await resolveOrganizationId(db, `Förbund Annat ${suffix}`);
    const web = async (organization: string, name: string) => {
      const user = await buildUser(db, { name, roles: [{ role: 'secretary', organizationId: organization }] });
      const session = await startSession(db, { userId: user.userId });
      return { userId: user.userId, cookie: `protokoll_session=${encodeURIComponent(session.token)}; pk_csrf=${session.csrfToken}`, csrf: session.csrfToken };
    };
    const secretary = await web(organizationId, `Sekreterare Webb ${suffix}`);
    const outsider = await web(otherId, `Sekreterare Annat ${suffix}`);
    type Who = typeof secretary;
    const post = (who: Who, url: string, fields: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString() });
    const get = (who: Who, url: string) => app.inject({ url, headers: { cookie: who.cookie } });
    const audited = async (kind: string, entityId: string) =>
      (await queryRows<{ actor: string }>(db, sql`select actor from audit_events where kind = ${kind} and entity_id = ${entityId}`)).map((e) => e.actor);
    const organisation = organizationId;

    // Representation: registered with the § that decided it, then ended early.
    const page = await get(secretary, `/arbetsyta/representation?organisation=${organisation}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/arbetsyta/representation"');
    const registered = await post(secretary, '/arbetsyta/representation', {
      organisation, personName: 'Eva Webb', externalBody: 'Regionala rådet', role: 'ordinary', startsOn: '', endsOn: '2026-12-31', decidedMeeting: meetingId, decidedNumber: '2',
    });
    expect(registered.statusCode).toBe(303);
    const [appointment] = await listAppointments(db, { organizationId, status: 'active', activeOn: TODAY });
    expect(appointment).toMatchObject({ personName: 'Eva Webb', externalBody: 'Regionala rådet', since: '2026-05-20', endsOn: '2026-12-31', decidedIn: { number: 2 } });
    expect(await audited('appointment.registered', appointment!.id)).toEqual([secretary.userId]);
    const invalid = await post(secretary, '/arbetsyta/representation', { organisation, personName: '', externalBody: 'Rådet', role: 'ordinary', decidedMeeting: meetingId, decidedNumber: '9' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('class="error-summary"');
    expect(invalid.body).toContain('Sammanträdet har ingen paragraf med det numret.');
    expect(await post(outsider, `/arbetsyta/representation/${appointment!.id}/avsluta`, { organisation, endsOn: '2026-06-30' }).then((r) => r.statusCode)).toBe(403);
    const ended = await post(secretary, `/arbetsyta/representation/${appointment!.id}/avsluta`, { organisation, endsOn: '2026-06-30' });
    expect(ended.statusCode).toBe(303);
    expect((await listAppointments(db, { organizationId, status: 'all' }))[0]).toMatchObject({ status: 'ended', endsOn: '2026-06-30' });
    expect(await audited('appointment.ended', appointment!.id)).toEqual([secretary.userId]);

    // Remisser: registered, then answered in § 3 of the meeting.
    expect(await post(secretary, '/arbetsyta/remisser', { organisation, sender: 'Regionen', title: 'Remiss om samverkan', caseNumber: `2026/${suffix}`, receivedOn: '2026-05-01', dueOn: '2026-06-01' }).then((r) => r.statusCode)).toBe(303);
    const [consultation] = await listConsultations(db, { organizationId, today: TODAY });
    expect(consultation).toMatchObject({ sender: 'Regionen', title: 'Remiss om samverkan', overdue: true, answeredIn: null });
    expect(await audited('consultation.registered', consultation!.id)).toEqual([secretary.userId]);
    expect(await post(outsider, '/arbetsyta/remisser/svar', { organisation, consultationId: consultation!.id, answerMeeting: meetingId, answerNumber: '3' }).then((r) => r.statusCode)).toBe(403);
    expect(await post(secretary, '/arbetsyta/remisser/svar', { organisation, consultationId: consultation!.id, answerMeeting: meetingId, answerNumber: '3' }).then((r) => r.statusCode)).toBe(303);
    expect((await listConsultations(db, { organizationId, today: TODAY }))[0]).toMatchObject({ overdue: false, answeredIn: { number: 3, heldOn: '2026-05-20' } });
    expect(await audited('consultation.answered', consultation!.id)).toEqual([secretary.userId]);

    // Goals: a goal, an indicator under it, and its value for tertial 2.
    expect(await post(secretary, '/arbetsyta/mal', { organisation, planYear: '2026', area: 'Samverkan', title: 'Fler i arbete', description: '' }).then((r) => r.statusCode)).toBe(303);
    const [goal] = await listGoals(db, { organizationId, planYear: 2026 });
    expect(await audited('goal.created', goal!.id)).toEqual([secretary.userId]);
    expect(await post(secretary, '/arbetsyta/mal/indikatorer', { organisation, ar: '2026', goalId: goal!.id, title: 'Andel i arbete', unit: '%', baseline: '30', targetValue: '40' }).then((r) => r.statusCode)).toBe(303);
    const indicator = (await listGoals(db, { organizationId, planYear: 2026 }))[0]!.indicators[0]!;
    expect(indicator).toMatchObject({ title: 'Andel i arbete', unit: '%', baseline: '30', targetValue: '40' });
    expect(await audited('indicator.created', indicator.id)).toEqual([secretary.userId]);
    const followUp = { organisation, ar: '2026', indicatorId: indicator.id, year: '2026', period: 'T2', value: '35', comment: '' };
    expect(await post(outsider, '/arbetsyta/mal/uppfoljning', followUp).then((r) => r.statusCode)).toBe(403);
    expect(await post(secretary, '/arbetsyta/mal/uppfoljning', followUp).then((r) => r.statusCode)).toBe(303);
    expect((await listGoals(db, { organizationId, planYear: 2026 }))[0]!.indicators[0]!.followUps).toMatchObject([{ year: 2026, period: 'T2', value: '35' }]);
    expect(await audited('indicator_follow_up.recorded', indicator.id)).toEqual([secretary.userId]);
    expect((await get(secretary, `/arbetsyta/mal?organisation=${organisation}&ar=2026`)).body).toContain('Andel i arbete');

    // The other organisation's secretary: refused on this organisation's forms, shown only their own registers,
    // and unable to link an entry of their own to this organisation's §.
    expect(await post(outsider, '/arbetsyta/representation', { organisation, personName: 'Ola', externalBody: 'Rådet', role: 'ordinary' }).then((r) => r.statusCode)).toBe(403);
    expect(await post(outsider, '/arbetsyta/remisser', { organisation, sender: 'Regionen', title: 'Smyg' }).then((r) => r.statusCode)).toBe(403);
    expect(await post(outsider, '/arbetsyta/mal', { organisation, planYear: '2026', area: 'X', title: 'Smyg' }).then((r) => r.statusCode)).toBe(403);
    expect(await post(outsider, '/arbetsyta/mal/indikatorer', { organisation, goalId: goal!.id, title: 'Smyg' }).then((r) => r.statusCode)).toBe(403);
    expect((await get(outsider, `/arbetsyta/remisser?organisation=${organisation}`)).body).not.toContain('Remiss om samverkan');
    const linked = await post(outsider, '/arbetsyta/representation', { organisation: otherId, personName: 'Ola', externalBody: 'Rådet', role: 'ordinary', decidedMeeting: meetingId, decidedNumber: '1' });
    expect(linked.statusCode).toBe(400);
    expect(linked.body).toContain('Paragrafen hör till en annan organisation.');
    expect(await listAppointments(db, { organizationId: otherId, status: 'all' })).toEqual([]);
    expect((await listGoals(db, { organizationId, planYear: 2026 }))[0]!.indicators).toHaveLength(1);
    await app.close();
  });
});
