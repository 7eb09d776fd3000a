/**
 * The documents of a meeting: underlag attached to §§ by the secretary (a file upload), downloaded by
 * those who may read the meeting; certified extracts (protokollsutdrag) of adjusted §§ as PDF; and the
 * omedelbar justering of a single § at the meeting. The steps are use cases of services/meeting-cycle.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, LegalCheckError, NotFoundError, RuleError, type Problem } from '../../errors.ts';
import { requireMemberOfMeeting, requireSecretaryOfMeeting } from '../../services/accounts.service.ts';
import {
  attachDocument,
  createExtract,
  exportMinutes,
  getMeetingOverview,
  MAX_ATTACHMENT_BYTES,
  readFileForDownload,
  type MeetingOverview,
} from '../../services/meeting-cycle.service.ts';
import { INLINE_PDF_POLICY, sendPage, type PageContext, requireViewer } from '../context.ts';
import { shortDate } from '../format.ts';
import { csrfField, errorSummary, formStateFrom, inputField, selectField, type FormState } from '../forms.ts';
import { html, nonEmpty, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';
import { legalStepFeedback, legalStepStateOf, type LegalStepState } from './legal-findings.view.ts';
import { MultipartForm } from '../multipart.ts';

type Documents = MeetingOverview['documents'];


/** The protocol of a meeting as PDF (a preview until it is adjusted) or as an editable Word document. */
export function protocolHref(meetingId: string, format: 'pdf' | 'docx'): string {
  return `/sammantraden/${meetingId}/protokoll.${format}`;
}

/** Where a document of a meeting is downloaded: the route checks that the reader may see the meeting. */
export function documentHref(meetingId: string, fileId: string): string {
  return `/sammantraden/${meetingId}/handlingar/${fileId}`;
}

/** The documents of one §, as links, for the agendas of the secretary and the members. */
export function documentLinks(context: PageContext, meetingId: string, documents: Documents, paragraphId: string | undefined): Html {
  const mine = documents.filter((d) => d.paragraphId === paragraphId);
  if (!nonEmpty(mine)) return html``;
  return html`<ul class="document-list" aria-label="${context.t.documents.title}">${mine.map(
    (d) => html`<li><a href="${documentHref(meetingId, d.fileId)}">${d.title}</a></li>`,
  )}</ul>`;
}

/** Whether a meeting's minutes can still change (underlag can be attached, §§ adjusted at the meeting). */
export function isEditable(status: string): boolean {
  return ['planned', 'convened', 'held'].includes(status);
}

/** The §§ an extract may hold: every numbered § of adjusted minutes, else those adjusted at the meeting. */
export function extractableParagraphs(overview: MeetingOverview): number[] {
  const adjusted = overview.meeting.status === 'adjusted' || overview.meeting.status === 'archived';
  const immediately = new Set((overview.approval?.immediateAdjustments ?? []).map((a) => a.paragraph));
  return overview.minutes.items.flatMap((item) => (item.number !== null && (adjusted || immediately.has(item.number)) ? [item.number] : []));
}

export async function registerDocumentPages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  // ————— underlag —————

  const documentsPage = async (request: FastifyRequest, reply: FastifyReply, meetingId: string, state: FormState | null, status = 200) => {
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const context = request.page;
    const { t, language } = context;
    const d = t.documents;
    const overview = await getMeetingOverview(db, meetingId, { today: context.today });
    const form = state ?? { values: {}, errors: {} };
    const when = overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, language) : '';
    const title = `${d.title}: ${overview.body.name} ${when}`;
    const attached = (request.query as { bifogad?: string }).bifogad;
    const choices = overview.minutes.items.map((item, i) => ({ value: overview.paragraphIds[i]!, label: `${paragraphLabel(item.number)} ${item.title}` }));
    const body = html`<p class="overline">${overview.body.name} · ${when}</p>
<h1>${d.title}</h1>
<p class="lead">${d.lead}</p>
${attached && html`<div class="flash" role="status"><p>${d.attached(attached)}</p></div>`}
<section class="card" aria-labelledby="handlingar-rubrik">
  <h2 id="handlingar-rubrik">${t.work.agenda}</h2>
  <ol class="plain">${overview.minutes.items.map(
    (item, i) => html`<li class="meeting-row"><span><span class="paragraph-number">${paragraphLabel(item.number)}</span> ${item.title}
    ${documentLinks(context, meetingId, overview.documents, overview.paragraphIds[i])}</span></li>`,
  )}</ol>
  ${overview.documents.length === 0 && html`<p>${d.none}</p>`}
</section>
${isEditable(overview.meeting.status) &&
html`<section class="card" aria-labelledby="bifoga-rubrik">
  <h2 id="bifoga-rubrik">${d.attach}</h2>
  ${errorSummary(context, form, { paragraphId: d.paragraph, title: d.documentTitle, file: d.file })}
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/handlingar" enctype="multipart/form-data" novalidate>
    ${csrfField(context)}
    ${selectField(context, form, { name: 'paragraphId', label: d.paragraph, required: true, choices })}
    ${inputField(context, form, { name: 'title', label: d.documentTitle, hint: d.documentTitleHint, required: true })}
    ${fileField(context, form, { name: 'file', label: d.file, hint: d.fileHint(MAX_ATTACHMENT_BYTES / 1024 / 1024) })}
    <button type="submit" class="button">${d.attachSubmit}</button>
  </form>
