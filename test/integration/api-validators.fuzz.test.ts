/**
 * Fuzzing the JSON API: the Zod schemas of every registered route of the real app (taken from the
 * routes themselves, one request each) are given generated and mutated params, queries and bodies, and
 * a sample of several thousand real requests with mutated bodies, params and queries goes through
 * `app.inject` as a signed-in administrator. No schema may throw, and no request may answer 500. The
 * number of inputs is printed.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { buildApp } from '../../src/api/app.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

interface RouteSchemas {
  method: string;
  url: string;
  params?: ZodType;
  querystring?: ZodType;
  body?: ZodType;
}

let inputs = 0;
afterAll(() => console.info(`API fuzz: ${inputs} inputs`));

/** Plausible values of the kinds the API takes, and values that break them. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', 'null', '0', '-1', '1e309', 'NaN', '2024-02-30', '2024-13-01', '9999-12-31', 'ledamot', 'chair', 'kommunalforbund', '§ 12', 'a'.repeat(5000), '\u0000', '\ud800', '<script>', "' or 1=1 --"),
  fc.constantFrom(randomUUID(), '00000000-0000-0000-0000-000000000000', 'not-a-uuid'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
);

/** An object with the keys a schema knows (where it is an object) and some it does not. */
function shaped(schema: ZodType | undefined): fc.Arbitrary<unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  const keys = shape ? Object.keys(shape) : [];
  const known = keys.length ? fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }) : fc.constant({});
  return fc.oneof(
    known,
    fc.tuple(known, fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...(a as object) })),
    value,
    fc.anything({ maxDepth: 2 }),
  );
}

/** A string form of a value, as a path segment or query parameter carries it (lone surrogates cannot be sent). */
const asText = (v: unknown) =>
  (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '\uFFFD');

describeOnEachEngine('the JSON API under fuzzing', (database) => {
  let app: FastifyInstance;
  let admin: TestUser;
  const routes: RouteSchemas[] = [];

  beforeAll(async () => {
    const { db } = database();
    admin = await buildUser(db, { name: 'Fuzz Admin', isAdministrator: true });
    app = await buildApp({ database: database(), web: false });
    // The schemas of each route, as the app registered them.
    const seen = new Map<string, RouteSchemas>();
    app.addHook('onRequest', async (request) => {
      const schema = (request.routeOptions.schema ?? {}) as Omit<RouteSchemas, 'method' | 'url'>;
      const key = `${request.method} ${request.routeOptions.url}`;
      seen.set(key, { method: request.method, url: request.routeOptions.url ?? '', params: schema.params, querystring: schema.querystring, body: schema.body });
    });
    await app.ready();
    const document = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) {
        // Any value reaches the route; the hook runs before validation.
        await app.inject({ method: method.toUpperCase() as 'GET', url: path.replace(/\{\w+\}/gu, randomUUID()), headers: admin.headers });
      }
    }
    routes.push(...seen.values());
    // Something to find for the reading routes.
    await app.inject({ method: 'POST', url: '/api/minutes', headers: admin.headers, payload: buildMinutes({ organization: 'Fuzzförbundet' }) });
  });

  it('takes the schemas of every API route from the app', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.body).length).toBeGreaterThan(15);
  });

  it('never throws from a route schema, for 80,000 generated params, queries and bodies', () => {
    const parts = routes.flatMap((r) => (['params', 'querystring', 'body'] as const).flatMap((part) => (r[part] ? [{ route: `${r.method} ${r.url} ${part}`, schema: r[part]! }] : [])));
    expect(parts.length).toBeGreaterThan(60);
    const perPart = Math.ceil(80_000 / parts.length);
    for (const { route, schema } of parts) {
      fc.assert(
        fc.property(shaped(schema), (input) => {
          inputs++;
          const result = schema.safeParse(input);
          // A refusal names where: every issue has a path and a message.
          if (!result.success) for (const issue of result.error.issues) if (typeof issue.message !== 'string') throw new Error(`${route}: issue without a message`);
        }),
        { numRuns: perPart },
      );
    }
  });

  it('never answers 500 to 3,000 requests with mutated params, queries and bodies', async () => {
    const request = fc.record({
      route: fc.nat(),
      params: fc.array(value, { minLength: 4, maxLength: 4 }),
      query: fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('q', 'title', 'year', 'page', 'pageSize', 'organization', 'body', 'from', 'to')), value, { maxKeys: 4 }),
      body: fc.oneof(fc.anything({ maxDepth: 3 }), fc.constant(undefined)),
      bodyText: fc.option(fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '\u0000', '{"__proto__":{"x":1}}'), { nil: undefined }),
      signedIn: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ route: index, params, query, body, bodyText, signedIn }) => {
        inputs++;
        const route = routes[index % routes.length]!;
        let n = 0;
        const url = route.url.replace(/:\w+/gu, () => encodeURIComponent(asText(params[n++ % params.length])) || 'x');
        const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, asText(v)])).toString();
        const response = await app.inject({
          method: route.method as 'POST',
          url: `${url}${search ? `?${search}` : ''}`,
          headers: { ...(signedIn ? admin.headers : {}), ...(bodyText !== undefined || body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(bodyText !== undefined ? { payload: bodyText } : body !== undefined && route.method !== 'GET' ? { payload: JSON.stringify(body) ?? 'null' } : {}),
        });
        if (response.statusCode >= 500) throw new Error(`${route.method} ${url}?${search} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      }),
      { numRuns: 3_000 },
    );
  });
});
