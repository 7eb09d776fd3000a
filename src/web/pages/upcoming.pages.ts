/**
 * Kommande sammanträden: the public list of meetings whose kallelse has gone out, with their agendas, so
 * that citizens and journalists know what will be decided (KL 5:55: the meetings of fullmäktige are public;
 * for the others the agenda is a public document once sent). Confidential items show no title.
 */
import type { FastifyInstance } from 'fastify';
import { getUpcomingMeetings, type UpcomingMeeting } from '../../services/feeds.service.ts';
import { sendPage, type PageContext } from '../context.ts';
import { longDate } from '../format.ts';
import { html, type Html } from '../html.ts';
import { layout } from '../layout.ts';
import type { WebDependencies } from '../index.ts';

export async function registerUpcomingPages(app: FastifyInstance, { db }: WebDependencies): Promise<void> {
  app.get('/kommande', async (request, reply) => {
    const context = request.page;
    const upcoming = await getUpcomingMeetings(db, { today: context.today });
    return sendPage(
      reply,
      layout(context, {
        title: context.t.upcoming.title,
        section: 'board',
        body: upcomingPage(context, upcoming),
        breadcrumbs: [{ label: context.t.nav.home, href: '/' }, { label: context.t.upcoming.title }],
        canonical: '/kommande',
      }),
    );
  });
}

function upcomingPage(context: PageContext, upcoming: UpcomingMeeting[]): Html {
  const { t, language } = context;
  return html`<h1>${t.upcoming.title}</h1>
<p class="lead">${t.upcoming.lead}</p>
<p class="feed-links">${t.feeds.subscribe}: <a href="/kalender.ics">${t.feeds.calendar}</a></p>
${upcoming.length === 0
    ? html`<p class="empty">${t.upcoming.empty}</p>`
    : upcoming.map(({ meeting, items }) => {
        const id = `mote-${meeting.id}`;
        const time = meeting.startTime ? `, ${meeting.startTime.slice(0, 5)}${meeting.endTime ? `–${meeting.endTime.slice(0, 5)}` : ''}` : '';
        const place = [meeting.location, meeting.remote ? t.upcoming.remote : null].filter(Boolean).join(', ');
        return html`<section class="card upcoming-meeting" aria-labelledby="${id}">
  <h2 id="${id}">${meeting.bodyName}${meeting.organizationName ? html`, ${meeting.organizationName}` : ''}</h2>
  <p>${meeting.heldOn ? longDate(meeting.heldOn, language) : ''}${time}${place ? html` · ${place}` : ''}${meeting.status === 'cancelled' ? html` · <strong>${t.upcoming.cancelled}</strong>` : ''}</p>
  ${items.length > 0
    ? html`<h3>${t.upcoming.agenda}</h3>
  <ol class="agenda-list">${items.map((item) => html`<li>${item.number !== null ? html`§ ${String(item.number)} ` : ''}${item.title ?? html`<em>${t.upcoming.confidential}</em>`}</li>`)}</ol>`
    : ''}
</section>`;
      })}`;
}
