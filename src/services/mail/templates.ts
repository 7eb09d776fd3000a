/**
 * The text of Protokoll's e-mail, in Swedish and English, as plain text and as simple, accessible HTML
 * (a lang attribute, one heading, real links with their own words). Pure: the use cases fill them in.
 */
export type MailLanguage = 'sv' | 'en';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** One message from a heading, paragraphs and an action link. */
function compose(
  language: MailLanguage,
  subject: string,
  paragraphs: string[],
  action: { label: string; url: string } | null,
  /** A last line under the signature with its own link (the watch mail's unsubscribe link). */
  footer?: { text: string; label: string; url: string },
): MailContent {
  const signature = language === 'sv' ? 'Meddelandet skickades av Protokoll.' : 'This message was sent by Protokoll.';
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), '--', signature, ...(footer ? [`${footer.text} ${footer.label}: ${footer.url}`] : [])].join('\n\n');
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">
<h1 style="font-size: 1.25rem">${escape(subject)}</h1>
${paragraphs.map((p) => (p.includes('\n') ? `<p style="white-space: pre-line">${escape(p)}</p>` : `<p>${escape(p)}</p>`)).join('\n')}
${action ? `<p><a href="${escape(action.url)}">${escape(action.label)}</a></p>` : ''}
<p style="color: #555">${escape(signature)}</p>
${footer ? `<p style="color: #555">${escape(footer.text)} <a href="${escape(footer.url)}">${escape(footer.label)}</a></p>\n` : ''}</body></html>
`;
  return { subject, text, html };
}

export interface MeetingRef {
  bodyName: string;
  organizationName: string | null;
  heldOn: string;
}

const meetingName = (m: MeetingRef, language: MailLanguage) =>
  language === 'sv' ? `${m.bodyName}s sammanträde ${m.heldOn}` : `the meeting of ${m.bodyName} on ${m.heldOn}`;

/**
 * The minutes are finalised and wait for this signer's justering. With `oneTimeLink` the signer has no
 * account: the link is personal, works once and until `oneTimeLink.expires`, and still asks them to
 * prove who they are before anything is shown or signed.
 */
export function signingRequested(language: MailLanguage, input: { meeting: MeetingRef; deadline: string; url: string; oneTimeLink?: { expires: string } | null }): MailContent {
  const link = input.oneTimeLink ?? null;
  return language === 'sv'
    ? compose('sv', `Protokoll att justera: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
        `Protokollet från ${meetingName(input.meeting, 'sv')} är klart och väntar på din justering.`,
        `Protokollet ska vara justerat senast ${input.deadline} (kommunallagen 5 kap. 69 §).`,
        ...(link
          ? [
              `Länken nedan är personlig och fungerar en gång, till och med ${link.expires}. Du har inget konto i Protokoll än: när du öppnar länken får du styrka vem du är, och då skapas ditt konto. Vidarebefordra inte meddelandet.`,
              'Fungerar inte länken? Kontakta sekreteraren.',
            ]
          : []),
      ], { label: 'Läs och justera protokollet', url: input.url })
    : compose('en', `Minutes to adjust: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
        `The minutes of ${meetingName(input.meeting, 'en')} are ready and wait for your justering.`,
        `They must be adjusted by ${input.deadline} (Local Government Act, ch. 5 s. 69).`,
        ...(link
          ? [
              `The link below is personal and works once, until ${link.expires}. You have no account in Protokoll yet: opening the link asks you to prove who you are, which creates your account. Do not forward this message.`,
              'Does the link not work? Ask the secretary.',
            ]
          : []),
      ], { label: 'Read and adjust the minutes', url: input.url });
}

/** A signer has not signed and the deadline is near or past. */
export function signingReminder(language: MailLanguage, input: { meeting: MeetingRef; deadline: string; overdue: boolean; url: string }): MailContent {
  if (language === 'sv') {
    const when = input.overdue ? `Fristen gick ut ${input.deadline}; justera så snart du kan.` : `Fristen går ut ${input.deadline}.`;
    return compose('sv', `Påminnelse: protokoll att justera, ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
      `Protokollet från ${meetingName(input.meeting, 'sv')} väntar fortfarande på din justering.`,
      when,
    ], { label: 'Läs och justera protokollet', url: input.url });
  }
  const when = input.overdue ? `The deadline was ${input.deadline}; please adjust as soon as you can.` : `The deadline is ${input.deadline}.`;
  return compose('en', `Reminder: minutes to adjust, ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
    `The minutes of ${meetingName(input.meeting, 'en')} still wait for your justering.`,
    when,
  ], { label: 'Read and adjust the minutes', url: input.url });
}

/** An assignment's report-back or a remiss answer is due soon or overdue. */
export function followUpReminder(
  language: MailLanguage,
  input: { kind: 'assignment' | 'consultation'; title: string; dueOn: string; overdue: boolean; responsible: string | null; url: string },
): MailContent {
  if (language === 'sv') {
    const what = input.kind === 'assignment' ? 'Återrapportering av uppdrag' : 'Remissvar';
    const state = input.overdue ? `skulle ha lämnats ${input.dueOn}` : `ska lämnas senast ${input.dueOn}`;
    return compose('sv', `${what} ${input.overdue ? 'försenad' : 'närmar sig'}: ${input.title}`, [
      `${what} för ”${input.title}” ${state}.`,
      ...(input.responsible ? [`Ansvarig: ${input.responsible}.`] : []),
    ], { label: 'Öppna registret', url: input.url });
  }
  const what = input.kind === 'assignment' ? 'Assignment report-back' : 'Consultation answer';
  const state = input.overdue ? `was due on ${input.dueOn}` : `is due by ${input.dueOn}`;
  return compose('en', `${what} ${input.overdue ? 'overdue' : 'due soon'}: ${input.title}`, [
    `The ${what.toLowerCase()} for “${input.title}” ${state}.`,
    ...(input.responsible ? [`Responsible: ${input.responsible}.`] : []),
  ], { label: 'Open the register', url: input.url });
}

/** The secretary asks a substitute to serve at a meeting in the place of a member who cannot come. */
export function substituteCall(language: MailLanguage, input: { meeting: MeetingRef; time: string | null; location: string | null; forName: string; url: string; contact: string | null }): MailContent {
  const when = [input.meeting.heldOn, input.time].filter(Boolean).join(' ');
  if (language === 'sv') {
    return compose('sv', `Inkallelse som ersättare: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
      `${input.forName} har anmält förhinder till ${meetingName(input.meeting, 'sv')}. Du kallas in som ersättare.`,
      `Tid: ${when}${input.location ? `. Plats: ${input.location}` : ''}.`,
      input.contact ? `Meddela sekreteraren om du inte kan komma: ${input.contact}.` : 'Meddela sekreteraren om du inte kan komma.',
    ], { label: 'Kallelse och handlingar', url: input.url });
  }
  return compose('en', `Called in as substitute: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
    `${input.forName} cannot attend ${meetingName(input.meeting, 'en')}. You are called in as substitute.`,
    `Time: ${when}${input.location ? `. Place: ${input.location}` : ''}.`,
    input.contact ? `Tell the secretary if you cannot come: ${input.contact}.` : 'Tell the secretary if you cannot come.',
  ], { label: 'Notice and documents', url: input.url });
}

/** One agenda line per item, and under it each document's title and address. */
function agendaText(items: KallelseItem[], documentsLabel: string): string {
  return items
    .map((item, i) => {
      const line = `${item.number !== null ? `§ ${item.number}` : `${i + 1}.`} ${item.title}`;
      const links = (item.documents ?? []).map((d) => `    ${documentsLabel} ${d.title}: ${d.url}`);
      return [line, ...links].join('\n');
    })
    .join('\n');
}

export interface KallelseItem {
  number: number | null;
  title: string;
  documents?: { title: string; url: string }[];
}

/**
 * Kallelse: the notice of a meeting with its agenda (each document linked), the PDF attached and a link
 * to the whole package; an update is marked as one in the subject and the first line.
 */
export function kallelse(
  language: MailLanguage,
  input: { meeting: MeetingRef; time: string | null; location: string | null; items: KallelseItem[]; update: boolean; url: string; packageUrl?: string; absenceUrl: string; contact: string | null },
): MailContent {
  const when = [input.meeting.heldOn, input.time].filter(Boolean).join(' ');
  if (language === 'sv') {
    return compose('sv', `${input.update ? 'Ändrad kallelse' : 'Kallelse'}: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
      input.update
        ? `Kallelsen till ${meetingName(input.meeting, 'sv')} är ändrad. Den nya kallelsen är bifogad; den ersätter den tidigare.`
        : `Du kallas till ${meetingName(input.meeting, 'sv')}. Kallelsen med föredragningslistan är bifogad.`,
      `Tid: ${when}${input.location ? `. Plats: ${input.location}` : ''}.`,
      `Föredragningslista:\n${agendaText(input.items, 'Handling:')}`,
      ...(input.packageUrl ? [`Kallelsen och alla handlingar i en PDF: ${input.packageUrl}`] : []),
      `Kan du inte komma? Anmäl förhinder så att en ersättare kan kallas in: ${input.absenceUrl}${input.contact ? ` (eller till ${input.contact})` : ''}.`,
    ], { label: 'Kallelse och handlingar', url: input.url });
  }
  return compose('en', `${input.update ? 'Changed notice' : 'Notice of meeting'}: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
    input.update
      ? `The notice of ${meetingName(input.meeting, 'en')} has changed. The new notice is attached and replaces the earlier one.`
      : `You are called to ${meetingName(input.meeting, 'en')}. The notice with the agenda is attached.`,
    `Time: ${when}${input.location ? `. Place: ${input.location}` : ''}.`,
    `Agenda:\n${agendaText(input.items, 'Document:')}`,
    ...(input.packageUrl ? [`The notice and all documents in one PDF: ${input.packageUrl}`] : []),
    `Cannot come? Report it so that a substitute can be called: ${input.absenceUrl}${input.contact ? ` (or to ${input.contact})` : ''}.`,
  ], { label: 'Notice and documents', url: input.url });
}

/** A watch found new adjusted minutes: the meeting, the §§ that match (public ones only) and how to stop. */
export function watchMatch(
  language: MailLanguage,
  input: {
    meeting: MeetingRef;
    /** The body watched, or the words of the search watched. */
    watched: { kind: 'body'; name: string } | { kind: 'search'; query: string };
    paragraphs: { number: number | null; title: string }[];
    url: string;
    unsubscribeUrl: string;
  },
): MailContent {
  const lines = input.paragraphs.map((p, i) => `${p.number !== null ? `§ ${p.number}` : `${i + 1}.`} ${p.title}`).join('\n');
  if (language === 'sv') {
    const what = input.watched.kind === 'body' ? `organet ${input.watched.name}` : `sökningen ”${input.watched.query}”`;
    return compose('sv', `Nytt justerat protokoll: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
      `Protokollet från ${meetingName(input.meeting, 'sv')} är justerat och publicerat. Du får det här för att du bevakar ${what}.`,
      input.watched.kind === 'body' ? `Paragrafer:\n${lines}` : `Paragrafer som matchar sökningen:\n${lines}`,
    ], { label: 'Läs protokollet', url: input.url }, { text: 'Vill du inte längre få de här meddelandena?', label: 'Avsluta bevakningen', url: input.unsubscribeUrl });
  }
  const what = input.watched.kind === 'body' ? `the body ${input.watched.name}` : `the search “${input.watched.query}”`;
  return compose('en', `New adjusted minutes: ${input.meeting.bodyName} ${input.meeting.heldOn}`, [
    `The minutes of ${meetingName(input.meeting, 'en')} are adjusted and published. You receive this because you watch ${what}.`,
    input.watched.kind === 'body' ? `Sections:\n${lines}` : `Sections matching the search:\n${lines}`,
  ], { label: 'Read the minutes', url: input.url }, { text: 'No longer want these messages?', label: 'Stop this watch', url: input.unsubscribeUrl });
}
