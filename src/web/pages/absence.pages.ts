/**
 * Anmäl förhinder on the web: the member's form on their view of a meeting (where the kallelse mail's
 * link leads), and the secretary's panel with who cannot come, the substitute next in the reglemente's
 * order for each, and a button that calls one in by e-mail. The use cases (services/absence.service)
 * check who may do each step; these pages only show and post.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RuleError } from '../../errors.ts';
import type { Viewer } from '../../services/accounts.service.ts';
import { callSubstitute, getAbsenceOverview, type AbsenceOverview, getOwnAbsence, reportAbsence, suggestAttendance, withdrawAbsence } from '../../services/absence.service.ts';
import type { Database } from '../../services/system.service.ts';
import { requireViewer, type PageContext } from '../context.ts';
import { instant } from '../format.ts';
import { csrfField, emptyForm, textareaField } from '../forms.ts';
import { html, nonEmpty, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';


function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

/** The secretary's overview, or null for a meeting without a date (nobody holds a mandate on no day). */
async function overviewOf(db: Database, viewer: Viewer, meetingId: string): Promise<AbsenceOverview | null> {
  try {
    return await getAbsenceOverview(db, viewer, meetingId);
  } catch (error) {
    if (error instanceof RuleError && error.code === 'meeting_without_date') return null;
    throw error;
  }
}

/** The member's own anmälan on their view of the meeting; nothing for someone without a mandate in the body. */
export async function memberAbsenceSection(context: PageContext, db: Database, viewer: Viewer, meetingId: string, query: { forhinder?: string }): Promise<Html> {
  const own = await getOwnAbsence(db, viewer, meetingId);
  if (!own.canReport && !own.report) return html``;
  const a = context.t.reach.absence;
  const flash = query.forhinder === 'anmalt' ? a.done : query.forhinder === 'borttaget' ? a.withdrawn : null;
  return html`<section class="card" id="forhinder" aria-labelledby="forhinder-rubrik">
  <h2 id="forhinder-rubrik">${a.title}</h2>
  ${flash && html`<div class="flash" role="status"><p>${flash}</p></div>`}
  ${own.report
    ? html`<p>${a.reported(instant(own.report.reportedAt, context.language))}</p>
  ${own.canReport && html`<form method="post" action="/mina-sammantraden/${meetingId}/forhinder/ta-tillbaka">${csrfField(context)}<button type="submit" class="button secondary">${a.withdraw}</button></form>`}`
    : own.canReport
      ? html`<p>${a.lead}</p>
  <form method="post" action="/mina-sammantraden/${meetingId}/forhinder" novalidate>
    ${csrfField(context)}
    ${textareaField(context, emptyForm, { name: 'note', label: a.note, hint: a.noteHint, required: false, rows: 2 })}
    <button type="submit" class="button">${a.submit}</button>
  </form>`
      : html`<p>${a.closed}</p>`}
</section>`;
}

/**
 * What the secretary's meeting page shows of the anmälningar, from one reading: the panel (who reported
 * absence, whom to call for each, the free substitutes in order) and the roll-call they suggest, which is
 * null when nobody has reported or been called, so an untouched form stays as it was.
 */
export async function secretaryAbsence(
  context: PageContext,
  db: Database,
  viewer: Viewer,
  meetingId: string,
  options: { editable: boolean; rollCallRecorded: boolean; query: { inkallad?: string } },
): Promise<{ panel: Html; suggested: { present: Set<string>; servingFor: Map<string, string> } | null }> {
  if (!options.editable) return { panel: html``, suggested: null };
  const overview = await overviewOf(db, viewer, meetingId);
  if (!overview) return { panel: html``, suggested: null };
  const untouched = overview.absent.length === 0 && overview.servingFor.length === 0;
  const suggested = options.rollCallRecorded || untouched ? null : await suggestAttendance(db, viewer, meetingId, overview);
  return { panel: absencePanel(context, meetingId, overview, options.query), suggested };
}

