/**
 * Browser journeys: Debian's Chromium driven by playwright-core (no browser is downloaded), axe-core run
 * on every page visited, and screenshots of the main pages.
 *
 * Every page a journey opens is watched (`watchAccessibility`): each document that loads, whether by
 * goto, a click on a link or a form submit, is checked with axe as soon as its load event fires, and the
 * next navigation is held back until that check is done, so no page slips through between two steps. A
 * page with violations fails the journey when it is checked explicitly (`expectAccessible`), when the
 * page or its context is closed, or at the latest when the application is closed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core on the page with the WCAG 2.1 A and AA rules and returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as an inline <script>: the pages'
  // Content-Security-Policy (script-src 'self') rightly refuses inline script, and must stay in force.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  });
}

/** A readable summary of violations for a failing assertion. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join('\n  ')}`).join('\n');
}

/** What the watch found on one page: the documents it checked, and those with violations. */
export interface PageAudit {
  /** Every URL checked with axe, in the order the documents loaded. */
  checked: string[];
  /** One readable entry per document with violations, not yet reported. */
  failures: string[];
  /** Documents the test left (with a goto) before axe could finish on them. */
  skipped: string[];
}

interface Watched {
  audit: PageAudit;
  /** The checks of this page, one after the other (axe cannot run twice at once in a document). */
  chain: Promise<void>;
  /** Navigations the test started with goto or reload, which have already waited for the checks. */
  ownNavigations: number;
  /** A navigation by a click or a submit that has not loaded yet, and how it ends. */
  loading: { done: Promise<void>; end: () => void } | null;
}

/** How long to wait for a clicked navigation to load before going on without it (a download never loads). */
const LOAD_WAIT_MS = 10_000;

/** Errors that mean the document went away under the check (closed, or left by a goto), not that it failed. */
function isGone(error: unknown): boolean {
  return error instanceof Error && /has been closed|Target closed|Execution context was destroyed|frame was detached|navigat/i.test(error.message);
}

/** Watches every page a journey opens; `startApp` attaches it to the browser. */
export class AccessibilityWatch {
  private readonly pages = new Map<Page, Watched>();

  /** Watches a page: axe after each load, navigations held until the check is done, close reports. */
  async attach(page: Page): Promise<void> {
    if (this.pages.has(page)) return;
    const watched: Watched = { audit: { checked: [], failures: [], skipped: [] }, chain: Promise.resolve(), ownNavigations: 0, loading: null };
    this.pages.set(page, watched);
    const loaded = () => {
      watched.loading?.end();
      watched.loading = null;
    };
    page.on('load', () => {
      loaded();
      void this.enqueue(page);
    });
    page.on('download', loaded);
    // A script, style or form the Content-Security-Policy refuses fails the journey like an axe violation.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) watched.audit.failures.push(`${page.url()}: ${message.text()}`);
    });
    page.on('requestfailed', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loaded();
    });
    // A navigation of the main frame (a click, a submit) waits until the page it leaves is checked.
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && watched.ownNavigations === 0) {
        if (!watched.loading) {
          let end = () => {};
          const done = new Promise<void>((resolve) => (end = resolve));
          watched.loading = { done, end };
        }
        await this.settled(page);
      }
      await route.fallback();
    });
    // A navigation the test starts itself would stall a check still running (Playwright waits for the new
    // document before it evaluates again), so goto and reload wait for the checks first.
    const goto = page.goto.bind(page);
    const own = async <T>(navigate: () => Promise<T>): Promise<T> => {
      await this.quiet(page);
      watched.ownNavigations += 1;
      try {
        return await navigate();
      } finally {
        watched.ownNavigations -= 1;
      }
    };
    page.goto = async (url, options) => own(() => goto(url, options));
    const reload = page.reload.bind(page);
    page.reload = async (options) => own(() => reload(options));
    const close = page.close.bind(page);
    page.close = async (options) => {
      await this.quiet(page);
      await close(options);
      this.report(page);
    };
  }

  /** Watches every page of a context, and reports them when the context is closed. */
  attachContext(context: BrowserContext): BrowserContext {
    const newPage = context.newPage.bind(context);
    context.newPage = async () => {
      const page = await newPage();
      await this.attach(page);
      return page;
    };
    const close = context.close.bind(context);
    context.close = async (options) => {
      const pages = context.pages();
      for (const page of pages) await this.quiet(page);
      await close(options);
      for (const page of pages) this.report(page);
    };
    return context;
  }

  /** Makes every page and context the browser opens watched. */
  attachBrowser(browser: Browser): Browser {
    const newPage = browser.newPage.bind(browser);
    browser.newPage = async (options) => {
      const page = await newPage(options);
      await this.attach(page);
      return page;
    };
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => this.attachContext(await newContext(options));
    return browser;
  }

  /** Checks the page's current document after the checks already queued; resolves when done. */
  enqueue(page: Page): Promise<void> {
    const watched = this.pages.get(page);
    if (!watched) return Promise.resolve();
    const next = watched.chain.then(() => this.check(page, watched));
    watched.chain = next;
    return next;
  }

  private async check(page: Page, watched: Watched): Promise<void> {
    const url = page.url();
    if (!/^https?:/.test(url)) return;
    try {
      if ((await page.evaluate(() => document.contentType)) !== 'text/html') return;
      const violations = await axeViolations(page);
      watched.audit.checked.push(url);
      if (violations.length) watched.audit.failures.push(`${url}\n${describeViolations(violations)}`);
    } catch (error) {
      // Only a goto of the test's own, straight after a click, leaves a page before its check: the test
      // went on to another page on purpose, and the page it left is reported as skipped.
      if (isGone(error)) {
        if (page.isClosed()) return;
        watched.audit.skipped.push(url);
        watched.audit.failures.push(`${url}\nleft before axe could check it: wait for the page (waitForURL) before going to another`);
        return;
      }
      watched.audit.failures.push(`${url}\naxe could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Waits for the checks of a page that are running. */
  async settled(page: Page): Promise<void> {
    const watched = this.pages.get(page);
    if (!watched) return;
    let current: Promise<void>;
    do {
      current = watched.chain;
      await current;
    } while (current !== watched.chain);
  }

  /** Waits for a clicked navigation to load (within LOAD_WAIT_MS) and for every check of the page. */
  async quiet(page: Page): Promise<void> {
    const loading = this.pages.get(page)?.loading;
    if (loading) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loading.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, LOAD_WAIT_MS)))]);
      clearTimeout(timer);
    }
    await this.settled(page);
  }

  /** What the watch found on a page so far. */
  audit(page: Page): PageAudit {
    return this.pages.get(page)?.audit ?? { checked: [], failures: [], skipped: [] };
  }

  /** Throws the violations found on a page and not yet reported. */
  report(page: Page): void {
    const audit = this.audit(page);
    if (audit.failures.length === 0) return;
    const failures = audit.failures.splice(0);
    throw new Error(`axe-core found WCAG 2.1 A/AA violations:\n${failures.join('\n\n')}`);
  }

  /** Throws the violations of every page not yet reported (pages a journey left open). */
  async reportAll(): Promise<void> {
    const failures: string[] = [];
    for (const [page, watched] of this.pages) {
      if (!page.isClosed()) await this.quiet(page);
      failures.push(...watched.audit.failures.splice(0));
    }
    if (failures.length) throw new Error(`axe-core found WCAG 2.1 A/AA violations:\n${failures.join('\n\n')}`);
  }
}

/** The one watch of this test file's browsers. */
export const accessibility = new AccessibilityWatch();
