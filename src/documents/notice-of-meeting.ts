/**
 * Kallelse: the notice of a planned meeting sent to members and substitutes, with the agenda
 * (föredragningslista). The input is plain data, so it can come from a stored meeting or a file.
 */
import type { AttendeeRole } from '../domain/minutes.ts';
import type { DocumentContent, FieldRow, Section } from './document-model.ts';
import { labels } from './labels.ts';
import { formatDateInWords, formatTimeSpan } from './swedish-format.ts';

/** Ett ärende på föredragningslistan. */
export interface AgendaItem {
  /** The § number the item will get, when numbered in advance. */
  number: number | null;
  title: string;
  /** Diarienummer, without 'Dnr'. */
  caseNumber?: string | null;
  /** Föredragande. */
  presenters?: string[];
}

/** A person called to the meeting. */
export interface InvitedPerson {
  name: string;
  party?: string | null;
  /** The municipality or organisation that appointed the person. */
  represents?: string | null;
  role: AttendeeRole;
}

/** Kallelse: a planned meeting, its agenda and who is called. */
export interface NoticeOfMeeting {
  organization: string | null;
  body: string;
  meeting: {
    /** YYYY-MM-DD. */
    date: string;
    /** HH:MM. */
    start: string | null;
    end?: string | null;
    location: string | null;
    remote?: boolean | null;
  };
  /** The day the notice is sent, YYYY-MM-DD. */
  sentOn?: string | null;
  items: AgendaItem[];
  invited: InvitedPerson[];
  chair?: string | null;
  secretary?: string | null;
  /** Where to report that one cannot attend, e.g. 'sekreteraren, 0611-123 45'. */
  absenceContact?: string | null;
}

export function buildNoticeOfMeetingContent(notice: NoticeOfMeeting): DocumentContent {
  const when = [formatDateInWords(notice.meeting.date), formatTimeSpan(notice.meeting.start, notice.meeting.end ?? null)]
    .filter(Boolean)
    .join(', ');
  const rows: FieldRow[] = [{ label: labels.noticeOfMeeting.time, lines: [when] }];
  const place = [notice.meeting.location, notice.meeting.remote ? labels.remoteMeeting : null].filter(
    (line): line is string => Boolean(line),
  );
  if (place.length > 0) rows.push({ label: labels.noticeOfMeeting.place, lines: place });
  if (notice.sentOn) rows.push({ label: labels.noticeOfMeeting.sentOn, lines: [notice.sentOn] });

  const invitedRows: FieldRow[] = [];
  const line = (person: InvitedPerson) =>
    [person.party ? `${person.name} (${person.party})` : person.name, person.represents, labels.roles[person.role]]
      .filter(Boolean)
      .join(', ');
  const groups: [string, InvitedPerson[]][] = [
    [labels.noticeOfMeeting.members, notice.invited.filter((p) => ['chair', 'vice-chair', 'member'].includes(p.role))],
    [labels.noticeOfMeeting.substitutes, notice.invited.filter((p) => p.role === 'substitute')],
    [labels.noticeOfMeeting.others, notice.invited.filter((p) => ['secretary', 'official', 'guest'].includes(p.role))],
  ];
  for (const [label, people] of groups) {
    if (people.length > 0) invitedRows.push({ label, lines: people.map(line), oneEntryPerLine: true, stacked: true });
  }

  const sections: Section[] = [
    {
      blocks: [
        { type: 'fields', rows },
        { type: 'heading', level: 2, text: labels.noticeOfMeeting.agenda },
        {
          type: 'table',
          caption: labels.noticeOfMeeting.agendaCaption,
          head: [...labels.noticeOfMeeting.agendaHead],
          rows: notice.items.map((item) => [
            item.number != null ? `§ ${item.number}` : '',
            item.title,
            item.caseNumber ?? '',
            (item.presenters ?? []).join(', '),
          ]),
          widths: [0.09, 0.51, 0.16, 0.24],
        },
      ],
    },
  ];
  if (invitedRows.length > 0) sections.push({ blocks: [{ type: 'fields', rows: invitedRows }] });
  if (notice.absenceContact) {
    sections.push({ blocks: [{ type: 'paragraph', text: labels.noticeOfMeeting.absence(notice.absenceContact) }] });
  }
  const signers = [
    notice.chair ? { role: labels.noticeOfMeeting.chair, name: notice.chair, note: null } : null,
    notice.secretary ? { role: labels.noticeOfMeeting.secretary, name: notice.secretary, note: null } : null,
  ].filter((signer) => signer !== null);
  if (signers.length > 0) sections.push({ blocks: [{ type: 'signatures', heading: labels.signatures, signers }] });

  const title = [labels.documentName.noticeOfMeeting, notice.body, notice.meeting.date].join(' – ');
  return {
    title: notice.organization ? `${title}, ${notice.organization}` : title,
    subject: `${labels.documentName.noticeOfMeeting} till ${notice.body} ${notice.meeting.date}`,
    author: notice.organization,
    band: {
      organization: notice.organization,
      kindWord: labels.kind.noticeOfMeeting,
      body: notice.body,
      dateLabel: labels.meetingDate,
      date: notice.meeting.date,
    },
    footerBoxes: false,
    sections,
  };
}
