/**
 * The authorization matrix (issue 23), generated from the route table: every route the real app registers
 * (API and web) must have an entry below saying who may use it, and for each route × role one real request
 * is made against real data (the demo förbund as organisation A with a draft meeting, a secret and a
 * confidential §; organisation B with its own secretary and administrator). Public pages and the public
 * API are also checked never to show a draft §, a confidential § or an underlag's text.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { addAgendaItem, addMandate, configureSigning, createBody, createOrganization, createPerson, planMeeting, updateParagraph } from '../../src/services/meeting-cycle.service.ts';
import { insertImportBatch, insertImportFile, queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';

const TODAY = '2026-06-15';
const DRAFT_TITLE = 'Utkasthemlighet Zebrafink';
const CONFIDENTIAL_TITLE = 'Sekretessärende Kolibri';
const UNDERLAG_TEXT = 'Underlagstext Pelikan';

type Role = 'anonymous' | 'member' | 'signer' | 'secretaryB' | 'adminB' | 'secretaryA' | 'adminA' | 'systemAdmin';
const ROLES: Role[] = ['anonymous', 'member', 'signer', 'secretaryB', 'adminB', 'secretaryA', 'adminA', 'systemAdmin'];

/**
 * Who may use a route: public (everyone), signedIn (any account), member (member of body A and up:
 * its signer, A's secretary and administrator, the system administrator), signer (the justerare of A's
 * minutes awaiting signature, A's secretary and the system administrator), secretary (A's secretary,
 * A's administrator, the system administrator), orgAdmin (A's administrator and the system
 * administrator), systemAdmin (the system administrator only), or an explicit list of roles.
 */
type Access = 'public' | 'signedIn' | 'member' | 'signer' | 'secretary' | 'orgAdmin' | 'systemAdmin' | Role[];
const LEVELS: Record<Exclude<Access, Role[]>, Role[]> = {
  public: ROLES,
  signedIn: ROLES.filter((r) => r !== 'anonymous'),
  member: ['member', 'signer', 'secretaryA', 'adminA', 'systemAdmin'],
  signer: ['signer', 'secretaryA', 'adminA', 'systemAdmin'],
  secretary: ['secretaryA', 'adminA', 'systemAdmin'],
  orgAdmin: ['adminA', 'systemAdmin'],
  systemAdmin: ['systemAdmin'],
};

const STAFF: Role[] = ['secretaryB', 'adminB', 'secretaryA', 'adminA', 'systemAdmin'];
const ADMINS: Role[] = ['adminB', 'adminA', 'systemAdmin'];
/** Routes whose ids cannot name real data here (or whose data this matrix does not make): every role gets a not found. */
const NOBODY: Role[] = [];

/**
 * Routes whose use case refuses with a rule (409) rather than a 403: signing by someone who is not a
 * signatory of the minutes, and confirming a proposal that does not exist (made-up id).
 */
const REFUSED_AS_CONFLICT = new Set([
  'POST /api/meetings/:meetingId/signatures',
  'POST /arbetsyta/uppfoljning/forslag/:id/bekrafta',
  'POST /arbetsyta/sammantraden/:meetingId/uppfoljning/:id/bekrafta',
  'POST /arbetsyta/sammantraden/:meetingId/uppfoljning/bekrafta-alla',
]);

