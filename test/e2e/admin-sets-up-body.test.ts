import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdministrator } from '../../src/services/accounts.service.ts';
import { getMandates } from '../../src/services/registers.service.ts';
import { expectAccessible, expectErrorNextTo, screenshot, signIn, startApp, visit, type RunningApp } from './support/app.ts';

describe('the first administrator', () => {
  let running: RunningApp;
  let credentials: { email: string; password: string };

  beforeAll(async () => {
    running = await startApp();
    credentials = (await ensureFirstAdministrator(running.handle.db, { print: () => {} }))!;
  }, 120_000);
  afterAll(async () => running?.close());

  it('is created once, on an empty database', async () => {
    expect(credentials.password.length).toBeGreaterThanOrEqual(12);
    expect(await ensureFirstAdministrator(running.handle.db, { print: () => {} })).toBeNull();
  });

  it('refuses a wrong password with a message and keeps the email typed', async () => {
    const page = await running.browser.newPage();
    await visit(page, `${running.baseUrl}/logga-in`);
    await page.getByLabel('E-postadress').fill(credentials.email);
    await page.getByLabel('Lösenord').fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await page.getByRole('alert').innerText()).toContain('stämmer inte');
    expect(await page.getByLabel('E-postadress').inputValue()).toBe(credentials.email);
    await screenshot(page, 'logga-in-fel');
    await page.close();
  });

  it('sets up an organisation and a board with members, and an account for the chair', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, credentials.email, credentials.password);
    await visit(page, `${running.baseUrl}/admin`);
    // Without a name the organisation is refused next to the name field, and the chosen type stays.
    const newOrganization = page.getByRole('region', { name: 'Ny organisation' });
    await newOrganization.getByLabel('Typ', { exact: true }).selectOption({ label: 'Samordningsförbund' });
    await newOrganization.getByLabel('Namn', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Skapa organisation' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await expectErrorNextTo(newOrganization.getByLabel('Namn', { exact: true }), 'Fyll i fältet.');
    expect(await newOrganization.getByLabel('Typ', { exact: true }).locator('option:checked').innerText()).toBe('Samordningsförbund');
    expect(await newOrganization.locator('.error-summary').innerText()).toContain('Namn: Fyll i fältet.');
    await newOrganization.getByLabel('Typ', { exact: true }).selectOption({ label: 'Kommunalförbund' });
    await newOrganization.getByLabel('Namn', { exact: true }).fill('Kommunalförbundet Sjöbygden');
    await page.getByRole('button', { name: 'Skapa organisation' }).click();
    await page.waitForURL('**/admin?sparat');
    await expectAccessible(page);

    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Kommunalförbundet Sjöbygden' });
    await page.getByRole('button', { name: 'Skapa organ', exact: true }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await page.getByLabel('Namn på organet').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Namn på organet').fill('Förbundsdirektionen');
    await page.getByLabel('Antal ordinarie ledamöter').fill('3');
    await page.getByRole('button', { name: 'Skapa organ', exact: true }).click();
    await page.waitForURL('**/arbetsyta/organ/*');
    const bodyId = page.url().split('/').pop()!;
    await expectAccessible(page);

    const add = async (name: string, role: string, party: string, rank?: string) => {
      await page.getByLabel('Namn', { exact: true }).fill(name);
      await page.getByLabel('Uppdrag').selectOption(role);
      await page.getByLabel('Parti').fill(party);
      if (rank) await page.getByLabel('Plats i ersättarordningen').fill(rank);
      await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
      await page.waitForLoadState();
    };
    await add('Ingrid Forsman', 'chair', 'S');
    await add('Lars Åberg', 'member', 'M');
    // A substitute without a place in the order is refused next to that field.
    await add('Nora Pettersson', 'substitute', 'C');
    await expectAccessible(page);
    const rank = page.getByLabel('Plats i ersättarordningen');
    expect(await rank.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Namn', { exact: true }).inputValue()).toBe('Nora Pettersson');
    await rank.fill('1');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.waitForLoadState();
    await screenshot(page, 'organ');
    const mandates = await getMandates(running.handle.db, bodyId);
    expect(mandates.map((m) => [m.personName, m.role])).toEqual([['Ingrid Forsman', 'chair'], ['Lars Åberg', 'member'], ['Nora Pettersson', 'substitute']]);

    await visit(page, `${running.baseUrl}/admin`);
    const create = page.getByRole('region', { name: 'Skapa konto' });
    await create.getByLabel('Namn', { exact: true }).fill('Ingrid Forsman');
    await create.getByLabel('E-post').fill('ingrid.forsman@sjobygden.example');
    await create.getByLabel('Lösenord').fill('kort');
    await create.getByRole('button', { name: 'Skapa konto' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await create.getByLabel('Lösenord').getAttribute('aria-invalid')).toBe('true');
    expect(await create.getByLabel('E-post').inputValue()).toBe('ingrid.forsman@sjobygden.example');
    await create.getByLabel('Lösenord').fill('ett-bra-och-langt-losenord');
    await create.getByLabel(/Person i registret/).selectOption({ label: 'Ingrid Forsman – Förbundsdirektionen' });
    await create.getByRole('button', { name: 'Skapa konto' }).click();
    await page.waitForURL('**/admin?sparat');
    await expectAccessible(page);
    await screenshot(page, 'admin');
    expect(await page.getByRole('table', { name: 'Konton' }).innerText()).toContain('ingrid.forsman@sjobygden.example');
    await page.close();
  });
});
