/**
 * The signed-in workspaces: the secretary's (bodies, members, planning, kallelse, roll-call, §§ with
 * autosave, finalising, signatures, notice), the members' view of agendas and drafts, and administration of accounts, roles, organisations and bodies.
 * Every step calls a use case of services/meeting-cycle or services/accounts; access is checked there or
 * here before it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, InputError, LegalCheckError, type Problem } from '../../errors.ts';
import {
  canActAsSecretary,
  canAdminister,
  canReadAsMember,
  createUser,
  grantRole,
  grantableRoles,
  linkUserToPerson,
  isSystemAdministrator,
  listAccounts,
  listLinkablePersons,
  requireMemberOfMeeting,
  requireSecretaryOfBody,
  requireSecretaryOfMeeting,
  revokeRole,
  type Viewer,
} from '../../services/accounts.service.ts';
import {
  addAgendaItem,
  addMandate,
  adjustParagraphAtMeeting,
  createBody,
  createOrganization,
  createPerson,
  currentLegalFindings,
  finaliseMinutes,
  getMeetingOverview,
  listMeetings,
  planMeeting,
  recordAttendance,
  sendMeetingNotice,
} from '../../services/meeting-cycle.service.ts';
import { listParagraphDraftFields } from '../../services/publication.service.ts';
import { getBodies, getMandates, getOrganizations } from '../../services/registers.service.ts';
import { meetingFollowUpPanel } from './register-work.pages.ts';
import { organisationTypes, type OrganisationType } from '../../domain/rule-profile.ts';
import { actorOf, sendPage, type PageContext, requireViewer } from '../context.ts';
import { instant, longDate, shortDate, swedishOrder, timeSpan } from '../format.ts';
import {
  checkboxField,
  csrfField,
  emptyForm,
  errorSummary,
  fieldId,
  formStateFrom,
  groupErrorMessage,
  inputField,
  selectField,
  type FormState,
} from '../forms.ts';
import { html, nonEmpty, type Html } from '../html.ts';
import type { Catalogue } from '../i18n/index.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { attendanceSection, paragraphArticle, paragraphLabel } from '../minutes-view.ts';
import { documentLinks, extractableParagraphs, protocolHref } from './documents.pages.ts';
import { legalFindingsPanel, legalReasonInput, legalStepFeedback, legalStepStateOf, type FindingTargets, type LegalStepState } from './legal-findings.view.ts';
import { memberAbsenceSection, secretaryAbsence } from './absence.pages.ts';
import { deliveryPanel, kallelsePackageLink } from './kallelse.pages.ts';
import { notesOnPage } from './member-notes.pages.ts';
import { documentsWithNotes, itemNoteForm } from './member-notes.view.ts';
import { registerParagraphFormPages } from './paragraph-form.pages.ts';


function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

function valuesOf(form: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (key !== '_csrf') values[key] = value;
  return values;
}

function statusBadge(context: PageContext, status: string): Html {
  return html`<span class="status status-${status}">${context.t.work.status[status] ?? status}</span>`;
}

/** Runs a step that may refuse the input; returns its problems instead of throwing them. */
async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problems: Problem[] }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, problems: error.problems };
    throw error;
  }
}

/** Runs a step of the meeting cycle; returns the legal checks' refusal instead of throwing it, to draw the form again. */
async function attemptLegal<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; refusal: LegalCheckError }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof LegalCheckError) return { ok: false, refusal: error };
    throw error;
  }
}

const mandateRoles = ['chair', 'vice-chair', 'member', 'substitute'] as const;

