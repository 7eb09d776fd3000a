import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/services/accounts.service.ts';
import { resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { listProjects } from '../../src/services/projects.service.ts';
import { buildMinutes } from '../support/factories.ts';
import { expectAccessible, expectErrorNextTo, PASSWORD, screenshot, signIn, startApp, visit, type RunningApp } from './support/app.ts';

const ORGANIZATION = 'Kommunförbundet Projektkusten';
const EMAIL = 'sekreterare.projektkusten@example.test';
const TODAY = '2024-06-10';

describe('the secretary keeping the project portfolio', () => {
  let running: RunningApp;
  let organizationId: string;

  beforeAll(async () => {
    running = await startApp({ today: () => TODAY });
    const db = running.handle.db;
    await saveMinutes(db, buildMinutes({ organization: ORGANIZATION, date: '2024-02-15', paragraphs: [4, 5] }));
    organizationId = await resolveOrganizationId(db, ORGANIZATION);
    const secretary = await createUser(db, { email: EMAIL, name: 'Pia Projekt', password: PASSWORD });
    await grantRole(db, { userId: secretary.id, role: 'secretary', organizationId }, 'system');
  }, 120_000);
  afterAll(async () => running?.close());

  it('registers a project with two funders, and finds it in the tertial report and the annual report draft', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, EMAIL);
    await visit(page, `${running.baseUrl}/arbetsyta`);
    await page.getByRole('link', { name: 'Projektportfölj' }).click();
    await page.waitForURL('**/arbetsyta/projekt');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Nytt projekt' }).click();
    await page.waitForURL('**/arbetsyta/projekt/ny**');
    await expectAccessible(page);

    await page.getByLabel('Projektnamn').fill('Hållbar omsorg på kusten');
    await page.getByLabel('Dnr').fill('2024/12');
    await page.getByLabel('Projektledare').fill('Eva Exempel');
    await page.getByLabel('Status').selectOption('ongoing');
    await page.getByLabel('Startdatum').fill('2024-02-01');
    await page.getByLabel('Slutdatum').fill('2025-06-30');
    await page.getByLabel('Budget (kr)').fill('1 500 000');
    await page.getByLabel('Utfall (kr)').fill('400 000');
    await page.getByLabel('Resultat').fill('Tre utbildningsdagar genomförda.');
    await page.getByLabel('Finansiär 1: Typ av finansiär').selectOption('eu');
    await page.getByLabel('Finansiär 1: Finansiär', { exact: true }).fill('Europeiska socialfonden');
    await page.getByLabel('Finansiär 1: År').fill('2024');
    await page.getByLabel('Finansiär 1: Belopp (kr)').fill('800 000');
    await page.getByLabel('Finansiär 2: Typ av finansiär').selectOption('region');
    await page.getByLabel('Finansiär 2: Finansiär', { exact: true }).fill('Region Kusten');
    await page.getByLabel('Finansiär 2: År').fill('2026');
    await page.getByLabel('Finansiär 2: Belopp (kr)').fill('300 000');
    await page.getByRole('button', { name: 'Spara projektet' }).click();

    // A year outside the project's period is refused next to its field, with everything typed kept.
    await expectAccessible(page);
    await expectErrorNextTo(page.getByLabel('Finansiär 2: År'), 'Året ligger utanför projektets period.');
    expect(await page.getByLabel('Finansiär 1: Finansiär', { exact: true }).inputValue()).toBe('Europeiska socialfonden');
    expect(await listProjects(running.handle.db, { organizationId })).toEqual([]);
    await page.getByLabel('Finansiär 2: År').fill('2024');
    await page.getByRole('button', { name: 'Spara projektet' }).click();
    await page.waitForURL('**/arbetsyta/projekt/*?sparat=nytt');
    await expectAccessible(page);
    expect(await page.getByRole('status').innerText()).toBe('Projektet är registrerat.');
    const funding = await page.getByRole('region', { name: 'Finansiering' }).innerText();
    expect(funding).toContain('Europeiska socialfonden');
    expect(funding).toContain('Region Kusten');
    await screenshot(page, 'projekt');

    // The tertial report: the project is running in T2 with both funders.
    await visit(page, `${running.baseUrl}/arbetsyta/projekt`);
    await page.getByLabel('Tertial', { exact: true }).selectOption('T2');
    await page.getByRole('button', { name: 'Visa rapporten' }).click();
    await page.waitForURL('**/arbetsyta/projekt/portfolj?**');
    await expectAccessible(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Projektportfölj T2 2024');
    const ongoing = await page.getByRole('region', { name: /Pågående projekt/ }).innerText();
    expect(ongoing).toContain('Hållbar omsorg på kusten');
    expect(ongoing).toMatch(/Europeiska socialfonden: 800\s000\skr/u);
    expect(ongoing).toMatch(/Region Kusten: 300\s000\skr/u);
    const pdf = await page.request.get(await page.getByRole('link', { name: 'Rapporten som PDF' }).getAttribute('href').then((href) => `${running.baseUrl}${href!}`));
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The annual report draft ends with the projects section.
    await visit(page, `${running.baseUrl}/arbetsyta/projekt`);
    await page.getByLabel('År', { exact: true }).last().fill('2024');
    await page.getByRole('button', { name: 'Ta fram utkast' }).click();
    await page.waitForURL('**/arbetsyta/projekt/verksamhetsberattelse/2024**');
    await expectAccessible(page);
    const projects = await page.getByRole('region', { name: 'Projekt', exact: true }).innerText();
    expect(projects).toContain('Projekt: Hållbar omsorg på kusten (Dnr 2024/12)');
    expect(projects).toMatch(/Europeiska socialfonden \(EU-medel\): 2024 800\s000\skr/u);
    expect(projects).toMatch(/Region Kusten \(Region\): 2024 300\s000\skr/u);
    expect(projects).toContain('Tre utbildningsdagar genomförda.');
    await screenshot(page, 'verksamhetsberattelse-projekt');
    await page.close();
  }, 180_000);
});
