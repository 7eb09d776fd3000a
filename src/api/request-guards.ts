/**
 * What every request passes before any handler, API or web: security headers on the answer, and bad
 * input refused with a 400 or 404 instead of reaching a query that would fail with a 500 (an id that is
 * not a UUID, a NUL character, a string longer than any field needs).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, NotFoundError, type Problem } from '../errors.ts';
import { MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from '../domain/minutes.ts';

/** The longest string in any field of a request body or query, and the longest title or name: the domain's limits. */
export { MAX_TEXT_LENGTH, MAX_TITLE_LENGTH };
/** The largest JSON (or other non-form) request body. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_FIELDS = new Set(['title', 'name', 'documentTitle', 'email', 'organization', 'body', 'caseNumber', 'party', 'role']);

/** Whether a path belongs to the JSON API (the rest are web pages, which answer in HTML). */
export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/oparl/');
}

/** Whether a route parameter holds a database id, by its name (`meetingId`, `id`). */
function isIdParameter(name: string): boolean {
  return name === 'id' || name.endsWith('Id');
}

export interface SecurityHeaderOptions {
  /** Origins forms may be sent to besides this site (the OpenID Connect provider). */
  formTargets: string[];
  /** Whether a request came over https (and so may be told to keep to https). */
  isHttps: (request: FastifyRequest) => boolean;
}

/** The Content-Security-Policy: no inline script or style anywhere, no framing, forms only to us. */
export function contentSecurityPolicy(formTargets: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${["'self'", ...formTargets].join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Adds the security headers to every answer, and refuses bad input before validation and handlers. */
export function addRequestGuards(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const policy = contentSecurityPolicy(options.formTargets);
  app.addHook('onRequest', async (request, reply) => {
    void reply.headers({
      'content-security-policy': policy,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    if (options.isHttps(request)) void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  app.addHook('preValidation', async (request: FastifyRequest, _reply: FastifyReply) => {
    checkParameters(request);
    const problems = [...problemsIn(request.query, 'query'), ...problemsIn(formOrJson(request.body), 'body')];
    if (problems.length) throw new InputError(problems);
  });
}

/** An id that is not a UUID names nothing: the web answers "not found", the API a 400 naming the parameter. */
function checkParameters(request: FastifyRequest): void {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    // OParl ids are URLs of their own (a legislative term is '<body id>-2023'); its routes answer unknown ids with OParl's JSON 404.
    if (isIdParameter(name) && !UUID.test(value) && !request.url.startsWith('/oparl/')) problems.push({ path: `params.${name}`, code: 'invalid_id', message: `${name} must be a UUID` });
    else if (value.includes('\0')) problems.push({ path: `params.${name}`, code: 'invalid_character', message: `${name} contains a NUL character` });
  }
  if (!problems.length) return;
  if (!isApiPath(request.url)) throw new NotFoundError('page_not_found', `no page ${request.url}`, { problems });
  throw new InputError(problems);
}

/** A body as plain values: forms (URLSearchParams, multipart fields) become objects of strings. */
function formOrJson(body: unknown): unknown {
  if (body instanceof URLSearchParams) return formEntries(body);
  if (body && typeof body === 'object' && 'fields' in body && (body as { fields: unknown }).fields instanceof URLSearchParams) {
    return formEntries((body as { fields: URLSearchParams }).fields);
  }
  if (Buffer.isBuffer(body)) return undefined; // a file (an attachment): its own checks apply
  return body;
}

function formEntries(form: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** Every string in `value` with a NUL character, or longer than its field allows, with its path. */
function problemsIn(value: unknown, path: string, field = ''): Problem[] {
  if (typeof value === 'string') {
    const problems: Problem[] = [];
    if (value.includes('\0')) problems.push({ path, code: 'invalid_character', message: 'contains a NUL character, which text may not hold' });
    const max = SHORT_FIELDS.has(field) ? MAX_TITLE_LENGTH : MAX_TEXT_LENGTH;
    if (value.length > max) problems.push({ path, code: 'too_long', message: `at most ${max} characters` });
    return problems;
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => problemsIn(item, `${path}.${index}`, field));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
      const problems = problemsIn(item, `${path}.${key}`, key);
      if (key.includes('\0')) problems.push({ path: `${path}.${key.replaceAll('\0', '\\0')}`, code: 'invalid_character', message: 'a field name contains a NUL character' });
      return problems;
    });
  }
  return [];
}

/**
 * PostgreSQL's refusals of a value's text: 22P02 invalid text representation (a malformed UUID or
 * number), 22021 and 22P05 characters the database cannot hold. These are bad input, never a bug.
 */
export function isRefusedTextValue(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === '22P02' || code === '22021' || code === '22P05') return true;
  }
  return false;
}
