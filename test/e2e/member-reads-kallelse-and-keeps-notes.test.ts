/**
 * Issue 19, the members' part: a member opens the kallelse package (one PDF with bookmarks per item) and
 * a document inline, keeps a private note on an agenda item and on the document, reloads and finds them;
 * the page passes axe and fits a 375 px phone without sideways scrolling.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/legal-dates.ts';
import { addAgendaItem, attachDocument, getMeetingOverview, planMeeting, recordAttendance, sendMeetingNotice, updateParagraph } from '../../src/services/meeting-cycle.service.ts';
import { buildBoard, expectAccessible, screenshot, signIn, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

interface Outline {
  title: string;
  destpageposfrom1: number;
  kids: Outline[];
}

async function underlag(title: string, pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i += 1) pdf.addPage().drawText(`${title}, sida ${i + 1}`, { x: 50, y: 750, size: 14, font });
  return pdf.save();
}

describe('a member reads the kallelse and keeps private notes', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let meetingId: string;
  let fileId: string;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Västerby');
    const db = running.handle.db;
    ({ meetingId } = await planMeeting(db, { bodyId: world.bodyId, heldOn: addDays(swedishToday(), 10), start: '13:00', location: 'Brandstationen i Västerby' }, world.secretaryActor));
    const budget = await addAgendaItem(db, meetingId, { title: 'Budget 2027', caseNumber: 'RVN 2026/12', presenters: ['Förbundsdirektören'] }, world.secretaryActor);
    await addAgendaItem(db, meetingId, { title: 'Taxa för tillsyn enligt lagen om skydd mot olyckor', caseNumber: 'RVN 2026/13' }, world.secretaryActor);
    ({ fileId } = await attachDocument(running.handle, budget.paragraphId, { title: 'Tjänsteskrivelse budget 2027', bytes: await underlag('Tjänsteskrivelse', 2), contentType: 'application/pdf', originalName: 'budget.pdf' }, world.secretaryActor));
    await sendMeetingNotice(running.handle, meetingId, { sentAt: new Date() }, world.secretaryActor);
  }, 120_000);
  afterAll(async () => running?.close());

  it('opens the package and a document inline, keeps notes on an item and a document, and reads them after a reload', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.member);
    const url = `${running.baseUrl}/mina-sammantraden/${meetingId}`;
    await visit(page, url);

    // The kallelse package, fetched with the page's session: one PDF, with a bookmark per agenda item.
    const packageHref = await page.getByRole('link', { name: /Kallelse och alla handlingar i en PDF/u }).getAttribute('href');
    const pkg = await page.request.get(`${running.baseUrl}${packageHref}`);
    expect(pkg.status()).toBe(200);
    expect(pkg.headers()['content-type']).toBe('application/pdf');
    expect(pkg.headers()['content-disposition']).toMatch(/^inline;/u);
    const folder = mkdtempSync(join(tmpdir(), 'kallelsepaket-'));
    try {
      const file = join(folder, 'kallelse.pdf');
      writeFileSync(file, await pkg.body());
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/^Title:\s+Kallelse Direktionen /mu);
      const pages = Number(/^Pages:\s+(\d+)/mu.exec(info)![1]);
      const outline = (JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as { outlines: Outline[] }).outlines;
      expect(outline[0]!.title).toBe('Kallelse');
      const budget = outline.find((o) => o.title.endsWith('Budget 2027'))!;
      expect(budget.kids.map((k) => k.title)).toEqual(['Tjänsteskrivelse budget 2027']);
      // The document's two pages are the last ones, after the kallelse.
      expect(budget.destpageposfrom1).toBe(pages - 1);
      expect(outline.some((o) => o.title.endsWith('Taxa för tillsyn enligt lagen om skydd mot olyckor'))).toBe(true);
    } finally {
      rmSync(folder, { recursive: true });
    }

    // The document opens inline in the browser's reader.
    const documentLink = page.getByRole('link', { name: 'Tjänsteskrivelse budget 2027' });
    const inline = await page.request.get(`${running.baseUrl}${await documentLink.getAttribute('href')}`);
    expect(inline.status()).toBe(200);
    expect(inline.headers()['content-type']).toBe('application/pdf');
    expect(inline.headers()['content-disposition']).toMatch(/^inline;/u);

    // A note on the agenda item, then one on the document.
    const budgetForm = () => page.locator('form.member-note', { has: page.getByRole('button', { name: /Spara anteckningen – (§ \d+ )?Budget 2027$/u }) });
    expect(await budgetForm().innerText()).toContain('Bara du ser den');
    await budgetForm().getByRole('textbox', { name: 'Min anteckning', exact: true }).fill('Fråga om räntekostnaderna.');
    await budgetForm().getByRole('button').click();
    await page.waitForURL('**?anteckning=sparad*');
    await expectAccessible(page);
    expect(await page.getByRole('status').innerText()).toContain('Din anteckning är sparad.');
    expect(new URL(page.url()).hash).toMatch(/^#anteckning-/u);
    await page.getByLabel('Min anteckning om Tjänsteskrivelse budget 2027').fill('Sidan 2: jämför med 2026.');
    await page.getByRole('button', { name: 'Spara anteckningen – Tjänsteskrivelse budget 2027' }).click();
    await page.waitForURL(`**vid=anteckning-fil-${fileId}*`);
    await expectAccessible(page);

    await page.goto(url);
    await expectAccessible(page);
    expect(await budgetForm().getByRole('textbox', { name: 'Min anteckning', exact: true }).inputValue()).toBe('Fråga om räntekostnaderna.');
    expect(await page.getByLabel('Min anteckning om Tjänsteskrivelse budget 2027').inputValue()).toBe('Sidan 2: jämför med 2026.');
    await screenshot(page, 'egna-anteckningar');

    // On a phone: the header leaves room for the meeting, and nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(url);
    await expectAccessible(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const header = await page.locator('header.site-header').boundingBox();
    expect(header!.height).toBeLessThan(740 / 4);
    await screenshot(page, 'sammantrade-i-mobilen');
    await page.close();
  });

  it('reads a structured § of the draft as the protocol has it, and keeps a note on it', async () => {
    const db = running.handle.db;
    const heldOn = addDays(swedishToday(), -1);
    const { meetingId: heldId } = await planMeeting(db, { bodyId: world.bodyId, heldOn, start: '09:00', end: '11:00', location: 'Brandstationen i Västerby' }, world.secretaryActor);
    const { paragraphId } = await addAgendaItem(db, heldId, { title: 'Ny taxa för tillsyn', caseNumber: 'RVN 2026/51' }, world.secretaryActor);
    await sendMeetingNotice(running.handle, heldId, { sentAt: new Date(`${addDays(heldOn, -8)}T09:00:00Z`) }, world.secretaryActor);
    await recordAttendance(db, heldId, { entries: [world.persons.chair, world.persons.adjuster, world.persons.member, world.persons.other].map((personId) => ({ personId, present: true })), adjusterPersonIds: [world.persons.adjuster] }, world.secretaryActor);
    await updateParagraph(
      db,
      paragraphId,
      {
        text: 'Förvaltningen har tagit fram en ny taxa.',
        proposal: 'Direktionen antar taxan.',
        proposedBy: 'Förvaltningen',
        decisions: ['att anta taxan för tillsyn'],
        motions: [
          { mover: 'Karin Lindqvist', party: 'S', text: 'bifall till förvaltningens förslag', supportedBy: ['Erik Sandberg'] },
          { mover: 'Aisha Rahimi', party: 'C', text: 'att ärendet återremitteras', supportedBy: [] },
        ],
        propositionOrder: 'Ordföranden ställer proposition på förslaget mot återremiss.',
        decisionMethod: 'vote',
        votes: [{ question: 'Ja för förslaget, nej för återremiss', yes: 2, no: 1, abstain: 0, roll: [{ name: 'Karin Lindqvist', party: 'S', vote: 'yes' }, { name: 'Erik Sandberg', party: 'M', vote: 'yes' }, { name: 'Aisha Rahimi', party: 'C', vote: 'no' }], result: 'Direktionen beslutar enligt förslaget.' }],
        reservations: [{ name: 'Aisha Rahimi', party: 'C', reason: 'Taxan höjs för mycket.' }],
        protocolNotes: [{ name: 'Erik Sandberg', party: 'M', text: 'Taxan bör följas upp.' }],
      },
      world.secretaryActor,
    );
    expect((await getMeetingOverview(db, heldId, { today: swedishToday() })).meeting.status).toBe('held');

    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.member);
    await visit(page, `${running.baseUrl}/mina-sammantraden/${heldId}`);
    const article = page.getByRole('article', { name: /Ny taxa för tillsyn/u });
    for (const heading of ['Förslag till beslut', 'Beslut', 'Yrkanden', 'Propositionsordning', 'Omröstning', 'Reservationer', 'Protokollsanteckningar']) {
      expect(await article.getByRole('heading', { name: heading, exact: true, level: 3 }).count(), heading).toBe(1);
    }
    const text = await article.innerText();
    expect(text).toContain('Förslagsställare: Förvaltningen');
    expect(text).toContain('Karin Lindqvist (S) yrkar bifall till förvaltningens förslag');
    expect(text).toContain('Erik Sandberg instämmer i yrkandet.');
    expect(text).toContain('Aisha Rahimi (C) reserverar sig mot beslutet: Taxan höjs för mycket.');
    expect(text).toContain('Erik Sandberg (M) antecknar till protokollet: Taxan bör följas upp.');
    const roll = article.getByRole('table', { name: 'Omröstningslista: Ja för förslaget, nej för återremiss' });
    expect(await roll.getByRole('row', { name: /Aisha Rahimi/u }).innerText()).toMatch(/Aisha Rahimi\s+C\s+Nej/u);

    const form = page.locator(`form#anteckning-${paragraphId}`);
    await form.getByLabel('Min anteckning', { exact: true }).fill('Rösta för återremiss nästa gång?');
    await form.getByRole('button').click();
    await page.waitForURL(`**vid=anteckning-${paragraphId}*`);
    await expectAccessible(page);
    expect(await page.locator(`form#anteckning-${paragraphId}`).getByLabel('Min anteckning', { exact: true }).inputValue()).toBe('Rösta för återremiss nästa gång?');
    await screenshot(page, 'strukturerad-paragraf-for-ledamoten');
    await page.close();
  });
});
