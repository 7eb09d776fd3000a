import { expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { getMeetingOverview } from '../../src/services/meeting-cycle.service.ts';
import { buildUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

describeOnEachEngine('the projects API', (database) => {
  it('creates a project with two funders, links its start §, reports it in the tertial portfolio and exports it; refuses others', async () => {
    const { db } = database();
    const app = await buildApp({ database: database(), web: false });
    const { meetingId } = await saveMinutes(db, buildMinutes({ organization: 'Projektförbundet API', date: '2024-05-20', paragraphs: [5] }));
    const organizationId = await resolveOrganizationId(db, 'Projektförbundet API');
    const [paragraphId] = (await getMeetingOverview(db, meetingId, { today: '2024-05-21' })).paragraphIds;
    const secretary = await buildUser(db, { name: 'Sekreterare Projekt', roles: [{ role: 'secretary', organizationId }] });
    const member = await buildUser(db, { name: 'Medlem Projekt', roles: [{ role: 'member', organizationId }] });
    await saveMinutes(db, buildMinutes({ organization: 'Annat förbund API', date: '2024-05-20', paragraphs: [1] }));
    const otherId = await resolveOrganizationId(db, 'Annat förbund API');
    const stranger = await buildUser(db, { name: 'Annan Sekreterare', roles: [{ role: 'secretary', organizationId: otherId }] });

    const payload = {
      title: 'Digital välfärd',
      caseNumber: '2024/3',
      status: 'ongoing',
      startsOn: '2024-01-01',
      endsOn: '2024-12-31',
      budget: 900_000,
      funding: [
        { funderKind: 'eu', funderName: 'Europeiska regionala utvecklingsfonden', year: 2024, amount: 450_000 },
        { funderKind: 'coordination_association', funderName: 'Samordningsförbundet Exempel', year: 2024, amount: 200_000 },
      ],
    };
    expect((await app.inject({ method: 'GET', url: '/api/projects' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: `/api/organizations/${organizationId}/projects`, headers: member.headers, payload })).json()).toMatchObject({ error: { code: 'not_secretary' } });
    const created = await app.inject({ method: 'POST', url: `/api/organizations/${organizationId}/projects`, headers: secretary.headers, payload });
    expect(created.statusCode).toBe(201);
    const project = created.json() as { id: string; fundingTotal: number };
    expect(project.fundingTotal).toBe(650_000);

    const bad = await app.inject({ method: 'POST', url: `/api/organizations/${organizationId}/projects`, headers: secretary.headers, payload: { ...payload, endsOn: '2023-01-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: { problems: expect.arrayContaining([expect.objectContaining({ path: 'endsOn', code: 'ends_before_start' })]) } } });

    const linked = await app.inject({ method: 'PUT', url: `/api/projects/${project.id}/decisions/${paragraphId}/start`, headers: secretary.headers });
    expect((linked.json() as { decisions: { number: number }[] }).decisions.map((d) => d.number)).toEqual([5]);

    expect((await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: member.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: stranger.headers })).statusCode).toBe(404);
    expect(((await app.inject({ method: 'GET', url: '/api/projects', headers: stranger.headers })).json() as { data: unknown[] }).data).toEqual([]);

    const portfolio = await app.inject({ method: 'GET', url: `/api/organizations/${organizationId}/project-portfolio/2024/T2`, headers: member.headers });
    expect((portfolio.json() as { groups: { group: string; projects: { title: string }[] }[] }).groups.find((g) => g.group === 'ongoing')!.projects.map((p) => p.title)).toEqual([
      'Digital välfärd',
    ]);
    expect((await app.inject({ method: 'GET', url: `/api/organizations/${organizationId}/project-portfolio/2024/T2`, headers: stranger.headers })).statusCode).toBe(403);
    const pdf = await app.inject({ method: 'GET', url: `/api/organizations/${organizationId}/project-portfolio/2024/T2/document`, headers: member.headers });
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const csv = await app.inject({ method: 'GET', url: `/api/projects/export?organization=${organizationId}&format=csv`, headers: member.headers });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain(';2024/3;Digital välfärd;pågående;');
    await app.close();
  });
});
