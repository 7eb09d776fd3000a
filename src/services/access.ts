/**
 * Who may do what, checked inside the use cases (not only by the routes that call them): one place for
 * the rule "a secretary of this body, or an administrator of its organisation", applied to the body an id
 * really belongs to.
 */
import { ForbiddenError } from '../errors.ts';
import { findBodyScope } from '../storage/accounts.store.ts';
import type { Database } from '../storage/index.ts';
import { canActAsSecretary, canAdminister, type Viewer } from './accounts.service.ts';

/** The acting user of a use case, when there is one; none means the system itself (CLI, import, demo). */
interface Acting {
  viewer?: Viewer;
}

/**
 * Refuses unless the actor may act as secretary for the body. `hidden` makes the refusal a "not found":
 * to someone outside the organisation its unpublished meetings and §§ do not exist.
 */
export async function requireSecretaryOf(db: Database, actor: Acting | undefined, target: { bodyId: string }, hidden?: () => Error): Promise<void> {
  if (!actor?.viewer) return;
  const scope = await findBodyScope(db, target.bodyId);
  if (scope && canActAsSecretary(actor.viewer, scope)) return;
  throw hidden ? hidden() : new ForbiddenError('not_secretary', 'only the secretary of the body may do this', { bodyId: target.bodyId });
}

/** Refuses unless the actor administers the organisation (or is a system administrator). */
export function requireAdministratorOfOrganization(actor: Acting | undefined, organizationId: string): void {
  if (!actor?.viewer || canAdminister(actor.viewer, { organizationId })) return;
  throw new ForbiddenError('not_administrator_of_organization', 'only an administrator of the organisation may do this', { organizationId });
}
