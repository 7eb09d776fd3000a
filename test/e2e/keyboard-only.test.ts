/**
 * The chair signs with the keyboard only: no click anywhere, only Tab, Shift+Tab, Enter, Space and
 * typing. Every control that takes focus on the way shows a visible focus indicator, and the first
 * thing Tab reaches on each page is the skip link, which moves focus to the main content.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeetingOverview } from '../../src/services/meeting-cycle.service.ts';
import { buildBoard, buildFinalisedMeeting, expectAccessible, PASSWORD, screenshot, startApp, swedishToday, visit, type BoardWorld, type RunningApp } from './support/app.ts';

/** What has focus, and whether it shows it (an outline or a box-shadow drawn around it). */
interface Focused {
  tag: string;
  id: string;
  name: string;
  href: string | null;
  indicator: boolean;
  style: string;
  onScreen: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: 'body', id: '', name: '', href: null, indicator: false, style: '', onScreen: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    const box = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: (element.getAttribute('aria-label') ?? labelled ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: element.getAttribute('href'),
      indicator: outline || shadow,
      style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}`,
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
    };
  });
}

/** A control that has focus must show it. */
function expectVisibleFocus(control: Focused): void {
  expect(control.indicator, `no visible focus on <${control.tag}> "${control.name}": ${control.style}`).toBe(true);
  expect(control.onScreen, `<${control.tag}> "${control.name}" has focus but is off screen`).toBe(true);
}

/** Presses Tab (or Shift+Tab) until a control whose name matches has focus, checking every control passed. */
async function tabTo(page: Page, name: RegExp, { backwards = false, max = 80 } = {}): Promise<Focused> {
  const passed: string[] = [];
  for (let step = 0; step < max; step++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const control = await focused(page);
    expectVisibleFocus(control);
    if (name.test(control.name)) return control;
    passed.push(control.name);
  }
  throw new Error(`no control named ${name} within ${max} presses of Tab; passed ${passed.join(' | ')}`);
}

/** The first Tab on a page reaches the skip link; Enter on it moves focus to <main id="innehall">. */
async function skipToContent(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  expect(skip).toMatchObject({ tag: 'a', name: 'Hoppa till innehållet', href: '#innehall' });
  expectVisibleFocus(skip);
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatchObject({ tag: 'main', id: 'innehall' });
}

describe('a chair who uses only the keyboard', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let meetingId: string;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Tallvik');
    ({ meetingId } = await buildFinalisedMeeting(running.handle, world));
  }, 120_000);
  afterAll(async () => running?.close());

  it('signs in, finds the minutes awaiting the signature, reads them and signs, with focus always visible', async () => {
    const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Any mouse or pointer press on any page of the journey is remembered for the end.
    await context.addInitScript(() => {
      for (const type of ['mousedown', 'pointerdown']) addEventListener(type, () => sessionStorage.setItem('protokoll:mouse', type), true);
    });
    const page = await context.newPage();
    await visit(page, `${running.baseUrl}/logga-in`);

    await skipToContent(page);
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('E-postadress');
    expectVisibleFocus(await focused(page));
    await page.keyboard.type(world.emails.chair);
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Lösenord');
    await page.keyboard.type(PASSWORD);
    await screenshot(page, 'tangentbord-logga-in');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/mina-sammantraden');
    await expectAccessible(page);

    // From the start of the page, through the header, to the main menu's "Att justera".
    const menuEntry = await tabTo(page, /^Att justera$/);
    expect(menuEntry.href).toBe('/att-justera');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/att-justera');
    await expectAccessible(page);

    await skipToContent(page);
    const open = await tabTo(page, /^Läs och signera/);
    expect(open.href).toBe(`/att-justera/${meetingId}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/att-justera/${meetingId}`);
    await expectAccessible(page);
    expect(await page.locator('main').innerText()).toContain('Direktionen fastställer timtaxan till 1 180 kronor.');

    await skipToContent(page);
    const sign = await tabTo(page, /^Signera protokollet$/);
    expect(sign.tag).toBe('button');
    // Shift+Tab goes back to the control before, which shows its focus too, and Tab returns.
    const before = await tabTo(page, /./, { backwards: true, max: 1 });
    expect(before.name).not.toBe('Signera protokollet');
    await tabTo(page, /^Signera protokollet$/, { max: 1 });
    await screenshot(page, 'tangentbord-signera');
    await page.keyboard.press('Space');
    await page.waitForURL('**/kvitto');
    await expectAccessible(page);
    expect(await page.getByRole('status').innerText()).toContain('Din signatur är registrerad');

    const overview = await getMeetingOverview(running.handle.db, meetingId, { today: swedishToday() });
    expect(overview.signatures.find((s) => s.role === 'chair')?.status).toBe('signed');
    expect(await page.evaluate(() => sessionStorage.getItem('protokoll:mouse'))).toBeNull();
    await context.close();
  });
});
