/**
 * Bevakningar on the web: the signed-in user's list of watches with a form to watch a body and one to
 * watch a search (the search page posts here too), and the unsubscribe page a watch mail links to, which
 * works without signing in: GET shows what is watched and a button, POST ends it. The POST is also the
 * one-click unsubscribe of RFC 8058 that mail programs make without cookies, so it is exempt from the
 * CSRF check (src/web/index.ts); the unsubscribe token in the path is the secret.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InputError } from '../../errors.ts';
import { createWatch, findWatchForUnsubscribe, listWatchableBodies, listWatches, removeWatch, unsubscribe, type WatchView } from '../../services/watch.service.ts';
import type { PageContext } from '../context.ts';
import { sendPage } from '../context.ts';
import { instant } from '../format.ts';
import { csrfField, emptyForm, errorSummary, inputField, selectField, type FormState } from '../forms.ts';
import { html, nonEmpty, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';

/** The path the unsubscribe link and the List-Unsubscribe header name; its POST needs no CSRF token. */
export const UNSUBSCRIBE_ROUTE = '/bevakning/avsluta/:token';

function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

function watchLabel(context: PageContext, watch: WatchView): string {
  const w = context.t.watch;
  const body = watch.bodyName ? (watch.organizationName ? `${watch.bodyName}, ${watch.organizationName}` : watch.bodyName) : '';
  return watch.bodyId ? w.bodyWatch(body) : w.searchWatch(watch.query ?? '');
}

function watchWhat(context: PageContext, watch: WatchView): string {
  const w = context.t.watch;
  const body = watch.bodyName ? (watch.organizationName ? `${watch.bodyName}, ${watch.organizationName}` : watch.bodyName) : '';
  return watch.bodyId ? w.bodyWhat(body) : w.searchWhat(watch.query ?? '');
}

function watchesPage(
  context: PageContext,
  watches: WatchView[],
  bodies: { id: string; name: string; organizationName: string | null }[],
  forms: { body: FormState; query: FormState },
  flash: string | null,
): Html {
  const { t, language } = context;
  const w = t.watch;
  const both: FormState = { values: { ...forms.body.values, ...forms.query.values }, errors: { ...forms.body.errors, ...forms.query.errors } };
  return html`<h1>${w.title}</h1>
<p class="lead">${w.lead}</p>
${context.viewer && html`<p>${w.mailTo(context.viewer.email)}</p>`}
${flash && html`<div class="flash" role="status"><p>${flash}</p></div>`}
${errorSummary(context, both, { bodyId: w.bodyLabel, query: w.queryLabel })}
<section class="card" aria-labelledby="bevakningar-rubrik">
  <h2 id="bevakningar-rubrik">${w.listTitle}</h2>
  ${nonEmpty(watches)
    ? html`<ul class="plain">${watches.map((watch) => html`<li>${watchLabel(context, watch)} <span class="hint">(${w.since(instant(watch.createdAt, language))})</span>
    <form method="post" action="/mina-bevakningar/${watch.id}/ta-bort" class="inline-form">${csrfField(context)}<button type="submit" class="button small secondary">${w.remove}<span class="visually-hidden"> ${watchLabel(context, watch)}</span></button></form></li>`)}</ul>`
    : html`<p>${w.none}</p>`}
</section>
<section class="card" aria-labelledby="bevaka-organ-rubrik">
  <h2 id="bevaka-organ-rubrik">${w.bodyTitle}</h2>
  ${nonEmpty(bodies)
    ? html`<form method="post" action="/mina-bevakningar" novalidate>
    ${csrfField(context)}<input type="hidden" name="typ" value="organ">
    ${selectField(context, forms.body, { name: 'bodyId', label: w.bodyLabel, hint: w.bodyHint, required: true, choices: bodies.map((b) => ({ value: b.id, label: b.organizationName ? `${b.name}, ${b.organizationName}` : b.name })) })}
    <button type="submit" class="button">${w.bodySubmit}</button>
  </form>`
    : html`<p>${w.noBodies}</p>`}
</section>
<section class="card" aria-labelledby="bevaka-sokning-rubrik">
  <h2 id="bevaka-sokning-rubrik">${w.queryTitle}</h2>
  <form method="post" action="/mina-bevakningar" novalidate>
    ${csrfField(context)}<input type="hidden" name="typ" value="sokning">
    ${inputField(context, forms.query, { name: 'query', label: w.queryLabel, hint: w.queryHint, required: true, width: 'long' })}
    <button type="submit" class="button">${w.querySubmit}</button>
  </form>
</section>`;
}

