/** The frame of every page: skip link, header with the main menu and language switch, breadcrumbs, footer. */
import type { PageContext } from './context.ts';
import { html, nonEmpty, raw, type Html } from './html.ts';
import { canActAsSecretary, canAdminister } from '../services/accounts.service.ts';

export interface Crumb {
  label: string;
  href?: string;
}

export interface LayoutOptions {
  title: string;
  body: Html;
  /** Which main menu entry is current. */
  section?: 'home' | 'board' | 'archive' | 'search' | 'mine' | 'sign' | 'workspace' | 'admin' | 'signin' | 'watches';
  breadcrumbs?: Crumb[];
  /** Load the autosave script. */
  autosave?: boolean;
  /** Feeds of this page besides the site's own (rel="alternate"), e.g. a body's calendar. */
  alternates?: Alternate[];
  /** A public page's own path without query: its canonical address is PUBLIC_URL + this path. */
  canonical?: string;
  /** schema.org data about the page (JSON-LD), for search engines. */
  jsonLd?: Record<string, unknown>;
}

/** A feed a page offers to subscribe to. */
export interface Alternate {
  type: 'application/atom+xml' | 'text/calendar';
  title: string;
  href: string;
}

function languageSwitchHref(context: PageContext): string {
  const other = context.language === 'sv' ? 'en' : 'sv';
  return `/sprak?till=${other}&tillbaka=${encodeURIComponent(context.path)}`;
}

export function layout(context: PageContext, options: LayoutOptions): Html {
  const { t, viewer } = context;
  const item = (section: LayoutOptions['section'], href: string, label: string) =>
    html`<li><a href="${href}"${options.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<html lang="${context.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} – ${t.site.name}</title>
<link rel="stylesheet" href="/assets/site.css">
${options.canonical && context.publicUrl ? html`<link rel="canonical" href="${context.publicUrl}${options.canonical}">
` : ''}${options.jsonLd ? html`<script type="application/ld+json">${raw(jsonForScript(options.jsonLd))}</script>
` : ''}${[
  { type: 'application/atom+xml', title: t.feeds.boardTitle, href: '/anslagstavla.atom' },
  { type: 'application/atom+xml', title: t.feeds.protocolsTitle, href: '/protokoll.atom' },
  { type: 'text/calendar', title: t.feeds.calendarTitle, href: '/kalender.ics' },
  ...(options.alternates ?? []),
].map((a) => html`<link rel="alternate" type="${a.type}" title="${a.title}" href="${a.href}">
`)}<script src="/assets/autosave.js" defer></script>
</head>
<body>
<a class="skip-link" href="#innehall">${t.site.skipToContent}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">§</span><span class="brand-name">${t.site.name}</span><span class="brand-tagline">${t.site.tagline}</span></a>
    <div class="header-tools">
      ${options.section !== 'search' && html`<form class="header-search" role="search" method="get" action="/sok" aria-label="${t.search.headerLabel}">
        <label for="sidhuvud-sok" class="visually-hidden">${t.search.headerLabel}</label>
        <input id="sidhuvud-sok" name="q" type="search" placeholder="${t.search.headerPlaceholder}" maxlength="500">
        <button type="submit" class="button small">${t.search.submit}</button>
      </form>`}
      <a class="language-switch" href="${languageSwitchHref(context)}" lang="${context.language === 'sv' ? 'en' : 'sv'}">${t.language.switchLabel}</a>
      ${
        viewer
          ? html`<span class="signed-in">${t.nav.signedInAs(viewer.name)}</span>
      <form method="post" action="/logga-ut" class="inline-form"><input type="hidden" name="_csrf" value="${context.csrfToken}"><button type="submit" class="link-button">${t.nav.signOut}</button></form>`
          : html`<a href="/logga-in?tillbaka=${encodeURIComponent(context.path)}" class="sign-in-link">${t.nav.signIn}</a>`
      }
    </div>
  </div>
  <nav class="main-nav" aria-label="${t.site.mainNavigation}">
    <ul class="wrap">
      ${item('home', '/', t.nav.home)}
      ${item('board', '/anslagstavla', t.nav.noticeBoard)}
      ${item('archive', '/arkiv', t.nav.archive)}
      ${item('search', '/sok', t.nav.search)}
      ${viewer && item('mine', '/mina-sammantraden', t.nav.myMeetings)}
      ${viewer && item('sign', '/att-justera', t.nav.toSign)}
      ${viewer && item('watches', '/mina-bevakningar', t.nav.watches)}
      ${canActAsSecretary(viewer) && item('workspace', '/arbetsyta', t.nav.workspace)}
      ${canAdminister(viewer) && item('admin', '/admin', t.nav.administration)}
    </ul>
  </nav>
</header>
${
  nonEmpty(options.breadcrumbs) &&
  html`<nav class="breadcrumbs wrap" aria-label="${t.site.breadcrumbs}"><ol>${options.breadcrumbs.map((crumb, i) =>
    crumb.href && i < options.breadcrumbs!.length - 1
      ? html`<li><a href="${crumb.href}">${crumb.label}</a></li>`
      : html`<li><span aria-current="page">${crumb.label}</span></li>`,
  )}</ol></nav>`
}
<main id="innehall" class="wrap" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
  <div class="wrap"><p>${t.site.footer}</p><p><a href="/oparl/v1/system" type="application/json">${t.site.openData}</a> · <a href="/verifiera">${t.verify.title}</a></p></div>
</footer>
</body>
</html>`;
}

/** JSON inside <script>: "<" escaped, so no text in the data can close the element. */
function jsonForScript(value: Record<string, unknown>): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
