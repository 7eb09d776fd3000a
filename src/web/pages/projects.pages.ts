/**
 * The project portfolio in the workspace (/arbetsyta/projekt): the list of an organisation's projects,
 * a project's page with its funders, decisions and indicators, the form to register or edit a project
 * (funder rows work without script: the form always offers empty rows), the tertial report with its PDF
 * and the form that attaches it to a §, the CSV/XLSX export and the annual report draft. The use cases
 * check who may do what; these pages only translate.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatKronor, funderKinds, parseTertial, projectDecisionKinds, projectStatuses, tertialOf, type ProjectInput } from '../../domain/projects/index.ts';
import { ForbiddenError, InputError, type Problem } from '../../errors.ts';
import { canActAsSecretary, canReadRegisters, type Viewer } from '../../services/accounts.service.ts';
import { draftAnnualReport, getAnnualReport } from '../../services/annual-report.service.ts';
import { listGoals } from '../../services/follow-up.service.ts';
import {
  attachPortfolioReport,
  createProject,
  exportProjects,
  getPortfolioReport,
  getProject,
  linkProjectDecision,
  linkProjectIndicator,
  listParagraphChoices,
  listProjects,
  renderPortfolioReport,
  unlinkProjectDecision,
  type ParagraphChoice,
  type Project,
} from '../../services/projects.service.ts';
import { updateProject } from '../../services/projects.service.ts';
import { getOrganizations } from '../../services/registers.service.ts';
import { actorOf, INLINE_PDF_POLICY, requireViewer, sendPage, type PageContext } from '../context.ts';
import { swedishOrder } from '../format.ts';
import { csrfField, errorSummary, fieldId, inputField, messageFor, selectField, textareaField, type FormState } from '../forms.ts';
import { html, multiline, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';

const BASE = '/arbetsyta/projekt';
/** Empty funder rows the form offers beyond the filled ones (at least `MIN_FUNDER_ROWS` rows in all). */
const EMPTY_FUNDER_ROWS = 2;
const MIN_FUNDER_ROWS = 4;

const kronor = (amount: number | null) => (amount === null ? '–' : formatKronor(amount));
const formOf = (body: unknown): URLSearchParams => (body instanceof URLSearchParams ? body : new URLSearchParams());
const q = (organizationId: string) => `organisation=${encodeURIComponent(organizationId)}`;

function crumbs(context: PageContext, extra: { label: string; href?: string }[] = []) {
  return [{ label: context.t.work.title, href: '/arbetsyta' }, { label: context.t.projects.title, href: BASE }, ...extra];
}

/** The paragraph choice as a select option's text: 'Styrelsen 2024-05-20 § 12 Titel'. */
function paragraphText(choice: ParagraphChoice): string {
  return `${choice.bodyName} ${choice.heldOn ?? ''} ${paragraphLabel(choice.number)} ${choice.title}`.replace(/\s{2,}/gu, ' ');
}

/** Reads a whole-kronor amount as typed ('1 200 000'); null when empty, NaN when not a whole number. */
function amountOf(value: string | null): number | null {
  const text = (value ?? '').replace(/[\s\u00a0]/gu, '');
  if (!text) return null;
  return /^\d+$/u.test(text) ? Number(text) : Number.NaN;
}

interface ParsedForm {
  organizationId: string;
  input: ProjectInput;
  values: Record<string, string>;
  /** Form row of each funding entry, to put a problem next to its row. */
  rowOf: number[];
  rows: number;
  problems: Problem[];
}

