/**
 * API access for integrations: a session from e-mail and password (throttled like the web sign-in),
 * used as `Authorization: Bearer`, and its end. Long-lived API tokens are made with `protokoll tokens`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, endSession, startSession } from '../../services/accounts.service.ts';
import { checkSignIn, recordSignInFailure, recordSignInSuccess } from '../../services/sign-in-throttle.service.ts';
import type { Database } from '../../services/system.service.ts';
import { requireUser } from '../actor.ts';

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }) });

export const sessionRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.post(
    '/api/sessions',
    {
      schema: {
        tags: ['system'],
        summary: 'Sign in with e-mail and password; the token answered is sent as Authorization: Bearer',
        body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1_000) }),
        response: {
          201: z.object({ token: z.string(), expiresAt: z.string() }),
          401: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const attempt = { email: request.body.email, address: request.ip };
      const verdict = await checkSignIn(db, attempt);
      if (!verdict.allowed) {
        return reply
          .status(429)
          .header('retry-after', String(verdict.retryAfterSeconds))
          .send({ error: { code: 'too_many_attempts', message: `too many failed sign-ins; try again in ${verdict.retryAfterSeconds} s`, details: { retryAfterSeconds: verdict.retryAfterSeconds } } });
      }
      const account = await authenticate(db, request.body);
      if (!account) {
        await recordSignInFailure(db, attempt);
        return reply.status(401).send({ error: { code: 'sign_in_failed', message: 'the e-mail or the password is wrong', details: {} } });
      }
      await recordSignInSuccess(db, attempt);
      const session = await startSession(db, { userId: account.id });
      return reply.status(201).send({ token: session.token, expiresAt: session.expiresAt.toISOString() });
    },
  );

  app.delete(
    '/api/sessions/current',
    {
      schema: {
        tags: ['system'],
        summary: 'End the session whose token authenticates this request (sign out)',
        response: { 204: z.null().describe('The session has ended') },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const token = request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7).trim() : null;
      // An API token is not a session: it ends with `protokoll tokens revoke`, so it stays valid here.
      if (token) await endSession(db, token);
      return reply.status(204).send(null);
    },
  );
};
