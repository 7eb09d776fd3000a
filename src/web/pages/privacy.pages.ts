/**
 * The secretary's review of personal data before the web (issue 17, docs/personal-data.md): the findings
 * with their place in the text, a masking form per finding and one for any part of any text (by the exact
 * text or by start and end: no script needed), findings marked as reviewed with a reason, §§ and
 * attachments withheld whole, and the masked copy handed out on a begäran om allmän handling. The use
 * cases (services/privacy.service) check who may do each; a refused form comes back with its errors.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseTargetKey, targetKey } from '../../domain/personal-data/public-view.ts';
import { InputError } from '../../errors.ts';
import { getMeetingOverview } from '../../services/meeting-cycle.service.ts';
import {
  getPersonalDataReview,
  markFindingReviewed,
  maskSpan,
  producePublicCopy,
  removeMasking,
  withholdPart,
  type PersonalDataReview,
} from '../../services/privacy.service.ts';
import { actorOf, requireViewer, sendPage, type PageContext } from '../context.ts';
import { shortDate } from '../format.ts';
import { checkboxField, csrfField, errorSummary, formStateFrom, inputField, selectField, type FormState } from '../forms.ts';
import { html, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';

/** The reasons offered: the OSL sections minutes most often need, and the data protection regulation. */
const REASONS = ['OSL 21:7', 'OSL 26:1', 'OSL 25:1', 'OSL 39:3', 'OSL 23:1', 'OSL 35:1', 'GDPR art. 6', 'GDPR art. 9', 'GDPR art. 10'];

export function privacyHref(meetingId: string): string {
  return `/arbetsyta/sammantraden/${meetingId}/personuppgifter`;
}

function reasonChoices(): { value: string; label: string }[] {
  return REASONS.map((r) => ({ value: r, label: r }));
}

/** The found text in its context, the found part marked. */
function excerpt(text: string, start: number, end: number): Html {
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  return html`${from > 0 ? '…' : ''}${text.slice(from, start)}<mark>${text.slice(start, end)}</mark>${text.slice(end, to)}${to < text.length ? '…' : ''}`;
}

