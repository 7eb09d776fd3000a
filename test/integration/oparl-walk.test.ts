/**
 * Walks the OParl API on the demo förbund as a client would (meine-stadt-transparent, the OParl
 * validator): from the System object, every link, every page of every list, every object at its own id,
 * each validated against the official OParl 1.1 schema of its type (test/oparl-schema, CC BY-SA 4.0).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { extractUnderlagText } from '../../src/search/underlag-text.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { addOpenDataCases, type OpenDataCases } from '../support/open-data-cases.ts';

const PUBLIC_URL = 'https://protokoll.example.se';
const BASE = `${PUBLIC_URL}/oparl/v1`;
const SCHEMA = 'https://schema.oparl.org/1.1/';
/** What the 1.1 text requires beyond the schemas' `required` lists. */
const BODY_LISTS_REQUIRED_BY_TEXT = ['agendaItem', 'consultation', 'file', 'membership', 'locationList', 'legislativeTermList'];

function schemaValidators(): Map<string, ValidateFunction> {
  // The schemas escape characters such as \: in patterns, which only a non-unicode RegExp accepts.
  const regExp = Object.assign((pattern: string, flags: string) => new RegExp(pattern, flags.replace('u', '')), { code: 'new RegExp' });
  const ajv = new Ajv({ strict: false, allErrors: true, code: { regExp } });
  addFormats.default(ajv);
  ajv.addFormat('url', { type: 'string', validate: (value: string) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value) });
  const folder = new URL('../oparl-schema/', import.meta.url);
  const validators = new Map<string, ValidateFunction>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    validators.set(`${SCHEMA}${file.replace('.json', '')}`, ajv.compile(JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as object));
  }
  return validators;
}

interface Listing {
  data: Record<string, unknown>[];
  pagination: { totalElements: number; currentPage: number; totalPages: number };
  links: { next?: string };
}

