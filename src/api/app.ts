/**
 * The HTTP API: a Fastify app with Zod schemas on every route, from which the OpenAPI document at
 * /api/openapi.json is generated.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../services/system.service.ts';
import type { OidcSettings } from '../config.ts';
import { handleError } from './errors.ts';
import { actorResolver } from './actor.ts';
import { meetingRoutes } from './routes/meetings.routes.ts';
import { oparlRoutes } from './routes/oparl.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';
import { registerRoutes } from './routes/registers.routes.ts';
import { minutesRoutes } from './routes/minutes.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { followUpRoutes } from './routes/follow-up.routes.ts';

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
  /** The site's canonical address for ids and links in open data (config.publicUrl; default http://127.0.0.1:8080). */
  publicUrl?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 20 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
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
        { name: 'open data', description: 'Read-only open data in the shape of OParl 1.1 (adjusted minutes only)' },
      ],
    },
    transform: jsonSchemaTransform,
  });

  const db = options.database.db;
  await app.register(actorResolver, { db });
  await app.register(systemRoutes, { db, engine: options.database.engine });
  await app.register(registerRoutes, { db });
  await app.register(minutesRoutes, { db });
  await app.register(meetingRoutes, { database: options.database });
  await app.register(oparlRoutes, { db, publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080' });
  await app.register(searchRoutes, { db });
  await app.register(followUpRoutes, { db });
  if (options.web !== false) {
    const { webRoutes } = await import('../web/index.ts');
    await app.register(webRoutes, { database: options.database, oidc: options.oidc ?? null, ...(options.today ? { today: options.today } : {}) });
  }
  return app;
}