function reviewPage(context: PageContext, meetingId: string, heading: string, review: PersonalDataReview, form: FormState, flash: string | null): Html {
  const { t, language } = context;
  const p = t.privacy;
  const action = (path: string) => `${privacyHref(meetingId)}/${path}`;
  const textOf = new Map(review.texts.map((x) => [targetKey(x.target), x.text]));
  const placeLabel = (place: { sv: string; en: string }) => (language === 'sv' ? place.sv : place.en);
  const labels = { reason: p.reason, target: p.field, exactText: p.exactText, start: p.start, requestedBy: p.requestedBy, handedOutOn: p.handedOutOn, targetId: p.part };
  const paragraphs = review.texts.filter((x) => x.target.kind === 'paragraph' && x.target.field === 'title');
  const attachments = review.texts.filter((x) => x.target.kind === 'attachment');
  return html`<p class="overline">${heading}</p>
<h1>${p.title}</h1>
<p class="lead">${p.lead}</p>
${flash && html`<div class="flash" role="status"><p>${flash}</p></div>`}
${errorSummary(context, form, labels)}
<div class="${review.held ? 'notice notice-warning' : 'notice'}" role="status"><p>${review.held ? p.held : p.notHeld}</p></div>
<section class="card" aria-labelledby="fynd-rubrik">
  <h2 id="fynd-rubrik">${p.findingsTitle}</h2>
  ${review.findings.length === 0
    ? html`<p>${p.noFindings}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${p.findingsTitle}</caption>
  <thead><tr><th scope="col">${p.place}</th><th scope="col">${p.kind}</th><th scope="col">${p.found}</th><th scope="col">${p.state}</th></tr></thead>
  <tbody>${review.findings.map((f, i) => {
    const key = targetKey(f.target);
    return html`<tr${f.blocking && !f.handled && html` class="row-error"`}>
    <th scope="row">${placeLabel(f.place)}, ${String(f.start)}–${String(f.end)}</th>
    <td>${p.kinds[f.kind] ?? f.kind}${f.blocking && html` <strong>(${p.blocking})</strong>`}</td>
    <td>${excerpt(textOf.get(key) ?? f.text, f.start, f.end)}</td>
    <td>${f.handled ? html`${p.states[f.handled] ?? f.handled}${f.reviewReason && html`: ${f.reviewReason}`}` : html`${p.open}
      <form method="post" action="${action('maskera')}" class="stacked-form">${csrfField(context)}
        <input type="hidden" name="target" value="${key}"><input type="hidden" name="start" value="${String(f.start)}"><input type="hidden" name="end" value="${String(f.end)}">
        <label for="fynd-${String(i)}-skal">${p.reason}</label>
        <select id="fynd-${String(i)}-skal" name="reason">${reasonChoices().map((c) => html`<option value="${c.value}">${c.label}</option>`)}</select>
        <button type="submit" class="button small">${p.mask}<span class="visually-hidden"> ${f.text}</span></button>
      </form>
      <form method="post" action="${action('granska')}" class="stacked-form">${csrfField(context)}
        <input type="hidden" name="target" value="${key}"><input type="hidden" name="start" value="${String(f.start)}"><input type="hidden" name="end" value="${String(f.end)}">
        <label for="fynd-${String(i)}-granskning">${p.reviewReason}</label>
        <input id="fynd-${String(i)}-granskning" name="reviewReason" type="text" class="input-medium">
        <button type="submit" class="button small secondary">${p.review}<span class="visually-hidden"> ${f.text}</span></button>
      </form>`}</td>
  </tr>`;
  })}</tbody></table>`}
</section>
<section class="card" aria-labelledby="maskeringar-rubrik">
  <h2 id="maskeringar-rubrik">${p.maskingsTitle}</h2>
  ${review.maskings.length === 0
    ? html`<p>${p.noMaskings}</p>`
    : html`<ul class="plain">${review.maskings.map(
        (m) => html`<li>${placeLabel(m.place)}, ${String(m.start)}–${String(m.end)}: [maskerat enligt ${m.reason}]${m.stale && html` <strong>${p.stale}</strong>`}
      <form method="post" action="${action(`maskeringar/${m.id}/ta-bort`)}" class="inline-form">${csrfField(context)}<button type="submit" class="link-button">${p.remove}</button></form></li>`,
      )}</ul>`}
  <h3>${p.maskTextTitle}</h3>
  <p>${p.maskTextLead}</p>
  <form method="post" action="${action('maskera')}" novalidate>
    ${csrfField(context)}
    ${selectField(context, form, { name: 'target', label: p.field, required: true, choices: review.texts.map((x) => ({ value: targetKey(x.target), label: `${placeLabel(x.place)}: ${x.text.slice(0, 60)}` })) })}
    ${inputField(context, form, { name: 'exactText', label: p.exactText, required: false })}
    ${inputField(context, form, { name: 'start', label: p.start, type: 'number', width: 'short', required: false })}
    ${inputField(context, form, { name: 'end', label: p.end, type: 'number', width: 'short', required: false })}
    ${selectField(context, form, { name: 'reason', label: p.reason, hint: p.reasonHint, required: true, choices: reasonChoices() })}
    <button type="submit" class="button">${p.mask}</button>
  </form>
</section>
<section class="card" aria-labelledby="undanta-rubrik">
  <h2 id="undanta-rubrik">${p.withholdTitle}</h2>
  ${review.withheld.length > 0 &&
  html`<h3>${p.withheldTitle}</h3><ul class="plain">${review.withheld.map(
    (w) => html`<li>${review.texts.find((x) => (x.target.kind === 'paragraph' && x.target.paragraphId === w.targetId && x.target.field === 'title') || (x.target.kind === 'attachment' && x.target.attachmentId === w.targetId))?.text.slice(0, 80) ?? w.targetId}: ${w.reason}
      <form method="post" action="${action('undanta')}" class="inline-form">${csrfField(context)}<input type="hidden" name="targetId" value="${w.targetKind}:${w.targetId}"><input type="hidden" name="reason" value=""><button type="submit" class="link-button">${p.publishAgain}</button></form></li>`,
  )}</ul>`}
  <form method="post" action="${action('undanta')}" novalidate>
    ${csrfField(context)}
    ${selectField(context, form, {
      name: 'targetId',
      label: p.part,
      required: true,
      choices: [
        ...paragraphs.map((x) => ({ value: `paragraph:${x.target.kind === 'paragraph' ? x.target.paragraphId : ''}`, label: `${placeLabel(x.place).split(',')[0]} ${x.text}` })),
        ...attachments.map((x) => ({ value: `attachment:${x.target.kind === 'attachment' ? x.target.attachmentId : ''}`, label: placeLabel(x.place) })),
      ],
    })}
    ${selectField(context, form, { name: 'reason', label: p.reason, hint: p.reasonHint, required: true, choices: reasonChoices() })}
    ${checkboxField(form, { name: 'showTitle', label: p.showTitle })}
    <button type="submit" class="button secondary">${p.withhold}</button>
  </form>
</section>
<section class="card" aria-labelledby="kopia-rubrik">
  <h2 id="kopia-rubrik">${p.copyTitle}</h2>
  <p>${p.copyLead}</p>
  <form method="post" action="${action('kopia')}" novalidate>
    ${csrfField(context)}
    ${inputField(context, form, { name: 'requestedBy', label: p.requestedBy, hint: p.requestedByHint, required: true })}
    ${inputField(context, { ...form, values: { handedOutOn: context.today, ...form.values } }, { name: 'handedOutOn', label: p.handedOutOn, type: 'date', width: 'short', required: true })}
    <button type="submit" class="button secondary">${p.produceCopy}</button>
  </form>
</section>
<p><a href="/arbetsyta/sammantraden/${meetingId}">${t.work.paragraph.back}</a></p>`;
}

