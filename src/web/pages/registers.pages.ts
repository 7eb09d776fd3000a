/**
 * The follow-up registers in the secretary's workspace (/arbetsyta/uppfoljning): proposals read from
 * the decisions to confirm one by one or all at once, open and overdue assignments, delegated decisions
 * not yet reported, and the representation register. Every entry links to the § it came from.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, InputError, RuleError, UnauthenticatedError } from '../../errors.ts';
import { canActAsSecretary, requireSecretaryOfMeeting, type Viewer } from '../../services/accounts.service.ts';
import {
  confirmAllProposals,
  confirmProposal,
  listAppointments,
  listAssignments,
  listConsultations,
  listDelegatedDecisions,
  type ParagraphRef,
} from '../../services/follow-up.service.ts';
import { getMeetingOverview } from '../../services/meeting-cycle.service.ts';
import { actorOf, sendPage, type PageContext } from '../context.ts';
import { shortDate } from '../format.ts';
import { csrfField } from '../forms.ts';
import { html, type Html } from '../html.ts';
import { organizationPicker, registerOrganizationsOf } from './register-organizations.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';

function requireSecretary(request: FastifyRequest): Viewer {
  const viewer = request.page.viewer;
  if (!viewer) throw new UnauthenticatedError('not_signed_in', 'sign in to do this');
  if (!canActAsSecretary(viewer)) throw new ForbiddenError('not_secretary', 'only secretaries keep the registers');
  return viewer;
}

/** Where a register entry's § opens: its permanent page once published, else the secretary's meeting. */
function paragraphHref(ref: ParagraphRef): string {
  return `/arbetsyta/paragraf/${ref.meetingId}/${ref.paragraphId}`;
}

function paragraphLink(context: PageContext, ref: ParagraphRef | null): Html {
  if (!ref) return html`–`;
  const when = ref.heldOn ? shortDate(ref.heldOn, context.language) : '';
  return html`<a href="${paragraphHref(ref)}">${context.t.registers.paragraphLink(paragraphLabel(ref.number), ref.bodyName, when)}</a>`;
}

