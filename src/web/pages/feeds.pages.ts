/**
 * The public subscriptions: iCalendar (meetings) and Atom (the notice board, new adjusted minutes), for
 * everyone and per body or organisation. Linked from every page's head with rel="alternate".
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { adjustedMinutesFeed, bodyOfFeed, meetingCalendar, noticeBoardFeed, organizationOfFeed } from '../../services/feeds.service.ts';
import type { DatabaseHandle } from '../../services/system.service.ts';
import { keepPublicAnswers } from '../../api/public-answers.ts';

export interface FeedOptions {
  database: DatabaseHandle;
  /** The canonical address of the site (PUBLIC_URL), never taken from the request's Host header. */
  publicUrl: string;
  today: () => string;
}

const ICS = 'text/calendar; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';

function send(reply: FastifyReply, type: string, body: string, filename: string): FastifyReply {
  // Feeds change when a meeting does; readers poll, so a few minutes of caching spares the database.
  return reply.header('content-type', type).header('cache-control', 'public, max-age=300').header('content-disposition', `inline; filename="${filename}"`).send(body);
}

const FEED_ROUTES = [
  '/anslagstavla.atom',
  '/protokoll.atom',
  '/kalender.ics',
  '/arkiv/organ/:bodyId/kalender.ics',
  '/arkiv/organ/:bodyId/protokoll.atom',
  '/arkiv/organisationer/:organizationId/kalender.ics',
] as const;

export const feedRoutes: FastifyPluginAsync<FeedOptions> = async (app, options) => {
  const db = options.database.db;
  const publicUrl = options.publicUrl.replace(/\/+$/u, '');
  // Made once per day while nothing changes, with an ETag for readers that poll (api/public-answers.ts).
  keepPublicAnswers(app, { db, routes: FEED_ROUTES, variant: () => options.today() });

  app.get('/anslagstavla.atom', async (_request, reply) => send(reply, ATOM, await noticeBoardFeed(db, { today: options.today(), publicUrl }), 'anslagstavla.atom'));

  app.get('/protokoll.atom', async (_request, reply) =>
    send(reply, ATOM, await adjustedMinutesFeed(db, { scope: {}, publicUrl, path: '/protokoll.atom', title: 'Justerade protokoll' }), 'protokoll.atom'),
  );

  app.get('/kalender.ics', async (_request, reply) => send(reply, ICS, await meetingCalendar(db, { scope: {}, publicUrl, name: 'Sammanträden' }), 'sammantraden.ics'));

  app.get('/arkiv/organ/:bodyId/kalender.ics', async (request, reply) => {
    const body = await bodyOfFeed(db, (request.params as { bodyId: string }).bodyId);
    return send(reply, ICS, await meetingCalendar(db, { scope: { bodyId: body.id }, publicUrl, name: `${body.name} – sammanträden` }), 'sammantraden.ics');
  });

  app.get('/arkiv/organ/:bodyId/protokoll.atom', async (request, reply) => {
    const body = await bodyOfFeed(db, (request.params as { bodyId: string }).bodyId);
    const path = `/arkiv/organ/${body.id}/protokoll.atom`;
    return send(reply, ATOM, await adjustedMinutesFeed(db, { scope: { bodyId: body.id }, publicUrl, path, title: `${body.name} – justerade protokoll` }), 'protokoll.atom');
  });

  app.get('/arkiv/organisationer/:organizationId/kalender.ics', async (request, reply) => {
    const organization = await organizationOfFeed(db, (request.params as { organizationId: string }).organizationId);
    return send(reply, ICS, await meetingCalendar(db, { scope: { organizationId: organization.id }, publicUrl, name: `${organization.name} – sammanträden` }), 'sammantraden.ics');
  });
};
