/**
 * The support code's promise that axe runs on every page a journey visits, also pages reached by a click
 * or a form submit that the journey never checks by name: a page with a violation behind a link or a
 * form must fail the journey.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessibilityWatch, launchBrowser } from './support/browser.ts';

const good = (body: string) => `<!doctype html><html lang="sv"><head><title>Bra sida</title></head><body><main><h1>Bra sida</h1>${body}</main></body></html>`;
// No lang, no title, an image without alt: axe reports WCAG 2.1 A violations.
const bad = '<!doctype html><html><head></head><body><main><img src="/bild.png"><p>Trasig sida</p></main></body></html>';

describe('the accessibility watch of the journeys', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  let watch: AccessibilityWatch;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/bild.png') return void response.writeHead(404).end();
      const pages: Record<string, string> = {
        '/': good('<p><a href="/trasig">Till nästa sida</a></p><form method="post" action="/skicka"><button type="submit">Skicka</button></form><p><a href="/bra">En bra sida</a></p>'),
        '/bra': good('<p>Inget fel här.</p>'),
        '/trasig': bad,
      };
      if (request.method === 'POST' && request.url === '/skicka') return void response.writeHead(303, { location: '/trasig?efter-formular' }).end();
      const page = pages[(request.url ?? '/').split('?')[0]!];
      response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? bad);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    watch = new AccessibilityWatch();
    browser = watch.attachBrowser(await launchBrowser());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('checks a page reached by a click and fails when the page is closed', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByRole('link', { name: 'Till nästa sida' }).click();
    await page.waitForURL('**/trasig');
    await expect(page.close()).rejects.toThrow(/image-alt|html-has-lang|document-title/);
    expect(watch.audit(page).checked).toEqual([`${base}/`, `${base}/trasig`]);
  });

  it('checks the page a form submit leads to, even when the journey goes on at once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.waitForURL('**/trasig?efter-formular');
    // The next navigation waits for the check of the page it leaves.
    await page.goto(`${base}/bra`);
    await watch.settled(page);
    expect(watch.audit(page).checked).toEqual([`${base}/`, `${base}/trasig?efter-formular`, `${base}/bra`]);
    await expect(context.close()).rejects.toThrow(/trasig\?efter-formular/);
  });

  it('checks the page a click leads to before a goto straight after the click leaves it', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByRole('link', { name: 'Till nästa sida' }).click();
    await page.goto(`${base}/bra`);
    await watch.settled(page);
    expect(watch.audit(page).checked).toEqual([`${base}/`, `${base}/trasig`, `${base}/bra`]);
    await expect(page.close()).rejects.toThrow(/trasig/);
  });

  it('lets a page without violations close quietly', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByRole('link', { name: 'En bra sida' }).click();
    await page.waitForURL('**/bra');
    await page.close();
    expect(watch.audit(page)).toEqual({ checked: [`${base}/`, `${base}/bra`], failures: [], skipped: [] });
  });
});
