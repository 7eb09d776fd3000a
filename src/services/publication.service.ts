/**
 * Use cases of the public side: the digital notice board (anslagstavla), the archive of adjusted minutes
 * and the permanent page of one §. Nothing unadjusted is ever returned, and confidential §§ (OSL) are
 * masked in a meeting and answer "not found" on their own.
 */
import { renderMinutesPdf } from '../documents/index.ts';
import { addDays, noticeDates } from '../domain/legal-dates.ts';
import type { Minutes, MinutesItem } from '../domain/minutes.ts';
import { organisationTypes, ruleProfileFor, type OrganisationType, type RuleProfile } from '../domain/rule-profile.ts';
import { NotFoundError } from '../errors.ts';
import { findFileById, loadMinutes, readStoredFile, type Database, type DatabaseHandle } from '../storage/index.ts';
import { checkPublishedMinutes, readSealedMinutesPdf, type PublishedIntegrity, type SealedPdf } from './integrity.service.ts';
import { publicViewOf } from './privacy.service.ts';
import { whileUnchanged } from './public-cache.ts';
import {
  findBodyWithOrganization,
  findNoticeOfMeeting,
  findPublicMeeting,
  findPublicParagraph,
  findPublicParagraphByNumber,
  listArchiveYears,
  listParagraphKeys,
  listParagraphDraftFields as listParagraphDraftRows,
  listPostedNotices,
  listPublicMeetings,
  type BodyWithOrganizationRow,
  type PublicMeetingRow,
} from '../storage/publication.store.ts';

const swedishOrder = new Intl.Collator('sv');

/** The dates a notice shows: stored values, or computed by the legal clocks when the stored ones are missing. */
export interface PublicNoticeDates {
  adjustedOn: string | null;
  postedOn: string;
  /** Sista dag för överklagande; null when the body has no appeal clock. */
  lastAppealOn: string | null;
  /** Anslaget sitter uppe t.o.m. */
  postedUntilOn: string | null;
  /** Anslaget tas ned. */
  takeDownOn: string | null;
  storage: string | null;
}

/** One notice on the board. */
export interface BoardNotice extends PublicNoticeDates {
  meetingId: string;
  heldOn: string | null;
  minutesKind: 'protocol' | 'notes';
  paragraphFirst: number | null;
  paragraphLast: number | null;
  bodyId: string;
  bodyName: string;
  organizationName: string | null;
}

/** How long after its posting a notice is still looked for: three weeks plus holidays, with room to spare. */
const BOARD_LOOKBACK_DAYS = 60;

/** Anslagstavlan: the notices on the board `today`, newest first (KL 8:12, 13:5). Cached while nothing changes: do not change the result. */
export async function getNoticeBoard(db: Database, options: { today: string }): Promise<BoardNotice[]> {
  return whileUnchanged(db, `notice-board:${options.today}`, () => loadNoticeBoard(db, options));
}

async function loadNoticeBoard(db: Database, options: { today: string }): Promise<BoardNotice[]> {
  const rows = await listPostedNotices(db, { fromOn: addDays(options.today, -BOARD_LOOKBACK_DAYS), toOn: options.today });
  return rows
    .map((row) => ({
      meetingId: row.meetingId,
      heldOn: row.heldOn,
      minutesKind: row.minutesKind === 'notes' ? ('notes' as const) : ('protocol' as const),
      paragraphFirst: row.paragraphFirst,
      paragraphLast: row.paragraphLast,
      bodyId: row.bodyId,
      bodyName: row.bodyName,
      organizationName: row.organizationName,
      ...completeNoticeDates(row, profileOf(row)),
    }))
    .filter((notice) => isOnBoard(notice, options.today))
    // Same day: by body in Swedish alphabetical order (å, ä, ö last), which SQL cannot do on PGlite.
    .sort((a, b) => (a.postedOn === b.postedOn ? swedishOrder.compare(a.bodyName, b.bodyName) : a.postedOn < b.postedOn ? 1 : -1));
}

function isOnBoard(notice: PublicNoticeDates, today: string): boolean {
  if (notice.postedOn > today) return false;
  if (notice.takeDownOn) return today < notice.takeDownOn;
  if (notice.postedUntilOn) return today <= notice.postedUntilOn;
  // A notice without an appeal clock (an association's minutes) stays three weeks, like the others.
  return today <= addDays(notice.postedOn, 21);
}

