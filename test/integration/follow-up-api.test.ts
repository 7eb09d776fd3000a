import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { buildUser } from '../support/accounts.ts';
import type { Minutes } from '../../src/domain/minutes.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { annotatedSeeds } from '../support/seeds.ts';
import { buildMinutes } from '../support/factories.ts';
import { findParagraph, resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { queryRows } from '../../src/storage/database.ts';

describeOnEachEngine('the follow-up API', (database) => {
  it('proposes from a stored meeting, confirms all, lists overdue assignments, and answers 400 naming the path for a report to an unknown §', async () => {
    const app = await buildApp({ database: database(), web: false });
    const admin = await buildUser(database().db, { name: 'Uppföljning Admin', isAdministrator: true });
    // The registers are internal, and only a secretary or an administrator changes them.
    expect((await app.inject({ method: 'GET', url: '/api/follow-up/assignments' })).statusCode).toBe(401);
    const member = await buildUser(database().db, { name: 'Bara Ledamot' });
    expect((await app.inject({ method: 'POST', url: '/api/follow-up/proposals/confirm-all', headers: member.headers })).statusCode).toBe(403);
    const seed = { ...(annotatedSeeds().find((s) => s.name.startsWith('002'))!.expected as Minutes), organization: 'Samordningsförbundet API' };
    const { meetingId } = (await app.inject({ headers: admin.headers, method: 'POST', url: '/api/minutes', payload: seed })).json() as { meetingId: string };
    const proposed = await app.inject({ headers: admin.headers, method: 'POST', url: `/api/meetings/${meetingId}/follow-up-proposals` });
    expect(proposed.json()).toEqual({ assignments: 2, appointments: 0, delegatedDecisions: 2 });
    const organizations = (await app.inject({ headers: admin.headers, method: 'GET', url: '/api/organizations' })).json() as { data: { id: string; name: string }[] };
    const organizationId = organizations.data.find((o) => o.name === 'Samordningsförbundet API')!.id;
    const confirmed = await app.inject({ headers: admin.headers, method: 'POST', url: `/api/follow-up/proposals/confirm-all?organization=${organizationId}` });
    expect((confirmed.json() as { data: unknown[] }).data).toHaveLength(4);

    const open = await app.inject({ headers: admin.headers, method: 'GET', url: `/api/follow-up/assignments?organization=${organizationId}&status=overdue&today=2020-12-01` });
    const assignments = (open.json() as { data: { id: string; assignee: string; source: { number: number } }[] }).data;
    expect(assignments.map((a) => [a.assignee, a.source.number])).toEqual([
      ['Förbundschefen', 11],
      ['Förbundschefen', 11],
    ]);

    const other = buildMinutes({ organization: 'Samordningsförbundet API', body: 'Arbetsutskottet', date: '2020-11-20', paragraphs: [3] });
    const otherMeeting = (await app.inject({ headers: admin.headers, method: 'POST', url: '/api/minutes', payload: other })).json() as { meetingId: string };
    const minutes = await app.inject({ headers: admin.headers, method: 'GET', url: `/api/meetings/${otherMeeting.meetingId}/minutes` });
    expect(minutes.statusCode).toBe(200);
    const bodies = (await app.inject({ headers: admin.headers, method: 'GET', url: `/api/bodies?organization=${organizationId}` })).json() as { data: { id: string; name: string }[] };
    const committee = bodies.data.find((b) => b.name === 'Arbetsutskottet')!;
    const delegated = (await app.inject({ headers: admin.headers, method: 'GET', url: `/api/follow-up/delegated-decisions?organization=${organizationId}` })).json() as {
      data: { id: string; status: string }[];
    };
    expect(delegated.data.map((d) => d.status)).toEqual(['reported', 'reported']);
    const refused = await app.inject({
      headers: admin.headers,
      method: 'POST',
      url: '/api/follow-up/delegated-decisions/report',
      payload: { ids: [delegated.data[0]!.id], paragraphId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'unknown_paragraph', details: { problems: [{ path: 'paragraphId' }] } } });
    const due = await app.inject({ headers: admin.headers, method: 'GET', url: `/api/bodies/${committee.id}/due-report-backs?meetingOn=2020-11-20` });
    expect((due.json() as { data: unknown[] }).data).toEqual([]);
    await app.close();
  });
});

describeOnEachEngine('the follow-up API per organisation', (database) => {
  const seed002 = () => annotatedSeeds().find((s) => s.name.startsWith('002'))!.expected as Minutes;

  /** Two organisations, each with the seed meeting 002 stored and its follow-up proposed. */
  async function twoOrganizations(app: Awaited<ReturnType<typeof buildApp>>, suffix: string) {
    const { db } = database();
    const admin = await buildUser(db, { name: 'Behörighet Admin', isAdministrator: true });
    const store = async (organization: string) => {
      const stored = await app.inject({ headers: admin.headers, method: 'POST', url: '/api/minutes', payload: { ...seed002(), organization } });
      const { meetingId } = stored.json() as { meetingId: string };
      expect((await app.inject({ headers: admin.headers, method: 'POST', url: `/api/meetings/${meetingId}/follow-up-proposals` })).statusCode).toBe(200);
      return { meetingId, organizationId: await resolveOrganizationId(db, organization) };
    };
    const a = await store(`Förbund A ${suffix}`);
    const b = await store(`Förbund B ${suffix}`);
    const secretaryA = await buildUser(db, { name: `Sekreterare A ${suffix}`, roles: [{ role: 'secretary', organizationId: a.organizationId }] });
    const memberB = await buildUser(db, { name: `Ledamot B ${suffix}`, roles: [{ role: 'member', organizationId: b.organizationId }] });
    return { admin, a, b, secretaryA, memberB };
  }

  const idsOf = (response: { json: () => unknown }) => ((response.json() as { data: { id: string }[] }).data ?? []).map((e) => e.id);

  it('lets a secretary of A read and change the registers of A, and refuses with 403 to read or change those of B', async () => {
    const app = await buildApp({ database: database(), web: false });
    const { admin, a, b, secretaryA, memberB } = await twoOrganizations(app, 'Läsa');
    const as = (user: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ headers: user.headers, method, url, ...(payload ? { payload } : {}) });

    // Reading.
    const readB = await as(secretaryA, 'GET', `/api/follow-up/assignments?organization=${b.organizationId}&status=all`);
    expect(readB.statusCode).toBe(403);
    expect(readB.json()).toMatchObject({ error: { code: 'not_in_organization', details: { organizationId: b.organizationId } } });
    for (const url of [
      `/api/follow-up/delegated-decisions?organization=${b.organizationId}`,
      `/api/follow-up/appointments?organization=${b.organizationId}&status=all`,
      `/api/follow-up/consultations?organization=${b.organizationId}`,
      `/api/follow-up/goals?organization=${b.organizationId}`,
      `/api/organizations/${b.organizationId}/annual-reports/2020/document?format=html`,
    ]) {
      expect((await as(secretaryA, 'GET', url)).statusCode, url).toBe(403);
    }
    const ownA = await as(secretaryA, 'GET', `/api/follow-up/assignments?organization=${a.organizationId}&status=proposed`);
    expect(ownA.statusCode).toBe(200);
    expect(idsOf(ownA)).toHaveLength(2);

    // Without `organization` a list holds only the organisations the caller may read.
    const everything = await as(secretaryA, 'GET', '/api/follow-up/assignments?status=all');
    const sources = (everything.json() as { data: { source: { organizationId: string } }[] }).data.map((e) => e.source.organizationId);
    expect(sources).toEqual([a.organizationId, a.organizationId]);
    const delegated = (await as(secretaryA, 'GET', '/api/follow-up/delegated-decisions')).json() as { data: { organizationId: string }[] };
    expect(delegated.data.map((d) => d.organizationId)).toEqual([a.organizationId, a.organizationId]);
    const adminSees = (await as(admin, 'GET', '/api/follow-up/assignments?status=all')).json() as { data: { source: { organizationId: string } }[] };
    expect(new Set(adminSees.data.map((e) => e.source.organizationId))).toEqual(new Set([a.organizationId, b.organizationId]));

    // Changing.
    const proposalsOfB = idsOf(await as(admin, 'GET', `/api/follow-up/assignments?organization=${b.organizationId}&status=proposed`));
    const refused = await as(secretaryA, 'POST', `/api/follow-up/proposals/${proposalsOfB[0]}/confirm`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'not_secretary', details: { organizationId: b.organizationId } } });
    expect((await as(secretaryA, 'POST', `/api/follow-up/proposals/confirm-all?organization=${b.organizationId}`)).statusCode).toBe(403);
    expect((await as(secretaryA, 'POST', `/api/meetings/${b.meetingId}/follow-up-proposals`)).statusCode).toBe(403);
    const goalOfB = { organizationId: b.organizationId, planYear: 2020, area: 'Styrning', title: 'Ett mål i B' };
    expect((await as(secretaryA, 'POST', '/api/follow-up/goals', goalOfB)).statusCode).toBe(403);
    const goalB = (await as(admin, 'POST', '/api/follow-up/goals', goalOfB)).json() as { id: string };
    expect((await as(secretaryA, 'PATCH', `/api/follow-up/goals/${goalB.id}`, { title: 'Ändrat av A' })).statusCode).toBe(403);
    expect((await as(secretaryA, 'DELETE', `/api/follow-up/goals/${goalB.id}`)).statusCode).toBe(403);
    expect((await as(secretaryA, 'POST', `/api/organizations/${b.organizationId}/annual-reports/2020/draft`)).statusCode).toBe(403);
    const appointmentInB = { organizationId: b.organizationId, personName: 'Anna Ek', externalBody: 'Föreningsarkivet', role: 'ordinary' };
    expect((await as(secretaryA, 'POST', '/api/follow-up/appointments', appointmentInB)).statusCode).toBe(403);

    // A member of B reads B's registers but does not change them.
    expect((await as(memberB, 'GET', `/api/follow-up/assignments?organization=${b.organizationId}&status=proposed`)).statusCode).toBe(200);
    expect((await as(memberB, 'POST', `/api/follow-up/proposals/${proposalsOfB[0]}/confirm`)).statusCode).toBe(403);

    // Nothing of B changed; A's secretary confirms A's proposals, and confirm-all without an organisation touches only A.
    expect(idsOf(await as(admin, 'GET', `/api/follow-up/assignments?organization=${b.organizationId}&status=proposed`))).toEqual(proposalsOfB);
    const proposalsOfA = idsOf(ownA);
    const confirmedOne = await as(secretaryA, 'POST', `/api/follow-up/proposals/${proposalsOfA[0]}/confirm`);
    expect(confirmedOne.json()).toEqual({ register: 'assignment', id: proposalsOfA[0], status: 'open' });
    const confirmedAll = (await as(secretaryA, 'POST', '/api/follow-up/proposals/confirm-all')).json() as { data: { id: string; register: string }[] };
    expect(confirmedAll.data.map((c) => c.register)).toEqual(['assignment', 'delegated_decision', 'delegated_decision']);
    expect(idsOf(await as(admin, 'GET', `/api/follow-up/assignments?organization=${b.organizationId}&status=proposed`))).toEqual(proposalsOfB);
    const goalA = await as(secretaryA, 'POST', '/api/follow-up/goals', { ...goalOfB, organizationId: a.organizationId, title: 'Ett mål i A' });
    expect(goalA.statusCode).toBe(201);
    expect((await as(secretaryA, 'GET', `/api/follow-up/goals?organization=${a.organizationId}`)).json()).toMatchObject({ data: [{ title: 'Ett mål i A' }] });
    await app.close();
  });

  it('writes an audit event naming the user for every register change, and none for a refused one', async () => {
    const app = await buildApp({ database: database(), web: false });
    const { db } = database();
    const { admin, a, b, secretaryA } = await twoOrganizations(app, 'Logg');
    const as = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ headers: secretaryA.headers, method, url, ...(payload ? { payload } : {}) });
    const ok = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const response = await as(method, url, payload);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.statusCode === 204 ? null : (response.json() as Record<string, unknown> & { id: string });
    };

    const [first] = idsOf(await as('GET', `/api/follow-up/assignments?organization=${a.organizationId}&status=proposed`));
    await ok('POST', `/api/follow-up/proposals/${first}/confirm`);
    await ok('POST', `/api/follow-up/proposals/confirm-all?organization=${a.organizationId}`);
    // A later meeting of the same body, whose § reports the first assignment back.
    const later = buildMinutes({ organization: `Förbund A Logg`, body: 'Styrelsen', date: '2020-11-27', paragraphs: [20] });
    const { meetingId: laterMeetingId } = (await app.inject({ headers: admin.headers, method: 'POST', url: '/api/minutes', payload: later })).json() as { meetingId: string };
    const laterParagraph = await findParagraph(db, { meetingId: laterMeetingId, number: 20 });
    // Refused (a § of B's body): nothing is written, not even the audit event.
    const paragraphOfB = await findParagraph(db, { meetingId: b.meetingId, number: 11 });
    expect((await as('POST', `/api/follow-up/assignments/${first}/report-back`, { paragraphId: paragraphOfB.paragraphId })).statusCode).toBe(409);
    await ok('POST', `/api/follow-up/assignments/${first}/report-back`, { paragraphId: laterParagraph.paragraphId });

    const bodyId = laterParagraph.bodyId;
    const registered = await ok('POST', '/api/follow-up/delegated-decisions', { bodyId, delegate: 'Förbundschefen', description: 'Avtal om städning', decidedOn: '2020-11-02' });
    await ok('POST', '/api/follow-up/delegated-decisions/report', { ids: [registered!.id], paragraphId: laterParagraph.paragraphId });
    const appointment = await ok('POST', '/api/follow-up/appointments', { organizationId: a.organizationId, personName: 'Anna Ek', externalBody: 'Föreningsarkivet', role: 'ordinary', startsOn: '2020-01-01' });
    await ok('POST', '/api/follow-up/appointments', { organizationId: a.organizationId, personName: 'Bo Gran', externalBody: 'Föreningsarkivet', role: 'ordinary', startsOn: '2020-11-27', replacesId: appointment!.id });
    const consultation = await ok('POST', '/api/follow-up/consultations', { organizationId: a.organizationId, sender: 'Regionen', title: 'Regional digital agenda', dueOn: '2020-12-31' });
    await ok('POST', `/api/follow-up/consultations/${consultation!.id}/answer`, { paragraphId: laterParagraph.paragraphId });
    const goal = await ok('POST', '/api/follow-up/goals', { organizationId: a.organizationId, planYear: 2020, area: 'Styrning', title: 'Tydlig delegation' });
    await ok('PATCH', `/api/follow-up/goals/${goal!.id}`, { title: 'Tydlig delegationsordning' });
    const indicator = await ok('POST', `/api/follow-up/goals/${goal!.id}/indicators`, { title: 'Anmälda delegationsbeslut', unit: 'st' });
    await ok('PUT', `/api/follow-up/indicators/${indicator!.id}/follow-ups/2020/T3`, { value: '12' });
    await ok('POST', `/api/organizations/${a.organizationId}/annual-reports/2020/draft`);
    await ok('PUT', `/api/organizations/${a.organizationId}/annual-reports/2020/sections`, { sections: [{ heading: 'Styrelsens arbete', text: 'Nio möten.' }] });
    await ok('DELETE', `/api/follow-up/goals/${goal!.id}`);

    const events = await queryRows<{ kind: string; entityId: string | null; actor: string | null }>(
      db,
      sql`select kind, entity_id as "entityId", actor from audit_events where actor = ${secretaryA.userId} order by at, kind`,
    );
    const kinds = events.map((e) => e.kind);
    expect(new Set(kinds)).toEqual(
      new Set([
        'assignment.confirmed',
        'delegated_decision.confirmed',
        'assignment.reported',
        'delegated_decision.registered',
        'delegated_decision.reported',
        'appointment.registered',
        'appointment.ended',
        'consultation.registered',
        'consultation.answered',
        'goal.created',
        'goal.updated',
        'indicator.created',
        'indicator_follow_up.recorded',
        'annual_report.drafted',
        'annual_report.edited',
        'goal.deleted',
      ]),
    );
    expect(kinds.filter((k) => k === 'assignment.confirmed')).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'assignment.reported').map((e) => e.entityId)).toEqual([first]);
    expect(events.find((e) => e.kind === 'appointment.ended')?.entityId).toBe(appointment!.id);
    const proposedBy = await queryRows<{ actor: string }>(db, sql`select actor from audit_events where kind = 'follow_up.proposed' and entity_id = ${a.meetingId}`);
    expect(proposedBy).toEqual([{ actor: admin.userId }]);
    await app.close();
  });
});
