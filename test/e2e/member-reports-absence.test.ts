import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/legal-dates.ts';
import { addAgendaItem, addMandate, createPerson, planMeeting, sendMeetingNotice } from '../../src/services/meeting-cycle.service.ts';
import { buildBoard, expectAccessible, PASSWORD, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

describe('a member reports absence and the secretary calls in a substitute', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let meetingId: string;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Norrby');
    const db = running.handle.db;
    // A substitute of the member's own party (C), second in rank: the reglemente puts the party first.
    const substitute = await createPerson(db, { name: 'Birgitta Holm', email: 'birgitta.holm@example.test' });
    await addMandate(db, { bodyId: world.bodyId, personId: substitute.id, role: 'substitute', party: 'C', substituteRank: 2, startsOn: '2020-01-01' });
    ({ meetingId } = await planMeeting(db, { bodyId: world.bodyId, heldOn: addDays(swedishToday(), 14), start: '13:00', location: 'Brandstationen i Norrby' }, world.secretaryActor));
    await addAgendaItem(db, meetingId, { title: 'Budget 2027', caseNumber: 'RMN 2026/7' }, world.secretaryActor);
    await sendMeetingNotice(running.handle, meetingId, { sentAt: new Date() }, world.secretaryActor);
  }, 120_000);
  afterAll(async () => running?.close());

  it('from the kallelse link through sign-in to the form; the secretary sees the absence with the next substitute and calls her', async () => {
    const member = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The link in the kallelse mail, opened signed out: sign in, and land on the meeting again.
    await member.goto(`${running.baseUrl}/mina-sammantraden/${meetingId}#forhinder`);
    await member.waitForURL('**/logga-in?tillbaka=*');
    await expectAccessible(member);
    await member.getByLabel('E-postadress').fill(world.emails.member);
    await member.getByLabel('Lösenord').fill(PASSWORD);
    await member.getByRole('button', { name: 'Logga in' }).click();
    await member.waitForURL(`**/mina-sammantraden/${meetingId}`);
    await expectAccessible(member);
    expect(await member.getByRole('heading', { name: 'Anmäl förhinder' }).count()).toBe(1);
    await member.getByLabel('Meddelande till sekreteraren (frivilligt)').fill('Föräldramöte samma kväll.');
    await member.getByRole('button', { name: 'Anmäl förhinder' }).click();
    await member.waitForURL('**?forhinder=anmalt*');
    await expectAccessible(member);
    expect(await member.getByRole('status').innerText()).toContain('Ditt förhinder är anmält.');
    expect(await member.locator('#forhinder').innerText()).toContain('Du har anmält förhinder');
    await screenshot(member, 'anmal-forhinder');
    await member.close();

    const secretary = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(secretary, running.baseUrl, world.emails.secretary);
    await visit(secretary, `${running.baseUrl}/arbetsyta/sammantraden/${meetingId}`);
    const panel = secretary.locator('section#forhinder');
    const absent = await panel.getByRole('table', { name: 'Har anmält förhinder' }).innerText();
    expect(absent).toContain('Aisha Rahimi');
    expect(absent).toContain('Föräldramöte samma kväll.');
    const toCall = panel.getByRole('row', { name: /Aisha Rahimi/u }).filter({ hasText: 'Birgitta Holm' });
    expect(await toCall.innerText()).toContain('Birgitta Holm (C), nr 2');
    await screenshot(secretary, 'forhinder-och-ersattare');
    await panel.getByRole('button', { name: 'Kalla in Birgitta Holm i stället för Aisha Rahimi' }).click();
    await secretary.waitForURL('**?inkallad=1*');
    await expectAccessible(secretary);
    expect(await secretary.getByRole('status').first().innerText()).toContain('Ersättaren är inkallad.');
    expect(await panel.innerText()).toContain('Inkallade ersättare');
    const deliveries = await secretary.locator('section#utskick').getByRole('table').innerText();
    expect(deliveries).toContain('Inkallelse av ersättare');
    expect(deliveries).toContain('birgitta.holm@example.test');
    // The roll-call is filled in from it: the member not present, the substitute serving for her.
    expect(await secretary.getByRole('checkbox', { name: 'Närvarande: Aisha Rahimi' }).isChecked()).toBe(false);
    expect(await secretary.getByRole('checkbox', { name: 'Närvarande: Birgitta Holm' }).isChecked()).toBe(true);
    expect(await secretary.getByLabel('Tjänstgör för: Birgitta Holm').inputValue()).toBe(world.persons.member);
    await secretary.close();
  });
});
