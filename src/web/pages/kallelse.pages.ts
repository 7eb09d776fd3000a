/**
 * The kallelse after it is sent: the secretary's view of each e-mail about the meeting (queued, sent,
 * failed with the server's answer and the attempts, or uncertain after a crash) with "send again" and
 * "send changed kallelse"; and, for members, the kallelse package, the kallelse and every PDF document
 * in one file that opens in the browser.
 */
import type { FastifyInstance } from 'fastify';
import type { Viewer } from '../../services/accounts.service.ts';
import { listDeliveries, resendDelivery } from '../../services/delivery.service.ts';
import { getKallelsePackage } from '../../services/kallelse-package.service.ts';
import { getMeetingOverview } from '../../services/meeting-cycle.service.ts';
import type { Database } from '../../services/system.service.ts';
import { INLINE_PDF_POLICY, type PageContext, requireViewer } from '../context.ts';
import { instant, shortDate } from '../format.ts';
import { csrfField } from '../forms.ts';
import { html, nonEmpty, type Html } from '../html.ts';
import type { WebDependencies } from '../index.ts';


/** Where the kallelse package of a meeting is read. */
export function kallelsePackageHref(meetingId: string): string {
  return `/mina-sammantraden/${meetingId}/kallelse.pdf`;
}

/** A link to the package, for the members' and the secretary's views of a meeting whose kallelse is sent. */
export function kallelsePackageLink(context: PageContext, meetingId: string, convenedAt: string | null): Html {
  return html`${convenedAt && html`<p><a href="${kallelsePackageHref(meetingId)}">${context.t.reach.package} <span class="count">(PDF)</span></a></p>`}`;
}

/** The secretary's delivery panel: one row per message, a summary, resend, and "send changed kallelse". */
export async function deliveryPanel(
  context: PageContext,
  db: Database,
  viewer: Viewer,
  meetingId: string,
  options: { convenedAt: string | null; editable: boolean; mailEnabled: boolean; query: { skickad?: string } },
): Promise<Html> {
  const deliveries = await listDeliveries(db, viewer, meetingId);
  const { t, language } = context;
  const d = t.reach.delivery;
  const count = (statuses: string[]) => deliveries.filter((m) => statuses.includes(m.status)).length;
  return html`<section class="card" id="utskick" aria-labelledby="utskick-rubrik">
  <h2 id="utskick-rubrik">${d.title}</h2>
  ${options.query.skickad && html`<div class="flash" role="status"><p>${d.resent}</p></div>`}
  ${!options.mailEnabled && html`<p>${d.noMail}</p>`}
  ${nonEmpty(deliveries)
    ? html`<p>${d.lead} ${d.summary(count(['sent']), count(['pending', 'sending']), count(['failed', 'uncertain']))}</p>
  <table class="data-table"><caption class="visually-hidden">${d.title}</caption>
  <thead><tr><th scope="col">${d.recipient}</th><th scope="col">${d.kind}</th><th scope="col">${d.status}</th><th scope="col">${d.attempts}</th><th scope="col">${d.lastError}</th></tr></thead>
  <tbody>${deliveries.map((m) => html`<tr${(m.status === 'failed' || m.status === 'uncertain') && html` class="row-error"`}>
    <th scope="row">${m.recipientName ?? ''} <span class="count">&lt;${m.recipientAddress}&gt;</span></th>
    <td>${d.kinds[m.kind] ?? m.kind}</td>
    <td><span class="status status-${m.status}">${d.statuses[m.status] ?? m.status}</span>${m.sentAt && html` ${instant(m.sentAt, language)}`}</td>
    <td>${String(m.attempts)}</td>
    <td>${m.lastError ?? ''}${m.status === 'pending' && m.attempts > 0 && html` ${d.retryAt(instant(m.nextAttemptAt, language))}`}${m.status === 'uncertain' && html` ${d.uncertainHint}`}
      ${(m.status === 'failed' || m.status === 'uncertain') && html`<form method="post" action="/arbetsyta/sammantraden/${meetingId}/utskick/${m.id}/skicka-igen" class="inline-form">${csrfField(context)}<button type="submit" class="button small secondary">${d.resend}<span class="visually-hidden"> ${d.kinds[m.kind] ?? m.kind} ${m.recipientName ?? m.recipientAddress}</span></button></form>`}</td>
  </tr>`)}</tbody></table>`
    : html`<p>${d.none}</p>`}
  ${options.convenedAt && options.editable && html`<p>${d.sendUpdateLead}</p>
  <form method="post" action="/arbetsyta/sammantraden/${meetingId}/kallelse">${csrfField(context)}<button type="submit" class="button secondary">${d.sendUpdate}</button></form>`}
  ${kallelsePackageLink(context, meetingId, options.convenedAt)}
</section>`;
}

export async function registerKallelsePages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  app.post('/arbetsyta/sammantraden/:meetingId/utskick/:outboxId/skicka-igen', async (request, reply) => {
    const { meetingId, outboxId } = request.params as { meetingId: string; outboxId: string };
    await resendDelivery(db, requireViewer(request), { meetingId, outboxId });
    return reply.redirect(`/arbetsyta/sammantraden/${meetingId}?skickad=1#utskick`, 303);
  });

  // The package opens in the browser's PDF reader (inline); it is never cached, since it holds underlag.
  app.get('/mina-sammantraden/:meetingId/kallelse.pdf', async (request, reply) => {
    const { meetingId } = request.params as { meetingId: string };
    const viewer = requireViewer(request);
    const { t, language, today } = request.page;
    // Access is checked by the use case before anything of the meeting is read for the title.
    const result = await getKallelsePackage(handle, viewer, meetingId, {
      notMerged: t.reach.notMerged,
      noticeBookmark: t.reach.noticeBookmark,
      title: async () => {
        const overview = await getMeetingOverview(db, meetingId, { today });
        return t.reach.packageTitle(overview.body.name, overview.meeting.heldOn ? shortDate(overview.meeting.heldOn, language) : '');
      },
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="kallelse-${meetingId}.pdf"`)
      .header('content-security-policy', INLINE_PDF_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(result.pdf));
  });
}
