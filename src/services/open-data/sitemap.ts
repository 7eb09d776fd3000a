/**
 * Discovery by search engines: /sitemap.xml (sitemaps.org 0.9) lists every public page with the moment it
 * last changed, and /robots.txt lets crawlers read the public side and OParl but not the signed-in areas,
 * the API or the endless result pages of search.
 */
import { listSitemapMeetings } from '../../storage/open-data.store.ts';
import type { Database } from '../../storage/index.ts';
import { iso, latest } from './common.ts';

interface Entry {
  path: string;
  lastmod: string | null;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export async function sitemapXml(db: Database, publicUrl: string): Promise<string> {
  const meetings = await listSitemapMeetings(db);
  const newest = meetings.length > 0 ? latest(...meetings.map((m) => m.modified)) : null;
  const entries: Entry[] = [
    { path: '/', lastmod: newest },
    { path: '/anslagstavla', lastmod: newest },
    // Changes with every kallelse, which no row here dates: no lastmod rather than a wrong one.
    { path: '/kommande', lastmod: null },
    { path: '/arkiv', lastmod: newest },
  ];
  const bodies = new Map<string, string>();
  const years = new Map<string, string>();
  for (const m of meetings) {
    const modified = iso(m.modified);
    bodies.set(m.body_id, latest(modified, bodies.get(m.body_id) ?? modified));
    if (m.year !== null) {
      const key = `${m.body_id}/${m.year}`;
      years.set(key, latest(modified, years.get(key) ?? modified));
    }
  }
  for (const [bodyId, modified] of bodies) entries.push({ path: `/arkiv/organ/${bodyId}`, lastmod: modified });
  for (const [key, modified] of years) entries.push({ path: `/arkiv/organ/${key}`, lastmod: modified });
  for (const m of meetings) {
    entries.push({ path: `/arkiv/sammantraden/${m.id}`, lastmod: iso(m.modified) });
    for (const p of m.public_paragraphs ?? []) entries.push({ path: `/p/${p.id}`, lastmod: iso(p.modified) });
  }
  const urls = entries.map(
    (e) => `  <url><loc>${escapeXml(`${publicUrl}${e.path}`)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** Public pages and OParl open; signed-in areas, the API and search results closed. */
export function robotsTxt(publicUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Allow: /oparl/',
    'Disallow: /api/',
    'Disallow: /arbetsyta',
    'Disallow: /admin',
    'Disallow: /mina-sammantraden',
    'Disallow: /att-justera',
    'Disallow: /sammantraden/',
    'Disallow: /logga-in',
    'Disallow: /logga-ut',
    'Disallow: /sprak',
    'Disallow: /sok',
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