const MATRIX: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/organizations': 'public',
  'GET /api/bodies': 'public',
  'GET /api/bodies/:bodyId/mandates': 'public',
  'GET /api/meetings/:meetingId/minutes': 'member',
  'GET /api/files/:fileId': 'member',
  'GET /api/meetings': 'signedIn',
  'GET /api/me/awaiting-signature': 'signedIn',
  'GET /api/meetings/:meetingId': 'member',
  'GET /api/meetings/:meetingId/minutes.:format': 'public',
  'GET /oparl/v1/system': 'public',
  'GET /oparl/v1/bodies': 'public',
  'GET /oparl/v1/bodies/:id': 'public',
  'GET /oparl/v1/bodies/:id/organizations': 'public',
  'GET /oparl/v1/bodies/:id/meetings': 'public',
  'GET /oparl/v1/bodies/:id/papers': 'public',
  'GET /oparl/v1/bodies/:id/:list': 'public',
  'GET /oparl/v1/:kind/:id': 'public',
  'GET /oparl/v1/dump.jsonl': 'public',
  'GET /oparl/*': NOBODY,
  'GET /admin/arkivleverans': ADMINS,
  'POST /admin/arkivleverans': ['adminA', 'systemAdmin'],
  'POST /api/sessions': 'public',
  'DELETE /api/sessions/current': 'signedIn',
  'GET /api/search': 'public',
  'GET /api/follow-up/assignments': 'signedIn',
  'GET /api/bodies/:bodyId/due-report-backs': 'public',
  'GET /api/follow-up/delegated-decisions': 'signedIn',
  'GET /api/follow-up/appointments': 'signedIn',
  'GET /api/follow-up/consultations': 'signedIn',
  'GET /api/follow-up/goals': 'public',
  'GET /api/organizations/:organizationId/annual-reports/:year': NOBODY,
  'GET /api/organizations/:organizationId/annual-reports/:year/document': NOBODY,
  'GET /api/projects': 'signedIn',
  'GET /api/projects/export': 'signedIn',
  'GET /api/projects/:projectId': 'secretary',
  'GET /api/organizations/:organizationId/project-portfolio/:year/:tertial': 'secretary',
  'GET /api/organizations/:organizationId/project-portfolio/:year/:tertial/document': 'secretary',
  'GET /api/meetings/:meetingId/absence': 'secretary',
  'GET /anslagstavla.atom': 'public',
  'GET /protokoll.atom': 'public',
  'GET /kalender.ics': 'public',
  'GET /arkiv/organ/:bodyId/kalender.ics': 'public',
  'GET /arkiv/organ/:bodyId/protokoll.atom': 'public',
  'GET /arkiv/organisationer/:organizationId/kalender.ics': 'public',
  'GET /assets/:name': 'public',
  'GET /sprak': 'public',
  'GET /': 'public',
  'GET /anslagstavla': 'public',
  'GET /arkiv': 'public',
  'GET /arkiv/organ/:bodyId': 'public',
  'GET /arkiv/organ/:bodyId/:year': 'public',
  'GET /arkiv/organ/:bodyId/:year/:paragraph': 'public',
  'GET /arkiv/sammantraden/:meetingId': 'public',
  'GET /arkiv/sammantraden/:meetingId/protokoll.pdf': 'public',
  'GET /p/:paragraphId': 'public',
  'GET /kommande': 'public',
  // The public kallelse of the demo's announced meeting; a bilaga needs a stored file on an adjusted §, which this data has not.
  'GET /kommande/:meetingId/kallelse.pdf': 'public',
  'GET /arkiv/bilagor/:attachmentId': NOBODY,
  'GET /sitemap.xml': 'public',
  'GET /robots.txt': 'public',
  'GET /sok': 'public',
  'GET /logga-in': 'public',
  'GET /arbetsyta': STAFF,
  'GET /arbetsyta/organ/:bodyId': 'secretary',
  'GET /arbetsyta/sammantraden/:meetingId': 'secretary',
  'GET /arbetsyta/sammantraden/:meetingId/paragrafer/:paragraphId': 'secretary',
  'GET /att-justera': 'signedIn',
  'GET /att-justera/:meetingId': ['signer'],
  'GET /att-justera/:meetingId/protokoll.pdf': ['signer'],
  // Only someone who has signed has a receipt, and the reads run before anyone here signs.
  'GET /att-justera/:meetingId/kvitto': NOBODY,
  // The one-time signing link: with a made-up token every role gets a 404 (signing-links.test.ts uses real ones).
  'GET /att-justera/lank/:token': NOBODY,
  'GET /logga-in/bekrafta': 'signedIn',
  'GET /verifiera': 'public',
  'GET /mina-sammantraden': 'signedIn',
  'GET /mina-sammantraden/:meetingId': 'member',
  // The draft meeting's kallelse is not sent: readers get a 409 saying so, everyone else a not found.
  'GET /mina-sammantraden/:meetingId/kallelse.pdf': 'member',
  'GET /admin': ADMINS,
  'GET /arbetsyta/sammantraden/:meetingId/handlingar': 'secretary',
  'GET /sammantraden/:meetingId/handlingar/:fileId': NOBODY,
  'GET /sammantraden/:meetingId/protokoll.pdf': 'member',
  'GET /sammantraden/:meetingId/protokoll.docx': 'member',
  'GET /arbetsyta/sammantraden/:meetingId/utdrag': 'secretary',
  'GET /arbetsyta/uppfoljning': STAFF,
  'GET /arbetsyta/projekt': STAFF,
  'GET /arbetsyta/projekt/ny': STAFF,
  'GET /arbetsyta/projekt/:projectId': 'secretary',
  'GET /arbetsyta/projekt/:projectId/andra': 'secretary',
  'GET /arbetsyta/projekt/portfolj': STAFF,
  'GET /arbetsyta/projekt/portfolj.pdf': STAFF,
  'GET /arbetsyta/projekt/export': STAFF,
  'GET /arbetsyta/projekt/verksamhetsberattelse/:year': NOBODY,
  'GET /arbetsyta/paragraf/:meetingId/:paragraphId': 'secretary',
  'GET /*': NOBODY,
  'POST /api/minutes': 'systemAdmin',
  'POST /api/paragraphs/:paragraphId/attachments': 'secretary',
  'POST /api/organizations': 'systemAdmin',
  'POST /api/bodies': 'orgAdmin',
  'POST /api/persons': 'secretary',
  'POST /api/bodies/:bodyId/mandates': 'secretary',
  'POST /api/meetings': 'secretary',
  'POST /api/meetings/:meetingId/agenda': 'secretary',
  'PATCH /api/paragraphs/:paragraphId': 'secretary',
  'POST /api/meetings/:meetingId/kallelse': 'secretary',
  'PUT /api/meetings/:meetingId/attendance': 'secretary',
  'POST /api/meetings/:meetingId/finalise': 'secretary',
  'POST /api/meetings/:meetingId/signatures': ['signer'],
  'POST /api/meetings/:meetingId/rejections': ['signer'],
  'POST /api/meetings/:meetingId/immediate-adjustments': 'secretary',
  'POST /api/meetings/:meetingId/notice': 'secretary',
  'POST /api/meetings/:meetingId/extracts': 'secretary',
  'POST /api/meetings/:meetingId/follow-up-proposals': 'secretary',
  'POST /api/follow-up/proposals/:id/confirm': NOBODY,
  'POST /api/follow-up/proposals/confirm-all': STAFF,
  'POST /api/follow-up/assignments/:assignmentId/report-back': NOBODY,
  'POST /api/follow-up/delegated-decisions': 'secretary',
  'POST /api/meetings/:meetingId/delegated-decisions': 'secretary',
  'POST /api/follow-up/delegated-decisions/report': 'secretary',
  'POST /api/follow-up/appointments': 'secretary',
  'POST /api/follow-up/consultations': 'secretary',
  'POST /api/follow-up/consultations/:consultationId/answer': NOBODY,
  'POST /api/follow-up/goals': 'secretary',
  'PATCH /api/follow-up/goals/:goalId': NOBODY,
  'DELETE /api/follow-up/goals/:goalId': NOBODY,
  'POST /api/follow-up/goals/:goalId/indicators': NOBODY,
  'PUT /api/follow-up/indicators/:indicatorId/follow-ups/:year/:period': NOBODY,
  'POST /api/organizations/:organizationId/annual-reports/:year/draft': 'secretary',
  'PUT /api/organizations/:organizationId/annual-reports/:year/sections': 'secretary',
  'POST /api/organizations/:organizationId/projects': 'secretary',
  'PUT /api/projects/:projectId': 'secretary',
  'PUT /api/projects/:projectId/decisions/:paragraphId/:kind': 'secretary',
  'DELETE /api/projects/:projectId/decisions/:paragraphId/:kind': 'secretary',
  'PUT /api/projects/:projectId/indicators/:indicatorId': 'secretary',
  'DELETE /api/projects/:projectId/indicators/:indicatorId': 'secretary',
  'POST /api/organizations/:organizationId/project-portfolio/:year/:tertial/attachments': 'secretary',
  'POST /api/meetings/:meetingId/absence': 'member',
  'DELETE /api/meetings/:meetingId/absence': 'member',
  'POST /api/meetings/:meetingId/substitute-calls': 'secretary',
  'POST /mina-sammantraden/:meetingId/forhinder': 'member',
  'POST /mina-sammantraden/:meetingId/forhinder/ta-tillbaka': 'member',
  // Each reader keeps their own note; with empty text (the matrix posts none) it deletes nothing and goes back.
  'POST /mina-sammantraden/:meetingId/anteckningar': 'member',
  'POST /arbetsyta/sammantraden/:meetingId/ersattare': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/utskick/:outboxId/skicka-igen': NOBODY,
  'POST /logga-in': 'public',
  // Step-up with an empty password: refused for everyone, so its answer cannot tell the roles apart.
  'POST /logga-in/bekrafta': NOBODY,
  // Without a file the page asks for one (400), to everyone alike.
  'POST /verifiera': 'public',
  'POST /arbetsyta/organ/:bodyId/ledamoter': 'secretary',
  'POST /arbetsyta/organ/:bodyId/sammantraden': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/kallelse': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/paragrafer': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/narvaro': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/fardigstall': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/omedelbar-justering': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/paragrafer/:paragraphId': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/paragrafer/:paragraphId/word': 'secretary',
  'POST /att-justera/:meetingId/signera': ['signer'],
  'POST /att-justera/:meetingId/atervisa': ['signer'],
  'POST /att-justera/lank/:token': NOBODY,
  'POST /admin/konton': ADMINS,
  'POST /admin/konton/:userId/person': 'orgAdmin',
  'POST /admin/roller': ADMINS,
  // A's administrator removes the throwaway role first; the system administrator then finds it gone.
  'POST /admin/roller/:roleId/ta-bort': ['adminA'],
  'POST /admin/organisationer': 'systemAdmin',
  'POST /admin/organ': ADMINS,
  'POST /arbetsyta/sammantraden/:meetingId/handlingar': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/utdrag': 'secretary',
  // Issue 17: personal data before publication. A masking id made up here names no masking: not found for all.
  'GET /api/meetings/:meetingId/personal-data': 'secretary',
  'POST /api/meetings/:meetingId/maskings': 'secretary',
  'DELETE /api/meetings/:meetingId/maskings/:maskingId': NOBODY,
  'POST /api/meetings/:meetingId/personal-data/reviews': 'secretary',
  'POST /api/meetings/:meetingId/withheld': 'secretary',
  'GET /api/meetings/:meetingId/original': 'secretary',
  'POST /api/meetings/:meetingId/public-copies': 'secretary',
  'GET /arbetsyta/sammantraden/:meetingId/personuppgifter': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/personuppgifter/maskera': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/personuppgifter/granska': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/personuppgifter/maskeringar/:maskingId/ta-bort': NOBODY,
  'POST /arbetsyta/sammantraden/:meetingId/personuppgifter/undanta': 'secretary',
  'POST /arbetsyta/sammantraden/:meetingId/personuppgifter/kopia': 'secretary',
  'POST /arbetsyta/uppfoljning/forslag/:id/bekrafta': NOBODY,
  'POST /arbetsyta/uppfoljning/bekrafta-alla': STAFF,
  'POST /arbetsyta/projekt/ny': STAFF,
  'POST /arbetsyta/projekt/:projectId/andra': 'secretary',
  'POST /arbetsyta/projekt/:projectId/beslut': 'secretary',
  'POST /arbetsyta/projekt/:projectId/beslut/ta-bort': 'secretary',
  'POST /arbetsyta/projekt/:projectId/indikatorer': 'secretary',
  // The empty form names no organisation: only a system administrator gets past the check to the missing fields.
  'POST /arbetsyta/projekt/portfolj/bilaga': ['systemAdmin'],
  'POST /arbetsyta/projekt/verksamhetsberattelse': STAFF,
  // Issue 20: working in the registers. The meeting here is a draft, so confirming its proposals is refused as a rule (409).
  'POST /arbetsyta/sammantraden/:meetingId/uppfoljning/:id/bekrafta': NOBODY,
  'POST /arbetsyta/sammantraden/:meetingId/uppfoljning/bekrafta-alla': NOBODY,
  'GET /arbetsyta/uppdrag': 'signedIn',
  'GET /arbetsyta/uppdrag/:id/aterrapportera': NOBODY,
  'POST /arbetsyta/uppdrag/:id/aterrapportera': NOBODY,
  'GET /arbetsyta/uppdrag/:id/aterrapporterad': NOBODY,
  'GET /arbetsyta/delegation': 'signedIn',
  // An empty form is refused by its validation (400, the form again) before any organisation is named.
  'POST /arbetsyta/delegation/ordning': 'signedIn',
  // The form names no organisation here: only a system administrator reads the registers of "none" (and gets 400).
  'POST /arbetsyta/delegation/beslut': ['systemAdmin'],
  'POST /arbetsyta/delegation/anmal': NOBODY,
  'GET /arbetsyta/register/export.:format': NOBODY,
  // Representation, remisser and goals from the web: anyone signed in sees the page (with the registers they keep,
  // if any); an empty form is refused by its validation (400, the form again) before any organisation or entry is
  // named. Ending an appointment names one: a made-up id is not found for anyone.
  'GET /arbetsyta/representation': 'signedIn',
  'POST /arbetsyta/representation': 'signedIn',
  'POST /arbetsyta/representation/:id/avsluta': NOBODY,
  'GET /arbetsyta/remisser': 'signedIn',
  'POST /arbetsyta/remisser': 'signedIn',
  'POST /arbetsyta/remisser/svar': 'signedIn',
  'GET /arbetsyta/mal': 'signedIn',
  'POST /arbetsyta/mal': 'signedIn',
  'POST /arbetsyta/mal/indikatorer': 'signedIn',
  'POST /arbetsyta/mal/uppfoljning': 'signedIn',
  'GET /register': 'public',
  // Signing out ends on the sign-in page for everyone, so its answer cannot tell the roles apart.
  'POST /logga-ut': NOBODY,
  // Bevakningar (issue 15): one's own watches; someone else's watch (here a made-up id) is not found.
  'GET /mina-bevakningar': 'signedIn',
  'POST /mina-bevakningar': 'signedIn',
  'POST /mina-bevakningar/:watchId/ta-bort': NOBODY,
  // The unsubscribe link of a watch mail works without sign-in; a made-up token is not found for anyone.
  'GET /bevakning/avsluta/:token': NOBODY,
  'POST /bevakning/avsluta/:token': NOBODY,
  // Web import (issue 18): a batch of A's with one queued file. Reviewing or storing a file not yet read is a
  // conflict (409) for those who may, a not found for everyone else; the demo's adjusted minutes have no original.
  'GET /arbetsyta/import': STAFF,
  'POST /arbetsyta/import': STAFF,
  'GET /arbetsyta/import/:batchId': 'secretary',
  'POST /arbetsyta/import/:batchId/godkann': 'secretary',
  'GET /arbetsyta/import/filer/:importFileId': 'secretary',
  'POST /arbetsyta/import/filer/:importFileId': 'secretary',
  'GET /arbetsyta/import/filer/:importFileId/original': 'secretary',
  'GET /arkiv/sammantraden/:meetingId/original': NOBODY,
};