/** The project form as the use case's input, with every value typed kept to redraw the form. */
function parseProjectForm(form: URLSearchParams): ParsedForm {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (key !== '_csrf') values[key] = value;
  const problems: Problem[] = [];
  const amountField = (name: string, path: string) => {
    const amount = amountOf(form.get(name));
    if (Number.isNaN(amount)) problems.push({ path, code: 'invalid_amount', message: 'not whole kronor' });
    return Number.isNaN(amount) ? null : amount;
  };
  const funding: ProjectInput['funding'] = [];
  const rowOf: number[] = [];
  const rows = Number(form.get('rader') ?? MIN_FUNDER_ROWS);
  const rowCount = Number.isInteger(rows) && rows > 0 && rows <= 200 ? rows : MIN_FUNDER_ROWS;
  for (let row = 0; row < rowCount; row++) {
    const name = (form.get(`finansiar-${row}-namn`) ?? '').trim();
    const year = (form.get(`finansiar-${row}-ar`) ?? '').trim();
    const amount = (form.get(`finansiar-${row}-belopp`) ?? '').trim();
    if (!name && !year && !amount) continue;
    const index = funding.length;
    const parsedAmount = amountOf(amount);
    if (parsedAmount === null || Number.isNaN(parsedAmount)) problems.push({ path: `funding[${index}].amount`, code: 'invalid_amount', message: 'not whole kronor' });
    if (!/^\d{4}$/u.test(year)) problems.push({ path: `funding[${index}].year`, code: 'invalid_year', message: 'not a year' });
    funding.push({
      funderKind: form.get(`finansiar-${row}-typ`) ?? '',
      funderName: name,
      year: /^\d{4}$/u.test(year) ? Number(year) : 0,
      amount: parsedAmount === null || Number.isNaN(parsedAmount) ? 0 : parsedAmount,
    });
    rowOf.push(row);
  }
  const input: ProjectInput = {
    title: form.get('titel') ?? '',
    caseNumber: form.get('dnr'),
    description: form.get('beskrivning'),
    owner: form.get('agare'),
    projectManager: form.get('projektledare'),
    status: form.get('status') ?? '',
    startsOn: form.get('start') || null,
    endsOn: form.get('slut') || null,
    budget: amountField('budget', 'budget'),
    outcome: amountField('utfall', 'outcome'),
    results: form.get('resultat'),
    funding,
  };
  return { organizationId: form.get('organisation') ?? '', input, values, rowOf, rows: rowCount, problems };
}

/** The form field a problem's path points at. */
function fieldOfPath(path: string, rowOf: number[]): string {
  const funding = /^funding\[(\d+)\]\.(\w+)$/u.exec(path);
  if (funding) {
    const row = rowOf[Number(funding[1])] ?? 0;
    const part = { funderKind: 'typ', funderName: 'namn', year: 'ar', amount: 'belopp' }[funding[2]!] ?? 'namn';
    return `finansiar-${row}-${part}`;
  }
  return (
    ({ title: 'titel', caseNumber: 'dnr', status: 'status', startsOn: 'start', endsOn: 'slut', budget: 'budget', outcome: 'utfall', organizationId: 'organisation' } as Record<string, string>)[path] ??
    path
  );
}

function stateOf(context: PageContext, values: Record<string, string>, problems: Problem[], rowOf: number[]): FormState {
  const errors: Record<string, string> = {};
  for (const problem of problems) errors[fieldOfPath(problem.path, rowOf)] ??= context.t.projects.codes[problem.code] ?? messageFor(context.t, problem);
  return { values, errors };
}

function valuesOfProject(project: Project): Record<string, string> {
  const values: Record<string, string> = {
    titel: project.title,
    dnr: project.caseNumber ?? '',
    beskrivning: project.description ?? '',
    agare: project.owner ?? '',
    projektledare: project.projectManager ?? '',
    status: project.status,
    start: project.startsOn ?? '',
    slut: project.endsOn ?? '',
    budget: project.budget === null ? '' : String(project.budget),
    utfall: project.outcome === null ? '' : String(project.outcome),
    resultat: project.results ?? '',
  };
  project.funding.forEach((f, row) => {
    values[`finansiar-${row}-typ`] = f.funderKind;
    values[`finansiar-${row}-namn`] = f.funderName;
    values[`finansiar-${row}-ar`] = String(f.year);
    values[`finansiar-${row}-belopp`] = String(f.amount);
  });
  return values;
}

