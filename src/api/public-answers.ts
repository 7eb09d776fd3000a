/**
 * Finished public answers (rendered pages, feeds, open data) kept while nothing has changed
 * (services/public-cache.ts), with an ETag: the same page for the same address, language and day is
 * rendered once, not per request, and a client that holds it gets 304 Not Modified.
 *
 * Only the routes named by the plugin that calls `keepPublicAnswers` and only GET answers with status
 * 200 are kept. `variant` says what else an answer depends on (the language, today) or null when the
 * request must not be served from the cache (someone signed in: the header names them). An answer is
 * kept under the change mark taken when its request arrived, so a commit while it was being made
 * leaves it unused. Headers set by the route (content type, cache policy, disposition) are kept with it;
 * headers of the whole app (security headers) are set on each reply as usual.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentMark, keepAnswer, keptAnswer, type ChangeMark } from '../services/public-cache.ts';
import type { Database } from '../services/system.service.ts';

/** A larger answer is made each time rather than kept. */
const MAX_KEPT_BYTES = 2 * 1024 * 1024;
/** The route's own headers that belong to the answer. */
const KEPT_HEADERS = ['content-type', 'cache-control', 'content-disposition', 'access-control-allow-origin'] as const;

interface KeptAnswer {
  body: Buffer;
  etag: string;
  headers: Partial<Record<(typeof KEPT_HEADERS)[number], string>>;
}

interface PendingAnswer {
  key: string;
  mark: ChangeMark;
}

declare module 'fastify' {
  interface FastifyRequest {
    publicAnswer: PendingAnswer | null;
  }
}

export interface PublicAnswerOptions {
  db: Database;
  /** Route patterns (as registered, e.g. '/p/:paragraphId') whose answers may be kept. */
  routes: readonly string[];
  /** What the answer depends on besides the address, or null to neither serve nor keep one. */
  variant: (request: FastifyRequest) => string | null;
  /** Cache-Control for kept answers when the route sets none. */
  cacheControl?: string;
}

/** Whether the client already holds the answer with this ETag (If-None-Match, RFC 9110 13.1.2). */
export function holdsEtag(request: FastifyRequest, etag: string): boolean {
  const sent = request.headers['if-none-match'];
  return sent !== undefined && sent.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * Adds the hooks to `app` (an encapsulated plugin: only its routes). Call it after the hooks that the
 * variant reads (the web's page context) and before the routes.
 */
export function keepPublicAnswers(app: FastifyInstance, options: PublicAnswerOptions): void {
  const routes = new Set(options.routes);
  if (!app.hasRequestDecorator('publicAnswer')) app.decorateRequest('publicAnswer', null);

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !routes.has(request.routeOptions.url ?? '')) return;
    const variant = options.variant(request);
    if (variant === null) return;
    const key = `answer:${variant}:${request.url}`;
    const mark = await currentMark(options.db);
    const kept = keptAnswer<KeptAnswer>(options.db, key, mark);
    if (!kept) {
      request.publicAnswer = { key, mark };
      return;
    }
    for (const [name, value] of Object.entries(kept.headers)) void reply.header(name, value);
    void reply.header('etag', kept.etag);
    if (!kept.headers['cache-control']) void reply.header('cache-control', options.cacheControl ?? 'private, no-cache');
    if (holdsEtag(request, kept.etag)) return reply.code(304).send();
    return reply.code(200).send(kept.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.publicAnswer;
    if (!pending || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    const routeCacheControl = reply.getHeader('cache-control');
    // A page's 'no-store' is for signed-in pages; the anonymous page may be kept and revalidated.
    if (!routeCacheControl || routeCacheControl === 'no-store') void reply.header('cache-control', options.cacheControl ?? 'private, no-cache');
    void reply.header('etag', etag);
    if (body.byteLength <= MAX_KEPT_BYTES) {
      const headers: KeptAnswer['headers'] = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
      }
      keepAnswer(options.db, pending.key, pending.mark, { body, etag, headers } satisfies KeptAnswer);
    }
    if (holdsEtag(request, etag)) {
      void reply.code(304);
      return '';
    }
    return body;
  });
}
