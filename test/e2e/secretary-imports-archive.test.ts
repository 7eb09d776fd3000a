/**
 * Issue 18, done when: the secretary uploads a zip of older minutes in mixed formats (text, Word, a PDF with a
 * text layer, one broken file), sees the progress reach the end with the one failure and its reason, corrects
 * one field in the review of a file that needs it, stores it, accepts the rest in bulk, and the public archive
 * shows the imported protocols with their original files. The fixtures are our own fictional minutes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportWorker } from '../../src/services/import-batches.service.ts';
import { buildDocx, buildPdf } from '../import/document-builders.ts';
import { OWN_FIXTURES_DIR } from '../import/fixture-files.ts';
import { buildBoard, expectAccessible, screenshot, signIn, startApp, visit, type BoardWorld, type RunningApp } from './support/app.ts';

const fixture = (name: string) => readFileSync(join(OWN_FIXTURES_DIR, `${name}.txt`), 'utf8');

/** Reloads the batch page (as its Refresh header would) until every file is read. */
async function waitUntilRead(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if ((await page.getByText('Alla filer är lästa.').count()) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.reload();
  }
  throw new Error('the import did not finish within two minutes');
}

describe('the secretary importing an archive of older minutes', () => {
  let running: RunningApp;
  let world: BoardWorld;
  let worker: ImportWorker;

  beforeAll(async () => {
    running = await startApp();
    world = await buildBoard(running.handle, 'Importby');
    // The server process runs this worker (cli/commands/serve.ts); the journey starts its own beside the app.
    worker = new ImportWorker(running.handle, { intervalMs: 200 });
    worker.start();
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await running?.close();
  });

  it('uploads a zip, follows the progress, corrects one field, stores it, accepts the rest and finds them in the public archive', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const zip = zipSync({
      'protokoll/kommunstyrelsen-2021-03-15.txt': encode(fixture('kommunstyrelsen-tabellhuvud')),
      'protokoll/bygg-och-miljonamnden-2022-03-09.docx': new Uint8Array(await buildDocx(fixture('bygg-och-miljonamnden-narvarotabell'))),
      'protokoll/kulturnamnden-2025-05-12.pdf': new Uint8Array(await buildPdf(fixture('kulturnamnden-kryssrutor'))),
      'protokoll/tekniska-namnden-2025-02-19.txt': encode(fixture('tekniska-namnden-efternamn-forst')),
      'protokoll/trasig.pdf': encode('%PDF-1.4\nnågot gick sönder här\n'),
    });

    const page = await running.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, running.baseUrl, world.emails.secretary);
    await visit(page, `${running.baseUrl}/arbetsyta`);
    await page.getByRole('link', { name: 'Importera äldre protokoll' }).click();
    await page.waitForURL('**/arbetsyta/import');
    await expectAccessible(page);
    await page.getByLabel('Lagra i').selectOption({ label: 'Räddningstjänstförbundet Importby – det organ som dokumentet anger' });
    await page.getByLabel('Filer eller zip-fil').setInputFiles({ name: 'arkiv.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByRole('button', { name: 'Ladda upp och läs' }).click();
    await page.waitForURL(/\/arbetsyta\/import\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    await waitUntilRead(page);
    await expectAccessible(page);
    const rows = page.getByRole('row');
    const row = (name: string) => rows.filter({ hasText: name });
    expect(await row('trasig.pdf').innerText()).toContain('Misslyckades');
    expect(await row('trasig.pdf').innerText()).toMatch(/trasig\.pdf/);
    expect(await row('tekniska-namnden-2025-02-19.txt').innerText()).toContain('Behöver granskas');
    for (const name of ['kommunstyrelsen-2021-03-15.txt', 'bygg-och-miljonamnden-2022-03-09.docx', 'kulturnamnden-2025-05-12.pdf']) {
      expect(await row(name).innerText(), name).toContain('Läst, inga anmärkningar');
    }
    expect(await page.getByRole('status').first().innerText()).toContain('3 utan anmärkningar, 1 att granska, 1 misslyckade');
    await screenshot(page, 'import-framsteg');

    // Review the one that needs it: the original beside the fields, one field corrected, stored.
    await row('tekniska-namnden-2025-02-19.txt').getByRole('link', { name: /^Granska/ }).click();
    await page.waitForURL('**/arbetsyta/import/filer/**');
    await expectAccessible(page);
    expect(await page.getByRole('region', { name: 'Att granska' }).innerText()).toContain('varken justering eller anslag');
    expect(await page.getByRole('region', { name: 'Originalet' }).innerText()).toContain('Tekniska nämnden');
    await page.getByLabel('Plats').fill('Stadshuset, sammanträdesrum Tornet');
    await screenshot(page, 'import-granskning');
    await page.getByRole('button', { name: 'Lagra' }).click();
    await page.waitForURL('**lagrad=1');
    await expectAccessible(page);
    expect(await row('tekniska-namnden-2025-02-19.txt').innerText()).toContain('Lagrad');

    // The rest in bulk.
    await page.getByRole('button', { name: 'Godkänn alla utan anmärkningar' }).click();
    await page.waitForURL('**lagrade=3**');
    await expectAccessible(page);
    expect(await page.getByRole('status').first().innerText()).toContain('3 protokoll lagrade.');

    // The public archive, signed out: the imported protocols are there, adjusted, with their originals.
    const visitor = await running.browser.newPage();
    await visit(visitor, `${running.baseUrl}/arkiv`);
    const organization = visitor.getByRole('region', { name: 'Räddningstjänstförbundet Importby' });
    for (const body of ['Bygg- och miljönämnden', 'Kommunstyrelsen', 'Kulturnämnden', 'Tekniska nämnden']) {
      expect(await organization.getByRole('link', { name: body, exact: true }).count(), body).toBe(1);
    }
    await organization.getByRole('link', { name: 'Tekniska nämnden', exact: true }).click();
    await visitor.getByRole('link', { name: /19 februari 2025/ }).click();
    await expectAccessible(visitor);
    expect(await visitor.getByRole('main').innerText()).toContain('Stadshuset, sammanträdesrum Tornet');
    const original = await visitor.request.get(await visitor.getByRole('link', { name: 'Originalfilen som protokollet importerades från' }).getAttribute('href').then((href) => `${running.baseUrl}${href}`));
    expect(original.status()).toBe(200);
    expect(await original.text()).toBe(fixture('tekniska-namnden-efternamn-forst'));
  }, 300_000);
});
