import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Minutes } from '../../src/domain/minutes.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { buildMinutes } from '../support/factories.ts';
import { screenshot, startApp, visit, type RunningApp } from './support/app.ts';

const ORGANIZATION = 'Räddningstjänsten Söderå';

/** Adjusted (or draft) minutes of the förbund's board with the given §§. */
function minutes(date: string, items: { number: number; title: string; text?: string; decisions?: string[] }[], adjusted = true): Minutes {
  const built = buildMinutes({ organization: ORGANIZATION, body: 'Direktionen', date, paragraphs: items.map((i) => i.number) });
  built.adjustment = { ...built.adjustment, date: adjusted ? date : null };
  built.signatures = adjusted ? built.signatures.map((s) => ({ ...s, signedAt: `${date}T15:00:00+02:00` })) : built.signatures;
  built.items = items.map((item) => ({ number: item.number, title: item.title, caseNumber: null, presenters: [], attachments: [], decisions: item.decisions ?? [], text: item.text ?? '' }));
  return built;
}

describe('an anonymous visitor searching the decisions', () => {
  let running: RunningApp;
  let paragraph2019: string;

  beforeAll(async () => {
    running = await startApp();
    const db = running.handle.db;
    await saveMinutes(db, minutes('2019-03-14', [{ number: 5, title: 'Taxa för tillsyn', text: 'Förslag: ny taxa < 1 000 kronor & "rimlig" <b>fet</b>.', decisions: ['Direktionen fastställer taxan för tillsyn enligt bilaga.'] }]));
    await saveMinutes(
      db,
      minutes(
        '2020-04-16',
        Array.from({ length: 12 }, (_, i) => ({ number: 20 + i, title: `Sotning i distrikt ${i + 1}`, decisions: [`Direktionen fastställer nya taxor för sotning i distrikt ${i + 1}.`] })),
      ),
    );
    // A draft with the same word must never show on the public side.
    await saveMinutes(db, minutes('2020-09-10', [{ number: 40, title: 'Hemlig taxa i utkast', decisions: ['Direktionen fastställer taxan i utkastet.'] }], false));
    const { searchDecisions } = await import('../../src/services/search.service.ts');
    const found = await searchDecisions(db, { query: 'tillsyn', filters: { year: 2019 }, audience: 'public' });
    paragraph2019 = found.hits[0]!.paragraphId;
  }, 120_000);
  afterAll(async () => running?.close());

  it('finds a § by another inflection of its word from the header search, reads the highlighted snippet and narrows the results to a year', async () => {
    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await visit(page, `${running.baseUrl}/`);
    await page.getByRole('searchbox', { name: 'Sök i beslut' }).fill('taxorna');
    await page.getByRole('search').getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL('**/sok?**');
    await visit(page, page.url());

    // "taxorna" finds "taxor" and "Taxa" (Swedish stemming), both years, never the draft.
    expect(await page.getByRole('heading', { level: 2, name: /träffar på ”taxorna”/ }).innerText()).toBe('13 träffar på ”taxorna”');
    expect(await page.locator('main').innerText()).not.toContain('Hemlig taxa');
    const marks = await page.locator('.search-hit mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /^tax/i.test(m))).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Sidor' }).getByRole('link', { name: 'Sida 2' }).count()).toBe(1);
    await screenshot(page, 'sok');

    // The next page keeps the query.
    await page.getByRole('navigation', { name: 'Sidor' }).getByRole('link', { name: 'Nästa' }).click();
    await page.waitForURL('**/sok?**sida=2');
    await visit(page, page.url());
    expect(await page.getByText('Visar 11–13 av 13').count()).toBe(1);

    // Narrow to 2019 with the year filter: only the § of that year is left.
    await page.getByLabel('År').selectOption({ label: '2019 (1)' });
    await page.getByRole('button', { name: 'Visa träffar' }).click();
    await page.waitForURL('**/sok?**ar=2019**');
    await visit(page, page.url());
    const hits = page.locator('.search-hit');
    expect(await hits.count()).toBe(1);
    expect(await hits.getByRole('heading').innerText()).toContain('§ 5 Taxa för tillsyn');
    expect(await page.getByLabel('Sökord').inputValue()).toBe('taxorna');
    await screenshot(page, 'sok-ar');

    await hits.getByRole('link', { name: '§ 5 Taxa för tillsyn' }).click();
    await page.waitForURL(`**/p/${paragraph2019}`);
    await visit(page, page.url());
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('§ 5 Taxa för tillsyn');
    await page.close();
  });

  it('shows text from a § as text, never as markup, in the snippet', async () => {
    const page = await running.browser.newPage();
    await visit(page, `${running.baseUrl}/sok?q=ny+taxa&ar=2019`);
    const snippet = page.locator('.search-hit .snippet');
    expect(await snippet.innerText()).toContain('< 1 000 kronor & "rimlig');
    expect(await snippet.locator('b').count()).toBe(0);
    await page.close();
  });

  it('asks for words or a filter next to the search field when the search is empty, and keeps the filters', async () => {
    const page = await running.browser.newPage();
    expect(await visit(page, `${running.baseUrl}/sok?q=&beslut=ja`)).toBe(200);
    expect(await page.getByText('Visar 1–10 av 13').count()).toBe(1);
    expect(await visit(page, `${running.baseUrl}/sok?q=`)).toBe(400);
    const field = page.getByLabel('Sökord');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#falt-q-fel').innerText()).toContain('Skriv ett eller flera ord att söka efter');
    await page.close();
  });
});
