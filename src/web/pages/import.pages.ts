/**
 * Importing older minutes on the web (issue 18): the upload form (files, a folder or a zip), a batch's
 * progress (each file's state and reason; the page refreshes itself by the HTTP Refresh header while the
 * worker reads, since the CSP forbids inline script and axe refuses a timed <meta> refresh), the review of
 * one file (the original beside what was read, with the fields to correct) and the bulk accept. Access and
 * everything else is in services/import-batches.service.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError } from '../../errors.ts';
import { attendeeRoles, type Minutes } from '../../domain/minutes.ts';
import {
  acceptCleanImportFiles,
  createImportBatch,
  getImportBatch,
  getImportFile,
  listImportBatchesFor,
  listImportTargets,
  MAX_IMPORT_UPLOAD_BYTES,
  readImportOriginal,
  storeImportFile,
  type ImportBatchView,
  type ImportFileView,
  type ReviewForm,
} from '../../services/import-batches.service.ts';
import { INLINE_PDF_POLICY, requireViewer, sendPage, type PageContext } from '../context.ts';
import { instant } from '../format.ts';
import { csrfField, errorSummary, inputField, messageFor, selectField, textareaField, type FormState } from '../forms.ts';
import { html, nonEmpty, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { MultipartForm } from '../multipart.ts';

const IMPORT_PATH = '/arbetsyta/import';
const batchHref = (batchId: string) => `${IMPORT_PATH}/${batchId}`;
const fileHref = (fileId: string) => `${IMPORT_PATH}/filer/${fileId}`;
/** Seconds between refreshes of a running batch's page. */
const REFRESH_SECONDS = 5;

export async function registerImportPages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  const uploadPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const i = t.imports;
    const targets = await listImportTargets(db, viewer);
    const batches = await listImportBatchesFor(db, viewer);
    const form = state ?? { values: {}, errors: {} };
    const choices = targets.map((target) => ({
      value: target.bodyId ? `body:${target.bodyId}` : `org:${target.organizationId}`,
      label: target.bodyName ? i.targetBody(target.organizationName, target.bodyName) : i.targetOrganization(target.organizationName),
    }));
    const body = html`<h1>${i.title}</h1>
<p class="lead">${i.lead}</p>
${
  targets.length === 0
    ? html`<p>${i.noTargets}</p>`
    : html`<section class="card" aria-labelledby="ladda-upp-rubrik">
  <h2 id="ladda-upp-rubrik">${i.submit}</h2>
  ${errorSummary(context, form, { target: i.target, files: i.files })}
  <form method="post" action="${IMPORT_PATH}" enctype="multipart/form-data" novalidate>
    ${csrfField(context)}
    ${selectField(context, form, { name: 'target', label: i.target, hint: i.targetHint, required: true, choices, placeholder: choices.length > 1 })}
    ${fileInput(form, { name: 'files', label: i.files, hint: i.filesHint(MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024), folder: false })}
    ${fileInput(form, { name: 'folder', label: i.folder, hint: i.folderHint, folder: true })}
    <button type="submit" class="button">${i.submit}</button>
  </form>
