/**
 * Open data in the shape of OParl 1.1 (the German open standard for council information): System →
 * Body (our organisation) → Organization (our body), Meeting with embedded AgendaItems, Paper (our case).
 * Unlike most OParl servers, the decisions are data: each AgendaItem carries its decision points as
 * `resolutionText`. Only adjusted minutes are published, and never a confidential §.
 */
import { NotFoundError } from '../errors.ts';
import {
  findOpenOrganization,
  listOpenAgendaItems,
  listOpenBodies,
  listOpenOrganizations,
  pageOpenMeetings,
  pageOpenPapers,
} from '../storage/open-data.store.ts';
import type { Database } from '../storage/database.ts';

const SCHEMA = 'https://schema.oparl.org/1.1/';

/** How an OParl list is paged. */
export interface PageRequest {
  page: number;
  pageSize: number;
  modifiedSince?: string | null;
}

/** An OParl list: the objects of one page, with links to the others. */
export interface OParlList<T> {
  data: T[];
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number };
  links: { first: string; prev?: string; next?: string; last: string };
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The OParl System object: the entry point. */
export function oparlSystem(base: string) {
  return {
    id: `${base}/system`,
    type: `${SCHEMA}System`,
    oparlVersion: SCHEMA,
    name: 'Protokoll',
    body: `${base}/bodies`,
    vendor: 'https://github.com/protokoll',
    product: 'Protokoll',
    website: `${site(base)}/`,
  };
}

/** Every organisation as an OParl Body. */
export async function oparlBodies(db: Database, base: string) {
  const rows = await listOpenOrganizations(db);
  const collator = new Intl.Collator('sv');
  const data = rows.sort((a, b) => collator.compare(a.name, b.name)).map((o) => bodyObject(base, o));
  return { data, pagination: { totalElements: data.length, elementsPerPage: data.length, currentPage: 1, totalPages: 1 }, links: { first: `${base}/bodies`, last: `${base}/bodies` } };
}

/** One organisation as an OParl Body. */
export async function oparlBody(db: Database, base: string, organizationId: string) {
  const row = await findOpenOrganization(db, organizationId);
  if (!row) throw new NotFoundError('body_not_found', `no body ${organizationId}`);
  return bodyObject(base, row);
}

function bodyObject(base: string, o: { id: string; name: string; short_name: string | null; organization_type: string; created_at: Date | string; updated_at: Date | string }) {
  const id = `${base}/bodies/${o.id}`;
  return {
    id,
    type: `${SCHEMA}Body`,
    system: `${base}/system`,
    name: o.name,
    ...(o.short_name ? { shortName: o.short_name } : {}),
    classification: o.organization_type,
    organization: `${id}/organizations`,
    meeting: `${id}/meetings`,
    paper: `${id}/papers`,
    legislativeTerm: [],
    created: iso(o.created_at),
    modified: iso(o.updated_at),
  };
}

/** The bodies (organ) of an organisation as OParl Organizations. */
export async function oparlOrganizations(db: Database, base: string, organizationId: string) {
  await oparlBody(db, base, organizationId);
  const rows = await listOpenBodies(db, organizationId);
  const data = rows.map((b) => ({
    id: `${base}/organizations/${b.id}`,
    type: `${SCHEMA}Organization`,
    body: `${base}/bodies/${organizationId}`,
    name: b.name,
    organizationType: b.decision_making ? 'Gremium' : 'Sonstiges',
    classification: b.body_kind,
    created: iso(b.created_at),
    modified: iso(b.updated_at),
  }));
  return { data, pagination: { totalElements: data.length, elementsPerPage: data.length, currentPage: 1, totalPages: 1 }, links: { first: `${base}/bodies/${organizationId}/organizations`, last: `${base}/bodies/${organizationId}/organizations` } };
}

