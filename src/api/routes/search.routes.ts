import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../services/system.service.ts';

// Routes of this area are being written (see the issue); registered in app.ts already.
export const searchRoutes: FastifyPluginAsyncZod<{ db: Database }> = async () => {};
