/**
 * Open data as OParl 1.1 (the German open standard for council information): System → Body (our
 * organisation) → Organization (our body), Person and Membership (elected representatives and their
 * mandates), LegislativeTerm (the mandate period), Meeting with its AgendaItems, Location and protocol
 * File, Consultation (a case handled in a §) and Paper (our case). Each AgendaItem carries its decision
 * points as `resolutionText`. Only adjusted minutes are published, never a draft or a confidential §, and
 * a person only through a mandate (GDPR: see docs/decisions.md). Ids are built from the configured public
 * address, never from the request.
 */
import { NotFoundError } from '../errors.ts';
import {
  findOrganizationOfOpenObject,
  listAnnouncedMeetings,
  listAttachmentsOf,
  listOpenSeals,
  listParagraphKeysOf,
  listOpenAgendaItems,
  listOpenBodies,
  listOpenMandates,
  listOpenOrganizations,
  listOpenProtocolFiles,
  pageOpenMeetings,
  pageOpenPapers,
  type OpenOrganizationRow,
} from '../storage/open-data.store.ts';
import type { Database, DatabaseHandle } from '../storage/database.ts';
import { iso, latest, OPEN_DATA_LICENSE, SCHEMA, withSwedishOffset, type OParlObject } from './open-data/common.ts';
import { protocolFileName } from './open-data/public-files.ts';
import { whileUnchanged } from './public-cache.ts';
import { announcedMeetingObjects } from './open-data/announced.ts';
import { protocolFacts, withdrawnObjects, attachmentObjects } from './open-data/files.ts';

const ALL = 1_000_000;
export { OPEN_DATA_LICENSE, type OParlObject } from './open-data/common.ts';

/** The list kinds of a Body, as path segments under /oparl/v1/bodies/:id/. */
export const BODY_LISTS = ['organizations', 'persons', 'meetings', 'papers', 'legislativeterms', 'agendaitems', 'consultations', 'files', 'locations', 'memberships'] as const;
export type BodyList = (typeof BODY_LISTS)[number];

/** The object kinds served at their own id, as path segments under /oparl/v1/. */
export const OBJECT_KINDS = ['bodies', 'organizations', 'persons', 'memberships', 'legislativeterms', 'meetings', 'agendaitems', 'consultations', 'papers', 'files', 'locations'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** How an OParl list is paged and filtered. */
export interface ListRequest {
  page: number;
  pageSize: number;
  createdSince?: string | undefined;
  createdUntil?: string | undefined;
  modifiedSince?: string | undefined;
  modifiedUntil?: string | undefined;
  omitInternal?: boolean | undefined;
}

/** An OParl list: the objects of one page, with links to the others. */
export interface OParlList<T> {
  data: T[];
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number };
  links: { first: string; prev?: string; next?: string; last: string };
}

/** Everything one organisation publishes, by list. */
type Catalogue = Record<BodyList, OParlObject[]> & { body: OParlObject };


/** The OParl System object: the entry point. */
export function oparlSystem(base: string): OParlObject {
  return {
    id: `${base}/system`,
    type: `${SCHEMA}System`,
    oparlVersion: SCHEMA,
    license: OPEN_DATA_LICENSE,
    name: 'Protokoll',
    body: `${base}/bodies`,
    vendor: 'https://github.com/protokoll',
    product: 'https://github.com/protokoll',
    website: `${site(base)}/`,
    web: `${site(base)}/`,
    created: '2025-01-01T00:00:00.000Z',
    modified: '2025-01-01T00:00:00.000Z',
  };
}

/** Every organisation as an OParl Body, one page. */
export async function oparlBodies(handle: DatabaseHandle, base: string, request: ListRequest): Promise<OParlList<OParlObject>> {
  const rows = await listOpenOrganizations(handle.db);
  const collator = new Intl.Collator('sv');
  const data: OParlObject[] = [];
  for (const organization of rows.sort((a, b) => collator.compare(a.name, b.name))) data.push((await catalogueOf(handle, base, organization.id, organization)).body);
  return pageOf(data, request, `${base}/bodies`);
}

