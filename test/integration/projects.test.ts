import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { createGoal, createIndicator, resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { draftAnnualReport } from '../../src/services/annual-report.service.ts';
import { getMeetingOverview } from '../../src/services/meeting-cycle.service.ts';
import { getViewer } from '../../src/services/accounts.service.ts';
import { searchRegisters } from '../../src/services/register-search.service.ts';
import {
  attachPortfolioReport,
  createProject,
  exportProjects,
  getPortfolioReport,
  getProject,
  linkProjectDecision,
  linkProjectIndicator,
  listProjects,
  updateProject,
} from '../../src/services/projects.service.ts';
import type { NewProject } from '../../src/services/projects.service.ts';
import { readPdfText } from '../documents/pdf-text.ts';
import { buildUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

const twoFunders = (organizationId: string): NewProject => ({
  organizationId,
  title: 'Hållbar omsorg i Sjöbygden',
  caseNumber: '2024/17',
  owner: 'Kommunförbundet Sjöbygden',
  projectManager: 'Eva Exempel',
  status: 'ongoing',
  startsOn: '2024-03-01',
  endsOn: '2025-08-31',
  budget: 2_000_000,
  outcome: 500_000,
  results: 'Fyra utbildningsdagar för omsorgspersonal.',
  funding: [
    { funderKind: 'eu', funderName: 'Europeiska socialfonden', year: 2024, amount: 800_000 },
    { funderKind: 'eu', funderName: 'Europeiska socialfonden', year: 2025, amount: 600_000 },
    { funderKind: 'municipality', funderName: 'Medlemskommunerna', year: 2024, amount: 300_000 },
  ],
});

describeOnEachEngine('the project portfolio', (database) => {
  async function organizationWithMeeting(name: string) {
    const { db } = database();
    const { meetingId } = await saveMinutes(db, buildMinutes({ organization: name, date: '2024-05-20', paragraphs: [10, 11] }));
    const organizationId = await resolveOrganizationId(db, name);
    const { paragraphIds } = await getMeetingOverview(db, meetingId, { today: '2024-05-21' });
    return { db, organizationId, meetingId, paragraphIds };
  }

  const auditCount = async (projectId: string) => {
    const result = (await database().db.execute(sql`select count(*)::int as n from audit_events where entity_id = ${projectId}`)) as unknown as { rows: { n: number | string }[] };
    return Number(result.rows[0]!.n);
  };

  it('stores a project with two funders, sums them per funder and year, and logs the change', async () => {
    const { db, organizationId } = await organizationWithMeeting('Projektförbundet Ett');
    const created = await createProject(db, twoFunders(organizationId));
    expect(created.funders).toEqual([
      { funderKind: 'eu', funderName: 'Europeiska socialfonden', amounts: [{ year: 2024, amount: 800_000 }, { year: 2025, amount: 600_000 }], total: 1_400_000 },
      { funderKind: 'municipality', funderName: 'Medlemskommunerna', amounts: [{ year: 2024, amount: 300_000 }], total: 300_000 },
    ]);
    expect(created).toMatchObject({ fundingTotal: 1_700_000, remaining: 1_500_000, usedPercent: 25, startsOn: '2024-03-01', organizationName: 'Projektförbundet Ett' });

    const updated = await updateProject(db, created.id, { ...twoFunders(organizationId), status: 'completed', outcome: 1_900_000, funding: twoFunders(organizationId).funding.slice(0, 1) });
    expect(updated).toMatchObject({ status: 'completed', outcome: 1_900_000, fundingTotal: 800_000 });
    expect((await getProject(db, created.id)).funding).toHaveLength(1);
    expect((await listProjects(db, { organizationId })).map((p) => p.title)).toEqual(['Hållbar omsorg i Sjöbygden']);
    expect(await auditCount(created.id)).toBe(2);
  });

  it('exports the projects as CSV and XLSX for auditors', async () => {
    const { db, organizationId } = await organizationWithMeeting('Projektförbundet Export');
    await createProject(db, twoFunders(organizationId));
    const csv = new TextDecoder().decode((await exportProjects(db, { organizationId, format: 'csv' })).bytes);
    const [head, row] = csv.replace('\ufeff', '').split('\r\n');
    expect(head).toBe('Organisation;Dnr;Projekt;Status;Projektägare;Projektledare;Startdatum;Slutdatum;Budget (kr);Utfall (kr);Kvar av budget (kr);Finansiering totalt (kr);Finansiärer;Beslut;Indikatorer;Resultat');
    expect(row).toBe(
      'Projektförbundet Export;2024/17;Hållbar omsorg i Sjöbygden;pågående;Kommunförbundet Sjöbygden;Eva Exempel;2024-03-01;2025-08-31;2000000;500000;1500000;1700000;' +
        '"Europeiska socialfonden (EU-medel): 2024 800000, 2025 600000; Medlemskommunerna (Kommuner): 2024 300000";;;Fyra utbildningsdagar för omsorgspersonal.',
    );
    const xlsx = await exportProjects(db, { organizationId, format: 'xlsx' });
    expect(xlsx.fileName).toBe('projekt.xlsx');
    expect(Buffer.from(xlsx.bytes.subarray(0, 2)).toString()).toBe('PK');
  });

  it('refuses bad input with every problem and its path, and writes nothing', async () => {
    const { db, organizationId } = await organizationWithMeeting('Projektförbundet Två');
    const error = await createProject(db, {
      ...twoFunders(organizationId),
      title: '',
      endsOn: '2024-01-01',
      funding: [{ funderKind: 'eu', funderName: 'ESF', year: 2024, amount: -1 }],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'input' });
    expect((error as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['title', 'endsOn', 'funding[0].amount']);
    expect(await listProjects(db, { organizationId })).toEqual([]);
  });

  it('links the start decision and an indicator of the same organisation only', async () => {
    const { db, organizationId, paragraphIds } = await organizationWithMeeting('Projektförbundet Tre');
    const other = await organizationWithMeeting('Projektförbundet Annat');
    const project = await createProject(db, twoFunders(organizationId));
    const linked = await linkProjectDecision(db, { projectId: project.id, paragraphId: paragraphIds[0]!, kind: 'start' });
    expect(linked.decisions).toEqual([expect.objectContaining({ kind: 'start', number: 10, heldOn: '2024-05-20', bodyName: 'Styrelsen' })]);
    // Linking again changes nothing.
    await linkProjectDecision(db, { projectId: project.id, paragraphId: paragraphIds[0]!, kind: 'start' });
    expect((await getProject(db, project.id)).decisions).toHaveLength(1);
    await expect(linkProjectDecision(db, { projectId: project.id, paragraphId: other.paragraphIds[0]!, kind: 'start' })).rejects.toMatchObject({ code: 'unknown_paragraph' });
    await expect(linkProjectDecision(db, { projectId: project.id, paragraphId: paragraphIds[0]!, kind: 'closing' })).rejects.toMatchObject({ code: 'invalid_decision_kind' });

    const goal = await createGoal(db, { organizationId, planYear: 2024, area: 'Välfärd', title: 'Stärka omsorgens kompetens' });
    const indicator = await createIndicator(db, { goalId: goal.id, title: 'Utbildade medarbetare', unit: 'st', targetValue: '200' });
    const withIndicator = await linkProjectIndicator(db, { projectId: project.id, indicatorId: indicator.id });
    expect(withIndicator.indicators).toEqual([expect.objectContaining({ title: 'Utbildade medarbetare', goalTitle: 'Stärka omsorgens kompetens' })]);
    const otherGoal = await createGoal(db, { organizationId: other.organizationId, planYear: 2024, area: 'Välfärd', title: 'Annat mål' });
    const otherIndicator = await createIndicator(db, { goalId: otherGoal.id, title: 'Annan indikator' });
    await expect(linkProjectIndicator(db, { projectId: project.id, indicatorId: otherIndicator.id })).rejects.toMatchObject({ code: 'unknown_indicator' });
  });

  it('lets a member read but not change, and hides the projects from other organisations', async () => {
    const { db, organizationId } = await organizationWithMeeting('Projektförbundet Fyra');
    const other = await organizationWithMeeting('Projektförbundet Fem');
    const secretary = await buildUser(db, { name: 'Sara Sekreterare', roles: [{ role: 'secretary', organizationId }] });
    const member = await buildUser(db, { name: 'Max Medlem', roles: [{ role: 'member', organizationId }] });
    const outsider = await buildUser(db, { name: 'Olle Utanför', roles: [{ role: 'secretary', organizationId: other.organizationId }] });
    const actor = async (user: { userId: string }) => {
      const viewer = await getViewer(db, user.userId);
      return { userId: viewer.id, personId: viewer.personId, name: viewer.name, viewer };
    };
    const project = await createProject(db, twoFunders(organizationId), await actor(secretary));
    await expect(createProject(db, twoFunders(organizationId), await actor(member))).rejects.toMatchObject({ code: 'not_secretary' });
    await expect(updateProject(db, project.id, twoFunders(organizationId), await actor(member))).rejects.toMatchObject({ code: 'not_secretary' });
    expect((await getProject(db, project.id, await actor(member))).title).toBe('Hållbar omsorg i Sjöbygden');
    await expect(getProject(db, project.id, await actor(outsider))).rejects.toMatchObject({ code: 'project_not_found' });
    await expect(listProjects(db, { organizationId }, await actor(outsider))).rejects.toMatchObject({ code: 'not_in_organization' });
    expect((await listProjects(db, {}, await actor(outsider))).map((p) => p.id)).not.toContain(project.id);
    expect((await listProjects(db, {}, await actor(member))).map((p) => p.id)).toEqual([project.id]);
    // Search in the registers finds the project by its Dnr, name or a funder for those who read the organisation's registers only.
    const found = async (query: string, viewer: Awaited<ReturnType<typeof getViewer>> | null) =>
      (await searchRegisters(db, { query, viewer })).filter((h) => h.kind === 'project').map((h) => h.id);
    expect(await found(twoFunders(organizationId).caseNumber!, (await actor(member)).viewer)).toEqual([project.id]);
    expect(await found(`hållbar ${twoFunders(organizationId).funding[0]!.funderName}`, (await actor(member)).viewer)).toEqual([project.id]);
    expect(await found(twoFunders(organizationId).caseNumber!, (await actor(outsider)).viewer)).toEqual([]);
    expect(await found(twoFunders(organizationId).caseNumber!, null)).toEqual([]);
  });

  it('groups the portfolio by tertial and attaches its PDF to a § as a bilaga', async () => {
    const handle = database();
    const { db, organizationId, paragraphIds } = await organizationWithMeeting('Projektförbundet Sex');
    await createProject(db, twoFunders(organizationId));
    await createProject(db, { organizationId, title: 'Digital mognad', status: 'planned', startsOn: '2024-06-01', endsOn: null, funding: [] });
    await createProject(db, { organizationId, title: 'Avslutat förr', status: 'completed', startsOn: '2022-01-01', endsOn: '2023-12-31', funding: [] });
    const report = await getPortfolioReport(db, { organizationId, year: 2024, tertial: 'T2' });
    expect(report.groups.map((g) => [g.group, g.projects.map((p) => p.title)])).toEqual([
      ['incoming', ['Digital mognad']],
      ['ongoing', ['Hållbar omsorg i Sjöbygden']],
      ['completed', []],
    ]);
    await expect(getPortfolioReport(db, { organizationId, year: 2024, tertial: 'T4' })).rejects.toMatchObject({ code: 'invalid_tertial' });

    const attached = await attachPortfolioReport(handle, { organizationId, year: 2024, tertial: 2, paragraphId: paragraphIds[1]! });
    expect(attached.title).toBe('Projektportfölj T2 2024');
    const rows = (await db.execute(sql`select a.title, f.content_type as "contentType" from paragraph_attachments a join files f on f.id = a.file_id where a.paragraph_id = ${paragraphIds[1]!}`)) as unknown as {
      rows: { title: string; contentType: string }[];
    };
    expect(rows.rows).toEqual([{ title: 'Projektportfölj T2 2024', contentType: 'application/pdf' }]);
  });

  it('renders the portfolio report as a PDF with each project, its funders and sums', async () => {
    const { db, organizationId } = await organizationWithMeeting('Projektförbundet Åtta');
    await createProject(db, twoFunders(organizationId));
    const { renderPortfolioReport } = await import('../../src/services/projects.service.ts');
    const pdf = await renderPortfolioReport(db, { organizationId, year: 2024, tertial: 2 });
    const text = (await readPdfText(pdf)).flat().join(' ').replace(/\s+/gu, ' ');
    expect(text).toContain('Projektportfölj T2 2024');
    expect(text).toContain('Hållbar omsorg i Sjöbygden');
    expect(text).toContain('Europeiska socialfonden (EU-medel): 2024 800 000 kr, 2025 600 000 kr; totalt 1 400 000 kr');
    expect(text).toContain('Medlemskommunerna (Kommuner): 2024 300 000 kr');
  });

  it('puts the year’s projects with funders, budget, outcome and results into the annual report draft', async () => {
    const { db, organizationId, paragraphIds } = await organizationWithMeeting('Projektförbundet Nio');
    const project = await createProject(db, twoFunders(organizationId));
    await linkProjectDecision(db, { projectId: project.id, paragraphId: paragraphIds[0]!, kind: 'start' });
    const report = await draftAnnualReport(db, { organizationId, year: 2024 });
    const section = report.sections.find((s) => s.heading === 'Projekt');
    expect(section?.text).toContain('Projekt: Hållbar omsorg i Sjöbygden (Dnr 2024/17)');
    expect(section?.text).toContain('- Europeiska socialfonden (EU-medel): 2024 800\u00a0000\u00a0kr, 2025 600\u00a0000\u00a0kr; totalt 1\u00a0400\u00a0000\u00a0kr');
    expect(section?.text).toContain('Budget 2\u00a0000\u00a0000\u00a0kr, utfall 500\u00a0000\u00a0kr (25\u00a0%).');
    expect(section?.text).toContain('Resultat:\nFyra utbildningsdagar för omsorgspersonal.');
    expect(section?.text).toContain('- Startbeslut: Styrelsen 2024-05-20 § 10');
    expect((await draftAnnualReport(db, { organizationId, year: 2019, regenerate: true })).sections.map((s) => s.heading)).not.toContain('Projekt');
  });
});