</section>`}
<p><a href="/arbetsyta/sammantraden/${meetingId}">${t.work.paragraph.back}</a></p>`;
    return sendPage(
      reply,
      layout(context, {
        title,
        section: 'workspace',
        body,
        breadcrumbs: [
          { label: t.work.title, href: '/arbetsyta' },
          { label: overview.body.name, href: `/arbetsyta/organ/${overview.body.id}` },
          { label: when || '–', href: `/arbetsyta/sammantraden/${meetingId}` },
          { label: d.title },
        ],
      }),
      status,
    );
  };

  app.get('/arbetsyta/sammantraden/:meetingId/handlingar', async (request, reply) => documentsPage(request, reply, (request.params as { meetingId: string }).meetingId, null));

  app.post('/arbetsyta/sammantraden/:meetingId/handlingar', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const { t } = request.page;
    const form = request.body instanceof MultipartForm ? request.body : new MultipartForm(new URLSearchParams(), []);
    const values = { paragraphId: form.fields.get('paragraphId') ?? '', title: form.fields.get('title') ?? '' };
    const file = form.file('file');
    const problems: Problem[] = [];
    const overview = await getMeetingOverview(db, meetingId, { today: request.page.today });
    if (!overview.paragraphIds.includes(values.paragraphId)) problems.push({ path: 'paragraphId', code: 'required', message: 'choose a §' });
    if (!values.title.trim()) problems.push({ path: 'title', code: 'required', message: 'title' });
    if (!file || (file.fileName === '' && file.bytes.length === 0)) problems.push({ path: 'file', code: 'no_file', message: 'choose a file' });
    const fieldOf = (path: string) => (path === 'content-type' || path === 'body' ? 'file' : path);
    const messages = { ...t.errors.codes, ...t.documents.codes };
    const stateOf = (list: Problem[]) => {
      const state = formStateFrom(t, values, list, fieldOf);
      for (const problem of list) if (messages[problem.code]) state.errors[fieldOf(problem.path)] = messages[problem.code]!;
      return state;
    };
    if (problems.length) return documentsPage(request, reply, meetingId, stateOf(problems), 400);
    try {
      await attachDocument(handle, values.paragraphId, { title: values.title, bytes: file!.bytes, contentType: file!.contentType, originalName: file!.fileName || null }, { userId: viewer.id, personId: viewer.personId, name: viewer.name });
    } catch (error) {
      if (error instanceof InputError) return documentsPage(request, reply, meetingId, stateOf(error.problems), 400);
      throw error;
    }
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}/handlingar?bifogad=${encodeURIComponent(values.title.trim())}`, 303);
  });

  // Anyone who may read the meeting (members, signers, secretaries) downloads its documents; only files of this meeting.
  app.get('/sammantraden/:meetingId/handlingar/:fileId', async (request, reply) => {
    const { meetingId, fileId } = request.params as { meetingId: string; fileId: string };
    const viewer = requireViewer(request);
    await requireMemberOfMeeting(db, viewer, meetingId);
    const overview = await getMeetingOverview(db, meetingId, { today: request.page.today });
    const document = overview.documents.find((d) => d.fileId === fileId);
    if (!document) throw new NotFoundError('file_not_found', `no document ${fileId} in meeting ${meetingId}`);
    const file = await readFileForDownload(handle, fileId);
    const name = (file.name ?? document.title).replace(/[^\p{L}\p{N}._ -]+/gu, '_');
    const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'handling';
    // A PDF opens in the browser's reader (members read underlag on screen); anything else is saved, so
    // that no uploaded HTML, SVG or script runs on this site.
    const disposition = file.contentType === 'application/pdf' ? 'inline' : 'attachment';
    if (disposition === 'inline') void reply.header('content-security-policy', INLINE_PDF_POLICY);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.bytes));
  });

  // ————— protokollsutdrag —————

  const extractPage = async (request: FastifyRequest, reply: FastifyReply, meetingId: string, state: FormState | null, status = 200, legal: LegalStepState | null = null) => {
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const context = request.page;
    const { t, language } = context;
    const e = t.extract;
    const overview = await getMeetingOverview(db, meetingId, { today: context.today });
    const numbers = extractableParagraphs(overview);
    const form = state ?? { values: { certifiedBy: viewer.name, certifiedOn: context.today, recipient: 'public' }, errors: {} };
    const recipient = form.values.recipient === 'internal' ? 'internal' : 'public';
    const chosen = new Set((form.values.paragraphs ?? '').split(',').filter(Boolean));
    const when = overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, language) : '';
    const error = form.errors.paragraphs;
    const body = html`<p class="overline">${overview.body.name} · ${when}</p>
