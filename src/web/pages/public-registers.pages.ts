/**
 * The public registers (/register): the delegationsordning in force, reported delegationsbeslut with a
 * link to the § that reported them, and the representation. Per organisation, without sign-in.
 */
import type { FastifyInstance } from 'fastify';
import { getPublicRegisters } from '../../services/follow-up/public-registers.ts';
import { getOrganizations } from '../../services/registers.service.ts';
import { sendPage } from '../context.ts';
import { shortDate, swedishOrder } from '../format.ts';
import { html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';

export async function registerPublicRegisterPages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  app.get('/register', async (request, reply) => {
    const context = request.page;
    const { t, language } = context;
    const w = t.registerWork;
    const r = t.registers;
    const organizations = (await getOrganizations(db)).sort((a, b) => swedishOrder.compare(a.name, b.name));
    const chosen = (request.query as { organisation?: string }).organisation;
    const organization = organizations.find((o) => o.id === chosen) ?? null;
    const registers = await getPublicRegisters(db, { ...(organization ? { organizationId: organization.id } : {}), today: context.today });
    const date = (value: string | null) => (value ? shortDate(value, language) : '–');
    const title = w.publicTitle;
    const body = html`<h1>${title}</h1>
<p class="lead">${w.publicLead}</p>
${organizations.length > 1 &&
html`<form method="get" action="/register" class="actions">
  <label for="falt-organisation">${w.organization}</label>
  <select id="falt-organisation" name="organisation"><option value="">${t.search.all}</option>${organizations.map((o) => html`<option value="${o.id}"${o.id === organization?.id && html` selected`}>${o.name}</option>`)}</select>
  <button type="submit" class="button small secondary">${r.show}</button>
</form>`}
${organization && html`<p class="overline">${organization.name}</p>`}
<section aria-labelledby="ordning-rubrik">
  <h2 id="ordning-rubrik">${w.publicOrder}</h2>
  ${registers.delegationOrder.length === 0
    ? html`<p>${w.orderNone}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${w.publicOrder}</caption>
  <thead><tr><th scope="col">${w.body}</th><th scope="col">${w.code}</th><th scope="col">${w.matter}</th><th scope="col">${w.delegate}</th><th scope="col">${w.limits}</th><th scope="col">${w.legalBasis}</th><th scope="col">${w.validFrom}</th></tr></thead>
  <tbody>${registers.delegationOrder.map((i) => html`<tr><td>${i.bodyName}</td><td>${i.code}</td><td>${i.matter}</td><td>${i.delegate}</td><td>${i.limits ?? ''}</td><td>${i.legalBasis ?? ''}</td><td>${date(i.validFrom)}</td></tr>`)}</tbody></table>`}
</section>
<section aria-labelledby="delegationsbeslut-rubrik">
  <h2 id="delegationsbeslut-rubrik">${w.publicDelegated}</h2>
  ${registers.delegatedDecisions.length === 0
    ? html`<p>${w.reportedNone}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${w.publicDelegated}</caption>
  <thead><tr><th scope="col">${w.decidedOn}</th><th scope="col">${w.caseNumber}</th><th scope="col">${w.code}</th><th scope="col">${w.decidedBy}</th><th scope="col">${w.summary}</th><th scope="col">${w.reportedTitle}</th></tr></thead>
  <tbody>${registers.delegatedDecisions.map((d) => html`<tr><td>${date(d.decidedOn)}</td><td>${d.caseNumber ?? ''}</td><td>${d.rulePoint ?? ''}</td><td>${d.delegate ?? r.unknown}</td><td>${d.description}</td>
    <td>${d.reportedIn && html`<a href="/p/${d.reportedIn.paragraphId}">${r.paragraphLink(paragraphLabel(d.reportedIn.number), d.reportedIn.bodyName, date(d.reportedIn.heldOn))}</a>`}</td></tr>`)}</tbody></table>`}
</section>
<section aria-labelledby="representation-rubrik">
  <h2 id="representation-rubrik">${w.publicAppointments}</h2>
  ${registers.appointments.length === 0
    ? html`<p>${r.noAppointments}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${w.publicAppointments}</caption>
  <thead><tr><th scope="col">${r.externalBody}</th><th scope="col">${r.person}</th><th scope="col">${r.role}</th><th scope="col">${r.since}</th><th scope="col">${r.until}</th></tr></thead>
  <tbody>${registers.appointments.map((a) => html`<tr><td>${a.externalBody}</td><td>${a.personName}</td><td>${r.roles[a.role] ?? a.role}</td><td>${date(a.since)}</td><td>${date(a.endsOn)}</td></tr>`)}</tbody></table>`}
</section>`;
    return sendPage(reply, layout(context, { title, section: 'archive', body, canonical: organization ? `/register?organisation=${organization.id}` : '/register' }));
  });
}
