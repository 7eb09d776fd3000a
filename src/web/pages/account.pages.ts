/** Sign-in with email and password (rate limited), OpenID Connect when configured, and sign-out. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { accountForIdentity, authenticate, endSession, startSession } from '../../services/accounts.service.ts';
import type { OidcSettings } from '../../config.ts';
import { checkSignIn, recordSignInFailure, recordSignInSuccess } from '../../services/sign-in-throttle.service.ts';
import { parseCookies, serializeCookie } from '../cookies.ts';
import { sendPage, type PageContext } from '../context.ts';
import { csrfField, emptyForm, errorSummary, inputField, type FormState } from '../forms.ts';
import { html } from '../html.ts';
import { SESSION_COOKIE, isSecure, safeReturnPath, type WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';

const OIDC_COOKIE = 'pk_oidc';

function signInPage(context: PageContext, state: FormState, options: { returnTo: string; message?: string; status?: 'error' | 'info' }) {
  const { t } = context;
  const labels = { email: t.signIn.email, password: t.signIn.password };
  return layout(context, {
    title: t.signIn.title,
    section: 'signin',
    body: html`<div class="narrow">
<h1>${t.signIn.title}</h1>
<p class="lead">${t.signIn.lead}</p>
${options.message && html`<div class="${options.status === 'info' ? 'notice-info' : 'error-summary'}" role="${options.status === 'info' ? 'status' : 'alert'}"><p>${options.message}</p></div>`}
${errorSummary(context, state, labels)}
<form method="post" action="/logga-in" class="card form" novalidate>
  ${csrfField(context)}
  <input type="hidden" name="tillbaka" value="${options.returnTo}">
  ${inputField(context, state, { name: 'email', label: labels.email, type: 'email', autocomplete: 'username', required: true })}
  ${inputField(context, state, { name: 'password', label: labels.password, type: 'password', autocomplete: 'current-password', required: true })}
  <button type="submit" class="button">${t.signIn.submit}</button>
</form>
${context.oidcEnabled && html`<p class="or">${t.signIn.or}</p><p><a class="button secondary" href="/logga-in/oidc?tillbaka=${encodeURIComponent(options.returnTo)}">${t.signIn.withOidc}</a></p>`}
</div>`,
  });
}

async function completeSignIn(request: FastifyRequest, reply: FastifyReply, db: WebDependencies['db'], userId: string, returnTo: string) {
  if (request.sessionToken) await endSession(db, request.sessionToken);
  const session = await startSession(db, { userId });
  void reply.header(
    'set-cookie',
    serializeCookie(SESSION_COOKIE, session.token, { maxAge: (session.expiresAt.getTime() - Date.now()) / 1000, secure: isSecure(request) }),
  );
  return reply.redirect(safeReturnPath(returnTo === '/' ? '/mina-sammantraden' : returnTo), 303);
}

export async function registerAccountPages(app: FastifyInstance, { db, oidc: oidcSettings }: WebDependencies): Promise<void> {
  app.get('/logga-in', async (request, reply) => {
    const { tillbaka, utloggad } = request.query as { tillbaka?: string; utloggad?: string };
    const context = request.page;
    return sendPage(
      reply,
      signInPage(context, emptyForm, {
        returnTo: safeReturnPath(tillbaka),
        ...(utloggad !== undefined ? { message: context.t.signIn.signedOut, status: 'info' as const } : {}),
      }),
    );
  });

  app.post('/logga-in', async (request, reply) => {
    const form = request.body as URLSearchParams;
    const context = request.page;
    const { t } = context;
    const email = (form.get('email') ?? '').trim();
    const password = form.get('password') ?? '';
    const returnTo = safeReturnPath(form.get('tillbaka') ?? undefined);
    const errors: Record<string, string> = {};
    if (!email) errors.email = t.form.required;
    if (!password) errors.password = t.form.required;
    if (Object.keys(errors).length) return sendPage(reply, signInPage(context, { values: { email }, errors }, { returnTo }), 400);
    const attempt = { email, address: request.ip };
    const verdict = await checkSignIn(db, attempt);
    if (!verdict.allowed) {
      void reply.header('retry-after', String(verdict.retryAfterSeconds));
      return sendPage(reply, signInPage(context, { values: { email }, errors: {} }, { returnTo, message: t.signIn.throttledFor(verdict.retryAfterSeconds) }), 429);
    }
    const account = await authenticate(db, { email, password });
    if (!account) {
      await recordSignInFailure(db, attempt);
      return sendPage(reply, signInPage(context, { values: { email }, errors: {} }, { returnTo, message: t.signIn.failed }), 401);
    }
    await recordSignInSuccess(db, attempt);
    return completeSignIn(request, reply, db, account.id, returnTo);
  });

  app.post('/logga-ut', async (request, reply) => {
    if (request.sessionToken) await endSession(db, request.sessionToken);
    void reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { maxAge: 0, secure: isSecure(request) }));
    return reply.redirect('/logga-in?utloggad', 303);
  });

  if (!oidcSettings) return;
  const settings: OidcSettings = oidcSettings;
  let configuration: Promise<oidc.Configuration> | null = null;
  const discover = () => (configuration ??= oidc.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret).catch((error: unknown) => {
    configuration = null;
    throw error;
  }));

  app.get('/logga-in/oidc', async (request, reply) => {
    const { tillbaka } = request.query as { tillbaka?: string };
    const config = await discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const flow = JSON.stringify({ verifier, state, nonce, returnTo: safeReturnPath(tillbaka), id: randomBytes(8).toString('hex') });
    void reply.header('set-cookie', serializeCookie(OIDC_COOKIE, flow, { maxAge: 600, secure: isSecure(request) }));
    return reply.redirect(url.href, 303);
  });

  app.get('/logga-in/oidc/callback', async (request, reply) => {
    const context = request.page;
    const { t } = context;
    const failed = (message: string) => sendPage(reply, signInPage(context, emptyForm, { returnTo: '/', message }), 401);
    let flow: { verifier: string; state: string; nonce: string; returnTo: string };
    try {
      flow = JSON.parse(parseCookies(request.headers.cookie)[OIDC_COOKIE] ?? '') as typeof flow;
    } catch {
      return failed(t.signIn.oidcFailed);
    }
    void reply.header('set-cookie', serializeCookie(OIDC_COOKIE, '', { maxAge: 0, secure: isSecure(request) }));
    let claims: oidc.IDToken | undefined;
    try {
      const config = await discover();
      const current = new URL(request.url, settings.redirectUrl);
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      claims = tokens.claims();
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect sign-in failed');
      return failed(t.signIn.oidcFailed);
    }
    if (!claims) return failed(t.signIn.oidcFailed);
    const account = await accountForIdentity(db, {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
      emailVerified: claims.email_verified === true,
    });
    if (!account) return failed(t.signIn.oidcUnknownUser);
    return completeSignIn(request, reply, db, account.id, flow.returnTo);
  });
}
