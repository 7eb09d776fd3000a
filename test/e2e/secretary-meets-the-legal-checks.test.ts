/**
 * The secretary and the legal checks (issue 14): the meeting page shows what the checks find; finalising
 * minutes with an error comes back to the same page with the findings beside the button and a link to
 * correct each; a warning asks for a reason, which is kept in the audit trail, and the step goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/legal-dates.ts';
import { addAgendaItem, getMeetingOverview, planMeeting, recordAttendance, sendMeetingNotice, updateParagraph } from '../../src/services/meeting-cycle.service.ts';
import { listAuditEventsOfMeeting } from '../../src/storage/archive.store.ts';
import { buildBoard, expectAccessible, expectErrorNextTo, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

describe('the secretary meets the legal checks', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let meetingId: string;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Norrås');
    const { db } = running.handle;
    const heldOn = addDays(swedishToday(), -1);
    ({ meetingId } = await planMeeting(db, { bodyId: world.bodyId, heldOn, start: '09:00', end: '11:00', location: 'Brandstationen i Norrås', standardItems: false }, world.secretaryActor));
    const { paragraphId } = await addAgendaItem(db, meetingId, { title: 'Taxa för tillsyn' }, world.secretaryActor);
    await sendMeetingNotice(running.handle, meetingId, { sentAt: new Date(`${addDays(heldOn, -8)}T09:00:00Z`) }, world.secretaryActor);
    await recordAttendance(
      db,
      meetingId,
      { entries: [world.persons.chair, world.persons.adjuster, world.persons.member, world.persons.other].map((personId) => ({ personId, present: true })), adjusterPersonIds: [world.persons.adjuster] },
      world.secretaryActor,
    );
    // Written in haste: a reservation by the substitute, who was not there, and jäv declared by someone the list does not name.
    await updateParagraph(
      db,
      paragraphId,
      {
        decisions: ['Direktionen fastställer timtaxan.'],
        votes: [{ question: 'Bifall mot avslag', yes: 3, no: 1, abstain: 0 }],
        reservations: [{ name: 'Sofia Berglund', party: 'S', reason: 'Taxan blir för hög.' }],
        disqualified: ['Per Utomstående'],
      },
      world.secretaryActor,
    );
  }, 120_000);
  afterAll(async () => running?.close());

  it('sees the findings, is refused beside the button, corrects the §, gives a reason for the warning and finalises', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.secretary);

    // The meeting page shows the current findings, with § and sentence.
    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}`);
    const panel = page.getByRole('region', { name: 'Laglighetskontroll' });
    expect(await panel.innerText()).toContain('Sofia Berglund reserverade sig men deltog inte i beslutet.');
    expect(await panel.innerText()).toContain('Per Utomstående anmälde jäv men finns inte i närvarolistan.');

    // Finalising is refused: the same page comes back, the findings beside the button, each with a way to correct it.
    await page.getByRole('button', { name: 'Färdigställ och skicka för justering' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(new URL(page.url()).pathname).toBe(`/arbetsyta/sammantraden/${meetingId}/fardigstall`);
    const summary = page.getByRole('alert');
    expect(await summary.innerText()).toContain('Steget stoppas av laglighetskontrollen');
    expect(await summary.innerText()).toContain('Sofia Berglund reserverade sig men deltog inte i beslutet.');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Färdigställ och skicka för justering' }).count()).toBe(1);
    await screenshot(page, 'laglighetskontroll-fel');

    await summary.getByRole('link', { name: /Ändra § \d+/ }).first().click();
    await expectAccessible(page);
    await page.getByLabel('Reservationer (en per rad)').fill('');
    await page.getByRole('button', { name: 'Spara paragrafen' }).click();
    await page.waitForURL((url) => url.pathname === `/arbetsyta/sammantraden/${meetingId}`);
    await expectAccessible(page);

    // The warning is left: finalising asks why, with the field and its message beside the button.
    await page.getByRole('button', { name: 'Färdigställ och skicka för justering' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await page.getByRole('alert').innerText()).toContain('Varningar kräver en motivering');
    expect(await page.getByRole('alert').innerText()).not.toContain('Sofia Berglund');
    await expectErrorNextTo(page.getByLabel('Motivering', { exact: true }), 'Skriv en motivering för att gå vidare trots varningarna.');
    await screenshot(page, 'laglighetskontroll-motivering');
    const reason = 'Per Utomstående är föredragande tjänsteperson och anmälde jäv för ordningens skull.';
    await page.getByLabel('Motivering', { exact: true }).fill(reason);
    await page.getByRole('button', { name: 'Gå vidare med motiveringen' }).click();
    await page.waitForURL((url) => url.pathname === `/arbetsyta/sammantraden/${meetingId}`);
    await expectAccessible(page);
    expect(await page.locator('h1').innerText()).toContain('Väntar på justering');
    // The panel now judges the justering and says the warning was answered, and with what.
    expect(await page.getByRole('region', { name: 'Laglighetskontroll' }).innerText()).toContain(`Motiverad: ${reason}`);

    const overview = await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() });
    expect(overview.meeting.status).toBe('finalised');
    const finalised = (await listAuditEventsOfMeeting(running.handle.db, meetingId)).find((e) => e.kind === 'minutes.finalised');
    expect(finalised?.data).toMatchObject({ legalReason: reason, legalWarnings: [{ code: 'disqualified_person_unknown', persons: ['Per Utomstående'] }] });
    await page.close();
  }, 120_000);
});
