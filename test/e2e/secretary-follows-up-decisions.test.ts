import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/services/accounts.service.ts';
import { listAppointments, listAssignments, proposeFollowUp, registerDelegatedDecision, resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { getBodies } from '../../src/services/registers.service.ts';
import { buildMinutes } from '../support/factories.ts';
import { expectAccessible, PASSWORD, screenshot, signIn, startApp, visit, type RunningApp } from './support/app.ts';

const ORGANIZATION = 'Kommunförbundet Norrkusten';
const EMAIL = 'sekreterare.norrkusten@example.test';
const TODAY = '2021-04-01';

describe('the secretary following up decisions', () => {
  let running: RunningApp;
  let organizationId: string;

  beforeAll(async () => {
    // The web judges "overdue" by this day, not by the real date.
    running = await startApp({ today: () => TODAY });
    const db = running.handle.db;
    const minutes = buildMinutes({ organization: ORGANIZATION, body: 'Styrelsen', date: '2020-11-20', paragraphs: [10, 11, 12] });
    minutes.adjustment = { ...minutes.adjustment, date: '2020-11-24' };
    minutes.items = [
      { number: 10, title: 'Reviderad delegationsordning', caseNumber: null, presenters: [], attachments: [], text: '', decisions: ['Förbundschefen får i uppdrag att återkomma med en analys senast den 15 mars 2021.'] },
      { number: 11, title: 'Val av representant', caseNumber: null, presenters: [], attachments: [], text: '', decisions: ['Utse Christina Lindberg som ordinarie och Stefan Dalin som ersättare till Föreningsarkivet Västernorrland.'] },
      { number: 12, title: 'Anmälan av delegationsbeslut', caseNumber: null, presenters: [], attachments: [], decisions: [], text: 'Förbundschefen har fattat följande beslut på delegation. Dnr 2020.009-7 Avtal med Mittuniversitetet.' },
    ];
    const { meetingId } = await saveMinutes(db, minutes);
    await proposeFollowUp(db, meetingId);
    organizationId = await resolveOrganizationId(db, ORGANIZATION);
    const [board] = await getBodies(db, organizationId);
    await registerDelegatedDecision(db, { bodyId: board!.id, delegate: 'Förbundschefen', description: 'Hyresavtal för kontoret', decidedOn: '2020-12-01', caseNumber: '2020.010-2' });
    const secretary = await createUser(db, { email: EMAIL, name: 'Maria Nord', password: PASSWORD });
    await grantRole(db, { userId: secretary.id, role: 'secretary', organizationId }, 'system');
  }, 120_000);
  afterAll(async () => running?.close());

  it('confirms the proposals read from imported minutes, one and then all, and sees overdue assignments, unreported delegated decisions and the representation, each linked to its §', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, EMAIL);
    await visit(page, `${running.baseUrl}/arbetsyta`);
    await page.getByRole('link', { name: 'Uppföljning' }).first().click();
    await page.waitForURL('**/arbetsyta/uppfoljning');
    await expectAccessible(page);
    const proposals = page.getByRole('region', { name: /Förslag att bekräfta/ });
    expect(await proposals.getByRole('row').count()).toBe(1 + 4);
    expect(await page.getByRole('region', { name: /Delegationsbeslut som inte anmälts/ }).innerText()).toContain('Hyresavtal för kontoret');
    await screenshot(page, 'uppfoljning-forslag');

    // One by one: the assignment, which is overdue.
    await proposals.getByRole('row').filter({ hasText: 'återkomma med en analys' }).getByRole('button', { name: /^Bekräfta/ }).click();
    await page.waitForURL('**bekraftade=1**');
    await expectAccessible(page);
    expect(await page.getByRole('status').innerText()).toBe('Ett förslag är bekräftat.');
    const overdue = page.getByRole('region', { name: /Försenade uppdrag/ });
    expect(await overdue.innerText()).toContain('återkomma med en analys');
    expect(await overdue.innerText()).toContain('15 mars 2021');
    expect((await listAssignments(running.handle.db, { organizationId, status: 'overdue', today: TODAY })).length).toBe(1);

    // Then all the rest.
    await page.getByRole('button', { name: 'Bekräfta alla förslag' }).click();
    await page.waitForURL('**bekraftade=3**');
    await expectAccessible(page);
    expect(await page.getByRole('region', { name: /Förslag att bekräfta/ }).innerText()).toContain('Inga förslag väntar.');
    const representation = page.getByRole('region', { name: /Representation/ });
    expect(await representation.innerText()).toContain('Christina Lindberg');
    expect(await representation.innerText()).toContain('Stefan Dalin');
    expect((await listAppointments(running.handle.db, { organizationId })).map((a) => a.personName).sort()).toEqual(['Christina Lindberg', 'Stefan Dalin']);
    await screenshot(page, 'uppfoljning');

    // Each entry leads to the § it came from.
    await representation.getByRole('link', { name: /§ 11 Styrelsen/ }).first().click();
    await page.waitForURL('**/p/*');
    await visit(page, page.url());
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('§ 11 Val av representant');
    await page.close();
  });
});