export async function registerPrivacyPages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  const show = async (request: FastifyRequest, reply: FastifyReply, meetingId: string, form: FormState | null, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    // The use case checks that the viewer is the body's secretary before anything of the meeting is read.
    const review = await getPersonalDataReview(db, meetingId, actorOf(viewer));
    const overview = await getMeetingOverview(db, meetingId, { today: context.today });
    const when = overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, context.language) : '';
    const query = request.query as { sparad?: string };
    const flash = query.sparad === 'maskering' ? context.t.privacy.masked : query.sparad ? context.t.privacy.saved : null;
    const body = reviewPage(context, meetingId, `${overview.body.name} · ${when}`, review, form ?? { values: {}, errors: {} }, flash);
    return sendPage(
      reply,
      layout(context, {
        title: `${context.t.privacy.title}: ${overview.body.name} ${when}`,
        section: 'workspace',
        body,
        breadcrumbs: [
          { label: context.t.work.title, href: '/arbetsyta' },
          { label: overview.body.name, href: `/arbetsyta/organ/${overview.body.id}` },
          { label: when || '–', href: `/arbetsyta/sammantraden/${meetingId}` },
          { label: context.t.privacy.title },
        ],
      }),
      status,
    );
  };

  /** Runs a form's use case; on bad input the page comes back with the errors and what was typed (400). */
  const submit = async (request: FastifyRequest, reply: FastifyReply, work: (form: URLSearchParams, meetingId: string) => Promise<string>) => {
    const { meetingId } = request.params as { meetingId: string };
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    try {
      const saved = await work(form, meetingId);
      return reply.redirect(`${privacyHref(meetingId)}?sparad=${saved}`, 303);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const values = Object.fromEntries([...form.entries()].filter(([name]) => name !== '_csrf'));
      const fieldOf = (path: string) => ({ reason: 'reason', exactText: 'exactText', start: 'start', end: 'start', target: 'target', requestedBy: 'requestedBy', handedOutOn: 'handedOutOn', targetId: 'targetId' })[path] ?? 'reason';
      return show(request, reply, meetingId, formStateFrom(request.page.t, values, error.problems.map((p) => ({ ...p, message: request.page.t.privacy.codes[p.code] ?? p.message })), fieldOf), 400);
    }
  };

  const optionalNumber = (value: string | null) => (value && value.trim() !== '' ? Number(value) : null);
  const targetOf = (form: URLSearchParams) => {
    const target = parseTargetKey(form.get('target') ?? '');
    if (!target) throw new InputError({ path: 'target', code: 'unknown_text', message: 'choose a text of the minutes' });
    return target;
  };

  app.get('/arbetsyta/sammantraden/:meetingId/personuppgifter', async (request, reply) => show(request, reply, (request.params as { meetingId: string }).meetingId, null));

  app.post('/arbetsyta/sammantraden/:meetingId/personuppgifter/maskera', async (request, reply) =>
    submit(request, reply, async (form, meetingId) => {
      const actor = actorOf(requireViewer(request));
      // Access first (an empty form from someone else is a "not found", not a list of errors).
      await getPersonalDataReview(db, meetingId, actor);
      const exactText = form.get('exactText')?.trim() || null;
      await maskSpan(db, meetingId, { target: targetOf(form), start: optionalNumber(form.get('start')), end: optionalNumber(form.get('end')), exactText, reason: form.get('reason') ?? '' }, actor);
      return 'maskering';
    }),
  );

  app.post('/arbetsyta/sammantraden/:meetingId/personuppgifter/granska', async (request, reply) =>
    submit(request, reply, async (form, meetingId) => {
      const actor = actorOf(requireViewer(request));
      await getPersonalDataReview(db, meetingId, actor);
      await markFindingReviewed(db, meetingId, { target: targetOf(form), start: Number(form.get('start')), end: Number(form.get('end')), reason: form.get('reviewReason') ?? '' }, actor);
      return 'granskad';
    }),
  );

  app.post('/arbetsyta/sammantraden/:meetingId/personuppgifter/maskeringar/:maskingId/ta-bort', async (request, reply) => {
    const { meetingId, maskingId } = request.params as { meetingId: string; maskingId: string };
    await removeMasking(db, meetingId, maskingId, actorOf(requireViewer(request)));
    return reply.redirect(`${privacyHref(meetingId)}?sparad=borttagen`, 303);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/personuppgifter/undanta', async (request, reply) =>
    submit(request, reply, async (form, meetingId) => {
      const actor = actorOf(requireViewer(request));
      await getPersonalDataReview(db, meetingId, actor);
      // "paragraph:<id>" or "attachment:<id>"; an empty reason publishes the part again.
      const [kind, targetId = ''] = (form.get('targetId') ?? '').split(':');
      if (kind !== 'paragraph' && kind !== 'attachment') throw new InputError({ path: 'targetId', code: 'unknown_part', message: 'choose a § or an attachment' });
      const reason = form.get('reason') ?? '';
      await withholdPart(db, meetingId, { kind, targetId, reason: reason === '' ? null : reason, showTitle: form.has('showTitle') }, actor);
      return 'undantag';
    }),
  );

  app.post('/arbetsyta/sammantraden/:meetingId/personuppgifter/kopia', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    try {
      const copy = await producePublicCopy(handle, meetingId, { requestedBy: form.get('requestedBy') ?? '', handedOutOn: form.get('handedOutOn') ?? '' }, actorOf(requireViewer(request)));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="maskerad-kopia-${meetingId}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(copy.pdf);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const values = { requestedBy: form.get('requestedBy') ?? '', handedOutOn: form.get('handedOutOn') ?? '' };
      return show(request, reply, meetingId, formStateFrom(request.page.t, values, error.problems), 400);
    }
  });
}
