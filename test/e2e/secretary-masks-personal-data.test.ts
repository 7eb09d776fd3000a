import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, grantRole } from '../../src/services/accounts.service.ts';
import { resolveOrganizationId } from '../../src/services/follow-up.service.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { buildMinutes } from '../support/factories.ts';
import { expectAccessible, PASSWORD, screenshot, signIn, startApp, visit, type RunningApp } from './support/app.ts';

const ORGANIZATION = 'Kommunförbundet Maskudden';
const EMAIL = 'sekreterare.maskudden@example.test';
const NUMBER = '19121212-1212';

describe('the secretary masks personal data before the web', () => {
  let running: RunningApp;
  let meetingId: string;

  beforeAll(async () => {
    running = await startApp({ today: () => '2021-06-01' });
    const db = running.handle.db;
    const minutes = buildMinutes({ organization: ORGANIZATION, body: 'Styrelsen', date: '2021-05-06', paragraphs: [7] });
    minutes.adjustment = { ...minutes.adjustment, date: '2021-05-10' };
    minutes.items = [{ number: 7, title: 'Ansökan om bidrag', caseNumber: '2021/7', presenters: [], attachments: [], text: 'Ansökan kom in 2021-04-01.', decisions: [`Bidrag beviljas sökanden ${NUMBER} med 12 000 kronor.`] }];
    ({ meetingId } = await saveMinutes(db, minutes));
    const secretary = await createUser(db, { email: EMAIL, name: 'Mira Mask', password: PASSWORD });
    await grantRole(db, { userId: secretary.id, role: 'secretary', organizationId: await resolveOrganizationId(db, ORGANIZATION) }, 'system');
  }, 120_000);
  afterAll(async () => running?.close());

  it('sees the personnummer hold the minutes back, masks it with a reason, and the public page shows the marker instead', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const publicPage = `${running.baseUrl}/arkiv/sammantraden/${meetingId}`;
    expect((await page.goto(publicPage))?.status()).toBe(404);

    await signIn(page, running.baseUrl, EMAIL);
    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}/personuppgifter`);
    await expectAccessible(page);
    expect(await page.getByRole('status').first().innerText()).toContain('hålls borta från webben');
    const row = page.getByRole('row').filter({ hasText: NUMBER });
    await row.getByLabel('Skäl', { exact: true }).selectOption('OSL 26:1');
    await row.getByRole('button', { name: /^Maskera/ }).click();
    await page.waitForURL('**sparad=maskering**');
    await expectAccessible(page);
    expect(await page.getByRole('region', { name: 'Maskeringar' }).innerText()).toContain('[maskerat enligt OSL 26:1]');
    await screenshot(page, 'personuppgifter-maskerade');

    const anonymous = await running.browser.newPage();
    await visit(anonymous, publicPage);
    const text = await anonymous.locator('main').innerText();
    expect(text).toContain('[maskerat enligt OSL 26:1]');
    expect(text).not.toContain(NUMBER);
    await anonymous.close();
    await page.close();
  });
});