/** One of an organisation's lists (meetings, persons, papers …), filtered and paged. */
export async function oparlBodyList(handle: DatabaseHandle, base: string, organizationId: string, list: BodyList, request: ListRequest): Promise<OParlList<OParlObject>> {
  const catalogue = await catalogueOf(handle, base, organizationId);
  return pageOf(catalogue[list], request, `${base}/bodies/${organizationId}/${list}`);
}

/** One object at its own id, or NotFoundError (also for anything not public). */
export async function oparlObject(handle: DatabaseHandle, base: string, kind: ObjectKind, id: string): Promise<OParlObject> {
  const organizationId = await organizationOf(handle.db, kind, id);
  const organization = organizationId ? (await listOpenOrganizations(handle.db)).find((o) => o.id === organizationId) : undefined;
  if (organization) {
    const catalogue = await catalogueOf(handle, base, organization.id, organization);
    if (kind === 'bodies') return catalogue.body;
    const found = catalogue[kind].find((o) => o.id === `${base}/${kind}/${id}`);
    if (found) return found;
  }
  throw new NotFoundError('oparl_object_not_found', `no public ${kind} object ${id}`);
}

/**
 * Which organisation's catalogue holds an object: locations, consultations and files share their
 * meeting's or §'s id (the protocol `{meeting}`, the kallelse `{meeting}-kallelse`), a bilaga its own
 * (`{attachment}-bilaga`).
 */
async function organizationOf(db: Database, kind: ObjectKind, id: string): Promise<string | null> {
  const uuid = id.slice(0, 36);
  if (kind === 'bodies' || kind === 'legislativeterms') return uuid;
  const table = kind === 'files' && id.endsWith('-bilaga') ? 'attachments' : kind === 'files' || kind === 'locations' ? 'meetings' : kind === 'consultations' ? 'agendaitems' : kind;
  return findOrganizationOfOpenObject(db, table, uuid);
}

/** Every public OParl object, each once (the dump). */
export async function* allOparlObjects(handle: DatabaseHandle, base: string): AsyncGenerator<OParlObject> {
  yield oparlSystem(base);
  for (const organization of await listOpenOrganizations(handle.db)) {
    const catalogue = await catalogueOf(handle, base, organization.id, organization);
    yield catalogue.body;
    for (const list of BODY_LISTS) yield* catalogue[list];
  }
}

function bodyObject(base: string, o: OpenOrganizationRow): OParlObject {
  const id = `${base}/bodies/${o.id}`;
  return {
    id,
    type: `${SCHEMA}Body`,
    system: `${base}/system`,
    license: OPEN_DATA_LICENSE,
    name: o.name,
    ...(o.short_name ? { shortName: o.short_name } : {}),
    classification: o.organization_type,
    organization: `${id}/organizations`,
    person: `${id}/persons`,
    meeting: `${id}/meetings`,
    paper: `${id}/papers`,
    legislativeTerm: [],
    agendaItem: `${id}/agendaitems`,
    consultation: `${id}/consultations`,
    file: `${id}/files`,
    locationList: `${id}/locations`,
    legislativeTermList: `${id}/legislativeterms`,
    membership: `${id}/memberships`,
    web: `${site(base)}/`,
    created: iso(o.created_at),
    modified: iso(o.updated_at),
  };
}

/** Builds every public object of one organisation. Reads it whole: fine for one organisation's registers. */
/**
 * An organisation's catalogue, made once while nothing changes (public-cache.ts): every list and
 * object of the organisation is read from it, and 50 readers arriving at once wait for one load
 * instead of making 50 (three seconds each on a busy PostgreSQL, docs/performance.md).
 */
function catalogueOf(handle: DatabaseHandle, base: string, organizationId: string, known?: OpenOrganizationRow): Promise<Catalogue> {
  return whileUnchanged(handle.db, `oparl-catalogue:${base}:${organizationId}`, () => loadCatalogue(handle, base, organizationId, known));
}

