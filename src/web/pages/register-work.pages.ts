/**
 * Working in the registers from the web (issue 20): the follow-up proposals of adjusted minutes confirmed
 * on the meeting page, the assignment list with its report-back form, the delegationsordning with the
 * delegationsbeslut entered against it and their anmälan to the body. Access is checked by the use cases;
 * the pages only choose what to show (the organisations whose registers the viewer keeps).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, NotFoundError, type Problem } from '../../errors.ts';
import { exportRegisters } from '../../services/follow-up/register-export.ts';
import { type Viewer } from '../../services/accounts.service.ts';
import { listDelegatedDecisions, type ParagraphRef } from '../../services/follow-up.service.ts';
import { addDelegationOrderItem, listDelegationOrder, reportDelegatedDecisionsToBody } from '../../services/follow-up/delegation.ts';
import { confirmAllProposalsOfMeeting, confirmProposalOfMeeting, listProposalsOfMeeting } from '../../services/follow-up/meeting-proposals.ts';
import { getAssignmentWithReport, listAssignmentRegister, submitReportBack } from '../../services/follow-up/report-back.ts';
import { registerDelegatedDecision } from '../../services/follow-up.service.ts';
import { getBodies, getOrganizations } from '../../services/registers.service.ts';
import { actorOf, requireViewer, sendPage, type PageContext } from '../context.ts';
import { shortDate } from '../format.ts';
import { csrfField, emptyForm, errorSummary, formStateFrom, inputField, problemsOf, selectField, textareaField, type FormState } from '../forms.ts';
import { html, type Html } from '../html.ts';
import { organizationPicker, registerOrganizationsOf } from './register-organizations.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';
import { MultipartForm } from '../multipart.ts';

type Database = WebDependencies['db'];

/** The workspace page of a § a register entry points to (registers.pages.ts redirects to the right view). */
function paragraphLink(context: PageContext, ref: ParagraphRef | null): Html {
  if (!ref) return html`–`;
  const when = ref.heldOn ? shortDate(ref.heldOn, context.language) : '';
  return html`<a href="/arbetsyta/paragraf/${ref.meetingId}/${ref.paragraphId}">${context.t.registers.paragraphLink(paragraphLabel(ref.number), ref.bodyName, when)}</a>`;
}

function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : request.body instanceof MultipartForm ? request.body.fields : new URLSearchParams();
}

function stateOf(context: PageContext, values: Record<string, string>, problems: Problem[], fieldOf: (path: string) => string = (p) => p): FormState {
  const state = formStateFrom(context.t, values, problems, fieldOf);
  for (const problem of problems) {
    const message = context.t.registerWork.codes[problem.code];
    if (message) state.errors[fieldOf(problem.path)] = message;
  }
  return state;
}

/**
 * The proposals of adjusted minutes, on the meeting page (workspace.pages.ts): each with confirm, and
 * confirm all. Empty for minutes not adjusted.
 */
