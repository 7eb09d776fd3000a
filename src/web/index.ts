/**
 * The web application: server-rendered pages for the public (notice board, archive, permanent § links),
 * sign-in, and the workspaces of secretaries, signers, members and administrators. Registered in
 * api/app.ts; everything here (form parsing, cookies, CSRF, HTML errors) stays inside this plugin.
 */
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isProtokollError, InputError } from '../errors.ts';
import { isRefusedTextValue } from '../api/request-guards.ts';
import { todayInSweden } from '../domain/legal-dates.ts';
import { resumeSession, secretsMatch } from '../services/accounts.service.ts';
import type { OidcSettings } from '../config.ts';
import { SESSION_COOKIE } from '../services/accounts.service.ts';
import type { Database, DatabaseHandle } from '../services/system.service.ts';
import { parseCookies, serializeCookie } from './cookies.ts';
import { keepPublicAnswers } from '../api/public-answers.ts';
import { sendPage } from './context.ts';
import { html } from './html.ts';
import { catalogueFor, isLanguage, type Language } from './i18n/index.ts';
import { layout } from './layout.ts';
import { boundaryOf, MultipartForm, parseMultipart } from './multipart.ts';
import { MAX_ATTACHMENT_BYTES } from '../services/meeting-cycle.service.ts';
import { registerAccountPages } from './pages/account.pages.ts';
import { registerArchivePages } from './pages/archive.pages.ts';
import { registerPrivacyPages } from './pages/privacy.pages.ts';
import { registerDocumentPages } from './pages/documents.pages.ts';
import { registerPublicPages } from './pages/public.pages.ts';
import { registerUpcomingPages } from './pages/upcoming.pages.ts';
import { registerRegisterPages } from './pages/registers.pages.ts';
import { registerProjectPages } from './pages/projects.pages.ts';
import { registerRegisterFormPages } from './pages/register-forms.pages.ts';
import { registerRegisterWorkPages } from './pages/register-work.pages.ts';
import { registerPublicRegisterPages } from './pages/public-registers.pages.ts';
import { registerSearchPages } from './pages/search.pages.ts';
import { registerSigningPages } from './pages/signing.pages.ts';
import { registerSigningLinkPages } from './pages/signing-link.pages.ts';
import { registerVerifyPages } from './pages/verify.pages.ts';
import { registerWorkspacePages } from './pages/workspace.pages.ts';
import { registerAbsencePages } from './pages/absence.pages.ts';
import { registerMemberNotePages } from './pages/member-notes.pages.ts';
import { registerKallelsePages } from './pages/kallelse.pages.ts';
import { registerImportPages } from './pages/import.pages.ts';
import { registerWatchPages, UNSUBSCRIBE_ROUTE } from './pages/watch.pages.ts';

export interface WebOptions {
  database: DatabaseHandle;
  /** Today's date in Sweden (tests fix it). */
  today?: () => string;
  /** OpenID Connect sign-in, from the configuration (src/config.ts); none when absent. */
  oidc?: OidcSettings | null;
  /** The site's canonical address (config.publicUrl): with it, a kallelse also goes out by e-mail. */
  publicUrl?: string;
}

/** What every group of pages gets. */
export interface WebDependencies {
  db: Database;
  handle: DatabaseHandle;
  oidc: OidcSettings | null;
  publicUrl: string | null;
}

/** The session cookie is the one the API reads too (services/accounts.service), so one sign-in serves both. */
export { SESSION_COOKIE };
export const CSRF_COOKIE = 'pk_csrf';
export const LANGUAGE_COOKIE = 'pk_lang';

/**
 * Whether the visitor came over https, so cookies are marked Secure: directly, through a trusted proxy
 * (TRUST_PROXY), or by an https PUBLIC_URL. A client's own X-Forwarded-Proto counts for nothing.
 */
export function isSecure(request: FastifyRequest): boolean {
  return request.isHttps;
}