function projectForm(context: PageContext, options: { action: string; organizationId: string; state: FormState; filledRows: number; cancel: string }): Html {
  const p = context.t.projects;
  const { state } = options;
  const rows = Math.max(options.filledRows + EMPTY_FUNDER_ROWS, MIN_FUNDER_ROWS);
  const labels: Record<string, string> = { titel: p.projectTitle, dnr: p.caseNumber, status: p.status, start: p.startsOn, slut: p.endsOn, budget: p.budget, utfall: p.outcome };
  for (let row = 0; row < rows; row++) {
    for (const [part, label] of [['typ', p.funderKind], ['namn', p.funderName], ['ar', p.year], ['belopp', p.amount]] as const) labels[`finansiar-${row}-${part}`] = `${p.fundingRow(row + 1)}, ${label.toLowerCase()}`;
  }
  const cell = (name: string, control: Html) => {
    const message = state.errors[name];
    return html`<td>${message && html`<p class="error-message" id="${fieldId(name)}-fel"><span class="visually-hidden">Fel: </span>${message}</p>`}${control}</td>`;
  };
  const invalid = (name: string) => (state.errors[name] ? html` aria-invalid="true" aria-describedby="${fieldId(name)}-fel"` : html``);
  const funderRow = (row: number) => {
    const name = (part: string) => `finansiar-${row}-${part}`;
    const label = (part: string, text: string) => html` aria-label="${p.fundingRow(row + 1)}: ${text}"`;
    return html`<tr>
  ${cell(name('typ'), html`<select id="${fieldId(name('typ'))}" name="${name('typ')}"${label('typ', p.funderKind)}${invalid(name('typ'))}>${funderKinds.map((kind) => html`<option value="${kind}"${state.values[name('typ')] === kind && html` selected`}>${p.funderKinds[kind] ?? kind}</option>`)}</select>`)}
  ${cell(name('namn'), html`<input id="${fieldId(name('namn'))}" name="${name('namn')}" value="${state.values[name('namn')] ?? ''}" class="input-medium"${label('namn', p.funderName)}${invalid(name('namn'))}>`)}
  ${cell(name('ar'), html`<input id="${fieldId(name('ar'))}" name="${name('ar')}" value="${state.values[name('ar')] ?? ''}" inputmode="numeric" class="input-short"${label('ar', p.year)}${invalid(name('ar'))}>`)}
  ${cell(name('belopp'), html`<input id="${fieldId(name('belopp'))}" name="${name('belopp')}" value="${state.values[name('belopp')] ?? ''}" inputmode="numeric" class="input-short"${label('belopp', p.amount)}${invalid(name('belopp'))}>`)}
</tr>`;
  };
  return html`${errorSummary(context, state, labels)}
<form method="post" action="${options.action}" novalidate>
  ${csrfField(context)}<input type="hidden" name="organisation" value="${options.organizationId}"><input type="hidden" name="rader" value="${String(rows)}">
  ${inputField(context, state, { name: 'titel', label: p.projectTitle, required: true })}
  ${inputField(context, state, { name: 'dnr', label: p.caseNumber, required: false, width: 'short' })}
  ${inputField(context, state, { name: 'agare', label: p.owner, required: false })}
  ${inputField(context, state, { name: 'projektledare', label: p.projectManager, required: false })}
  ${selectField(context, state, { name: 'status', label: p.status, required: true, choices: projectStatuses.map((s) => ({ value: s, label: p.statuses[s] ?? s })), placeholder: false })}
  ${inputField(context, state, { name: 'start', label: p.startsOn, type: 'date', hint: p.dateHint, required: false, width: 'short' })}
  ${inputField(context, state, { name: 'slut', label: p.endsOn, type: 'date', hint: p.dateHint, required: false, width: 'short' })}
  ${inputField(context, state, { name: 'budget', label: p.budget, hint: p.amountHint, required: false, width: 'short' })}
  ${inputField(context, state, { name: 'utfall', label: p.outcome, hint: p.amountHint, required: false, width: 'short' })}
  ${textareaField(context, state, { name: 'beskrivning', label: p.description, required: false, rows: 3 })}
  ${textareaField(context, state, { name: 'resultat', label: p.results, required: false, rows: 3 })}
  <fieldset class="funding">
    <legend>${p.funding}</legend>
    <p class="hint">${p.fundingLead}</p>
    <table class="data-table"><caption class="visually-hidden">${p.funding}</caption>
      <thead><tr><th scope="col">${p.funderKind}</th><th scope="col">${p.funderName}</th><th scope="col">${p.year}</th><th scope="col">${p.amount}</th></tr></thead>
      <tbody>${Array.from({ length: rows }, (_, row) => funderRow(row))}</tbody>
    </table>
  </fieldset>
  <p class="actions"><button type="submit" class="button">${p.save}</button> <a href="${options.cancel}">${context.t.form.cancel}</a></p>
</form>`;
}