export async function meetingFollowUpPanel(context: PageContext, db: Database, viewer: Viewer, meeting: { id: string; status: string; confirmed?: string | undefined }): Promise<Html> {
  const { id: meetingId, status, confirmed } = meeting;
  if (status !== 'adjusted' && status !== 'archived') return html``;
  const { t } = context;
  const r = t.registers;
  const w = t.registerWork;
  const proposals = await listProposalsOfMeeting(db, meetingId, actorOf(viewer));
  const what = (p: (typeof proposals)[number]) =>
    p.register === 'appointment'
      ? `${p.who ?? r.unknown}, ${r.roles[p.role ?? ''] ?? p.role}, ${p.what}`
      : p.register === 'delegated_decision'
        ? `${p.caseNumber ? `${r.caseNumber} ${p.caseNumber}, ` : ''}${p.what}`
        : `${p.who ?? r.unknown}: ${p.what}`;
  return html`<section class="card" aria-labelledby="till-registren-rubrik">
  <h2 id="till-registren-rubrik">${w.meetingProposalsTitle} (${String(proposals.length)})</h2>
  ${confirmed && /^\d+$/.test(confirmed) && html`<div class="flash" role="status"><p>${r.confirmed(Number(confirmed))}</p></div>`}
  <p>${w.meetingProposalsLead}</p>
  ${proposals.length === 0
    ? html`<p class="empty">${w.meetingProposalsNone}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${w.meetingProposalsTitle}</caption>
  <thead><tr><th scope="col">${r.kind}</th><th scope="col">${r.what}</th><th scope="col">${r.dueOn}</th><th scope="col">${r.source}</th><th scope="col"><span class="visually-hidden">${r.confirm}</span></th></tr></thead>
  <tbody>${proposals.map((p) => html`<tr><td>${r.kinds[p.register] ?? p.register}</td><td>${what(p)}</td><td>${p.dueOn ? shortDate(p.dueOn, context.language) : ''}</td><td>${paragraphLabel(p.source.number)}</td>
    <td><form method="post" action="/arbetsyta/sammantraden/${meetingId}/uppfoljning/${p.id}/bekrafta" class="inline-form">${csrfField(context)}
    <button type="submit" class="button small">${r.confirm}<span class="visually-hidden">: ${what(p)}</span></button></form></td></tr>`)}</tbody></table>
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/uppfoljning/bekrafta-alla" class="actions">${csrfField(context)}
    <button type="submit" class="button secondary">${r.confirmAll}</button></form>`}
  <p><a href="/arbetsyta/uppdrag">${w.assignmentsTitle}</a></p>
</section>`;
}

