/** The signed-in workspaces (being written). */
import type { FastifyInstance } from 'fastify';
import type { WebDependencies } from '../index.ts';

export async function registerWorkspacePages(_app: FastifyInstance, _deps: WebDependencies): Promise<void> {}
