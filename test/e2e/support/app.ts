/**
 * Starts the whole application (API and web) on 127.0.0.1, port 0, over an in-memory PGlite, and
 * builds the world a journey needs through the same use cases the application uses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../../src/api/app.ts';
import { todayInSweden } from '../../../src/domain/legal-dates.ts';
import { createUser, grantRole } from '../../../src/services/accounts.service.ts';
import {
  addAgendaItem,
  addMandate,
  createBody,
  createOrganization,
  createPerson,
  finaliseMinutes,
  getMeetingOverview,
  planMeeting,
  recordAttendance,
  sendMeetingNotice,
  signMinutes,
  updateParagraph,
  type Actor,
} from '../../../src/services/meeting-cycle.service.ts';
import type { DatabaseHandle } from '../../../src/services/system.service.ts';
import { addDays } from '../../../src/domain/legal-dates.ts';
import { openTestDatabase } from '../../support/databases.ts';
import { accessibility, launchBrowser } from './browser.ts';

export const PASSWORD = 'ett-langt-losenord-for-test';

export interface RunningApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the application; `today` fixes the date the web pages judge clocks and registers by. */
export async function startApp(options: { today?: () => string } = {}): Promise<RunningApp> {
  const handle = await openTestDatabase('pglite');
  const app = await buildApp({ database: handle, ...options });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  // Every page and context this browser opens is checked with axe after each load (support/browser.ts).
  const browser = accessibility.attachBrowser(await launchBrowser());
  return {
    app,
    handle,
    baseUrl: address,
    browser,
    close: async () => {
      try {
        await accessibility.reportAll();
      } finally {
        await browser.close();
        await app.close();
        await handle.close();
      }
    },
  };
}

/** Today in Sweden: the application signs and posts with the real clock, so the journeys do too. */
export function swedishToday(): string {
  return todayInSweden(new Date());
}

/** Opens a path, checks the page with axe (WCAG 2.1 A and AA) and returns the response status. */
export async function visit(page: Page, url: string): Promise<number> {
  const response = await page.goto(url);
  await expectAccessible(page);
  return response?.status() ?? 0;
}

/**
 * Fails now if axe found violations on any document this page loaded so far. The watch checks every
 * load by itself (a click or a submit too); this only makes a journey fail at the step that broke, and
 * checks the current document again if it changed without loading (a fragment link).
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForLoadState();
  // The load event reaches the watch in the same turn as the load state; let it queue its check.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await accessibility.quiet(page);
  if (accessibility.audit(page).checked.at(-1) !== page.url()) await accessibility.enqueue(page);
  expect(accessibility.audit(page).failures.splice(0), page.url()).toEqual([]);
}

/**
 * The field is marked invalid and described by a visible message containing `message` that stands next
 * to it: in the field's own frame (label, hint, message, control), its table cell, or its fieldset.
 */
export async function expectErrorNextTo(field: Locator, message: string): Promise<void> {
  expect(await field.getAttribute('aria-invalid'), 'aria-invalid').toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const described = await field.evaluate(
    (element, ids) =>
      ids.map((id) => {
        const node = document.getElementById(id);
        if (!node) return { id, text: '', near: false, visible: false };
        const frame = element.closest('.field, td, fieldset');
        const near = Boolean(node.parentElement?.contains(element) || frame?.contains(node));
        const box = node.getBoundingClientRect();
        return { id, text: node.textContent ?? '', near, visible: box.width > 0 && box.height > 0 };
      }),
    ids,
  );
  const matching = described.filter((d) => d.text.includes(message));
  expect(matching, `aria-describedby ${JSON.stringify(described)}`).not.toEqual([]);
  expect(matching.every((d) => d.near && d.visible), `the message stands next to the field: ${JSON.stringify(matching)}`).toBe(true);
}

/** The URLs the watch has checked with axe on this page, in order. */
export function checkedUrls(page: Page): string[] {
  return accessibility.audit(page).checked;
}

/** Where the journeys write screenshots: always test-results/screenshots (ignored by git). */
export const SCREENSHOTS = 'test-results/screenshots';
/** With PROTOKOLL_UPDATE_SCREENSHOTS=1 the screenshots in the documentation are rewritten too. */
export const DOCUMENTED_SCREENSHOTS = 'docs/screenshots';

/** Saves a screenshot of the page; docs/screenshots only when PROTOKOLL_UPDATE_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folders = process.env.PROTOKOLL_UPDATE_SCREENSHOTS === '1' ? [SCREENSHOTS, DOCUMENTED_SCREENSHOTS] : [SCREENSHOTS];
  const image = await page.screenshot({ fullPage: false });
  for (const folder of folders) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(`${folder}/${name}.png`, image);
  }
}

export async function signIn(page: Page, baseUrl: string, email: string, password = PASSWORD): Promise<void> {
  await visit(page, `${baseUrl}/logga-in`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
}

/** A förbund with a board: a chair, three members, a substitute, a secretary, and accounts for them. */
export interface BoardWorld {
  organizationId: string;
  bodyId: string;
  persons: Record<'chair' | 'adjuster' | 'member' | 'other' | 'substitute' | 'secretary', string>;
  emails: Record<'secretary' | 'chair' | 'adjuster' | 'member', string>;
  secretaryActor: Actor;
}

