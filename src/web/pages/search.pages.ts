/**
 * The public search page (/sok): Swedish full-text search over published decisions through
 * services/search (always as the public, whoever is signed in), with filters by organisation, body,
 * year and "decisions only", highlighted snippets, a link to each § permanent page, and pages of results.
 * The form is a plain GET form, so every result page has its own address and works without script.
 */
import { MAX_WATCH_QUERY, MIN_WATCH_QUERY } from '../../services/watch.service.ts';
import { watchSearchForm } from './watch.pages.ts';
import type { FastifyInstance } from 'fastify';
import { InputError } from '../../errors.ts';
import { getArchive } from '../../services/publication.service.ts';
import { MAX_QUERY_LENGTH, searchDecisions, type FacetValue, type SearchFilters, type SearchHit, type SearchResult } from '../../services/search.service.ts';
import { searchRegisters, type RegisterHit } from '../../services/register-search.service.ts';
import { sendPage, type PageContext } from '../context.ts';
import { errorSummary, inputField, type FormState } from '../forms.ts';
import { shortDate } from '../format.ts';
import { html, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';
import { paragraphLabel } from '../minutes-view.ts';

/** Hits per page. */
export const SEARCH_PAGE_SIZE = 10;

/** The search as the address states it: ?q=…&organisation=…&organ=…&ar=…&beslut=ja&sida=2. */
interface SearchRequest {
  query: string;
  organization: string;
  body: string;
  year: string;
  decisionsOnly: boolean;
  page: number;
  /** Whether the visitor asked for anything (a first visit shows only the form). */
  asked: boolean;
}

function readSearchRequest(query: Record<string, string | string[] | undefined>): SearchRequest {
  const one = (name: string) => {
    const value = query[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const page = Number(one('sida'));
  return {
    query: one('q').slice(0, MAX_QUERY_LENGTH * 2),
    organization: one('organisation'),
    body: one('organ'),
    year: one('ar'),
    decisionsOnly: one('beslut') === 'ja',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    asked: ['q', 'organisation', 'organ', 'ar', 'beslut'].some((name) => query[name] !== undefined),
  };
}

/** The address of a search, with one part changed (the page links keep every filter). */
function searchHref(request: SearchRequest, changes: Partial<SearchRequest> = {}): string {
  const next = { ...request, ...changes };
  const params = new URLSearchParams();
  params.set('q', next.query);
  if (next.organization) params.set('organisation', next.organization);
  if (next.body) params.set('organ', next.body);
  if (next.year) params.set('ar', next.year);
  if (next.decisionsOnly) params.set('beslut', 'ja');
  if (next.page > 1) params.set('sida', String(next.page));
  return `/sok?${params.toString()}`;
}

export async function registerSearchPages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  app.get('/sok', async (request, reply) => {
    const context = request.page;
    const { t } = context;
    const asked = readSearchRequest(request.query as Record<string, string | undefined>);
    const errors: Record<string, string> = {};
    if (asked.year && !/^\d{4}$/.test(asked.year)) errors.ar = t.search.codes.invalid_year!;

    let result: SearchResult | null = null;
    if (asked.asked && Object.keys(errors).length === 0) {
      const filters: SearchFilters = {
        ...(asked.organization ? { organization: asked.organization } : {}),
        ...(asked.body ? { body: asked.body } : {}),
        ...(asked.year ? { year: Number(asked.year) } : {}),
        ...(asked.decisionsOnly ? { decisionsOnly: true } : {}),
      };
      try {
        // The public audience whoever asks: the search page is the public's, drafts stay in the workspace.
        result = await searchDecisions(db, { query: asked.query, filters, page: asked.page, pageSize: SEARCH_PAGE_SIZE, audience: 'public' });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        for (const problem of error.problems) {
          const field = problem.path.startsWith('filters.year') ? 'ar' : 'q';
          errors[field] ??= t.search.codes[problem.code] ?? problem.message;
        }
      }
    }
    const names = await filterNames(db);
    const title = asked.query && result ? `${t.search.title}: ${asked.query}` : t.search.title;
    // The registers (delegationsbeslut by Dnr, the delegationsordning; for staff also assignments and remisser) beside the §§.
    const registerHits = result && asked.query ? await searchRegisters(db, { query: asked.query, viewer: context.viewer }) : [];
    const body = html`${searchPage(context, asked, { values: { q: asked.query }, errors }, result, names)}${registerHitsSection(context, registerHits)}`;
    return sendPage(reply, layout(context, { title, section: 'search', body, breadcrumbs: [{ label: t.nav.home, href: '/' }, { label: t.search.title }] }), Object.keys(errors).length ? 400 : 200);
  });
}

/** Names of every organisation and body with published minutes, for a chosen filter that has no hits. */
async function filterNames(db: WebDependencies['db']): Promise<{ organizations: Map<string, string>; bodies: Map<string, string> }> {
  const archive = await getArchive(db);
  return {
    organizations: new Map(archive.flatMap((o) => (o.id ? [[o.id, o.name ?? '']] : []))),
    bodies: new Map(archive.flatMap((o) => o.bodies.map((b) => [b.id, o.name ? `${b.name}, ${o.name}` : b.name] as [string, string]))),
  };
}

function searchPage(context: PageContext, asked: SearchRequest, form: FormState, result: SearchResult | null, names: Awaited<ReturnType<typeof filterNames>>): Html {
  const { t } = context;
  const s = t.search;
  const from = result ? (result.page - 1) * result.pageSize + 1 : 0;
  const to = result ? from + result.hits.length - 1 : 0;
  return html`<h1>${s.title}</h1>
<p class="lead">${s.lead}</p>
${errorSummary(context, form, { q: s.queryLabel, ar: s.year })}
<form method="get" action="/sok" class="search-form" role="search" aria-label="${s.title}" novalidate>
  <div class="query-row">
    ${inputField(context, form, { name: 'q', label: s.queryLabel, hint: s.queryHint, type: 'search', required: false })}
    <button type="submit" class="button">${s.submit}</button>
  </div>
  <div class="search-layout">
    <div class="search-filters card">
      <fieldset>
        <legend>${s.filters}</legend>
        ${facetSelect(context, { name: 'organisation', label: s.organization, chosen: asked.organization, values: result?.facets.organizations ?? [], names: names.organizations })}
        ${facetSelect(context, { name: 'organ', label: s.body, chosen: asked.body, values: result?.facets.bodies ?? [], names: names.bodies })}
        ${facetSelect(context, { name: 'ar', label: s.year, chosen: asked.year, values: result?.facets.years ?? [], names: new Map(), error: form.errors.ar })}
        <div class="field checkbox">
          <input type="checkbox" id="falt-beslut" name="beslut" value="ja"${asked.decisionsOnly && html` checked`}>
          <label for="falt-beslut">${result ? s.withCount(s.decisionsOnly, result.facets.decisions) : s.decisionsOnly}</label>
        </div>
        <p class="actions"><button type="submit" class="button secondary">${s.applyFilters}</button> <a href="/sok">${s.clearFilters}</a></p>
      </fieldset>
    </div>
    <section aria-labelledby="sokresultat-rubrik" class="search-results">
      ${result ? resultsSection(context, asked, result, from, to) : html`<h2 id="sokresultat-rubrik" class="visually-hidden">${s.results(0)}</h2>`}
    </section>
  </div>
</form>
${context.viewer && result && asked.query.trim().length >= MIN_WATCH_QUERY && asked.query.trim().length <= MAX_WATCH_QUERY && watchSearchForm(context, asked.query.trim())}`;
}

function resultsSection(context: PageContext, asked: SearchRequest, result: SearchResult, from: number, to: number): Html {
  const s = context.t.search;
  const capped = result.totalIsCapped;
  const heading = asked.query ? s.resultsFor(result.total, asked.query, capped) : s.results(result.total, capped);
  const { interpretation } = result;
  return html`<h2 id="sokresultat-rubrik" class="results-heading">${heading}</h2>
${interpretation.matchedBy === 'similar_titles' && html`<p class="note">${s.similarTitles}</p>`}
${interpretation.matchedBy === 'case_number' && interpretation.caseNumbers && html`<p class="note">${s.caseNumber(interpretation.caseNumbers.join(', '))}</p>`}
${result.total === 0
  ? html`<p class="empty">${s.none}</p>`
  : html`${result.hits.length > 0 && html`<p class="count">${s.showing(from, to, result.total, capped)}</p>`}
${capped && html`<p class="note">${s.cappedNote(result.total)}</p>`}
<ol class="search-hits" start="${String(from)}">${result.hits.map((hit) => hitItem(context, hit))}</ol>
${pagination(context, asked, result)}`}`;
}

function hitItem(context: PageContext, hit: SearchHit): Html {
  const { t, language } = context;
  const label = paragraphLabel(hit.number);
  const meta = [hit.organization, hit.body, hit.meetingDate ? shortDate(hit.meetingDate, language) : null, hit.caseNumber ? `${t.search.caseNumberLabel} ${hit.caseNumber}` : null].filter(Boolean).join(' · ');
  return html`<li class="search-hit">
  <h3><a href="/p/${hit.paragraphId}">${label} ${hit.title}</a>${hit.isDecision && html`<span class="badge">${t.search.decision}</span>`}</h3>
  <p class="hit-meta">${meta}</p>
  ${hit.snippetSegments.length > 0 && html`<p class="snippet">${snippet(hit)}</p>`}
</li>`;
}

/**
 * The highlighted snippet, drawn from its segments: every piece goes through the escaping template
 * and only the <mark> around a matched word is markup; the service's ready-made HTML is not used.
 */
function snippet(hit: SearchHit): Html {
  return html`${hit.snippetSegments.map((segment) => (segment.match ? html`<mark>${segment.text}</mark>` : segment.text))}`;
}

function facetSelect(
  context: PageContext,
  options: { name: string; label: string; chosen: string; values: FacetValue[]; names: Map<string, string>; error?: string | undefined },
): Html {
  const s = context.t.search;
  const id = `falt-${options.name}`;
  const values = [...options.values];
  if (options.chosen && !values.some((v) => v.value === options.chosen)) {
    values.unshift({ value: options.chosen, label: options.names.get(options.chosen) ?? options.chosen, count: 0 });
  }
  return html`<div class="field${options.error ? ' field-error' : ''}">
  <label for="${id}">${options.label}</label>
  ${options.error && html`<p class="error-message" id="${id}-fel"><span class="visually-hidden">Fel: </span>${options.error}</p>`}
  <select id="${id}" name="${options.name}"${options.error && html` aria-invalid="true" aria-describedby="${id}-fel"`}>
    <option value="">${s.all}</option>
    ${values.map((v) => html`<option value="${v.value}"${v.value === options.chosen && html` selected`}>${s.withCount(v.label, v.count)}</option>`)}
  </select>
</div>`;
}

function pagination(context: PageContext, asked: SearchRequest, result: SearchResult): Html {
  const s = context.t.search;
  const pages = Math.ceil(result.total / result.pageSize);
  if (pages <= 1) return html``;
  const current = result.page;
  // The first, the last and two either side of the current page; gaps as an ellipsis.
  const shown = [...new Set([1, pages, ...[-2, -1, 0, 1, 2].map((d) => current + d)])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Html[] = [];
  if (current > 1) items.push(html`<li><a href="${searchHref(asked, { page: current - 1 })}" rel="prev">${s.previous}</a></li>`);
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push(html`<li><span aria-hidden="true">…</span></li>`);
    items.push(
      n === current
        ? html`<li><a href="${searchHref(asked, { page: n })}" aria-current="page"><span class="visually-hidden">${s.page(n)}</span><span aria-hidden="true">${String(n)}</span></a></li>`
        : html`<li><a href="${searchHref(asked, { page: n })}"><span class="visually-hidden">${s.page(n)}</span><span aria-hidden="true">${String(n)}</span></a></li>`,
    );
  });
  if (current < pages) items.push(html`<li><a href="${searchHref(asked, { page: current + 1 })}" rel="next">${s.next}</a></li>`);
  return html`<nav class="pagination" aria-label="${s.pages}"><ul>${items}</ul></nav>`;
}

/** Where a register hit opens: the § that reported it when public, else the register's page. */
function registerHitHref(hit: RegisterHit): string {
  const organisation = hit.organizationId ? `?organisation=${hit.organizationId}` : '';
  if (hit.publicParagraphId) return `/p/${hit.publicParagraphId}`;
  if (hit.kind === 'delegation_item') return `/register${organisation}#ordning-rubrik`;
  if (hit.kind === 'delegated_decision') return `/arbetsyta/delegation${organisation}#anmalan-rubrik`;
  if (hit.kind === 'project') return `/arbetsyta/projekt/${hit.id}`;
  if (hit.kind === 'assignment') return `/arbetsyta/uppdrag${organisation}${organisation ? '&' : '?'}status=all`;
  return `/arbetsyta/uppfoljning${organisation}`;
}

function registerHitsSection(context: PageContext, hits: RegisterHit[]): Html {
  if (hits.length === 0) return html``;
  const w = context.t.registerWork;
  return html`<section class="card" aria-labelledby="register-traffar-rubrik">
  <h2 id="register-traffar-rubrik">${w.registersHit} (${String(hits.length)})</h2>
  <ul class="plain">${hits.map(
    (hit) => html`<li><span class="badge">${w.hitKinds[hit.kind] ?? hit.kind}</span> <a href="${registerHitHref(hit)}">${hit.title}</a>${hit.caseNumber && html` <span class="count">(${w.caseNumber} ${hit.caseNumber})</span>`}${hit.who && html`, ${hit.who}`}${hit.on && html`, ${shortDate(hit.on, context.language)}`}</li>`,
  )}</ul>
</section>`;
}
