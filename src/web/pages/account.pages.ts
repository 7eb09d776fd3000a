/** Sign-in with email and password (rate limited), OpenID Connect when configured, and sign-out. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { accountForIdentity, authenticate, endSession, startSession, type SessionAuthentication } from '../../services/accounts.service.ts';
import { signingConfigurationOf } from '../../services/meeting-cycle.service.ts';
import { findSigningLink, redeemSigningLinkWithIdentity, SigningLinkUnusable } from '../../services/signing-links.service.ts';
import type { OidcSettings } from '../../config.ts';
import { checkSignIn, recordSignInFailure, recordSignInSuccess } from '../../services/sign-in-throttle.service.ts';
import { isProtokollError } from '../../errors.ts';
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

async function completeSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  db: WebDependencies['db'],
  userId: string,
  returnTo: string,
  authentication: Partial<SessionAuthentication> = { method: 'password' },
) {
  if (request.sessionToken) await endSession(db, request.sessionToken);
  // A new session for every sign-in, step-up included: its time and level are what signing checks.
  const session = await startSession(db, { userId, authentication });
  void reply.header(
    'set-cookie',
    serializeCookie(SESSION_COOKIE, session.token, { maxAge: (session.expiresAt.getTime() - Date.now()) / 1000, secure: isSecure(request) }),
  );
  return reply.redirect(safeReturnPath(returnTo === '/' ? '/mina-sammantraden' : returnTo), 303);
}

/**
 * Step-up before signing: the signed-in user proves again who they are (password, or the identity
 * provider with a fresh login at the acr asked for) and goes back to the signing page.
 */
function stepUpPage(context: PageContext, options: { returnTo: string; minutes: number; passwordAllowed: boolean; message?: string }) {
  const { t } = context;
  const viewer = context.viewer!;
  return layout(context, {
    title: t.signIn.stepUpTitle,
    section: 'signin',
    body: html`<div class="narrow">
<h1>${t.signIn.stepUpTitle}</h1>
<p class="lead">${t.signIn.stepUpLead(options.minutes)}</p>
${options.message && html`<div class="error-summary" role="alert"><p>${options.message}</p></div>`}
${options.passwordAllowed
  ? html`<form method="post" action="/logga-in/bekrafta" class="card form" novalidate>
  ${csrfField(context)}
  <input type="hidden" name="tillbaka" value="${options.returnTo}">
  <p>${t.signIn.email}: <strong>${viewer.email}</strong></p>
  ${inputField(context, emptyForm, { name: 'password', label: t.signIn.password, type: 'password', autocomplete: 'current-password', required: true })}
  <button type="submit" class="button">${t.signIn.stepUpSubmit}</button>
</form>`
  : html`<p>${t.signIn.stepUpOidcOnly}</p>`}
${context.oidcEnabled && html`<p><a class="button ${options.passwordAllowed ? 'secondary' : ''}" href="/logga-in/oidc?stegvis=1&amp;tillbaka=${encodeURIComponent(options.returnTo)}">${t.signIn.stepUpWithOidc}</a></p>`}
</div>`,
  });
}

