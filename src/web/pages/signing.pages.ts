/**
 * The signers' pages (issue 16): the minutes awaiting a signature, the signing page with the protocol PDF
 * itself shown inline and its SHA-256, signing (which asks for a recent sign-in first, step-up), the
 * receipt afterwards, and refusal with a reason.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, LegalCheckError, isProtokollError } from '../../errors.ts';
import { requireMemberOfMeeting, type Viewer } from '../../services/accounts.service.ts';
import {
  getMeetingOverview,
  getSignatureReceipt,
  listAwaitingSignature,
  readDocumentToSign,
  rejectMinutes,
  signMinutes,
  signingConfigurationOf,
  usesSelfSignedCertificate,
  type MeetingOverview,
} from '../../services/meeting-cycle.service.ts';
import { actorOf, sendPage, requireViewer } from '../context.ts';
import { instant, longDate, shortDate } from '../format.ts';
import { csrfField, emptyForm, errorSummary, formStateFrom, textareaField, type FormState } from '../forms.ts';
import { html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { attendanceSection, paragraphArticle, signaturesSection } from '../minutes-view.ts';
import { listParagraphPublicity } from '../../services/publication.service.ts';
import { legalReasonInput, legalStepFeedback, legalStepStateOf, type LegalStepState } from './legal-findings.view.ts';


function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

/** Where a signer proves again who they are before signing, and comes back to `returnTo`. */
export function stepUpPath(returnTo: string): string {
  return `/logga-in/bekrafta?tillbaka=${encodeURIComponent(returnTo)}`;
}

