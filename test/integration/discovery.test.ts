/**
 * Discovery of the public side (issue 22): /sitemap.xml lists every public page (well-formed, checked by
 * xmllint; no sitemap XSD is at hand offline) and nothing else, /robots.txt keeps crawlers out of the
 * signed-in areas and the API but not OParl, and the public pages carry a canonical link from PUBLIC_URL,
 * schema.org JSON-LD and a link to the OParl system.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { describeOnEachEngine } from '../support/databases.ts';

const PUBLIC_URL = 'https://protokoll.example.se';
const TODAY = '2026-03-16';

describeOnEachEngine('sitemap, robots.txt, canonical links and JSON-LD', (database) => {
  it('lists every public page in a well-formed sitemap, each of which answers, and no meeting that is not adjusted', async () => {
    const demo = await seedDemo(database(), { today: TODAY });
    const app = await buildApp({ database: database(), web: true, publicUrl: PUBLIC_URL, today: () => TODAY });
    const response = await app.inject({ url: '/sitemap.xml', headers: { host: 'evil.example' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    const folder = mkdtempSync(join(tmpdir(), 'sitemap-'));
    try {
      writeFileSync(join(folder, 'sitemap.xml'), response.body);
      // Throws (exit status not 0) unless well-formed.
      execFileSync('xmllint', ['--noout', join(folder, 'sitemap.xml')]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(response.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const entries = [...response.body.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)].map((m) => ({ loc: m[1]!, lastmod: m[2] }));
    expect(entries.length).toBe(response.body.split('<url>').length - 1);
    for (const path of ['/', '/anslagstavla', '/kommande', '/arkiv', `/arkiv/organ/${demo.boardId}`]) expect(entries.map((e) => e.loc)).toContain(`${PUBLIC_URL}${path}`);
    const meetingPages = entries.filter((e) => e.loc.includes('/arkiv/sammantraden/'));
    expect(meetingPages.length).toBe(5 + 3); // the board's adjusted minutes and the network's notes
    expect(entries.filter((e) => e.loc.includes('/p/')).length).toBeGreaterThan(20);
    for (const hidden of [demo.awaitingSignatureMeetingId, demo.plannedMeetingId]) expect(response.body).not.toContain(hidden);
    for (const entry of entries) {
      expect(entry.loc.startsWith(`${PUBLIC_URL}/`), entry.loc).toBe(true);
      if (entry.loc.includes('/arkiv/sammantraden/') || entry.loc.includes('/p/')) expect(Date.parse(entry.lastmod ?? ''), entry.loc).toBeGreaterThan(0);
      const page = await app.inject({ url: entry.loc.slice(PUBLIC_URL.length) });
      expect(page.statusCode, entry.loc).toBe(200);
    }

    const robots = await app.inject({ url: '/robots.txt' });
    expect(robots.headers['content-type']).toMatch(/^text\/plain/);
    const lines = robots.body.split('\n');
    for (const line of ['User-agent: *', 'Allow: /oparl/', 'Disallow: /api/', 'Disallow: /arbetsyta', 'Disallow: /admin', 'Disallow: /att-justera', 'Disallow: /mina-sammantraden', `Sitemap: ${PUBLIC_URL}/sitemap.xml`]) {
      expect(lines).toContain(line);
    }
  });

  it('gives public pages a canonical link from PUBLIC_URL, JSON-LD on minutes and §§, and a link to OParl', async () => {
    const app = await buildApp({ database: database(), web: true, publicUrl: PUBLIC_URL, today: () => TODAY });
    const sitemap = (await app.inject({ url: '/sitemap.xml' })).body;
    const meetingUrl = /<loc>([^<]+\/arkiv\/sammantraden\/[^<]+)<\/loc>/.exec(sitemap)![1]!;
    const path = meetingUrl.slice(PUBLIC_URL.length);
    const page = await app.inject({ url: `${path}?utm=x`, headers: { host: 'evil.example' } });
    expect(page.body).toContain(`<link rel="canonical" href="${PUBLIC_URL}${path}">`);
    expect(page.body).toContain('<a href="/oparl/v1/system" type="application/json">Öppna data (OParl)</a>');
    const scripts = [...page.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    expect(scripts).toHaveLength(1);
    const graph = scripts[0]!['@graph'] as Record<string, unknown>[];
    expect(scripts[0]!['@context']).toBe('https://schema.org');
    const event = graph.find((g) => g['@type'] === 'Event')!;
    expect(event).toMatchObject({ url: meetingUrl, eventStatus: 'https://schema.org/EventScheduled', organizer: { '@type': 'GovernmentOrganization' } });
    expect(event.startDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
    expect((event.location as { name: string }).name).toBeTruthy();
    const document = graph.find((g) => g['@type'] === 'DigitalDocument')!;
    expect(document).toMatchObject({ about: { '@id': event['@id'] }, inLanguage: 'sv', isAccessibleForFree: true });
    expect(document.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const paragraphUrl = /<loc>([^<]+\/p\/[^<]+)<\/loc>/.exec(sitemap)![1]!;
    const paragraph = await app.inject({ url: paragraphUrl.slice(PUBLIC_URL.length) });
    expect(paragraph.body).toContain(`<link rel="canonical" href="${paragraphUrl}">`);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(paragraph.body)![1]!) as Record<string, unknown>;
    expect(ld).toMatchObject({ '@type': 'DigitalDocument', url: paragraphUrl, inLanguage: 'sv' });
    expect((ld.isPartOf as { '@id': string })['@id']).toMatch(new RegExp(`^${PUBLIC_URL}/arkiv/sammantraden/[0-9a-f-]{36}#protokoll$`));

    for (const url of ['/', '/anslagstavla', '/arkiv', '/kommande']) {
      const body = (await app.inject({ url })).body;
      expect(body, url).toContain(`<link rel="canonical" href="${PUBLIC_URL}${url}">`);
      expect(body, url).toContain('href="/oparl/v1/system"');
    }
    // A signed-in area names no canonical address: it is not for search engines.
    expect((await app.inject({ url: '/logga-in' })).body).not.toContain('rel="canonical"');
  });
});