const assets = {
  'site.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/site.css', import.meta.url)) },
  'autosave.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/autosave.js', import.meta.url)) },
} as const;

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const db = options.database.db;
  const today = options.today ?? (() => todayInSweden(new Date()));
  const deps: WebDependencies = {
    db,
    handle: options.database,
    oidc: options.oidc ?? null,
    publicUrl: options.publicUrl ?? null,
  };

  // Forms arrive URL-encoded; repeated names (checkbox lists) stay available through getAll().
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });

  // The one form with a file (underlag) arrives as multipart/form-data; its size is limited here, before reading.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 64 * 1024 }, (request, body, done) => {
    const boundary = boundaryOf(request.headers['content-type']);
    done(null, boundary ? parseMultipart(body as Buffer, boundary) : new MultipartForm(new URLSearchParams(), []));
  });

  app.decorateRequest('page', null as never);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request, reply) => {
    const cookies = parseCookies(request.headers.cookie);
    const token = cookies[SESSION_COOKIE] ?? null;
    const session = token ? await resumeSession(db, { token }) : null;
    let csrfToken = session?.csrfToken ?? cookies[CSRF_COOKIE] ?? '';
    if (!session && !csrfToken) {
      csrfToken = freshToken();
      void reply.header('set-cookie', serializeCookie(CSRF_COOKIE, csrfToken, { secure: isSecure(request) }));
    }
    if (token && !session) {
      // An expired or unknown session: forget it.
      void reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { maxAge: 0, secure: isSecure(request) }));
    }
    const chosen = cookies[LANGUAGE_COOKIE];
    const language: Language = isLanguage(chosen) ? chosen : (session?.viewer.language ?? 'sv');
    request.sessionToken = session ? token : null;
    request.page = {
      language,
      t: catalogueFor(language),
      path: request.url,
      viewer: session?.viewer ?? null,
      csrfToken,
      today: today(),
      oidcEnabled: deps.oidc !== null,
      publicUrl: deps.publicUrl?.replace(/\/+$/u, '') ?? null,
    };
  });

  // Every form carries the CSRF token; autosave sends it in a header.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    // The one exception: ending a watch from the link in its mail (pages/watch.pages.ts). Mail programs
    // make that POST themselves, without cookies or a form token (RFC 8058 one-click unsubscribe), and
    // the 43-character random token in the path is the secret that authorises it. A forged request could
    // only end the watch whose token the forger already knows; nothing else skips this check.
    if (request.routeOptions.url === UNSUBSCRIBE_ROUTE) return;
    const body = request.body instanceof URLSearchParams ? request.body : request.body instanceof MultipartForm ? request.body.fields : null;
    const sent = body?.get('_csrf') ?? (request.headers['x-csrf-token'] as string | undefined) ?? '';
    if (!request.page.csrfToken || !sent || !secretsMatch(sent, request.page.csrfToken)) {
      const { t } = request.page;
      if (request.headers.accept?.includes('application/json')) {
        return reply.status(403).send({ error: { code: 'csrf_token_invalid', message: 'the form token is missing or wrong', details: {} } });
      }
      return sendPage(
        reply,
        layout(request.page, { title: t.errors.csrfTitle, body: html`<h1>${t.errors.csrfTitle}</h1><p>${t.errors.csrf}</p>` }),
        403,
      );
    }
  });

  // The public pages as the public sees them are rendered once while nothing changes (api/public-answers.ts).
  keepPublicAnswers(app, {
    db,
    routes: PUBLIC_PAGE_ROUTES,
    variant: (request) => (request.page.viewer ? null : `${request.page.language}:${request.page.today}`),
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => renderError(error, request, reply));

  app.get('/assets/:name', async (request, reply) => {
    const asset = assets[(request.params as { name: string }).name as keyof typeof assets];
    if (!asset) return notFound(request, reply);
    return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });

  app.get('/sprak', async (request, reply) => {
    const query = request.query as { till?: string; tillbaka?: string };
    const language: Language = query.till === 'en' ? 'en' : 'sv';
    const back = safeReturnPath(query.tillbaka);
    void reply.header('set-cookie', serializeCookie(LANGUAGE_COOKIE, language, { maxAge: 365 * 86_400, secure: isSecure(request) }));
    return reply.redirect(back, 303);
  });

  await registerPublicPages(app, deps);
  await registerUpcomingPages(app, deps);
  await registerSearchPages(app, deps);
  await registerAccountPages(app, deps);
  await registerWorkspacePages(app, deps);
  await registerSigningPages(app, deps);
  await registerSigningLinkPages(app, deps);
  await registerVerifyPages(app, deps);
  await registerAbsencePages(app, deps);
  await registerMemberNotePages(app, deps);
  await registerKallelsePages(app, deps);
  await registerWatchPages(app, deps);
  await registerDocumentPages(app, deps);
  await registerRegisterPages(app, deps);
  await registerProjectPages(app, deps);
  await registerRegisterWorkPages(app, deps);
  await registerRegisterFormPages(app, deps);
  await registerPublicRegisterPages(app, deps);
  await registerArchivePages(app, deps);
  await registerPrivacyPages(app, deps);
  await registerImportPages(app, deps);

  // Anything else under the web's paths is a page that does not exist; the API keeps its JSON answer.
  app.get('/*', async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'route_not_found', message: `no route GET ${request.url}`, details: {} } });
    }
    return notFound(request, reply);
  });
};

