/**
 * Verifiera protokoll (issue 16): anyone, without signing in, gives a PDF and is told whether it is an
 * adjusted protocol of this installation, who signed it and when, and whether it was changed since.
 * The form carries the CSRF token like every public form; the file is read in memory, never stored.
 */
import type { FastifyInstance } from 'fastify';
import type { SignatureReport } from '../../documents/pades/index.ts';
import { MAX_VERIFY_PDF_BYTES, verifyProtocolPdf, type ProtocolPdfVerification } from '../../services/pdf-verification.service.ts';
import { sendPage, type PageContext } from '../context.ts';
import { csrfField } from '../forms.ts';
import { instant, longDate } from '../format.ts';
import { html, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { MultipartForm } from '../multipart.ts';

export async function registerVerifyPages(app: FastifyInstance, { handle }: WebDependencies): Promise<void> {
  app.get('/verifiera', async (request, reply) => {
    const context = request.page;
    return sendPage(reply, layout(context, { title: context.t.verify.title, body: verifyPage(context, null, null) }));
  });

  app.post('/verifiera', async (request, reply) => {
    const context = request.page;
    const { t } = context;
    const file = request.body instanceof MultipartForm ? request.body.file('pdf') : null;
    if (!file || file.bytes.length === 0) return sendPage(reply, layout(context, { title: t.verify.title, body: verifyPage(context, null, t.verify.noFile) }), 400);
    if (file.bytes.length > MAX_VERIFY_PDF_BYTES) return sendPage(reply, layout(context, { title: t.verify.title, body: verifyPage(context, null, t.verify.tooLarge) }), 413);
    if (!file.bytes.subarray(0, 1024).includes('%PDF-')) return sendPage(reply, layout(context, { title: t.verify.title, body: verifyPage(context, null, t.verify.notPdf) }), 400);
    const result = await verifyProtocolPdf(handle, file.bytes);
    return sendPage(reply, layout(context, { title: t.verify.title, body: verifyPage(context, { fileName: file.fileName, result }, null) }));
  });
}

function verifyPage(context: PageContext, checked: { fileName: string; result: ProtocolPdfVerification } | null, problem: string | null): Html {
  const { t } = context;
  return html`<h1>${t.verify.title}</h1>
<p class="lead">${t.verify.lead}</p>
${problem && html`<div class="error-summary" role="alert"><p>${problem}</p></div>`}
${checked && resultSection(context, checked.fileName, checked.result)}
<form method="post" action="/verifiera" enctype="multipart/form-data" class="card form" novalidate>
  ${csrfField(context)}
  <div class="field"><label for="pdf">${t.verify.file}</label><p class="hint" id="pdf-hint">${t.verify.fileHint}</p>
  <input type="file" id="pdf" name="pdf" accept="application/pdf,.pdf" aria-describedby="pdf-hint" required></div>
  <button type="submit" class="button">${t.verify.submit}</button>
</form>
<p class="hint">${t.verify.offline}</p>`;
}

function resultSection(context: PageContext, fileName: string, result: ProtocolPdfVerification): Html {
  const { t, language } = context;
  const { pdf, protocol } = result;
  const verdictClass = result.verdict === 'unchanged_adjusted_protocol' ? 'flash' : 'error-summary';
  return html`<section class="card" aria-labelledby="resultat-rubrik">
  <h2 id="resultat-rubrik">${t.verify.resultFor(fileName)}</h2>
  <div class="${verdictClass}" role="status"><p><strong>${t.verify.verdict[result.verdict]}</strong></p>
  ${result.match && html`<p>${t.verify.match[result.match]}</p>`}
  ${pdf.signatures.length === 0 ? html`<p>${t.verify.noSignatures}</p>` : !pdf.allValid ? html`<p>${t.verify.invalidSignatures(pdf.signatures.filter((s) => !s.valid).length, pdf.signatures.length)}</p>` : !pdf.unchangedSinceLastSignature ? html`<p>${t.verify.changedAfterLast}</p>` : ''}
  </div>
  ${protocol && html`<dl class="facts">
    <div><dt>${t.verify.protocol}</dt><dd>${protocol.organizationName ?? ''} – ${protocol.bodyName} ${protocol.heldOn ? longDate(protocol.heldOn, language) : ''}</dd></div>
    ${protocol.adjustedOn && html`<div><dt>${t.verify.adjustedOn}</dt><dd>${longDate(protocol.adjustedOn, language)} · <a href="/arkiv/sammantraden/${protocol.meetingId}">${t.verify.archiveLink}</a></dd></div>`}
  </dl>`}
  <h3>${t.verify.signaturesHeading}</h3>
  ${pdf.signatures.length > 0 && html`<table class="data-table"><caption class="visually-hidden">${t.verify.signaturesHeading}</caption>
  <thead><tr><th scope="col">${t.verify.columns.name}</th><th scope="col">${t.verify.columns.reason}</th><th scope="col">${t.verify.columns.time}</th><th scope="col">${t.verify.columns.valid}</th></tr></thead>
  <tbody>${pdf.signatures.map((s) => signatureRow(context, s))}</tbody></table>`}
  <p class="hint">SHA-256: <code>${pdf.sha256}</code></p>
</section>`;
}

function signatureRow(context: PageContext, signature: SignatureReport): Html {
  const { t, language } = context;
  const time = signature.timestamp?.at ?? signature.claimedSigningTime;
  return html`<tr><td>${signature.name ?? ''}<br><span class="hint">${signature.contactInfo ?? ''}</span></td><td>${signature.reason ?? ''}</td><td>${time ? instant(time, language) : ''}${signature.timestamp ? html` (${t.verify.timestamped})` : ''}</td><td>${signature.valid ? t.verify.valid : t.verify.invalid}</td></tr>`;
}