export async function registerRegisterWorkPages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  const organizationsOf = (viewer: Viewer) => registerOrganizationsOf(db, viewer);

  // ————— proposals on the meeting page —————

  app.post('/arbetsyta/sammantraden/:meetingId/uppfoljning/:id/bekrafta', async (request, reply) => {
    const viewer = requireViewer(request);
    const { meetingId, id } = request.params as { meetingId: string; id: string };
    await confirmProposalOfMeeting(db, { meetingId, id }, actorOf(viewer));
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}?bekraftade=1#till-registren-rubrik`, 303);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/uppfoljning/bekrafta-alla', async (request, reply) => {
    const viewer = requireViewer(request);
    const { meetingId } = request.params as { meetingId: string };
    const confirmed = await confirmAllProposalsOfMeeting(db, meetingId, actorOf(viewer));
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}?bekraftade=${confirmed.length}#till-registren-rubrik`, 303);
  });

  // ————— the assignment list and the report-back —————

  app.get('/arbetsyta/uppdrag', async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const r = t.registers;
    const w = t.registerWork;
    const organizations = await organizationsOf(viewer);
    const query = request.query as { organisation?: string; ansvarig?: string; status?: string; senast?: string; organ?: string };
    const organization = organizations.find((o) => o.id === query.organisation) ?? organizations[0];
    const title = w.assignmentsTitle;
    if (!organization) return sendPage(reply, layout(context, { title, section: 'workspace', body: html`<h1>${title}</h1><p>${t.work.noBodies}</p>` }));
    const status = (['open', 'overdue', 'reported', 'all'] as const).find((s) => s === query.status) ?? 'open';
    const dueBy = query.senast && /^\d{4}-\d{2}-\d{2}$/.test(query.senast) ? query.senast : undefined;
    const bodies = await getBodies(db, organization.id);
    const bodyId = bodies.find((b) => b.id === query.organ)?.id;
    const entries = await listAssignmentRegister(
      db,
      { organizationId: organization.id, status, today: context.today, ...(bodyId ? { bodyId } : {}), ...(query.ansvarig ? { responsible: query.ansvarig } : {}), ...(dueBy ? { dueBy } : {}) },
      actorOf(viewer),
    );
    const date = (value: string | null) => (value ? shortDate(value, language) : '–');
    const body = html`<p class="overline">${organization.name}</p>
<h1>${title}</h1>
<p class="lead">${w.assignmentsLead}</p>
${organizationPicker(context, '/arbetsyta/uppdrag', organizations, organization.id)}
<form method="get" action="/arbetsyta/uppdrag" class="filters" aria-label="${w.filter}">
  <input type="hidden" name="organisation" value="${organization.id}">
  ${inputField(context, { values: { ansvarig: query.ansvarig ?? '' }, errors: {} }, { name: 'ansvarig', label: w.responsible, width: 'medium', required: false })}
  ${selectField(context, { values: { organ: bodyId ?? '' }, errors: {} }, { name: 'organ', label: t.board.body, required: false, choices: bodies.map((b) => ({ value: b.id, label: b.name })) })}
  ${selectField(context, { values: { status }, errors: {} }, { name: 'status', label: w.status, placeholder: false, choices: (['open', 'overdue', 'reported', 'all'] as const).map((s) => ({ value: s, label: w.statuses[s]! })) })}
  ${inputField(context, { values: { senast: dueBy ?? '' }, errors: {} }, { name: 'senast', label: w.dueBy, type: 'date', width: 'short', required: false })}
  <button type="submit" class="button small secondary">${w.filter}</button>
</form>
${entries.length === 0
  ? html`<p>${w.noneFound}</p>`
  : html`<table class="data-table"><caption class="visually-hidden">${title}</caption>
  <thead><tr><th scope="col">${w.responsible}</th><th scope="col">${r.description}</th><th scope="col">${r.dueOn}</th><th scope="col">${w.status}</th><th scope="col">${r.source}</th><th scope="col">${w.reportText}</th></tr></thead>
  <tbody>${entries.map((a) => html`<tr><td>${a.assignee ?? r.unknown}</td><td>${a.description}</td>
    <td>${a.dueOn ? date(a.dueOn) : r.noDue}${a.overdue && html` <span class="clock-overdue">(${r.overdue})</span>`}</td>
    <td>${w.statusOf[a.status] ?? a.status}</td><td>${paragraphLink(context, a.source)}</td>
    <td>${a.status === 'reported'
      ? html`${w.reportedIn} ${paragraphLink(context, a.reportedIn)}`
      : a.report
        ? html`${w.reportWritten(date(a.report.reportSubmittedOn))}. ${a.listedIn ? html`${w.onAgenda(paragraphLabel(a.listedIn.number), date(a.listedIn.heldOn))}` : w.waitsForMeeting}`
        : a.status === 'open'
          ? html`<a class="button small secondary" href="/arbetsyta/uppdrag/${a.id}/aterrapportera">${w.reportBack}<span class="visually-hidden">: ${a.description}</span></a>`
          : ''}</td></tr>`)}</tbody></table>`}
<section class="card" aria-labelledby="export-rubrik">
  <h2 id="export-rubrik">${w.exportTitle}</h2>
  <p>${w.exportLead}</p>
  <p class="actions"><a href="/arbetsyta/register/export.csv?organisation=${organization.id}">${w.exportCsv}</a> <a href="/arbetsyta/register/export.xlsx?organisation=${organization.id}">${w.exportXlsx}</a></p>
</section>`;
    return sendPage(reply, layout(context, { title, section: 'workspace', body, breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: title }] }));
  });

  const reportBackPage = async (request: FastifyRequest, reply: FastifyReply, assignmentId: string, form: FormState = emptyForm, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const w = t.registerWork;
    const assignment = await getAssignmentWithReport(db, assignmentId, actorOf(viewer));
    const title = w.reportBackTitle;
    const labels = { text: w.reportText, document: w.reportDocument, form: w.reportBackTitle };
    const body = html`<h1>${title}</h1>
<dl class="facts">
  <div><dt>${t.registers.assignee}</dt><dd>${assignment.assignee ?? t.registers.unknown}</dd></div>
  <div><dt>${t.registers.description}</dt><dd>${assignment.description}</dd></div>
  <div><dt>${t.registers.dueOn}</dt><dd>${assignment.dueOn ? shortDate(assignment.dueOn, language) : t.registers.noDue}</dd></div>
  <div><dt>${t.registers.source}</dt><dd>${paragraphLink(context, assignment.source)}</dd></div>
</dl>
<p>${w.reportBackLead}</p>
${errorSummary(context, form, labels)}
${form.errors.form && html`<p class="error-message">${form.errors.form}</p>`}
<form method="post" action="/arbetsyta/uppdrag/${assignment.id}/aterrapportera" enctype="multipart/form-data" novalidate class="form">
  ${csrfField(context)}
  ${textareaField(context, form, { name: 'text', label: w.reportText, required: true, rows: 6 })}
  <div class="field${form.errors.document ? ' field-error' : ''}">
    <label for="falt-document">${w.reportDocument} <span class="optional">${t.form.optional}</span></label>
    <p class="hint" id="falt-document-hjalp">${w.reportDocumentHint}</p>
    ${form.errors.document && html`<p class="error-message" id="falt-document-fel"><span class="visually-hidden">Fel: </span>${form.errors.document}</p>`}
    <input type="file" id="falt-document" name="document" aria-describedby="falt-document-hjalp${form.errors.document ? ' falt-document-fel' : ''}"${form.errors.document && html` aria-invalid="true"`}>
  </div>
  <button type="submit" class="button">${w.submitReportBack}</button>
</form>
<p><a href="/arbetsyta/uppdrag">${w.assignmentsTitle}</a></p>`;
    return sendPage(
      reply,
      layout(context, { title, section: 'workspace', body, breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: w.assignmentsTitle, href: '/arbetsyta/uppdrag' }, { label: title }] }),
      status,
    );
  };

  app.get('/arbetsyta/uppdrag/:id/aterrapportera', async (request, reply) => reportBackPage(request, reply, (request.params as { id: string }).id));

  app.post('/arbetsyta/uppdrag/:id/aterrapportera', async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { id } = request.params as { id: string };
    const fields = formOf(request);
    const values = { text: fields.get('text') ?? '' };
    const upload = request.body instanceof MultipartForm ? request.body.file('document') : null;
    const document = upload && (upload.fileName || upload.bytes.length > 0)
      ? { title: context.t.registerWork.reportText, bytes: upload.bytes, contentType: upload.contentType, originalName: upload.fileName || null }
      : null;
    try {
      const result = await submitReportBack(handle, { assignmentId: id, text: values.text, today: context.today, document }, actorOf(viewer));
      const listed = result.listedIn ? `&paragraf=${result.listedIn.paragraphId}` : '';
      return reply.redirect(`/arbetsyta/uppdrag/${id}/aterrapporterad?${listed.slice(1)}`, 303);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const fieldOf = (path: string) => (path === 'text' || path === 'document' ? path : 'form');
      return reportBackPage(request, reply, id, stateOf(context, values, problems, fieldOf), 400);
    }
  });

  app.get('/arbetsyta/uppdrag/:id/aterrapporterad', async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const w = t.registerWork;
    const assignment = await getAssignmentWithReport(db, (request.params as { id: string }).id, actorOf(viewer));
    const listed = assignment.listedIn ?? assignment.reportedIn;
    const body = html`<h1>${w.reportBackTitle}</h1>
<div class="flash" role="status"><p>${listed ? w.listedOn(paragraphLabel(listed.number), listed.heldOn ? shortDate(listed.heldOn, language) : '') : w.listedLater}</p></div>
<p>${assignment.description}</p>
${listed && html`<p><a href="/arbetsyta/sammantraden/${listed.meetingId}">${t.work.meetingTitle(listed.bodyName, listed.heldOn ? shortDate(listed.heldOn, language) : '')}</a></p>`}
<p><a href="/arbetsyta/uppdrag">${w.assignmentsTitle}</a></p>`;
    return sendPage(reply, layout(context, { title: w.reportBackTitle, section: 'workspace', body, breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: w.assignmentsTitle, href: '/arbetsyta/uppdrag' }, { label: w.reportBackTitle }] }));
  });

  // ————— delegation: the order, the decisions, the anmälan —————

  const delegationPage = async (request: FastifyRequest, reply: FastifyReply, forms: { item?: FormState; decision?: FormState; report?: FormState } = {}, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const w = t.registerWork;
    const organizations = await organizationsOf(viewer);
    const query = request.query as { organisation?: string; tillagd?: string; registrerat?: string; anmald?: string };
    const chosen = formOf(request).get('organisation') ?? query.organisation;
    const organization = organizations.find((o) => o.id === chosen) ?? organizations[0];
    const title = w.delegationTitle;
    if (!organization) return sendPage(reply, layout(context, { title, section: 'workspace', body: html`<h1>${title}</h1><p>${t.work.noBodies}</p>` }));
    const actor = actorOf(viewer);
    const bodies = (await getBodies(db, organization.id)).filter((b) => b.decisionMaking);
    const order = await listDelegationOrder(db, { organizationId: organization.id, on: context.today }, actor);
    const unreported = await listDelegatedDecisions(db, { organizationId: organization.id, status: 'unreported' });
    const date = (value: string | null) => (value ? shortDate(value, language) : '–');
    const itemForm = forms.item ?? emptyForm;
    const decisionForm = forms.decision ?? { values: { decidedOn: context.today }, errors: {} };
    const itemLabels = { bodyId: w.body, code: w.code, matter: w.matter, delegate: w.delegate, limits: w.limits, legalBasis: w.legalBasis, validFrom: w.validFrom, validTo: w.validTo };
    const decisionLabels = { delegationItemId: w.item, caseNumber: w.caseNumber, delegate: w.decidedBy, decidedOn: w.decidedOn, description: w.summary };
    const flash = query.tillagd
      ? w.itemAdded(query.tillagd)
      : query.registrerat
        ? w.entered
        : query.anmald && /^(\d+|–):(\d{4}-\d{2}-\d{2}):(\d+)$/.test(query.anmald)
          ? (() => {
              const [number, heldOn, count] = query.anmald.split(':');
              return w.reported(number === '–' ? '' : `§ ${number}`, shortDate(heldOn!, language), Number(count));
            })()
          : null;
    const byBody = bodies.map((b) => ({ body: b, decisions: unreported.filter((d) => d.bodyId === b.id) })).filter((g) => g.decisions.length > 0);
    const body = html`<p class="overline">${organization.name}</p>
<h1>${title}</h1>
<p class="lead">${w.delegationLead}</p>
${organizationPicker(context, '/arbetsyta/delegation', organizations, organization.id)}
${flash && html`<div class="flash" role="status"><p>${flash}</p></div>`}

<section class="card" aria-labelledby="anmalan-rubrik">
  <h2 id="anmalan-rubrik">${w.unreportedTitle} (${String(unreported.length)})</h2>
  ${forms.report && errorSummary(context, forms.report, { bodyId: w.body })}
  ${byBody.length === 0
    ? html`<p>${w.unreportedNone}</p>`
    : byBody.map(
        (group) => html`<h3>${group.body.name}</h3>
  <table class="data-table"><caption class="visually-hidden">${w.unreportedTitle}: ${group.body.name}</caption>
  <thead><tr><th scope="col">${w.decidedOn}</th><th scope="col">${w.caseNumber}</th><th scope="col">${w.code}</th><th scope="col">${w.decidedBy}</th><th scope="col">${w.summary}</th><th scope="col">${w.listedIn}</th></tr></thead>
  <tbody>${group.decisions.map((d) => html`<tr><td>${date(d.decidedOn)}</td><td>${d.caseNumber ?? ''}</td><td>${d.rulePoint ?? ''}</td><td>${d.delegate ?? t.registers.unknown}</td><td>${d.description}</td><td>${d.listedIn ? paragraphLink(context, d.listedIn) : '–'}</td></tr>`)}</tbody></table>
  <form method="post" action="/arbetsyta/delegation/anmal" class="actions">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}"><input type="hidden" name="bodyId" value="${group.body.id}">
    <button type="submit" class="button">${w.reportTo(group.body.name)}</button></form>`,
      )}
</section>

<section class="card" aria-labelledby="registrera-rubrik">
  <h2 id="registrera-rubrik">${w.enterTitle}</h2>
  <p>${w.enterLead}</p>
  ${errorSummary(context, decisionForm, decisionLabels)}
  ${order.some((i) => i.inForce)
    ? html`<form method="post" action="/arbetsyta/delegation/beslut" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
    ${selectField(context, decisionForm, { name: 'delegationItemId', label: w.item, required: true, choices: order.filter((i) => i.inForce).map((i) => ({ value: i.id, label: `${i.bodyName} ${i.code} ${i.matter} (${i.delegate})` })) })}
    ${inputField(context, decisionForm, { name: 'caseNumber', label: w.caseNumber, width: 'medium', required: false })}
    ${inputField(context, decisionForm, { name: 'delegate', label: w.decidedBy, width: 'medium', required: true })}
    ${inputField(context, decisionForm, { name: 'decidedOn', label: w.decidedOn, type: 'date', width: 'short', required: true })}
    ${textareaField(context, decisionForm, { name: 'description', label: w.summary, required: true, rows: 3 })}
    <button type="submit" class="button">${w.enter}</button>
  </form>`
    : html`<p>${w.orderNone}</p>`}
</section>

<section class="card" aria-labelledby="ordning-rubrik">
  <h2 id="ordning-rubrik">${w.orderTitle}</h2>
  ${order.length === 0
    ? html`<p>${w.orderNone}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${w.orderTitle}</caption>
  <thead><tr><th scope="col">${w.body}</th><th scope="col">${w.code}</th><th scope="col">${w.matter}</th><th scope="col">${w.delegate}</th><th scope="col">${w.limits}</th><th scope="col">${w.legalBasis}</th><th scope="col">${w.validFrom}</th><th scope="col">${w.validTo}</th></tr></thead>
  <tbody>${order.map((i) => html`<tr${!i.inForce && html` class="muted"`}><td>${i.bodyName}</td><td>${i.code}</td><td>${i.matter}</td><td>${i.delegate}</td><td>${i.limits ?? ''}</td><td>${i.legalBasis ?? ''}</td><td>${date(i.validFrom)}</td><td>${i.validTo ? date(i.validTo) : ''}${!i.inForce && html` (${w.notInForce})`}</td></tr>`)}</tbody></table>`}
  <h3>${w.addItem}</h3>
  ${errorSummary(context, itemForm, itemLabels)}
  <form method="post" action="/arbetsyta/delegation/ordning" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
    ${selectField(context, itemForm, { name: 'bodyId', label: w.body, required: true, choices: bodies.map((b) => ({ value: b.id, label: b.name })) })}
    ${inputField(context, itemForm, { name: 'code', label: w.code, width: 'short', required: true })}
    ${inputField(context, itemForm, { name: 'matter', label: w.matter, required: true })}
    ${inputField(context, itemForm, { name: 'delegate', label: w.delegate, width: 'medium', required: true })}
    ${inputField(context, itemForm, { name: 'limits', label: w.limits, required: false })}
    ${inputField(context, itemForm, { name: 'legalBasis', label: w.legalBasis, width: 'medium', required: false })}
    ${inputField(context, itemForm, { name: 'validFrom', label: w.validFrom, type: 'date', width: 'short', required: true })}
    ${inputField(context, itemForm, { name: 'validTo', label: w.validTo, type: 'date', width: 'short', required: false })}
    <button type="submit" class="button secondary">${w.addItem}</button>
  </form>
</section>`;
    return sendPage(reply, layout(context, { title, section: 'workspace', body, breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: title }] }), status);
  };

  app.get('/arbetsyta/delegation', async (request, reply) => delegationPage(request, reply));

  app.post('/arbetsyta/delegation/ordning', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const names = ['bodyId', 'code', 'matter', 'delegate', 'limits', 'legalBasis', 'validFrom', 'validTo'] as const;
    const values = Object.fromEntries(names.map((n) => [n, form.get(n) ?? ''])) as Record<(typeof names)[number], string>;
    try {
      await addDelegationOrderItem(db, { ...values, validTo: values.validTo || null }, actorOf(viewer));
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      return delegationPage(request, reply, { item: stateOf(request.page, values, problems) }, 400);
    }
    return reply.redirect(`/arbetsyta/delegation?organisation=${encodeURIComponent(form.get('organisation') ?? '')}&tillagd=${encodeURIComponent(values.code.trim())}#ordning-rubrik`, 303);
  });

  app.post('/arbetsyta/delegation/beslut', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const names = ['delegationItemId', 'caseNumber', 'delegate', 'decidedOn', 'description'] as const;
    const values = Object.fromEntries(names.map((n) => [n, form.get(n) ?? ''])) as Record<(typeof names)[number], string>;
    const organizationId = form.get('organisation') ?? '';
    try {
      const order = await listDelegationOrder(db, { organizationId, on: request.page.today }, actorOf(viewer));
      const item = order.find((i) => i.id === values.delegationItemId);
      if (!item) throw new InputError({ path: 'delegationItemId', code: 'unknown_delegation_item', message: 'choose a point of the delegationsordning' });
      await registerDelegatedDecision(
        db,
        { bodyId: item.bodyId, delegationItemId: item.id, delegate: values.delegate, decidedOn: values.decidedOn, description: values.description, caseNumber: values.caseNumber.trim() || null },
        actorOf(viewer),
      );
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      return delegationPage(request, reply, { decision: stateOf(request.page, values, problems) }, 400);
    }
    return reply.redirect(`/arbetsyta/delegation?organisation=${encodeURIComponent(organizationId)}&registrerat=1#anmalan-rubrik`, 303);
  });

  app.post('/arbetsyta/delegation/anmal', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const bodyId = form.get('bodyId') ?? '';
    try {
      const report = await reportDelegatedDecisionsToBody(db, { bodyId, today: request.page.today }, actorOf(viewer));
      const anmald = `${report.number ?? '–'}:${report.heldOn}:${report.listed}`;
      return reply.redirect(`/arbetsyta/delegation?organisation=${encodeURIComponent(form.get('organisation') ?? '')}&anmald=${encodeURIComponent(anmald)}#anmalan-rubrik`, 303);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      return delegationPage(request, reply, { report: stateOf(request.page, { bodyId }, problems, () => 'bodyId') }, 409);
    }
  });

  // ————— every register as CSV or XLSX, for the auditors —————

  app.get('/arbetsyta/register/export.:format', async (request, reply) => {
    const viewer = requireViewer(request);
    const { format } = request.params as { format: string };
    const organizationId = (request.query as { organisation?: string }).organisation ?? '';
    const organization = (await getOrganizations(db)).find((o) => o.id === organizationId);
    if (!organization) throw new NotFoundError('organization_not_found', `no organisation ${organizationId}`, { organizationId });
    const file = await exportRegisters(db, { organizationId, organizationName: organization.name, today: request.page.today, format }, actorOf(viewer));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.bytes));
  });
}