function completeNoticeDates(
  stored: {
    adjustedOn: string | null;
    postedOn: string;
    postedUntilOn: string | null;
    lastAppealOn: string | null;
    takeDownOn: string | null;
    storage: string | null;
  },
  profile: RuleProfile,
): PublicNoticeDates {
  const computed =
    stored.lastAppealOn && stored.takeDownOn
      ? null
      : noticeDates({
          postedOn: stored.postedOn,
          adjustedOn: stored.adjustedOn && stored.adjustedOn <= stored.postedOn ? stored.adjustedOn : null,
          profile,
        });
  return {
    adjustedOn: stored.adjustedOn,
    postedOn: stored.postedOn,
    lastAppealOn: stored.lastAppealOn ?? computed?.lastAppealOn ?? null,
    postedUntilOn: stored.postedUntilOn ?? computed?.postedUntilOn ?? null,
    takeDownOn: stored.takeDownOn ?? computed?.takeDownOn ?? null,
    storage: stored.storage,
  };
}

function profileOf(body: { organizationType: string | null; bodyKind: string; decisionMaking: boolean }): RuleProfile {
  const organisationType = (organisationTypes as readonly string[]).includes(body.organizationType ?? '')
    ? (body.organizationType as OrganisationType)
    : 'municipal';
  const bodyKind = body.decisionMaking && body.bodyKind !== 'network' ? 'decision_making' : 'network';
  return ruleProfileFor({ organisationType, bodyKind });
}

/** The archive's front page: organisations, their bodies and the years with adjusted minutes. */
export interface ArchiveOrganization {
  id: string | null;
  name: string | null;
  bodies: { id: string; name: string; years: { year: number | null; meetingCount: number }[] }[];
}

/** Arkivet: every organisation with public minutes, its bodies and their years, in Swedish order. Cached while nothing changes: do not change the result. */
export async function getArchive(db: Database): Promise<ArchiveOrganization[]> {
  return whileUnchanged(db, 'archive', () => loadArchive(db));
}

async function loadArchive(db: Database): Promise<ArchiveOrganization[]> {
  const rows = await listArchiveYears(db);
  const organizations = new Map<string, ArchiveOrganization>();
  for (const row of rows) {
    const key = row.organizationId ?? '';
    let organization = organizations.get(key);
    if (!organization) {
      organization = { id: row.organizationId, name: row.organizationName, bodies: [] };
      organizations.set(key, organization);
    }
    let body = organization.bodies.find((b) => b.id === row.bodyId);
    if (!body) {
      body = { id: row.bodyId, name: row.bodyName, years: [] };
      organization.bodies.push(body);
    }
    body.years.push({ year: row.year, meetingCount: row.meetingCount });
  }
  const list = [...organizations.values()];
  for (const organization of list) {
    organization.bodies.sort((a, b) => swedishOrder.compare(a.name, b.name));
    for (const body of organization.bodies) body.years.sort((a, b) => (b.year ?? 0) - (a.year ?? 0));
  }
  // Bodies that no single organisation owns come last.
  return list.sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : swedishOrder.compare(a.name, b.name)));
}

/** A body's page in the archive. */
export interface BodyArchive {
  body: BodyWithOrganizationRow;
  years: number[];
  year: number | null;
  meetings: PublicMeetingRow[];
}

/** The public meetings of one body in a year (the latest year with minutes when none is given). */
export async function getBodyArchive(db: Database, options: { bodyId: string; year?: number | null }): Promise<BodyArchive> {
  const body = await findBodyWithOrganization(db, options.bodyId);
  const all = body ? await listPublicMeetings(db, { bodyId: options.bodyId, year: null }) : [];
  if (!body || all.length === 0) throw new NotFoundError('body_not_found', `no public minutes of body ${options.bodyId}`, { bodyId: options.bodyId });
  const years = [...new Set(all.flatMap((m) => (m.year === null ? [] : [m.year])))].sort((a, b) => b - a);
  const year = options.year ?? years[0] ?? null;
  if (year !== null && !years.includes(year)) {
    throw new NotFoundError('year_not_found', `no public minutes of body ${options.bodyId} in ${year}`, { bodyId: options.bodyId, year });
  }
  return { body, years, year, meetings: all.filter((m) => year === null || m.year === year) };
}

/** One § of public minutes, with its permanent id; a confidential § has no content, only its reason. */
export interface PublicParagraph {
  id: string;
  number: number | null;
  confidential: boolean;
  confidentialReason: string | null;
  /** A § withheld from the web whose title the secretary chose to show (issue 17); null otherwise. */
  withheldTitle: string | null;
  /** The § as the minutes record it; null when confidential. */
  item: MinutesItem | null;
}

