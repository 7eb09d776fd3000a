/**
 * The public side, without sign-in: the start page, the digital notice board, the archive by
 * organisation, body and year, one page per meeting, a permanent page per § and the PDF.
 */
import type { FastifyInstance } from 'fastify';
import {
  findPublicParagraphId,
  getArchive,
  getBodyArchive,
  getNoticeBoard,
  getPublicMeeting,
  getPublicMinutesPdf,
  getPublicOriginal,
  hasPublicOriginal,
  getPublicParagraph,
  type BoardNotice,
  type PublicMeeting,
} from '../../services/publication.service.ts';
import { NotFoundError } from '../../errors.ts';
import { protocolFileName, publicMinutesLastModified } from '../../services/open-data/public-files.ts';
import { sendPublicFile } from '../conditional.ts';
import { meetingJsonLd, paragraphJsonLd } from '../json-ld.ts';
import { sendPage, type PageContext } from '../context.ts';
import { longDate, paragraphRange, shortDate } from '../format.ts';
import { html, type Html } from '../html.ts';
import { layout, type Crumb } from '../layout.ts';
import { attendanceSection, contentsList, minutesFacts, paragraphAnchor, paragraphArticle, paragraphLabel, signaturesSection } from '../minutes-view.ts';
import type { WebDependencies } from '../index.ts';