describeOnEachEngine('the OParl 1.1 API walked from the System object', (database) => {
  let cases: OpenDataCases;
  let plannedMeetingId: string;
  beforeAll(async () => {
    const demo = await seedDemo(database(), { today: '2026-03-16' });
    plannedMeetingId = demo.plannedMeetingId;
    cases = await addOpenDataCases(database(), demo, '2026-03-16');
  });

  it('resolves every link, every page and every object at its own id, and every object passes its official schema', async () => {
    const app = await buildApp({ database: database(), web: true, publicUrl: PUBLIC_URL, today: () => '2026-03-16' });
    const validators = schemaValidators();
    const problems: string[] = [];
    const seenTypes = new Map<string, number>();
    const objects = new Map<string, Record<string, unknown>>();

    const validate = (object: Record<string, unknown>, where: string) => {
      const type = object.type as string;
      if (!objects.has(object.id as string)) objects.set(object.id as string, object);
      const validator = validators.get(type);
      if (!validator) return void problems.push(`${where}: unknown type ${type}`);
      seenTypes.set(type, (seenTypes.get(type) ?? 0) + 1);
      if (!validator(object)) problems.push(`${where} (${type}): ${JSON.stringify(validator.errors)}`);
      if (object.deleted !== true) for (const key of ['created', 'modified']) if (typeof object[key] !== 'string') problems.push(`${where}: no ${key}`);
      if (type === `${SCHEMA}Body`) for (const key of BODY_LISTS_REQUIRED_BY_TEXT) if (typeof object[key] !== 'string') problems.push(`${where}: Body without ${key}`);
      // Embedded objects against their own schemas: the schemas only name them (a "schema" keyword).
      for (const [key, value] of Object.entries(object)) {
        for (const inner of Array.isArray(value) ? value : [value]) {
          if (inner && typeof inner === 'object' && typeof (inner as { type?: unknown }).type === 'string') validate(inner as Record<string, unknown>, `${where}.${key}`);
        }
      }
    };
    const linksIn = (value: unknown, into: Set<string>) => {
      if (typeof value === 'string' && value.startsWith(BASE)) into.add(value);
      else if (Array.isArray(value)) for (const v of value) linksIn(v, into);
      else if (value && typeof value === 'object') for (const v of Object.values(value)) linksIn(v, into);
    };

    const queue = [`${BASE}/system`];
    const visited = new Set<string>();
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      expect(url.startsWith(BASE), url).toBe(true);
      const target = new URL(url);
      const response = await app.inject({ url: target.pathname + target.search, headers: { host: 'evil.example' } });
      if (response.statusCode !== 200) {
        problems.push(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        continue;
      }
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      const found = new Set<string>();
      const json = response.json() as Record<string, unknown>;
      if (Array.isArray(json.data)) {
        const list = json as unknown as Listing;
        for (const [index, object] of list.data.entries()) {
          validate(object, `${url} data[${index}]`);
          found.add(object.id as string);
        }
        linksIn(list.links, found);
      } else {
        validate(json, url);
        linksIn(json, found);
      }
      for (const link of found) if (!visited.has(link)) queue.push(link);
    }

    expect(problems).toEqual([]);
    for (const type of ['System', 'Body', 'LegislativeTerm', 'Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'Consultation', 'Paper', 'File', 'Location']) {
      expect(seenTypes.get(`${SCHEMA}${type}`) ?? 0, type).toBeGreaterThan(0);
    }
    expect(visited.size).toBeGreaterThan(100);

    // The meeting announced by its kallelse: the kallelse as invitation, the agenda without the demo's
    // presenters; the cancelled one stays, cancelled.
    const planned = objects.get(`${BASE}/meetings/${plannedMeetingId}`)!;
    expect(planned).toMatchObject({ meetingState: 'convened', cancelled: false, invitation: { id: `${BASE}/files/${plannedMeetingId}-kallelse`, mimeType: 'application/pdf' } });
    expect((planned.agendaItem as unknown[]).length).toBeGreaterThan(0);
    expect(objects.get(`${BASE}/meetings/${cases.cancelledMeetingId}`)).toMatchObject({ meetingState: 'cancelled', cancelled: true });
    // The bilaga of a public §, on the § and on the meeting.
    const bilagaId = `${BASE}/files/${cases.attachmentId}-bilaga`;
    const sha512 = createHash('sha512').update(cases.bilagaBytes).digest('hex');
    expect(objects.get(bilagaId)).toMatchObject({ name: 'Budgetunderlag 2027', fileName: 'budgetunderlag-2027.txt', mimeType: 'text/plain', size: cases.bilagaBytes.byteLength, sha512Checksum: sha512 });
    expect([...objects.values()].some((o) => o.type === `${SCHEMA}AgendaItem` && (o.auxiliaryFile as { id: string }[] | undefined)?.some((f) => f.id === bilagaId))).toBe(true);
    // The § put under secrecy after justering: deleted, with nothing of what it said.
    const masked = objects.get(`${BASE}/agendaitems/${cases.maskedParagraphId}`)!;
    expect(Object.keys(masked).toSorted()).toEqual(['created', 'deleted', 'id', 'license', 'modified', 'order', 'type']);
    expect(masked.deleted).toBe(true);
    const maskedMeeting = objects.get(`${BASE}/meetings/${cases.maskedMeetingId}`)!;
    expect((maskedMeeting.agendaItem as { id: string }[]).map((i) => i.id)).not.toContain(masked.id);
    expect(maskedMeeting.modified).toBe(masked.modified);
    const deletedTypes = new Set([...objects.values()].filter((o) => o.deleted === true).map((o) => o.type));
    expect(deletedTypes).toEqual(new Set([`${SCHEMA}AgendaItem`, `${SCHEMA}Consultation`, `${SCHEMA}File`]));

    // modified_since reports the removal.
    const forbund = (await app.inject({ url: '/oparl/v1/bodies' })).json() as Listing;
    const itemsUrl = new URL(forbund.data.find((b) => String(b.name).startsWith('Räddningstjänstförbundet'))!.agendaItem as string);
    const since = (await app.inject({ url: `${itemsUrl.pathname}?modified_since=${encodeURIComponent(masked.modified as string)}` })).json() as Listing;
    expect(since.data.map((o) => o.id)).toContain(masked.id);

    // Every File downloads as the bytes its size and checksum say; a deleted one does not download.
    let downloads = 0;
    for (const file of [...objects.values()].filter((o) => o.type === `${SCHEMA}File`)) {
      const response = await app.inject({ url: new URL(file.accessUrl as string).pathname });
      if (file.deleted) {
        expect(response.statusCode, String(file.id)).toBe(404);
        continue;
      }
      expect(response.statusCode, String(file.id)).toBe(200);
      expect(response.rawPayload.byteLength, String(file.id)).toBe(file.size);
      expect(createHash('sha512').update(response.rawPayload).digest('hex'), String(file.id)).toBe(file.sha512Checksum);
      expect(response.headers['content-type'], String(file.id)).toContain(file.mimeType as string);
      downloads++;
    }
    expect(downloads).toBeGreaterThan(6);

    // The dump holds each public object once: exactly those the walk found at their own ids.
    const dump = await app.inject({ url: '/oparl/v1/dump.jsonl' });
    expect(dump.statusCode).toBe(200);
    expect(dump.headers['content-type']).toMatch(/^application\/jsonl/);
    const dumped = dump.body.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const [index, object] of dumped.entries()) validate(object, `dump line ${index + 1}`);
    expect(problems).toEqual([]);
    const dumpedIds = dumped.map((o) => o.id as string);
    expect(new Set(dumpedIds).size).toBe(dumpedIds.length);
    const walkedObjects = [...visited].filter((url) => !url.includes('?') && !/\/bodies(\/[^/]+\/[a-z]+)?$/.test(url));
    expect(dumpedIds.toSorted()).toEqual(walkedObjects.toSorted());
  });

  it('lets a meine-stadt-transparent-style client walk bodies → persons, papers, meetings and organizations, with ids from PUBLIC_URL', async () => {
    const app = await buildApp({ database: database(), web: true, publicUrl: PUBLIC_URL, today: () => '2026-03-16' });
    const get = async (url: string) => {
      const target = new URL(url);
      expect(target.origin).toBe(PUBLIC_URL);
      const response = await app.inject({ url: target.pathname + target.search, headers: { host: 'evil.example', 'x-forwarded-proto': 'http' } });
      expect(response.statusCode, url).toBe(200);
      return response.json() as Record<string, unknown>;
    };
    const system = await get(`${BASE}/system`);
    expect(system.id).toBe(`${BASE}/system`);
    const bodies = (await get(system.body as string)) as unknown as Listing;
    const forbund = bodies.data.find((b) => String(b.name).startsWith('Räddningstjänstförbundet'))!;
    const persons = (await get(forbund.person as string)) as unknown as Listing;
    expect(persons.data.length).toBeGreaterThan(5);
    // Elected representatives only, by name; never an e-mail address.
    expect(JSON.stringify(persons.data)).not.toMatch(/@/);
    const meetings = (await get(`${forbund.meeting as string}?limit=2`)) as unknown as Listing;
    expect(meetings.pagination.totalPages).toBeGreaterThan(1);
    const items = meetings.data[0]!.agendaItem as { order: number; number?: string }[];
    expect(items.map((i) => i.order)).toEqual(items.map((_, index) => index + 1));
    expect(items.every((i) => typeof i.number === 'string')).toBe(true);
    const papers = (await get(forbund.paper as string)) as unknown as Listing;
    expect(papers.data.length).toBeGreaterThan(0);
    const organizations = (await get(forbund.organization as string)) as unknown as Listing;
    expect(organizations.data.map((o) => o.name)).toContain('Förbundsdirektionen');

    const meetingUrl = new URL(meetings.data[0]!.id as string);
    const first = await app.inject({ url: meetingUrl.pathname });
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ url: meetingUrl.pathname, headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await app.inject({ url: meetingUrl.pathname, headers: { 'if-none-match': '"something-else"' } })).statusCode).toBe(200);

    // The public kallelse: the agenda and who is called, without the presenters (officials) or the
    // contact for absence (an e-mail address) that the members' copy carries.
    const kallelse = await app.inject({ url: `/kommande/${plannedMeetingId}/kallelse.pdf` });
    // A generous time limit: the extraction worker is slow on a machine busy with other tests.
    const text = await extractUnderlagText(kallelse.rawPayload, 'application/pdf', { timeoutMs: 120_000 });
    expect(text).not.toBeNull();
    expect(text).toContain('Budgetuppföljning efter tertial 2');
    expect(text).not.toMatch(/Ekonomichefen|Räddningschefen|Mikael Forsberg|@|Annika Strand/);

    // The files carry validators too: the protocol, the kallelse and a bilaga.
    for (const path of [`${new URL(meetings.data[0]!.web as string).pathname}/protokoll.pdf`, `/kommande/${plannedMeetingId}/kallelse.pdf`, `/arkiv/bilagor/${cases.attachmentId}`]) {
      const file = await app.inject({ url: path });
      expect(file.statusCode, path).toBe(200);
      const etag = file.headers.etag as string;
      const lastModified = file.headers['last-modified'] as string;
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect(Date.parse(lastModified), path).toBeGreaterThan(0);
      expect((await app.inject({ url: path })).headers.etag, `${path}: the same bytes each time`).toBe(etag);
      const unchanged = await app.inject({ url: path, headers: { 'if-none-match': etag } });
      expect([unchanged.statusCode, unchanged.body], path).toEqual([304, '']);
      expect((await app.inject({ url: path, headers: { 'if-modified-since': lastModified } })).statusCode, path).toBe(304);
      expect((await app.inject({ url: path, headers: { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' } })).statusCode, path).toBe(200);
      // If-None-Match decides when both are sent (RFC 9110 13.2.2).
      expect((await app.inject({ url: path, headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified } })).statusCode, path).toBe(200);
    }

    const none = (await get(`${forbund.meeting as string}?modified_since=2999-01-01T00:00:00Z`)) as unknown as Listing;
    expect(none.pagination.totalElements).toBe(0);
    const all = (await get(`${forbund.meeting as string}?created_until=2999-01-01T00:00:00Z&omit_internal=true`)) as unknown as Listing;
    expect(all.data[0]).not.toHaveProperty('agendaItem');
  });

  it('answers unknown ids, unknown paths and bad parameters with JSON errors, never HTML', async () => {
    const app = await buildApp({ database: database(), web: true, publicUrl: PUBLIC_URL, today: () => '2026-03-16' });
    for (const [url, status] of [
      ['/oparl/v1/meetings/00000000-0000-4000-8000-000000000000', 404],
      ['/oparl/v1/nothing/here', 404],
      ['/oparl/v2/system', 404],
      ['/oparl/v1/bodies?page=0', 400],
      ['/oparl/v1/bodies?modified_since=yesterday', 400],
    ] as const) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toMatch(/^application\/json/);
      expect(response.headers['access-control-allow-origin'], url).toBe('*');
      expect((response.json() as { error: { code: string } }).error.code, url).toBeTruthy();
    }
  });
});
