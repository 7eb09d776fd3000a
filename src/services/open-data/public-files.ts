/**
 * The files open data publishes, as bytes: the protocol (the sealed PDF, or the masked rendition when §§
 * are under secrecy), the kallelse of a meeting not yet held, and the bilagor of public §§ of adjusted
 * minutes. Each is the same bytes every time, so its ETag, `Last-Modified` and the checksums in the OParl
 * File object hold; checksums are computed once per content and kept (`factsOf`).
 */
import { createHash } from 'node:crypto';
import { renderNoticeOfMeetingPdf, type NoticeOfMeeting } from '../../documents/index.ts';
import { swedishDateOf } from '../../domain/legal-dates.ts';
import { findAnnouncedMeeting, findOpenMeetingStamp, findPublicAttachment, listParagraphKeysOf, type AnnouncedMeetingRow } from '../../storage/open-data.store.ts';
import { findFileById, mandatesInForce, readStoredFile, type DatabaseHandle, type Database } from '../../storage/index.ts';
import { sortMandates } from '../meeting-cycle/common.ts';
import { getPublicMinutesPdf } from '../publication.service.ts';
import { publicAgendaItems } from './agenda-rule.ts';

export interface PublicFile {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  lastModified: Date;
}

/** Size and checksums of a file's bytes. */
export interface FileFacts {
  size: number;
  sha256: string;
  sha512: string;
}

/** Meeting statuses with a public kallelse: announced and not yet held. Once held, the §§ are draft minutes. */
export const INVITATION_STATUSES = new Set(['convened', 'cancelled']);

export function factsOfBytes(bytes: Uint8Array): FileFacts {
  return {
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sha512: createHash('sha512').update(bytes).digest('hex'),
  };
}

const MAX_FACTS = 2_000;
const facts = new Map<string, Promise<FileFacts | null>>();

/**
 * The facts of a file named by a key that changes whenever its bytes do (a content hash), computed once:
 * the OParl lists are built per request, and reading or rendering every PDF each time would not do.
 */
export function factsOf(key: string, load: () => Promise<Uint8Array | null>): Promise<FileFacts | null> {
  const known = facts.get(key);
  if (known) return known;
  const value = load().then((bytes) => (bytes ? factsOfBytes(bytes) : null));
  value.catch(() => facts.delete(key));
  facts.set(key, value);
  if (facts.size > MAX_FACTS) facts.delete(facts.keys().next().value!);
  return value;
}

const slug = (text: string) =>
  text
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'fil';

export function protocolFileName(bodyName: string, heldOn: string | null): string {
  return `protokoll-${slug(bodyName)}-${heldOn ?? 'utan-datum'}.pdf`;
}

export function invitationFileName(bodyName: string, heldOn: string): string {
  return `kallelse-${slug(bodyName)}-${heldOn}.pdf`;
}

export function attachmentFileName(title: string, originalName: string | null): string {
  const extension = /\.[a-z0-9]{1,5}$/i.exec(originalName ?? '')?.[0]?.toLowerCase() ?? '';
  return `${slug(title)}${extension}`;
}

/** The public PDF of adjusted minutes, or null when there is none (no sealed file, or it changed). */
export async function publicProtocolFile(handle: DatabaseHandle, meetingId: string): Promise<PublicFile | null> {
  const { meeting, pdf } = await getPublicMinutesPdf(handle, meetingId);
  if (pdf.status === 'none') return null;
  return {
    bytes: pdf.bytes,
    contentType: 'application/pdf',
    fileName: protocolFileName(meeting.body.bodyName, meeting.meeting.heldOn),
    lastModified: await publicMinutesLastModified(handle.db, meetingId),
  };
}

/**
 * The kallelse as the public may read it, drawn from the agenda as it stands: the items /kommande shows
 * (no title under secrecy), who is called (elected representatives), and neither presenters (officials)
 * nor the contact for absence (an e-mail address), which the copy sent to members carries.
 */
