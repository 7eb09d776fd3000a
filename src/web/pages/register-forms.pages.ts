/**
 * Keeping three follow-up registers from the web (issue 20): representation (uppdrag i andra organ,
 * registered and ended early), remisser (registered and answered in a §) and the goals of the operational
 * plan with their indicators and tertial follow-ups. Access and the audit entry are the use cases' work
 * (role, organisation and every id they touch); the pages only choose what to show (the organisations whose
 * registers the viewer keeps) and turn a § picked as meeting + number into its id.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, NotFoundError, type Problem } from '../../errors.ts';
import { type Viewer } from '../../services/accounts.service.ts';
import {
  answerConsultation,
  createGoal,
  createIndicator,
  endAppointmentOn,
  findParagraph,
  FOLLOW_UP_PERIODS,
  listAppointments,
  listConsultations,
  listGoals,
  recordIndicatorFollowUp,
  registerAppointment,
  registerConsultation,
  type ParagraphRef,
} from '../../services/follow-up.service.ts';
import { listMeetings } from '../../services/meeting-cycle/reading.ts';
import { getBodies } from '../../services/registers.service.ts';
import { actorOf, requireViewer, sendPage, type PageContext } from '../context.ts';
import { shortDate } from '../format.ts';
import { csrfField, emptyForm, errorSummary, formStateFrom, inputField, problemsOf, selectField, textareaField, type FormState } from '../forms.ts';
import { html, type Html } from '../html.ts';
import { organizationPicker, registerOrganizationsOf } from './register-organizations.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';

type Database = WebDependencies['db'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

/** The named fields of a posted form, each as typed ('' when absent). */
function valuesOf<N extends string>(form: URLSearchParams, names: readonly N[]): Record<N, string> {
  return Object.fromEntries(names.map((n) => [n, form.get(n) ?? ''])) as Record<N, string>;
}

function stateOf(context: PageContext, values: Record<string, string>, problems: Problem[], fieldOf: (path: string) => string = (p) => p): FormState {
  const state = formStateFrom(context.t, values, problems, fieldOf);
  const codes = { ...context.t.registerWork.codes, ...context.t.registerForms.codes };
  for (const problem of problems) {
    const message = codes[problem.code];
    if (message) state.errors[fieldOf(problem.path)] = message;
  }
  return state;
}

function paragraphLink(context: PageContext, ref: ParagraphRef | null): Html {
  if (!ref) return html`–`;
  const when = ref.heldOn ? shortDate(ref.heldOn, context.language) : '';
  return html`<a href="/arbetsyta/paragraf/${ref.meetingId}/${ref.paragraphId}">${context.t.registers.paragraphLink(paragraphLabel(ref.number), ref.bodyName, when)}</a>`;
}

/**
 * The § picked as a meeting and a § number (both empty: none). The use case then checks that the § is one
 * of the organisation's; here only that the meeting has such a §.
 */
async function paragraphPicked(db: Database, form: URLSearchParams, fields: { meeting: string; number: string }, required: boolean): Promise<string | null> {
  const meetingId = (form.get(fields.meeting) ?? '').trim();
  const number = (form.get(fields.number) ?? '').trim();
  if (!meetingId && !number && !required) return null;
  const problems: Problem[] = [];
  if (!meetingId) problems.push({ path: fields.meeting, code: 'required', message: 'choose the meeting' });
  else if (!UUID.test(meetingId)) problems.push({ path: fields.meeting, code: 'unknown_meeting', message: `no meeting ${meetingId}` });
  if (!number) problems.push({ path: fields.number, code: 'required', message: 'give the § number' });
  else if (!/^\d{1,5}$/.test(number)) problems.push({ path: fields.number, code: 'invalid_number', message: `expected a § number, got '${number}'` });
  if (problems.length) throw new InputError(problems);
  try {
    return (await findParagraph(db, { meetingId, number: Number(number) })).paragraphId;
  } catch (error) {
    if (error instanceof NotFoundError) throw new InputError({ path: fields.number, code: 'paragraph_not_in_meeting', message: error.message });
    throw error;
  }
}

