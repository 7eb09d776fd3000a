import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeetingOverview } from '../../src/services/meeting-cycle.service.ts';
import { buildBoard, buildFinalisedMeeting, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

describe('a member and the public', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let meeting: Awaited<ReturnType<typeof buildFinalisedMeeting>>;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Alvby');
    meeting = await buildFinalisedMeeting(running.handle, world);
  }, 120_000);
  afterAll(async () => running?.close());

  it('lets a member read the draft minutes of their body but not change them', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.member);
    await visit(page, `${running.baseUrl}/mina-sammantraden`);
    await screenshot(page, 'mina-sammantraden');
    const before = (await getMeetingOverview(running.handle.db, meeting.meetingId, { today: swedishToday() })).minutes.items;
    await page.getByRole('link', { name: /Direktionen/ }).first().click();
    await page.waitForURL(`**/mina-sammantraden/${meeting.meetingId}`);
    expect(await page.locator('main').innerText()).toContain('Utkast: protokollet är inte justerat');
    expect(await page.getByRole('link', { name: /Redigera/ }).count()).toBe(0);
    expect(await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meeting.meetingId}`)).toBe(403);
    const csrf = await page.locator('input[name="_csrf"]').first().getAttribute('value');
    const post = await page.request.post(`${running.baseUrl}/arbetsyta/sammantraden/${meeting.meetingId}/paragrafer/${meeting.caseParagraphId}`, {
      form: { _csrf: csrf!, title: 'Ändrad rubrik' },
    });
    expect(post.status()).toBe(403);
    // Nor through the API, with the same session.
    const patch = await page.request.patch(`${running.baseUrl}/api/paragraphs/${meeting.caseParagraphId}`, { data: { title: 'Ändrad rubrik', decisions: ['Något annat.'] } });
    expect(patch.status()).toBe(403);

    // The § is as it was: in the database, and on the member's page.
    const after = (await getMeetingOverview(running.handle.db, meeting.meetingId, { today: swedishToday() })).minutes.items;
    expect(after).toEqual(before);
    expect(after.find((i) => i.title === 'Taxa för tillsyn')?.decisions).toEqual(['Direktionen fastställer timtaxan till 1 180 kronor.']);
    await visit(page, `${running.baseUrl}/mina-sammantraden/${meeting.meetingId}`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Taxa för tillsyn');
    expect(main).toContain('Direktionen fastställer timtaxan till 1 180 kronor.');
    expect(main).not.toContain('Ändrad rubrik');
    expect(main).not.toContain('Något annat.');
    await page.close();
  });

  it('shows the public nothing of a draft: the meeting, its § and its PDF answer "not found"', async () => {
    const page = await running.browser.newPage();
    expect(await visit(page, `${running.baseUrl}/arkiv/sammantraden/${meeting.meetingId}`)).toBe(404);
    expect(await visit(page, `${running.baseUrl}/p/${meeting.caseParagraphId}`)).toBe(404);
    expect((await page.request.get(`${running.baseUrl}/arkiv/sammantraden/${meeting.meetingId}/protokoll.pdf`)).status()).toBe(404);
    expect(await visit(page, `${running.baseUrl}/anslagstavla`)).toBe(200);
    expect(await page.getByRole('article').count()).toBe(0);
    await visit(page, `${running.baseUrl}/mina-sammantraden/${meeting.meetingId}`);
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    await page.close();
  });

  it('refuses a form posted without its CSRF token', async () => {
    const page = await running.browser.newPage();
    await signIn(page, running.baseUrl, world.emails.secretary);
    const post = await page.request.post(`${running.baseUrl}/arbetsyta/sammantraden/${meeting.meetingId}/kallelse`, { form: { _csrf: 'fel' } });
    expect(post.status()).toBe(403);
    await page.close();
  });
});