/** A meeting's adjusted minutes as the public may read them. */
export interface PublicMeeting {
  meeting: PublicMeetingRow;
  body: BodyWithOrganizationRow;
  /** The minutes with confidential §§ removed (their numbers stay in `paragraphs`). */
  minutes: Minutes;
  paragraphs: PublicParagraph[];
  notice: PublicNoticeDates | null;
  /** Whether the minutes are as sealed at justering, and whether the sealed PDF may be downloaded. */
  integrity: PublishedIntegrity;
  /** Set when parts are masked or withheld (issue 17): the reasons used, and the attachments given out as no file. */
  webVersion: { reasons: string[]; withheldAttachments: Map<string, string> } | null;
}

/**
 * The public rendition of a meeting's minutes; "not found" unless they are adjusted or archived. Kept
 * in the public cache while nothing changes (public-cache.ts), together with whether that content
 * verifies against its seal: the result is shared, never change it.
 */
export async function getPublicMeeting(handle: DatabaseHandle, meetingId: string): Promise<PublicMeeting> {
  return whileUnchanged(handle.db, `public-meeting:${meetingId}`, () => loadPublicMeeting(handle, meetingId));
}

async function loadPublicMeeting(handle: DatabaseHandle, meetingId: string): Promise<PublicMeeting> {
  const { db } = handle;
  const meeting = isUuid(meetingId) ? await findPublicMeeting(db, meetingId) : null;
  if (!meeting) throw new NotFoundError('meeting_not_found', `no public minutes with id ${meetingId}`, { meetingId });
  const [body, minutes, keys, storedNotice] = await Promise.all([
    findBodyWithOrganization(db, meeting.bodyId),
    loadMinutes(db, meetingId),
    listParagraphKeys(db, meetingId),
    findNoticeOfMeeting(db, meetingId),
  ]);
  if (!body) throw new NotFoundError('meeting_not_found', `no public minutes with id ${meetingId}`, { meetingId });
  // The public view (issue 17): maskings applied, §§ withheld with their reason; the original stays as it is.
  const view = await publicViewOf(db, meetingId, minutes, keys.map((k) => k.id));
  const hidden = keys.map((key, index) => key.confidential || view.withheldParagraphs[index] !== null);
  const paragraphs: PublicParagraph[] = keys.map((key, index) => ({
    id: key.id,
    number: key.number,
    confidential: hidden[index]!,
    confidentialReason: key.confidential ? key.confidentialReason : (view.withheldParagraphs[index]?.reason ?? null),
    withheldTitle: !key.confidential && view.withheldParagraphs[index]?.showTitle ? (view.minutes.items[index]?.title ?? null) : null,
    item: hidden[index] ? null : (view.minutes.items[index] ?? null),
  }));
  const notice =
    storedNotice?.postedOn
      ? completeNoticeDates(
          {
            adjustedOn: meeting.adjustedOn,
            postedOn: storedNotice.postedOn,
            postedUntilOn: storedNotice.postedUntilOn,
            lastAppealOn: storedNotice.lastAppealOn,
            takeDownOn: storedNotice.takeDownOn,
            storage: storedNotice.storage ?? body.minutesStorage,
          },
          profileOf(body),
        )
      : null;
  // Checked on the whole minutes, confidential §§ and masked parts included, as they were sealed. Masked
  // minutes, like those with §§ under secrecy, get a rendition instead of the sealed (whole) PDF.
  const masked = view.reasons.length > 0;
  const integrity = await checkPublishedMinutes(handle, meetingId, minutes, { hasConfidential: keys.some((k) => k.confidential) || masked });
  return {
    meeting,
    body,
    minutes: { ...view.minutes, items: view.minutes.items.filter((_, index) => !hidden[index]) },
    paragraphs,
    notice,
    integrity,
    webVersion: masked ? { reasons: view.reasons, withheldAttachments: view.withheldAttachments } : null,
  };
}

/** The permanent page of one §: the meeting it belongs to and the § itself. Confidential §§ are "not found". */
export async function getPublicParagraph(handle: DatabaseHandle, paragraphId: string): Promise<{ meeting: PublicMeeting; paragraph: PublicParagraph }> {
  const key = isUuid(paragraphId) ? await findPublicParagraph(handle.db, paragraphId) : null;
  if (!key || key.confidential) throw new NotFoundError('paragraph_not_found', `no public § with id ${paragraphId}`, { paragraphId });
  const meeting = await getPublicMeeting(handle, key.meetingId);
  const paragraph = meeting.paragraphs.find((p) => p.id === paragraphId);
  if (!paragraph?.item) throw new NotFoundError('paragraph_not_found', `no public § with id ${paragraphId}`, { paragraphId });
  return { meeting, paragraph };
}