export async function publicInvitationNotice(db: Database, meeting: AnnouncedMeetingRow): Promise<NoticeOfMeeting> {
  const items = publicAgendaItems(await listParagraphKeysOf(db, [meeting.id]));
  const mandates = sortMandates(await mandatesInForce(db, meeting.body_id, meeting.held_on));
  return {
    organization: meeting.organization_name,
    body: meeting.body_name,
    meeting: { date: meeting.held_on, start: meeting.start_time?.slice(0, 5) ?? null, end: meeting.end_time?.slice(0, 5) ?? null, location: meeting.location, remote: meeting.remote },
    sentOn: swedishDateOf(new Date(meeting.convened_at).toISOString()),
    items: items.map((i) => ({ number: i.number, title: i.title })),
    invited: mandates.map((m) => ({ name: m.name, party: m.party, represents: m.appointedBy, role: m.role as 'chair' | 'vice-chair' | 'member' | 'substitute' })),
    chair: mandates.find((m) => m.role === 'chair')?.name ?? null,
  };
}

/** The kallelse's bytes: rendered with the instant it was sent as its date, so the same agenda gives the same bytes. */
export function renderPublicInvitation(notice: NoticeOfMeeting, convenedAt: Date | string): Promise<Buffer> {
  return renderNoticeOfMeetingPdf(notice, { createdAt: new Date(convenedAt) });
}

/** The key of a kallelse's bytes: a hash of everything drawn on it. */
export function invitationKey(notice: NoticeOfMeeting, convenedAt: Date | string): string {
  return `kallelse:${createHash('sha256').update(JSON.stringify([notice, new Date(convenedAt).toISOString()])).digest('hex')}`;
}

/** The public kallelse of a meeting not yet held, or null. */
export async function publicInvitationFile(handle: DatabaseHandle, meetingId: string): Promise<PublicFile | null> {
  const meeting = await findAnnouncedMeeting(handle.db, meetingId);
  if (!meeting || !INVITATION_STATUSES.has(meeting.status)) return null;
  const notice = await publicInvitationNotice(handle.db, meeting);
  const [latestItem] = (await listParagraphKeysOf(handle.db, [meetingId])).map((p) => p.updated_at).sort((a, b) => Date.parse(String(b)) - Date.parse(String(a)));
  return {
    bytes: await renderPublicInvitation(notice, meeting.convened_at),
    contentType: 'application/pdf',
    fileName: invitationFileName(meeting.body_name, meeting.held_on),
    lastModified: lastOf(meeting.updated_at, latestItem),
  };
}

/** A bilaga of a public § of adjusted minutes, or null. */
export async function publicAttachmentFile(handle: DatabaseHandle, attachmentId: string): Promise<PublicFile | null> {
  const attachment = await findPublicAttachment(handle.db, attachmentId);
  if (!attachment) return null;
  const file = await findFileById(handle.db, attachment.file_id);
  if (!file) return null;
  const bytes = readStoredFile(handle.filesDir, file);
  // A stored file is addressed by its SHA-256: bytes that no longer match are not served as the bilaga.
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) return null;
  return {
    bytes,
    contentType: file.contentType,
    fileName: attachmentFileName(attachment.title, attachment.original_name),
    lastModified: lastOf(attachment.file_created_at, attachment.paragraph_updated_at),
  };
}

function lastOf(...values: (Date | string | null | undefined)[]): Date {
  const times = values.filter((v): v is Date | string => v !== null && v !== undefined).map((v) => new Date(v).getTime());
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}

/** When a meeting's public PDF last changed (its seal, a § put under secrecy, archiving). */
export async function publicMinutesLastModified(db: Database, meetingId: string): Promise<Date> {
  const stamp = await findOpenMeetingStamp(db, meetingId);
  return lastOf(stamp?.sealed_at, stamp?.updated_at);
}
