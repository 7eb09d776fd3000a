import type { FastifyPluginAsync } from 'fastify';
import type { DatabaseHandle } from '../services/system.service.ts';

/** The web application's pages (being written); registered in api/app.ts. */
export const webRoutes: FastifyPluginAsync<{ database: DatabaseHandle }> = async () => {};