export async function registerSigningPages(app: FastifyInstance, { handle }: WebDependencies): Promise<void> {
  const { db } = handle;

  app.get('/att-justera', async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const awaiting = viewer.personId ? await listAwaitingSignature(db, viewer.personId) : [];
    const body = html`<h1>${t.signing.title}</h1><p class="lead">${t.signing.lead}</p>
${!viewer.personId ? html`<p>${t.signing.notLinked}</p>` : awaiting.length === 0 ? html`<p class="empty">${t.signing.none}</p>` : html`<ul class="meeting-list">${awaiting.map(
      (m) => html`<li class="meeting-row"><span><strong>${m.bodyName}</strong> ${m.heldOn ? longDate(m.heldOn, language) : ''}<span class="person-role">${m.organizationName ?? ''}</span></span>
      <a class="button" href="/att-justera/${m.id}">${t.signing.open}<span class="visually-hidden">: ${m.bodyName} ${m.heldOn ?? ''}</span></a></li>`,
    )}</ul>`}`;
    return sendPage(reply, layout(context, { title: t.signing.title, section: 'sign', body }));
  });

  const requirePendingSigner = async (viewer: Viewer, meetingId: string, today: string): Promise<MeetingOverview> => {
    await requireMemberOfMeeting(db, viewer, meetingId);
    const overview = await getMeetingOverview(db, meetingId, { today });
    const pending = overview.signatures.some((s) => s.personId !== null && s.personId === viewer.personId && s.status === 'pending');
    if (!pending || overview.meeting.status !== 'finalised') throw new ForbiddenError('not_a_signer', 'you have nothing to sign in this meeting', { meetingId });
    return overview;
  };

  /** Whether the viewer's sign-in is recent enough (and at the level asked) to sign now. */
  const signInIsFresh = (viewer: Viewer): boolean => {
    const policy = signingConfigurationOf(handle);
    const at = viewer.authentication?.at;
    if (!at || Date.now() - at.getTime() > policy.stepUpMinutes * 60_000) return false;
    return !policy.requiredAcr || viewer.authentication?.acr === policy.requiredAcr;
  };

  const signingPage = async (request: FastifyRequest, reply: FastifyReply, meetingId: string, rejectState: FormState = emptyForm, status = 200, signState: LegalStepState | null = null) => {
    const viewer = requireViewer(request);
    const overview = await requirePendingSigner(viewer, meetingId, request.page.today);
    const context = request.page;
    const { t, language } = context;
    const title = `${overview.body.name} ${overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, language) : ''}`;
    const sha256 = overview.meeting.minutesSha256 ?? '';
    const pdfPath = `/att-justera/${meetingId}/protokoll.pdf`;
    const here = `/att-justera/${meetingId}`;
    const minutes = policyMinutes(signingConfigurationOf(handle).stepUpMinutes);
    const publicity = await listParagraphPublicity(db, meetingId);
    // The PDF frame is left out of the tab order: a browser's PDF viewer inside it can hold the focus, and
    // the same content follows as text, which keyboard and screen-reader users read instead.
    const body = html`<p class="overline">${t.signing.title}</p>
<h1>${title}</h1>
<p class="lead">${t.signing.readCarefully}</p>
<section class="card" aria-labelledby="dokument-rubrik">
  <h2 id="dokument-rubrik">${t.signing.documentHeading}</h2>
  <p>${t.signing.documentLead}</p>
  <iframe class="pdf-frame" src="${pdfPath}" title="${t.signing.documentFrameTitle(title)}" tabindex="-1"></iframe>
  <p><a href="${pdfPath}" download>${t.signing.downloadDocument}</a></p>
  <p class="hint">${t.signing.documentHash}: <code>${sha256}</code></p>
</section>
<section aria-labelledby="text-rubrik">
<h2 id="text-rubrik">${t.signing.asText}</h2>
${attendanceSection(context, overview.minutes)}
${overview.minutes.items.map((item, i) => paragraphArticle(context, { number: item.number, item, confidential: publicity[i]?.confidential ?? false }, i))}
</section>
${signaturesSection(context, overview.minutes)}
<section class="card" aria-labelledby="signera-rubrik">
  <h2 id="signera-rubrik">${t.signing.sign}</h2>
  <p>${t.signing.whatSigningDoes}</p>
  ${usesSelfSignedCertificate(handle) && html`<p class="hint">${t.signing.selfSigned}</p>`}
  ${signInIsFresh(viewer)
    ? html`${legalStepFeedback(context, signState, { paragraph: (n) => `#paragraf-${n}`, attendance: null, kallelse: null })}
    <form method="post" action="${here}/signera" novalidate>${csrfField(context)}<input type="hidden" name="documentSha256" value="${sha256}">${legalReasonInput(context, signState)}<button type="submit" class="button">${signState?.code === 'legal_reason_required' ? t.legal.submitWithReason : t.signing.sign}</button></form>`
    : html`<p>${t.signing.stepUpNeeded(minutes)}</p><p><a class="button" href="${stepUpPath(here)}">${t.signing.stepUp}</a></p>`}
</section>
<section class="card" aria-labelledby="atervisa-rubrik">
  <h2 id="atervisa-rubrik">${t.signing.reject}</h2>
  ${errorSummary(context, rejectState, { reason: t.signing.rejectReason })}
  <form method="post" action="${here}/atervisa" novalidate>${csrfField(context)}
    ${textareaField(context, rejectState, { name: 'reason', label: t.signing.rejectReason, hint: t.signing.rejectHint, rows: 3, required: true })}
    <button type="submit" class="button danger">${t.signing.reject}</button>
  </form>
</section>`;
    return sendPage(reply, layout(context, { title, section: 'sign', body, breadcrumbs: [{ label: t.signing.title, href: '/att-justera' }, { label: title }] }), status);
  };

  app.get('/att-justera/:meetingId', async (request, reply) => signingPage(request, reply, (request.params as { meetingId: string }).meetingId));

  // The finalised document exactly as stored, to be read in the page: the only answer that may be framed, and only by this site.
  app.get('/att-justera/:meetingId/protokoll.pdf', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    await requirePendingSigner(requireViewer(request), meetingId, request.page.today);
    const document = await readDocumentToSign(handle, meetingId);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${encodeURIComponent(document.name)}"`)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(document.bytes));
  });

  app.post('/att-justera/:meetingId/signera', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requirePendingSigner(viewer, meetingId, request.page.today);
    const documentSha256 = formOf(request).get('documentSha256') || undefined;
    const legalReason = formOf(request).get('legalReason') ?? undefined;
    try {
      await signMinutes(handle, meetingId, { at: new Date(), ...(documentSha256 ? { documentSha256 } : {}), legalReason }, actorOf(viewer));
    } catch (error) {
      // The law's checks refuse, or ask the signer's reason for a warning: the same page, with the findings.
      if (error instanceof LegalCheckError) return signingPage(request, reply, meetingId, emptyForm, 422, legalStepStateOf(error, legalReason));
      // The sign-in is too old (or not at the level asked): prove it again, then back to this page.
      if (isProtokollError(error) && error.code === 'step_up_required') return reply.redirect(stepUpPath(`/att-justera/${meetingId}`), 303);
      throw error;
    }
    return reply.redirect(`/att-justera/${meetingId}/kvitto`, 303);
  });

  app.get('/att-justera/:meetingId/kvitto', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireMemberOfMeeting(db, viewer, meetingId);
    const receipt = await getSignatureReceipt(handle, meetingId, viewer.personId);
    const context = request.page;
    const { t, language } = context;
    const title = t.signing.receiptTitle;
    const how = receipt.authentication;
    const body = html`<h1>${title}</h1>
<div class="flash" role="status"><p>${t.signing.signedThanks}</p>${receipt.adjusted && html`<p>${t.signing.adjustedNow}</p>`}</div>
<dl class="facts">
  <div><dt>${t.signing.receipt.who}</dt><dd>${receipt.name ?? ''} (${t.minutes.roles[receipt.role] ?? receipt.role})</dd></div>
  <div><dt>${t.signing.receipt.when}</dt><dd>${instant(receipt.signedAt, language)}</dd></div>
  <div><dt>${t.signing.receipt.what}</dt><dd>${receipt.bodyName} ${receipt.heldOn ? longDate(receipt.heldOn, language) : ''}</dd></div>
  <div><dt>${t.signing.documentHash}</dt><dd><code>${receipt.documentSha256 ?? ''}</code></dd></div>
  <div><dt>${t.signing.receipt.fileAfter}</dt><dd><code>${receipt.fileSha256 ?? ''}</code></dd></div>
  <div><dt>${t.signing.receipt.how}</dt><dd>${t.signing.receipt.method(how.method ?? '', how.at ? instant(how.at, language) : null)}${how.subject && html`<br>${t.signing.receipt.identity(how.issuer ?? '', how.subject, how.acr)}`}</dd></div>
</dl>
<p><a href="/att-justera">${t.signing.backToList}</a> · <a href="/verifiera">${t.verify.title}</a></p>`;
    return sendPage(reply, layout(context, { title, section: 'sign', body, breadcrumbs: [{ label: t.signing.title, href: '/att-justera' }, { label: title }] }));
  });

  app.post('/att-justera/:meetingId/atervisa', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requirePendingSigner(viewer, meetingId, request.page.today);
    const values = Object.fromEntries([...formOf(request)].filter(([key]) => key !== '_csrf'));
    const { t } = request.page;
    if (!values.reason?.trim()) return signingPage(request, reply, meetingId, formStateFrom(t, values, [{ path: 'reason', code: 'required', message: 'reason' }]), 400);
    await rejectMinutes(db, meetingId, { at: new Date(), reason: values.reason.trim() }, actorOf(viewer));
    return reply.redirect('/att-justera', 303);
  });
}

function policyMinutes(minutes: number): number {
  return Math.round(minutes * 10) / 10;
}
