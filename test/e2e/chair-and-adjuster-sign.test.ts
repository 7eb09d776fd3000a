import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeetingOverview } from '../../src/services/meeting-cycle.service.ts';
import { buildBoard, buildFinalisedMeeting, expectAccessible, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

describe('the chair and the adjuster', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let meetingId: string;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Lillmo');
    ({ meetingId } = await buildFinalisedMeeting(running.handle, world));
  }, 120_000);
  afterAll(async () => running?.close());

  it('each find the minutes awaiting their signature, read them and sign, which adjusts them and posts the notice', async () => {
    for (const [who, email] of [['chair', world.emails.chair], ['adjuster', world.emails.adjuster]] as const) {
      const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await signIn(page, running.baseUrl, email);
      await visit(page, `${running.baseUrl}/att-justera`);
      if (who === 'chair') await screenshot(page, 'att-justera');
      await page.getByRole('link', { name: /Läs och signera/ }).click();
      await expectAccessible(page);
      expect(await page.locator('main').innerText()).toContain('Direktionen fastställer timtaxan till 1 180 kronor.');
      if (who === 'chair') await screenshot(page, 'signera');
      await page.getByRole('button', { name: 'Signera protokollet' }).click();
      await page.waitForURL('**/kvitto');
      await expectAccessible(page);
      expect(await page.getByRole('status').innerText()).toContain('Din signatur är registrerad');
      await context.close();
    }
    const overview = await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() });
    expect(overview.meeting.status).toBe('adjusted');
    expect(overview.clocks.notice?.postedOn).toBe(swedishToday());

    const page = await running.browser.newPage();
    await visit(page, `${running.baseUrl}/anslagstavla`);
    expect(await page.getByRole('article').filter({ hasText: 'Direktionen' }).count()).toBe(1);
    await page.close();
  });

  it('refuses a member who is not a signer the signing page', async () => {
    const page = await running.browser.newPage();
    await signIn(page, running.baseUrl, world.emails.member);
    expect(await visit(page, `${running.baseUrl}/att-justera`)).toBe(200);
    expect(await page.locator('main').innerText()).toContain('Inga protokoll väntar på din signatur.');
    await page.close();
  });
});
