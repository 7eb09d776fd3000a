/**
 * The HTTP API: a Fastify app with Zod schemas on every route, from which the OpenAPI document at
 * /api/openapi.json is generated.
 */
import { todayInSweden } from '../domain/legal-dates.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../services/system.service.ts';
import type { OidcSettings } from '../config.ts';
import { handleError } from './errors.ts';
import { actorResolver } from './actor.ts';
import { addRequestGuards, MAX_JSON_BYTES } from './request-guards.ts';
import { meetingRoutes } from './routes/meetings.routes.ts';
import { oparlRoutes } from './routes/oparl.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';
import { registerRoutes } from './routes/registers.routes.ts';
import { minutesRoutes } from './routes/minutes.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { followUpRoutes } from './routes/follow-up.routes.ts';
import { projectRoutes } from './routes/projects.routes.ts';
import { absenceRoutes } from './routes/absence.routes.ts';
import { privacyRoutes } from './routes/privacy.routes.ts';
import { sessionRoutes } from './routes/sessions.routes.ts';

export interface AppOptions {
  database: DatabaseHandle;
  /** pino options, or false for no logs (tests). */
  logger?: boolean | { level: string };
  version?: string;
  /** Serve the web application's pages too (default true); API-only deployments and API tests turn it off. */
  web?: boolean;
  /** Today's date in Sweden for the web pages' legal clocks and registers (tests fix it; default the real date). */
  today?: () => string;
  /** OpenID Connect sign-in for the web pages (config.oidc); none when absent. */
  oidc?: OidcSettings | null;
  /** The site's canonical address (config.publicUrl), for links in feeds and mail; when https, cookies are Secure and HSTS is sent. */
  publicUrl?: string | null;
  /** Proxies whose X-Forwarded-* headers are believed (config.trustProxy); none by default. */
  trustProxy?: string[] | false;
  /** Called for every route as it is registered (the authorization matrix test collects the route table with it). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether the user reached us over https: directly, through a trusted proxy, or by an https PUBLIC_URL. */
    isHttps: boolean;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // JSON bodies; forms and attachments have limits of their own in their parsers.
    bodyLimit: MAX_JSON_BYTES,
    genReqId: () => crypto.randomUUID(),
    // X-Forwarded-For and X-Forwarded-Proto count only from the proxies named; request.ip and
    // request.protocol honour them, so a client cannot claim https or another address.
    trustProxy: options.trustProxy && options.trustProxy.length ? options.trustProxy : false,
  }).withTypeProvider<ZodTypeProvider>();
  const onRoute = options.onRoute;
  if (onRoute) app.addHook('onRoute', (route) => onRoute({ method: route.method, url: route.url }));
  const publicHttps = options.publicUrl?.startsWith('https://') ?? false;
  app.decorateRequest('isHttps', false);
  app.addHook('onRequest', async (request) => {
    request.isHttps = publicHttps || request.protocol === 'https';
  });
  addRequestGuards(app, {
    formTargets: options.oidc ? [new URL(options.oidc.issuer).origin] : [],
    isHttps: (request) => request.isHttps,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'route_not_found', message: `no route ${request.method} ${request.url}`, details: {} } });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Protokoll API',
        description: 'Meetings, minutes and decisions of Swedish public bodies.',
        version: options.version ?? '0.1.0',
      },
      tags: [
        { name: 'system', description: 'Health and the API description' },
        { name: 'registers', description: 'Organisations, bodies and mandates' },
        { name: 'minutes', description: 'Meetings and their minutes' },
        { name: 'search', description: 'Swedish full-text search over every published decision' },
        { name: 'follow-up', description: 'Assignments, delegated decisions, appointments, consultations, goals and the annual report' },
        { name: 'projects', description: 'The project portfolio: projects with funders per year, budget and outcome, linked §§ and indicators, the tertial report' },
        { name: 'open data', description: 'Read-only open data in the shape of OParl 1.1 (adjusted minutes only)' },
      ],
    },
    transform: jsonSchemaTransform,
  });

  const db = options.database.db;
  await app.register(actorResolver, { db });
  await app.register(systemRoutes, { db, engine: options.database.engine });
  await app.register(sessionRoutes, { db });
  await app.register(registerRoutes, { db });
  await app.register(minutesRoutes, { db });
  await app.register(meetingRoutes, { database: options.database, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) });
  await app.register(oparlRoutes, { database: options.database, publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080' });
  await app.register(searchRoutes, { db });
  await app.register(followUpRoutes, { db });
  await app.register(projectRoutes, { database: options.database });
  await app.register(absenceRoutes, { db, publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080' });
  await app.register(privacyRoutes, { database: options.database });
  if (options.web !== false) {
    const { feedRoutes } = await import('../web/pages/feeds.pages.ts');
    const today = options.today ?? (() => todayInSweden(new Date()));
    await app.register(feedRoutes, { database: options.database, publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080', today });
    const { openFileRoutes } = await import('../web/pages/open-files.pages.ts');
    await app.register(openFileRoutes, { database: options.database });
    const { discoveryRoutes } = await import('../web/pages/discovery.pages.ts');
    await app.register(discoveryRoutes, { database: options.database, publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080' });
    const { webRoutes } = await import('../web/index.ts');
    await app.register(webRoutes, { database: options.database, oidc: options.oidc ?? null, ...(options.today ? { today: options.today } : {}), ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) });
  }
  return app;
}