export async function registerPublicPages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  app.get('/', async (request, reply) => {
    const context = request.page;
    const notices = await getNoticeBoard(db, { today: context.today });
    return sendPage(reply, layout(context, { title: context.t.home.title, section: 'home', body: homePage(context, notices), canonical: '/' }));
  });

  app.get('/anslagstavla', async (request, reply) => {
    const context = request.page;
    const notices = await getNoticeBoard(db, { today: context.today });
    return sendPage(reply, layout(context, { title: context.t.board.title, section: 'board', body: noticeBoardPage(context, notices), canonical: '/anslagstavla' }));
  });

  app.get('/arkiv', async (request, reply) => {
    const context = request.page;
    const { t } = context;
    const organizations = await getArchive(db);
    const body = html`<h1>${t.archive.title}</h1>
<p class="lead">${t.archive.lead}</p>
<p><a href="/register">${t.registerWork.publicLead}</a></p>
${organizations.length === 0 && html`<p>${t.archive.empty}</p>`}
<div class="archive-organizations">
${organizations.map(
  (organization) => html`<section class="card archive-organization" aria-labelledby="org-${organization.id ?? 'gemensamma'}">
  <h2 id="org-${organization.id ?? 'gemensamma'}">${organization.name ?? t.archive.unowned}</h2>
  <ul class="archive-bodies">${organization.bodies.map(
    (b) => html`<li><h3><a href="/arkiv/organ/${b.id}">${b.name}</a></h3>
    <ul class="year-list" aria-label="${t.archive.years}: ${b.name}">${b.years.map(
      (y) => html`<li><a href="/arkiv/organ/${b.id}/${String(y.year ?? '')}">${String(y.year ?? '–')}</a> <span class="count">${t.archive.meetings(y.meetingCount)}</span></li>`,
    )}</ul></li>`,
  )}</ul>
</section>`,
)}
</div>`;
    return sendPage(reply, layout(context, { title: t.archive.title, section: 'archive', body, breadcrumbs: [{ label: t.nav.home, href: '/' }, { label: t.archive.title }], canonical: '/arkiv' }));
  });

  const bodyPage = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, bodyId: string, yearText: string | undefined) => {
    const context = request.page;
    const { t, language } = context;
    const year = yearText === undefined || yearText === '' ? null : /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (Number.isNaN(year)) throw new NotFoundError('year_not_found', `not a year: ${yearText}`);
    const archive = await getBodyArchive(db, { bodyId, year });
    const title = t.archive.meetingsIn(archive.body.bodyName, String(archive.year ?? ''));
    const body = html`<p class="overline">${archive.body.organizationName ?? t.archive.unowned}</p>
<h1>${title}</h1>
<p class="feed-links">${t.feeds.subscribe}: <a href="/arkiv/organ/${bodyId}/kalender.ics">${t.feeds.calendar}</a> · <a href="/arkiv/organ/${bodyId}/protokoll.atom">${t.feeds.protocols}</a></p>
<nav aria-label="${t.archive.years}" class="year-tabs"><ul>${archive.years.map(
      (y) => html`<li><a href="/arkiv/organ/${bodyId}/${String(y)}"${y === archive.year && html` aria-current="page"`}>${String(y)}</a></li>`,
    )}</ul></nav>
${archive.meetings.length === 0 ? html`<p>${t.archive.noMeetings}</p>` : html`<ul class="meeting-list">${archive.meetings.map(
      (m) => html`<li class="meeting-row">
  <a href="/arkiv/sammantraden/${m.id}" class="meeting-link"><span class="meeting-date">${m.heldOn ? longDate(m.heldOn, language) : '–'}</span>
  <span class="meeting-kind">${m.minutesKind === 'notes' ? t.minutes.notes : t.minutes.protocol}${m.numberInYear !== null && html`, ${t.archive.numberInYear(m.numberInYear)}`}</span></a>
  <span class="meeting-meta">${paragraphRange(m.paragraphFirst, m.paragraphLast) ?? ''}${m.adjustedOn && html` · ${t.archive.adjusted} ${shortDate(m.adjustedOn, language)}`}</span>
</li>`,
    )}</ul>`}`;
    return sendPage(
      reply,
      layout(context, {
        title,
        section: 'archive',
        body,
        breadcrumbs: [{ label: t.nav.home, href: '/' }, { label: t.archive.title, href: '/arkiv' }, { label: archive.body.bodyName, href: `/arkiv/organ/${bodyId}` }, { label: String(archive.year ?? '') }],
        canonical: yearText ? `/arkiv/organ/${bodyId}/${String(archive.year ?? '')}` : `/arkiv/organ/${bodyId}`,
        alternates: [
          { type: 'text/calendar', title: t.feeds.bodyCalendar(archive.body.bodyName), href: `/arkiv/organ/${bodyId}/kalender.ics` },
          { type: 'application/atom+xml', title: t.feeds.bodyProtocols(archive.body.bodyName), href: `/arkiv/organ/${bodyId}/protokoll.atom` },
        ],
      }),
    );
  };

  app.get('/arkiv/organ/:bodyId', async (request, reply) => {
    const { bodyId } = request.params as { bodyId: string };
    const { ar } = request.query as { ar?: string };
    return bodyPage(request, reply, bodyId, ar);
  });

  app.get('/arkiv/organ/:bodyId/:year', async (request, reply) => {
    const { bodyId, year } = request.params as { bodyId: string; year: string };
    return bodyPage(request, reply, bodyId, year);
  });

  // A readable permanent address: /arkiv/organ/<body>/2020/§12 leads to the § (/p/<id>).
  app.get('/arkiv/organ/:bodyId/:year/:paragraph', async (request, reply) => {
    const { bodyId, year, paragraph } = request.params as { bodyId: string; year: string; paragraph: string };
    const match = /^(?:§|%C2%A7)?\s*(\d+)$/i.exec(paragraph);
    if (!match || !/^\d{4}$/.test(year)) throw new NotFoundError('paragraph_not_found', `not a § reference: ${paragraph}`);
    const id = await findPublicParagraphId(db, { bodyId, year: Number(year), number: Number(match[1]) });
    return reply.redirect(`/p/${id}`, 301);
  });

  app.get('/arkiv/sammantraden/:meetingId', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const context = request.page;
    const published = await getPublicMeeting(handle, meetingId);
    const jsonLd = context.publicUrl ? meetingJsonLd(published, context.publicUrl) : undefined;
    const canonical = `/arkiv/sammantraden/${published.meeting.id}`;
    return sendPage(reply, layout(context, { title: meetingTitle(context, published), section: 'archive', body: meetingPage(context, published), breadcrumbs: meetingCrumbs(context, published), canonical, ...(jsonLd ? { jsonLd } : {}) }));
  });

  app.get('/arkiv/sammantraden/:meetingId/protokoll.pdf', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const { meeting: published, pdf } = await getPublicMinutesPdf(handle, meetingId);
    if (pdf.status === 'none') {
      // Never a rendering from the database: only the sealed file is the protocol as adjusted.
      const context = request.page;
      const { t } = context;
      const body = html`<h1>${t.minutes.noPdf.title}</h1>
<p>${t.minutes.noPdf[pdf.reason]}</p>
<p><a href="/arkiv/sammantraden/${published.meeting.id}">${t.minutes.noPdf.back}</a></p>`;
      return sendPage(reply, layout(context, { title: t.minutes.noPdf.title, section: 'archive', body, breadcrumbs: meetingCrumbs(context, published) }), 404);
    }
    const fileName = protocolFileName(published.body.bodyName, published.meeting.heldOn);
    return sendPublicFile(request, reply, { bytes: pdf.bytes, contentType: 'application/pdf', fileName, lastModified: await publicMinutesLastModified(db, meetingId) });
  });

  // The file imported minutes were read from, as uploaded (issue 18); the page links it when there is one.
  app.get('/arkiv/sammantraden/:meetingId/original', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const original = await getPublicOriginal(handle, meetingId);
    return sendPublicFile(request, reply, { bytes: original.bytes, contentType: original.contentType, fileName: original.name, lastModified: await publicMinutesLastModified(db, meetingId) });
  });

  app.get('/p/:paragraphId', async (request, reply) => {
    const { paragraphId } = request.params as { paragraphId: string };
    const context = request.page;
    const { t } = context;
    const { meeting, paragraph } = await getPublicParagraph(handle, paragraphId);
    const index = meeting.paragraphs.indexOf(paragraph);
    const label = paragraphLabel(paragraph.number);
    const title = `${label} ${paragraph.item?.title ?? ''} – ${meetingTitle(context, meeting)}`;
    const body = html`<p class="overline">${meeting.body.organizationName ?? ''} · ${meeting.body.bodyName}</p>
${paragraphArticle(context, paragraph, index, { headingLevel: 1 })}
<aside class="card paragraph-source" aria-labelledby="kalla-rubrik">
  <h2 id="kalla-rubrik">${meetingTitle(context, meeting)}</h2>
  ${minutesFacts(context, meeting.minutes)}
  ${integrityLine(context, meeting)}
  <p><a href="/arkiv/sammantraden/${meeting.meeting.id}#${paragraphAnchor(paragraph.number, index)}">${t.minutes.wholeMinutes}</a>
  ${(meeting.integrity.pdf === 'available' || meeting.integrity.pdf === 'rendition') && html`· <a href="/arkiv/sammantraden/${meeting.meeting.id}/protokoll.pdf">${t.minutes.downloadPdf}</a>`}</p>
  <p class="permalink-box"><span>${t.minutes.permalink}:</span> <code>/p/${paragraph.id}</code></p>
</aside>`;
    return sendPage(
      reply,
      layout(context, {
        title,
        section: 'archive',
        body,
        breadcrumbs: [...meetingCrumbs(context, meeting).map((c) => ({ ...c, href: c.href ?? `/arkiv/sammantraden/${meeting.meeting.id}` })), { label }],
        canonical: `/p/${paragraph.id}`,
        ...(context.publicUrl ? { jsonLd: paragraphJsonLd(meeting, paragraph, context.publicUrl) } : {}),
      }),
    );
  });
}