export async function buildBoard(handle: DatabaseHandle, name: string): Promise<BoardWorld> {
  const db = handle.db;
  const organization = await createOrganization(db, { name: `Räddningstjänstförbundet ${name}`, organizationType: 'kommunalforbund', minutesStorage: 'Förbundskansliet i Älvby' });
  const body = await createBody(db, { organizationId: organization.id, name: 'Direktionen', bodyKind: 'board', seats: 4 });
  const person = async (personName: string, role: 'chair' | 'member' | 'substitute', party: string, rank?: number) => {
    const p = await createPerson(db, { name: personName });
    await addMandate(db, { bodyId: body.id, personId: p.id, role, party, substituteRank: rank ?? null, startsOn: '2020-01-01' });
    return p.id;
  };
  const persons = {
    chair: await person('Karin Lindqvist', 'chair', 'S'),
    adjuster: await person('Erik Sandberg', 'member', 'M'),
    member: await person('Aisha Rahimi', 'member', 'C'),
    other: await person('Göran Åkesson', 'member', 'S'),
    substitute: await person('Sofia Berglund', 'substitute', 'S', 1),
    secretary: (await createPerson(db, { name: 'Annika Strand' })).id,
  };
  const suffix = name.toLowerCase().replace(/[^a-z]/g, '');
  const emails = {
    secretary: `sekreterare.${suffix}@example.test`,
    chair: `ordforande.${suffix}@example.test`,
    adjuster: `justerare.${suffix}@example.test`,
    member: `ledamot.${suffix}@example.test`,
  };
  const secretary = await createUser(db, { email: emails.secretary, name: 'Annika Strand', password: PASSWORD, personId: persons.secretary });
  await grantRole(db, { userId: secretary.id, role: 'secretary', organizationId: organization.id }, 'system');
  await createUser(db, { email: emails.chair, name: 'Karin Lindqvist', password: PASSWORD, personId: persons.chair });
  await createUser(db, { email: emails.adjuster, name: 'Erik Sandberg', password: PASSWORD, personId: persons.adjuster });
  await createUser(db, { email: emails.member, name: 'Aisha Rahimi', password: PASSWORD, personId: persons.member });
  return { organizationId: organization.id, bodyId: body.id, persons, emails, secretaryActor: { personId: persons.secretary, name: 'Annika Strand' } };
}

/** A meeting held yesterday with one case, a vote and a confidential §, finalised by the secretary. */
export async function buildFinalisedMeeting(handle: DatabaseHandle, world: BoardWorld): Promise<{ meetingId: string; caseParagraphId: string; confidentialParagraphId: string }> {
  const db = handle.db;
  const heldOn = addDays(swedishToday(), -1);
  const { meetingId } = await planMeeting(db, { bodyId: world.bodyId, heldOn, start: '09:00', end: '11:00', location: 'Brandstationen i Älvby' }, world.secretaryActor);
  const { paragraphId: caseParagraphId } = await addAgendaItem(db, meetingId, { title: 'Taxa för tillsyn', caseNumber: 'RMÄ 2026/12' }, world.secretaryActor);
  const { paragraphId: confidentialParagraphId } = await addAgendaItem(db, meetingId, { title: 'Personalärende om en namngiven anställd' }, world.secretaryActor);
  // Called eight days ahead, as the legal checks ask (a week by the rules).
  await sendMeetingNotice(handle, meetingId, { sentAt: new Date(`${addDays(heldOn, -8)}T09:00:00Z`) }, world.secretaryActor);
  await recordAttendance(
    db,
    meetingId,
    {
      entries: [world.persons.chair, world.persons.adjuster, world.persons.member, world.persons.other].map((personId) => ({ personId, present: true })),
      adjusterPersonIds: [world.persons.adjuster],
    },
    world.secretaryActor,
  );
  await updateParagraph(
    db,
    caseParagraphId,
    {
      text: 'Timtaxan föreslås höjas till 1 180 kronor.',
      decisions: ['Direktionen fastställer timtaxan till 1 180 kronor.'],
      votes: [{ question: 'Bifall mot avslag', yes: 3, no: 1, abstain: 0, result: 'Bifall' }],
      reservations: [{ name: 'Aisha Rahimi', party: 'C', reason: 'Taxan blir för hög.' }],
    },
    world.secretaryActor,
  );
  await updateParagraph(db, confidentialParagraphId, { decisions: ['Beslut enligt förslaget.'], confidential: true, confidentialReason: 'OSL 39 kap. 3 §' }, world.secretaryActor);
  await finaliseMinutes(handle, meetingId, { at: new Date() }, world.secretaryActor);
  const overview = await getMeetingOverview(db, meetingId, { today: swedishToday() });
  expect(overview.meeting.status).toBe('finalised');
  return { meetingId, caseParagraphId, confidentialParagraphId };
}

/** The same meeting, signed by the chair and the adjuster: adjusted, with the notice posted today. */
export async function buildAdjustedMeeting(handle: DatabaseHandle, world: BoardWorld) {
  const meeting = await buildFinalisedMeeting(handle, world);
  await signMinutes(handle, meeting.meetingId, { at: new Date() }, { personId: world.persons.chair, name: 'Karin Lindqvist' });
  await signMinutes(handle, meeting.meetingId, { at: new Date() }, { personId: world.persons.adjuster, name: 'Erik Sandberg' });
  return meeting;
}