export async function registerRegisterFormPages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  const organizationsOf = (viewer: Viewer) => registerOrganizationsOf(db, viewer);

  /** The organisation shown: the one the form or query names if the viewer keeps it, else the first. */
  const chosenOrganization = async (request: FastifyRequest, viewer: Viewer) => {
    const organizations = await organizationsOf(viewer);
    const chosen = formOf(request).get('organisation') ?? (request.query as { organisation?: string }).organisation;
    return { organizations, organization: organizations.find((o) => o.id === chosen) ?? organizations[0] };
  };

  /** The organisation's meetings held by today, newest first, as choices for "decided in §". */
  const meetingChoices = async (context: PageContext, organizationId: string) => {
    const bodies = await getBodies(db, organizationId);
    const meetings = (await Promise.all(bodies.map((b) => listMeetings(db, { bodyId: b.id })))).flat();
    return meetings
      .filter((m) => m.heldOn && m.heldOn <= context.today && m.status !== 'cancelled')
      .sort((a, b) => (b.heldOn ?? '').localeCompare(a.heldOn ?? ''))
      .slice(0, 80)
      .map((m) => ({ value: m.id, label: `${m.bodyName} ${shortDate(m.heldOn!, context.language)}` }));
  };

  const noOrganization = (context: PageContext, reply: FastifyReply, title: string, status: number) =>
    sendPage(reply, layout(context, { title, section: 'workspace', body: html`<h1>${title}</h1><p>${context.t.work.noBodies}</p>` }), status);

  const pageOf = (context: PageContext, reply: FastifyReply, title: string, body: Html, status: number) =>
    sendPage(
      reply,
      layout(context, { title, section: 'workspace', body, breadcrumbs: [{ label: context.t.work.title, href: '/arbetsyta' }, { label: context.t.registers.title, href: '/arbetsyta/uppfoljning' }, { label: title }] }),
      status,
    );

  const back = (organizationId: string, path: string, done: string, anchor: string) =>
    `${path}?organisation=${encodeURIComponent(organizationId)}&klart=${done}#${anchor}`;

  // ————— representation —————

  const appointmentFields = ['personName', 'externalBody', 'role', 'startsOn', 'endsOn', 'decidedMeeting', 'decidedNumber'] as const;

  const representationPage = async (request: FastifyRequest, reply: FastifyReply, forms: { register?: FormState; end?: FormState } = {}, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const r = t.registers;
    const f = t.registerForms;
    const { organizations, organization } = await chosenOrganization(request, viewer);
    if (!organization) return noOrganization(context, reply, f.representationTitle, status);
    const [active, meetings] = await Promise.all([listAppointments(db, { organizationId: organization.id, status: 'active', activeOn: context.today }), meetingChoices(context, organization.id)]);
    const date = (value: string | null) => (value ? shortDate(value, language) : '–');
    const form = forms.register ?? { values: { role: 'ordinary' }, errors: {} };
    const end = forms.end ?? emptyForm;
    const labels = { personName: r.person, externalBody: r.externalBody, role: r.role, startsOn: r.since, endsOn: r.until, decidedMeeting: f.decidedMeeting, decidedNumber: f.decidedNumber, form: f.registerAppointment };
    const endLabels = Object.fromEntries(Object.keys(end.errors).map((k) => [k, f.endsOn]));
    const done = (request.query as { klart?: string }).klart;
    const body = html`<p class="overline">${organization.name}</p>
<h1>${f.representationTitle}</h1>
<p class="lead">${f.representationLead}</p>
${organizationPicker(context, '/arbetsyta/representation', organizations, organization.id)}
${done === 'registrerad' && html`<div class="flash" role="status"><p>${f.appointmentRegistered}</p></div>`}
${done === 'avslutad' && html`<div class="flash" role="status"><p>${f.appointmentEnded}</p></div>`}

<section aria-labelledby="representation-rubrik">
  <h2 id="representation-rubrik">${r.appointments} (${String(active.length)})</h2>
  ${errorSummary(context, end, endLabels)}
  ${active.length === 0
    ? html`<p>${r.noAppointments}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${r.appointments}</caption>
  <thead><tr><th scope="col">${r.externalBody}</th><th scope="col">${r.person}</th><th scope="col">${r.role}</th><th scope="col">${r.since}</th><th scope="col">${r.until}</th><th scope="col">${r.source}</th><th scope="col">${f.endEarly}</th></tr></thead>
  <tbody>${active.map((a) => {
    const key = `slut-${a.id}`;
    const error = end.errors[key];
    return html`<tr><td>${a.externalBody}</td><td>${a.personName}</td><td>${r.roles[a.role] ?? a.role}</td><td>${date(a.since)}</td><td>${date(a.endsOn)}</td><td>${paragraphLink(context, a.decidedIn)}</td>
    <td><form method="post" action="/arbetsyta/representation/${a.id}/avsluta" class="inline-form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
      <label for="falt-${key}" class="visually-hidden">${f.endsOnFor(a.personName, a.externalBody)}</label>
      ${error && html`<p class="error-message" id="falt-${key}-fel"><span class="visually-hidden">Fel: </span>${error}</p>`}
      <input type="date" id="falt-${key}" name="endsOn" value="${error ? (end.values.endsOn ?? '') : context.today}" class="input-short"${error && html` aria-invalid="true" aria-describedby="falt-${key}-fel"`}>
      <button type="submit" class="button small secondary">${f.end}<span class="visually-hidden">: ${a.personName}, ${a.externalBody}</span></button></form></td></tr>`;
  })}</tbody></table>`}
</section>

<section class="card" aria-labelledby="ny-representation-rubrik">
  <h2 id="ny-representation-rubrik">${f.registerAppointment}</h2>
  <p>${f.registerAppointmentLead}</p>
  ${errorSummary(context, form, labels)}
  <form method="post" action="/arbetsyta/representation" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
    ${inputField(context, form, { name: 'personName', label: r.person, width: 'medium', required: true })}
    ${inputField(context, form, { name: 'externalBody', label: r.externalBody, required: true })}
    ${selectField(context, form, { name: 'role', label: r.role, required: true, placeholder: false, choices: ['ordinary', 'substitute'].map((v) => ({ value: v, label: r.roles[v] ?? v })) })}
    ${inputField(context, form, { name: 'startsOn', label: f.termFrom, type: 'date', width: 'short', required: false, hint: f.termFromHint })}
    ${inputField(context, form, { name: 'endsOn', label: f.termTo, type: 'date', width: 'short', required: false })}
    ${selectField(context, form, { name: 'decidedMeeting', label: f.decidedMeeting, required: false, choices: meetings })}
    ${inputField(context, form, { name: 'decidedNumber', label: f.decidedNumber, width: 'short', required: false, hint: f.decidedNumberHint })}
    <button type="submit" class="button">${f.registerAppointment}</button>
  </form>
</section>
<p><a href="/arbetsyta/uppfoljning?organisation=${organization.id}">${r.title}</a></p>`;
    return pageOf(context, reply, f.representationTitle, body, status);
  };

  app.get('/arbetsyta/representation', async (request, reply) => representationPage(request, reply));

  app.post('/arbetsyta/representation', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const values = valuesOf(form, appointmentFields);
    const organizationId = form.get('organisation') ?? '';
    try {
      const decidedParagraphId = await paragraphPicked(db, form, { meeting: 'decidedMeeting', number: 'decidedNumber' }, false);
      await registerAppointment(
        db,
        {
          organizationId,
          personName: values.personName,
          externalBody: values.externalBody,
          role: values.role as 'ordinary',
          startsOn: values.startsOn.trim() || null,
          endsOn: values.endsOn.trim() || null,
          decidedParagraphId,
        },
        actorOf(viewer),
      );
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const fieldOf = (path: string) => (path === 'decidedParagraphId' ? 'decidedNumber' : (appointmentFields as readonly string[]).includes(path) ? path : 'form');
      return representationPage(request, reply, { register: stateOf(request.page, values, problems, fieldOf) }, 400);
    }
    return reply.redirect(back(organizationId, '/arbetsyta/representation', 'registrerad', 'representation-rubrik'), 303);
  });

  app.post('/arbetsyta/representation/:id/avsluta', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = request.params as { id: string };
    const form = formOf(request);
    const endsOn = (form.get('endsOn') ?? '').trim();
    if (!UUID.test(id)) throw new NotFoundError('appointment_not_found', `no appointment with id ${id}`, {});
    try {
      await endAppointmentOn(db, { appointmentId: id, endsOn }, actorOf(viewer));
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      return representationPage(request, reply, { end: stateOf(request.page, { endsOn }, problems, () => `slut-${id}`) }, 400);
    }
    return reply.redirect(back(form.get('organisation') ?? '', '/arbetsyta/representation', 'avslutad', 'representation-rubrik'), 303);
  });

  // ————— remisser —————

  const consultationFields = ['sender', 'title', 'caseNumber', 'receivedOn', 'dueOn'] as const;
  const answerFields = ['consultationId', 'answerMeeting', 'answerNumber'] as const;

  const consultationsPage = async (request: FastifyRequest, reply: FastifyReply, forms: { register?: FormState; answer?: FormState } = {}, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const { t, language } = context;
    const r = t.registers;
    const w = t.registerWork;
    const f = t.registerForms;
    const { organizations, organization } = await chosenOrganization(request, viewer);
    if (!organization) return noOrganization(context, reply, w.consultations, status);
    const [consultations, meetings] = await Promise.all([listConsultations(db, { organizationId: organization.id, today: context.today }), meetingChoices(context, organization.id)]);
    const unanswered = consultations.filter((c) => c.answeredIn === null);
    const date = (value: string | null) => (value ? shortDate(value, language) : '–');
    const form = forms.register ?? { values: { receivedOn: context.today }, errors: {} };
    const answer = forms.answer ?? emptyForm;
    const labels = { sender: w.sender, title: f.consultationTitle, caseNumber: w.caseNumber, receivedOn: f.receivedOn, dueOn: w.consultationDue, form: f.registerConsultation };
    const answerLabels = { consultationId: f.consultation, answerMeeting: f.answerMeeting, answerNumber: f.decidedNumber, form: f.answerTitle };
    const done = (request.query as { klart?: string }).klart;
    const body = html`<p class="overline">${organization.name}</p>
<h1>${w.consultations}</h1>
<p class="lead">${f.consultationsLead}</p>
${organizationPicker(context, '/arbetsyta/remisser', organizations, organization.id)}
${done === 'registrerad' && html`<div class="flash" role="status"><p>${f.consultationRegistered}</p></div>`}
${done === 'besvarad' && html`<div class="flash" role="status"><p>${f.consultationAnswered}</p></div>`}

<section aria-labelledby="remisser-rubrik">
  <h2 id="remisser-rubrik">${w.consultations} (${String(consultations.length)})</h2>
  ${consultations.length === 0
    ? html`<p>${w.consultationsNone}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${w.consultations}</caption>
  <thead><tr><th scope="col">${w.sender}</th><th scope="col">${f.consultationTitle}</th><th scope="col">${w.caseNumber}</th><th scope="col">${f.receivedOn}</th><th scope="col">${w.consultationDue}</th><th scope="col">${w.answeredIn}</th></tr></thead>
  <tbody>${consultations.map((c) => html`<tr><td>${c.sender}</td><td>${c.title}</td><td>${c.caseNumber ?? ''}</td><td>${date(c.receivedOn)}</td><td>${date(c.dueOn)}${c.overdue && html` <span class="clock-overdue">(${r.overdue})</span>`}</td><td>${paragraphLink(context, c.answeredIn)}</td></tr>`)}</tbody></table>`}
</section>

<section class="card" aria-labelledby="besvara-rubrik">
  <h2 id="besvara-rubrik">${f.answerTitle}</h2>
  <p>${f.answerLead}</p>
  ${errorSummary(context, answer, answerLabels)}
  ${unanswered.length === 0
    ? html`<p>${f.noneUnanswered}</p>`
    : html`<form method="post" action="/arbetsyta/remisser/svar" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
    ${selectField(context, answer, { name: 'consultationId', label: f.consultation, required: true, choices: unanswered.map((c) => ({ value: c.id, label: `${c.sender}: ${c.title}${c.caseNumber ? ` (${c.caseNumber})` : ''}` })) })}
    ${selectField(context, answer, { name: 'answerMeeting', label: f.answerMeeting, required: true, choices: meetings })}
    ${inputField(context, answer, { name: 'answerNumber', label: f.decidedNumber, width: 'short', required: true, hint: f.decidedNumberHint })}
    <button type="submit" class="button">${f.answer}</button>
  </form>`}
</section>

<section class="card" aria-labelledby="ny-remiss-rubrik">
  <h2 id="ny-remiss-rubrik">${f.registerConsultation}</h2>
  ${errorSummary(context, form, labels)}
  <form method="post" action="/arbetsyta/remisser" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
    ${inputField(context, form, { name: 'sender', label: w.sender, required: true })}
    ${textareaField(context, form, { name: 'title', label: f.consultationTitle, required: true, rows: 2 })}
    ${inputField(context, form, { name: 'caseNumber', label: w.caseNumber, width: 'medium', required: false })}
    ${inputField(context, form, { name: 'receivedOn', label: f.receivedOn, type: 'date', width: 'short', required: false })}
    ${inputField(context, form, { name: 'dueOn', label: w.consultationDue, type: 'date', width: 'short', required: false })}
    <button type="submit" class="button">${f.registerConsultation}</button>
  </form>
</section>
<p><a href="/arbetsyta/uppfoljning?organisation=${organization.id}">${r.title}</a></p>`;
    return pageOf(context, reply, w.consultations, body, status);
  };

  app.get('/arbetsyta/remisser', async (request, reply) => consultationsPage(request, reply));

  app.post('/arbetsyta/remisser', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const values = valuesOf(form, consultationFields);
    const organizationId = form.get('organisation') ?? '';
    try {
      await registerConsultation(
        db,
        { organizationId, sender: values.sender, title: values.title, caseNumber: values.caseNumber.trim() || null, receivedOn: values.receivedOn.trim() || null, dueOn: values.dueOn.trim() || null },
        actorOf(viewer),
      );
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const fieldOf = (path: string) => ((consultationFields as readonly string[]).includes(path) ? path : 'form');
      return consultationsPage(request, reply, { register: stateOf(request.page, values, problems, fieldOf) }, 400);
    }
    return reply.redirect(back(organizationId, '/arbetsyta/remisser', 'registrerad', 'remisser-rubrik'), 303);
  });

  app.post('/arbetsyta/remisser/svar', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const values = valuesOf(form, answerFields);
    try {
      if (!UUID.test(values.consultationId)) throw new InputError({ path: 'consultationId', code: 'required', message: 'choose the remiss' });
      const paragraphId = (await paragraphPicked(db, form, { meeting: 'answerMeeting', number: 'answerNumber' }, true))!;
      await answerConsultation(db, { consultationId: values.consultationId, paragraphId }, actorOf(viewer));
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const fieldOf = (path: string) => (path === 'paragraphId' ? 'answerNumber' : (answerFields as readonly string[]).includes(path) ? path : 'form');
      return consultationsPage(request, reply, { answer: stateOf(request.page, values, problems, fieldOf) }, 400);
    }
    return reply.redirect(back(form.get('organisation') ?? '', '/arbetsyta/remisser', 'besvarad', 'remisser-rubrik'), 303);
  });

  // ————— goals, indicators and their tertial follow-up —————

  const goalFields = ['planYear', 'area', 'title', 'description'] as const;
  const indicatorFields = ['goalId', 'title', 'unit', 'baseline', 'targetValue'] as const;
  const followUpFields = ['indicatorId', 'year', 'period', 'value', 'comment'] as const;

  const goalsPage = async (request: FastifyRequest, reply: FastifyReply, forms: { goal?: FormState; indicator?: FormState; followUp?: FormState } = {}, status = 200) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const f = context.t.registerForms;
    const { organizations, organization } = await chosenOrganization(request, viewer);
    if (!organization) return noOrganization(context, reply, f.goalsTitle, status);
    const asked = formOf(request).get('ar') ?? (request.query as { ar?: string }).ar ?? '';
    const year = /^\d{4}$/.test(asked) ? Number(asked) : Number(context.today.slice(0, 4));
    const goals = await listGoals(db, { organizationId: organization.id, planYear: year });
    const indicators = goals.flatMap((g) => g.indicators.map((i) => ({ ...i, goal: g })));
    const goalForm = forms.goal ?? { values: { planYear: String(year) }, errors: {} };
    const indicatorForm = forms.indicator ?? emptyForm;
    const followUpForm = forms.followUp ?? { values: { year: String(year) }, errors: {} };
    const done = (request.query as { klart?: string }).klart;
    const flash = done === 'mal' ? f.goalCreated : done === 'indikator' ? f.indicatorCreated : done === 'uppfoljning' ? f.followUpRecorded : null;
    const periodLabel = (p: string) => f.periods[p] ?? p;
    const body = html`<p class="overline">${organization.name}</p>
<h1>${f.goalsTitle}</h1>
<p class="lead">${f.goalsLead}</p>
${organizationPicker(context, '/arbetsyta/mal', organizations, organization.id)}
<form method="get" action="/arbetsyta/mal" class="actions"><input type="hidden" name="organisation" value="${organization.id}">
  <label for="falt-ar">${f.planYear}</label> <input id="falt-ar" name="ar" type="number" value="${String(year)}" class="input-short">
  <button type="submit" class="button small secondary">${context.t.registers.show}</button>
</form>
${flash && html`<div class="flash" role="status"><p>${flash}</p></div>`}

<section aria-labelledby="mal-rubrik">
  <h2 id="mal-rubrik">${f.goalsOf(year)} (${String(goals.length)})</h2>
  ${goals.length === 0
    ? html`<p>${f.noGoals}</p>`
    : goals.map(
        (g) => html`<h3>${g.area}: ${g.title}</h3>${g.description && html`<p>${g.description}</p>`}
  ${g.indicators.length === 0
    ? html`<p>${f.noIndicators}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${f.indicatorsOf(g.title)}</caption>
  <thead><tr><th scope="col">${f.indicator}</th><th scope="col">${f.unit}</th><th scope="col">${f.baseline}</th><th scope="col">${f.target}</th>${FOLLOW_UP_PERIODS.map((p) => html`<th scope="col">${periodLabel(p)} ${String(year)}</th>`)}</tr></thead>
  <tbody>${g.indicators.map((i) => html`<tr><td>${i.title}</td><td>${i.unit ?? ''}</td><td>${i.baseline ?? ''}</td><td>${i.targetValue ?? ''}</td>${FOLLOW_UP_PERIODS.map((p) => {
    const recorded = i.followUps.find((u) => u.year === year && u.period === p);
    return html`<td>${recorded ? html`${recorded.value ?? ''}${recorded.comment && html` <span class="hint">(${recorded.comment})</span>`}` : '–'}</td>`;
  })}</tr>`)}</tbody></table>`}`,
      )}
</section>

<section class="card" aria-labelledby="uppfoljning-rubrik">
  <h2 id="uppfoljning-rubrik">${f.recordFollowUp}</h2>
  ${errorSummary(context, followUpForm, { indicatorId: f.indicator, year: f.year, period: f.period, value: f.value, comment: f.comment, form: f.recordFollowUp })}
  ${indicators.length === 0
    ? html`<p>${f.noIndicators}</p>`
    : html`<form method="post" action="/arbetsyta/mal/uppfoljning" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}"><input type="hidden" name="ar" value="${String(year)}">
    ${selectField(context, followUpForm, { name: 'indicatorId', label: f.indicator, required: true, choices: indicators.map((i) => ({ value: i.id, label: `${i.goal.title}: ${i.title}` })) })}
    ${inputField(context, followUpForm, { name: 'year', label: f.year, type: 'number', width: 'short', required: true })}
    ${selectField(context, followUpForm, { name: 'period', label: f.period, required: true, choices: FOLLOW_UP_PERIODS.map((p) => ({ value: p, label: periodLabel(p) })) })}
    ${inputField(context, followUpForm, { name: 'value', label: f.value, width: 'short', required: false })}
    ${textareaField(context, followUpForm, { name: 'comment', label: f.comment, required: false, rows: 2 })}
    <button type="submit" class="button">${f.recordFollowUp}</button>
  </form>`}
</section>

<section class="card" aria-labelledby="ny-indikator-rubrik">
  <h2 id="ny-indikator-rubrik">${f.createIndicator}</h2>
  ${errorSummary(context, indicatorForm, { goalId: f.goal, title: f.indicator, unit: f.unit, baseline: f.baseline, targetValue: f.target, form: f.createIndicator })}
  ${goals.length === 0
    ? html`<p>${f.noGoals}</p>`
    : html`<form method="post" action="/arbetsyta/mal/indikatorer" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}"><input type="hidden" name="ar" value="${String(year)}">
    ${selectField(context, indicatorForm, { name: 'goalId', label: f.goal, required: true, choices: goals.map((g) => ({ value: g.id, label: `${g.area}: ${g.title}` })) })}
    ${inputField(context, indicatorForm, { name: 'title', label: f.indicator, required: true })}
    ${inputField(context, indicatorForm, { name: 'unit', label: f.unit, width: 'short', required: false })}
    ${inputField(context, indicatorForm, { name: 'baseline', label: f.baseline, width: 'short', required: false })}
    ${inputField(context, indicatorForm, { name: 'targetValue', label: f.target, width: 'short', required: false })}
    <button type="submit" class="button">${f.createIndicator}</button>
  </form>`}
</section>

<section class="card" aria-labelledby="nytt-mal-rubrik">
  <h2 id="nytt-mal-rubrik">${f.createGoal}</h2>
  ${errorSummary(context, goalForm, { planYear: f.planYear, area: f.area, title: f.goal, description: f.description, form: f.createGoal })}
  <form method="post" action="/arbetsyta/mal" novalidate class="form">${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
    ${inputField(context, goalForm, { name: 'planYear', label: f.planYear, type: 'number', width: 'short', required: true })}
    ${inputField(context, goalForm, { name: 'area', label: f.area, width: 'medium', required: true })}
    ${inputField(context, goalForm, { name: 'title', label: f.goal, required: true })}
    ${textareaField(context, goalForm, { name: 'description', label: f.description, required: false, rows: 3 })}
    <button type="submit" class="button">${f.createGoal}</button>
  </form>
</section>
<p><a href="/arbetsyta/uppfoljning?organisation=${organization.id}">${context.t.registers.title}</a></p>`;
    return pageOf(context, reply, f.goalsTitle, body, status);
  };

  const yearOf = (text: string) => (/^\s*\d{1,4}\s*$/.test(text) ? Number(text) : Number.NaN);
  const goalsBack = (form: URLSearchParams, year: number | string, done: string, anchor: string) =>
    `/arbetsyta/mal?organisation=${encodeURIComponent(form.get('organisation') ?? '')}&ar=${encodeURIComponent(String(year))}&klart=${done}#${anchor}`;

  app.get('/arbetsyta/mal', async (request, reply) => goalsPage(request, reply));

  app.post('/arbetsyta/mal', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const values = valuesOf(form, goalFields);
    const planYear = yearOf(values.planYear);
    try {
      await createGoal(db, { organizationId: form.get('organisation') ?? '', planYear, area: values.area, title: values.title, description: values.description.trim() || null }, actorOf(viewer));
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const fieldOf = (path: string) => ((goalFields as readonly string[]).includes(path) ? path : 'form');
      return goalsPage(request, reply, { goal: stateOf(request.page, values, problems, fieldOf) }, 400);
    }
    return reply.redirect(goalsBack(form, planYear, 'mal', 'mal-rubrik'), 303);
  });

  app.post('/arbetsyta/mal/indikatorer', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const values = valuesOf(form, indicatorFields);
    const optional = (text: string) => text.trim() || null;
    try {
      if (!UUID.test(values.goalId)) throw new InputError({ path: 'goalId', code: 'required', message: 'choose the goal' });
      await createIndicator(
        db,
        { goalId: values.goalId, title: values.title, unit: optional(values.unit), baseline: optional(values.baseline), targetValue: optional(values.targetValue) },
        actorOf(viewer),
      );
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const fieldOf = (path: string) => ((indicatorFields as readonly string[]).includes(path) ? path : 'form');
      return goalsPage(request, reply, { indicator: stateOf(request.page, values, problems, fieldOf) }, 400);
    }
    return reply.redirect(goalsBack(form, form.get('ar') ?? '', 'indikator', 'mal-rubrik'), 303);
  });

  app.post('/arbetsyta/mal/uppfoljning', async (request, reply) => {
    const viewer = requireViewer(request);
    const form = formOf(request);
    const values = valuesOf(form, followUpFields);
    try {
      if (!UUID.test(values.indicatorId)) throw new InputError({ path: 'indicatorId', code: 'required', message: 'choose the indicator' });
      await recordIndicatorFollowUp(
        db,
        { indicatorId: values.indicatorId, year: yearOf(values.year), period: values.period, value: values.value.trim() || null, comment: values.comment.trim() || null },
        actorOf(viewer),
      );
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const fieldOf = (path: string) => ((followUpFields as readonly string[]).includes(path) ? path : 'form');
      return goalsPage(request, reply, { followUp: stateOf(request.page, values, problems, fieldOf) }, 400);
    }
    return reply.redirect(goalsBack(form, form.get('ar') ?? values.year, 'uppfoljning', 'mal-rubrik'), 303);
  });
}
