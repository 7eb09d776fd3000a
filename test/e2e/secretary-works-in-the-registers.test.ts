/**
 * Issue 20, the registers where people work: the secretary confirms the assignment of adjusted minutes on
 * the meeting page, reports it back from the assignment list and finds it on the next agenda; keeps the
 * delegationsordning, enters a delegationsbeslut against it, reports it to the board, and finds its Dnr.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/legal-dates.ts';
import {
  addAgendaItem,
  finaliseMinutes,
  planMeeting,
  recordAttendance,
  sendMeetingNotice,
  signMinutes,
  updateParagraph,
} from '../../src/services/meeting-cycle.service.ts';
import { buildBoard, expectAccessible, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

const ASSIGNMENT = 'Förbundsdirektören får i uppdrag att ta fram en övningsplan för deltidsstyrkorna.';

describe('the secretary works in the registers', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let adjustedId: string;
  let nextId: string;

  beforeAll(async () => {
    running = await startApp();
    const handle = running.handle;
    const db = handle.db;
    world = await buildBoard(handle, 'Registerdalen');
    const actor = world.secretaryActor;
    const heldOn = addDays(swedishToday(), -1);
    adjustedId = (await planMeeting(db, { bodyId: world.bodyId, heldOn, start: '09:00', location: 'Brandstationen' }, actor)).meetingId;
    const { paragraphId } = await addAgendaItem(db, adjustedId, { title: 'Övningar för deltidsstyrkorna' }, actor);
    await sendMeetingNotice(handle, adjustedId, { sentAt: new Date(`${addDays(heldOn, -8)}T09:00:00Z`) }, actor);
    const present = [world.persons.chair, world.persons.adjuster, world.persons.member, world.persons.other].map((personId) => ({ personId, present: true }));
    await recordAttendance(db, adjustedId, { entries: present, adjusterPersonIds: [world.persons.adjuster] }, actor);
    await updateParagraph(db, paragraphId, { decisions: [ASSIGNMENT] }, actor);
    await finaliseMinutes(handle, adjustedId, { at: new Date() }, actor);
    await signMinutes(handle, adjustedId, { at: new Date() }, { personId: world.persons.chair, name: 'Karin Lindqvist' });
    await signMinutes(handle, adjustedId, { at: new Date() }, { personId: world.persons.adjuster, name: 'Erik Sandberg' });
    // The board's next meeting, already planned: the report-back and the anmälan go on its agenda.
    nextId = (await planMeeting(db, { bodyId: world.bodyId, heldOn: addDays(swedishToday(), 21), start: '09:00', location: 'Brandstationen' }, actor)).meetingId;
  }, 180_000);
  afterAll(async () => running?.close());

  it('confirms the assignment of the adjusted minutes, reports it back with a document and sees it on the next agenda', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.secretary);
    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${adjustedId}`);
    const proposals = page.getByRole('region', { name: /Till registren/ });
    expect(await proposals.innerText()).toContain(ASSIGNMENT);
    await proposals.getByRole('button', { name: 'Bekräfta alla förslag' }).click();
    await page.waitForURL('**bekraftade=1**');
    expect(await page.getByRole('status').first().innerText()).toContain('Ett förslag är bekräftat.');
    expect(await page.getByRole('region', { name: /Till registren/ }).innerText()).toContain('Inga förslag väntar från det här protokollet.');

    await visit(page, `${running.baseUrl}/arbetsyta/uppdrag?ansvarig=direktör`);
    await expectAccessible(page);
    const row = page.getByRole('row').filter({ hasText: 'övningsplan' });
    await row.getByRole('link', { name: /Återrapportera/ }).click();
    await page.waitForURL('**/aterrapportera');
    await expectAccessible(page);
    // Without text the form says what is missing, next to the field.
    await page.getByRole('button', { name: 'Skicka återrapportering' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Återrapportering');
    await page.getByLabel('Återrapportering').fill('Övningsplanen är klar och bifogas.');
    await page.getByLabel(/Dokument/).setInputFiles({ name: 'ovningsplan.txt', mimeType: 'text/plain', buffer: Buffer.from('Övningsplan 2027') });
    await page.getByRole('button', { name: 'Skicka återrapportering' }).click();
    await page.waitForURL('**/aterrapporterad**');
    expect(await page.getByRole('status').innerText()).toMatch(/^Återrapporteringen står på dagordningen som § \d+/);
    await screenshot(page, 'aterrapportering');

    await page.getByRole('link', { name: /Direktionen/ }).click();
    await page.waitForURL(`**/arbetsyta/sammantraden/${nextId}`);
    const agenda = page.locator('section[aria-labelledby="dagordning-rubrik"]');
    expect(await agenda.innerText()).toContain('Återrapportering: Förbundsdirektören får i uppdrag att ta fram en övningsplan för deltidsstyrkorna');
    await page.close();
  }, 180_000);

  it('adds a point to the delegationsordning, enters a delegationsbeslut against it, reports it to the board and finds it by its Dnr', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.secretary);
    await visit(page, `${running.baseUrl}/arbetsyta/delegation`);
    await expectAccessible(page);
    const order = page.getByRole('region', { name: 'Delegationsordning' });
    await order.getByLabel('Delegerat av').selectOption({ label: 'Direktionen' });
    await order.getByLabel('Punkt', { exact: true }).fill('4.2');
    await order.getByLabel('Ärende').fill('Beslut om tillstånd för brandfarlig vara');
    await order.getByLabel('Delegat', { exact: true }).fill('Brandinspektören');
    await order.getByLabel('Lagrum').fill('LBE 16 §');
    await order.getByLabel('Gäller från').fill('2020-01-01');
    await order.getByRole('button', { name: 'Lägg till punkt' }).click();
    await page.waitForURL('**tillagd=4.2**');
    expect(await page.getByRole('status').innerText()).toBe('Punkt 4.2 är tillagd i delegationsordningen.');

    const enter = page.getByRole('region', { name: 'Registrera delegationsbeslut' });
    await enter.getByLabel('Punkt i delegationsordningen').selectOption({ label: 'Direktionen 4.2 Beslut om tillstånd för brandfarlig vara (Brandinspektören)' });
    await enter.getByLabel('Dnr').fill('RDR 2026/44');
    await enter.getByLabel('Beslutat av').fill('Brandinspektören');
    await enter.getByLabel('Beslut', { exact: true }).fill('Tillstånd för hantering av gasol, Industrigatan 4');
    await enter.getByRole('button', { name: 'Registrera beslutet' }).click();
    await page.waitForURL('**registrerat=1**');
    const toReport = page.getByRole('region', { name: /Att anmäla/ });
    expect(await toReport.innerText()).toContain('RDR 2026/44');
    await toReport.getByRole('button', { name: 'Anmäl till Direktionen' }).click();
    await page.waitForURL('**anmald=**');
    expect(await page.getByRole('status').innerText()).toMatch(/^Ett delegationsbeslut står i anmälan § \d+ på sammanträdet/);
    await expectAccessible(page);
    await screenshot(page, 'delegation');

    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${nextId}`);
    expect(await page.locator('section[aria-labelledby="dagordning-rubrik"]').innerText()).toContain('Anmälan av delegationsbeslut');

    await visit(page, `${running.baseUrl}/sok?q=${encodeURIComponent('RDR 2026/44')}`);
    const hits = page.getByRole('region', { name: /I registren/ });
    expect(await hits.innerText()).toContain('Tillstånd för hantering av gasol, Industrigatan 4');
    await page.close();
  }, 180_000);
});