<h1>${e.title}</h1>
<p class="lead">${e.lead}</p>
${numbers.length === 0
  ? html`<p class="empty">${e.notYet}</p>`
  : html`${errorSummary(context, form, { paragraphs: e.paragraphs, certifiedBy: e.certifiedBy, certifiedOn: e.certifiedOn })}
${legalStepFeedback(context, legal, { paragraph: () => `/arbetsyta/sammantraden/${meetingId}/personuppgifter`, attendance: null, kallelse: null })}
<form method="post" action="/arbetsyta/sammantraden/${meetingId}/utdrag" novalidate class="card">
  ${csrfField(context)}
  <fieldset id="falt-paragraphs" tabindex="-1" class="${error ? 'field-error' : ''}"${error && html` aria-describedby="falt-paragraphs-fel"`}>
    <legend class="fieldset-legend">${e.paragraphs}</legend>
    ${error && html`<p class="error-message" id="falt-paragraphs-fel"><span class="visually-hidden">Fel: </span>${error}</p>`}
    ${overview.minutes.items.flatMap((item) =>
      item.number !== null && numbers.includes(item.number)
        ? [html`<div class="field checkbox"><input type="checkbox" id="utdrag-${String(item.number)}" name="paragraf" value="${String(item.number)}"${chosen.has(String(item.number)) && html` checked`}>
      <label for="utdrag-${String(item.number)}">${paragraphLabel(item.number)} ${item.title}</label></div>`]
        : [],
    )}
  </fieldset>
  <fieldset id="falt-recipient">
    <legend class="fieldset-legend">${e.recipient}</legend>
    <p class="hint">${e.recipientHint}</p>
    ${(['public', 'internal'] as const).map(
      (value) => html`<div class="field checkbox"><input type="radio" id="mottagare-${value}" name="recipient" value="${value}"${recipient === value && html` checked`}><label for="mottagare-${value}">${value === 'public' ? e.recipientPublic : e.recipientInternal}</label></div>`,
    )}
  </fieldset>
  ${inputField(context, form, { name: 'certifiedBy', label: e.certifiedBy, hint: e.certifiedByHint, required: true, autocomplete: 'name' })}
  ${inputField(context, form, { name: 'certifiedOn', label: e.certifiedOn, type: 'date', required: true, width: 'medium' })}
  <button type="submit" class="button">${e.submit}</button>
</form>`}
<p><a href="/arbetsyta/sammantraden/${meetingId}">${t.work.paragraph.back}</a></p>`;
    return sendPage(
      reply,
      layout(context, {
        title: `${e.title}: ${overview.body.name} ${when}`,
        section: 'workspace',
        body,
        breadcrumbs: [
          { label: t.work.title, href: '/arbetsyta' },
          { label: overview.body.name, href: `/arbetsyta/organ/${overview.body.id}` },
          { label: when || '–', href: `/arbetsyta/sammantraden/${meetingId}` },
          { label: e.title },
        ],
      }),
      status,
    );
  };

  app.get('/arbetsyta/sammantraden/:meetingId/utdrag', async (request, reply) => extractPage(request, reply, (request.params as { meetingId: string }).meetingId, null));

  app.post('/arbetsyta/sammantraden/:meetingId/utdrag', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const { t } = request.page;
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const chosen = form.getAll('paragraf').map(Number).filter((n) => Number.isInteger(n) && n > 0);
    const recipient = form.get('recipient') === 'internal' ? 'internal' : 'public';
    const values = { certifiedBy: form.get('certifiedBy') ?? '', certifiedOn: form.get('certifiedOn') ?? '', paragraphs: chosen.join(','), recipient };
    const messages: Record<string, string> = { ...t.errors.codes, ...t.extract.codes, missing_value: t.form.required };
    const stateOf = (problems: Problem[]) => {
      const state = formStateFrom(t, values, problems, (path) => (path.startsWith('paragraphs') ? 'paragraphs' : path));
      for (const problem of problems) {
        const field = problem.path.startsWith('paragraphs') ? 'paragraphs' : problem.path;
        if (problem.code === 'missing_value' && field === 'paragraphs') state.errors.paragraphs = t.extract.codes.no_paragraphs!;
        else if (messages[problem.code]) state.errors[field] = messages[problem.code]!;
      }
      return state;
    };
    try {
      const extract = await createExtract(handle, meetingId, { paragraphs: chosen, certifiedBy: values.certifiedBy, certifiedOn: values.certifiedOn, recipient }, { userId: viewer.id, personId: viewer.personId, name: viewer.name });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="protokollsutdrag-${values.certifiedOn}-${chosen.join('-')}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(extract.pdf);
    } catch (error) {
      if (error instanceof InputError) return extractPage(request, reply, meetingId, stateOf(error.problems.map((p) => (p.path === 'certifiedOn' && p.code !== 'missing_value' ? { ...p, code: 'invalid_date' } : p))), 400);
      if (error instanceof RuleError && error.code === 'minutes_not_adjusted') return extractPage(request, reply, meetingId, stateOf([{ path: 'paragraphs', code: error.code, message: error.message }]), 409);
      // A public extract of a § with an unhandled personnummer: the findings, each linking to the review page.
      if (error instanceof LegalCheckError) return extractPage(request, reply, meetingId, stateOf([]), 422, legalStepStateOf(error, undefined));
      throw error;
    }
  });

  // ————— the protocol as a document —————

  // The protocol as it will be printed, at any time: before finalising a preview rendered from the draft
  // (shown inline in the browser), once adjusted the PDF exactly as signed; and as an editable Word
  // document to hand on. Whoever may read the meeting may read it (the API's minutes export alike).
  for (const format of ['pdf', 'docx'] as const) {
    app.get(`/sammantraden/:meetingId/protokoll.${format}`, async (request, reply) => {
      const { meetingId } = request.params as { meetingId: string };
      const reader = requireViewer(request);
      await requireMemberOfMeeting(db, reader, meetingId);
      const overview = await getMeetingOverview(db, meetingId, { today: request.page.today });
      const document = await exportMinutes(handle, meetingId, format, { viewedBy: reader.id, via: `web.protokoll.${format}` });
      const name = `protokoll-${overview.body.name}-${overview.meeting.heldOn ?? 'utan-datum'}.${format}`;
      const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-');
      return reply
        .header('content-type', document.contentType)
        .header('content-disposition', `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'private, no-store')
        .send(document.body);
    });
  }
}

/** A file input with its label, hint and error, like the other fields (a browser never keeps a chosen file). */
function fileField(context: PageContext, state: FormState, options: { name: string; label: string; hint: string }): Html {
  const id = `falt-${options.name}`;
  const message = state.errors[options.name];
  const describedBy = [`${id}-hjalp`, message ? `${id}-fel` : null].filter(Boolean).join(' ');
  return html`<div class="field${message ? ' field-error' : ''}">
  <label for="${id}">${options.label}</label>
  <p class="hint" id="${id}-hjalp">${options.hint}</p>
  ${message && html`<p class="error-message" id="${id}-fel"><span class="visually-hidden">Fel: </span>${message}</p>`}
  <input id="${id}" name="${options.name}" type="file" accept=".pdf,.docx,.xlsx,.odt,.txt,.png,.jpg,.jpeg" aria-describedby="${describedBy}"${message && html` aria-invalid="true"`}>
</div>`;
}
