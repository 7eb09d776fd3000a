import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { getNoticeBoard } from '../../src/services/publication.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { openTestDatabase } from '../support/databases.ts';

const TODAY = '2026-03-16';
const PUBLIC_URL = 'https://protokoll.example.se';
let handle: DatabaseHandle;
let app: FastifyInstance;
let demo: DemoResult;
const folder = mkdtempSync(join(tmpdir(), 'protokoll-feeds-'));

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  app = await buildApp({ database: handle, today: () => TODAY, publicUrl: PUBLIC_URL });
}, 120_000);
afterAll(async () => {
  await app.close();
  await handle.close();
  rmSync(folder, { recursive: true, force: true });
});

/** xmllint's verdict on an XML text: well-formed, or its complaint. */
function xmllint(xml: string, ...args: string[]): string {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    return execFileSync('xmllint', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('xmllint is missing: install Debian libxml2-utils (apt-get install libxml2-utils)');
    throw new Error(`xmllint refused the feed: ${e.stderr ?? String(error)}`);
  }
}

/** The Atom elements RFC 4287 requires: atom:id, atom:title and atom:updated on the feed and on each entry. */
function atomEntries(xml: string): { titles: string[]; links: string[] } {
  xmllint(xml, '--noout');
  const xpath = (expression: string) => xmllint(xml, '--xpath', expression).trim();
  const ns = "*[local-name()='feed' and namespace-uri()='http://www.w3.org/2005/Atom']";
  expect(Number(xpath(`count(/${ns}/*[local-name()='id'])`))).toBe(1);
  expect(Number(xpath(`count(/${ns}/*[local-name()='updated'])`))).toBe(1);
  const entries = Number(xpath(`count(/${ns}/*[local-name()='entry'])`));
  for (const element of ['id', 'title', 'updated', 'link']) {
    expect(Number(xpath(`count(/${ns}/*[local-name()='entry']/*[local-name()='${element}'])`))).toBe(entries);
  }
  const texts = (expression: string) => (entries === 0 ? [] : xmllint(xml, '--xpath', expression).trim().split('\n').map((line) => line.trim()).filter(Boolean));
  return {
    titles: texts(`/${ns}/*[local-name()='entry']/*[local-name()='title']/text()`),
    links: texts(`/${ns}/*[local-name()='entry']/*[local-name()='link']/@href`).map((attribute) => attribute.replace(/^href="|"$/gu, '')),
  };
}