let handle: DatabaseHandle;
let app: FastifyInstance;
let demo: DemoResult;
const routes: { method: string; url: string }[] = [];
let adjuster: TestUser;
const users = {} as Record<Exclude<Role, 'anonymous'>, TestUser>;
const ids = { batchId: '', importFileId: '', orgB: '', bodyB: '', draftMeeting: '', draftParagraph: '', confidentialParagraph: '', adjustedMeeting: '', adjustedParagraph: '', fileId: '', throwawayRole: '', throwawayUser: '', project: '', year: TODAY.slice(0, 4) };

async function csrfOf(user: TestUser): Promise<string> {
  const [row] = await queryRows<{ csrf_token: string }>(handle.db, sql`select csrf_token from sessions where user_id = ${user.userId} order by created_at desc limit 1`);
  // A session already ended (the API session end runs before the web sign-out) has no token: sent as anyone's.
  return row?.csrf_token ?? 'x';
}

/** The route's path with A's ids in its parameters. */
function fill(method: string, url: string): string {
  const archive = method === 'GET' && (url.startsWith('/arkiv') || url.startsWith('/api/meetings/:meetingId/minutes'));
  const signing = url.startsWith('/att-justera') || url.endsWith('/signatures') || url.endsWith('/rejections');
  const meetingId = url.endsWith('/kallelse.pdf') ? demo.plannedMeetingId : archive ? ids.adjustedMeeting : signing ? demo.awaitingSignatureMeetingId : ids.draftMeeting;
  const values: Record<string, string> = {
    meetingId,
    paragraphId: url.startsWith('/p/') ? ids.adjustedParagraph : ids.draftParagraph,
    bodyId: demo.boardId,
    organizationId: demo.organizationId,
    id: url.startsWith('/oparl') ? demo.organizationId : crypto.randomUUID(),
    fileId: ids.fileId,
    roleId: ids.throwawayRole,
    userId: ids.throwawayUser,
    year: ids.year,
    projectId: ids.project,
    tertial: 'T2',
    paragraph: '1',
    format: 'json',
    list: 'meetings',
    kind: 'bodies',
    name: 'autosave.js',
    period: '1',
    batchId: ids.batchId,
    importFileId: ids.importFileId,
  };
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? crypto.randomUUID()).replace('/*', '/finns-inte');
}

