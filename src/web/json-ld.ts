/**
 * schema.org data (JSON-LD) for the public pages of adjusted minutes, so that search engines can show a
 * meeting as an event and its minutes as a document. A meeting is an `Event` held by a
 * `GovernmentOrganization`; its protocol is a `DigitalDocument` about that event (not `Legislation`,
 * which schema.org keeps for laws and regulations: a body's decisions are neither); a § is a
 * `DigitalDocument` that is part of the protocol. Only what the page itself shows.
 */
import { withSwedishOffset } from '../services/open-data/common.ts';
import type { PublicMeeting, PublicParagraph } from '../services/publication.service.ts';

/** The meeting's local time with its offset; a date without a time stays a date. */
const withOffset = (date: string, time: string | null) => (time ? withSwedishOffset(date, time) : date);

export function meetingJsonLd(published: PublicMeeting, site: string): Record<string, unknown> {
  const { meeting, body, minutes } = published;
  const page = `${site}/arkiv/sammantraden/${meeting.id}`;
  const organizer = { '@type': 'GovernmentOrganization', name: body.organizationName ?? body.bodyName, ...(body.organizationName ? { department: { '@type': 'GovernmentOrganization', name: body.bodyName } } : {}) };
  const event = {
    '@type': 'Event',
    '@id': `${page}#sammantrade`,
    name: `${body.bodyName} ${meeting.heldOn ?? ''}`.trim(),
    ...(meeting.heldOn ? { startDate: withOffset(meeting.heldOn, meeting.startTime) } : {}),
    ...(meeting.heldOn && meeting.endTime ? { endDate: withOffset(meeting.heldOn, meeting.endTime) } : {}),
    eventStatus: 'https://schema.org/EventScheduled',
    ...(meeting.location ? { location: { '@type': 'Place', name: meeting.location } } : {}),
    organizer,
    url: page,
  };
  const pdf = published.integrity.pdf === 'available' || published.integrity.pdf === 'rendition';
  const document = {
    '@type': 'DigitalDocument',
    '@id': `${page}#protokoll`,
    name: `${meeting.minutesKind === 'notes' ? 'Minnesanteckningar' : 'Protokoll'} ${body.bodyName} ${meeting.heldOn ?? ''}`.trim(),
    about: { '@id': event['@id'] },
    ...(minutes.adjustment.date ? { datePublished: minutes.adjustment.date } : {}),
    inLanguage: 'sv',
    publisher: organizer,
    isAccessibleForFree: true,
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    url: page,
    ...(pdf ? { encoding: { '@type': 'MediaObject', contentUrl: `${page}/protokoll.pdf`, encodingFormat: 'application/pdf' } } : {}),
  };
  return { '@context': 'https://schema.org', '@graph': [event, document] };
}

export function paragraphJsonLd(published: PublicMeeting, paragraph: PublicParagraph, site: string): Record<string, unknown> {
  const protocol = `${site}/arkiv/sammantraden/${published.meeting.id}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'DigitalDocument',
    '@id': `${site}/p/${paragraph.id}`,
    name: `§ ${paragraph.number ?? ''} ${paragraph.item?.title ?? ''}`.replace(/\s+/g, ' ').trim(),
    ...(paragraph.item?.decisions.length ? { abstract: paragraph.item.decisions.join('\n') } : {}),
    isPartOf: { '@type': 'DigitalDocument', '@id': `${protocol}#protokoll`, url: protocol },
    ...(published.minutes.adjustment.date ? { datePublished: published.minutes.adjustment.date } : {}),
    inLanguage: 'sv',
    isAccessibleForFree: true,
    url: `${site}/p/${paragraph.id}`,
  };
}