function absencePanel(context: PageContext, meetingId: string, overview: AbsenceOverview, query: { inkallad?: string }): Html {
  const { t, language } = context;
  const p = t.reach.panel;
  return html`<section class="card" id="forhinder" aria-labelledby="forhinder-rubrik">
  <h2 id="forhinder-rubrik">${p.title}</h2>
  ${query.inkallad && html`<div class="flash" role="status"><p>${p.calledDone}</p></div>`}
  ${nonEmpty(overview.absent)
    ? html`<table class="data-table"><caption>${p.absentCaption}</caption>
  <thead><tr><th scope="col">${p.name}</th><th scope="col">${p.role}</th><th scope="col">${p.reportedAt}</th><th scope="col">${p.note}</th></tr></thead>
  <tbody>${overview.absent.map((a) => html`<tr><th scope="row">${a.name}${a.party && html` <span class="party">(${a.party})</span>`}</th><td>${t.minutes.attendeeRoles[a.role] ?? a.role}</td><td>${instant(a.reportedAt, language)} ${p.channels[a.channel] ?? ''}</td><td>${a.note ?? ''}</td></tr>`)}</tbody></table>`
    : html`<p>${p.none}</p>`}
  ${nonEmpty(overview.toCall) && html`<h3>${p.toCall}</h3>
  <p>${p.toCallLead}</p>
  <table class="data-table"><caption class="visually-hidden">${p.toCall}</caption>
  <thead><tr><th scope="col">${p.forMember}</th><th scope="col">${p.next}</th><th scope="col"><span class="visually-hidden">${p.call}</span></th></tr></thead>
  <tbody>${overview.toCall.map((c) => html`<tr><th scope="row">${c.forName}</th>
    <td>${c.substitute ? html`${c.substitute.name}${c.substitute.party && html` (${c.substitute.party})`}, ${p.rank(c.substitute.rank)}` : p.noneLeft}</td>
    <td>${c.substitute && (c.substitute.email
      ? html`<form method="post" action="/arbetsyta/sammantraden/${meetingId}/ersattare" class="inline-form">${csrfField(context)}
      <input type="hidden" name="substitutePersonId" value="${c.substitute.personId}"><input type="hidden" name="forPersonId" value="${c.forPersonId}">
      <button type="submit" class="button small">${p.call}<span class="visually-hidden"> ${c.substitute.name} ${p.forMember.toLowerCase()} ${c.forName}</span></button></form>`
      : p.noEmail)}</td></tr>`)}</tbody></table>`}
  ${nonEmpty(overview.servingFor) && html`<h3>${p.called}</h3>
  <ul class="plain">${overview.servingFor.map((s) => {
    const mail = overview.called.find((c) => c.personId === s.substitutePersonId);
    return html`<li>${s.substituteName ?? mail?.to ?? ''}${s.forName && html` – ${p.forMember.toLowerCase()} ${s.forName}`}${mail && html` <span class="status status-${mail.status}">${t.reach.delivery.statuses[mail.status] ?? mail.status}</span>`}</li>`;
  })}</ul>`}
  ${nonEmpty(overview.absent) && nonEmpty(overview.available) && html`<h3>${p.order}</h3>
  <ol class="plain">${overview.available.map((s) => html`<li>${s.name}${s.party && html` (${s.party})`}, ${p.rank(s.rank)}</li>`)}</ol>`}
</section>`;
}

export async function registerAbsencePages(app: FastifyInstance, { db, publicUrl }: WebDependencies): Promise<void> {
  app.post('/mina-sammantraden/:meetingId/forhinder', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    const note = formOf(request).get('note');
    await reportAbsence(db, viewer, { meetingId, note: note ?? null, channel: 'web' });
    return reply.redirect(`/mina-sammantraden/${meetingId}?forhinder=anmalt#forhinder`, 303);
  });

  app.post('/mina-sammantraden/:meetingId/forhinder/ta-tillbaka', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    await withdrawAbsence(db, requireViewer(request), { meetingId });
    return reply.redirect(`/mina-sammantraden/${meetingId}?forhinder=borttaget#forhinder`, 303);
  });

  app.post('/arbetsyta/sammantraden/:meetingId/ersattare', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    const form = formOf(request);
    // Links in mail use the configured address, never the request's Host header (as the API does).
    const base = publicUrl ?? 'http://127.0.0.1:8080';
    await callSubstitute(db, viewer, {
      meetingId,
      substitutePersonId: form.get('substitutePersonId') ?? '',
      forPersonId: form.get('forPersonId') ?? '',
      publicUrl: base,
      mailDomain: new URL(base).hostname,
      contact: `${viewer.name}, ${viewer.email}`,
    });
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}?inkallad=1#forhinder`, 303);
  });
}