async function request(role: Role, method: string, url: string) {
  // The chair signs through the API; the adjuster, the other signer awaited, through the web pages.
  const user = role === 'anonymous' ? undefined : role === 'signer' && url.startsWith('/att-justera') ? adjuster : users[role];
  const api = url.startsWith('/api/') || url.startsWith('/oparl/');
  const headers: Record<string, string> = {};
  if (user && api) headers.authorization = user.headers.authorization;
  if (method === 'GET' || method === 'DELETE' && api) {
    if (user && !api) headers.cookie = `protokoll_session=${encodeURIComponent(user.token)}`;
    return app.inject({ method: method as 'GET', url, headers });
  }
  if (api) return app.inject({ method: method as 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: '{}' });
  const csrf = user ? await csrfOf(user) : 'x';
  headers.cookie = user ? `protokoll_session=${encodeURIComponent(user.token)}; pk_csrf=${csrf}` : `pk_csrf=${csrf}`;
  // The archive delivery names the organisation in its form: A's, which only A's administrators may deliver.
  const fields: Record<string, string> = url === '/admin/arkivleverans' ? { organisation: demo.organizationId, ar: TODAY.slice(0, 4) } : {};
  return app.inject({ method: method as 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString() });
}

function refused(statusCode: number, location: string | undefined): boolean {
  if ([401, 403, 404].includes(statusCode)) return true;
  return statusCode >= 300 && statusCode < 400 && (location ?? '').startsWith('/logga-in');
}

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  const b = await createOrganization(handle.db, { name: 'Samordningsförbundet Beta', organizationType: 'samordningsforbund' });
  ids.orgB = b.id;
  ids.bodyB = (await createBody(handle.db, { organizationId: b.id, name: 'Styrelsen' })).id;
  ids.draftMeeting = (await planMeeting(handle.db, { bodyId: demo.boardId, heldOn: '2026-09-10', standardItems: false })).meetingId;
  ids.draftParagraph = (await addAgendaItem(handle.db, ids.draftMeeting, { title: DRAFT_TITLE, text: 'Utkasttext Zebrafink' })).paragraphId;
  ids.confidentialParagraph = (await addAgendaItem(handle.db, ids.draftMeeting, { title: CONFIDENTIAL_TITLE })).paragraphId;
  await updateParagraph(handle.db, ids.confidentialParagraph, { confidential: true, confidentialReason: 'OSL 19:3' });
  const [adjusted] = await queryRows<{ meeting_id: string; paragraph_id: string }>(
    handle.db,
    sql`select m.id as meeting_id, p.id as paragraph_id from meetings m join paragraphs p on p.meeting_id = m.id where m.body_id = ${demo.boardId} and m.adjusted_on is not null and p.confidential = false order by m.held_on desc, p.number limit 1`,
  );
  ids.adjustedMeeting = adjusted!.meeting_id;
  ids.adjustedParagraph = adjusted!.paragraph_id;
  const [file] = await queryRows<{ id: string }>(handle.db, sql`select id from files limit 1`);
  ids.fileId = file!.id;
  ids.project = (await queryRows<{ id: string }>(handle.db, sql`select id from projects where organization_id = ${demo.organizationId} limit 1`))[0]!.id;
  await handle.db.execute(sql`update files set text_content = ${UNDERLAG_TEXT} where id = ${ids.fileId}`);
  const batch = await insertImportBatch(handle.db, { organizationId: demo.organizationId, bodyId: demo.boardId, createdBy: null, createdByName: 'Matris' });
  ids.batchId = batch.id;
  ids.importFileId = (await insertImportFile(handle.db, { batchId: batch.id, position: 1, name: 'underlag.pdf', sha256: null, fileId: ids.fileId, status: 'queued' })).id;

  const memberPerson = await createPerson(handle.db, { name: 'Ledamot Matris' });
  await addMandate(handle.db, { bodyId: demo.boardId, personId: memberPerson.id, role: 'member', startsOn: '2025-01-01' });
  const [chair] = await queryRows<{ person_id: string }>(handle.db, sql`select person_id from mandates where body_id = ${demo.boardId} and role = 'chair' limit 1`);
  users.member = await buildUser(handle.db, { name: 'Ledamot Matris', personId: memberPerson.id });
  users.signer = await buildUser(handle.db, { name: 'Ordforande Matris', personId: chair!.person_id });
  const [adjusterSignature] = await queryRows<{ person_id: string }>(
    handle.db,
    sql`select person_id from signatures where meeting_id = ${demo.awaitingSignatureMeetingId} and status = 'pending' and role = 'adjuster' limit 1`,
  );
  adjuster = await buildUser(handle.db, { name: 'Justerare Matris', personId: adjusterSignature!.person_id });
  users.secretaryA = await buildUser(handle.db, { name: 'Sekreterare Alfa', roles: [{ role: 'secretary', organizationId: demo.organizationId }] });
  users.adminA = await buildUser(handle.db, { name: 'Administrator Alfa', roles: [{ role: 'administrator', organizationId: demo.organizationId }] });
  users.secretaryB = await buildUser(handle.db, { name: 'Sekreterare Beta', roles: [{ role: 'secretary', organizationId: b.id }] });
  users.adminB = await buildUser(handle.db, { name: 'Administrator Beta', roles: [{ role: 'administrator', organizationId: b.id }] });
  users.systemAdmin = await buildUser(handle.db, { name: 'Systemadministrator', isAdministrator: true });
  const throwaway = await buildUser(handle.db, { name: 'Engangskonto', roles: [{ role: 'member', organizationId: demo.organizationId }] });
  ids.throwawayUser = throwaway.userId;
  ids.throwawayRole = (await queryRows<{ id: string }>(handle.db, sql`select id from user_roles where user_id = ${throwaway.userId}`))[0]!.id;

  // The sessions are made here and the signing requests come after every read: allow them an hour rather than
  // five minutes, since step-up is not what this matrix tests (test/integration/signing-step-up.test.ts is).
  configureSigning(handle, { stepUpMinutes: 60 });
  app = await buildApp({
    database: handle,
    today: () => TODAY,
    onRoute: (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, url: route.url });
    },
  });
  await app.ready();
}, 300_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('issue 23: the authorization matrix', () => {
  it('public pages, feeds and the public API never show a draft §, a confidential § or an underlag', async () => {
    const publicGets = routes.filter((r) => r.method === 'GET' && /^\/(arkiv|p\/|anslagstavla|sok|kommande|oparl|api\/search|protokoll\.atom|kalender\.ics|sitemap\.xml)/.test(r.url));
    expect(publicGets.length).toBeGreaterThan(15);
    const urls = publicGets.map((r) => fill(r.method, r.url));
    for (const q of [DRAFT_TITLE, CONFIDENTIAL_TITLE, UNDERLAG_TEXT, 'Zebrafink', 'Kolibri', 'Pelikan']) urls.push(`/sok?q=${encodeURIComponent(q)}`, `/api/search?q=${encodeURIComponent(q)}`);
    urls.push(`/arkiv/sammantraden/${ids.draftMeeting}`, `/p/${ids.draftParagraph}`, `/p/${ids.confidentialParagraph}`, `/oparl/v1/bodies/${demo.organizationId}/papers`, `/oparl/v1/bodies/${demo.organizationId}/meetings`);
    for (const url of urls) {
      const response = await app.inject({ method: 'GET', url });
      // A search page repeats the words searched for; only what it found counts.
      const query = new URL(url, 'http://x').searchParams.get('q') ?? '';
      const body = query ? [encodeURIComponent(url), query, encodeURIComponent(query), new URLSearchParams({ q: query }).toString().slice(2)].reduce((text, echo) => text.split(echo).join(''), response.body) : response.body;
      for (const secret of ['Zebrafink', 'Kolibri', 'Pelikan']) {
        const at = body.indexOf(secret);
        expect(at, `${url} shows ${secret}: …${body.slice(Math.max(0, at - 200), at + 100)}…`).toBe(-1);
      }
    }
  });

  it('every registered route has an entry in the matrix, and each role gets the answer its entry says', async () => {
    expect(routes.length).toBeGreaterThan(100);
    // Reads first, then writes; taking back (an empty reason changes nothing) before signing; ending the
    // session (web sign-out, API session end) last, since it ends the session the other requests use.
    const rank = (r: { method: string; url: string }) =>
      r.method === 'GET' ? 0 : r.url.endsWith('/atervisa') ? 1 : r.url === '/logga-ut' || r.url === '/api/sessions/current' ? 3 : 2;
    const ordered = [...routes].sort((x, y) => rank(x) - rank(y));
    const problems: string[] = [];
    const observed: string[] = [];
    for (const route of ordered) {
      const key = `${route.method} ${route.url}`;
      const access = MATRIX[key];
      if (!access && !process.env.MATRIX_OBSERVE) {
        problems.push(`add ${key} to the authorization matrix`);
        continue;
      }
      const allowed = access ? (Array.isArray(access) ? access : LEVELS[access]) : [];
      const url = fill(route.method, route.url);
      const seen: Role[] = [];
      const apiWrite = route.method !== 'GET' && (route.url.startsWith('/api/') || route.url.startsWith('/oparl/'));
      for (const role of ROLES) {
        const response = await request(role, route.method, url);
        const wasRefused = refused(response.statusCode, response.headers.location as string | undefined) || (REFUSED_AS_CONFLICT.has(key) && response.statusCode === 409);
        // An API write validates its body before the use case checks who acts: a 400 there says nothing.
        if (apiWrite && response.statusCode === 400) continue;
        if (!wasRefused) seen.push(role);
        if (access && wasRefused === allowed.includes(role)) problems.push(`${key} as ${role}: ${response.statusCode} ${String(response.headers.location ?? '')} (expected ${allowed.includes(role) ? 'allowed' : 'refused'})`);
      }
      observed.push(`  '${key}': ${JSON.stringify(seen)},`);
    }
    if (process.env.MATRIX_OBSERVE) console.log(`OBSERVED\n${observed.join('\n')}`);
    expect(problems).toEqual([]);
  }, 300_000);
});