/** The adjusted meetings of an organisation, with their public agenda items and decisions, one page. */
export async function oparlMeetings(db: Database, base: string, organizationId: string, page: PageRequest): Promise<OParlList<unknown>> {
  await oparlBody(db, base, organizationId);
  const { rows, total } = await pageOpenMeetings(db, {
    organizationId,
    modifiedSince: page.modifiedSince ?? null,
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  const items = await listOpenAgendaItems(db, rows.map((m) => m.id));
  const data = rows.map((m) => {
    const id = `${base}/meetings/${m.id}`;
    return {
      id,
      type: `${SCHEMA}Meeting`,
      name: `${m.body_name} ${m.held_on}`,
      meetingState: 'adjusted',
      cancelled: false,
      start: withSwedishOffset(m.held_on, m.start_time),
      ...(m.end_time ? { end: withSwedishOffset(m.held_on, m.end_time) } : {}),
      ...(m.location ? { location: { type: `${SCHEMA}Location`, description: m.location } } : {}),
      organization: [`${base}/organizations/${m.body_id}`],
      web: `${site(base)}/arkiv/sammantraden/${m.id}`,
      // Only the sealed PDF is published, never a rendering: minutes without one (imported from text) have none.
      ...(m.has_public_pdf
        ? {
            resultsProtocol: {
              id: `${id}/protocol`,
              type: `${SCHEMA}File`,
              name: `${m.minutes_kind === 'notes' ? 'Minnesanteckningar' : 'Protokoll'} ${m.body_name} ${m.held_on}`,
              mimeType: 'application/pdf',
              accessUrl: `${site(base)}/arkiv/sammantraden/${m.id}/protokoll.pdf`,
            },
          }
        : {}),
      agendaItem: items
        .filter((i) => i.meeting_id === m.id)
        .map((i) => ({
          id: `${base}/agendaitems/${i.id}`,
          type: `${SCHEMA}AgendaItem`,
          meeting: id,
          number: i.number === null ? null : String(i.number),
          name: i.title,
          public: true,
          web: `${site(base)}/p/${i.id}`,
          ...(i.case_id ? { consultation: `${base}/papers/${i.case_id}` } : {}),
          result: (i.decisions ?? []).length > 0 ? 'beslut' : 'information',
          ...(i.decisions?.length ? { resolutionText: i.decisions.join('\n') } : {}),
        })),
      created: iso(m.created_at),
      modified: iso(m.updated_at),
    };
  });
  return listOf(data, total, page, `${base}/bodies/${organizationId}/meetings`);
}

/** The cases (ärenden) that public §§ handled, as OParl Papers, one page. */
export async function oparlPapers(db: Database, base: string, organizationId: string, page: PageRequest): Promise<OParlList<unknown>> {
  await oparlBody(db, base, organizationId);
  const { rows, total } = await pageOpenPapers(db, { organizationId, limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  const data = rows.map((c) => ({
    id: `${base}/papers/${c.id}`,
    type: `${SCHEMA}Paper`,
    body: `${base}/bodies/${organizationId}`,
    name: c.title ?? c.case_number,
    reference: c.case_number,
    ...(c.first_handled_on ? { date: c.first_handled_on } : {}),
    created: iso(c.created_at),
  }));
  return listOf(data, total, page, `${base}/bodies/${organizationId}/papers`);
}

/** The site's own address, from the API's base address. */
function site(base: string): string {
  return base.replace(/\/oparl\/v1$/, '');
}

function listOf<T>(data: T[], total: number, page: PageRequest, url: string): OParlList<T> {
  const totalPages = Math.max(1, Math.ceil(total / page.pageSize));
  const at = (n: number) => {
    const params = new URLSearchParams({ page: String(n), limit: String(page.pageSize) });
    if (page.modifiedSince) params.set('modified_since', page.modifiedSince);
    return `${url}?${params.toString()}`;
  };
  return {
    data,
    pagination: { totalElements: total, elementsPerPage: page.pageSize, currentPage: page.page, totalPages },
    links: {
      first: at(1),
      ...(page.page > 1 ? { prev: at(page.page - 1) } : {}),
      ...(page.page < totalPages ? { next: at(page.page + 1) } : {}),
      last: at(totalPages),
    },
  };
}

/** '2020-05-07' + '09:00:00' → '2020-05-07T09:00:00+02:00' (the meeting's local time in Sweden). */
function withSwedishOffset(date: string, time: string | null): string {
  const clock = (time ?? '00:00:00').slice(0, 8).padEnd(8, ':00');
  const probe = new Date(`${date}T12:00:00Z`);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' })
      .formatToParts(probe)
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+00:00';
  return `${date}T${clock}${offset}`;
}
