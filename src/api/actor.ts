/**
 * Who is calling: every request gets `request.user`, resolved from the session cookie or an
 * `Authorization: Bearer <token>` header (for integrations), or null for the public.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { SESSION_COOKIE, canAdminister, resumeBearer, resumeSession, secretsMatch, type Viewer } from '../services/accounts.service.ts';
import type { Actor } from '../services/meeting-cycle.service.ts';
import type { Database } from '../services/system.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: Viewer | null;
  }
}

/** The caller's credential: a bearer token (integrations) or the session cookie (the browser). */
function credentialOf(request: FastifyRequest): { token: string; from: 'bearer' | 'cookie' } | null {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = authorization.slice(7).trim();
    return token ? { token, from: 'bearer' } : null;
  }
  const cookies = request.headers.cookie;
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    try {
      return { token: decodeURIComponent(value.join('=')), from: 'cookie' };
    } catch {
      return null;
    }
  }
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function actorPlugin(app: FastifyInstance, options: { db: Database }): Promise<void> {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    // Only the API resolves the caller here; the web pages do it themselves, with their CSRF token.
    if (!request.url.startsWith('/api/')) return;
    const credential = credentialOf(request);
    if (!credential) return;
    if (credential.from === 'bearer') {
      request.user = await resumeBearer(options.db, { token: credential.token });
      return;
    }
    const session = await resumeSession(options.db, { token: credential.token });
    if (!session) return;
    // A browser sends the cookie with any request, even one another site starts: a change made with
    // the cookie must also carry the session's CSRF token, which only our own pages can read.
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !secretsMatch(sent, session.csrfToken)) {
        throw new ForbiddenError('csrf_token_invalid', 'a change made with the session cookie needs the X-CSRF-Token header');
      }
    }
    request.user = session.viewer;
  });
}

export const actorResolver = fp(actorPlugin, { name: 'protokoll-actor' });

/** The signed-in user, or a 401 for the public. */
export function requireUser(request: FastifyRequest): Viewer {
  if (!request.user) throw new UnauthenticatedError('not_signed_in', 'sign in to do this');
  return request.user;
}

/**
 * The signed-in user, who must administer the organisation given, or be a system administrator when
 * none is given (creating organisations, storing documents that name their own organisation).
 */
export function requireAdministrator(request: FastifyRequest, scope?: { organizationId: string }): Viewer {
  const user = requireUser(request);
  const allowed = scope ? canAdminister(user, scope) : user.isAdministrator;
  if (!allowed) throw new ForbiddenError('not_administrator', 'only an administrator may do this');
  return user;
}

/** The signed-in user as the use cases' Actor. */
export function actorOf(request: FastifyRequest): Actor {
  const user = requireUser(request);
  return { userId: user.id, personId: user.personId, name: user.name, viewer: user };
}
