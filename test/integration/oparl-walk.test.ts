/**
 * Walks the OParl API on the demo förbund as a client would (meine-stadt-transparent, the OParl
 * validator): from the System object, every link, every page of every list, every object at its own id,
 * each validated against the official OParl 1.1 schema of its type (test/oparl-schema, CC BY-SA 4.0).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { describeOnEachEngine } from '../support/databases.ts';

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
  beforeAll(async () => {
    await seedDemo(database(), { today: '2026-03-16' });
  });

  it('resolves every link, every page and every object at its own id, and every object passes its official schema', async () => {
    const app = await buildApp({ database: database(), web: true, publicUrl: PUBLIC_URL, today: () => '2026-03-16' });
    const validators = schemaValidators();
    const problems: string[] = [];
    const seenTypes = new Map<string, number>();

    const validate = (object: Record<string, unknown>, where: string) => {
      const type = object.type as string;
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