/** The small form on the search page that watches the words searched for. */
export function watchSearchForm(context: PageContext, query: string): Html {
  const w = context.t.watch;
  return html`<form method="post" action="/mina-bevakningar" class="watch-search card">
  ${csrfField(context)}<input type="hidden" name="typ" value="sokning"><input type="hidden" name="query" value="${query}">
  <p class="hint" id="bevaka-sokning-hjalp">${w.fromSearchHint}</p>
  <button type="submit" class="button secondary" aria-describedby="bevaka-sokning-hjalp">${w.fromSearch}</button>
</form>`;
}

export async function registerWatchPages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  const render = async (request: FastifyRequest, forms: { body: FormState; query: FormState }, flash: string | null) => {
    const context = request.page;
    const watches = await listWatches(db, context.viewer);
    const bodies = await listWatchableBodies(db);
    return layout(context, {
      title: context.t.watch.title,
      section: 'watches',
      body: watchesPage(context, watches, bodies, forms, flash),
      breadcrumbs: [{ label: context.t.nav.home, href: '/' }, { label: context.t.watch.title }],
    });
  };

  app.get('/mina-bevakningar', async (request, reply) => {
    const query = request.query as { sparad?: string; borttagen?: string };
    const w = request.page.t.watch;
    const flash = query.sparad ? w.created : query.borttagen ? w.removed : null;
    return sendPage(reply, await render(request, { body: emptyForm, query: emptyForm }, flash));
  });

  app.post('/mina-bevakningar', async (request, reply) => {
    const form = formOf(request);
    const bySearch = form.get('typ') === 'sokning';
    const field = bySearch ? 'query' : 'bodyId';
    const values: Record<string, string> = { [field]: form.get(field) ?? '' };
    try {
      await createWatch(db, request.page.viewer, bySearch ? { query: values.query ?? '' } : { bodyId: values.bodyId ?? '' });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const codes = request.page.t.watch.codes;
      const errors: Record<string, string> = {};
      for (const problem of error.problems) errors[field] ??= codes[problem.code] ?? problem.message;
      const state: FormState = { values, errors };
      return sendPage(reply, await render(request, bySearch ? { body: emptyForm, query: state } : { body: state, query: emptyForm }, null), 400);
    }
    return reply.redirect('/mina-bevakningar?sparad=1', 303);
  });

  app.post('/mina-bevakningar/:watchId/ta-bort', async (request, reply) => {
    const { watchId } = request.params as { watchId: string };
    await removeWatch(db, request.page.viewer, watchId);
    return reply.redirect('/mina-bevakningar?borttagen=1', 303);
  });

  app.get(UNSUBSCRIBE_ROUTE, async (request, reply) => {
    const { token } = request.params as { token: string };
    const context = request.page;
    const w = context.t.watch;
    // A GET never ends the watch: link checkers and previews open links in mail.
    const watch = await findWatchForUnsubscribe(db, token);
    const body = html`<h1>${w.unsubscribeTitle}</h1>
<p>${w.unsubscribeLead(watchWhat(context, watch))}</p>
<form method="post" action="/bevakning/avsluta/${token}">
  <button type="submit" class="button">${w.unsubscribeSubmit}</button>
</form>`;
    return sendPage(reply, layout(context, { title: w.unsubscribeTitle, body }));
  });

  // RFC 8058: a mail program POSTs `List-Unsubscribe=One-Click` here without cookies; a person's button does the same.
  app.post(UNSUBSCRIBE_ROUTE, async (request, reply) => {
    const { token } = request.params as { token: string };
    const context = request.page;
    const w = context.t.watch;
    const watch = await unsubscribe(db, token);
    const body = html`<h1>${w.unsubscribeTitle}</h1>
<div class="flash" role="status"><p>${w.unsubscribed(watchWhat(context, watch))}</p></div>
<p><a href="/">${context.t.errors.backHome}</a></p>`;
    return sendPage(reply, layout(context, { title: w.unsubscribeTitle, body }));
  });
}