describe('public feeds on the demo', () => {
  it('the notice board feed is valid Atom and lists exactly the notices on the board, linking the canonical address', async () => {
    const response = await app.inject({ url: '/anslagstavla.atom', headers: { host: 'evil.example' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const board = await getNoticeBoard(handle.db, { today: TODAY });
    expect(board.length).toBeGreaterThan(0);
    const { titles, links } = atomEntries(response.body);
    expect(links).toEqual(board.map((n) => `${PUBLIC_URL}/arkiv/sammantraden/${n.meetingId}`));
    expect(titles.every((title) => title.includes('protokoll'))).toBe(true);
    expect(response.body).not.toContain('evil.example');
  });

  it('the protocol feed lists adjusted minutes, newest first', async () => {
    const response = await app.inject({ url: '/protokoll.atom' });
    const { links } = atomEntries(response.body);
    const adjusted = await queryRows<{ id: string }>(handle.db, sql`select id from meetings where status in ('adjusted', 'archived') order by adjusted_on desc, held_on desc`);
    expect(links).toEqual(adjusted.map((m) => `${PUBLIC_URL}/arkiv/sammantraden/${m.id}`));
  });

  it("each body's calendar parses as iCalendar with its meetings in Stockholm time, stable UIDs, and nothing not yet announced", async () => {
    const response = await app.inject({ url: `/arkiv/organ/${demo.boardId}/kalender.ics` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm');
    const events = Object.values(ical.sync.parseICS(response.body)).filter((c): c is VEvent => c.type === 'VEVENT');
    const meetings = await queryRows<{ id: string; held_on: string; start_time: string | null; status: string }>(
      handle.db,
      sql`select id, held_on::text, start_time::text, status from meetings where body_id = ${demo.boardId} and (convened_at is not null or status in ('convened', 'held', 'finalised', 'adjusted', 'archived'))`,
    );
    expect(meetings.length).toBeGreaterThan(3);
    expect(events.map((e) => e.uid).sort()).toEqual(meetings.map((m) => `${m.id}@protokoll`).sort());
    // The next meeting's kallelse has gone out, so it is announced; one only planned is not.
    expect(events.map((e) => e.uid)).toContain(`${demo.plannedMeetingId}@protokoll`);
    const [unannounced] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into meetings (body_id, held_on, year, status) values (${demo.boardId}, '2026-11-20', 2026, 'planned') returning id`,
    );
    const later = await app.inject({ url: `/arkiv/organ/${demo.boardId}/kalender.ics` });
    expect(later.body).toContain(`UID:${demo.plannedMeetingId}@protokoll`);
    expect(later.body).not.toContain(`UID:${unannounced!.id}@protokoll`);
    for (const meeting of meetings.filter((m) => m.start_time)) {
      const event = events.find((e) => e.uid === `${meeting.id}@protokoll`)!;
      expect(event.start.tz).toBe('Europe/Stockholm');
      // The wall-clock time in Stockholm is the meeting's start time, in summer and in winter.
      const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(event.start);
      expect(local).toBe(`${meeting.held_on} ${meeting.start_time!.slice(0, 5)}`);
    }
    // The same request again gives the same UIDs and sequences: a subscriber sees no phantom changes.
    const again = await app.inject({ url: `/arkiv/organ/${demo.boardId}/kalender.ics` });
    const sequences = (body: string) => [...body.matchAll(/^SEQUENCE:(\d+)/gmu)].map((m) => m[1]);
    expect(sequences(again.body)).toEqual(sequences(response.body));
  });

  it('a cancelled meeting that was announced stays in the calendar as cancelled', async () => {
    const [announced] = await queryRows<{ id: string }>(handle.db, sql`select id from meetings where body_id = ${demo.boardId} and status = 'convened' limit 1`);
    if (!announced) throw new Error('the demo has no convened meeting to cancel');
    await handle.db.execute(sql`update meetings set status = 'cancelled', updated_at = now() + interval '1 minute' where id = ${announced.id}`);
    const response = await app.inject({ url: '/kalender.ics' });
    const event = Object.values(ical.sync.parseICS(response.body)).find((c) => c.type === 'VEVENT' && c.uid === `${announced.id}@protokoll`) as VEvent | undefined;
    expect(event?.status).toBe('CANCELLED');
    expect(Number(event?.sequence)).toBeGreaterThan(0);
  });

  it('public pages link their feeds with rel="alternate", and a body page its own calendar', async () => {
    const board = await app.inject({ url: '/anslagstavla' });
    expect(board.body).toContain('<link rel="alternate" type="application/atom+xml" title="Anslagstavlan" href="/anslagstavla.atom">');
    expect(board.body).toContain('<link rel="alternate" type="text/calendar" title="Sammanträden" href="/kalender.ics">');
    const body = await app.inject({ url: `/arkiv/organ/${demo.boardId}` });
    expect(body.body).toContain(`href="/arkiv/organ/${demo.boardId}/kalender.ics"`);
    expect(body.body).toMatch(new RegExp(`<link rel="alternate" type="text/calendar" title="[^"]+" href="/arkiv/organ/${demo.boardId}/kalender.ics">`, 'u'));
  });

  it('a feed of a body that does not exist, or is not an id, is a 404', async () => {
    expect((await app.inject({ url: '/arkiv/organ/00000000-0000-4000-8000-000000000000/kalender.ics' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/arkiv/organ/xyz/protokoll.atom' })).statusCode).toBe(404);
  });

  it('lists upcoming meetings whose kallelse has gone out with their agendas, a confidential item without its title', async () => {
    const items = await queryRows<{ id: string; title: string }>(handle.db, sql`select id, title from paragraphs where meeting_id = ${demo.plannedMeetingId} order by position`);
    expect(items.length).toBeGreaterThan(2);
    const secret = items[items.length - 2]!;
    await handle.db.execute(sql`update paragraphs set confidential = true, confidential_reason = 'OSL 26:1' where id = ${secret.id}`);
    const page = await app.inject({ url: '/kommande' });
    expect(page.statusCode).toBe(200);
    for (const item of items.filter((i) => i.id !== secret.id)) expect(page.body).toContain(item.title.replace(/&/gu, '&amp;'));
    expect(page.body).not.toContain(secret.title);
    expect(page.body).toContain('Ärende som omfattas av sekretess');
    const board = await app.inject({ url: '/anslagstavla' });
    expect(board.body).toContain('<a href="/kommande">Kommande sammanträden</a>');
  });
});
