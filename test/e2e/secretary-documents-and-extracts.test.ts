import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/legal-dates.ts';
import { addAgendaItem, getMeetingOverview, planMeeting, recordAttendance } from '../../src/services/meeting-cycle.service.ts';
import { listParagraphDraftFields } from '../../src/services/publication.service.ts';
import { buildBoard, expectAccessible, expectErrorNextTo, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

/** A small valid-looking PDF: the application stores it as it is. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('the secretary with underlag, omedelbar justering and extracts', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let outsider: BoardWorld;
  let meetingId: string;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Lindås');
    outsider = await buildBoard(running.handle, 'Ekby');
    const db = running.handle.db;
    ({ meetingId } = await planMeeting(db, { bodyId: world.bodyId, heldOn: addDays(swedishToday(), -1), start: '09:00', location: 'Brandstationen i Lindås' }, world.secretaryActor));
    await addAgendaItem(db, meetingId, { title: 'Taxa för tillsyn', caseNumber: 'RML 2026/3' }, world.secretaryActor);
    await recordAttendance(
      db,
      meetingId,
      { entries: [world.persons.chair, world.persons.adjuster, world.persons.member, world.persons.other].map((personId) => ({ personId, present: true })), adjusterPersonIds: [world.persons.adjuster] },
      world.secretaryActor,
    );
  }, 120_000);
  afterAll(async () => running?.close());

  it('attaches an underlag to a §, which a member of the body downloads from the agenda and nobody outside the body can', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.secretary);
    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}`);
    await page.getByRole('link', { name: 'Bifoga handling' }).click();
    await page.waitForURL('**/handlingar');
    await expectAccessible(page);

    // Without a file: the message stands next to the file field and the typed name stays.
    const item = (await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() })).minutes.items.find((i) => i.title === 'Taxa för tillsyn')!;
    await page.getByLabel('Paragraf', { exact: true }).selectOption({ label: `§ ${item.number} Taxa för tillsyn` });
    await page.getByLabel('Handlingens namn').fill('Tjänsteskrivelse om taxan');
    await page.getByRole('button', { name: 'Bifoga' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await page.getByLabel('Fil').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#falt-file-fel').innerText()).toContain('Välj en fil att bifoga.');
    expect(await page.getByLabel('Handlingens namn').inputValue()).toBe('Tjänsteskrivelse om taxan');

    // A file type that is not accepted is refused the same way.
    await page.getByLabel('Fil').setInputFiles({ name: 'program.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await page.getByRole('button', { name: 'Bifoga' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#falt-file-fel').innerText()).toContain('Filtypen tas inte emot.');

    await page.getByLabel('Fil').setInputFiles({ name: 'tjänsteskrivelse.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Bifoga' }).click();
    await page.waitForURL('**/handlingar?bifogad=*');
    await expectAccessible(page);
    expect(await page.getByRole('status').innerText()).toContain('Handlingen ”Tjänsteskrivelse om taxan” är bifogad.');
    await screenshot(page, 'handlingar');
    await page.close();

    const member = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(member, running.baseUrl, world.emails.member);
    await visit(member, `${running.baseUrl}/mina-sammantraden/${meetingId}`);
    const link = member.getByRole('link', { name: 'Tjänsteskrivelse om taxan' });
    await screenshot(member, 'mina-handlingar');
    const href = (await link.getAttribute('href'))!;
    const download = await member.request.get(`${running.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.compare(await download.body(), PDF)).toBe(0);
    await member.close();

    const stranger = await running.browser.newPage();
    await signIn(stranger, running.baseUrl, outsider.emails.member);
    expect((await stranger.request.get(`${running.baseUrl}${href}`)).status()).toBe(404);
    await stranger.close();
    expect((await (await running.browser.newPage()).request.get(`${running.baseUrl}${href}`, { maxRedirects: 0 })).status()).toBe(303);
  });

  it('writes the förslag till beslut, adjusts the § at the meeting and issues a certified extract of it as PDF', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.secretary);
    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}`);
    await page.getByRole('link', { name: /Redigera § \d+ Taxa för tillsyn/ }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await page.getByLabel('Förslagets lydelse').fill('Direktionen föreslås fastställa timtaxan till 1 180 kronor.');
    await page.getByLabel('Beslut (en att-sats per rad)').fill('Direktionen fastställer timtaxan till 1 180 kronor.');
    await page.getByRole('button', { name: 'Spara paragrafen' }).click();
    await page.waitForURL((url) => url.pathname === `/arbetsyta/sammantraden/${meetingId}`);
    const overview = await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() });
    const index = overview.minutes.items.findIndex((i) => i.title === 'Taxa för tillsyn');
    expect((await listParagraphDraftFields(running.handle.db, meetingId))[index]!.proposal).toBe('Direktionen föreslås fastställa timtaxan till 1 180 kronor.');
    const number = overview.minutes.items[index]!.number!;

    // Omedelbar justering without a choice is refused next to the field.
    await page.getByRole('button', { name: 'Justera paragrafen omedelbart' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await page.locator('#falt-paragraph-fel').innerText()).toContain('Fyll i fältet.');
    await page.getByLabel('Paragraf', { exact: true }).selectOption({ label: `§ ${number} Taxa för tillsyn` });
    await page.getByRole('button', { name: 'Justera paragrafen omedelbart' }).click();
    await page.waitForURL('**?justerad=*');
    await expectAccessible(page);
    expect(await page.getByRole('status').innerText()).toContain(`§ ${number} är justerad omedelbart.`);
    expect(await page.getByRole('link', { name: /Redigera § \d+ Taxa för tillsyn/ }).count()).toBe(0);
    const adjusted = await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() });
    expect(adjusted.approval?.immediateAdjustments.map((a) => a.paragraph)).toEqual([number]);

    await page.getByRole('link', { name: 'Skapa utdrag (PDF)' }).click();
    await page.waitForURL('**/utdrag');
    await expectAccessible(page);
    expect(await page.getByLabel('Bestyrks av').inputValue()).toBe('Annika Strand');
    // No § chosen: the message stands at the list of §§.
    await page.getByRole('button', { name: 'Skapa utdrag (PDF)' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await page.locator('#falt-paragraphs-fel').innerText()).toContain('Välj minst en paragraf.');
    expect(await page.getByLabel('Bestyrks av').inputValue()).toBe('Annika Strand');
    await page.getByLabel(`§ ${number} Taxa för tillsyn`).check();
    await screenshot(page, 'utdrag');
    // Nobody named to certify it: the message stands at that field, and the chosen § stays chosen.
    await page.getByLabel('Bestyrks av').fill('');
    await page.getByRole('button', { name: 'Skapa utdrag (PDF)' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await expectErrorNextTo(page.getByLabel('Bestyrks av'), 'Fyll i fältet.');
    expect(await page.getByLabel(`§ ${number} Taxa för tillsyn`).isChecked()).toBe(true);
    expect(await page.getByLabel('Datum för bestyrkandet').inputValue()).toBe(swedishToday());
    await page.getByLabel('Bestyrks av').fill('Annika Strand');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Skapa utdrag (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`protokollsutdrag-${swedishToday()}-${number}.pdf`);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