function meetingTitle(context: PageContext, published: PublicMeeting): string {
  const { t, language } = context;
  const kind = published.meeting.minutesKind === 'notes' ? t.minutes.notes : t.minutes.protocol;
  return `${published.body.bodyName}, ${kind.toLocaleLowerCase(language)} ${published.meeting.heldOn ? shortDate(published.meeting.heldOn, language) : ''}`.trim();
}

function meetingCrumbs(context: PageContext, published: PublicMeeting): Crumb[] {
  const { t, language } = context;
  return [
    { label: t.nav.home, href: '/' },
    { label: t.archive.title, href: '/arkiv' },
    { label: published.body.bodyName, href: `/arkiv/organ/${published.body.bodyId}` },
    ...(published.meeting.year ? [{ label: String(published.meeting.year), href: `/arkiv/organ/${published.body.bodyId}/${published.meeting.year}` }] : []),
    { label: published.meeting.heldOn ? shortDate(published.meeting.heldOn, language) : t.archive.meeting },
  ];
}

function meetingPage(context: PageContext, published: PublicMeeting): Html {
  const { t, language } = context;
  const { minutes, notice } = published;
  const noticeFacts = notice
    ? [
        { label: t.board.postedOn, value: shortDate(notice.postedOn, language) },
        ...(notice.lastAppealOn ? [{ label: t.board.lastAppealOn, value: html`<strong>${shortDate(notice.lastAppealOn, language)}</strong>` }] : []),
      ]
    : [];
  return html`<p class="overline">${published.body.organizationName ?? ''}</p>
<h1>${meetingTitle(context, published)}</h1>
${minutesFacts(context, minutes, noticeFacts)}
${integrityLine(context, published)}
${published.integrity.pdf === 'available' || published.integrity.pdf === 'rendition'
  ? html`<p class="actions"><a class="button secondary" href="/arkiv/sammantraden/${published.meeting.id}/protokoll.pdf">${t.minutes.downloadPdf}</a></p>
${published.integrity.pdf === 'rendition' && html`<p class="no-pdf">${t.minutes.noPdf.rendition}</p>`}`
  : html`<p class="no-pdf">${t.minutes.noPdf[published.integrity.pdf]}</p>`}
${hasPublicOriginal(published) && html`<p><a href="/arkiv/sammantraden/${published.meeting.id}/original">${t.imports.archiveOriginal}</a></p>`}
<div class="minutes-layout">
  ${contentsList(context, published.paragraphs, (p, i) => `#${paragraphAnchor(p.number, i)}`)}
  <div class="minutes-body">
    ${attendanceSection(context, minutes)}
    ${published.paragraphs.map((p, i) => paragraphArticle(context, p, i, p.item && p.id ? { permalink: `/p/${p.id}` } : {}))}
    ${signaturesSection(context, minutes)}
  </div>
</div>`;
}

/** One short line saying whether the minutes are as sealed at justering; a warning when they are not. */
function integrityLine(context: PageContext, published: PublicMeeting): Html {
  const { t } = context;
  const status = published.integrity.status;
  return html`<p class="integrity integrity-${status}">${status === 'changed' ? html`<strong>${t.minutes.integrity.changed}</strong>` : t.minutes.integrity[status]}</p>`;
}

function noticeCard(context: PageContext, notice: BoardNotice, headingLevel: 2 | 3 = 2): Html {
  const { t, language } = context;
  const range = paragraphRange(notice.paragraphFirst, notice.paragraphLast);
  const headingId = `anslag-${notice.meetingId}`;
  const heading = html`<span class="notice-body">${notice.bodyName}</span> <span class="notice-date">${notice.heldOn ? longDate(notice.heldOn, language) : ''}</span>`;
  return html`<article class="notice" aria-labelledby="${headingId}">
  ${headingLevel === 2 ? html`<h2 id="${headingId}">${heading}</h2>` : html`<h3 id="${headingId}">${heading}</h3>`}
  ${notice.organizationName && html`<p class="notice-organization">${notice.organizationName}</p>`}
  <dl class="notice-dates">
    ${range && html`<div><dt>${t.board.paragraphs}</dt><dd>${range}</dd></div>`}
    ${notice.adjustedOn && html`<div><dt>${t.board.adjustedOn}</dt><dd>${shortDate(notice.adjustedOn, language)}</dd></div>`}
    <div><dt>${t.board.postedOn}</dt><dd>${shortDate(notice.postedOn, language)}</dd></div>
    ${notice.lastAppealOn
      ? html`<div class="key-date"><dt>${t.board.lastAppealOn}</dt><dd>${longDate(notice.lastAppealOn, language)}</dd></div>`
      : html`<div><dt>${t.board.lastAppealOn}</dt><dd>${t.board.noAppealClock}</dd></div>`}
    ${notice.takeDownOn && html`<div><dt>${t.board.takeDownOn}</dt><dd>${shortDate(notice.takeDownOn, language)}</dd></div>`}
    ${notice.storage && html`<div><dt>${t.board.storage}</dt><dd>${notice.storage}</dd></div>`}
  </dl>
  <p><a href="/arkiv/sammantraden/${notice.meetingId}" class="button">${t.board.readMinutes}<span class="visually-hidden">: ${notice.bodyName} ${notice.heldOn ?? ''}</span></a></p>
</article>`;
}

function noticeBoardPage(context: PageContext, notices: BoardNotice[]): Html {
  const { t, language } = context;
  return html`<h1>${t.board.title}</h1>
<p class="lead">${t.board.lead}</p>
<p class="updated">${t.board.updated(longDate(context.today, language))}</p>
<p class="feed-links"><a href="/kommande">${t.upcoming.link}</a> · ${t.feeds.subscribe}: <a href="/anslagstavla.atom">${t.feeds.board}</a> · <a href="/kalender.ics">${t.feeds.calendar}</a></p>
${notices.length === 0 ? html`<p class="empty">${t.board.empty}</p>` : html`<div class="notice-grid">${notices.map((n) => noticeCard(context, n))}</div>`}
<section class="card appeal-help" aria-labelledby="overklaga-rubrik">
  <h2 id="overklaga-rubrik">${t.board.howToAppeal}</h2>
  <p>${t.board.appealText}</p>
</section>`;
}

function homePage(context: PageContext, notices: BoardNotice[]): Html {
  const { t } = context;
  return html`<div class="hero">
  <h1>${t.home.title}</h1>
  <p class="lead">${t.home.lead}</p>
</div>
<div class="tiles">
  <a class="tile" href="/anslagstavla"><span class="tile-title">${t.nav.noticeBoard}</span><span class="tile-text">${t.home.noticeBoardText}</span></a>
  <a class="tile" href="/arkiv"><span class="tile-title">${t.nav.archive}</span><span class="tile-text">${t.home.archiveText}</span></a>
  ${!context.viewer && html`<a class="tile" href="/logga-in"><span class="tile-title">${t.nav.signIn}</span><span class="tile-text">${t.home.signInText}</span></a>`}
</div>
${notices.length > 0 &&
html`<section aria-labelledby="aktuella-anslag"><h2 id="aktuella-anslag">${t.board.title}</h2>
<div class="notice-grid">${notices.slice(0, 4).map((n) => noticeCard(context, n, 3))}</div></section>`}`;
}