export async function registerWorkspacePages(app: FastifyInstance, { db, handle, publicUrl }: WebDependencies): Promise<void> {
  // ————— the secretary —————

  app.get('/arbetsyta', async (request, reply) => {
    const viewer = requireViewer(request);
    if (!canActAsSecretary(viewer)) throw new ForbiddenError('not_secretary', 'only secretaries have a workspace');
    const context = request.page;
    const { t, language } = context;
    const organizations = await getOrganizations(db);
    const sections: Html[] = [];
    for (const organization of organizations) {
      const bodies = (await getBodies(db, organization.id)).filter((b) => canActAsSecretary(viewer, { organizationId: organization.id, bodyId: b.id }));
      if (bodies.length === 0) continue;
      const rows: Html[] = [];
      for (const body of bodies) {
        const meetings = (await listMeetings(db, { bodyId: body.id })).slice(0, 6);
        rows.push(html`<section class="card" aria-labelledby="organ-${body.id}">
  <h3 id="organ-${body.id}"><a href="/arbetsyta/organ/${body.id}">${body.name}</a></h3>
  ${meetings.length === 0
    ? html`<p>${t.work.noMeetings}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${t.work.bodyMeetings}: ${body.name}</caption>
      <thead><tr><th scope="col">${t.work.heldOn}</th><th scope="col">${t.work.location}</th><th scope="col">Status</th></tr></thead>
      <tbody>${meetings.map((m) => html`<tr><td><a href="/arbetsyta/sammantraden/${m.id}">${m.heldOn ? longDate(m.heldOn, language) : '–'}</a></td><td>${m.location ?? ''}</td><td>${statusBadge(context, m.status)}</td></tr>`)}</tbody></table>`}
</section>`);
      }
      sections.push(html`<h2>${organization.name}</h2>${rows}`);
    }
    const body = html`<h1>${t.work.title}</h1><p class="lead">${t.work.lead}</p><p><a href="/arbetsyta/import">${t.imports.workspaceLink}</a></p>
<p class="actions"><a class="button secondary" href="/arbetsyta/uppfoljning">${t.nav.followUp}</a> <a class="button secondary" href="/arbetsyta/uppdrag">${t.registerWork.assignmentsTitle}</a> <a class="button secondary" href="/arbetsyta/delegation">${t.registerWork.delegationTitle}</a> <a class="button secondary" href="/arbetsyta/representation">${t.registerForms.representationTitle}</a> <a class="button secondary" href="/arbetsyta/remisser">${t.registerWork.consultations}</a> <a class="button secondary" href="/arbetsyta/mal">${t.registerForms.goalsTitle}</a> <a class="button secondary" href="/arbetsyta/projekt">${t.projects.title}</a></p>${sections.length ? sections : html`<p>${t.work.noBodies}</p>`}`;
    return sendPage(reply, layout(context, { title: t.work.title, section: 'workspace', body }));
  });

  const bodyPage = async (request: FastifyRequest, reply: FastifyReply, bodyId: string, forms: { member?: FormState; plan?: FormState } = {}, status = 200) => {
    const viewer = requireViewer(request);
    await requireSecretaryOfBody(db, viewer, bodyId);
    const context = request.page;
    const { t, language } = context;
    const [mandates, meetings, organizations] = await Promise.all([getMandates(db, bodyId), listMeetings(db, { bodyId }), getOrganizations(db)]);
    const body = (await getBodies(db)).find((b) => b.id === bodyId)!;
    const organizationName = new Map(organizations.map((o) => [o.id, o.name]));
    const memberForm = forms.member ?? { values: { role: 'member' }, errors: {} };
    const planForm = forms.plan ?? { values: { start: '09:00' }, errors: {} };
    const memberLabels = { name: t.work.personName, email: t.work.personEmail, role: t.work.mandateRole, party: t.work.party, substituteRank: t.work.substituteRank, startsOn: t.work.startsOn };
    const planLabels = { heldOn: t.work.heldOn, start: t.work.start, end: t.work.end, location: t.work.location };
    const page = html`<p class="overline">${body.organizationId ? organizationName.get(body.organizationId) ?? '' : ''}</p>
<h1>${body.name}</h1>
<div class="split">
<div>
  <section aria-labelledby="sammantraden-rubrik">
    <h2 id="sammantraden-rubrik">${t.work.bodyMeetings}</h2>
    ${meetings.length === 0 ? html`<p>${t.work.noMeetings}</p>` : html`<table class="data-table"><caption class="visually-hidden">${t.work.bodyMeetings}</caption>
      <thead><tr><th scope="col">${t.work.heldOn}</th><th scope="col">${t.work.location}</th><th scope="col">Status</th></tr></thead>
      <tbody>${meetings.map((m) => html`<tr><td><a href="/arbetsyta/sammantraden/${m.id}">${m.heldOn ? longDate(m.heldOn, language) : '–'}</a></td><td>${m.location ?? ''}</td><td>${statusBadge(context, m.status)}</td></tr>`)}</tbody></table>`}
  </section>
  <section aria-labelledby="ledamoter-rubrik">
    <h2 id="ledamoter-rubrik">${t.work.membersAndMandates}</h2>
    ${mandates.length === 0 ? html`<p>${t.work.noMandates}</p>` : html`<table class="data-table"><caption class="visually-hidden">${t.work.membersAndMandates}</caption>
      <thead><tr><th scope="col">${t.work.personName}</th><th scope="col">${t.work.role}</th><th scope="col">${t.work.party}</th><th scope="col">${t.work.appointedBy}</th></tr></thead>
      <tbody>${mandates.map((m) => html`<tr><td>${m.personName}</td><td>${t.minutes.attendeeRoles[m.role] ?? m.role}${m.substituteRank !== null && ` ${m.substituteRank}`}</td><td>${m.party ?? ''}</td><td>${m.appointedById ? organizationName.get(m.appointedById) ?? '' : ''}</td></tr>`)}</tbody></table>`}
  </section>
</div>
<div>
  <section class="card" aria-labelledby="planera-rubrik">
    <h2 id="planera-rubrik">${t.work.planMeeting}</h2>
    ${errorSummary(context, planForm, planLabels)}
    <form method="post" action="/arbetsyta/organ/${bodyId}/sammantraden" novalidate>
      ${csrfField(context)}
      ${inputField(context, planForm, { name: 'heldOn', label: t.work.heldOn, type: 'date', required: true, width: 'medium' })}
      ${inputField(context, planForm, { name: 'start', label: t.work.start, type: 'time', width: 'short' })}
      ${inputField(context, planForm, { name: 'end', label: t.work.end, type: 'time', width: 'short' })}
      ${inputField(context, planForm, { name: 'location', label: t.work.location })}
      <button type="submit" class="button">${t.work.planSubmit}</button>
    </form>
  </section>
  <section class="card" aria-labelledby="ny-ledamot-rubrik">
    <h2 id="ny-ledamot-rubrik">${t.work.addMember}</h2>
    ${errorSummary(context, memberForm, memberLabels)}
    <form method="post" action="/arbetsyta/organ/${bodyId}/ledamoter" novalidate>
      ${csrfField(context)}
      ${inputField(context, memberForm, { name: 'name', label: t.work.personName, required: true, autocomplete: 'off' })}
      ${inputField(context, memberForm, { name: 'email', label: t.work.personEmail, type: 'email', required: false })}
      ${selectField(context, memberForm, { name: 'role', label: t.work.mandateRole, required: true, placeholder: false, choices: mandateRoles.map((r) => ({ value: r, label: t.minutes.attendeeRoles[r] ?? r })) })}
      ${inputField(context, memberForm, { name: 'party', label: t.work.party, width: 'short', required: false })}
      ${inputField(context, memberForm, { name: 'substituteRank', label: t.work.substituteRank, hint: t.work.substituteRankHint, type: 'number', width: 'short', required: false })}
      ${inputField(context, memberForm, { name: 'startsOn', label: t.work.startsOn, type: 'date', width: 'medium', required: false })}
      <button type="submit" class="button">${t.work.addMemberSubmit}</button>
    </form>
  </section>
</div>
</div>`;
    return sendPage(
      reply,
      layout(context, { title: body.name, section: 'workspace', body: page, breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: body.name }] }),
      status,
    );
  };

  app.get('/arbetsyta/organ/:bodyId', async (request, reply) => bodyPage(request, reply, (request.params as { bodyId: string }).bodyId));

  app.post('/arbetsyta/organ/:bodyId/ledamoter', async (request, reply) => {
    const { bodyId } = request.params as { bodyId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfBody(db, viewer, bodyId);
    const form = formOf(request);
    const values = valuesOf(form);
    const { t } = request.page;
    const problems: Problem[] = [];
    const role = values.role as (typeof mandateRoles)[number];
    if (!values.name?.trim()) problems.push({ path: 'name', code: 'required', message: 'name' });
    if (!mandateRoles.includes(role)) problems.push({ path: 'role', code: 'required', message: 'role' });
    const rank = values.substituteRank?.trim() ? Number(values.substituteRank) : null;
    if (rank !== null && !(Number.isInteger(rank) && rank > 0)) problems.push({ path: 'substituteRank', code: 'invalid_number', message: 'rank' });
    if (role === 'substitute' && rank === null) problems.push({ path: 'substituteRank', code: 'missing_substitute_rank', message: 'rank' });
    if (values.startsOn && !/^\d{4}-\d{2}-\d{2}$/.test(values.startsOn)) problems.push({ path: 'startsOn', code: 'invalid_date', message: 'date' });
    if (values.email?.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) problems.push({ path: 'email', code: 'invalid_email', message: 'email' });
    if (problems.length) return bodyPage(request, reply, bodyId, { member: formStateFrom(t, values, problems) }, 400);
    const result = await attempt(async () => {
      const person = await createPerson(db, { name: values.name!, email: values.email?.trim() || null }, actorOf(viewer));
      return addMandate(db, { bodyId, personId: person.id, role, party: values.party?.trim() || null, substituteRank: rank, startsOn: values.startsOn || null }, actorOf(viewer));
    });
    if (!result.ok) return bodyPage(request, reply, bodyId, { member: formStateFrom(t, values, result.problems) }, 400);
    return reply.redirect(`/arbetsyta/organ/${bodyId}`, 303);
  });

  app.post('/arbetsyta/organ/:bodyId/sammantraden', async (request, reply) => {
    const { bodyId } = request.params as { bodyId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfBody(db, viewer, bodyId);
    const values = valuesOf(formOf(request));
    const { t } = request.page;
    const problems: Problem[] = [];
    if (!values.heldOn) problems.push({ path: 'heldOn', code: 'required', message: 'date' });
    if (problems.length) return bodyPage(request, reply, bodyId, { plan: formStateFrom(t, values, problems) }, 400);
    const result = await attempt(() =>
      planMeeting(db, { bodyId, heldOn: values.heldOn!, start: values.start || null, end: values.end || null, location: values.location?.trim() || null }, actorOf(viewer)),
    );
    if (!result.ok) return bodyPage(request, reply, bodyId, { plan: formStateFrom(t, values, result.problems) }, 400);
    return reply.redirect(`/arbetsyta/sammantraden/${result.value.meetingId}`, 303);
  });

  const meetingPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    forms: { item?: FormState; attendance?: AttendanceForm; immediate?: FormState; kallelse?: LegalStepState; finalise?: LegalStepState } = {},
    status = 200,
  ) => {
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const context = request.page;
    const { t, language } = context;
    const overview = await getMeetingOverview(db, meetingId, { today: context.today });
    const mandates = await getMandates(db, overview.body.id);
    const st = overview.meeting.status;
    const editable = ['planned', 'convened', 'held'].includes(st);
    const title = t.work.meetingTitle(overview.body.name, overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, language) : '');
    const stepIndex = { planned: 0, convened: 2, held: 2, finalised: 4, adjusted: 5, archived: 6, cancelled: 0 }[st] ?? 0;
    const steps = [t.work.steps.plan, t.work.steps.notice, t.work.steps.minutes, t.work.steps.finalise, t.work.steps.sign, t.work.steps.post];
    const itemForm = forms.item ?? emptyForm;
    const attendeeNames = new Set(overview.minutes.attendees.map((a) => a.name));
    const attendeeByName = new Map(overview.minutes.attendees.map((a) => [a.name, a]));
    const people = [...new Map(mandates.map((m) => [m.personId, m])).values()];
    const members = people.filter((m) => m.role !== 'substitute');
    const adjusterName = overview.minutes.adjustment.adjusters[0] ?? '';
    // The roll-call as stored, or as the secretary just ticked it when it was refused.
    const typed = forms.attendance;
    const attendanceState: FormState = typed ? attendanceStateFrom(t, typed) : emptyForm;
    // Before a roll-call is recorded, the anmälningar om förhinder fill it in (absence.pages.ts).
    const query = request.query as { inkallad?: string; skickad?: string };
    const absence = await secretaryAbsence(context, db, viewer, meetingId, { editable, rollCallRecorded: Boolean(typed) || overview.minutes.attendees.length > 0, query });
    const suggested = absence.suggested;
    const isPresent = (personId: string, name: string) => (typed ? typed.form.getAll('present').includes(personId) : suggested ? suggested.present.has(personId) : attendeeNames.has(name));
    const isRemote = (personId: string, name: string) => (typed ? typed.form.getAll('remote').includes(personId) : Boolean(attendeeByName.get(name)?.remote));
    const servingFor = (personId: string, name: string) => (typed ? typed.form.get(`servingFor:${personId}`) ?? '' : suggested ? suggested.servingFor.get(personId) ?? '' : (members.find((o) => o.personName === attendeeByName.get(name)?.servingFor)?.personId ?? ''));
    const reach = html`${absence.panel}
${await deliveryPanel(context, db, viewer, meetingId, { convenedAt: overview.meeting.convenedAt, editable, mailEnabled: publicUrl !== null, query })}`;
    const attendanceLabels: Record<string, string> = { adjuster: t.work.adjuster, attendance: t.work.attendance };
    for (const m of people) {
      attendanceLabels[`servingFor:${m.personId}`] = `${t.work.servingFor}: ${m.personName}`;
      attendanceLabels[`present:${m.personId}`] = `${t.work.present}: ${m.personName}`;
    }
    const cellError = (name: string) => {
      const error = groupErrorMessage(attendanceState, name);
      return { id: error.id, message: error.message, aria: html`${error.id && html` aria-invalid="true" aria-describedby="${error.id}"`}` };
    };
    const quorum = overview.quorum;
    const draftFields = await listParagraphDraftFields(db, meetingId);
    const adjustedAtMeeting = new Set(draftFields.filter((f) => f.adjustedImmediately).map((f) => f.id));
    const extractable = extractableParagraphs(overview);
    const immediateForm = forms.immediate ?? emptyForm;
    const justAdjusted = (request.query as { justerad?: string }).justerad;
    const legalFindings = await currentLegalFindings(db, meetingId, { at: new Date() });
    const findingTargets: FindingTargets = {
      paragraph: (n) => {
        const i = overview.minutes.items.findIndex((item) => item.number === n);
        if (i < 0) return null;
        return editable && !adjustedAtMeeting.has(overview.paragraphIds[i]!) ? `/arbetsyta/sammantraden/${meetingId}/paragrafer/${overview.paragraphIds[i]!}` : '#dagordning-rubrik';
      },
      attendance: editable ? '#upprop-rubrik' : null,
      kallelse: '#kallelse-rubrik',
    };

    const page = html`<p class="overline">${overview.organization?.name ?? ''}</p>
<h1>${title} ${statusBadge(context, st)}</h1>
<ol class="steps" aria-label="${t.work.stepsLabel}">${steps.map((label, i) => html`<li class="${i < stepIndex ? 'done' : ''}"${i === stepIndex && html` aria-current="step"`}>${label}</li>`)}</ol>
<dl class="facts">
  <div><dt>${t.work.heldOn}</dt><dd>${overview.meeting.heldOn ? longDate(overview.meeting.heldOn, language) : '–'}</dd></div>
  <div><dt>${t.minutes.time}</dt><dd>${timeSpan(overview.minutes.meeting.start, overview.minutes.meeting.end, language) ?? '–'}</dd></div>
  <div><dt>${t.minutes.place}</dt><dd>${overview.minutes.meeting.location ?? '–'}</dd></div>
  ${overview.clocks.adjustmentDeadline && html`<div><dt>${t.minutes.adjustment}</dt><dd>${t.work.deadline(shortDate(overview.clocks.adjustmentDeadline, language))}${overview.clocks.adjustmentStatus && html` <span class="clock-${overview.clocks.adjustmentStatus}">(${t.work.clock[overview.clocks.adjustmentStatus] ?? ''})</span>`}</dd></div>`}
  ${quorum && html`<div><dt>${t.work.quorumLabel}</dt><dd class="${quorum.quorate ? 'clock-ok' : 'clock-overdue'}">${t.work.quorum(quorum.votingCount, overview.body.seats ?? quorum.required, quorum.quorate)}</dd></div>`}
</dl>

${legalFindingsPanel(context, legalFindings, findingTargets)}

<section class="card" aria-labelledby="kallelse-rubrik">
  <h2 id="kallelse-rubrik">Kallelse</h2>
  ${overview.meeting.convenedAt
    ? html`<p>${t.work.noticeSent(instant(overview.meeting.convenedAt, language), overview.invitations.length)}</p>`
    : html`<p>${t.work.noticeNotSent}</p>`}
  ${editable && !overview.meeting.convenedAt && html`${legalStepFeedback(context, forms.kallelse ?? null, findingTargets)}
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/kallelse" novalidate>${csrfField(context)}${legalReasonInput(context, forms.kallelse ?? null)}<button type="submit" class="button">${forms.kallelse?.code === 'legal_reason_required' ? t.legal.submitWithReason : t.work.sendNotice}</button></form>`}
</section>
${reach}

<section class="card" aria-labelledby="dagordning-rubrik">
  <h2 id="dagordning-rubrik">${t.work.agenda}</h2>
  <ol class="plain">${overview.minutes.items.map((item, i) => html`<li class="meeting-row"><span><span class="paragraph-number">${paragraphLabel(item.number)}</span> ${item.title}${item.caseNumber && html` <span class="count">(${t.minutes.caseNumber} ${item.caseNumber})</span>`}</span>
    ${documentLinks(context, meetingId, overview.documents, overview.paragraphIds[i])}
    ${adjustedAtMeeting.has(overview.paragraphIds[i]!) && html`<span class="badge">${t.immediate.adjusted}</span>`}
    ${editable && !adjustedAtMeeting.has(overview.paragraphIds[i]!) && html`<a href="/arbetsyta/sammantraden/${meetingId}/paragrafer/${overview.paragraphIds[i]!}" class="button small secondary">${t.work.edit}<span class="visually-hidden"> ${paragraphLabel(item.number)} ${item.title}</span></a>`}</li>`)}</ol>
  <p class="actions"><a class="button secondary" href="/arbetsyta/sammantraden/${meetingId}/handlingar">${editable ? t.documents.attach : t.documents.title}</a> <a href="${protocolHref(meetingId, 'pdf')}">${t.documents.previewPdf}</a> <a href="${protocolHref(meetingId, 'docx')}">${t.documents.wordDocument}</a> <a href="/arbetsyta/sammantraden/${meetingId}/personuppgifter">${t.privacy.link}</a></p>
  ${editable && html`<h3>${t.work.addItem}</h3>
  ${errorSummary(context, itemForm, { title: t.work.itemTitle, caseNumber: t.work.itemCaseNumber, presenter: t.work.itemPresenter })}
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/paragrafer" novalidate class="form">
    ${csrfField(context)}
    ${inputField(context, itemForm, { name: 'title', label: t.work.itemTitle, required: true })}
    ${inputField(context, itemForm, { name: 'caseNumber', label: t.work.itemCaseNumber, width: 'medium', required: false })}
    ${inputField(context, itemForm, { name: 'presenter', label: t.work.itemPresenter, width: 'medium', required: false })}
    <button type="submit" class="button">${t.work.addItemSubmit}</button>
  </form>`}
</section>

${editable && html`<section class="card" aria-labelledby="upprop-rubrik">
  <h2 id="upprop-rubrik">${t.work.attendance}</h2>
  <p>${t.work.attendanceLead}</p>
  ${suggested && html`<p class="notice-info">${t.reach.panel.attendanceHint}</p>`}
  ${errorSummary(context, attendanceState, attendanceLabels)}
  ${groupErrorMessage(attendanceState, 'attendance').message}
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/narvaro" novalidate>
    ${csrfField(context)}
    <table class="data-table" id="${fieldId('attendance')}" tabindex="-1"><caption class="visually-hidden">${t.work.attendance}</caption>
    <thead><tr><th scope="col">${t.work.personName}</th><th scope="col">${t.work.role}</th><th scope="col">${t.work.present}</th><th scope="col">${t.work.remote}</th><th scope="col">${t.work.servingFor}</th></tr></thead>
    <tbody>${people.map((m) => {
      const present = cellError(`present:${m.personId}`);
      const serving = cellError(`servingFor:${m.personId}`);
      const chosen = servingFor(m.personId, m.personName);
      return html`<tr${(present.id || serving.id) && html` class="row-error"`}>
      <th scope="row">${m.personName}${m.party && html` <span class="party">(${m.party})</span>`}</th>
      <td>${t.minutes.attendeeRoles[m.role] ?? m.role}</td>
      <td>${present.message}<input type="checkbox" name="present" value="${m.personId}" id="${fieldId(`present:${m.personId}`)}" aria-label="${t.work.present}: ${m.personName}"${isPresent(m.personId, m.personName) && html` checked`}${present.aria}></td>
      <td><input type="checkbox" name="remote" value="${m.personId}" aria-label="${t.work.remote}: ${m.personName}"${isRemote(m.personId, m.personName) && html` checked`}></td>
      <td>${m.role === 'substitute'
        ? html`${serving.message}<select name="servingFor:${m.personId}" id="${fieldId(`servingFor:${m.personId}`)}" aria-label="${t.work.servingFor}: ${m.personName}"${serving.aria}><option value="">${t.work.notServing}</option>${members.map((o) => html`<option value="${o.personId}"${chosen === o.personId && html` selected`}>${o.personName}</option>`)}</select>`
        : ''}</td>
    </tr>`;
    })}</tbody></table>
    ${selectField(context, { values: { adjuster: typed ? typed.form.get('adjuster') ?? '' : people.find((p) => p.personName === adjusterName)?.personId ?? '' }, errors: attendanceState.errors }, { name: 'adjuster', label: t.work.adjuster, choices: members.filter((m) => m.role !== 'chair').map((m) => ({ value: m.personId, label: m.personName })) })}
    ${checkboxField({ values: typed?.form.get('pickSubstitutes') === 'on' ? { pickSubstitutes: 'on' } : {}, errors: {} }, { name: 'pickSubstitutes', label: t.work.pickSubstitutes })}
    <button type="submit" class="button">${t.work.saveAttendance}</button>
  </form>
</section>`}

${editable && overview.body.decisionMaking && html`<section class="card" aria-labelledby="omedelbar-rubrik">
  <h2 id="omedelbar-rubrik">${t.immediate.title}</h2>
  <p>${t.immediate.lead}</p>
  ${justAdjusted && html`<div class="flash" role="status"><p>${t.immediate.done(`§ ${justAdjusted}`)}</p></div>`}
  ${errorSummary(context, immediateForm, { paragraph: t.immediate.paragraph })}
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/omedelbar-justering" novalidate>
    ${csrfField(context)}
    ${selectField(context, immediateForm, { name: 'paragraph', label: t.immediate.paragraph, required: true, width: 'medium', choices: overview.minutes.items.flatMap((item, i) => (item.number !== null && !adjustedAtMeeting.has(overview.paragraphIds[i]!) ? [{ value: String(item.number), label: `${paragraphLabel(item.number)} ${item.title}` }] : [])) })}
    <button type="submit" class="button secondary">${t.immediate.submit}</button>
  </form>
</section>`}

${extractable.length > 0 && html`<section class="card" aria-labelledby="utdrag-rubrik">
  <h2 id="utdrag-rubrik">${t.extract.title}</h2>
  <p>${t.extract.lead}</p>
  <p><a class="button secondary" href="/arbetsyta/sammantraden/${meetingId}/utdrag">${t.extract.submit}</a></p>
</section>`}

${st === 'held' && html`<section class="card" aria-labelledby="fardigstall-rubrik">
  <h2 id="fardigstall-rubrik">${t.work.steps.finalise}</h2>
  <p>${t.work.finaliseHint}</p>
  ${legalStepFeedback(context, forms.finalise ?? null, findingTargets)}
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/fardigstall" novalidate>${csrfField(context)}${legalReasonInput(context, forms.finalise ?? null)}<button type="submit" class="button">${forms.finalise?.code === 'legal_reason_required' ? t.legal.submitWithReason : t.work.finalise}</button></form>
</section>`}

${overview.signatures.length > 0 && html`<section class="card" aria-labelledby="justering-rubrik">
  <h2 id="justering-rubrik">${t.work.signatures}</h2>
  <table class="data-table"><caption class="visually-hidden">${t.work.signatures}</caption>
  <thead><tr><th scope="col">${t.work.role}</th><th scope="col">${t.work.personName}</th><th scope="col">Status</th></tr></thead>
  <tbody>${overview.signatures.map((s) => html`<tr><td>${t.minutes.roles[s.role] ?? s.role}</td><td>${s.name ?? ''}</td><td>${s.status === 'signed' ? html`${t.work.signed} ${s.signedAt ? instant(s.signedAt, language) : ''}` : s.status === 'rejected' ? t.work.rejected : t.work.pending}</td></tr>`)}</tbody></table>
</section>`}

${await meetingFollowUpPanel(context, db, viewer, { id: meetingId, status: st, confirmed: (request.query as { bekraftade?: string }).bekraftade })}

${overview.clocks.notice && html`<section class="card" aria-labelledby="anslag-rubrik">
  <h2 id="anslag-rubrik">${t.work.noticeOnBoard}</h2>
  <dl class="notice-dates">
    <div><dt>${t.board.postedOn}</dt><dd>${shortDate(overview.clocks.notice.postedOn, language)}</dd></div>
    <div class="key-date"><dt>${t.board.lastAppealOn}</dt><dd>${longDate(overview.clocks.notice.lastAppealOn, language)}</dd></div>
    <div><dt>${t.board.takeDownOn}</dt><dd>${shortDate(overview.clocks.notice.takeDownOn, language)}</dd></div>
  </dl>
  <p><a href="/arkiv/sammantraden/${meetingId}">${t.work.viewPublic}</a></p>
</section>`}`;
    return sendPage(
      reply,
      layout(context, {
        title,
        section: 'workspace',
        body: page,
        breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: overview.body.name, href: `/arbetsyta/organ/${overview.body.id}` }, { label: title }],
      }),
      status,
    );
  };

  app.get('/arbetsyta/sammantraden/:meetingId', async (request, reply) => meetingPage(request, reply, (request.params as { meetingId: string }).meetingId));

  app.post('/arbetsyta/sammantraden/:meetingId/kallelse', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const mail = publicUrl ? { publicUrl, mailDomain: new URL(publicUrl).hostname } : null;
    const legalReason = formOf(request).get('legalReason') ?? undefined;
    const result = await attemptLegal(() => sendMeetingNotice(handle, meetingId, { sentAt: new Date(), absenceContact: `${viewer.name}, ${viewer.email}`, mail, legalReason }, actorOf(viewer)));
    if (!result.ok) return meetingPage(request, reply, meetingId, { kallelse: legalStepStateOf(result.refusal, legalReason) }, 422);
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}`, 303);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/paragrafer', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const values = valuesOf(formOf(request));
    const { t } = request.page;
    if (!values.title?.trim()) return meetingPage(request, reply, meetingId, { item: formStateFrom(t, values, [{ path: 'title', code: 'required', message: 'title' }]) }, 400);
    const result = await attempt(() =>
      addAgendaItem(db, meetingId, { title: values.title!, caseNumber: values.caseNumber?.trim() || null, presenters: values.presenter?.trim() ? [values.presenter.trim()] : [] }, actorOf(viewer)),
    );
    if (!result.ok) return meetingPage(request, reply, meetingId, { item: formStateFrom(t, values, result.problems) }, 400);
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}#dagordning-rubrik`, 303);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/narvaro', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const form = formOf(request);
    const overview = await getMeetingOverview(db, meetingId, { today: request.page.today });
    const mandates = await getMandates(db, overview.body.id);
    const present = new Set(form.getAll('present'));
    const remote = new Set(form.getAll('remote'));
    const personIds = [...new Set(mandates.map((m) => m.personId))];
    const entries = personIds.map((personId) => ({
      personId,
      present: present.has(personId),
      remote: remote.has(personId),
      servingForPersonId: (present.has(personId) && form.get(`servingFor:${personId}`)) || null,
    }));
    const adjuster = form.get('adjuster');
    const result = await attempt(() =>
      recordAttendance(db, meetingId, { entries, adjusterPersonIds: adjuster ? [adjuster] : [], pickSubstitutes: form.get('pickSubstitutes') === 'on' }, actorOf(viewer)),
    );
    if (!result.ok) return meetingPage(request, reply, meetingId, { attendance: { form, personIds, problems: result.problems } }, 400);
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}#upprop-rubrik`, 303);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/fardigstall', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const legalReason = formOf(request).get('legalReason') ?? undefined;
    const result = await attemptLegal(() => finaliseMinutes(handle, meetingId, { at: new Date(), legalReason, mail: publicUrl ? { publicUrl, mailDomain: new URL(publicUrl).hostname } : null }, actorOf(viewer)));
    if (!result.ok) return meetingPage(request, reply, meetingId, { finalise: legalStepStateOf(result.refusal, legalReason) }, 422);
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}`, 303);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/omedelbar-justering', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const values = valuesOf(formOf(request));
    const { t } = request.page;
    const number = Number(values.paragraph);
    if (!values.paragraph || !Number.isInteger(number)) return meetingPage(request, reply, meetingId, { immediate: formStateFrom(t, values, [{ path: 'paragraph', code: 'required', message: 'choose a §' }]) }, 400);
    const result = await attempt(() => adjustParagraphAtMeeting(db, meetingId, { paragraph: number, on: request.page.today }, actorOf(viewer)));
    if (!result.ok) return meetingPage(request, reply, meetingId, { immediate: formStateFrom(t, values, result.problems) }, 400);
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}?justerad=${number}#omedelbar-rubrik`, 303);
  });

  // The § form has its own module (issue 19).
  await registerParagraphFormPages(app, { db });

  // The signers' pages are in signing.pages.ts.

  // ————— members —————

  app.get('/mina-sammantraden', async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const organizations = await getOrganizations(db);
    const bodies = (await getBodies(db)).filter((b) => canReadAsMember(viewer, { organizationId: b.organizationId, bodyId: b.id }));
    const organizationName = new Map(organizations.map((o) => [o.id, o.name]));
    const upcoming: Html[] = [];
    const past: Html[] = [];
    for (const body of bodies.sort((a, b) => swedishOrder.compare(a.name, b.name))) {
      for (const m of await listMeetings(db, { bodyId: body.id })) {
        const when = m.heldOn ? longDate(m.heldOn, language) : '–';
        if (m.status === 'planned' || m.status === 'convened' || (m.heldOn !== null && m.heldOn >= context.today && m.status !== 'cancelled')) {
          upcoming.push(html`<li class="meeting-row"><a class="meeting-link" href="/mina-sammantraden/${m.id}"><span class="meeting-date">${body.name} ${when}</span><span class="meeting-kind">${m.location ?? ''}${m.startTime && html` · ${timeSpan(m.startTime, null, language)}`}</span></a>${statusBadge(context, m.status)}</li>`);
        } else if (m.status !== 'cancelled') {
          const href = m.status === 'adjusted' || m.status === 'archived' ? `/arkiv/sammantraden/${m.id}` : `/mina-sammantraden/${m.id}`;
          past.push(html`<li class="meeting-row"><a class="meeting-link" href="${href}"><span class="meeting-date">${body.name} ${when}</span><span class="meeting-kind">${body.organizationId ? organizationName.get(body.organizationId) ?? '' : ''}</span></a>${statusBadge(context, m.status)}</li>`);
        }
      }
    }
    const body = html`<h1>${t.member.title}</h1>
${bodies.length === 0 && html`<p>${t.member.noBodies}</p>`}
<h2>${t.member.upcoming}</h2>
${upcoming.length ? html`<ul class="meeting-list">${upcoming.reverse()}</ul>` : html`<p>${t.member.none}</p>`}
<h2>${t.member.past}</h2>
${past.length ? html`<ul class="meeting-list">${past}</ul>` : html`<p>${t.member.none}</p>`}`;
    return sendPage(reply, layout(context, { title: t.member.title, section: 'mine', body }));
  });

  app.get('/mina-sammantraden/:meetingId', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    const scope = await requireMemberOfMeeting(db, viewer, meetingId);
    if (scope.status === 'adjusted' || scope.status === 'archived') return reply.redirect(`/arkiv/sammantraden/${meetingId}`, 303);
    const context = request.page;
    const { t, language } = context;
    const overview = await getMeetingOverview(db, meetingId, { today: context.today });
    const title = `${overview.body.name} ${overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, language) : ''}`;
    const isDraft = overview.meeting.status === 'held' || overview.meeting.status === 'finalised';
    const absence = await memberAbsenceSection(context, db, viewer, meetingId, request.query as { forhinder?: string });
    // The viewer's own notes only (member-notes.view draws them under each item and beside each document).
    const notes = await notesOnPage(db, viewer, meetingId, request.query as { anteckning?: string; vid?: string });
    const body = html`<p class="overline">${overview.organization?.name ?? ''}</p>
<h1>${title} ${statusBadge(context, overview.meeting.status)}</h1>
<dl class="facts">
  <div><dt>${t.work.heldOn}</dt><dd>${overview.meeting.heldOn ? longDate(overview.meeting.heldOn, language) : '–'}</dd></div>
  <div><dt>${t.minutes.time}</dt><dd>${timeSpan(overview.minutes.meeting.start, overview.minutes.meeting.end, language) ?? '–'}</dd></div>
  <div><dt>${t.minutes.place}</dt><dd>${overview.minutes.meeting.location ?? '–'}</dd></div>
</dl>
<p class="notice-info">${isDraft ? t.member.draftNote : t.member.readOnly}</p>
${kallelsePackageLink(context, meetingId, overview.meeting.convenedAt)}
${absence}
${isDraft
  ? html`${attendanceSection(context, overview.minutes)}${overview.minutes.items.map((item, i) => html`${paragraphArticle(context, { number: item.number, item }, i)}${itemNoteForm(context, meetingId, notes, overview.paragraphIds[i], `${paragraphLabel(item.number)} ${item.title}`)}`)}
${overview.documents.length > 0 && html`<section class="card" aria-labelledby="handlingar-rubrik"><h2 id="handlingar-rubrik">${t.documents.title}</h2><ul class="plain">${overview.minutes.items.map(
  (item, i) => overview.documents.some((d) => d.paragraphId === overview.paragraphIds[i]) && html`<li><span class="paragraph-number">${paragraphLabel(item.number)}</span> ${item.title}${documentsWithNotes(context, meetingId, notes, overview.documents, overview.paragraphIds[i])}</li>`,
)}</ul></section>`}`
  : html`<section class="card"><h2>${t.member.agenda}</h2><ol class="plain">${overview.minutes.items.map(
      (item, i) => html`<li class="agenda-item-with-note"><div class="meeting-row"><span><span class="paragraph-number">${paragraphLabel(item.number)}</span> ${item.title}</span>${nonEmpty(item.presenters) && html`<span class="count">${t.minutes.presenters}: ${item.presenters.join(', ')}</span>`}</div>${documentsWithNotes(context, meetingId, notes, overview.documents, overview.paragraphIds[i])}${itemNoteForm(context, meetingId, notes, overview.paragraphIds[i], `${paragraphLabel(item.number)} ${item.title}`)}</li>`,
    )}</ol></section>`}`;
    return sendPage(reply, layout(context, { title, section: 'mine', body, breadcrumbs: [{ label: t.member.title, href: '/mina-sammantraden' }, { label: title }] }));
  });

  // ————— administration —————

  const adminPage = async (request: FastifyRequest, reply: FastifyReply, forms: { user?: FormState; organization?: FormState; body?: FormState; role?: FormState } = {}, status = 200) => {
    const viewer = requireViewer(request);
    if (!canAdminister(viewer)) throw new ForbiddenError('not_administrator', 'only administrators manage accounts');
    const context = request.page;
    const { t } = context;
    const a = t.admin;
    const [accounts, persons, organizations, bodies] = await Promise.all([listAccounts(db), listLinkablePersons(db), getOrganizations(db), getBodies(db)]);
    const personName = new Map(persons.map((p) => [p.id, p.name]));
    const organizationName = new Map(organizations.map((o) => [o.id, o.name]));
    const userForm = forms.user ?? emptyForm;
    const orgForm = forms.organization ?? { values: { organizationType: 'kommunalforbund' }, errors: {} };
    const bodyForm = forms.body ?? { values: { bodyKind: 'board' }, errors: {} };
    const roleForm = forms.role ?? { values: { role: 'secretary' }, errors: {} };
    const scopes = [
      { value: '', label: a.everywhere },
      ...organizations.map((o) => ({ value: `org:${o.id}`, label: o.name })),
      ...bodies.map((b) => ({ value: `body:${b.id}`, label: `${b.name} (${b.organizationId ? organizationName.get(b.organizationId) ?? '' : ''})` })),
    ];
    const body = html`<h1>${a.title}</h1>
${'sparat' in (request.query as object) && html`<div class="flash" role="status"><p>${a.created}</p></div>`}
<section aria-labelledby="konton-rubrik">
<h2 id="konton-rubrik">${a.users}</h2>
<table class="data-table"><caption class="visually-hidden">${a.users}</caption>
<thead><tr><th scope="col">${a.name}</th><th scope="col">${a.email}</th><th scope="col">${a.roles}</th><th scope="col">${a.person}</th></tr></thead>
<tbody>${accounts.map((u) => html`<tr>
  <td>${u.name}${u.isAdministrator && html` <span class="status status-finalised">${a.roleNames.administrator}</span>`}</td>
  <td>${u.email}</td>
  <td><ul class="plain">${u.roles.map((r) => html`<li>${a.roleNames[r.role] ?? r.role}: ${r.bodyName ?? r.organizationName ?? a.everywhere}
    <form method="post" action="/admin/roller/${r.id}/ta-bort" class="inline-form">${csrfField(context)}<button type="submit" class="link-button">${a.revoke}<span class="visually-hidden"> ${a.roleNames[r.role] ?? r.role} ${u.name}</span></button></form></li>`)}</ul></td>
  <td><form method="post" action="/admin/konton/${u.id}/person" class="inline-form">${csrfField(context)}
    <select name="personId" aria-label="${a.person}: ${u.name}"><option value="">${a.noPerson}</option>${persons.map((p) => html`<option value="${p.id}"${p.id === u.personId && html` selected`}>${p.name}${p.bodyNames.length > 0 && ` – ${p.bodyNames.join(', ')}`}</option>`)}</select>
    <button type="submit" class="button small secondary">${t.form.save}<span class="visually-hidden"> ${a.person} ${u.name}</span></button></form>
    ${u.personId && html`<span class="visually-hidden">${personName.get(u.personId) ?? ''}</span>`}</td>
</tr>`)}</tbody></table>
</section>
<div class="columns">
<section class="card" aria-labelledby="nytt-konto-rubrik">
  <h2 id="nytt-konto-rubrik">${a.createUser}</h2>
  ${errorSummary(context, userForm, { name: a.name, email: a.email, password: a.password, personId: a.person })}
  <form method="post" action="/admin/konton" novalidate>${csrfField(context)}
    ${inputField(context, userForm, { name: 'name', label: a.name, required: true, autocomplete: 'off' })}
    ${inputField(context, userForm, { name: 'email', label: a.email, type: 'email', required: true, autocomplete: 'off' })}
    ${inputField(context, userForm, { name: 'password', label: a.password, hint: a.passwordHint, type: 'password', required: true, autocomplete: 'new-password' })}
    ${selectField(context, userForm, { name: 'personId', label: a.person, required: false, choices: persons.map((p) => ({ value: p.id, label: p.bodyNames.length ? `${p.name} – ${p.bodyNames.join(', ')}` : p.name })) })}
    ${checkboxField(userForm, { name: 'isAdministrator', label: a.isAdministrator })}
    <button type="submit" class="button">${a.createUserSubmit}</button>
  </form>
</section>
<section class="card" aria-labelledby="behorighet-rubrik">
  <h2 id="behorighet-rubrik">${a.grantRole}</h2>
  ${errorSummary(context, roleForm, { userId: a.user, role: a.role, scope: a.scope })}
  <form method="post" action="/admin/roller" novalidate>${csrfField(context)}
    ${selectField(context, roleForm, { name: 'userId', label: a.user, required: true, choices: accounts.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })) })}
    ${selectField(context, roleForm, { name: 'role', label: a.role, required: true, placeholder: false, choices: grantableRoles.map((r) => ({ value: r, label: a.roleNames[r] ?? r })) })}
    ${selectField(context, roleForm, { name: 'scope', label: a.scope, required: false, placeholder: false, choices: scopes })}
    <button type="submit" class="button">${a.grantSubmit}</button>
  </form>
</section>
</div>
<section aria-labelledby="organisationer-rubrik">
<h2 id="organisationer-rubrik">${a.organizations}</h2>
<ul class="plain">${organizations.map((o) => html`<li><strong>${o.name}</strong> <span class="count">${a.organizationTypes[o.organizationType] ?? o.organizationType}</span>
  <ul>${bodies.filter((b) => b.organizationId === o.id).map((b) => html`<li><a href="/arbetsyta/organ/${b.id}">${b.name}</a></li>`)}</ul></li>`)}</ul>
<div class="columns">
<section class="card" aria-labelledby="ny-org-rubrik">
  <h3 id="ny-org-rubrik">${a.createOrganization}</h3>
  ${errorSummary(context, orgForm, { organizationName: a.organizationName, organizationType: a.organizationType })}
  <form method="post" action="/admin/organisationer" novalidate>${csrfField(context)}
    ${inputField(context, orgForm, { name: 'organizationName', label: a.organizationName, required: true })}
    ${selectField(context, orgForm, { name: 'organizationType', label: a.organizationType, required: true, placeholder: false, choices: organisationTypes.map((ty) => ({ value: ty, label: a.organizationTypes[ty] ?? ty })) })}
    <button type="submit" class="button">${a.createOrganizationSubmit}</button>
  </form>
</section>
<section class="card" aria-labelledby="nytt-organ-rubrik">
  <h3 id="nytt-organ-rubrik">${a.createBody}</h3>
  ${errorSummary(context, bodyForm, { bodyName: a.bodyName, organizationId: a.bodyOrganization, bodyKind: a.bodyKind, seats: a.seats })}
  <form method="post" action="/admin/organ" novalidate>${csrfField(context)}
    ${selectField(context, bodyForm, { name: 'organizationId', label: a.bodyOrganization, required: true, choices: organizations.map((o) => ({ value: o.id, label: o.name })) })}
    ${inputField(context, bodyForm, { name: 'bodyName', label: a.bodyName, required: true })}
    ${selectField(context, bodyForm, { name: 'bodyKind', label: a.bodyKind, required: true, placeholder: false, choices: Object.entries(a.bodyKinds).map(([value, label]) => ({ value, label })) })}
    ${inputField(context, bodyForm, { name: 'seats', label: a.seats, type: 'number', width: 'short', required: false })}
    <button type="submit" class="button">${a.createBodySubmit}</button>
  </form>
</section>
</div>
</section>`;
    return sendPage(reply, layout(context, { title: a.title, section: 'admin', body }), status);
  };

  const requireAdministrator = (request: FastifyRequest): Viewer => {
    const viewer = requireViewer(request);
    if (!canAdminister(viewer)) throw new ForbiddenError('not_administrator', 'only administrators manage accounts');
    return viewer;
  };

  app.get('/admin', async (request, reply) => adminPage(request, reply));

  app.post('/admin/konton', async (request, reply) => {
    const viewer = requireAdministrator(request);
    const values = valuesOf(formOf(request));
    const { t } = request.page;
    const problems: Problem[] = [];
    if (!values.password) problems.push({ path: 'password', code: 'required', message: 'password' });
    const result = problems.length
      ? { ok: false as const, problems }
      : await attempt(() =>
          createUser(db, { name: values.name ?? '', email: values.email ?? '', password: values.password ?? '', personId: values.personId || null, isAdministrator: values.isAdministrator === 'on' }, viewer),
        );
    if (!result.ok) return adminPage(request, reply, { user: formStateFrom(t, { ...values, password: '' }, result.problems) }, 400);
    return reply.redirect('/admin?sparat', 303);
  });

  app.post('/admin/konton/:userId/person', async (request, reply) => {
    const viewer = requireAdministrator(request);
    const { userId } = request.params as { userId: string };
    await linkUserToPerson(db, { userId, personId: formOf(request).get('personId') || null }, viewer);
    return reply.redirect('/admin?sparat', 303);
  });

  app.post('/admin/roller', async (request, reply) => {
    const viewer = requireAdministrator(request);
    const values = valuesOf(formOf(request));
    const { t } = request.page;
    const scope = values.scope ?? '';
    const result = await attempt(() =>
      grantRole(db, {
        userId: values.userId ?? '',
        role: values.role ?? '',
        organizationId: scope.startsWith('org:') ? scope.slice(4) : null,
        bodyId: scope.startsWith('body:') ? scope.slice(5) : null,
      }, viewer),
    );
    if (!result.ok) return adminPage(request, reply, { role: formStateFrom(t, values, result.problems.map((p) => (p.path === 'userId' ? { ...p, code: 'required' } : p))) }, 400);
    return reply.redirect('/admin?sparat', 303);
  });

  app.post('/admin/roller/:roleId/ta-bort', async (request, reply) => {
    const viewer = requireAdministrator(request);
    await revokeRole(db, (request.params as { roleId: string }).roleId, viewer);
    return reply.redirect('/admin?sparat', 303);
  });

  app.post('/admin/organisationer', async (request, reply) => {
    const viewer = requireAdministrator(request);
    // A new organisation is outside every organisation's administrators: system administrators only.
    if (!isSystemAdministrator(viewer)) throw new ForbiddenError('not_system_administrator', 'only a system administrator may register an organisation');
    const values = valuesOf(formOf(request));
    const { t } = request.page;
    const type = values.organizationType as OrganisationType;
    const problems: Problem[] = [];
    if (!values.organizationName?.trim()) problems.push({ path: 'organizationName', code: 'required', message: 'name' });
    if (!organisationTypes.includes(type)) problems.push({ path: 'organizationType', code: 'required', message: 'type' });
    const result = problems.length ? { ok: false as const, problems } : await attempt(() => createOrganization(db, { name: values.organizationName!, organizationType: type }, actorOf(viewer)));
    if (!result.ok) return adminPage(request, reply, { organization: formStateFrom(t, values, result.problems, (path) => (path === 'name' ? 'organizationName' : path)) }, 400);
    return reply.redirect('/admin?sparat', 303);
  });

  app.post('/admin/organ', async (request, reply) => {
    const viewer = requireAdministrator(request);
    const values = valuesOf(formOf(request));
    const { t } = request.page;
    const problems: Problem[] = [];
    if (!values.organizationId) problems.push({ path: 'organizationId', code: 'required', message: 'organisation' });
    if (!values.bodyName?.trim()) problems.push({ path: 'bodyName', code: 'required', message: 'name' });
    if (values.organizationId && !canAdminister(viewer, { organizationId: values.organizationId })) {
      throw new ForbiddenError('not_administrator_of_organization', 'only an administrator of the organisation may add a body to it');
    }
    const seats = values.seats?.trim() ? Number(values.seats) : null;
    if (seats !== null && !(Number.isInteger(seats) && seats > 0)) problems.push({ path: 'seats', code: 'invalid_number', message: 'seats' });
    const result = problems.length
      ? { ok: false as const, problems }
      : await attempt(() => createBody(db, { organizationId: values.organizationId!, name: values.bodyName!, bodyKind: values.bodyKind || 'board', decisionMaking: values.bodyKind !== 'network', seats }, actorOf(viewer)));
    if (!result.ok) return adminPage(request, reply, { body: formStateFrom(t, values, result.problems, (path) => (path === 'name' ? 'bodyName' : path)) }, 400);
    return reply.redirect(`/arbetsyta/organ/${result.value.id}`, 303);
  });
}

/** The roll-call as submitted, and why recordAttendance refused it. */
interface AttendanceForm {
  form: URLSearchParams;
  /** The persons in the order of the entries sent to recordAttendance, so 'entries[2]' names one. */
  personIds: string[];
  problems: Problem[];
}

/** Each problem of a refused roll-call at the control it concerns: the person's checkbox or serving choice, or the adjuster. */
function attendanceStateFrom(t: Catalogue, typed: AttendanceForm): FormState {
  return formStateFrom(t, {}, typed.problems, (path) => {
    const entry = /^entries\[(\d+)\]\.(\w+)/.exec(path);
    const personId = entry ? typed.personIds[Number(entry[1])] : undefined;
    if (entry && personId) return entry[2] === 'servingForPersonId' ? `servingFor:${personId}` : `present:${personId}`;
    if (path.startsWith('adjusterPersonIds')) return 'adjuster';
    return 'attendance';
  });
}