async function loadCatalogue(handle: DatabaseHandle, base: string, organizationId: string, known?: OpenOrganizationRow): Promise<Catalogue> {
  const db = handle.db;
  const organization = known ?? (await listOpenOrganizations(db)).find((o) => o.id === organizationId);
  if (!organization) throw new NotFoundError('body_not_found', `no body ${organizationId}`);
  const body = bodyObject(base, organization);
  const bodyId = body.id;
  const web = site(base);
  const bodies = await listOpenBodies(db, organizationId);
  const { rows: meetings } = await pageOpenMeetings(db, { organizationId, modifiedSince: null, limit: ALL, offset: 0 });
  const items = await listOpenAgendaItems(db, meetings.map((m) => m.id));
  const protocolFiles = new Map((await listOpenProtocolFiles(db, meetings.map((m) => m.id))).map((f) => [f.meeting_id, f]));
  const mandates = await listOpenMandates(db, organizationId);
  const { rows: cases } = await pageOpenPapers(db, { organizationId, limit: ALL, offset: 0 });
  const seals = new Map((await listOpenSeals(db, meetings.map((m) => m.id))).map((seal) => [seal.meeting_id, seal]));
  const announced = await listAnnouncedMeetings(db, organizationId);
  const paragraphKeys = await listParagraphKeysOf(db, [...meetings, ...announced].map((m) => m.id));
  const attachments = await listAttachmentsOf(db, meetings.map((m) => m.id));

  const membershipsOf = (predicate: (m: (typeof mandates)[number]) => boolean) => mandates.filter(predicate).map((m) => `${base}/memberships/${m.id}`);
  const organizations: OParlObject[] = bodies.map((b) => ({
    id: `${base}/organizations/${b.id}`,
    type: `${SCHEMA}Organization`,
    body: bodyId,
    name: b.name,
    membership: membershipsOf((m) => m.body_id === b.id),
    meeting: `${bodyId}/meetings`,
    organizationType: b.decision_making ? 'Gremium' : 'Sonstiges',
    classification: b.body_kind,
    license: OPEN_DATA_LICENSE,
    created: iso(b.created_at),
    modified: iso(b.updated_at),
  }));

  const roleNames: Record<string, string> = { chair: 'Ordförande', 'vice-chair': 'Vice ordförande', member: 'Ledamot', substitute: 'Ersättare' };
  const memberships: OParlObject[] = mandates.map((m) => ({
    id: `${base}/memberships/${m.id}`,
    type: `${SCHEMA}Membership`,
    person: `${base}/persons/${m.person_id}`,
    organization: `${base}/organizations/${m.body_id}`,
    role: roleNames[m.role] ?? m.role,
    votingRight: m.role !== 'substitute',
    ...(m.starts_on ? { startDate: m.starts_on } : {}),
    ...(m.ends_on ? { endDate: m.ends_on } : {}),
    ...(m.party ? { keyword: [m.party] } : {}),
    license: OPEN_DATA_LICENSE,
    created: iso(m.created_at),
    modified: iso(m.created_at),
  }));

  const personIds = [...new Set(mandates.map((m) => m.person_id))];
  const persons: OParlObject[] = personIds.map((personId) => {
    const first = mandates.find((m) => m.person_id === personId)!;
    return {
      id: `${base}/persons/${personId}`,
      type: `${SCHEMA}Person`,
      body: bodyId,
      name: first.person_name,
      membership: memberships.filter((m) => m.person === `${base}/persons/${personId}`),
      license: OPEN_DATA_LICENSE,
      created: iso(first.person_created_at),
      modified: iso(first.person_updated_at),
    };
  });

  const years = meetings.map((m) => Number(m.held_on.slice(0, 4)));
  const termStarts = [...new Set(years.map(termStartYear))].sort();
  const legislativeTerms: OParlObject[] = termStarts.map((start) => ({
    id: `${base}/legislativeterms/${organizationId}-${start}`,
    type: `${SCHEMA}LegislativeTerm`,
    body: bodyId,
    name: `Mandatperioden ${start}–${start + 3}`,
    startDate: `${start}-01-01`,
    endDate: `${start + 3}-12-31`,
    license: OPEN_DATA_LICENSE,
    created: body.created!,
    modified: body.modified!,
  }));
  body.legislativeTerm = legislativeTerms;

  const agendaItems: OParlObject[] = [];
  const consultations: OParlObject[] = [];
  const files: OParlObject[] = [];
  const locations: OParlObject[] = [];
  const meetingObjects: OParlObject[] = [];
  for (const m of meetings) {
    const id = `${base}/meetings/${m.id}`;
    const created = iso(m.created_at);
    const ownItems = items.filter((i) => i.meeting_id === m.id);
    const bilagor = await attachmentObjects(handle, { base, web, meeting: m, attachments: attachments.filter((a) => a.meeting_id === m.id && !a.confidential) });
    const bilagorOf = (paragraphId: string) => bilagor.filter((b) => b.paragraphId === paragraphId).map((b) => b.file);
    files.push(...bilagor.map((b) => b.file));
    // A § changed after justering (put under secrecy) changes the meeting as published.
    const modified = latest(m.updated_at, ...paragraphKeys.filter((k) => k.meeting_id === m.id).map((k) => k.updated_at));
    const itemObjects = ownItems.map((i, index): OParlObject => {
      const itemId = `${base}/agendaitems/${i.id}`;
      const consultationId = i.case_id ? `${base}/consultations/${i.id}` : null;
      if (consultationId) {
        consultations.push({
          id: consultationId,
          type: `${SCHEMA}Consultation`,
          paper: `${base}/papers/${i.case_id}`,
          agendaItem: itemId,
          meeting: id,
          organization: [`${base}/organizations/${m.body_id}`],
          authoritative: (i.decisions ?? []).length > 0,
          role: 'Beslut',
          license: OPEN_DATA_LICENSE,
          created: iso(i.created_at),
          modified: iso(i.updated_at),
        });
      }
      return {
        id: itemId,
        type: `${SCHEMA}AgendaItem`,
        meeting: id,
        ...(i.number === null ? {} : { number: String(i.number) }),
        order: index + 1,
        name: i.title,
        public: true,
        ...(consultationId ? { consultation: consultationId } : {}),
        result: (i.decisions ?? []).length > 0 ? 'Beslut' : 'Information',
        ...(i.decisions?.length ? { resolutionText: i.decisions.join('\n') } : {}),
        ...(bilagorOf(i.id).length > 0 ? { auxiliaryFile: bilagorOf(i.id) } : {}),
        license: OPEN_DATA_LICENSE,
        web: `${web}/p/${i.id}`,
        created: iso(i.created_at),
        modified: iso(i.updated_at),
      };
    });
    agendaItems.push(...itemObjects);
    const stored = protocolFiles.get(m.id);
    const protocolName = `${m.minutes_kind === 'notes' ? 'Minnesanteckningar' : 'Protokoll'} ${m.body_name} ${m.held_on}`;
    // Only the sealed PDF is published, never a rendering: minutes without one (imported from text) have none.
    const facts = m.has_public_pdf ? await protocolFacts(handle, m.id, seals.get(m.id)) : null;
    const protocol: OParlObject | null = !m.has_public_pdf ? null : {
      id: `${base}/files/${m.id}`,
      type: `${SCHEMA}File`,
      name: protocolName,
      fileName: protocolFileName(m.body_name, m.held_on),
      mimeType: 'application/pdf',
      date: m.held_on,
      ...(facts ? { size: facts.size, sha512Checksum: facts.sha512 } : stored?.size !== null && stored?.size !== undefined && stored.content_type === 'application/pdf' ? { size: Number(stored.size) } : {}),
      accessUrl: `${web}/arkiv/sammantraden/${m.id}/protokoll.pdf`,
      downloadUrl: `${web}/arkiv/sammantraden/${m.id}/protokoll.pdf`,
      meeting: [id],
      license: OPEN_DATA_LICENSE,
      created,
      modified,
    };
    if (protocol) files.push(protocol);
    const location: OParlObject | null = m.location
      ? {
          id: `${base}/locations/${m.id}`,
          type: `${SCHEMA}Location`,
          description: m.location,
          meetings: [id],
          license: OPEN_DATA_LICENSE,
          created,
          modified,
        }
      : null;
    if (location) locations.push(location);
    meetingObjects.push({
      id,
      type: `${SCHEMA}Meeting`,
      name: `${m.body_name} ${m.held_on}`,
      meetingState: 'adjusted',
      cancelled: false,
      start: withSwedishOffset(m.held_on, m.start_time),
      ...(m.end_time ? { end: withSwedishOffset(m.held_on, m.end_time) } : {}),
      ...(location ? { location } : {}),
      organization: [`${base}/organizations/${m.body_id}`],
      ...(protocol ? { resultsProtocol: protocol } : {}),
      ...(bilagor.length > 0 ? { auxiliaryFile: bilagor.map((b) => b.file) } : {}),
      agendaItem: itemObjects,
      license: OPEN_DATA_LICENSE,
      web: `${web}/arkiv/sammantraden/${m.id}`,
      created,
      modified,
    });
  }

  // Meetings announced by their kallelse, not yet adjusted: with the kallelse and the agenda as the public sees it.
  const upcoming = await announcedMeetingObjects(handle, { base, web, meetings: announced, paragraphKeys });
  meetingObjects.push(...upcoming.meetings);
  agendaItems.push(...upcoming.agendaItems);
  files.push(...upcoming.files);
  locations.push(...upcoming.locations);
  // What was public and no longer is, as deleted objects, so that a client asking modified_since learns of it.
  const withdrawn = withdrawnObjects({ base, web, adjusted: meetings, announced, paragraphKeys, attachments });
  agendaItems.push(...withdrawn.agendaitems);
  consultations.push(...withdrawn.consultations);
  files.push(...withdrawn.files);

  const papers: OParlObject[] = cases.map((c) => ({
    id: `${base}/papers/${c.id}`,
    type: `${SCHEMA}Paper`,
    body: bodyId,
    name: c.title ?? c.case_number,
    reference: c.case_number,
    ...(c.first_handled_on ? { date: c.first_handled_on } : {}),
    consultation: consultations.filter((k) => k.paper === `${base}/papers/${c.id}`),
    license: OPEN_DATA_LICENSE,
    created: iso(c.created_at),
    modified: iso(c.created_at),
  }));

  return {
    body,
    organizations,
    persons,
    memberships,
    legislativeterms: legislativeTerms,
    meetings: meetingObjects,
    agendaitems: agendaItems,
    consultations,
    papers,
    files,
    locations,
  };
}