</section>`
}
<section aria-labelledby="importer-rubrik">
  <h2 id="importer-rubrik">${i.batches}</h2>
  ${
    nonEmpty(batches)
      ? html`<ul class="plain">${batches.map(
          (b) => html`<li class="meeting-row"><a href="${batchHref(b.id)}">${i.batchTitle(instant(b.createdAt, language))}</a> · ${b.bodyName ?? b.organizationName} · ${summaryText(context, b)}</li>`,
        )}</ul>`
      : html`<p>${i.noBatches}</p>`
  }
</section>`;
    return sendPage(
      reply,
      layout(context, { title: i.title, section: 'workspace', body, breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: i.title }] }),
      status,
    );
  };

  app.get(IMPORT_PATH, async (request, reply) => uploadPage(request, reply, null));

  app.post(IMPORT_PATH, { bodyLimit: MAX_IMPORT_UPLOAD_BYTES + 64 * 1024 }, async (request, reply) => {
    const viewer = requireViewer(request);
    const { t } = request.page;
    const form = request.body instanceof MultipartForm ? request.body : new MultipartForm(new URLSearchParams(), []);
    const target = form.fields.get('target') ?? '';
    const [kind, id] = target.split(':');
    const targets = await listImportTargets(db, viewer);
    const chosen = targets.find((x) => (kind === 'body' ? x.bodyId === id : kind === 'org' && x.bodyId === null && x.organizationId === id));
    const uploads = form.files.filter((f) => f.field === 'files' || f.field === 'folder').filter((f) => f.fileName !== '' || f.bytes.length > 0);
    const errors: Record<string, string> = {};
    if (!chosen) errors.target = t.imports.codes.unknown_body!;
    if (uploads.length === 0) errors.files = t.imports.codes.import_files_missing!;
    if (!chosen || uploads.length === 0) return uploadPage(request, reply, { values: { target }, errors }, 400);
    try {
      const { batchId } = await createImportBatch(handle, viewer, {
        organizationId: chosen.organizationId,
        bodyId: chosen.bodyId,
        uploads: uploads.map((u) => ({ name: u.fileName, bytes: u.bytes })),
      });
      return reply.redirect(batchHref(batchId), 303);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const messages = error.problems.map((p) => t.imports.codes[p.code] ?? p.message);
      return uploadPage(request, reply, { values: { target }, errors: { files: messages.join(' ') } }, 400);
    }
  });

  app.get(`${IMPORT_PATH}/:batchId`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { batchId } = request.params as { batchId: string };
    const query = request.query as { uppdatera?: string; lagrade?: string; nekade?: string; lagrad?: string };
    const context = request.page;
    const { t, language } = context;
    const i = t.imports;
    const batch = await getImportBatch(db, viewer, batchId);
    const running = batch.status === 'running';
    const refreshing = running && query.uppdatera !== 'nej';
    // The Refresh header, not <meta http-equiv="refresh">: the same reload without markup that axe flags
    // (WCAG 2.2.1), and the link below turns it off for whoever needs the page to stay still.
    if (refreshing) void reply.header('refresh', String(REFRESH_SECONDS));
    const flash =
      query.lagrade !== undefined
        ? i.accepted(Number(query.lagrade) || 0, Number(query.nekade) || 0)
        : query.lagrad !== undefined
          ? i.storedOne
          : null;
    const body = html`<p class="overline">${batch.organizationName}${batch.bodyName ? ` · ${batch.bodyName}` : ''}</p>
<h1>${i.batchTitle(instant(batch.createdAt, language))}</h1>
<p class="lead">${i.batchLead(batch.createdByName ?? '–', batch.bodyName ?? batch.organizationName)}</p>
${flash && html`<div class="flash" role="status"><p>${flash}</p></div>`}
<div role="status" aria-live="polite">
  <p>${running ? i.running : i.done}</p>
  <p>${summaryText(context, batch)}</p>
</div>
${running && html`<p>${refreshing ? html`<a href="${batchHref(batch.id)}?uppdatera=nej">${i.stopRefresh}</a>` : html`<a href="${batchHref(batch.id)}?uppdatera=nej">${i.refreshNow}</a>`}</p>`}
${
  batch.counts.parsed > 0 &&
  html`<form method="post" action="${batchHref(batch.id)}/godkann" class="card">
  ${csrfField(context)}
  <p id="godkann-hjalp">${i.acceptAllHint(batch.counts.parsed)}</p>
  <button type="submit" class="button" aria-describedby="godkann-hjalp">${i.acceptAll}</button>
</form>`
}
<table class="data-table">
  <caption class="visually-hidden">${i.title}</caption>
  <thead><tr><th scope="col">${i.file}</th><th scope="col">${i.state}</th><th scope="col">${i.reason}</th><th scope="col">${i.action}</th></tr></thead>
  <tbody>${batch.files.map((file) => fileRow(context, file))}</tbody>
</table>
<p><a href="${IMPORT_PATH}">${i.title}</a></p>`;
    return sendPage(
      reply,
      layout(context, {
        title: i.batchTitle(instant(batch.createdAt, language)),
        section: 'workspace',
        body,
        breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: i.title, href: IMPORT_PATH }, { label: i.batchTitle(instant(batch.createdAt, language)) }],
      }),
    );
  });

  app.post(`${IMPORT_PATH}/:batchId/godkann`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { batchId } = request.params as { batchId: string };
    const { stored, refused } = await acceptCleanImportFiles(handle, viewer, batchId, { today: request.page.today });
    return reply.redirect(`${batchHref(batchId)}?lagrade=${stored}&nekade=${refused}`, 303);
  });

  const reviewPage = async (request: FastifyRequest, reply: FastifyReply, fileId: string, state: FormState | null, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t } = context;
    const i = t.imports;
    const { batch, file } = await getImportFile(db, viewer, fileId);
    const name = file.name.split('/').pop() ?? file.name;
    const crumbs = [
      { label: t.work.title, href: '/arbetsyta' },
      { label: i.title, href: IMPORT_PATH },
      { label: i.batchTitle(instant(batch.createdAt, context.language)), href: batchHref(batch.id) },
      { label: i.reviewTitle(name) },
    ];
    if (!file.minutes || (file.status !== 'parsed' && file.status !== 'needs_review')) {
      const body = html`<h1>${i.reviewTitle(name)}</h1><p>${i.notReviewable}</p><p>${file.reason ?? ''}</p><p><a href="${batchHref(batch.id)}">${i.back}</a></p>`;
      return sendPage(reply, layout(context, { title: i.reviewTitle(name), section: 'workspace', body, breadcrumbs: crumbs }), 409);
    }
    // Redrawn after a refusal: what was typed over what was read, so no field comes back empty.
    const form = { values: { ...valuesOf(file.minutes, file), ...(state?.values ?? {}) }, errors: state?.errors ?? {} };
    const original = await originalView(context, file, name, (await readImportOriginal(handle, viewer, fileId).catch(() => null))?.bytes ?? null);
    const body = html`<p class="overline">${batch.organizationName}${batch.bodyName ? ` · ${batch.bodyName}` : ''}</p>
<h1>${i.reviewTitle(name)}</h1>
${file.reason && html`<div class="error-summary" role="alert"><h2>${i.refused}</h2><p>${file.reason}</p></div>`}
${errorSummary(context, form, {})}
${reviewFindings(context, file)}
<div class="split">
  <form method="post" action="${fileHref(file.id)}" novalidate class="form">
    ${csrfField(context)}
    <h2>${i.parsed}</h2>
    <p>${i.kind(file.minutes.kind)}</p>
    <fieldset><legend>${i.header}</legend>
      ${batch.bodyId ? html`<p>${i.body}: ${batch.bodyName ?? ''}</p>` : inputField(context, form, { name: 'body', label: i.body })}
      ${inputField(context, form, { name: 'date', label: i.date, type: 'date', width: 'short' })}
      ${inputField(context, form, { name: 'start', label: i.start, type: 'time', width: 'short', required: false })}
      ${inputField(context, form, { name: 'end', label: i.end, type: 'time', width: 'short', required: false })}
      ${inputField(context, form, { name: 'location', label: i.location, required: false })}
    </fieldset>
    <fieldset><legend>${i.attendance}</legend>
      <p class="hint">${i.attendeeHint}</p>
      ${file.minutes.attendees.map(
        (_, k) => html`<div class="editor-paragraph">
        ${inputField(context, form, { name: `attendees.${k}.name`, label: i.attendeeName(k + 1) })}
        ${selectField(context, form, { name: `attendees.${k}.role`, label: i.attendeeRole(k + 1), choices: attendeeRoles.map((r) => ({ value: r, label: i.roles[r] ?? r })), placeholder: false })}
        ${inputField(context, form, { name: `attendees.${k}.party`, label: i.attendeeParty(k + 1), width: 'short', required: false })}
      </div>`,
      )}
    </fieldset>
    <fieldset><legend>${i.paragraphs}</legend>
      ${file.minutes.items.map(
        (_, k) => html`<div class="editor-paragraph">
        ${inputField(context, form, { name: `items.${k}.number`, label: i.paragraphNumber(k + 1), type: 'number', width: 'short', required: false })}
        ${inputField(context, form, { name: `items.${k}.title`, label: i.paragraphTitle(k + 1) })}
        ${textareaField(context, form, { name: `items.${k}.decisions`, label: i.paragraphDecisions(k + 1), hint: i.decisionsHint, rows: 3, required: false })}
      </div>`,
      )}
    </fieldset>
    <fieldset><legend>${i.storeAs}</legend>
      <p class="hint">${i.basis[basisOf(file)] ?? ''}</p>
      ${(['adjusted', 'held'] as const).map(
        (value) => html`<div class="field checkbox"><input type="radio" id="lagra-som-${value}" name="storeAs" value="${value}"${form.values.storeAs === value && html` checked`}><label for="lagra-som-${value}">${value === 'adjusted' ? i.storeAsAdjusted : i.storeAsHeld}</label></div>`,
      )}
    </fieldset>
    <button type="submit" class="button">${i.storeSubmit}</button>
  </form>
  <section aria-labelledby="original-rubrik">
    <h2 id="original-rubrik">${i.original}</h2>
    ${original}
  </section>
</div>
<p><a href="${batchHref(batch.id)}">${i.back}</a></p>`;
    return sendPage(reply, layout(context, { title: i.reviewTitle(name), section: 'workspace', body, breadcrumbs: crumbs }), status);
  };

  app.get(`${IMPORT_PATH}/filer/:importFileId`, async (request, reply) => reviewPage(request, reply, (request.params as { importFileId: string }).importFileId, null));

  app.post(`${IMPORT_PATH}/filer/:importFileId`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { importFileId: fileId } = request.params as { importFileId: string };
    const body = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const form: ReviewForm = {};
    for (const [key, value] of body) if (key !== '_csrf' && key !== 'storeAs') form[key] = value;
    const storeAs = body.get('storeAs');
    try {
      const outcome = await storeImportFile(handle, viewer, fileId, {
        form,
        ...(storeAs === 'adjusted' || storeAs === 'held' ? { storeAs } : {}),
        today: request.page.today,
      });
      const { batch } = await getImportFile(db, viewer, fileId);
      if (outcome.status === 'refused') return reply.redirect(fileHref(fileId), 303);
      return reply.redirect(`${batchHref(batch.id)}?lagrad=1`, 303);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const { t } = request.page;
      const errors: Record<string, string> = {};
      for (const problem of error.problems) errors[fieldOfProblem(problem.path)] ??= messageFor(t, problem);
      return reviewPage(request, reply, fileId, { values: { ...form, storeAs: storeAs ?? '' }, errors }, 400);
    }
  });

  // The original as uploaded, for the review screen: a PDF shown in the page's frame, anything else downloaded.
  app.get(`${IMPORT_PATH}/filer/:importFileId/original`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { importFileId: fileId } = request.params as { importFileId: string };
    const original = await readImportOriginal(handle, viewer, fileId);
    const pdf = original.contentType === 'application/pdf';
    const ascii = original.name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'fil';
    return reply
      .header('content-type', original.contentType)
      .header('content-disposition', `${pdf ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(original.name)}`)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('content-security-policy', pdf ? "default-src 'none'; frame-ancestors 'self'" : INLINE_PDF_POLICY)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(original.bytes));
  });
}

