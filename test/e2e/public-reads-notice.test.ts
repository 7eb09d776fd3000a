import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdjustedMeeting, buildBoard, screenshot, startApp, visit, type RunningApp } from './support/app.ts';

describe('an anonymous visitor on the public side', () => {
  let running: RunningApp;
  let meeting: Awaited<ReturnType<typeof buildAdjustedMeeting>>;

  beforeAll(async () => {
    running = await startApp();
    const world = await buildBoard(running.handle, 'Norrsjö');
    meeting = await buildAdjustedMeeting(running.handle, world);
  }, 120_000);
  afterAll(async () => running?.close());

  it('finds the notice on the notice board, with its last day of appeal, and reads the § through its permanent link', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    expect(await visit(page, `${running.baseUrl}/`)).toBe(200);
    await screenshot(page, 'start');
    await page.getByRole('link', { name: 'Anslagstavla' }).first().click();
    await page.waitForURL('**/anslagstavla');
    const notice = page.getByRole('article').filter({ hasText: 'Direktionen' });
    expect(await notice.count()).toBe(1);
    const text = await notice.innerText();
    expect(text).toContain('Sista dag för överklagande');
    expect(text).toContain('Räddningstjänstförbundet Norrsjö');
    expect(text).toContain('Förbundskansliet i Älvby');
    await visit(page, page.url());
    await screenshot(page, 'anslagstavla');

    await notice.getByRole('link', { name: /Läs protokollet/ }).click();
    await page.waitForURL(`**/arkiv/sammantraden/${meeting.meetingId}`);
    await visit(page, page.url());
    const caseArticle = page.getByRole('article').filter({ hasText: 'Taxa för tillsyn' });
    expect(await caseArticle.innerText()).toContain('Direktionen fastställer timtaxan till 1 180 kronor.');
    expect(await page.locator('main').innerText()).not.toContain('namngiven anställd');
    expect(await page.locator('main').innerText()).toContain('Omfattas av sekretess (OSL 39 kap. 3 §)');
    await screenshot(page, 'protokoll');

    await caseArticle.getByRole('link', { name: /Permanent länk/ }).click();
    await page.waitForURL(`**/p/${meeting.caseParagraphId}`);
    await visit(page, page.url());
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/§ \d+ Taxa för tillsyn/);
    expect(await page.locator('main').innerText()).toContain('Taxan blir för hög.');
    await screenshot(page, 'paragraf');

    const pdf = await page.request.get(`${running.baseUrl}/arkiv/sammantraden/${meeting.meetingId}/protokoll.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('answers "not found" for the permanent link of a confidential §', async () => {
    const page = await running.browser.newPage();
    expect(await visit(page, `${running.baseUrl}/p/${meeting.confidentialParagraphId}`)).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sidan finns inte');
    await page.close();
  });

  it('lists the body and year in the archive and shows the site in English on request', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await visit(page, `${running.baseUrl}/arkiv`);
    await page.getByRole('link', { name: 'Direktionen' }).click();
    await visit(page, page.url());
    expect(await page.getByRole('link', { name: /dag \d+ \w+ \d{4}/ }).count()).toBe(1);
    await screenshot(page, 'arkiv-organ');
    await page.getByRole('link', { name: 'In English' }).click();
    await visit(page, page.url());
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain('Notice board');
    await page.close();
  });
});
