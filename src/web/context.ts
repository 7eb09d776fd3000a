/** What every page needs to know about the request: language, texts, the signed-in user and the CSRF token. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../errors.ts';
import type { Viewer } from '../services/accounts.service.ts';
import type { Actor } from '../services/meeting-cycle.service.ts';
import { catalogueFor, type Catalogue, type Language } from './i18n/index.ts';
import type { Html } from './html.ts';

export interface PageContext {
  language: Language;
  t: Catalogue;
  /** The path and query of this page, for the language switch and returning after sign-in. */
  path: string;
  viewer: Viewer | null;
  /** The token every form posts back (the session's, or the anonymous visitor's cookie). */
  csrfToken: string;
  /** Today's date in Sweden. */
  today: string;
  /** Whether OpenID Connect sign-in is configured. */
  oidcEnabled: boolean;
  /** The site's configured address (PUBLIC_URL), for canonical links; absent when none is configured. */
  publicUrl?: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    page: PageContext;
    sessionToken: string | null;
  }
}

/** The signed-in user as the use cases' Actor (recorded in the audit log). */
/** The signed-in user of a page request; a page that needs one refuses anyone else (the sign-in page follows). */
export function requireViewer(request: FastifyRequest): Viewer {
  const viewer = request.page.viewer;
  if (!viewer) throw new UnauthenticatedError('not_signed_in', 'sign in to do this');
  return viewer;
}

export function actorOf(viewer: Viewer): Actor {
  return { userId: viewer.id, personId: viewer.personId, name: viewer.name, viewer };
}

export function contextFor(request: FastifyRequest): PageContext {
  return request.page;
}

export function withLanguage(context: PageContext, language: Language): PageContext {
  return { ...context, language, t: catalogueFor(language) };
}

/** Sends a full HTML page. */
export function sendPage(reply: FastifyReply, page: Html, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>\n${page.value}`);
}

/**
 * The Content-Security-Policy of a PDF shown inline: the site's policy (object-src 'none', no inline
 * style) stops Chrome's built-in PDF viewer, which draws the file in a generated page with an <embed>
 * (crbug.com/271452). A PDF runs no script in the site's origin, so framing is all it still forbids;
 * nosniff and the exact content type keep anything else from being read as a PDF.
 */
export const INLINE_PDF_POLICY = "frame-ancestors 'none'";