/** A file input with its label, hint and error; `folder` lets the browser pick a whole folder. */
function fileInput(state: FormState, options: { name: string; label: string; hint: string; folder: boolean }): Html {
  const id = `falt-${options.name}`;
  const error = state.errors[options.name];
  const describedBy = [`${id}-hjalp`, error ? `${id}-fel` : null].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-error' : ''}">
  <label for="${id}">${options.label}</label>
  <p class="hint" id="${id}-hjalp">${options.hint}</p>
  ${error && html`<p class="error-message" id="${id}-fel"><span class="visually-hidden">Fel: </span>${error}</p>`}
  <input type="file" id="${id}" name="${options.name}" multiple${options.folder ? html` webkitdirectory` : html` accept=".txt,.pdf,.docx,.json,.zip"`} aria-describedby="${describedBy}"${error && html` aria-invalid="true"`}>
</div>`;
}

function summaryText(context: PageContext, batch: ImportBatchView): string {
  const c = batch.counts;
  return context.t.imports.summary({ parsed: c.parsed, needsReview: c.needs_review, failed: c.failed, stored: c.stored, waiting: c.queued + c.parsing });
}

const statusClass: Record<string, string> = {
  queued: 'planned',
  parsing: 'convened',
  parsed: 'finalised',
  needs_review: 'held',
  failed: 'cancelled',
  stored: 'adjusted',
};

function fileRow(context: PageContext, file: ImportFileView): Html {
  const i = context.t.imports;
  const review = file.findings.filter((f) => f.review);
  const reviewable = file.status === 'parsed' || file.status === 'needs_review';
  return html`<tr>
  <td>${file.name}</td>
  <td><span class="status status-${statusClass[file.status] ?? 'planned'}">${i.status[file.status] ?? file.status}</span></td>
  <td>${file.reason ?? (nonEmpty(review) ? html`${i.findingsCount(review.length)}: ${review[0]!.message}` : '')}</td>
  <td>${reviewable ? html`<a href="${fileHref(file.id)}">${i.review}<span class="visually-hidden"> ${file.name}</span></a>` : file.meetingId ? html`<a href="/arbetsyta/sammantraden/${file.meetingId}">${i.openMeeting}<span class="visually-hidden"> ${file.name}</span></a>` : ''}</td>
</tr>`;
}

function reviewFindings(context: PageContext, file: ImportFileView): Html {
  const i = context.t.imports;
  const review = file.findings.filter((f) => f.review);
  const notes = file.findings.filter((f) => !f.review);
  const line = (f: ImportFileView['findings'][number]) => html`<li>${f.paragraph !== null ? `§ ${f.paragraph}: ` : ''}${f.message}</li>`;
  return html`${nonEmpty(review) && html`<section class="card" aria-labelledby="granska-rubrik"><h2 id="granska-rubrik">${i.findings}</h2><ul>${review.map(line)}</ul></section>`}
${nonEmpty(notes) && html`<details class="card"><summary>${i.notes} (${notes.length})</summary><ul>${notes.map(line)}</ul></details>`}`;
}

async function originalView(context: PageContext, file: ImportFileView, name: string, bytes: Uint8Array | null): Promise<Html> {
  const i = context.t.imports;
  const href = `${fileHref(file.id)}/original`;
  if (file.contentType === 'application/pdf') {
    return html`<iframe class="pdf-frame" src="${href}" title="${i.originalFrame(name)}"></iframe>
<p><a href="${href}">${i.originalDownload(name)}</a></p>`;
  }
  if (bytes && (file.contentType?.startsWith('text/') || file.contentType === 'application/json')) {
    return html`<pre class="original-text" tabindex="0" aria-label="${i.originalFrame(name)}">${new TextDecoder().decode(bytes)}</pre>
<p><a href="${href}">${i.originalDownload(name)}</a></p>`;
  }
  return html`<p><a href="${href}">${i.originalDownload(name)}</a></p>`;
}

function basisOf(file: ImportFileView): string {
  if (file.findings.some((f) => f.code === 'import_draft')) return 'draft_marker';
  if (file.findings.some((f) => f.code === 'import_adjustment_not_shown')) return 'nothing_shown';
  return file.minutes?.kind === 'notes' ? 'notes' : 'adjustment_shown';
}

/** The review form's values from parsed minutes. */
function valuesOf(minutes: Minutes, file: ImportFileView): Record<string, string> {
  const values: Record<string, string> = {
    body: minutes.body ?? '',
    date: minutes.meeting.date ?? '',
    start: minutes.meeting.start ?? '',
    end: minutes.meeting.end ?? '',
    location: minutes.meeting.location ?? '',
    storeAs: file.storeAs ?? 'adjusted',
  };
  minutes.attendees.forEach((a, k) => {
    values[`attendees.${k}.name`] = a.name;
    values[`attendees.${k}.role`] = a.role;
    values[`attendees.${k}.party`] = a.party ?? '';
  });
  minutes.items.forEach((item, k) => {
    values[`items.${k}.number`] = item.number === null ? '' : String(item.number);
    values[`items.${k}.title`] = item.title;
    values[`items.${k}.decisions`] = item.decisions.join('\n');
  });
  return values;
}

/** The review form's field for a schema problem's path ('minutes.txt:meeting.date' → 'date', 'items[2].number' → 'items.2.number'). */
function fieldOfProblem(path: string): string {
  const bare = path.replace(/^[^:]*:/u, '').replace(/\[(\d+)\]/gu, '.$1');
  if (bare.startsWith('meeting.')) return bare.slice('meeting.'.length);
  return bare;
}
