/**
 * Subscriptions for citizens and journalists: an iCalendar feed of meetings (per body or organisation,
 * Europe/Stockholm with its VTIMEZONE, stable UIDs, SEQUENCE that grows with every change, cancellations as
 * STATUS:CANCELLED), and Atom feeds of the notice board and of newly adjusted minutes. Public data only:
 * a meeting appears once its kallelse is sent, minutes once they are adjusted.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { Feed } from 'feed';
import ical, { ICalEventStatus } from 'ical-generator';
import { NotFoundError } from '../errors.ts';
import { findBodyById, findOrganizationById, listAgendaItems, listCalendarMeetings, listRecentlyAdjusted, listUpcomingMeetings, type CalendarMeetingRow, type Database } from '../storage/index.ts';
import { publicAgendaTitle } from './open-data/agenda-rule.ts';
import { getNoticeBoard } from './publication.service.ts';

export interface FeedScope {
  organizationId?: string;
  bodyId?: string;
}

const TIME_ZONE = 'Europe/Stockholm';

function titleOf(row: Pick<CalendarMeetingRow, 'bodyName' | 'organizationName'>): string {
  return row.organizationName ? `${row.bodyName}, ${row.organizationName}` : row.bodyName;
}

/** Whole seconds from a meeting's creation to its last change: grows with every change, as SEQUENCE must. */
function sequenceOf(row: CalendarMeetingRow): number {
  return Math.max(0, Math.floor((row.updatedAt.getTime() - row.createdAt.getTime()) / 1000));
}

/** The calendar of meetings as iCalendar text (RFC 5545). */
export async function meetingCalendar(db: Database, options: { scope: FeedScope; publicUrl: string; name: string }): Promise<string> {
  const rows = await listCalendarMeetings(db, options.scope);
  const calendar = ical({ name: options.name, prodId: { company: 'Protokoll', product: 'Sammanträden', language: 'SV' } });
  calendar.timezone({ name: TIME_ZONE, generator: getVtimezoneComponent });
  for (const row of rows) {
    if (!row.heldOn) continue;
    const link = `${options.publicUrl}/arkiv/sammantraden/${row.id}`;
    const timed = row.startTime !== null;
    calendar.createEvent({
      id: `${row.id}@protokoll`,
      sequence: sequenceOf(row),
      stamp: row.updatedAt,
      summary: `${titleOf(row)}: sammanträde`,
      ...(timed
        ? {
            start: `${row.heldOn}T${(row.startTime ?? '00:00').slice(0, 5)}:00`,
            end: `${row.heldOn}T${(row.endTime ?? row.startTime ?? '00:00').slice(0, 5)}:00`,
            timezone: TIME_ZONE,
          }
        : { start: row.heldOn, allDay: true }),
      location: row.remote ? [row.location, 'digitalt'].filter(Boolean).join(', ') : row.location,
      status: row.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(row.status === 'adjusted' || row.status === 'archived' ? { url: link, description: `Protokollet är justerat: ${link}` } : {}),
    });
  }
  return calendar.toString();
}

function atomFeed(options: { id: string; title: string; publicUrl: string; path: string; updated: Date }): Feed {
  return new Feed({
    id: options.id,
    title: options.title,
    link: `${options.publicUrl}/`,
    feedLinks: { atom: `${options.publicUrl}${options.path}` },
    updated: options.updated,
    language: 'sv',
    generator: 'Protokoll',
    copyright: 'Allmänna handlingar (offentlighetsprincipen)',
    author: { name: 'Protokoll' },
  });
}