/** The four-year mandate period that runs from 1 January after a general election (2018, 2022, 2026 …). */
function termStartYear(year: number): number {
  return year - ((((year - 2019) % 4) + 4) % 4);
}

/** The site's own address, from the API's base address. */
function site(base: string): string {
  return base.replace(/\/oparl\/v1$/, '');
}

/** omit_internal: embedded objects are left out, except in the properties the schema requires. */
function withoutEmbedded(object: OParlObject): OParlObject {
  const isEmbedded = (value: unknown) => (Array.isArray(value) ? value.some((v) => typeof v === 'object') : typeof value === 'object' && value !== null);
  return Object.fromEntries(Object.entries(object).filter(([key, value]) => key === 'legislativeTerm' || !isEmbedded(value))) as OParlObject;
}

function pageOf(all: OParlObject[], request: ListRequest, url: string): OParlList<OParlObject> {
  const within = (value: string | undefined, since: string | undefined, until: string | undefined) => {
    if (!value) return !since && !until;
    const at = Date.parse(value);
    return (!since || at >= Date.parse(since)) && (!until || at <= Date.parse(until));
  };
  const filtered = all.filter((o) => within(o.created, request.createdSince, request.createdUntil) && within(o.modified, request.modifiedSince, request.modifiedUntil));
  const total = filtered.length;
  const totalPages = Math.max(1, Math.ceil(total / request.pageSize));
  const slice = filtered.slice((request.page - 1) * request.pageSize, request.page * request.pageSize);
  const data = request.omitInternal ? slice.map(withoutEmbedded) : slice;
  const at = (n: number) => {
    const params = new URLSearchParams({ page: String(n), limit: String(request.pageSize) });
    if (request.createdSince) params.set('created_since', request.createdSince);
    if (request.createdUntil) params.set('created_until', request.createdUntil);
    if (request.modifiedSince) params.set('modified_since', request.modifiedSince);
    if (request.modifiedUntil) params.set('modified_until', request.modifiedUntil);
    if (request.omitInternal) params.set('omit_internal', 'true');
    return `${url}?${params.toString()}`;
  };
  return {
    data,
    pagination: { totalElements: total, elementsPerPage: request.pageSize, currentPage: request.page, totalPages },
    links: {
      first: at(1),
      ...(request.page > 1 ? { prev: at(request.page - 1) } : {}),
      ...(request.page < totalPages ? { next: at(request.page + 1) } : {}),
      last: at(totalPages),
    },
  };
}
