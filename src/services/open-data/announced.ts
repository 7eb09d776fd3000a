/**
 * Meetings announced by their kallelse and not yet adjusted, as OParl Meetings: `meetingState` is the
 * meeting's status, `cancelled` says a cancelled meeting (it stays listed, as in /kommande and the
 * calendar), and until the meeting is held the kallelse is its `invitation` and the agenda its
 * AgendaItems, by the rule /kommande follows.
 */
import type { AnnouncedMeetingRow, OpenParagraphKeyRow } from '../../storage/open-data.store.ts';
import type { DatabaseHandle } from '../../storage/index.ts';
import { iso, latest, OPEN_DATA_LICENSE, SCHEMA, withSwedishOffset, type OParlObject } from './common.ts';
import { publicAgendaItems } from './agenda-rule.ts';
import { invitationUrl } from './files.ts';
import { factsOf, INVITATION_STATUSES, invitationFileName, invitationKey, publicInvitationNotice, renderPublicInvitation } from './public-files.ts';

export async function announcedMeetingObjects(
  handle: DatabaseHandle,
  input: { base: string; web: string; meetings: AnnouncedMeetingRow[]; paragraphKeys: OpenParagraphKeyRow[] },
): Promise<{ meetings: OParlObject[]; agendaItems: OParlObject[]; files: OParlObject[]; locations: OParlObject[] }> {
  const { base, web } = input;
  const out = { meetings: [] as OParlObject[], agendaItems: [] as OParlObject[], files: [] as OParlObject[], locations: [] as OParlObject[] };
  for (const m of input.meetings) {
    const id = `${base}/meetings/${m.id}`;
    const own = input.paragraphKeys.filter((k) => k.meeting_id === m.id);
    const beforeMeeting = INVITATION_STATUSES.has(m.status);
    const modified = latest(m.updated_at, ...own.map((p) => p.updated_at));
    const items: OParlObject[] = beforeMeeting
      ? publicAgendaItems(own).map((p, index) => ({
          id: `${base}/agendaitems/${p.id}`,
          type: `${SCHEMA}AgendaItem`,
          meeting: id,
          ...(p.number === null ? {} : { number: String(p.number) }),
          order: index + 1,
          name: p.title,
          public: true,
          license: OPEN_DATA_LICENSE,
          created: iso(p.created_at),
          modified: iso(p.updated_at),
        }))
      : [];
    let invitation: OParlObject | null = null;
    if (beforeMeeting) {
      const notice = await publicInvitationNotice(handle.db, m);
      const facts = await factsOf(invitationKey(notice, m.convened_at), () => renderPublicInvitation(notice, m.convened_at));
      invitation = {
        id: `${base}/files/${m.id}-kallelse`,
        type: `${SCHEMA}File`,
        name: `Kallelse ${m.body_name} ${m.held_on}`,
        fileName: invitationFileName(m.body_name, m.held_on),
        mimeType: 'application/pdf',
        date: notice.sentOn!,
        ...(facts ? { size: facts.size, sha512Checksum: facts.sha512 } : {}),
        accessUrl: invitationUrl(web, m.id),
        downloadUrl: invitationUrl(web, m.id),
        meeting: [id],
        license: OPEN_DATA_LICENSE,
        created: iso(m.convened_at),
        modified,
      };
    }
    const location: OParlObject | null = m.location
      ? { id: `${base}/locations/${m.id}`, type: `${SCHEMA}Location`, description: m.location, meetings: [id], license: OPEN_DATA_LICENSE, created: iso(m.created_at), modified: iso(m.updated_at) }
      : null;
    out.meetings.push({
      id,
      type: `${SCHEMA}Meeting`,
      name: `${m.body_name} ${m.held_on}`,
      meetingState: m.status,
      cancelled: m.status === 'cancelled',
      start: withSwedishOffset(m.held_on, m.start_time),
      ...(m.end_time ? { end: withSwedishOffset(m.held_on, m.end_time) } : {}),
      ...(location ? { location } : {}),
      organization: [`${base}/organizations/${m.body_id}`],
      ...(invitation ? { invitation } : {}),
      agendaItem: items,
      license: OPEN_DATA_LICENSE,
      web: `${web}/kommande#mote-${m.id}`,
      created: iso(m.created_at),
      modified,
    });
    out.agendaItems.push(...items);
    if (invitation) out.files.push(invitation);
    if (location) out.locations.push(location);
  }
  return out;
}