export async function registerProjectPages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  /** The organisations whose projects the viewer may read; a viewer with none is refused. */
  const readableOrganizations = async (viewer: Viewer) => {
    const organizations = (await getOrganizations(db)).filter((o) => canReadRegisters(viewer, { organizationId: o.id })).sort((a, b) => swedishOrder.compare(a.name, b.name));
    if (organizations.length === 0) throw new ForbiddenError('not_in_organization', 'only users with a role in an organisation read its projects');
    return organizations;
  };
  /** The viewer must keep some organisation's registers to reach the forms; the use case checks which. */
  const requireKeeperOfSome = (viewer: Viewer) => {
    if (!canActAsSecretary(viewer)) throw new ForbiddenError('not_secretary', 'only secretaries and administrators keep the project portfolio');
  };
  const chosen = <T extends { id: string }>(organizations: T[], id: string | undefined): T => organizations.find((o) => o.id === id) ?? organizations[0]!;

  app.get(BASE, async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const p = context.t.projects;
    const organizations = await readableOrganizations(viewer);
    const query = request.query as { organisation?: string };
    const organization = chosen(organizations, query.organisation);
    const projects = await listProjects(db, { organizationId: organization.id }, actorOf(viewer));
    const keeper = canActAsSecretary(viewer, { organizationId: organization.id });
    const year = Number(context.today.slice(0, 4));
    const tertial = tertialOf(context.today);
    const body = html`<h1>${p.title}</h1>
<p class="lead">${p.lead}</p>
${organizations.length > 1 &&
html`<form method="get" action="${BASE}" class="actions">
  <label for="falt-organisation">${p.chooseOrganization}</label>
  <select id="falt-organisation" name="organisation">${organizations.map((o) => html`<option value="${o.id}"${o.id === organization.id && html` selected`}>${o.name}</option>`)}</select>
  <button type="submit" class="button small secondary">${p.show}</button>
</form>`}
<p class="overline">${organization.name}</p>
${keeper && html`<p class="actions"><a class="button" href="${BASE}/ny?${q(organization.id)}">${p.newProject}</a></p>`}
<section aria-labelledby="projekt-rubrik">
  <h2 id="projekt-rubrik">${p.title} (${String(projects.length)})</h2>
  ${projects.length === 0
    ? html`<p>${p.noProjects}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${p.title}</caption>
  <thead><tr><th scope="col">${p.project}</th><th scope="col">${p.caseNumber}</th><th scope="col">${p.status}</th><th scope="col">${p.period}</th><th scope="col">${p.projectManager}</th><th scope="col">${p.fundingTotal}</th><th scope="col">${p.budget}</th><th scope="col">${p.outcome}</th></tr></thead>
  <tbody>${projects.map(
    (project) => html`<tr><td><a href="${BASE}/${project.id}">${project.title}</a></td><td>${project.caseNumber ?? ''}</td><td>${p.statuses[project.status] ?? project.status}</td>
    <td>${project.startsOn ?? '…'}–${project.endsOn ?? '…'}</td><td>${project.projectManager ?? ''}</td><td>${kronor(project.fundingTotal)}</td><td>${kronor(project.budget)}</td><td>${kronor(project.outcome)}</td></tr>`,
  )}</tbody></table>`}
</section>
<section class="card" aria-labelledby="tertial-rubrik">
  <h2 id="tertial-rubrik">${p.portfolio}</h2>
  <p>${p.portfolioLead}</p>
  <form method="get" action="${BASE}/portfolj" class="actions">
    <input type="hidden" name="organisation" value="${organization.id}">
    <label for="falt-ar">${p.year}</label><input id="falt-ar" name="ar" value="${String(year)}" inputmode="numeric" class="input-short">
    <label for="falt-tertial">${p.tertial}</label>
    <select id="falt-tertial" name="tertial">${[1, 2, 3].map((n) => html`<option value="T${String(n)}"${n === tertial && html` selected`}>T${String(n)}</option>`)}</select>
    <button type="submit" class="button small secondary">${p.showReport}</button>
  </form>
</section>
<section class="card" aria-labelledby="export-rubrik">
  <h2 id="export-rubrik">${p.export}</h2>
  <ul><li><a href="${BASE}/export?${q(organization.id)}&amp;format=xlsx">${p.exportXlsx}</a></li><li><a href="${BASE}/export?${q(organization.id)}&amp;format=csv">${p.exportCsv}</a></li></ul>
</section>
${keeper &&
html`<section class="card" aria-labelledby="vb-rubrik">
  <h2 id="vb-rubrik">${p.annualReport}</h2>
  <p>${p.annualReportLead}</p>
  <form method="post" action="${BASE}/verksamhetsberattelse">
    ${csrfField(context)}<input type="hidden" name="organisation" value="${organization.id}">
    <div class="field"><label for="falt-vb-ar">${p.year}</label><input id="falt-vb-ar" name="ar" value="${String(year)}" inputmode="numeric" class="input-short"></div>
    <div class="field checkbox"><input type="checkbox" id="falt-vb-ersatt" name="ersatt" value="ja"><label for="falt-vb-ersatt">${p.regenerate}</label></div>
    <p class="actions"><button type="submit" class="button secondary">${p.draftAnnualReport}</button></p>
  </form>
</section>`}`;
    return sendPage(reply, layout(context, { title: p.title, section: 'workspace', body, breadcrumbs: crumbs(context).slice(0, 1).concat({ label: p.title }) }));
  });

  app.get(`${BASE}/ny`, async (request, reply) => {
    const viewer = requireViewer(request);
    requireKeeperOfSome(viewer);
    const context = request.page;
    const organizations = (await readableOrganizations(viewer)).filter((o) => canActAsSecretary(viewer, { organizationId: o.id }));
    if (organizations.length === 0) throw new ForbiddenError('not_secretary', 'only secretaries and administrators keep the project portfolio');
    const organization = chosen(organizations, (request.query as { organisation?: string }).organisation);
    return sendNewForm(reply, context, organization, { values: { status: 'planned' }, errors: {} }, 0);
  });

  function sendNewForm(reply: FastifyReply, context: PageContext, organization: { id: string; name: string }, state: FormState, filledRows: number, status = 200) {
    const p = context.t.projects;
    const body = html`<h1>${p.newProject}</h1><p class="overline">${organization.name}</p>
${projectForm(context, { action: `${BASE}/ny`, organizationId: organization.id, state, filledRows, cancel: `${BASE}?${q(organization.id)}` })}`;
    return sendPage(reply, layout(context, { title: p.newProject, section: 'workspace', body, breadcrumbs: crumbs(context, [{ label: p.newProject }]) }), status);
  }

  app.post(`${BASE}/ny`, async (request, reply) => {
    const viewer = requireViewer(request);
    requireKeeperOfSome(viewer);
    const context = request.page;
    const parsed = parseProjectForm(formOf(request.body));
    try {
      if (parsed.problems.length) throw new InputError(parsed.problems);
      const project = await createProject(db, { ...parsed.input, organizationId: parsed.organizationId }, actorOf(viewer));
      return reply.redirect(`${BASE}/${project.id}?sparat=nytt`, 303);
    } catch (error) {
      if (!(error instanceof InputError) || !canActAsSecretary(viewer, { organizationId: parsed.organizationId })) throw error;
      const organization = (await getOrganizations(db)).find((o) => o.id === parsed.organizationId);
      if (!organization) throw error;
      // The service's problems come on top of the form's own (amounts that are not numbers).
      const problems = [...parsed.problems, ...error.problems.filter((p) => !parsed.problems.some((q) => q.path === p.path))];
      return sendNewForm(reply, context, organization, stateOf(context, parsed.values, problems, parsed.rowOf), parsed.rowOf.length, 400);
    }
  });

  app.get(`${BASE}/:projectId`, async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const p = context.t.projects;
    const { projectId } = request.params as { projectId: string };
    const project = await getProject(db, projectId, actorOf(viewer));
    const keeper = canActAsSecretary(viewer, { organizationId: project.organizationId });
    const [paragraphs, goals] = keeper
      ? await Promise.all([listParagraphChoices(db, project.organizationId, actorOf(viewer)), listGoals(db, { organizationId: project.organizationId })])
      : [[], []];
    const indicators = goals.flatMap((g) => g.indicators.map((i) => ({ id: i.id, label: `${g.planYear} ${g.title}: ${i.title}` })));
    const saved = (request.query as { sparat?: string }).sparat;
    const fields: [string, Html | string][] = [
      [p.caseNumber, project.caseNumber ?? '–'],
      [p.owner, project.owner ?? '–'],
      [p.projectManager, project.projectManager ?? '–'],
      [p.status, p.statuses[project.status] ?? project.status],
      [p.period, `${project.startsOn ?? '…'}–${project.endsOn ?? '…'}`],
      [p.budget, kronor(project.budget)],
      [p.outcome, kronor(project.outcome)],
      [p.remaining, kronor(project.remaining)],
      [p.fundingTotal, kronor(project.fundingTotal)],
    ];
    const body = html`<h1>${project.title}</h1>
<p class="overline">${project.organizationName}</p>
${saved && html`<div class="flash" role="status"><p>${saved === 'nytt' ? p.created : p.saved}</p></div>`}
${keeper && html`<p class="actions"><a class="button secondary" href="${BASE}/${project.id}/andra">${p.edit}</a></p>`}
<dl class="facts">${fields.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
${project.description && html`<h2>${p.description}</h2><p>${multiline(project.description)}</p>`}
${project.results && html`<h2>${p.results}</h2><p>${multiline(project.results)}</p>`}
<section aria-labelledby="finansiering-rubrik">
  <h2 id="finansiering-rubrik">${p.funding}</h2>
  ${project.funders.length === 0
    ? html`<p>${p.noFunding}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${p.funding}</caption>
  <thead><tr><th scope="col">${p.funderName}</th><th scope="col">${p.funderKind}</th><th scope="col">${p.year}</th><th scope="col">${p.amount}</th></tr></thead>
  <tbody>${project.funders.map((f) =>
    f.amounts.map((a) => html`<tr><td>${f.funderName}</td><td>${p.funderKinds[f.funderKind] ?? f.funderKind}</td><td>${String(a.year)}</td><td>${kronor(a.amount)}</td></tr>`),
  )}</tbody></table>`}
</section>
<section aria-labelledby="beslut-rubrik">
  <h2 id="beslut-rubrik">${p.decisions}</h2>
  ${project.decisions.length === 0
    ? html`<p>${p.noDecisions}</p>`
    : html`<ul>${project.decisions.map(
        (d) => html`<li>${p.decisionKinds[d.kind] ?? d.kind}: <a href="/arbetsyta/paragraf/${d.meetingId}/${d.paragraphId}">${d.bodyName} ${d.heldOn ?? ''} ${paragraphLabel(d.number)} ${d.title}</a>
      ${keeper && html`<form method="post" action="${BASE}/${project.id}/beslut/ta-bort" class="inline-form">${csrfField(context)}<input type="hidden" name="paragraf" value="${d.paragraphId}"><input type="hidden" name="slag" value="${d.kind}"><button type="submit" class="button small secondary">${p.unlink}<span class="visually-hidden">: ${d.title}</span></button></form>`}</li>`,
      )}</ul>`}
  ${keeper &&
  (paragraphs.length === 0
    ? html`<p>${p.noParagraphs}</p>`
    : html`<form method="post" action="${BASE}/${project.id}/beslut" class="actions">${csrfField(context)}
    <label for="falt-paragraf">${p.paragraph}</label>
    <select id="falt-paragraf" name="paragraf">${paragraphs.map((c) => html`<option value="${c.paragraphId}">${paragraphText(c)}</option>`)}</select>
    <label for="falt-slag">${p.decisionKind}</label>
    <select id="falt-slag" name="slag">${projectDecisionKinds.map((k) => html`<option value="${k}">${p.decisionKinds[k] ?? k}</option>`)}</select>
    <button type="submit" class="button small">${p.linkDecision}</button>
  </form>`)}
</section>
<section aria-labelledby="indikator-rubrik">
  <h2 id="indikator-rubrik">${p.indicators}</h2>
  ${project.indicators.length === 0 ? html`<p>${p.noIndicators}</p>` : html`<ul>${project.indicators.map((i) => html`<li>${i.planYear} ${i.goalTitle}: ${i.title}${i.targetValue ? ` (${i.targetValue}${i.unit ? ` ${i.unit}` : ''})` : ''}</li>`)}</ul>`}
  ${keeper &&
  indicators.length > 0 &&
  html`<form method="post" action="${BASE}/${project.id}/indikatorer" class="actions">${csrfField(context)}
    <label for="falt-indikator">${p.indicator}</label>
    <select id="falt-indikator" name="indikator">${indicators.map((i) => html`<option value="${i.id}">${i.label}</option>`)}</select>
    <button type="submit" class="button small">${p.linkIndicator}</button>
  </form>`}
</section>`;
    return sendPage(reply, layout(context, { title: project.title, section: 'workspace', body, breadcrumbs: crumbs(context, [{ label: project.title }]) }));
  });

  function sendEditForm(reply: FastifyReply, context: PageContext, project: Project, state: FormState, filledRows: number, status = 200) {
    const p = context.t.projects;
    const body = html`<h1>${p.edit}</h1><p class="overline">${project.organizationName}</p>
${projectForm(context, { action: `${BASE}/${project.id}/andra`, organizationId: project.organizationId, state, filledRows, cancel: `${BASE}/${project.id}` })}`;
    return sendPage(reply, layout(context, { title: `${p.edit}: ${project.title}`, section: 'workspace', body, breadcrumbs: crumbs(context, [{ label: project.title, href: `${BASE}/${project.id}` }, { label: p.edit }]) }), status);
  }

  app.get(`${BASE}/:projectId/andra`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { projectId } = request.params as { projectId: string };
    const project = await getProject(db, projectId, actorOf(viewer));
    if (!canActAsSecretary(viewer, { organizationId: project.organizationId })) throw new ForbiddenError('not_secretary', 'only the organisation’s secretary edits its projects');
    return sendEditForm(reply, request.page, project, { values: valuesOfProject(project), errors: {} }, project.funding.length);
  });

  app.post(`${BASE}/:projectId/andra`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { projectId } = request.params as { projectId: string };
    const parsed = parseProjectForm(formOf(request.body));
    const project = await getProject(db, projectId, actorOf(viewer));
    try {
      if (parsed.problems.length && canActAsSecretary(viewer, { organizationId: project.organizationId })) throw new InputError(parsed.problems);
      await updateProject(db, projectId, parsed.input, actorOf(viewer));
      return reply.redirect(`${BASE}/${projectId}?sparat=ja`, 303);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const problems = [...parsed.problems, ...error.problems.filter((p) => !parsed.problems.some((q) => q.path === p.path))];
      return sendEditForm(reply, request.page, project, stateOf(request.page, parsed.values, problems, parsed.rowOf), parsed.rowOf.length, 400);
    }
  });

  app.post(`${BASE}/:projectId/beslut`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { projectId } = request.params as { projectId: string };
    const form = formOf(request.body);
    await linkProjectDecision(db, { projectId, paragraphId: form.get('paragraf') ?? '', kind: form.get('slag') ?? '' }, actorOf(viewer));
    return reply.redirect(`${BASE}/${projectId}#beslut-rubrik`, 303);
  });

  app.post(`${BASE}/:projectId/beslut/ta-bort`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { projectId } = request.params as { projectId: string };
    const form = formOf(request.body);
    await unlinkProjectDecision(db, { projectId, paragraphId: form.get('paragraf') ?? '', kind: form.get('slag') ?? '' }, actorOf(viewer));
    return reply.redirect(`${BASE}/${projectId}#beslut-rubrik`, 303);
  });

  app.post(`${BASE}/:projectId/indikatorer`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { projectId } = request.params as { projectId: string };
    await linkProjectIndicator(db, { projectId, indicatorId: formOf(request.body).get('indikator') ?? '' }, actorOf(viewer));
    return reply.redirect(`${BASE}/${projectId}#indikator-rubrik`, 303);
  });

  /** The organisation, year and tertial a report page is asked for, defaulting to the viewer's first organisation and today's tertial. */
  const reportQuery = async (viewer: Viewer, today: string, query: { organisation?: string; ar?: string; tertial?: string }) => {
    const organization = chosen(await readableOrganizations(viewer), query.organisation);
    const year = query.ar && /^\d{4}$/u.test(query.ar) ? Number(query.ar) : Number(today.slice(0, 4));
    return { organization, year, tertial: query.tertial ?? `T${tertialOf(today)}` };
  };

  app.get(`${BASE}/portfolj`, async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const p = context.t.projects;
    const query = request.query as { organisation?: string; ar?: string; tertial?: string; bifogad?: string };
    const { organization, year, tertial } = await reportQuery(viewer, context.today, query);
    const report = await getPortfolioReport(db, { organizationId: organization.id, year, tertial }, actorOf(viewer));
    const keeper = canActAsSecretary(viewer, { organizationId: organization.id });
    const editable = keeper ? (await listParagraphChoices(db, organization.id, actorOf(viewer))).filter((c) => c.editable) : [];
    const count = report.groups.reduce((sum, g) => sum + g.projects.length, 0);
    const title = p.portfolioTitle(report.tertial, report.year);
    const pdfHref = `${BASE}/portfolj.pdf?${q(organization.id)}&ar=${String(year)}&tertial=T${String(report.tertial)}`;
    const body = html`<h1>${title}</h1>
<p class="overline">${organization.name}</p>
${query.bifogad && html`<div class="flash" role="status"><p>${p.attached(title)}</p></div>`}
<p class="lead">${p.totals(count, formatKronor(report.totals.budget), formatKronor(report.totals.outcome), formatKronor(report.totals.funding))}</p>
<p class="actions"><a class="button secondary" href="${pdfHref}">${p.pdf}</a></p>
${report.groups.map(
  (group) => html`<section aria-labelledby="grupp-${group.group}">
  <h2 id="grupp-${group.group}">${p.groups[group.group] ?? group.group} (${String(group.projects.length)})</h2>
  ${group.projects.length === 0
    ? html`<p>${p.noProjects}</p>`
    : html`<table class="data-table"><caption class="visually-hidden">${p.groups[group.group] ?? group.group}</caption>
  <thead><tr><th scope="col">${p.project}</th><th scope="col">${p.projectManager}</th><th scope="col">${p.period}</th><th scope="col">${p.funding}</th><th scope="col">${p.budget}</th><th scope="col">${p.outcome}</th></tr></thead>
  <tbody>${group.projects.map(
    (project) => html`<tr><td>${project.title}${project.caseNumber ? ` (${p.caseNumber} ${project.caseNumber})` : ''}</td><td>${project.projectManager ?? ''}</td><td>${project.startsOn ?? '…'}–${project.endsOn ?? '…'}</td>
    <td>${project.funding.length === 0 ? '–' : html`<ul class="plain">${[...new Set(project.funding.map((f) => f.funderName))].map((name) => html`<li>${name}: ${formatKronor(project.funding.filter((f) => f.funderName === name).reduce((sum, f) => sum + f.amount, 0))}</li>`)}</ul>`}</td>
    <td>${kronor(project.budget)}</td><td>${kronor(project.outcome)}</td></tr>`,
  )}</tbody></table>`}
</section>`,
)}
${keeper &&
html`<section class="card" aria-labelledby="bilaga-rubrik">
  <h2 id="bilaga-rubrik">${p.attach}</h2>
  <p>${p.attachLead}</p>
  ${editable.length === 0
    ? html`<p>${p.noParagraphs}</p>`
    : html`<form method="post" action="${BASE}/portfolj/bilaga" class="actions">${csrfField(context)}
    <input type="hidden" name="organisation" value="${organization.id}"><input type="hidden" name="ar" value="${String(year)}"><input type="hidden" name="tertial" value="T${String(report.tertial)}">
    <label for="falt-bilaga-paragraf">${p.paragraph}</label>
    <select id="falt-bilaga-paragraf" name="paragraf">${editable.map((c) => html`<option value="${c.paragraphId}">${paragraphText(c)}</option>`)}</select>
    <button type="submit" class="button small">${p.attachButton}</button>
  </form>`}
</section>`}`;
    return sendPage(reply, layout(context, { title, section: 'workspace', body, breadcrumbs: crumbs(context, [{ label: title }]) }));
  });

  app.get(`${BASE}/portfolj.pdf`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organization, year, tertial } = await reportQuery(viewer, request.page.today, request.query as { organisation?: string; ar?: string; tertial?: string });
    const pdf = await renderPortfolioReport(db, { organizationId: organization.id, year, tertial }, actorOf(viewer));
    const name = `projektportfolj-${year}-${(parseTertial(tertial) ?? '').toString()}.pdf`;
    return reply
      .header('content-security-policy', INLINE_PDF_POLICY)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${name}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.post(`${BASE}/portfolj/bilaga`, async (request, reply) => {
    const viewer = requireViewer(request);
    requireKeeperOfSome(viewer);
    const form = formOf(request.body);
    const organizationId = form.get('organisation') ?? '';
    const year = Number(form.get('ar') ?? '');
    const tertial = form.get('tertial') ?? '';
    await attachPortfolioReport(handle, { organizationId, year, tertial, paragraphId: form.get('paragraf') ?? '' }, actorOf(viewer));
    return reply.redirect(`${BASE}/portfolj?${q(organizationId)}&ar=${String(year)}&tertial=${encodeURIComponent(tertial)}&bifogad=ja`, 303);
  });

  app.get(`${BASE}/export`, async (request, reply) => {
    const viewer = requireViewer(request);
    const query = request.query as { organisation?: string; format?: string };
    const organization = chosen(await readableOrganizations(viewer), query.organisation);
    const file = await exportProjects(db, { organizationId: organization.id, format: query.format === 'csv' ? 'csv' : 'xlsx' }, actorOf(viewer));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.bytes));
  });

  app.post(`${BASE}/verksamhetsberattelse`, async (request, reply) => {
    const viewer = requireViewer(request);
    requireKeeperOfSome(viewer);
    const form = formOf(request.body);
    const organizationId = form.get('organisation') ?? '';
    const yearText = form.get('ar') ?? '';
    if (!/^\d{4}$/u.test(yearText)) throw new InputError({ path: 'ar', code: 'invalid_year', message: `expected a year, got '${yearText}'` });
    const year = Number(yearText);
    await draftAnnualReport(db, { organizationId, year, regenerate: form.get('ersatt') === 'ja', today: request.page.today }, actorOf(viewer));
    return reply.redirect(`${BASE}/verksamhetsberattelse/${String(year)}?${q(organizationId)}`, 303);
  });

  app.get(`${BASE}/verksamhetsberattelse/:year`, async (request, reply) => {
    const viewer = requireViewer(request);
    const context = request.page;
    const p = context.t.projects;
    const { year } = request.params as { year: string };
    const organization = chosen(await readableOrganizations(viewer), (request.query as { organisation?: string }).organisation);
    const report = await getAnnualReport(db, { organizationId: organization.id, year: Number(year) }, actorOf(viewer));
    const title = p.annualReportTitle(report.year);
    const body = html`<h1>${title}</h1>
<p class="overline">${report.organizationName}${report.status === 'draft' ? html` – ${p.annualReportDraft}` : ''}</p>
${report.sections.map(
  (section, index) => html`<section aria-labelledby="avsnitt-${String(index + 1)}">
  <h2 id="avsnitt-${String(index + 1)}">${section.heading}</h2>
  ${section.text.split(/\n\s*\n/u).map((chunk) => html`<p>${multiline(chunk)}</p>`)}
</section>`,
)}`;
    return sendPage(reply, layout(context, { title, section: 'workspace', body, breadcrumbs: crumbs(context, [{ label: title }]) }));
  });
}