export async function registerAccountPages(app: FastifyInstance, { db, handle, oidc: oidcSettings }: WebDependencies): Promise<void> {
  const stepUpPolicy = () => {
    const policy = signingConfigurationOf(handle);
    // With an assurance level asked for, only the identity provider can vouch for it, not a password.
    return { minutes: policy.stepUpMinutes, acr: policy.requiredAcr, passwordAllowed: !(oidcSettings && policy.requiredAcr) };
  };

  app.get('/logga-in/bekrafta', async (request, reply) => {
    const { tillbaka } = request.query as { tillbaka?: string };
    const returnTo = safeReturnPath(tillbaka);
    if (!request.page.viewer) return reply.redirect(`/logga-in?tillbaka=${encodeURIComponent(returnTo)}`, 303);
    const policy = stepUpPolicy();
    return sendPage(reply, stepUpPage(request.page, { returnTo, minutes: policy.minutes, passwordAllowed: policy.passwordAllowed }));
  });

  app.post('/logga-in/bekrafta', async (request, reply) => {
    const form = request.body as URLSearchParams;
    const context = request.page;
    const { t } = context;
    const returnTo = safeReturnPath(form.get('tillbaka') ?? undefined);
    const viewer = context.viewer;
    if (!viewer) return reply.redirect(`/logga-in?tillbaka=${encodeURIComponent(returnTo)}`, 303);
    const policy = stepUpPolicy();
    if (!policy.passwordAllowed) return sendPage(reply, stepUpPage(context, { returnTo, minutes: policy.minutes, passwordAllowed: false }), 400);
    const attempt = { email: viewer.email, address: request.ip };
    const verdict = await checkSignIn(db, attempt);
    if (!verdict.allowed) {
      void reply.header('retry-after', String(verdict.retryAfterSeconds));
      return sendPage(reply, stepUpPage(context, { returnTo, minutes: policy.minutes, passwordAllowed: true, message: t.signIn.throttledFor(verdict.retryAfterSeconds) }), 429);
    }
    const account = await authenticate(db, { email: viewer.email, password: form.get('password') ?? '' });
    if (!account) {
      await recordSignInFailure(db, attempt);
      return sendPage(reply, stepUpPage(context, { returnTo, minutes: policy.minutes, passwordAllowed: true, message: t.signIn.failed }), 401);
    }
    await recordSignInSuccess(db, attempt);
    return completeSignIn(request, reply, db, account.id, returnTo, { method: 'password' });
  });

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
    return completeSignIn(request, reply, db, account.id, returnTo, { method: 'password' });
  });

  app.post('/logga-ut', async (request, reply) => {
    if (request.sessionToken) await endSession(db, request.sessionToken);
    void reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { maxAge: 0, secure: isSecure(request) }));
    return reply.redirect('/logga-in?utloggad', 303);
  });

  if (!oidcSettings) return;
  const settings: OidcSettings = oidcSettings;
  let configuration: Promise<oidc.Configuration> | null = null;
  // Plain http only for an identity provider on this machine (development, and the tests' own provider).
  const issuer = new URL(settings.issuer);
  const loopbackHttp = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  const discover = () => (configuration ??= oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, loopbackHttp ? { execute: [oidc.allowInsecureRequests] } : undefined).catch((error: unknown) => {
    configuration = null;
    throw error;
  }));

  app.get('/logga-in/oidc', async (request, reply) => {
    const { tillbaka, stegvis: stepUpAsked, lank } = request.query as { tillbaka?: string; stegvis?: string; lank?: string };
    // A one-time signing link (signing-link.pages.ts): the first sign-in creates the account, and it is a
    // step-up, since it is what the signature will rest on. The link is checked when the provider answers.
    const link = typeof lank === 'string' && /^[A-Za-z0-9_-]{43}$/u.test(lank) ? lank : null;
    const stegvis = link ? '1' : stepUpAsked;
    // A link that cannot be used goes to its own page (404 or 410) rather than to the provider.
    if (link && (await findSigningLink(db, link, new Date())).status !== 'valid') return reply.redirect(`/att-justera/lank/${link}`, 303);
    const config = await discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const policy = stepUpPolicy();
    // Step-up: a fresh login at the provider (prompt=login, max_age) at the level asked for (acr_values).
    const stepUp = stegvis !== undefined
      ? { prompt: 'login', max_age: String(Math.max(0, Math.floor(policy.minutes * 60))), ...(policy.acr ? { acr_values: policy.acr } : {}) }
      : {};
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...stepUp,
    });
    const flow = JSON.stringify({ verifier, state, nonce, returnTo: safeReturnPath(tillbaka), stepUp: stegvis !== undefined, ...(link ? { link } : {}), id: randomBytes(8).toString('hex') });
    void reply.header('set-cookie', serializeCookie(OIDC_COOKIE, flow, { maxAge: 600, secure: isSecure(request) }));
    return reply.redirect(url.href, 303);
  });

  app.get('/logga-in/oidc/callback', async (request, reply) => {
    const context = request.page;
    const { t } = context;
    const failed = (message: string) => sendPage(reply, signInPage(context, emptyForm, { returnTo: '/', message }), 401);
    let flow: { verifier: string; state: string; nonce: string; returnTo: string; stepUp?: boolean; link?: string };
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
        // A step-up asked for max_age, so the ID token must carry auth_time, which openid-client then checks.
        ...(flow.stepUp ? { maxAge: Math.max(0, Math.floor(stepUpPolicy().minutes * 60)) } : {}),
      });
      claims = tokens.claims();
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect sign-in failed');
      return failed(t.signIn.oidcFailed);
    }
    if (!claims) return failed(t.signIn.oidcFailed);
    // The time of the login is the provider's auth_time, not now: a provider that kept an old login (SSO)
    // instead of asking again gives a time that signing then finds too old.
    const authTime = typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : new Date();
    const acr = typeof claims.acr === 'string' ? claims.acr : null;
    if (flow.link) {
      // The signing link's first sign-in: the use case checks the link and the level, creates the account
      // for the link's person with this identity, and marks the link used.
      try {
        const redeemed = await redeemSigningLinkWithIdentity(db, { token: flow.link, issuer: claims.iss, subject: claims.sub, acr, requiredAcr: stepUpPolicy().acr, now: new Date() });
        return await completeSignIn(request, reply, db, redeemed.account.id, `/att-justera/${redeemed.meetingId}`, { method: 'oidc', at: authTime, issuer: claims.iss, subject: claims.sub, acr });
      } catch (error) {
        if (error instanceof SigningLinkUnusable) return reply.redirect(`/att-justera/lank/${encodeURIComponent(flow.link)}`, 303);
        if (isProtokollError(error) && error.kind === 'input') return failed(t.signingLink.identityRefused);
        throw error;
      }
    }
    const account = await accountForIdentity(db, {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
      emailVerified: claims.email_verified === true,
    });
    if (!account) return failed(t.signIn.oidcUnknownUser);
    return completeSignIn(request, reply, db, account.id, flow.returnTo, {
      method: 'oidc',
      at: authTime,
      issuer: claims.iss,
      subject: claims.sub,
      acr,
    });
  });
}