/**
 * The public pages whose answer for someone not signed in depends only on the address, the language,
 * the day and published data: kept while nothing changes (api/public-answers.ts).
 */
export const PUBLIC_PAGE_ROUTES = [
  '/',
  '/anslagstavla',
  '/kommande',
  '/arkiv',
  '/arkiv/organ/:bodyId',
  '/arkiv/organ/:bodyId/:year',
  '/arkiv/sammantraden/:meetingId',
  '/p/:paragraphId',
  '/sok',
] as const;

/**
 * A new anonymous form token: 24 random bytes from a pool filled 170 tokens at a time. Every first
 * visit gets one, and one system call per token was a tenth of a cached public page's CPU.
 */
const tokenPool = { bytes: Buffer.alloc(24 * 170), used: 24 * 170 };
function freshToken(): string {
  if (tokenPool.used + 24 > tokenPool.bytes.length) {
    randomFillSync(tokenPool.bytes);
    tokenPool.used = 0;
  }
  const token = tokenPool.bytes.subarray(tokenPool.used, tokenPool.used + 24).toString('base64url');
  tokenPool.used += 24;
  return token;
}

/** A path on this site to go back to; anything else (another site, '//host') becomes the start page. */
export function safeReturnPath(path: string | undefined): string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  return path;
}

export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { t } = request.page;
  return sendPage(
    reply,
    layout(request.page, {
      title: t.errors.notFoundTitle,
      body: html`<h1>${t.errors.notFoundTitle}</h1><p>${t.errors.notFound}</p><p><a href="/">${t.errors.backHome}</a></p>`,
    }),
    404,
  );
}

/** The request guards' codes (api/request-guards.ts), whose message names the field. */
const guardCodes = { invalid_character: true, too_long: true } as const;

function renderError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const page = request.page;
  if (!page) {
    request.log.error({ err: error }, 'error before the page context');
    return reply.status(500).send('internal error');
  }
  const { t } = page;
  const wantsJson = request.headers.accept?.includes('application/json') ?? false;
  if (isProtokollError(error)) {
    const status = { input: 400, rule: 409, legal: 422, not_found: 404, forbidden: 403, unauthenticated: 401 }[error.kind];
    if (wantsJson) {
      const details = error instanceof InputError ? { problems: error.problems } : error.details;
      return reply.status(status).send({ error: { code: error.code, message: error.message, details } });
    }
    if (error.kind === 'not_found') return notFound(request, reply);
    if (error.kind === 'forbidden' || error.kind === 'unauthenticated') {
      if (!page.viewer && request.method === 'GET') return reply.redirect(`/logga-in?tillbaka=${encodeURIComponent(request.url)}`, 303);
      return sendPage(reply, layout(page, { title: t.errors.forbiddenTitle, body: html`<h1>${t.errors.forbiddenTitle}</h1><p>${t.errors.forbidden}</p>` }), 403);
    }
    const messages =
      error instanceof InputError
        ? error.problems.map((p) => (p.code in guardCodes ? t.errors.inField(t.errors.codes[p.code] ?? p.message, p.path.replace(/^body\./, '')) : (t.errors.codes[p.code] ?? p.message)))
        : [t.errors.codes[error.code] ?? error.message];
    return sendPage(
      reply,
      layout(page, {
        title: t.errors.ruleTitle,
        body: html`<h1>${t.errors.ruleTitle}</h1><ul class="plain">${messages.map((m) => html`<li>${m}</li>`)}</ul><p><a href="/">${t.errors.backHome}</a></p>`,
      }),
      status,
    );
  }
  if (isRefusedTextValue(error)) {
    request.log.warn({ err: error }, 'the database refused a value');
    return sendPage(reply, layout(page, { title: t.errors.ruleTitle, body: html`<h1>${t.errors.ruleTitle}</h1><p>${t.errors.codes.value_refused}</p><p><a href="/">${t.errors.backHome}</a></p>` }), 400);
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) {
    return sendPage(reply, layout(page, { title: t.errors.ruleTitle, body: html`<h1>${t.errors.ruleTitle}</h1><p>${t.documents.codes.file_too_large}</p><p><a href="/">${t.errors.backHome}</a></p>` }), 413);
  }
  if (status && status >= 400 && status < 500) {
    return sendPage(reply, layout(page, { title: t.errors.ruleTitle, body: html`<h1>${t.errors.ruleTitle}</h1><p>${error.message}</p>` }), status);
  }
  request.log.error({ err: error }, 'unhandled error in a page');
  return sendPage(reply, layout(page, { title: t.errors.serverTitle, body: html`<h1>${t.errors.serverTitle}</h1><p>${t.errors.server(request.id)}</p>` }), 500);
}

export type WebApp = FastifyInstance;
