/**
 * Which organisation's registers a page shows: the organisations whose registers the viewer keeps, and
 * the picker that switches between them. Shared by Uppföljning and the register pages beside it.
 */
import { canActAsSecretary, type Viewer } from '../../services/accounts.service.ts';
import { getOrganizations } from '../../services/registers.service.ts';
import type { Database } from '../../services/system.service.ts';
import type { PageContext } from '../context.ts';
import { swedishOrder } from '../format.ts';
import { html, type Html } from '../html.ts';

/** The organisations whose registers the viewer keeps, by name. */
export async function registerOrganizationsOf(db: Database, viewer: Viewer) {
  return (await getOrganizations(db)).filter((o) => canActAsSecretary(viewer, { organizationId: o.id })).sort((a, b) => swedishOrder.compare(a.name, b.name));
}

/** A form that shows the page `action` for another of `organizations`; nothing when there is only one. */
export function organizationPicker(context: PageContext, action: string, organizations: { id: string; name: string }[], chosen: string): Html {
  return organizations.length > 1
    ? html`<form method="get" action="${action}" class="actions">
  <label for="falt-organisation">${context.t.registers.chooseOrganization}</label>
  <select id="falt-organisation" name="organisation">${organizations.map((o) => html`<option value="${o.id}"${o.id === chosen && html` selected`}>${o.name}</option>`)}</select>
  <button type="submit" class="button small secondary">${context.t.registers.show}</button>
</form>`
    : html``;
}
