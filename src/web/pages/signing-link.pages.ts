/**
 * The one-time signing link by e-mail (issue 16) for a signer without an account: the page says who the
 * link is for and asks them to authenticate (the identity provider when OpenID Connect is configured,
 * otherwise a password they choose here, which creates their account). The checks are the use case's
 * (services/signing-links.service.ts); these routes only translate. The link never shows the minutes:
 * those are on the signing page, after the sign-in.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isProtokollError } from '../../errors.ts';
import { endSession, startSession } from '../../services/accounts.service.ts';
import { findSigningLink, redeemSigningLinkWithPassword, SigningLinkUnusable, type SigningLinkGone } from '../../services/signing-links.service.ts';
import { serializeCookie } from '../cookies.ts';
import { sendPage, type PageContext } from '../context.ts';
import { longDate } from '../format.ts';
import { csrfField, emptyForm, errorSummary, inputField, type FormState } from '../forms.ts';
import { html } from '../html.ts';
import { SESSION_COOKIE, isSecure, type WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';

/** The token is a credential: not cached, and not sent on as a Referer from the page that holds it in its address. */
function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

function gonePage(context: PageContext, reason: 'unknown' | SigningLinkGone) {
  const { t } = context;
  return layout(context, {
    title: t.signingLink.goneTitle,
    section: 'sign',
    body: html`<div class="narrow"><h1>${t.signingLink.goneTitle}</h1>
<p class="lead">${t.signingLink.gone[reason] ?? ''}</p>
<p>${t.signingLink.askSecretary}</p>
<p><a href="/logga-in?tillbaka=%2Fatt-justera">${t.signingLink.signIn}</a></p></div>`,
  });
}

export async function registerSigningLinkPages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  const sendGone = (request: FastifyRequest, reply: FastifyReply, reason: 'unknown' | SigningLinkGone) =>
    sendPage(privateHeaders(reply), gonePage(request.page, reason), reason === 'unknown' ? 404 : 410);

  const linkPage = async (request: FastifyRequest, reply: FastifyReply, token: string, state: FormState = emptyForm, status = 200, message?: string) => {
    const found = await findSigningLink(db, token, new Date());
    if (found.status === 'unknown') return sendGone(request, reply, 'unknown');
    if (found.status === 'gone') return sendGone(request, reply, found.reason);
    const context = request.page;
    const { t, language } = context;
    const meeting = `${found.meeting.bodyName}${found.meeting.heldOn ? ` ${longDate(found.meeting.heldOn, language)}` : ''}`;
    const here = `/att-justera/lank/${token}`;
    const labels = { password: t.signingLink.password, passwordRepeat: t.signingLink.passwordRepeat };
    const authenticate = found.hasAccount
      ? html`<p>${t.signingLink.hasAccount}</p><p><a class="button" href="/logga-in?tillbaka=${encodeURIComponent(`/att-justera/${found.meetingId}`)}">${t.signingLink.signIn}</a></p>`
      : context.oidcEnabled
        ? html`<p>${t.signingLink.oidcLead}</p><p><a class="button" href="/logga-in/oidc?lank=${encodeURIComponent(token)}">${t.signingLink.withOidc}</a></p>`
        : html`${errorSummary(context, state, labels)}
<form method="post" action="${here}" class="card form" novalidate>
  ${csrfField(context)}
  <p>${t.signingLink.passwordLead(found.person.email)}</p>
  <input type="hidden" name="email" value="${found.person.email}" autocomplete="username">
  ${inputField(context, state, { name: 'password', label: labels.password, type: 'password', autocomplete: 'new-password', required: true })}
  ${inputField(context, state, { name: 'passwordRepeat', label: labels.passwordRepeat, type: 'password', autocomplete: 'new-password', required: true })}
  <button type="submit" class="button">${t.signingLink.submit}</button>
</form>`;
    const body = html`<div class="narrow"><h1>${t.signingLink.title}</h1>
<p class="lead">${t.signingLink.forWhom(found.person.name, t.minutes.roles[found.role] ?? found.role, meeting)}</p>
<p>${t.signingLink.why}</p>
${message && html`<div class="error-summary" role="alert"><p>${message}</p></div>`}
${authenticate}</div>`;
    return sendPage(privateHeaders(reply), layout(context, { title: t.signingLink.title, section: 'sign', body }), status);
  };

  app.get('/att-justera/lank/:token', async (request, reply) => linkPage(request, reply, (request.params as { token: string }).token));

  // Without OpenID Connect: the signer chooses a password; the account is created and signed in (the step-up).
  app.post('/att-justera/lank/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const context = request.page;
    const { t } = context;
    const found = await findSigningLink(db, token, new Date());
    if (found.status === 'unknown') return sendGone(request, reply, 'unknown');
    if (found.status === 'gone') return sendGone(request, reply, found.reason);
    // With OpenID Connect the identity provider vouches for the person; a password chosen here would not.
    if (context.oidcEnabled || found.hasAccount) return linkPage(request, reply, token, emptyForm, 400);
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const password = form.get('password') ?? '';
    const errors: Record<string, string> = {};
    if (password.length < 12) errors.password = t.signingLink.tooShort;
    else if (password !== (form.get('passwordRepeat') ?? '')) errors.passwordRepeat = t.signingLink.mismatch;
    if (Object.keys(errors).length) return linkPage(request, reply, token, { values: {}, errors }, 400);
    const now = new Date();
    let redeemed;
    try {
      redeemed = await redeemSigningLinkWithPassword(db, { token, password, now });
    } catch (error) {
      if (error instanceof SigningLinkUnusable) return sendGone(request, reply, error.reason);
      if (isProtokollError(error) && error.kind === 'input') return linkPage(request, reply, token, emptyForm, 409, t.signingLink.emailTaken);
      throw error;
    }
    if (request.sessionToken) await endSession(db, request.sessionToken);
    // The sign-in that created the account is the fresh one signing asks for.
    const session = await startSession(db, { userId: redeemed.account.id, now, authentication: { method: 'password', at: now } });
    void reply.header('set-cookie', serializeCookie(SESSION_COOKIE, session.token, { maxAge: (session.expiresAt.getTime() - now.getTime()) / 1000, secure: isSecure(request) }));
    return privateHeaders(reply).redirect(`/att-justera/${redeemed.meetingId}`, 303);
  });
}
