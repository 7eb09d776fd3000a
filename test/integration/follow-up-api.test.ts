import { expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { buildUser } from '../support/accounts.ts';
import type { Minutes } from '../../src/domain/minutes.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { annotatedSeeds } from '../support/seeds.ts';
import { buildMinutes } from '../support/factories.ts';

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
