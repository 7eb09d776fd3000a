/**
 * E-arkivleverans for the administrator (/admin/arkivleverans): choose an organisation and a year and
 * download its adjusted minutes as E-ARK submission packages (docs/archive.md). A refusal lists each
 * meeting that stops the delivery. The page's few sentences live here, in Swedish and English, so that
 * this page stays out of the shared catalogue while the other pages are reworked.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, RuleError, UnauthenticatedError } from '../../errors.ts';
import { canAdminister, type Viewer } from '../../services/accounts.service.ts';
import { downloadArchivePackages } from '../../services/archive.service.ts';
import { getOrganizations } from '../../services/registers.service.ts';
import { sendPage, type PageContext } from '../context.ts';
import { csrfField, inputField, selectField } from '../forms.ts';
import { html } from '../html.ts';
import type { WebDependencies } from '../index.ts';
import { layout } from '../layout.ts';

const text = {
  sv: {
    title: 'Leverans till e-arkivet',
    intro: 'Hämta ett års justerade protokoll som E-ARK-paket (FGS 2.0) att leverera till e-arkivet: ett paket per organ, med protokollen som PDF/A precis som de justerades, deras händelser och kontrollsummor.',
    organization: 'Organisation',
    year: 'År',
    download: 'Hämta paket (zip)',
    refusedTitle: 'Paketet kan inte göras',
    refused: 'Inget lämnar systemet förrän alla årets protokoll är justerade och oförändrade. Åtgärda detta och försök igen:',
    none: 'Du administrerar ingen organisation.',
  },
  en: {
    title: 'Delivery to the e-archive',
    intro: "Download a year's adjusted minutes as E-ARK packages (FGS 2.0) for the e-archive: one package per body, with the minutes as PDF/A exactly as adjusted, their events and checksums.",
    organization: 'Organisation',
    year: 'Year',
    download: 'Download packages (zip)',
    refusedTitle: 'The packages cannot be made',
    refused: "Nothing leaves until all the year's minutes are adjusted and unchanged. Put this right and try again:",
    none: 'You administer no organisation.',
  },
};

function requireAdministrator(request: FastifyRequest): Viewer {
  const viewer = request.page.viewer;
  if (!viewer) throw new UnauthenticatedError('not_signed_in', 'sign in to do this');
  if (!canAdminister(viewer)) throw new ForbiddenError('not_administrator', 'only administrators deliver to the e-archive');
  return viewer;
}

export async function registerArchivePages(app: FastifyInstance, { db, handle }: WebDependencies): Promise<void> {
  const organizationsOf = async (viewer: Viewer) => (await getOrganizations(db)).filter((o) => canAdminister(viewer, { organizationId: o.id }));

  const form = (context: PageContext, organizations: { id: string; name: string }[], values: Record<string, string>, problems: string[] = []) => {
    const s = text[context.language];
    const state = { values, errors: {} };
    return layout(context, {
      title: s.title,
      section: 'admin',
      body: html`<h1>${s.title}</h1>
${problems.length > 0 && html`<div class="error-summary" role="alert"><h2>${s.refusedTitle}</h2><p>${s.refused}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>`}
<p>${s.intro}</p>
${organizations.length === 0
  ? html`<p>${s.none}</p>`
  : html`<form method="post" action="/admin/arkivleverans">
  ${csrfField(context)}
  ${selectField(context, state, { name: 'organisation', label: s.organization, required: true, placeholder: false, choices: organizations.map((o) => ({ value: o.id, label: o.name })) })}
  ${inputField(context, state, { name: 'ar', label: s.year, type: 'number', required: true, width: 'short' })}
  <button type="submit" class="button">${s.download}</button>
</form>`}`,
    });
  };

  app.get('/admin/arkivleverans', async (request, reply) => {
    const viewer = requireAdministrator(request);
    const context = request.page;
    const lastYear = String(Number(context.today.slice(0, 4)) - 1);
    return sendPage(reply, form(context, await organizationsOf(viewer), { ar: lastYear }));
  });

  app.post('/admin/arkivleverans', async (request, reply) => {
    const viewer = requireAdministrator(request);
    const context = request.page;
    const body = request.body as URLSearchParams;
    const values = { organisation: body.get('organisation') ?? '', ar: body.get('ar') ?? '' };
    const organizations = await organizationsOf(viewer);
    const organization = organizations.find((o) => o.id === values.organisation);
    if (!organization) throw new ForbiddenError('not_administrator', 'only administrators of the organisation deliver its minutes');
    try {
      const download = await downloadArchivePackages(handle, { organization: organization.id, year: Number(values.ar), now: new Date(), actor: viewer.id });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${download.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(download.bytes));
    } catch (error) {
      // A refusal names the meetings to put right: shown with the form, not as a bare error page.
      if (!(error instanceof RuleError)) throw error;
      const problems = Array.isArray(error.details.problems) ? (error.details.problems as string[]) : [error.message];
      return sendPage(reply, form(context, organizations, values, problems), 409);
    }
  });
}