export async function registerRegisterPages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  const organizationsOf = (viewer: Viewer) => registerOrganizationsOf(db, viewer);

  app.get('/arbetsyta/uppfoljning', async (request, reply) => {
    const viewer = requireSecretary(request);
    const context = request.page;
    const { t, language } = context;
    const r = t.registers;
    const organizations = await organizationsOf(viewer);
    const query = request.query as { organisation?: string; bekraftade?: string };
    const organization = organizations.find((o) => o.id === query.organisation) ?? organizations[0];
    const title = r.title;
    if (!organization) {
      return sendPage(reply, layout(context, { title, section: 'workspace', body: html`<h1>${title}</h1><p>${t.work.noBodies}</p>` }));
    }
    const organizationId = organization.id;
    const today = context.today;
    const [proposedAssignments, proposedDelegated, proposedAppointments, open, delegated, appointments] = await Promise.all([
      listAssignments(db, { organizationId, status: 'proposed', today }),
      listDelegatedDecisions(db, { organizationId, status: 'proposed' }),
      listAppointments(db, { organizationId, status: 'proposed' }),
      listAssignments(db, { organizationId, status: 'open', today }),
      listDelegatedDecisions(db, { organizationId, status: 'unreported' }),
      listAppointments(db, { organizationId, status: 'active', activeOn: today }),
    ]);
    const consultations = await listConsultations(db, { organizationId, today });
    const overdue = open.filter((a) => a.overdue);
    const date = (value: string | null) => (value ? shortDate(value, language) : '–');
    const proposals = [
      ...proposedAssignments.map((a) => ({ id: a.id, kind: 'assignment', what: `${a.assignee ?? r.unknown}: ${a.description}`, source: a.source as ParagraphRef | null })),
      ...proposedAppointments.map((a) => ({ id: a.id, kind: 'appointment', what: `${a.personName}, ${r.roles[a.role] ?? a.role}, ${a.externalBody}`, source: a.decidedIn })),
      ...proposedDelegated.map((d) => ({ id: d.id, kind: 'delegated_decision', what: `${d.caseNumber ? `${r.caseNumber} ${d.caseNumber}, ` : ''}${d.description}`, source: d.source })),
    ];
    const assignmentTable = (rows: typeof open, caption: string) => html`<table class="data-table"><caption class="visually-hidden">${caption}</caption>
  <thead><tr><th scope="col">${r.assignee}</th><th scope="col">${r.description}</th><th scope="col">${r.dueOn}</th><th scope="col">${r.source}</th></tr></thead>
  <tbody>${rows.map((a) => html`<tr><td>${a.assignee ?? r.unknown}</td><td>${a.description}</td><td>${a.dueOn ? date(a.dueOn) : r.noDue}${a.overdue && html` <span class="clock-overdue">(${r.overdue})</span>`}</td><td>${paragraphLink(context, a.source)}</td></tr>`)}</tbody></table>`;
    const confirmed = query.bekraftade;
    const body = html`<h1>${r.title}</h1>
<p class="lead">${r.lead}</p>
${confirmed && /^\d+$/.test(confirmed) && html`<div class="flash" role="status"><p>${r.confirmed(Number(confirmed))}</p></div>`}
${organizationPicker(context, '/arbetsyta/uppfoljning', organizations, organizationId)}
<p class="overline">${organization.name}</p>

<section class="card" aria-labelledby="forslag-rubrik">
  <h2 id="forslag-rubrik">${r.proposals} (${String(proposals.length)})</h2>
  <p>${r.proposalsLead}</p>
  ${proposals.length === 0
    ? html`<p class="empty">${r.noProposals}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${r.proposals}</caption>
  <thead><tr><th scope="col">${r.kind}</th><th scope="col">${r.what}</th><th scope="col">${r.source}</th><th scope="col"><span class="visually-hidden">${r.confirm}</span></th></tr></thead>
  <tbody>${proposals.map((p) => html`<tr><td>${r.kinds[p.kind] ?? p.kind}</td><td>${p.what}</td><td>${paragraphLink(context, p.source)}</td>
    <td><form method="post" action="/arbetsyta/uppfoljning/forslag/${p.id}/bekrafta" class="inline-form">${csrfField(context)}<input type="hidden" name="organisation" value="${organizationId}">
    <button type="submit" class="button small">${r.confirm}<span class="visually-hidden">: ${p.what}</span></button></form></td></tr>`)}</tbody></table>
  <form method="post" action="/arbetsyta/uppfoljning/bekrafta-alla" class="actions">${csrfField(context)}<input type="hidden" name="organisation" value="${organizationId}">
    <button type="submit" class="button secondary">${r.confirmAll}</button></form>`}
</section>

<section aria-labelledby="forsenade-rubrik">
  <h2 id="forsenade-rubrik">${r.overdueAssignments} (${String(overdue.length)})</h2>
  ${overdue.length === 0 ? html`<p>${r.noOverdue}</p>` : assignmentTable(overdue, r.overdueAssignments)}
</section>
<section aria-labelledby="uppdrag-rubrik">
  <h2 id="uppdrag-rubrik">${r.assignments} (${String(open.length)})</h2>
  ${open.length === 0 ? html`<p>${r.noAssignments}</p>` : assignmentTable(open, r.assignments)}
</section>
<section aria-labelledby="delegation-rubrik">
  <h2 id="delegation-rubrik">${r.delegated} (${String(delegated.length)})</h2>
  ${delegated.length === 0
    ? html`<p>${r.noDelegated}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${r.delegated}</caption>
  <thead><tr><th scope="col">${r.decidedOn}</th><th scope="col">${r.delegate}</th><th scope="col">${r.what}</th><th scope="col">${r.caseNumber}</th></tr></thead>
  <tbody>${delegated.map((d) => html`<tr><td>${date(d.decidedOn)}</td><td>${d.delegate ?? r.unknown}</td><td>${d.description}</td><td>${d.caseNumber ?? ''}</td></tr>`)}</tbody></table>`}
</section>
<section aria-labelledby="representation-rubrik">
  <h2 id="representation-rubrik">${r.appointments} (${String(appointments.length)})</h2>
  ${appointments.length === 0
    ? html`<p>${r.noAppointments}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${r.appointments}</caption>
  <thead><tr><th scope="col">${r.externalBody}</th><th scope="col">${r.person}</th><th scope="col">${r.role}</th><th scope="col">${r.since}</th><th scope="col">${r.until}</th><th scope="col">${r.source}</th></tr></thead>
  <tbody>${appointments.map((a) => html`<tr><td>${a.externalBody}</td><td>${a.personName}</td><td>${r.roles[a.role] ?? a.role}</td><td>${date(a.since)}</td><td>${date(a.endsOn)}</td><td>${paragraphLink(context, a.decidedIn)}</td></tr>`)}</tbody></table>`}
</section>`;
    const rw = t.registerWork;
    const remisser = html`<section aria-labelledby="remisser-rubrik">
  <h2 id="remisser-rubrik">${rw.consultations} (${String(consultations.length)})</h2>
  ${consultations.length === 0
    ? html`<p>${rw.consultationsNone}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${rw.consultations}</caption>
  <thead><tr><th scope="col">${rw.sender}</th><th scope="col">${r.what}</th><th scope="col">${r.caseNumber}</th><th scope="col">${rw.consultationDue}</th><th scope="col">${rw.answeredIn}</th></tr></thead>
  <tbody>${consultations.map((c) => html`<tr><td>${c.sender}</td><td>${c.title}</td><td>${c.caseNumber ?? ''}</td><td>${date(c.dueOn)}${c.overdue && html` <span class="clock-overdue">(${r.overdue})</span>`}</td><td>${paragraphLink(context, c.answeredIn)}</td></tr>`)}</tbody></table>`}
</section>
<p class="actions"><a href="/arbetsyta/uppdrag?organisation=${organizationId}">${rw.assignmentsTitle}</a> <a href="/arbetsyta/delegation?organisation=${organizationId}">${rw.delegationTitle}</a> <a href="/arbetsyta/representation?organisation=${organizationId}">${t.registerForms.representationTitle}</a> <a href="/arbetsyta/remisser?organisation=${organizationId}">${rw.consultations}</a> <a href="/arbetsyta/mal?organisation=${organizationId}">${t.registerForms.goalsTitle}</a></p>`;
    return sendPage(reply, layout(context, { title, section: 'workspace', body: html`${body}${remisser}`, breadcrumbs: [{ label: t.work.title, href: '/arbetsyta' }, { label: title }] }));
  });

  /** Refuses unless the proposal is one of the organisation's and the viewer keeps its registers. */
  const requireProposalOf = async (viewer: Viewer, organizationId: string, id: string | null, today: string) => {
    if (!canActAsSecretary(viewer, { organizationId })) throw new ForbiddenError('not_secretary', 'only the organisation’s secretary confirms its proposals');
    if (id === null) return;
    const [assignments, delegated, appointments] = await Promise.all([
      listAssignments(db, { organizationId, status: 'proposed', today }),
      listDelegatedDecisions(db, { organizationId, status: 'proposed' }),
      listAppointments(db, { organizationId, status: 'proposed' }),
    ]);
    if (![...assignments, ...delegated, ...appointments].some((p) => p.id === id)) throw new RuleError('proposal_not_found', `no proposal ${id} in this organisation`);
  };

  app.post('/arbetsyta/uppfoljning/forslag/:id/bekrafta', async (request, reply) => {
    const viewer = requireSecretary(request);
    const { id } = request.params as { id: string };
    const organizationId = (request.body as URLSearchParams).get('organisation') ?? '';
    await requireProposalOf(viewer, organizationId, id, request.page.today);
    await confirmProposal(db, id, actorOf(viewer));
    return reply.redirect(`/arbetsyta/uppfoljning?organisation=${encodeURIComponent(organizationId)}&bekraftade=1#forslag-rubrik`, 303);
  });

  app.post('/arbetsyta/uppfoljning/bekrafta-alla', async (request, reply) => {
    const viewer = requireSecretary(request);
    const organizationId = (request.body as URLSearchParams).get('organisation') ?? '';
    if (!organizationId) throw new InputError({ path: 'organisation', code: 'required', message: 'choose an organisation' });
    await requireProposalOf(viewer, organizationId, null, request.page.today);
    const confirmed = await confirmAllProposals(db, { organizationId }, actorOf(viewer));
    return reply.redirect(`/arbetsyta/uppfoljning?organisation=${encodeURIComponent(organizationId)}&bekraftade=${confirmed.length}#forslag-rubrik`, 303);
  });

  // The § a register entry came from: its public page once the minutes are published, else the meeting in the workspace.
  app.get('/arbetsyta/paragraf/:meetingId/:paragraphId', async (request, reply) => {
    const { meetingId, paragraphId } = request.params as { meetingId: string; paragraphId: string };
    const viewer = requireSecretary(request);
    await requireSecretaryOfMeeting(db, viewer, meetingId);
    const overview = await getMeetingOverview(db, meetingId, { today: request.page.today });
    const index = overview.paragraphIds.indexOf(paragraphId);
    if (overview.meeting.status === 'adjusted' || overview.meeting.status === 'archived') return reply.redirect(`/p/${paragraphId}`, 303);
    if (index >= 0 && ['planned', 'convened', 'held'].includes(overview.meeting.status)) return reply.redirect(`/arbetsyta/sammantraden/${meetingId}/paragrafer/${paragraphId}`, 303);
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}`, 303);
  });
}
