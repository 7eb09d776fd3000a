/**
 * Issue 19: the secretary enters a § with a proposal, two yrkanden, a votering with named votes, a reservation
 * with its text, a protokollsanteckning, jäv with leaving the room and omedelbar justering through the § form,
 * and the preview of the protocol (PDF, read with pdftotext) and the Word export print every part in order.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/legal-dates.ts';
import { addAgendaItem, getMeetingOverview, planMeeting, recordAttendance } from '../../src/services/meeting-cycle.service.ts';
import { expectInOrder } from '../documents/expect-in-order.ts';
import { buildBoard, expectAccessible, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'protokoll-e2e-structured-'));

describe('the secretary writes a § with its beslutsgång', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let meetingId = '';
  let paragraphId = '';

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Strukturby');
    const db = running.handle.db;
    ({ meetingId } = await planMeeting(db, { bodyId: world.bodyId, heldOn: addDays(swedishToday(), -1), start: '09:00', location: 'Brandstationen' }, world.secretaryActor));
    ({ paragraphId } = await addAgendaItem(db, meetingId, { title: 'Ny taxa för tillsyn', caseNumber: 'RMÄ 2026/51' }, world.secretaryActor));
    const present = [world.persons.chair, world.persons.adjuster, world.persons.member, world.persons.other];
    await recordAttendance(db, meetingId, { entries: present.map((personId) => ({ personId, present: true })), adjusterPersonIds: [world.persons.adjuster] }, world.secretaryActor);
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enters every part through the form, adjusts the § at once and sees it all, in order, in the preview', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.secretary);
    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}/paragrafer/${paragraphId}`);

    await page.getByLabel('Jäv: Göran Åkesson (S)').selectOption({ label: 'Jäv, lämnar lokalen' });
    await page.getByLabel('Ärendebeskrivning').fill('Förvaltningen har tagit fram en ny taxa för tillsyn.');
    await page.getByLabel('Förslagets lydelse').fill('Direktionen antar taxan.\nTaxan gäller från den 1 januari 2027.');
    await page.getByLabel('Förslagsställare').fill('Förvaltningen');
    await page.getByLabel('Beslut (en att-sats per rad)').fill('att anta taxan för tillsyn\natt taxan gäller från den 1 januari 2027');
    await page.getByLabel('Yrkande av (yrkande 1)').selectOption({ label: 'Karin Lindqvist (S)' });
    await page.getByLabel('Yrkandet (yrkande 1)').fill('bifall till förvaltningens förslag');
    await page.getByLabel('Bifall från (yrkande 1)').fill('Erik Sandberg');
    await page.getByLabel('Yrkande av (yrkande 2)').selectOption({ label: 'Aisha Rahimi (C)' });
    await page.getByLabel('Yrkandet (yrkande 2)').fill('att ärendet återremitteras');

    // Without JavaScript a third row comes from a submit that shows the form again; nothing typed is lost.
    await page.getByRole('button', { name: 'Lägg till ett yrkande' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    expect(await page.getByLabel('Yrkandet (yrkande 3)').inputValue()).toBe('');
    expect(await page.getByLabel('Yrkandet (yrkande 2)').inputValue()).toBe('att ärendet återremitteras');
    expect(await page.getByLabel('Förslagets lydelse').inputValue()).toBe('Direktionen antar taxan.\nTaxan gäller från den 1 januari 2027.');
    expect(await page.getByLabel('Jäv: Göran Åkesson (S)').locator('option:checked').innerText()).toBe('Jäv, lämnar lokalen');

    await page.getByLabel('Propositionsordning').fill('Ordföranden ställer proposition på förvaltningens förslag mot återremiss och finner att direktionen beslutar enligt förvaltningens förslag.');
    await page.getByLabel('Votering (omröstning)').check();
    await page.getByLabel('Voteringsproposition').fill('Ja för förvaltningens förslag, nej för återremiss');
    await page.getByLabel('Ja – Karin Lindqvist (S)').check();
    await page.getByLabel('Ja – Erik Sandberg (M)').check();
    await page.getByLabel('Nej – Aisha Rahimi (C)').check();
    await page.getByLabel('Resultat').fill('Direktionen beslutar enligt förvaltningens förslag.');
    await page.getByLabel('Reservationer (en per rad)').fill('Aisha Rahimi (C): Taxan höjs för mycket på en gång.');
    await page.getByLabel('Protokollsanteckningar (en per rad)').fill('Erik Sandberg (M): Taxan bör följas upp efter ett år.');
    await screenshot(page, 'paragraf-beslutsgang');
    await page.getByRole('button', { name: 'Spara paragrafen' }).click();
    await page.waitForURL((url) => url.pathname === `/arbetsyta/sammantraden/${meetingId}`);
    await expectAccessible(page);

    // Opened again, the form shows what was saved, with the totals counted from the named votes.
    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}/paragrafer/${paragraphId}`);
    expect(await page.getByLabel('Nej – Aisha Rahimi (C)').isChecked()).toBe(true);
    expect([await page.getByLabel('Ja', { exact: true }).inputValue(), await page.getByLabel('Nej', { exact: true }).inputValue(), await page.getByLabel('Avstår', { exact: true }).inputValue()]).toEqual(['2', '1', '0']);
    expect(await page.getByLabel('Yrkande av (yrkande 2)').locator('option:checked').innerText()).toBe('Aisha Rahimi (C)');

    await visit(page, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}`);
    const number = (await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() })).minutes.items.find((i) => i.title === 'Ny taxa för tillsyn')!.number;
    await page.getByLabel('Paragraf', { exact: true }).selectOption(String(number));
    await page.getByRole('button', { name: 'Justera paragrafen omedelbart' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);

    const item = (await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() })).minutes.items.find((i) => i.title === 'Ny taxa för tillsyn')!;
    expect(item).toMatchObject({
      proposal: { text: 'Direktionen antar taxan.\nTaxan gäller från den 1 januari 2027.', proposedBy: 'Förvaltningen' },
      decisions: ['att anta taxan för tillsyn', 'att taxan gäller från den 1 januari 2027'],
      motions: [
        { mover: 'Karin Lindqvist', party: 'S', text: 'bifall till förvaltningens förslag', supportedBy: ['Erik Sandberg'] },
        { mover: 'Aisha Rahimi', party: 'C', text: 'att ärendet återremitteras', supportedBy: [] },
      ],
      decisionMethod: 'vote',
      votes: [{ yes: 2, no: 1, abstain: 0 }],
      reservations: [{ name: 'Aisha Rahimi', party: 'C', reason: 'Taxan höjs för mycket på en gång.' }],
      protocolNotes: [{ name: 'Erik Sandberg', party: 'M', text: 'Taxan bör följas upp efter ett år.' }],
      disqualified: ['Göran Åkesson'],
      leftRoom: ['Göran Åkesson'],
      adjustedImmediately: true,
    });

    const parts = [
      'Ny taxa för tillsyn',
      'Dnr RMÄ 2026/51',
      'Jäv',
      'Göran Åkesson anmäler jäv och lämnar lokalen under handläggningen',
      'Förvaltningen har tagit fram en ny taxa för tillsyn.',
      'Förslag till beslut',
      'Förslagsställare: Förvaltningen',
      'Direktionen antar taxan.',
      'Taxan gäller från den 1 januari 2027.',
      'Beslut',
      'Direktionen beslutar att',
      'anta taxan för tillsyn',
      'taxan gäller från den 1 januari 2027',
      'Yrkanden',
      'Karin Lindqvist (S) yrkar bifall till förvaltningens förslag',
      'Erik Sandberg instämmer i yrkandet',
      'Aisha Rahimi (C) yrkar att ärendet återremitteras',
      'Propositionsordning',
      'Ordföranden ställer proposition',
      'Omröstning',
      'Ja för förvaltningens förslag, nej för återremiss',
      'Ja 2, Nej 1, Avstår 0',
      'Aisha Rahimi',
      'Nej',
      'Resultat: Direktionen beslutar enligt förvaltningens förslag.',
      'Reservation',
      'Aisha Rahimi (C) reserverar sig mot beslutet: Taxan höjs för mycket på en gång.',
      'Protokollsanteckning',
      'Erik Sandberg (M) antecknar till protokollet: Taxan bör följas upp efter ett år.',
      'Paragrafen förklaras omedelbart justerad.',
    ];

    // The preview the secretary opens from the meeting page.
    const pdf = await page.request.get(`${running.baseUrl}/sammantraden/${meetingId}/protokoll.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const file = join(dir, 'forhandsvisning.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expectInOrder(text, parts);
    const lines = text.split('\n').map((line) => line.trim());
    expect(lines.some((line) => /^1\.\s+anta taxan för tillsyn$/.test(line))).toBe(true);
    expect(lines).toContain('Taxan gäller från den 1 januari 2027.');
    expect(text).not.toMatch(/att\s+(?:–|\d\.)\s+att/);

    const docx = await page.request.get(`${running.baseUrl}/sammantraden/${meetingId}/protokoll.docx`);
    expect(docx.status()).toBe(200);
    expectInOrder((await mammoth.extractRawText({ buffer: await docx.body() })).value, parts);
    await page.close();
  });
});