/** The id of § `number` in a body's year, for readable links (/arkiv/organ/…/2020/§12); confidential answers "not found". */
export async function findPublicParagraphId(db: Database, where: { bodyId: string; year: number; number: number }): Promise<string> {
  const key = isUuid(where.bodyId) ? await findPublicParagraphByNumber(db, where) : null;
  if (!key || key.confidential) throw new NotFoundError('paragraph_not_found', `no public § ${where.number} in ${where.year}`, where);
  return key.id;
}

/**
 * The public PDF of adjusted minutes: the sealed file exactly as sealed (the signed document, or the
 * imported original), never a rendering from the database; or why there is none.
 */
export async function getPublicMinutesPdf(
  handle: DatabaseHandle,
  meetingId: string,
): Promise<{ meeting: PublicMeeting; pdf: SealedPdf | { status: 'rendition'; bytes: Uint8Array } }> {
  const meeting = await getPublicMeeting(handle, meetingId);
  if (meeting.integrity.pdf === 'rendition') return { meeting, pdf: { status: 'rendition', bytes: await renderMaskedMinutesPdf(meeting) } };
  const pdf = await readSealedMinutesPdf(handle, meetingId, { hasConfidential: meeting.paragraphs.some((p) => p.confidential) || meeting.webVersion !== null });
  return { meeting, pdf };
}

/**
 * The public rendition of minutes with §§ under secrecy, those §§ named but masked. Drawn from the minutes
 * just loaded and found equal to their seal (integrity.pdf 'rendition'), never from unverified content.
 */
async function renderMaskedMinutesPdf({ meeting, minutes, paragraphs, webVersion }: PublicMeeting): Promise<Buffer> {
  const items: MinutesItem[] = paragraphs.map(
    (p) =>
      p.item ?? {
        number: p.number,
        title: p.withheldTitle ?? 'Sekretessbelagt ärende',
        caseNumber: null,
        decisions: [],
        text: p.confidentialReason ? `Omfattas av sekretess (${p.confidentialReason}).` : 'Omfattas av sekretess.',
      },
  );
  // Dated by the justering, not by the request: the same minutes give the same bytes, so the file's
  // ETag and the checksum published in open data hold from one download to the next.
  const day = meeting.adjustedOn ?? meeting.heldOn;
  const publicVersion = webVersion
    ? {
        heading: 'Webbversion',
        lead: 'Webbversion. Personuppgifter och uppgifter som omfattas av sekretess är maskerade; originalet förvaras oförändrat.',
        reasons: webVersion.reasons.map((r) => `Maskerat enligt ${r}`),
      }
    : undefined;
  return renderMinutesPdf({ ...minutes, items }, { ...(day ? { createdAt: `${day}T12:00:00Z` } : {}), ...(publicVersion ? { publicVersion } : {}) });
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}

/** Which §§ of a meeting (in document order) are confidential and so masked when the minutes are published. */
export async function listParagraphPublicity(db: Database, meetingId: string): Promise<{ id: string; confidential: boolean; confidentialReason: string | null }[]> {
  return (await listParagraphKeys(db, meetingId)).map((k) => ({ id: k.id, confidential: k.confidential, confidentialReason: k.confidentialReason }));
}

/** Per § of a meeting (in document order): its förslag till beslut and whether it was adjusted at the meeting (omedelbar justering). */
export async function listParagraphDraftFields(db: Database, meetingId: string): Promise<{ id: string; proposal: string | null; adjustedImmediately: boolean }[]> {
  return (await listParagraphDraftRows(db, meetingId)).map((row) => ({ id: row.id, proposal: row.proposal, adjustedImmediately: row.adjustedImmediately === true }));
}

/**
 * The original file public minutes were imported from (issue 18), kept as uploaded and linked from the archive
 * page. Only for public minutes without confidential §§: the original is not masked, so with a § under secrecy
 * it is not given out (the minutes' own page and PDF mask that §).
 */
export async function getPublicOriginal(handle: DatabaseHandle, meetingId: string): Promise<{ meeting: PublicMeeting; bytes: Uint8Array; contentType: string; name: string }> {
  const meeting = await getPublicMeeting(handle, meetingId);
  const fileId = meeting.meeting.sourceFileId;
  const file = fileId && !meeting.paragraphs.some((p) => p.confidential) ? await findFileById(handle.db, fileId) : null;
  if (!file) throw new NotFoundError('original_not_found', `the minutes ${meetingId} have no public original`, { meetingId });
  return { meeting, bytes: readStoredFile(handle.filesDir, file), contentType: file.contentType, name: file.originalName ?? 'original' };
}

/** Whether the archive page links the imported original (see getPublicOriginal). */
export function hasPublicOriginal(meeting: PublicMeeting): boolean {
  return meeting.meeting.sourceFileId !== null && !meeting.paragraphs.some((p) => p.confidential);
}