/** Anslagstavlan as an Atom feed: one entry per notice on the board today. */
export async function noticeBoardFeed(db: Database, options: { today: string; publicUrl: string }): Promise<string> {
  const notices = await getNoticeBoard(db, { today: options.today });
  const updated = notices.reduce((latest, n) => (n.postedOn > latest ? n.postedOn : latest), '1970-01-01');
  const feed = atomFeed({ id: `${options.publicUrl}/anslagstavla`, title: 'Anslagstavla', publicUrl: options.publicUrl, path: '/anslagstavla.atom', updated: new Date(`${updated}T00:00:00Z`) });
  for (const notice of notices) {
    const link = `${options.publicUrl}/arkiv/sammantraden/${notice.meetingId}`;
    const paragraphs = notice.paragraphFirst !== null ? `, §§ ${notice.paragraphFirst}–${notice.paragraphLast ?? notice.paragraphFirst}` : '';
    feed.addItem({
      id: `urn:uuid:${notice.meetingId}`,
      title: `${titleOf(notice)}: protokoll ${notice.heldOn ?? ''}${paragraphs}`.trim(),
      link,
      date: new Date(`${notice.postedOn}T00:00:00Z`),
      description: [
        `Justerat ${notice.adjustedOn ?? '–'}, anslaget ${notice.postedOn}`,
        notice.lastAppealOn ? `sista dag för överklagande ${notice.lastAppealOn}` : null,
        notice.storage ? `förvaras hos ${notice.storage}` : null,
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  return feed.atom1();
}

/** Newly adjusted minutes as an Atom feed. */
export async function adjustedMinutesFeed(db: Database, options: { scope: FeedScope; publicUrl: string; path: string; title: string }): Promise<string> {
  const rows = await listRecentlyAdjusted(db, options.scope);
  const newest = rows.reduce((latest, r) => (r.updatedAt > latest ? r.updatedAt : latest), new Date(0));
  const feed = atomFeed({ id: `${options.publicUrl}${options.path}`, title: options.title, publicUrl: options.publicUrl, path: options.path, updated: newest });
  for (const row of rows) {
    const link = `${options.publicUrl}/arkiv/sammantraden/${row.id}`;
    feed.addItem({
      id: `urn:uuid:${row.id}`,
      title: `${titleOf(row)}: ${row.minutesKind === 'notes' ? 'minnesanteckningar' : 'protokoll'} ${row.heldOn ?? ''}`.trim(),
      link,
      date: row.adjustedOn ? new Date(`${row.adjustedOn}T00:00:00Z`) : row.updatedAt,
      description: row.paragraphFirst !== null ? `§§ ${row.paragraphFirst}–${row.paragraphLast ?? row.paragraphFirst}` : undefined,
    });
  }
  return feed.atom1();
}

/** The body a feed is for (bodies and their names are public). */
export async function bodyOfFeed(db: Database, bodyId: string): Promise<{ id: string; name: string }> {
  const body = await findBodyById(db, bodyId);
  if (!body) throw new NotFoundError('body_not_found', `no body with id ${bodyId}`);
  return { id: body.id, name: body.name };
}

/** The organisation a feed is for. */
export async function organizationOfFeed(db: Database, organizationId: string): Promise<{ id: string; name: string }> {
  const organization = await findOrganizationById(db, organizationId);
  if (!organization) throw new NotFoundError('organization_not_found', `no organisation with id ${organizationId}`);
  return { id: organization.id, name: organization.name };
}

/** A meeting whose kallelse has gone out, with its agenda as the public may see it. */
export interface UpcomingMeeting {
  meeting: CalendarMeetingRow;
  /** A confidential (OSL) item shows neither its title: the title itself may say what is secret. */
  items: { number: number | null; title: string | null; confidential: boolean }[];
}

/** Kommande sammanträden: meetings from today on whose kallelse is sent, soonest first, with their agendas. */
export async function getUpcomingMeetings(db: Database, options: { today: string }): Promise<UpcomingMeeting[]> {
  const meetings = await listUpcomingMeetings(db, options.today);
  const items = await listAgendaItems(db, meetings.map((m) => m.id));
  return meetings.map((meeting) => ({
    meeting,
    items: items
      .filter((i) => i.meetingId === meeting.id)
      .map((i) => ({ number: i.number, title: publicAgendaTitle(i), confidential: i.confidential })),
  }));
}
