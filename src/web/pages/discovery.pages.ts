/** /sitemap.xml and /robots.txt, with addresses from PUBLIC_URL, never from the request's Host header. */
import type { FastifyPluginAsync } from 'fastify';
import { robotsTxt, sitemapXml } from '../../services/open-data/sitemap.ts';
import type { DatabaseHandle } from '../../services/system.service.ts';

export const discoveryRoutes: FastifyPluginAsync<{ database: DatabaseHandle; publicUrl: string }> = async (app, options) => {
  const publicUrl = options.publicUrl.replace(/\/+$/u, '');
  app.get('/sitemap.xml', async (_request, reply) =>
    reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(await sitemapXml(options.database.db, publicUrl)),
  );
  app.get('/robots.txt', async (_request, reply) => reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(robotsTxt(publicUrl)));
};
